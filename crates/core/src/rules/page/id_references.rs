//! WCAG 1.3.1 / 4.1.2: ids named by `label[for]`, `aria-labelledby`, `aria-describedby`
//! and the other id-referencing attributes exist in the same tree. Ids do not cross shadow
//! boundaries, so a Lightning web component that points at an id in its parent (or the
//! reverse) silently loses its label: a very common LWC bug.

use std::collections::HashMap;

use crate::dom::{Dom, NodeId};
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::id_refs::{Weight, references};

static META: RuleMeta = RuleMeta {
    id: "id-references",
    title: "Referenced ids exist in the same tree",
    category: Category::Accessibility,
    wcag: &["1.3.1", "4.1.2"],
    act: &[],
    help: "Every id named by for, aria-labelledby, aria-describedby, aria-controls, aria-owns, \
           aria-activedescendant, aria-errormessage, aria-details, list or headers must be the \
           id of an element in the same document or the same shadow root. In Lightning web \
           components, ids are scoped to the component (and LWC rewrites them): keep the label \
           and its field in the same template, or name the field with aria-label or a wrapping \
           <label> instead of pointing across a component boundary.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<label for=\"dob\">Date of birth</label><input id=\"dob\">"),
        Example::pass("<input aria-describedby=\"hint\"><p id=\"hint\">MM/DD/YYYY</p>"),
        Example::fail("<label for=\"dob\">Date of birth</label><input id=\"birth\">"),
        Example::fail("<button aria-labelledby=\"missing\"></button>"),
        Example::review("<input aria-describedby=\"nowhere\">"),
        // The label is in the document, the field inside a component's shadow root.
        Example::fail(
            "<label for=\"mrn\">MRN</label><c-field><template shadowrootmode=\"open\">\
             <input id=\"mrn\"></template></c-field>",
        ),
        Example::inapplicable("<p>No references</p>"),
    ],
};

crate::rule!(IdReferences = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let dom = cx.dom;
    // Built only when some id is missing: which trees do have that id.
    let mut all_trees: Option<HashMap<&str, Vec<NodeId>>> = None;
    for element in dom.elements() {
        let refs = references(element);
        if refs.is_empty() {
            continue;
        }
        let mut broken_any = false;
        for reference in &refs {
            let missing: Vec<&str> = reference
                .ids
                .iter()
                .copied()
                .filter(|id| dom.element_by_id(element.id, id).is_none())
                .collect();
            if missing.is_empty() {
                continue;
            }
            broken_any = true;
            let index = all_trees.get_or_insert_with(|| ids_in_all_trees(dom));
            let elsewhere = missing
                .iter()
                .any(|id| index.get(id).is_some_and(|holders| !holders.is_empty()));
            let names = missing
                .iter()
                .map(|id| format!("\"{}\"", crate::selector::shorten(id, 40)))
                .collect::<Vec<_>>()
                .join(", ");
            let mut message = format!(
                "{} names {} but no element in the same {} has that id.",
                reference.attr.name,
                names,
                if dom.is_in_shadow_tree(element.id) {
                    "shadow root"
                } else {
                    "document"
                }
            );
            if elsewhere {
                message.push_str(
                    " An element with that id exists in another tree: id references \
                     do not cross shadow-root boundaries.",
                );
            }
            let all_missing = missing.len() == reference.ids.len();
            if reference.attr.weight == Weight::Name && all_missing {
                sink.fail(element.id, message);
            } else {
                sink.review(element.id, message);
            }
        }
        if !broken_any {
            sink.pass(element.id);
        }
    }
}

/// Every id on the page, whatever tree it is in.
fn ids_in_all_trees(dom: &Dom) -> HashMap<&str, Vec<NodeId>> {
    let mut map: HashMap<&str, Vec<NodeId>> = HashMap::new();
    for element in dom.elements() {
        if let Some(id) = element.attr("id").filter(|id| !id.is_empty()) {
            map.entry(id).or_default().push(element.id);
        }
    }
    map
}
