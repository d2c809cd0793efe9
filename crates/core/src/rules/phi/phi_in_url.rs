//! PHI in URLs: the page's own URL and every URL in the page (links, form actions, images,
//! scripts, frames) and every request it made. URLs end up in browser history, server and
//! proxy logs, analytics and `Referer` headers: a value in a path, query or fragment leaks.

use super::support;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::phi::KindSet;
use crate::report::phi::{self as evidence, Leak};
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-in-url",
    title: "URLs carry no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Keep identifiers and health details out of URLs (path, query and fragment): they are \
           kept in browser history, server and proxy logs and analytics, and sent to other \
           sites in the Referer header. Send them in a POST body or keep them server-side \
           and put an opaque, short-lived token in the URL instead.",
    interest: Interest::Tags(URL_TAGS),
    phi: Some(PhiMeta {
        location: "url",
        kinds: KindSet::ALL,
        hipaa: &["164.312(e)(1)", "164.502(b)", "164.514(b)"],
    }),
    examples: &[
        Example::fail(r#"<a href="/s/visit-summary?mrn=00123456&amp;dob=1961-03-14">Visit</a>"#),
        Example::fail(r#"<img src="https://portal.example/s/avatar/maria.alvarez@mail.example">"#),
        Example::fail("<p>Welcome</p>")
            .with_facts(r#"{"url":"https://portal.example/s/chart#/patient?ssn=536-22-8142"}"#),
        Example::review(r#"<a href="/s/contact/0035g00000AbCdEAAV">My profile</a>"#),
        Example::pass(r#"<a href="/s/appointments?tab=upcoming">Appointments</a>"#),
        // An opaque token and an order number are not PHI; a tel: link is the clinic's.
        Example::pass(
            r#"<a href="/s/orders?order=536-22-8142&amp;token=8f14e45fceea167a5a36dedd4bea2543">Order</a>
               <a href="tel:+15035550142">Call us</a>"#,
        ),
    ],
};

const URL_TAGS: &[&str] = &[
    "a",
    "area",
    "form",
    "img",
    "script",
    "iframe",
    "frame",
    "link",
    "source",
    "video",
    "audio",
    "embed",
    "object",
    "track",
    "input",
    "button",
    "base",
    "blockquote",
    "q",
    "ins",
    "del",
];

crate::rule!(PhiInUrl = META, element: check_element, page: check_page);

fn check_element(_cx: &Context, element: ElementRef, sink: &mut Sink) {
    let urls = support::element_urls(&element);
    if urls.is_empty() {
        return;
    }
    let mut leak = Leak::default();
    for (_, url) in &urls {
        leak.add_url(sink, url, "");
    }
    if leak.is_empty() {
        evidence::pass(sink, Some(element.id));
    } else {
        leak.report(
            sink,
            Some(element.id),
            &format!("A URL of <{}>", element.name()),
        );
    }
}

fn check_page(cx: &Context, sink: &mut Sink) {
    let page_url = &cx.snapshot.url;
    let mut leak = Leak::default();
    leak.add_url(sink, page_url, "");
    if leak.is_empty() {
        evidence::pass(sink, Some(cx.page_node()));
    } else {
        leak.report(sink, Some(cx.page_node()), "The page URL");
    }
    // Requests the page made (from a HAR or a crawler) that no element names: fetches,
    // beacons and pixels added by scripts.
    let Some(requests) = &cx.snapshot.requests else {
        return;
    };
    let in_page: Vec<String> = cx
        .dom
        .elements()
        .flat_map(|el| {
            support::element_urls(&el)
                .into_iter()
                .map(|(_, u)| crate::url::resolve_on_web(page_url, u))
                .collect::<Vec<_>>()
        })
        .collect();
    for request in requests {
        if request.url == *page_url || in_page.contains(&request.url) {
            continue;
        }
        let mut leak = Leak::default();
        leak.add_url(sink, &request.url, "request ");
        let what = format!("A {} request", display_method(&request.method));
        leak.report(sink, None, &what);
    }
}

fn display_method(method: &str) -> &str {
    if method.is_empty() { "GET" } else { method }
}
