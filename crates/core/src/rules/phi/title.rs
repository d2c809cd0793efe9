//! PHI in the page title: titles are kept in browser history, bookmarks, tab lists synced
//! across devices and shown in screen shares and the task bar.

use super::support::{self, Leak};
use crate::engine::Context;
use crate::finding::Category;
use crate::phi;
use crate::rule::{Example, Interest, PhiMeta, Rule, RuleMeta, Sink};

pub struct PhiInTitle;

static META: RuleMeta = RuleMeta {
    id: "phi-in-title",
    title: "The page title carries no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Name the page, not the patient: <title>Visit summary – Riverside Portal</title>. \
           Titles are stored in browser history and bookmarks, synced across devices and \
           visible in tab bars and screen shares.",
    phi: Some(PhiMeta {
        location: "title",
        kinds: &[
            "ssn",
            "itin",
            "mbi",
            "diagnosis",
            "mrn",
            "member_id",
            "dob",
            "name",
            "email",
            "phone",
            "record_id",
        ],
        hipaa: &["164.312(a)(1)", "164.502(b)"],
    }),
    examples: &[
        Example::fail("<title>Visit summary – MRN 00123456 – Riverside Portal</title>"),
        Example::fail("<title>Patient: Maria Alvarez | Riverside Portal</title>"),
        Example::review("<title>Case 5005g00000XyZ12 | Riverside Portal</title>"),
        Example::pass("<title>Visit summary – Riverside Patient Portal</title>"),
        Example::inapplicable("<p>No title</p>"),
    ],
};

impl Rule for PhiInTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn interest(&self) -> Interest {
        Interest::PageOnly
    }
    fn check_page(&self, cx: &Context, sink: &mut Sink) {
        let dom = cx.dom;
        // document.title: the first <title> of the document tree.
        let Some(title) = dom
            .elements()
            .find(|e| e.is("title") && !dom.is_in_shadow_tree(e.id))
        else {
            return;
        };
        let text = title.text_content();
        let mut leak = Leak::default();
        leak.add(sink, &text, &phi::detect(&text), None);
        if leak.is_empty() {
            support::pass(sink, Some(title.id));
        } else {
            leak.report(sink, Some(title.id), "The page title");
        }
    }
}
