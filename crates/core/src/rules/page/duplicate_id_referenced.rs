//! WCAG 1.3.1 / 4.1.2: an id that a label or ARIA attribute points at is unique in its
//! tree; otherwise the browser takes the first element with that id, which may not be
//! the one the author meant (repeated components are the usual cause).

use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::id_refs::references;

static META: RuleMeta = RuleMeta {
    id: "duplicate-id-referenced",
    title: "Ids used by labels and ARIA references are unique",
    category: Category::Accessibility,
    wcag: &["1.3.1", "4.1.2"],
    act: &[],
    help: "Give each element that a for, aria-labelledby, aria-describedby or other id \
           reference points at an id used by no other element in the same document or \
           shadow root. When a template is repeated (a list of appointments, a form rendered \
           twice), generate the ids from the record so every copy is distinct.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<label for=\"a\">First</label><input id=\"a\">"),
        Example::fail(
            "<label for=\"phone\">Home phone</label><input id=\"phone\">\
             <label for=\"phone\">Work phone</label><input id=\"phone\">",
        ),
        // The same id in two shadow roots is fine: each reference resolves in its own tree.
        Example::pass(
            "<c-a><template shadowrootmode=\"open\"><label for=\"x\">A</label><input id=\"x\"></template></c-a>\
             <c-b><template shadowrootmode=\"open\"><label for=\"x\">B</label><input id=\"x\"></template></c-b>",
        ),
        Example::inapplicable("<div id=\"d\"></div><div id=\"d\"></div>"),
    ],
};

crate::rule!(DuplicateIdReferenced = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let dom = cx.dom;
    for element in dom.elements() {
        let mut checked_any = false;
        let mut duplicated = Vec::new();
        for reference in references(element) {
            for id in reference.ids {
                let holders = dom.elements_by_id(element.id, id);
                if holders.is_empty() {
                    continue; // id-references reports missing ids
                }
                checked_any = true;
                if holders.len() > 1 {
                    duplicated.push(format!(
                        "{}=\"{}\" ({} elements)",
                        reference.attr.name,
                        crate::selector::shorten(id, 40),
                        holders.len()
                    ));
                }
            }
        }
        if !duplicated.is_empty() {
            sink.fail(
                element.id,
                format!(
                    "Referenced id is used by more than one element in its tree: {}. \
                     Only the first is used.",
                    duplicated.join(", ")
                ),
            );
        } else if checked_any {
            sink.pass(element.id);
        }
    }
}
