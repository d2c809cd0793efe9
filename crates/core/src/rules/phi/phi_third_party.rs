//! Third parties on pages that carry PHI: a tracking pixel or tag, a session-replay script or
//! a vendor's frame on such a page can read or receive what the patient sees (HHS OCR's
//! bulletin on online tracking technologies). Trackers fail; other third-party scripts and
//! frames are a `review`: with a business associate agreement they may be fine.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::{Category, Outcome};
use crate::phi::KindSet;
use crate::report::phi as evidence;
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-third-party",
    title: "Pages that carry PHI load no trackers or unvetted third-party code",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Remove analytics, advertising and session-replay tags from authenticated portal \
           pages, or use a vendor that signs a business associate agreement and configure it \
           not to collect page content or URLs. Self-host other third-party scripts or cover \
           the vendor with a BAA.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "third_party",
        kinds: KindSet::PHI,
        hipaa: &["164.308(b)(1)", "164.502(e)"],
    }),
    examples: &[
        Example::fail(
            r#"<p>Date of birth: 03/14/1961</p>
               <script async src="https://www.googletagmanager.com/gtm.js?id=GTM-ABC1234"></script>"#,
        ),
        Example::fail(
            r#"<p>MRN 00123456</p><img src="https://px.ads-vendor.example/p.gif" width="1" height="1" alt="">"#,
        ),
        Example::review(
            r#"<p>MRN 00123456</p><iframe src="https://chat.vendor-widgets.com/embed"></iframe>"#,
        ),
        Example::pass(r#"<p>MRN 00123456</p><script src="/s/sfsites/c/app.js"></script>"#),
        Example::inapplicable(
            r#"<p>Clinic hours</p><script src="https://www.googletagmanager.com/gtm.js"></script>"#,
        ),
    ],
};

/// How a third-party element is judged.
fn judge(el: &ElementRef, url: &str) -> Option<(Outcome, &'static str)> {
    let tracker = crate::url::is_tracker(url);
    let name = el.name();
    match name {
        "script" | "iframe" | "frame" | "embed" | "object" if tracker => {
            Some((Outcome::Fail, "a tracking script or frame"))
        }
        "script" | "iframe" | "frame" | "embed" | "object" => {
            Some((Outcome::Review, "third-party code"))
        }
        "img" if tracker || is_pixel(el) => Some((Outcome::Fail, "a tracking pixel")),
        _ => None,
    }
}

/// A 1×1 or hidden image: a beacon, not content.
fn is_pixel(el: &ElementRef) -> bool {
    let tiny = |a: &str| {
        el.attr(a)
            .and_then(|v| v.trim().trim_end_matches("px").parse::<f64>().ok())
            .is_some_and(|v| v <= 1.0)
    };
    (tiny("width") && tiny("height"))
        || el.has_attr("hidden")
        || el
            .attr("style")
            .is_some_and(|s| s.replace(' ', "").contains("display:none"))
}

crate::rule!(PhiThirdParty = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let page = evidence::page_phi(cx);
    if page.phi.is_empty() {
        return;
    }
    let kinds = page.phi;
    let page_url = &cx.snapshot.url;
    let mut flagged: Vec<String> = Vec::new();
    for el in cx.dom.elements() {
        let Some(src) = el.attr("src").or(el.attr("data")) else {
            continue;
        };
        let url = crate::url::resolve_on_web(page_url, src);
        let party = crate::url::party(page_url, &url);
        if party == crate::url::Party::First {
            continue;
        }
        if let Some((outcome, what)) = judge(&el, &url) {
            // Whether an unknown host is another party is itself to be checked.
            let outcome = if party == crate::url::Party::Unknown {
                Outcome::Review
            } else {
                outcome
            };
            let host = host_of(&url);
            let message = format!(
                "This page carries PHI ({}) and loads {what} from {host}.",
                evidence::describe(kinds)
            );
            flagged.push(url.clone());
            report(sink, outcome, Some(el.id), kinds, host, message);
        }
    }
    // Trackers the page's scripts added at run time (known from a HAR or a crawler).
    let mut hosts: Vec<String> = Vec::new();
    for r in cx.snapshot.requests.iter().flatten() {
        if crate::url::is_tracker(&r.url)
            && crate::url::is_third_party(page_url, &r.url)
            && !flagged.contains(&r.url)
        {
            let host = host_of(&r.url);
            if !hosts.contains(&host) {
                hosts.push(host);
            }
        }
    }
    let no_tracker_requests = hosts.is_empty();
    for host in hosts {
        let message = format!(
            "This page carries PHI ({}) and sent requests to the tracker {host}.",
            evidence::describe(kinds)
        );
        report(sink, Outcome::Fail, None, kinds, host, message);
    }
    if flagged.is_empty() && no_tracker_requests {
        evidence::pass_with(sink, Some(cx.page_node()), kinds, None);
    }
}

fn report(
    sink: &mut Sink,
    outcome: Outcome,
    node: Option<crate::dom::NodeId>,
    kinds: KindSet,
    host: String,
    message: String,
) {
    evidence::report(
        sink,
        outcome,
        node,
        kinds,
        Some(format!("third party {host}")),
        Vec::new(),
        message,
    );
}

fn host_of(url: &str) -> String {
    crate::url::origin(url).map(|o| o.host).unwrap_or_default()
}
