//! WCAG 4.1.2: each `accesskey` value is used once on a page; with duplicates the browser
//! picks one element (which one varies), so the shortcut does not do what its label says.

use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink, groups_in_order};

static META: RuleMeta = RuleMeta {
    id: "accesskeys",
    title: "Access keys are unique",
    category: Category::Accessibility,
    wcag: &["4.1.2"],
    act: &[],
    help: "Give each accesskey a different key, or remove the attribute: browsers and \
           screen readers use their own shortcuts, and duplicates make the page's shortcut \
           reach only one of the elements.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<a href=/s/ accesskey=h>Home</a><a href=/s/visits accesskey=v>Visits</a>"),
        Example::fail("<a href=/s/ accesskey=h>Home</a><button accesskey=H>Help</button>"),
        Example::pass("<a href=/s/ accesskey=h>Home</a><button hidden accesskey=h>Help</button>"),
        Example::inapplicable("<a href=/s/>Home</a>"),
    ],
};

crate::rule!(Accesskeys = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let keyed = cx.dom.elements().filter_map(|el| {
        let key = el.attr("accesskey")?.trim().to_lowercase();
        // Each document (the page's, a frame's) has its own access keys.
        let document = cx.dom.document_of(el.id);
        (!key.is_empty() && cx.a11y.is_rendered(el.id)).then_some(((key, document), el.id))
    });
    for (key, ids) in groups_in_order(keyed) {
        for &id in &ids {
            if ids.len() == 1 {
                sink.pass(id);
            } else {
                sink.fail(
                    id,
                    format!(
                        "The access key \"{}\" is used by {} elements on this page.",
                        crate::selector::shorten(&key.0, 10),
                        ids.len()
                    ),
                );
            }
        }
    }
}
