//! Which nodes are in the accessibility tree, and which are rendered.
//!
//! A node is *excluded* (hidden) when it or a flat-tree ancestor has `aria-hidden="true"`,
//! is not rendered, or is `inert`; when it is not in the flat tree (a host's light child
//! that no slot takes); or when its own computed `visibility` is `hidden`/`collapse`.
//!
//! Whether an element's own box is `display: none` or `visibility: hidden` is
//! [`crate::a11y::rendering`]'s answer (computed style, else the last inline declaration,
//! else the UA stylesheet); this module adds the tree: ancestors, the flat tree, the
//! content of a closed `<details>`.
//!
//! Facts are computed for all nodes at once with a memoised walk up the flat tree (no
//! recursion, linear time) and stored as bit flags.

use crate::a11y::rendering::{is_display_none, own_visibility_hidden};
use crate::dom::{Dom, ElementRef, NodeData, NodeId};

/// Excluded from the accessibility tree.
pub const HIDDEN: u8 = 1;
/// Not rendered (itself or an ancestor is `display: none`, or it is not in the flat tree).
pub const NOT_RENDERED: u8 = 2;
/// Inside an `inert` subtree.
pub const INERT: u8 = 4;
/// Itself or an ancestor has `aria-hidden="true"`.
pub const ARIA_HIDDEN: u8 = 8;
/// Itself or a flat-tree ancestor is sectioning content for header/footer scoping
/// (article, aside, main, nav, section, or those roles).
pub const SECTIONING: u8 = 16;

/// Computed `visibility` is `hidden` or `collapse` (CSS inherits it; a descendant can
/// turn it back to `visible`).
pub const INVISIBLE: u8 = 32;

/// Blocked by a modal element elsewhere in its document (see `block_outside_modals`):
/// inert (no focus) for as long as the modal is shown, unlike the `inert` attribute; not
/// [`HIDDEN`], so the content rules still check it.
pub const BLOCKED: u8 = 64;

/// Flags that pass from a node to its flat-tree descendants.
const INHERITED: u8 = NOT_RENDERED | INERT | ARIA_HIDDEN | SECTIONING | INVISIBLE;

/// Whether an attribute value is `true` as ARIA reads it (ASCII case-insensitive, trimmed).
pub fn is_aria_true(value: Option<&str>) -> bool {
    value.is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
}

fn is_sectioning(el: ElementRef) -> bool {
    let by_tag =
        el.is_html() && matches!(el.name(), "article" | "aside" | "main" | "nav" | "section");
    let by_role = el.attr("role").is_some_and(|r| {
        r.split_ascii_whitespace().any(|t| {
            ["article", "complementary", "main", "navigation", "region"]
                .iter()
                .any(|s| t.eq_ignore_ascii_case(s))
        })
    });
    by_tag || by_role
}

/// The node whose flags this node inherits, or `None` for the document. A shadow root
/// inherits from its host. `Err(())` means "not in the flat tree".
fn memo_parent(dom: &Dom, node: NodeId) -> Result<Option<NodeId>, ()> {
    match dom.node(node).data {
        NodeData::Document => return Ok(None),
        NodeData::ShadowRoot { .. } => return Ok(dom.parent(node)),
        // A frame's document is hidden, inert or not rendered with its frame element.
        NodeData::ContentDocument { .. } => return Ok(dom.parent(node)),
        _ => {}
    }
    match dom.flat_parent(node) {
        None => Err(()),
        Some(p) => Ok(Some(p)),
    }
}

/// A slot's own children are fallback content, not rendered when nodes are assigned to it.
fn is_unused_slot_fallback(dom: &Dom, node: NodeId, parent: NodeId) -> bool {
    dom.assigned_slot(node).is_none()
        && dom.is_in_shadow_tree(parent)
        && dom.element(parent).is_some_and(|p| p.is("slot"))
        && dom.parent(node) == Some(parent)
        && !dom.flat_children(parent).contains(&node)
}

/// Content of a closed `<details>` other than its first `<summary>` is not rendered.
fn is_closed_details_content(dom: &Dom, node: NodeId, parent: NodeId) -> bool {
    let Some(details) = dom.element(parent).filter(|p| p.is("details")) else {
        return false;
    };
    if details.has_attr("open") {
        return false;
    }
    let first_summary = details.children().find(|c| c.is("summary")).map(|c| c.id);
    first_summary != Some(node)
}

fn own_flags(
    dom: &Dom,
    has_styles: bool,
    node: NodeId,
    parent: Option<NodeId>,
    inherited: u8,
) -> u8 {
    let mut flags = inherited & INHERITED;
    if matches!(dom.node(node).data, NodeData::ContentDocument { .. }) {
        // Header and footer scoping stops at the frame: its document's are its own.
        flags &= !SECTIONING;
    }
    if let Some(p) = parent
        && matches!(
            dom.node(node).data,
            NodeData::Element { .. } | NodeData::Text { .. }
        )
        && (is_unused_slot_fallback(dom, node, p) || is_closed_details_content(dom, node, p))
    {
        flags |= NOT_RENDERED;
    }
    // A text node is as visible as its parent element (already inherited).
    if let Some(el) = dom.element(node) {
        if is_display_none(el, has_styles) {
            flags |= NOT_RENDERED;
        }
        if is_aria_true(el.attr("aria-hidden")) {
            flags |= ARIA_HIDDEN;
        }
        if el.has_attr("inert") {
            flags |= INERT;
        }
        if is_sectioning(el) {
            flags |= SECTIONING;
        }
        match own_visibility_hidden(el) {
            Some(true) => flags |= INVISIBLE,
            Some(false) => flags &= !INVISIBLE,
            None => {}
        }
    }
    if flags & (NOT_RENDERED | INERT | ARIA_HIDDEN | INVISIBLE) != 0 {
        flags |= HIDDEN;
    }
    flags
}

/// Flags for every node, indexed by node index.
pub fn compute_flags(dom: &Dom, has_styles: bool) -> Vec<u8> {
    let n = dom.len();
    let mut flags = vec![0u8; n];
    let mut done = vec![false; n];
    let mut stack: Vec<NodeId> = Vec::new();
    for start in 0..n {
        if done[start] {
            continue;
        }
        stack.push(NodeId(start as u32));
        while let Some(&top) = stack.last() {
            let computed = match memo_parent(dom, top) {
                Err(()) => Some(NOT_RENDERED | HIDDEN),
                Ok(None) => Some(own_flags(dom, has_styles, top, None, 0)),
                Ok(Some(p)) if done[p.index()] => {
                    Some(own_flags(dom, has_styles, top, Some(p), flags[p.index()]))
                }
                Ok(Some(p)) => {
                    stack.push(p);
                    None
                }
            };
            if let Some(f) = computed {
                let i = top.index();
                // A node outside the flat tree still carries its own aria-hidden etc.
                flags[i] = f | if f & NOT_RENDERED != 0 { HIDDEN } else { 0 };
                done[i] = true;
                stack.pop();
            }
        }
    }
    block_outside_modals(dom, &mut flags);
    flags
}

/// A document with a modal element (see [`crate::dom::Node::modal`]) is blocked by it:
/// every node of that document outside the modal's flat subtree is inert ([`BLOCKED`]),
/// the documents of its frames included, as HTML's "blocked by a modal dialog" says. It
/// cannot take focus, but stays in the tree the content rules check: the dialog closes
/// (a consent or welcome dialog open at load), and what is behind it must be checked too.
fn block_outside_modals(dom: &Dom, flags: &mut [u8]) {
    let modal_documents: Vec<NodeId> = dom
        .ids()
        .filter(|id| dom.node(*id).modal)
        .map(|id| dom.document_of(id))
        .collect();
    if modal_documents.is_empty() {
        return;
    }
    // Per node: Some(true) blocked, Some(false) not; found by walking up the flat tree
    // (through shadow hosts and frame elements) to a modal or to a modal's document.
    let mut blocked: Vec<Option<bool>> = vec![None; dom.len()];
    let mut stack: Vec<NodeId> = Vec::new();
    for start in 0..dom.len() {
        stack.push(NodeId(start as u32));
        while let Some(&top) = stack.last() {
            let known = if blocked[top.index()].is_some() {
                blocked[top.index()]
            } else if dom.node(top).modal {
                Some(false)
            } else if modal_documents.contains(&top) {
                Some(true)
            } else {
                match memo_parent(dom, top) {
                    Err(()) | Ok(None) => Some(false),
                    Ok(Some(p)) => match blocked[p.index()] {
                        Some(b) => Some(b),
                        None => {
                            stack.push(p);
                            None
                        }
                    },
                }
            };
            if let Some(b) = known {
                blocked[top.index()] = Some(b);
                stack.pop();
            }
        }
    }
    for (flag, blocked) in flags.iter_mut().zip(blocked) {
        if blocked == Some(true) {
            *flag |= BLOCKED;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::a11y::PageA11y;
    use crate::dom::{Namespace, Node};
    use crate::style::Style;

    /// Builds a DOM from (parent, spec): spec is `tag|name=value|...`, `#text` or `#shadow`.
    pub(crate) fn build(spec: &[(Option<u32>, &str)]) -> Dom {
        let mut nodes = vec![Node::new(None, NodeData::Document)];
        for (parent, spec) in spec {
            let mut parts = spec.split('|');
            let tag = parts.next().unwrap_or("");
            let attrs: Vec<(String, String)> = parts
                .map(|p| {
                    let (a, b) = p.split_once('=').unwrap_or((p, ""));
                    (a.to_string(), b.to_string())
                })
                .collect();
            let data = match tag {
                "#shadow" => NodeData::ShadowRoot {
                    mode: crate::dom::ShadowMode::Open,
                },
                t if t.starts_with('#') => NodeData::Text {
                    text: t[1..].to_string(),
                },
                t => NodeData::Element {
                    name: t.to_string(),
                    ns: Namespace::Html,
                    attrs,
                },
            };
            nodes.push(Node::new(parent.map(NodeId), data));
        }
        Dom::from_nodes(nodes).unwrap()
    }

    #[test]
    fn aria_hidden_and_hidden_attribute_hide_descendants() {
        let dom = build(&[
            (Some(0), "body"),
            (Some(1), "div|aria-hidden=TRUE"),
            (Some(2), "span"),
            (Some(1), "div|hidden="),
            (Some(4), "#text"),
            (Some(1), "p"),
            (Some(1), "script"),
        ]);
        let page = PageA11y::new(&dom);
        assert!(page.is_hidden(NodeId(3)));
        assert!(page.is_rendered(NodeId(3)), "aria-hidden does not unrender");
        assert!(page.is_hidden(NodeId(5)) && !page.is_rendered(NodeId(5)));
        assert!(!page.is_hidden(NodeId(6)));
        assert!(page.is_hidden(NodeId(7)));
    }

    #[test]
    fn styles_decide_when_present() {
        let mut dom = build(&[
            (Some(0), "body"),
            (Some(1), "div|hidden="),
            (Some(1), "div"),
            (Some(3), "span"),
            (Some(1), "div"),
        ]);
        for i in 1..dom.len() {
            let mut s = Style::default();
            s.set("display", "block");
            s.set("visibility", "visible");
            dom.node_mut(NodeId(i as u32)).style = Some(s);
        }
        // The author made the hidden div visible; another is display none; one invisible.
        dom.node_mut(NodeId(3))
            .style
            .as_mut()
            .unwrap()
            .set("display", "none");
        dom.node_mut(NodeId(5))
            .style
            .as_mut()
            .unwrap()
            .set("visibility", "hidden");
        let page = PageA11y::new(&dom);
        assert!(!page.is_hidden(NodeId(2)));
        assert!(page.is_hidden(NodeId(4)) && !page.is_rendered(NodeId(4)));
        assert!(page.is_hidden(NodeId(5)) && page.is_rendered(NodeId(5)));
    }

    #[test]
    fn inline_styles_decide_without_computed_styles() {
        let dom = build(&[
            (Some(0), "div|style=visibility: hidden"),    // 1
            (Some(1), "img"),                             // 2 invisible (inherited)
            (Some(1), "span|style=visibility:visible"),   // 3 visible again
            (Some(0), "div|hidden|style=display: block"), // 4 inline beats UA
            (Some(0), "a|style=DISPLAY:none !important"), // 5
            (Some(0), "map"),                             // 6
            (Some(6), "area|href=#"),                     // 7 exposed
        ]);
        let page = PageA11y::new(&dom);
        assert!(page.is_hidden(NodeId(2)) && page.is_rendered(NodeId(2)));
        assert!(!page.is_hidden(NodeId(3)));
        assert!(!page.is_hidden(NodeId(4)));
        assert!(page.is_hidden(NodeId(5)) && !page.is_rendered(NodeId(5)));
        assert!(!page.is_hidden(NodeId(7)));
    }

    #[test]
    fn unslotted_light_children_and_closed_details() {
        let dom = build(&[
            (Some(0), "x-host"),      // 1
            (Some(1), "#shadow"),     // 2
            (Some(2), "slot|name=a"), // 3
            (Some(1), "span|slot=a"), // 4: slotted
            (Some(1), "span|slot=b"), // 5: no such slot
            (Some(0), "details"),     // 6
            (Some(6), "summary"),     // 7
            (Some(6), "p"),           // 8
            (Some(8), "#text"),       // 9
        ]);
        let page = PageA11y::new(&dom);
        assert!(!page.is_hidden(NodeId(4)));
        assert!(page.is_hidden(NodeId(5)) && !page.is_rendered(NodeId(5)));
        assert!(!page.is_hidden(NodeId(7)));
        assert!(page.is_hidden(NodeId(8)) && page.is_hidden(NodeId(9)));
    }

    #[test]
    fn aria_hidden_on_host_hides_shadow_content() {
        let dom = build(&[
            (Some(0), "x-host|aria-hidden=true"),
            (Some(1), "#shadow"),
            (Some(2), "button"),
            (Some(0), "div|inert="),
            (Some(4), "a|href=#"),
        ]);
        let page = PageA11y::new(&dom);
        assert!(page.is_hidden(NodeId(3)));
        assert!(page.is_hidden(NodeId(5)) && page.is_inert(NodeId(5)));
    }

    #[test]
    fn a_modal_makes_the_rest_of_its_document_inert() {
        let mut dom = build(&[
            (Some(0), "a|href=#"),
            (Some(0), "x-modal"),
            (Some(2), "#shadow"),
            (Some(3), "dialog"),
            (Some(4), "slot"),
            (Some(2), "button"),
        ]);
        let page = PageA11y::new(&dom);
        assert!(!page.is_inert(NodeId(1)), "no modal: nothing is inert");
        dom.node_mut(NodeId(4)).modal = true;
        let page = PageA11y::new(&dom);
        assert!(page.is_inert(NodeId(1)) && !page.is_hidden(NodeId(1)));
        assert!(page.is_blocked_by_modal(NodeId(1)));
        assert!(
            page.is_inert(NodeId(2)),
            "the host around the dialog is outside it"
        );
        assert!(!page.is_inert(NodeId(4)), "the dialog itself");
        assert!(
            !page.is_inert(NodeId(6)),
            "a light child slotted into the dialog"
        );
    }

    #[test]
    fn deep_nesting_is_linear_and_does_not_overflow() {
        let mut spec: Vec<(Option<u32>, &str)> = vec![(Some(0), "div|aria-hidden=true")];
        for i in 1..100_000u32 {
            spec.push((Some(i), "div"));
        }
        let dom = build(&spec);
        let page = PageA11y::new(&dom);
        assert!(page.is_hidden(NodeId(100_000)));
    }
}
