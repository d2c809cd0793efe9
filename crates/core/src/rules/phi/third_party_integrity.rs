//! Third-party scripts and stylesheets without Subresource Integrity: whoever controls the
//! other host (or compromises it) runs code in the portal with the patient's session. An
//! `integrity` hash makes the browser refuse a changed file.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::{Category, Outcome};
use crate::phi::KindSet;
use crate::report::phi as evidence;
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "third-party-integrity",
    title: "Third-party scripts and stylesheets carry Subresource Integrity",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Add integrity=\"sha384-…\" and crossorigin=\"anonymous\" to every <script> and \
           stylesheet loaded from another site, pinned to a versioned URL, or host the file \
           as a static resource in the org. Scripts that change by design (tag managers) \
           cannot be pinned: remove them from authenticated pages.",
    interest: Interest::Tags(&["script", "link"]),
    phi: Some(PhiMeta {
        location: "third_party",
        kinds: KindSet::EMPTY,
        hipaa: &["164.312(c)(1)"],
    }),
    examples: &[
        Example::fail(r#"<script src="https://cdn.vendor-widgets.com/chat.js"></script>"#),
        Example::fail(r#"<link rel="stylesheet" href="https://fonts.vendor-cdn.com/font.css">"#),
        Example::pass(
            r#"<script src="https://cdn.vendor-widgets.com/chat-2.1.0.js" integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC" crossorigin="anonymous"></script>"#,
        ),
        Example::inapplicable(r#"<script src="/s/sfsites/c/app.js"></script>"#),
    ],
};

/// The URL of a script or stylesheet the element loads.
fn subresource<'a>(el: &ElementRef<'a>) -> Option<&'a str> {
    if el.is("script") {
        return el.attr("src");
    }
    let stylesheet = el.is("link")
        && el.attr("rel").is_some_and(|r| {
            r.split_ascii_whitespace()
                .any(|t| t.eq_ignore_ascii_case("stylesheet"))
        });
    if stylesheet { el.attr("href") } else { None }
}

fn has_integrity(el: &ElementRef) -> bool {
    el.attr("integrity").is_some_and(|v| {
        v.split_ascii_whitespace().any(|h| {
            h.starts_with("sha256-") || h.starts_with("sha384-") || h.starts_with("sha512-")
        })
    })
}

crate::rule!(ThirdPartyIntegrity = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    let Some(src) = subresource(&el) else {
        return;
    };
    let url = crate::url::resolve_on_web(&cx.snapshot.url, src);
    if !crate::url::is_third_party(&cx.snapshot.url, &url) {
        return;
    }
    let host = crate::url::origin(&url).map(|o| o.host).unwrap_or_default();
    let source = Some(format!("third party {host}"));
    if has_integrity(&el) {
        evidence::pass_with(sink, Some(el.id), KindSet::EMPTY, source);
    } else {
        let message = format!(
            "<{}> loads from {host} without Subresource Integrity.",
            el.name()
        );
        evidence::report(
            sink,
            Outcome::Fail,
            Some(el.id),
            KindSet::EMPTY,
            source,
            Vec::new(),
            message,
        );
    }
}
