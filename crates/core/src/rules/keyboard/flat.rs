//! Small walks over the flat tree shared by the keyboard rules (loops, never recursion).

use crate::dom::{ElementRef, NodeId};
use crate::engine::Context;

/// The first element strictly inside `root`'s flat subtree that satisfies `test`.
pub fn find_descendant<'a>(
    cx: &Context<'a>,
    root: ElementRef<'a>,
    mut test: impl FnMut(ElementRef<'a>) -> bool,
) -> Option<ElementRef<'a>> {
    let dom = cx.dom;
    let mut stack: Vec<NodeId> = dom.flat_children(root.id);
    stack.reverse();
    while let Some(node) = stack.pop() {
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
