//! PHI in IndexedDB: records that databases keep on disk with no expiry (offline caches of portal data).

use crate::finding::Category;
use crate::report::phi::{Store, check_store};
use crate::rule::{Example, Interest, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "phi-in-indexeddb",
    title: "IndexedDB holds no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Do not cache patient records in IndexedDB: it persists on disk after logout and is readable by any script on the origin. If offline use is required, encrypt records with a key that is not stored on the device and clear the database at logout.",
    interest: Interest::PageOnly,
    phi: Some(Store::IndexedDb.phi_meta()),
    examples: &[
        Example::fail("<p>Chart</p>").with_facts(
            r#"{"storage":{"indexed_db":[{"database":"offline","store":"patients","key":"p1","value":"{\"lastName\":\"Alvarez\",\"dob\":\"1961-03-14\"}"}]}}"#,
        ),
        Example::pass("<p>Chart</p>").with_facts(
            r#"{"storage":{"indexed_db":[{"database":"ui","store":"prefs","key":"k","value":"{\"density\":\"compact\"}"}]}}"#,
        ),
        Example::inapplicable("<p>Chart</p>"),
    ],
};

crate::rule!(PhiInIndexedDb = META, page: |cx, sink| check_store(cx, sink, Store::IndexedDb));
