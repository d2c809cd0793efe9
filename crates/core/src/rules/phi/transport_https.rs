//! Transport: the page itself over http://, and http:// resources on an https:// page
//! (mixed content). Anything fetched over http can be read or replaced on the network, and
//! a replaced script or frame reads the whole page.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::{Category, Outcome};
use crate::phi::{self, KindSet};
use crate::report::phi as evidence;
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "transport-https",
    title: "The page and everything it loads use HTTPS",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Serve the portal only over https:// and load every script, stylesheet, image, frame \
           and form target over https:// too (or with a relative URL). Experience Cloud sites \
           require HTTPS; check custom components and CMS content for hard-coded http:// URLs.",
    interest: Interest::Tags(&[
        "img", "script", "iframe", "frame", "audio", "video", "source", "track", "embed", "object",
        "input", "link", "form",
    ]),
    phi: Some(PhiMeta {
        location: "transport",
        kinds: KindSet::EMPTY,
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)"],
    }),
    examples: &[
        Example::fail(r#"<img src="http://images.portal.example/logo.png" alt="Riverside">"#),
        Example::fail(
            r#"<form method="post" action="http://portal.example/s/login"><input name="u"></form>"#,
        ),
        Example::fail("<p>Home</p>").with_facts(r#"{"url":"http://portal.example/s/"}"#),
        Example::pass(
            r#"<img src="/s/logo.png" alt="Riverside"><a href="http://example.org/">A link</a>"#,
        ),
    ],
};

/// Elements whose URL the page loads or submits to (links are navigations, not loads).
fn loaded_url<'a>(el: &ElementRef<'a>) -> Option<&'a str> {
    match el.name() {
        "img" | "script" | "iframe" | "frame" | "audio" | "video" | "source" | "track"
        | "embed" => el.attr("src"),
        "object" => el.attr("data"),
        "input"
            if el
                .attr("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("image")) =>
        {
            el.attr("src")
        }
        "link" => el.attr("href"),
        "form" => el.attr("action"),
        _ => None,
    }
}

crate::rule!(MixedContent = META, element: check_element, page: check_page);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    if !is_https(&cx.snapshot.url) {
        return; // The page-level finding covers an http page.
    }
    let Some(url) = loaded_url(&el) else {
        return;
    };
    let url = crate::url::resolve_on_web(&cx.snapshot.url, url);
    if scheme(&url) == Some("http") {
        let message = format!(
            "<{}> on this https page loads or submits to {} over http://.",
            el.name(),
            phi::redact_url(&url)
        );
        evidence::report(
            sink,
            Outcome::Fail,
            Some(el.id),
            KindSet::EMPTY,
            None,
            Vec::new(),
            message,
        );
    }
}

fn check_page(cx: &Context, sink: &mut Sink) {
    let url = &cx.snapshot.url;
    match scheme(url) {
        Some("http") => {
            let message =
                "The page is served over http://: everything on it travels in clear text.";
            evidence::report(
                sink,
                Outcome::Fail,
                Some(cx.page_node()),
                KindSet::EMPTY,
                None,
                Vec::new(),
                message.into(),
            );
            return;
        }
        Some("https") => {}
        _ => return,
    }
    let loaded: Vec<String> = cx
        .dom
        .elements()
        .filter_map(|el| loaded_url(&el).map(|u| crate::url::resolve_on_web(url, u)))
        .collect();
    let mut insecure = false;
    for r in cx.snapshot.requests.iter().flatten() {
        // Requests for the page's own elements are reported on the element.
        if scheme(&r.url) == Some("http") && !loaded.contains(&r.url) {
            insecure = true;
            let message = format!(
                "The page requested {} over http://.",
                phi::redact_url(&r.url)
            );
            evidence::report(
                sink,
                Outcome::Fail,
                None,
                KindSet::EMPTY,
                None,
                Vec::new(),
                message,
            );
        }
    }
    let element_insecure = loaded.iter().any(|u| scheme(u) == Some("http"));
    if !insecure && !element_insecure {
        evidence::pass(sink, Some(cx.page_node()));
    }
}

fn scheme(url: &str) -> Option<&'static str> {
    let lower = url.trim_start().get(..8).unwrap_or("").to_ascii_lowercase();
    if lower.starts_with("https://") {
        Some("https")
    } else if lower.starts_with("http://") {
        Some("http")
    } else {
        None
    }
}

pub fn is_https(url: &str) -> bool {
    scheme(url) == Some("https")
}
