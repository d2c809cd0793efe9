//! A persistent session cookie: the login's session cookie should end with the browser
//! (no expiry) or live no longer than the idle limit (`[session] idle_timeout_secs`,
//! default 900 s). A cookie that lives for days keeps the patient signed in on a shared
//! computer after the browser is closed.
//!
//! HIPAA: 164.312(a)(2)(iii) automatic logoff.
//!
//! Facts: `session_check.login_cookies` (the cookies the login set, with their lifetime)
//! and `session_check.idle_timeout_secs`. Which cookies are session cookies: the same
//! names `session-cookie-flags` checks.

use crate::engine::Context;
use crate::finding::{Category, Outcome};
use crate::phi::{self, KindSet};
use crate::report::phi as evidence;
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};
use crate::snapshot::DEFAULT_IDLE_TIMEOUT_SECS;

use super::session_cookie_flags::is_session_cookie;

static META: RuleMeta = RuleMeta {
    id: "session-cookie-lifetime",
    title: "The session cookie ends with the browser or within the idle limit",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Issue the session cookie without Expires/Max-Age (a session cookie), or with a \
           lifetime no longer than the idle limit, and do not offer \"remember me\" on a \
           portal with PHI.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "cookie",
        kinds: KindSet::EMPTY,
        hipaa: &["164.312(a)(2)(iii)"],
    }),
    examples: &[
        // Thirty days.
        Example::fail("<p>Home</p>").with_facts(
            r#"{"session_check":{"kind":"cookies","idle_timeout_secs":900,
                "login_cookies":[{"name":"sid","lifetime_secs":2592000}]}}"#,
        ),
        // The default limit (900 s) when the check does not name one.
        Example::fail("<p>Home</p>").with_facts(
            r#"{"session_check":{"kind":"cookies",
                "login_cookies":[{"name":"portal_session","lifetime_secs":3600}]}}"#,
        ),
        Example::pass("<p>Home</p>").with_facts(
            r#"{"session_check":{"kind":"cookies","idle_timeout_secs":900,
                "login_cookies":[{"name":"sid","session":true},
                                 {"name":"CookieConsentPolicy","lifetime_secs":31536000}]}}"#,
        ),
        Example::pass("<p>Home</p>").with_facts(
            r#"{"session_check":{"kind":"cookies","idle_timeout_secs":1800,
                "login_cookies":[{"name":"sid","lifetime_secs":1800}]}}"#,
        ),
        // Neither a session cookie nor a known expiry: a person must look.
        Example::review("<p>Home</p>")
            .with_facts(r#"{"session_check":{"kind":"cookies","login_cookies":[{"name":"sid"}]}}"#),
        Example::inapplicable("<p>Home</p>"),
    ],
};

crate::rule!(SessionCookieLifetime = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(check) = &cx.snapshot.session_check else {
        return;
    };
    let limit = check.idle_timeout_secs.unwrap_or(DEFAULT_IDLE_TIMEOUT_SECS);
    for cookie in check
        .login_cookies
        .iter()
        .filter(|c| is_session_cookie(&c.name))
    {
        let name = phi::redact(&cookie.name);
        let source = Some(format!("cookie {name}"));
        let (outcome, message) = match (cookie.session, cookie.lifetime_secs) {
            (true, _) => (Outcome::Pass, String::new()),
            (false, Some(secs)) if secs <= limit as f64 => (Outcome::Pass, String::new()),
            (false, Some(secs)) => (
                Outcome::Fail,
                format!(
                    "The session cookie {name} lives {} s, longer than the idle limit of \
                     {limit} s: it keeps the login after the browser closes.",
                    secs.round()
                ),
            ),
            (false, None) => (
                Outcome::Review,
                format!("The session cookie {name}'s lifetime is unknown."),
            ),
        };
        if outcome == Outcome::Pass {
            evidence::pass_with(sink, None, KindSet::EMPTY, source);
        } else {
            evidence::report(
                sink,
                outcome,
                None,
                KindSet::EMPTY,
                source,
                Vec::new(),
                message,
            );
        }
    }
}
