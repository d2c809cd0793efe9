//! PHI in sessionStorage: values kept for the tab's life, readable by every script on the origin, restored with the tab
//! and often copied by session-replay tools.

use crate::finding::Category;
use crate::report::phi::{Store, check_store};
use crate::rule::{Example, Interest, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "phi-in-session-storage",
    title: "sessionStorage holds no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Do not keep PHI in sessionStorage: it is readable by every script on the origin, restored when a tab is reopened and outlives the portal session in a tab left open. Keep it in memory, or fetch it again.",
    interest: Interest::PageOnly,
    phi: Some(Store::Session.phi_meta()),
    examples: &[
        Example::fail("<p>Chart</p>")
            .with_facts(r#"{"storage":{"session":[{"key":"ssn","value":"536-22-8142"}]}}"#),
        Example::pass("<p>Chart</p>")
            .with_facts(r#"{"storage":{"session":[{"key":"tab","value":"upcoming"}]}}"#),
        Example::inapplicable("<p>Chart</p>"),
    ],
};

crate::rule!(PhiInSessionStorage = META, page: |cx, sink| check_store(cx, sink, Store::Session));
