//! PHI in HTML comments: anyone who views the page source (or a proxy, or a cached copy)
//! reads them, and they are often left over from debugging templates.

use crate::dom::NodeData;
use crate::engine::Context;
use crate::finding::Category;
use crate::phi::{self, KindSet};
use crate::report::phi::{self as evidence, Leak};
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-in-comment",
    title: "HTML comments carry no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Remove debugging output and record dumps from templates: HTML comments are sent to \
           the browser, stay in cached copies and are readable in the page source.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "comment",
        kinds: KindSet::ALL,
        hipaa: &["164.312(a)(1)", "164.502(b)"],
    }),
    examples: &[
        Example::fail("<div><!-- debug: patient mrn=00123456 dob=1961-03-14 --></div>"),
        Example::review("<div><!-- contactId: 0035g00000AbCdEAAV --></div>"),
        Example::pass("<div><!-- build 2024.11.3, last updated 03/14/2024 --></div>"),
        Example::inapplicable("<div>No comments</div>"),
    ],
};

crate::rule!(PhiInComment = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let dom = cx.dom;
    let mut any = false;
    let mut leaked = false;
    for id in dom.ids() {
        let NodeData::Comment { text } = &dom.node(id).data else {
            continue;
        };
        any = true;
        let mut leak = Leak::default();
        leak.add(sink, text, &phi::detect(text), None);
        let at = dom.parent(id).filter(|p| dom.element(*p).is_some());
        leaked |= !leak.is_empty();
        leak.report(sink, Some(at.unwrap_or(cx.page_node())), "An HTML comment");
    }
    if any && !leaked {
        evidence::pass(sink, Some(cx.page_node()));
    }
}
