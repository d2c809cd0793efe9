//! PHI in the page title: titles are kept in browser history, bookmarks, tab lists synced
//! across devices and shown in screen shares and the task bar.

use crate::engine::Context;
use crate::finding::Category;
use crate::phi::{self, Kind, KindSet};
use crate::report::phi::{self as evidence, Leak};
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-in-title",
    title: "The page title carries no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Name the page, not the patient: <title>Visit summary – Riverside Portal</title>. \
           Titles are stored in browser history and bookmarks, synced across devices and \
           visible in tab bars and screen shares.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "title",
        kinds: KindSet::ALL
            .without(Kind::Npi)
            .without(Kind::Dea)
            .without(Kind::Address),
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

crate::rule!(PhiInTitle = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(title) = cx.dom.title_element() else {
        return;
    };
    let text = title.text_content();
    let mut leak = Leak::default();
    leak.add(sink, &text, &phi::detect(&text), None);
    if leak.is_empty() {
        evidence::pass(sink, Some(title.id));
    } else {
        leak.report(sink, Some(title.id), "The page title");
    }
}
