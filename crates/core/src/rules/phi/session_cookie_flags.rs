//! Session cookies without Secure, HttpOnly or SameSite: a session cookie is the key to the
//! patient's whole record. Without Secure it is sent over plain http; without HttpOnly any
//! injected script can steal it; without SameSite other sites can ride on it.
//!
//! Salesforce sets a few session-related cookies that its own client code must read
//! (`sid_Client`, `__Secure-has-sid`, `clientSrc`, `inst`, `oid`): they carry no session
//! secret and are not flagged for lacking HttpOnly.

use crate::engine::Context;
use crate::finding::{Category, Outcome};
use crate::phi::KindSet;
use crate::report::phi as evidence;
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};
use crate::snapshot::Cookie;

static META: RuleMeta = RuleMeta {
    id: "session-cookie-flags",
    title: "Session cookies are Secure, HttpOnly and SameSite",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Set session cookies with Secure (https only), HttpOnly (no script access) and \
           SameSite=Lax or Strict (SameSite=None only with Secure, for cross-site embedding). \
           In Salesforce, keep \"Require secure connections (HTTPS)\" and \"Require HttpOnly \
           attribute\" on in Session Settings.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "cookie",
        kinds: KindSet::EMPTY,
        hipaa: &["164.312(e)(1)", "164.312(a)(1)", "164.312(d)"],
    }),
    examples: &[
        Example::fail("<p>Home</p>").with_facts(
            r#"{"cookies":[{"name":"sid","value":"00D5g!AQ0","secure":false,"http_only":true,"same_site":"Lax"}]}"#,
        ),
        Example::fail("<p>Home</p>").with_facts(
            r#"{"cookies":[{"name":"JSESSIONID","value":"x1","secure":true,"http_only":false}]}"#,
        ),
        // sid_Client must be readable by Salesforce's client code.
        Example::pass("<p>Home</p>").with_facts(
            r#"{"cookies":[{"name":"sid_Client","value":"abc","secure":true,"http_only":false,"same_site":"Lax"},
                           {"name":"sid","value":"00D5g!AQ0","secure":true,"http_only":true,"same_site":"None"}]}"#,
        ),
        Example::inapplicable("<p>Home</p>")
            .with_facts(r#"{"cookies":[{"name":"renderCtx","value":"%7B%7D"}]}"#),
    ],
};

/// Salesforce cookies its client code reads: HttpOnly would break the platform.
const SCRIPT_READABLE: &[&str] = &[
    "sid_Client",
    "__Secure-has-sid",
    "clientSrc",
    "inst",
    "oid",
    "CookieConsentPolicy",
    "LSKey-c$CookieConsentPolicy",
];

/// Whether the cookie's name says it holds or marks a login session.
pub(super) fn is_session_cookie(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    lower.contains("session")
        || lower.contains("sessid")
        || words
            .iter()
            .any(|w| matches!(*w, "sid" | "sess" | "auth" | "jwt"))
        || lower.ends_with("_sid")
        || lower == "access_token"
}

crate::rule!(SessionCookieFlags = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(cookies) = &cx.snapshot.cookies else {
        return;
    };
    for cookie in cookies.iter().filter(|c| is_session_cookie(&c.name)) {
        let missing = missing_flags(cookie);
        let source = Some(format!("cookie {}", crate::phi::redact(&cookie.name)));
        if missing.is_empty() {
            evidence::pass_with(sink, None, KindSet::EMPTY, source);
        } else {
            let message = format!(
                "The session cookie {} lacks {}.",
                crate::phi::redact(&cookie.name),
                missing.join(", ")
            );
            evidence::report(
                sink,
                Outcome::Fail,
                None,
                KindSet::EMPTY,
                source,
                Vec::new(),
                message,
            );
        }
    }
}

fn missing_flags(cookie: &Cookie) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if !cookie.secure {
        missing.push("Secure");
    }
    if !cookie.http_only && !SCRIPT_READABLE.contains(&cookie.name.as_str()) {
        missing.push("HttpOnly");
    }
    match cookie
        .same_site
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        // SameSite=None is a choice (cross-site embedding); browsers require Secure with
        // it, which is checked above.
        Some("strict" | "lax" | "none") => {}
        _ => missing.push("SameSite"),
    }
    missing
}
