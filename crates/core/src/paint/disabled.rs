//! Which elements are exempt from text contrast as parts of disabled controls (WCAG 1.4.3
//! "incidental" text; ACT afw4f7's disabled widget, disabled label and disabled group).

use crate::dom::{Dom, ElementRef, NodeId};
use crate::style::inheritance_parent;

const FORM_CONTROLS: &[&str] = &[
    "button", "input", "select", "textarea", "optgroup", "option", "fieldset",
];
const LABELABLE: &[&str] = &[
    "button", "input", "meter", "output", "progress", "select", "textarea",
];

/// How far up a disabled `<fieldset>` is looked for.
pub const MAX_FIELDSET_DEPTH: usize = 256;

fn is_form_control(el: ElementRef) -> bool {
    el.is_html() && FORM_CONTROLS.contains(&el.name())
}

/// Disabled by its own attributes or a disabled `<fieldset>` ancestor (not in its first
/// `<legend>`), or marked `aria-disabled="true"`.
pub fn is_disabled(el: ElementRef) -> bool {
    if el
        .attr("aria-disabled")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if !is_form_control(el) {
        return false;
    }
    if el.has_attr("disabled") {
        return true;
    }
    let mut child = el;
    // Bounded: a disabled fieldset hundreds of levels up is not a real page, and the
    // bound keeps pages of 100,000 nested elements linear.
    for anc in el.ancestors().take(MAX_FIELDSET_DEPTH) {
        if anc.is("fieldset") && anc.has_attr("disabled") {
            let first_legend = anc.children().find(|c| c.is("legend")).map(|l| l.id);
            return first_legend != Some(child.id);
        }
        child = anc;
    }
    false
}

/// The control a `<label>` labels: its `for` target, or its first labelable descendant.
fn labeled_control(dom: &Dom, label: ElementRef) -> Option<NodeId> {
    if let Some(target) = label.attr("for") {
        return dom.element_by_id(label.id, target).filter(|t| {
            dom.element(*t)
                .is_some_and(|e| e.is_html() && LABELABLE.contains(&e.name()))
        });
    }
    let end = dom.subtree_end(label.id);
    (label.id.index() + 1..end)
        .map(|i| NodeId(i as u32))
        .filter(|n| dom.tree_root(*n) == dom.tree_root(label.id))
        .filter_map(|n| dom.element(n))
        .find(|e| {
            e.is_html()
                && LABELABLE.contains(&e.name())
                && !(e.is("input")
                    && e.attr("type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("hidden")))
        })
        .map(|e| e.id)
}

/// For every node: whether it is (inside) a disabled control, a disabled group, or the
/// label of a disabled control (by `<label>` or `aria-labelledby`).
/// `order` is [`crate::style::flat_tree_order`]'s result.
pub fn exempt_all(dom: &Dom, order: &(Vec<NodeId>, usize)) -> Vec<bool> {
    let mut own = vec![false; dom.len()];
    for el in dom.elements() {
        if is_disabled(el) {
            own[el.id.index()] = true;
            if let Some(ids) = el.attr("aria-labelledby") {
                for id in ids.split_ascii_whitespace() {
                    if let Some(target) = dom.element_by_id(el.id, id) {
                        own[target.index()] = true;
                    }
                }
            }
        }
        if el.is("label")
            && let Some(control) = labeled_control(dom, el)
            && dom.element(control).is_some_and(is_disabled)
        {
            own[el.id.index()] = true;
        }
    }
    let mut out = own.clone();
    for &id in &order.0 {
        if let Some(p) = inheritance_parent(dom, id)
            && out[p.index()]
        {
            out[id.index()] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::tree::tests::build;
    use crate::style::flat_tree_order;

    #[test]
    fn disabled_controls_groups_and_labels() {
        let dom = build(&[
            (Some(0), "fieldset|disabled="),      // 1
            (Some(1), "legend"),                  // 2
            (Some(2), "input"),                   // 3: in the first legend
            (Some(1), "input|id=b"),              // 4: disabled by the fieldset
            (Some(0), "span|aria-disabled=TRUE"), // 5
            (Some(0), "label|for=c"),             // 6: labels a disabled control
            (Some(0), "input|id=c|disabled="),    // 7
            (Some(0), "p"),                       // 8
        ]);
        let el = |i| dom.element(NodeId(i)).unwrap();
        assert!(!is_disabled(el(3)));
        assert!(is_disabled(el(4)));
        assert!(is_disabled(el(5)));
        assert!(is_disabled(el(7)));
        let exempt = exempt_all(&dom, &flat_tree_order(&dom));
        assert!(
            exempt[1] && exempt[2] && exempt[3],
            "a disabled group exempts its content"
        );
        assert!(exempt[6], "the label of a disabled control");
        assert!(!exempt[8]);
    }
}
