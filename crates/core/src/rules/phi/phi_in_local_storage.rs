//! PHI in localStorage: values the page's origin keeps on disk with no expiry, readable by every script on the origin and left behind on shared computers after logout.

use crate::finding::Category;
use crate::report::phi::{Store, check_store};
use crate::rule::{Example, Interest, RuleMeta};

static META: RuleMeta = RuleMeta {
    id: "phi-in-local-storage",
    title: "localStorage holds no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Do not keep PHI in localStorage: it is stored unencrypted on disk, never expires, survives logout and is readable by any script on the origin. Keep it in memory for the page's life, or fetch it again from the server.",
    interest: Interest::PageOnly,
    phi: Some(Store::Local.phi_meta()),
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

crate::rule!(PhiInLocalStorage = META, page: |cx, sink| check_store(cx, sink, Store::Local));
