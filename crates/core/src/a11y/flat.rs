//! Small walks over the flat tree that rules share (loops, never recursion): which
//! nodes have a matching descendant, and the first such descendant.

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

/// Children in the flat tree as a parent's content model sees them: a `<slot>` child is
/// replaced by what it renders (its assigned nodes, else its fallback content), so a
/// shadow `<ul><slot></slot></ul>` has the host's slotted `<li>` as its children.
pub fn content_children(dom: &crate::dom::Dom, id: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    // A stack of pending children, last first (loops, not recursion).
    let mut stack: Vec<NodeId> = dom.flat_children(id).into_iter().rev().collect();
    while let Some(child) = stack.pop() {
        if dom.element(child).is_some_and(|e| e.is("slot")) {
            stack.extend(dom.flat_children(child).into_iter().rev());
        } else {
            out.push(child);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::tree::tests::build;
    use crate::snapshot::Snapshot;

    #[test]
    fn descendants_in_the_flat_tree() {
        let snapshot = Snapshot::new(
            "https://portal.example/",
            "test",
            build(&[
                (Some(0), "div"),      // 1
                (Some(1), "x-host"),   // 2
                (Some(2), "#shadow"),  // 3
                (Some(3), "slot"),     // 4
                (Some(2), "a|href=/"), // 5: slotted into 4
                (Some(0), "p"),        // 6
            ]),
        );
        let cx = Context::new(&snapshot);
        let is_link = |e: ElementRef| e.is("a");
        let below = descendant_flags(&cx, is_link);
        assert!(
            below[1] && below[2] && below[4],
            "the slot holds the link in the flat tree"
        );
        assert!(!below[5] && !below[6]);
        let div = cx.dom.element(NodeId(1)).unwrap();
        assert_eq!(
            find_descendant(&cx, div, is_link).map(|e| e.id),
            Some(NodeId(5))
        );
        let p = cx.dom.element(NodeId(6)).unwrap();
        assert!(find_descendant(&cx, p, is_link).is_none());
    }
}
