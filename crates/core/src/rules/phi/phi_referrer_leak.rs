//! A PHI-bearing page URL that leaks to other sites in the `Referer` header. Browsers send
//! the full URL cross-origin only under `unsafe-url` and `no-referrer-when-downgrade`; their
//! default (`strict-origin-when-cross-origin`) sends the origin alone. A `Referrer-Policy`
//! header can weaken the default, so without the headers a third-party reference on such a
//! page is a `review`, and with a HAR the `Referer` headers actually sent decide.

use super::support;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::{Category, Outcome};
use crate::phi::{self, Kind, KindSet};
use crate::report::phi::{self as evidence, Leak};
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-referrer-leak",
    title: "A page whose URL carries PHI does not send it to other sites as Referer",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Take PHI out of the URL (see phi-in-url). Until then, send Referrer-Policy: \
           no-referrer (or strict-origin-when-cross-origin) on the page, and never \
           unsafe-url or no-referrer-when-downgrade, so third parties do not receive the URL.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "referrer",
        kinds: KindSet::ALL.without(Kind::Dea),
        hipaa: &["164.312(e)(1)", "164.308(b)(1)"],
    }),
    examples: &[
        Example::fail(
            r#"<head><meta name="referrer" content="unsafe-url"></head>
               <img src="https://www.facebook.com/tr?id=1&amp;ev=PageView">"#,
        )
        .with_facts(r#"{"url":"https://portal.example/s/chart?mrn=00123456"}"#),
        Example::fail("<p>Chart</p>").with_facts(
            r#"{"url":"https://portal.example/s/chart?mrn=00123456",
                "requests":[{"url":"https://stats.vendor-analytics.com/collect","method":"GET","resource_type":"image",
                  "request_headers":[{"name":"Referer","value":"https://portal.example/s/chart?mrn=00123456"}]}]}"#,
        ),
        Example::review(r#"<script src="https://cdn.vendor-widgets.com/chat.js"></script>"#)
            .with_facts(r#"{"url":"https://portal.example/s/chart?mrn=00123456"}"#),
        Example::pass(
            r#"<head><meta name="referrer" content="no-referrer"></head>
               <script src="https://cdn.vendor-widgets.com/chat.js"></script>"#,
        )
        .with_facts(r#"{"url":"https://portal.example/s/chart?mrn=00123456"}"#),
        Example::inapplicable(r#"<script src="https://cdn.vendor-widgets.com/chat.js"></script>"#),
    ],
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Policy {
    /// The full URL goes to other origins.
    Leaks,
    /// At most the origin goes to other origins.
    Safe,
}

/// The policy a token names (legacy `<meta>` keywords included), if it is one.
fn policy_of(token: &str) -> Option<Policy> {
    match token.trim().to_ascii_lowercase().as_str() {
        "unsafe-url" | "always" | "no-referrer-when-downgrade" => Some(Policy::Leaks),
        "no-referrer"
        | "never"
        | "same-origin"
        | "origin"
        | "strict-origin"
        | "origin-when-cross-origin"
        | "origin-when-crossorigin"
        | "strict-origin-when-cross-origin"
        | "default" => Some(Policy::Safe),
        _ => None,
    }
}

/// The last recognised token of a comma-separated policy list (unknown tokens are
/// ignored, as browsers do).
fn last_policy(list: &str) -> Option<Policy> {
    list.split(',').rev().find_map(policy_of)
}

/// The document's policy: `None` when it depends on headers this snapshot lacks.
fn document_policy(cx: &Context) -> Option<Policy> {
    let from_meta = cx
        .dom
        .elements()
        .filter(|e| {
            e.is("meta")
                && e.attr("name")
                    .is_some_and(|n| n.trim().eq_ignore_ascii_case("referrer"))
        })
        .filter_map(|e| e.attr("content").and_then(policy_of))
        .last();
    if from_meta.is_some() {
        return from_meta;
    }
    let response = cx.snapshot.response.as_ref()?;
    let header = response
        .header_values("referrer-policy")
        .filter_map(last_policy)
        .last();
    // No header: the browsers' default, strict-origin-when-cross-origin.
    Some(header.unwrap_or(Policy::Safe))
}

/// An element's own policy, if it sets one.
fn element_policy(el: &ElementRef) -> Option<Policy> {
    let no_referrer = el.attr("rel").is_some_and(|r| {
        r.split_ascii_whitespace()
            .any(|t| t.eq_ignore_ascii_case("noreferrer"))
    });
    if no_referrer {
        return Some(Policy::Safe);
    }
    el.attr("referrerpolicy").and_then(policy_of)
}

crate::rule!(PhiReferrerLeak = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let page_url = &cx.snapshot.url;
    let mut leak = Leak::default();
    leak.add_url(sink, page_url, "page URL ");
    if leak.is_empty() {
        return;
    }
    // Evidence first: Referer headers the browser really sent to other sites.
    if let Some(requests) = &cx.snapshot.requests {
        let mut sent = Leak::default();
        for r in requests
            .iter()
            .filter(|r| crate::url::is_third_party(page_url, &r.url))
        {
            for h in r
                .request_headers
                .iter()
                .filter(|h| h.name.eq_ignore_ascii_case("referer"))
            {
                let source = format!("Referer sent to {}", host_of(&r.url));
                for part in phi::url::scan(&h.value) {
                    sent.add(sink, &part.text, &part.matches, Some(&source));
                }
            }
        }
        if !sent.is_empty() {
            sent.report(
                sink,
                Some(cx.page_node()),
                "The Referer header sent to another site",
            );
            return;
        }
    }
    let policy = document_policy(cx);
    let mut targets = Vec::new();
    for el in cx.dom.elements() {
        for (_, url) in support::element_urls(&el) {
            let url = crate::url::resolve_on_web(page_url, url);
            if crate::url::is_third_party(page_url, &url) {
                let effective = element_policy(&el).or(policy);
                if effective != Some(Policy::Safe)
                    && !targets.iter().any(|(h, _)| *h == host_of(&url))
                {
                    targets.push((host_of(&url), effective));
                }
            }
        }
    }
    let kinds = leak.kinds();
    let hosts = |p: Option<Policy>| {
        targets
            .iter()
            .filter(|(_, e)| *e == p)
            .map(|(h, _)| h.clone())
            .collect::<Vec<_>>()
    };
    let leaking = hosts(Some(Policy::Leaks));
    let unknown = hosts(None);
    if !leaking.is_empty() {
        let message = format!(
            "The page URL carries PHI ({}) and its referrer policy sends the full URL to {}.",
            evidence::describe(kinds),
            leaking.join(", ")
        );
        evidence::report(
            sink,
            Outcome::Fail,
            Some(cx.page_node()),
            kinds,
            Some(format!("Referer to {}", leaking.join(", "))),
            Vec::new(),
            message,
        );
    } else if !unknown.is_empty() {
        let message = format!(
            "The page URL carries PHI ({}) and the page refers to {}; whether the URL is \
             sent as Referer depends on a Referrer-Policy header this snapshot does not have.",
            evidence::describe(kinds),
            unknown.join(", ")
        );
        evidence::report(
            sink,
            Outcome::Review,
            Some(cx.page_node()),
            kinds,
            None,
            Vec::new(),
            message,
        );
    } else {
        evidence::pass_with(sink, Some(cx.page_node()), kinds, None);
    }
}

fn host_of(url: &str) -> String {
    crate::url::origin(url).map(|o| o.host).unwrap_or_default()
}
