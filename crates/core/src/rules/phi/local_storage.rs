//! PHI in localStorage: values the page's origin keeps on disk with no expiry, readable by every script on the origin and left behind on shared computers after logout.

use super::support;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, PhiMeta, Rule, RuleMeta, Sink};

pub struct PhiInLocalStorage;

static META: RuleMeta = RuleMeta {
    id: "phi-in-local-storage",
    title: "localStorage holds no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Do not keep PHI in localStorage: it is stored unencrypted on disk, never expires, survives logout and is readable by any script on the origin. Keep it in memory for the page's life, or fetch it again from the server.",
    phi: Some(PhiMeta {
        location: "local_storage",
        kinds: crate::phi::ALL_KIND_NAMES,
        hipaa: &["164.312(a)(2)(iv)", "164.312(a)(2)(iii)", "164.312(c)(1)"],
    }),
    examples: &[
        Example::fail("<p>Chart</p>").with_facts(
            r#"{"storage":{"local":[{"key":"patientProfile","value":"{\"mrn\":\"00123456\",\"birthdate\":\"1961-03-14\"}"}]}}"#,
        ),
        Example::review("<p>Chart</p>").with_facts(
            r#"{"storage":{"local":[{"key":"lastRecord","value":"0035g00000AbCdEAAV"}]}}"#,
        ),
        Example::pass("<p>Chart</p>")
            .with_facts(r#"{"storage":{"local":[{"key":"theme","value":"dark"}]}}"#),
        // Static HTML does not know storage: no finding.
        Example::inapplicable("<p>Chart</p>"),
    ],
};

impl Rule for PhiInLocalStorage {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn interest(&self) -> Interest {
        Interest::PageOnly
    }
    fn check_page(&self, cx: &Context, sink: &mut Sink) {
        let entries = cx
            .snapshot
            .storage
            .as_ref()
            .map(|s| s.local.iter().map(|e| (e.key.as_str(), e.value.as_str())));
        support::check_entries(sink, "localStorage", entries);
    }
}
