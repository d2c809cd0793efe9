//! PHI in sessionStorage: values kept for the tab's life, readable by every script on the origin, restored with the tab
//! and often copied by session-replay tools.

use super::support;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, PhiMeta, Rule, RuleMeta, Sink};

pub struct PhiInSessionStorage;

static META: RuleMeta = RuleMeta {
    id: "phi-in-session-storage",
    title: "sessionStorage holds no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Do not keep PHI in sessionStorage: it is readable by every script on the origin, restored when a tab is reopened and outlives the portal session in a tab left open. Keep it in memory, or fetch it again.",
    phi: Some(PhiMeta {
        location: "session_storage",
        kinds: crate::phi::ALL_KIND_NAMES,
        hipaa: &["164.312(a)(2)(iv)", "164.312(a)(2)(iii)", "164.312(c)(1)"],
    }),
    examples: &[
        Example::fail("<p>Chart</p>")
            .with_facts(r#"{"storage":{"session":[{"key":"ssn","value":"536-22-8142"}]}}"#),
        Example::pass("<p>Chart</p>")
            .with_facts(r#"{"storage":{"session":[{"key":"tab","value":"upcoming"}]}}"#),
        Example::inapplicable("<p>Chart</p>"),
    ],
};

impl Rule for PhiInSessionStorage {
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
            .map(|s| s.session.iter().map(|e| (e.key.as_str(), e.value.as_str())));
        support::check_entries(sink, "sessionStorage", entries);
    }
}
