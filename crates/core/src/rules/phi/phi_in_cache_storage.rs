//! PHI in Cache Storage: responses a service worker keeps (offline pages, API responses), on disk until the site
//! deletes them, logout or not.

use crate::finding::Category;
use crate::report::phi::{Store, check_store};
use crate::rule::{Example, Interest, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "phi-in-cache-storage",
    title: "Cache Storage holds no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Do not let a service worker cache pages or API responses that carry PHI: Cache Storage keeps them on disk after logout. Exclude authenticated and /services/ routes from the cache, and delete caches at logout.",
    interest: Interest::PageOnly,
    phi: Some(Store::CacheStorage.phi_meta()),
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

crate::rule!(PhiInCacheStorage = META, page: |cx, sink| check_store(cx, sink, Store::CacheStorage));
