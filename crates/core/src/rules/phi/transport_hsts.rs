//! Transport: HTTP Strict Transport Security. Without it, the first request to the portal
//! (a typed address, an old bookmark) can go over http:// and be redirected by an attacker
//! on the network; a short max-age lets the protection lapse between visits.

use super::transport_https::is_https;
use crate::engine::Context;
use crate::finding::{Category, Outcome};
use crate::phi::KindSet;
use crate::report::phi as evidence;
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

/// One year, the minimum of the HSTS preload list and common guidance.
const MIN_MAX_AGE: u64 = 31_536_000;

static META: RuleMeta = RuleMeta {
    id: "transport-hsts",
    title: "HTTPS responses carry Strict-Transport-Security with max-age of a year or more",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Send Strict-Transport-Security: max-age=31536000; includeSubDomains on every https \
           response. In Salesforce, enable HSTS for the site's custom domain (Setup > Domains) \
           so browsers never make a plain http request to the portal.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "transport",
        kinds: KindSet::EMPTY,
        hipaa: &["164.312(e)(1)"],
    }),
    examples: &[
        Example::fail("<p>Home</p>").with_facts(r#"{"response":{"status":200,"headers":[]}}"#),
        Example::fail("<p>Home</p>").with_facts(
            r#"{"response":{"status":200,"headers":[{"name":"Strict-Transport-Security","value":"max-age=86400"}]}}"#,
        ),
        Example::pass("<p>Home</p>").with_facts(
            r#"{"response":{"status":200,"headers":[{"name":"strict-transport-security","value":"max-age=63072000; includeSubDomains; preload"}]}}"#,
        ),
        // Static HTML does not know the headers.
        Example::inapplicable("<p>Home</p>"),
    ],
};

/// The `max-age` of an HSTS header value, if it has a valid one.
fn max_age(value: &str) -> Option<u64> {
    value.split(';').find_map(|d| {
        let (name, v) = d.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("max-age")
            .then(|| v.trim().trim_matches('"').parse().ok())?
    })
}

crate::rule!(Hsts = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(response) = &cx.snapshot.response else {
        return;
    };
    if !is_https(&cx.snapshot.url) {
        return; // Browsers ignore HSTS over http; transport-https reports the page.
    }
    // Browsers use the first header when several are sent.
    let node = Some(cx.page_node());
    let message = match response.header_values("strict-transport-security").next() {
        None => "The response has no Strict-Transport-Security header.".to_string(),
        Some(v) => match max_age(v) {
            None => "The Strict-Transport-Security header has no valid max-age.".to_string(),
            Some(age) if age < MIN_MAX_AGE => format!(
                "Strict-Transport-Security max-age is {age} seconds, less than a year ({MIN_MAX_AGE})."
            ),
            Some(_) => {
                evidence::pass(sink, node);
                return;
            }
        },
    };
    evidence::report(
        sink,
        Outcome::Fail,
        node,
        KindSet::EMPTY,
        None,
        Vec::new(),
        message,
    );
}
