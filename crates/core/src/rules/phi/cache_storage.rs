//! PHI in Cache Storage: responses a service worker keeps (offline pages, API responses), on disk until the site
//! deletes them, logout or not.

use super::support;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, PhiMeta, Rule, RuleMeta, Sink};

pub struct PhiInCacheStorage;

static META: RuleMeta = RuleMeta {
    id: "phi-in-cache-storage",
    title: "Cache Storage holds no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Do not let a service worker cache pages or API responses that carry PHI: Cache Storage keeps them on disk after logout. Exclude authenticated and /services/ routes from the cache, and delete caches at logout.",
    phi: Some(PhiMeta {
        location: "cache_storage",
        kinds: crate::phi::ALL_KIND_NAMES,
        hipaa: &["164.312(a)(2)(iv)", "164.312(a)(2)(iii)", "164.312(c)(1)"],
    }),
    examples: &[
        Example::fail("<p>Chart</p>").with_facts(
            r#"{"storage":{"cache_storage":[{"cache":"api-v1","url":"https://portal.example/services/apexrest/chart","body":"{\"mrn\":\"00123456\",\"diagnosis\":\"E11.9\"}"}]}}"#,
        ),
        Example::pass("<p>Chart</p>").with_facts(
            r#"{"storage":{"cache_storage":[{"cache":"static","url":"https://portal.example/s/app.css","body":"body{margin:0}"}]}}"#,
        ),
        Example::inapplicable("<p>Chart</p>"),
    ],
};

impl Rule for PhiInCacheStorage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn interest(&self) -> Interest {
        Interest::PageOnly
    }
    fn check_page(&self, cx: &Context, sink: &mut Sink) {
        let entries = cx.snapshot.storage.as_ref().map(|s| {
            s.cache_storage
                .iter()
                .map(|e| (e.url.as_str(), e.body.as_deref().unwrap_or("")))
        });
        support::check_entries(sink, "Cache Storage", entries);
    }
}
