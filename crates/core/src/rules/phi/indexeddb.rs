//! PHI in IndexedDB: records that databases keep on disk with no expiry (offline caches of portal data).

use super::support;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, PhiMeta, Rule, RuleMeta, Sink};

pub struct PhiInIndexedDb;

static META: RuleMeta = RuleMeta {
    id: "phi-in-indexeddb",
    title: "IndexedDB holds no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Do not cache patient records in IndexedDB: it persists on disk after logout and is readable by any script on the origin. If offline use is required, encrypt records with a key that is not stored on the device and clear the database at logout.",
    phi: Some(PhiMeta {
        location: "indexeddb",
        kinds: crate::phi::ALL_KIND_NAMES,
        hipaa: &["164.312(a)(2)(iv)", "164.312(a)(2)(iii)", "164.312(c)(1)"],
    }),
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

impl Rule for PhiInIndexedDb {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn interest(&self) -> Interest {
        Interest::PageOnly
    }
    fn check_page(&self, cx: &Context, sink: &mut Sink) {
        let entries = cx.snapshot.storage.as_ref().map(|s| {
            s.indexed_db
                .iter()
                .map(|e| (e.key.as_str(), e.value.as_str()))
        });
        support::check_entries(sink, "IndexedDB", entries);
    }
}
