//! Responses that carry PHI without `Cache-Control: no-store`. RFC 9111: only `no-store`
//! keeps a response out of caches; `no-cache` still stores it (it only revalidates before
//! reuse) and `private` still lets the browser store it on disk, where the next user of a
//! shared computer, or the back button after logout, finds it.

use crate::engine::Context;
use crate::finding::{Category, Outcome};
use crate::phi::{self, KindSet, Summary};
use crate::report::phi as evidence;
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};
use crate::snapshot::Header;

static META: RuleMeta = RuleMeta {
    id: "phi-response-no-store",
    title: "Responses that carry PHI are sent with Cache-Control: no-store",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Send Cache-Control: no-store on every page and API response that carries PHI. \
           no-cache and private are not enough: both still let the browser keep a copy on \
           disk. In Experience Cloud, set the page's cache policy for authenticated pages and \
           add the header in Apex REST responses.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "header",
        kinds: KindSet::PHI,
        hipaa: &["164.312(a)(2)(iv)", "164.312(a)(2)(iii)"],
    }),
    examples: &[
        Example::fail("<p>Date of birth: 03/14/1961</p>").with_facts(
            r#"{"response":{"status":200,"headers":[{"name":"Cache-Control","value":"private, no-cache"}]}}"#,
        ),
        Example::fail("<p>Visits</p>").with_facts(
            r#"{"response":{"status":200,"headers":[{"name":"Cache-Control","value":"no-store"}]},
                "requests":[{"url":"https://portal.example/services/apexrest/chart","method":"GET","resource_type":"fetch",
                  "response_headers":[{"name":"Cache-Control","value":"max-age=600"}],
                  "response_body":"{\"mrn\":\"00123456\",\"diagnosis\":\"E11.9\"}"}]}"#,
        ),
        Example::pass("<p>Date of birth: 03/14/1961</p>").with_facts(
            r#"{"response":{"status":200,"headers":[{"name":"cache-control","value":"No-Store, max-age=0"}]}}"#,
        ),
        // Static HTML does not know the headers.
        Example::inapplicable("<p>Date of birth: 03/14/1961</p>"),
        // A page without PHI may be cached.
        Example::inapplicable("<p>Clinic hours</p>").with_facts(
            r#"{"response":{"status":200,"headers":[{"name":"Cache-Control","value":"max-age=3600"}]}}"#,
        ),
    ],
};

/// Whether the headers forbid storing the response (`no-store` among `Cache-Control`'s
/// directives, in any of its header lines).
pub fn has_no_store(headers: &[Header]) -> bool {
    headers
        .iter()
        .filter(|h| h.name.trim().eq_ignore_ascii_case("cache-control"))
        .flat_map(|h| h.value.split(','))
        .any(|d| {
            d.split('=')
                .next()
                .is_some_and(|name| name.trim().eq_ignore_ascii_case("no-store"))
        })
}

crate::rule!(PhiResponseNoStore = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    if let Some(response) = &cx.snapshot.response {
        let page = evidence::page_phi(cx);
        if !page.phi.is_empty() {
            check(
                sink,
                Some(cx.page_node()),
                page.phi,
                &response.headers,
                "The page",
                // Where the PHI was found, so reports do not read as if the header held it.
                Some("page text".to_string()),
            );
        }
    }
    for request in cx.snapshot.requests.iter().flatten() {
        let Some(body) = &request.response_body else {
            continue;
        };
        if request.url == cx.snapshot.url {
            continue; // The document itself, checked above.
        }
        let found = Summary::of(&phi::detect(body));
        if found.phi.is_empty() {
            continue;
        }
        let source = format!("response of {}", phi::redact_url(&request.url));
        check(
            sink,
            None,
            found.phi,
            &request.response_headers,
            "A response",
            Some(source),
        );
    }
}

fn check(
    sink: &mut Sink,
    node: Option<crate::dom::NodeId>,
    kinds: KindSet,
    headers: &[Header],
    what: &str,
    source: Option<String>,
) {
    if has_no_store(headers) {
        evidence::pass_with(sink, node, kinds, source);
        return;
    }
    let message = format!(
        "{what} carries PHI ({}) but is not sent with Cache-Control: no-store, so the browser \
         may keep it on disk{}.",
        evidence::describe(kinds),
        // A request names its URL; the page's own "page text" would only repeat "The page".
        source
            .as_ref()
            .filter(|_| node.is_none())
            .map(|s| format!(" ({s})"))
            .unwrap_or_default()
    );
    evidence::report(
        sink,
        Outcome::Fail,
        node,
        kinds,
        source,
        Vec::new(),
        message,
    );
}
