//! WCAG 1.3.1: landmarks of the same role are told apart by their names; two navigation
//! regions both announced as "navigation" leave a screen reader user guessing which is
//! the site menu and which the breadcrumb.

use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink, groups_in_order};

static META: RuleMeta = RuleMeta {
    id: "landmark-unique",
    title: "Landmarks of the same role have distinct names",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &[],
    help: "When a page has two landmarks of the same role (two nav, two aside, two search \
           regions), give each a distinct aria-label or aria-labelledby, e.g. \
           aria-label=\"Main menu\" and aria-label=\"Breadcrumb\".",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass(
            "<nav aria-label=\"Main menu\"><a href=/>Home</a></nav>\
             <nav aria-label=\"Breadcrumb\"><a href=/>Home</a></nav>",
        ),
        Example::fail("<nav><a href=/>Home</a></nav><nav><a href=/s/>Visits</a></nav>"),
        Example::fail("<aside aria-label=\"Help\">a</aside><aside aria-label=\" help \">b</aside>"),
        // A hidden duplicate is not announced.
        Example::pass("<nav><a href=/>Home</a></nav><nav hidden><a href=/s/>Visits</a></nav>"),
        Example::inapplicable("<div><a href=/>Home</a></div>"),
    ],
};

crate::rule!(LandmarkUnique = META, page: check_page);

const LANDMARKS: &[&str] = &[
    "banner",
    "complementary",
    "contentinfo",
    "form",
    "main",
    "navigation",
    "region",
    "search",
];

fn check_page(cx: &Context, sink: &mut Sink) {
    let keyed = cx.dom.elements().filter_map(|el| {
        let role = cx.a11y.role(el).filter(|r| LANDMARKS.contains(r))?;
        let name = cx.a11y.name(el).name.to_lowercase();
        // Each document's landmarks are its own: a frame's are compared among themselves.
        let document = cx.dom.document_of(el.id);
        (!cx.a11y.is_hidden(el.id)).then_some(((role, name, document), el.id))
    });
    for (key, ids) in groups_in_order(keyed) {
        for &id in &ids {
            if ids.len() == 1 {
                sink.pass(id);
            } else if key.1.is_empty() {
                sink.fail(
                    id,
                    format!(
                        "{} landmarks with the role {} have no name to tell them apart.",
                        ids.len(),
                        key.0
                    ),
                );
            } else {
                sink.fail(
                    id,
                    format!(
                        "{} landmarks with the role {} have the same name.",
                        ids.len(),
                        key.0
                    ),
                );
            }
        }
    }
}
