//! PHI left in client storage after logout: the crawler visited the `[logout] url` and
//! then read the origin's localStorage, sessionStorage, IndexedDB and Cache Storage. What
//! the portal kept there is readable by the next person at the same browser. A
//! `Clear-Site-Data: "storage", "cache"` header on the logout response, or the page's own
//! clean-up, empties them.
//!
//! HIPAA: 164.312(a)(2)(iii) automatic logoff (the session's data outlives it) and
//! 164.312(a)(1) access control.
//!
//! Facts: `session_check.storage_after_logout` (unknown when absent: no finding).

use crate::engine::Context;
use crate::finding::Category;
use crate::phi::KindSet;
use crate::report::phi as evidence;
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-storage-after-logout",
    title: "Logout leaves no PHI in client storage",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Send “Clear-Site-Data: \"cache\", \"storage\"” on the logout response (or clear \
           localStorage, sessionStorage, IndexedDB and Cache Storage in the logout handler \
           before redirecting), and better, keep no PHI in client storage at all.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "storage_after_logout",
        kinds: KindSet::ALL,
        hipaa: &["164.312(a)(2)(iii)", "164.312(a)(1)"],
    }),
    examples: &[
        Example::fail("<h1>Log in</h1>").with_facts(
            r#"{"source":"chromium","session_check":{"kind":"replay-after-logout",
                "storage_after_logout":{"local":[{"key":"rh.profileCache",
                "value":"{\"mrn\":\"00123456\",\"birthdate\":\"1961-03-14\"}"}]}}}"#,
        ),
        Example::fail("<h1>Log in</h1>").with_facts(
            r#"{"source":"chromium","session_check":{"kind":"replay-after-logout",
                "storage_after_logout":{"indexed_db":[{"database":"rh-offline","store":"messages",
                "key":"m1","value":"{\"mrn\":\"00123456\",\"ssn\":\"536-22-8142\"}"}]}}}"#,
        ),
        // Cleared by Clear-Site-Data: the stores are known and empty.
        Example::pass("<h1>Log in</h1>").with_facts(
            r#"{"source":"chromium","session_check":{"kind":"replay-after-logout",
                "storage_after_logout":{}}}"#,
        ),
        // Storage after logout was not read: unknown, no finding.
        Example::inapplicable("<h1>Log in</h1>")
            .with_facts(r#"{"source":"chromium","session_check":{"kind":"replay-after-logout"}}"#),
        Example::inapplicable("<p>MRN 00123456</p>"),
    ],
};

crate::rule!(PhiStorageAfterLogout = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(storage) = cx
        .snapshot
        .session_check
        .as_ref()
        .and_then(|c| c.storage_after_logout.as_ref())
    else {
        return;
    };
    evidence::check_storage_after_logout(sink, storage);
}
