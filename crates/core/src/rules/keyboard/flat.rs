//! Small walks over the flat tree shared by the keyboard rules (loops, never recursion).

use crate::dom::{ElementRef, NodeId};
use crate::engine::Context;

/// How many nodes [`find_descendant`] visits before giving up: rules call it for one
/// element at a time, and nested candidates must not make a page quadratic.
const VISIT_LIMIT: usize = 20_000;

/// For every node index: whether some element strictly below it in the flat tree
/// satisfies `test`. One pass: in index order every flat-tree child comes after its flat
/// parent (slotted light children come after the shadow tree's slot), so a reverse pass
/// sees children first.
pub fn descendant_flags<'a>(
    cx: &Context<'a>,
    mut test: impl FnMut(ElementRef<'a>) -> bool,
) -> Vec<bool> {
    let n = cx.dom.len();
    let mut below = vec![false; n];
    for i in (1..n).rev() {
        let id = NodeId(i as u32);
        let Some(el) = cx.dom.element(id) else {
            continue;
        };
        if (below[i] || test(el))
            && let Some(parent) = cx.dom.flat_parent(id)
        {
            below[parent.index()] = true;
        }
    }
    below
}

/// The first element strictly inside `root`'s flat subtree that satisfies `test`
/// (`None` also when the subtree is too large to search; see [`VISIT_LIMIT`]).
pub fn find_descendant<'a>(
    cx: &Context<'a>,
    root: ElementRef<'a>,
    mut test: impl FnMut(ElementRef<'a>) -> bool,
) -> Option<ElementRef<'a>> {
    let dom = cx.dom;
    let mut stack: Vec<NodeId> = dom.flat_children(root.id);
    stack.reverse();
    let mut visits = 0;
    while let Some(node) = stack.pop() {
        visits += 1;
        if visits > VISIT_LIMIT {
            return None;
        }
        let Some(el) = dom.element(node) else {
            continue;
        };
        if test(el) {
            return Some(el);
        }
        let mut children = dom.flat_children(node);
        children.reverse();
        stack.extend(children);
    }
    None
}

/// Whether the page has `<script>` elements (other than data blocks): the static
/// front-end does not run them, so focus handlers and generated content are unknown.
pub fn page_has_scripts(cx: &Context) -> bool {
    cx.dom.elements().any(|e| {
        e.is("script")
            && e.attr("type").is_none_or(|t| {
                let t = t.trim().to_ascii_lowercase();
                t.is_empty()
                    || t == "module"
                    || t.contains("javascript")
                    || t.contains("ecmascript")
            })
    })
}
