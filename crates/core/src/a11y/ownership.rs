//! The accessibility tree's parent/child relation as the ARIA context rules need it:
//! the flat tree, re-parented by `aria-owns`, with presentational and plain generic
//! containers passed through.

use std::collections::HashMap;

use crate::a11y::roles::has_global_aria_attr;
use crate::dom::{ElementRef, NodeData, NodeId};
use crate::engine::Context;

use super::aria::role_of;

/// How many steps a walk up the tree takes before giving up (pathological nesting).
const WALK_LIMIT: usize = 512;

/// Who `aria-owns` each element (the first owner in document order wins, as in browsers).
pub struct Owners {
    owner_of: HashMap<NodeId, NodeId>,
    owned_by: HashMap<NodeId, Vec<NodeId>>,
}

impl Owners {
    pub fn new(cx: &Context) -> Owners {
        let mut owner_of = HashMap::new();
        let mut owned_by: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
        for el in cx.dom.elements() {
            let Some(ids) = el.attr("aria-owns") else {
                continue;
            };
            for id in ids.split_ascii_whitespace() {
                let Some(target) = cx.dom.element_by_id(el.id, id) else {
                    continue;
                };
                // An element cannot own itself or an ancestor (looked for within a bounded
                // distance; the walks below are bounded too, so a missed cycle cannot hang).
                let is_ancestor =
                    target == el.id || el.flat_ancestors().take(WALK_LIMIT).any(|a| a.id == target);
                if is_ancestor || owner_of.contains_key(&target) {
                    continue;
                }
                owner_of.insert(target, el.id);
                owned_by.entry(el.id).or_default().push(target);
            }
        }
        Owners { owner_of, owned_by }
    }

    pub fn owner(&self, node: NodeId) -> Option<NodeId> {
        self.owner_of.get(&node).copied()
    }

    pub fn owned(&self, node: NodeId) -> &[NodeId] {
        self.owned_by.get(&node).map(Vec::as_slice).unwrap_or(&[])
    }
}

/// How an element takes part in the accessibility tree's structure.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Not exposed (hidden): neither it nor its content counts.
    Hidden,
    /// `none`/`presentation`, or a plain generic container (no role, no global ARIA
    /// attribute, not focusable): its children count in its place.
    PassThrough,
    /// An element with this role.
    Role(&'static str),
}

pub fn kind(cx: &Context, el: ElementRef) -> Kind {
    if cx.a11y.is_hidden(el.id) {
        return Kind::Hidden;
    }
    // Column elements only carry styles: HTML-AAM maps them to nothing, so they own no
    // content and are not items of the table.
    if matches!(el.name(), "col" | "colgroup") && role_of(cx, el).is_none() {
        return Kind::Hidden;
    }
    match role_of(cx, el) {
        Some("none") | Some("presentation") => Kind::PassThrough,
        Some("generic") | None if !has_global_aria_attr(el) && !cx.a11y.is_focusable(el) => {
            Kind::PassThrough
        }
        Some(role) => Kind::Role(role),
        None => Kind::Role("generic"),
    }
}

/// What is above an element in the accessibility tree.
pub enum Parent<'a> {
    /// The nearest element with a role.
    Found(ElementRef<'a>, &'static str),
    /// Nothing with a role up to the root.
    NoneFound,
    /// The walk was too long to finish (pathological nesting).
    Unknown,
}

/// The nearest element above `el` in the accessibility tree that has a role (its
/// `aria-owns` owner, else the nearest flat-tree ancestor that is not passed through).
pub fn context_parent<'a>(cx: &Context<'a>, owners: &Owners, el: ElementRef<'a>) -> Parent<'a> {
    let mut at = el;
    for _ in 0..WALK_LIMIT {
        let parent = match owners.owner(at.id) {
            Some(owner) => cx.dom.element(owner),
            None => at.flat_parent_element(),
        };
        let Some(parent) = parent else {
            return Parent::NoneFound;
        };
        match kind(cx, parent) {
            Kind::Role(role) => return Parent::Found(parent, role),
            Kind::PassThrough | Kind::Hidden => at = parent,
        }
    }
    Parent::Unknown
}

/// One thing an element owns in the accessibility tree.
#[derive(Clone, Copy, Debug)]
pub enum Owned<'a> {
    /// An element with a role.
    Element(ElementRef<'a>, &'static str),
    /// Text directly in the element (or in a passed-through container).
    Text,
    /// A passed-through generic container with nothing exposed in it.
    EmptyGeneric(ElementRef<'a>),
}

/// The elements (and text) `el` owns: its flat children and `aria-owns` targets, minus
/// children another element owns, looking through passed-through containers.
pub fn owned_children<'a>(cx: &Context<'a>, owners: &Owners, el: ElementRef<'a>) -> Vec<Owned<'a>> {
    let mut out = Vec::new();
    let mut stack: Vec<NodeId> = children_of(cx, owners, el.id);
    stack.reverse();
    // Generic containers waiting to learn whether anything inside them was exposed:
    // (container, items found before it, stack length where its children start).
    let mut pending: Vec<(ElementRef<'a>, usize, usize)> = Vec::new();
    while let Some(node) = stack.pop() {
        close_finished(&mut pending, &mut out, Some(stack.len()));
        match &cx.dom.node(node).data {
            NodeData::Text { text } if !text.trim().is_empty() && !cx.a11y.is_hidden(node) => {
                out.push(Owned::Text);
            }
            NodeData::Element { .. } => {
                let Some(child) = cx.dom.element(node) else {
                    continue;
                };
                match kind(cx, child) {
                    Kind::Hidden => {}
                    Kind::Role(role) => out.push(Owned::Element(child, role)),
                    Kind::PassThrough => {
                        let mut grand = children_of(cx, owners, node);
                        let is_generic =
                            !matches!(role_of(cx, child), Some("none") | Some("presentation"));
                        if is_generic {
                            pending.push((child, out.len(), stack.len()));
                        }
                        grand.reverse();
                        stack.extend(grand);
                    }
                }
            }
            _ => {}
        }
    }
    close_finished(&mut pending, &mut out, None);
    out
}

/// Generic containers whose content has all been visited (the stack has shrunk below
/// where their children started; `None`: the walk is over): if they added nothing, they
/// count as an empty generic.
fn close_finished<'a>(
    pending: &mut Vec<(ElementRef<'a>, usize, usize)>,
    out: &mut Vec<Owned<'a>>,
    stack_len: Option<usize>,
) {
    while let Some(&(generic, items_before, depth)) = pending.last() {
        if stack_len.is_some_and(|len| len >= depth) {
            break;
        }
        pending.pop();
        if out.len() == items_before {
            out.push(Owned::EmptyGeneric(generic));
        }
    }
}

/// Flat children plus `aria-owns` targets, without children owned by another element.
fn children_of(cx: &Context, owners: &Owners, node: NodeId) -> Vec<NodeId> {
    let mut children: Vec<NodeId> = cx
        .dom
        .flat_children(node)
        .into_iter()
        .filter(|c| owners.owner(*c).is_none_or(|o| o == node))
        .collect();
    for owned in owners.owned(node) {
        if !children.contains(owned) {
            children.push(*owned);
        }
    }
    children
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::tree::tests::build;
    use crate::snapshot::Snapshot;

    #[test]
    fn generic_containers_pass_through_and_aria_owns_reparents() {
        let snapshot = Snapshot::new(
            "https://portal.example/",
            "test",
            build(&[
                (Some(0), "ul"),                         // 1
                (Some(1), "div"),                        // 2: plain generic
                (Some(2), "li"),                         // 3
                (Some(0), "div|role=list|aria-owns=i1"), // 4
                (Some(0), "span|id=i1|role=listitem"),   // 5
                (Some(0), "div|role=list"),              // 6
                (Some(6), "div"),                        // 7: empty generic
            ]),
        );
        let cx = Context::new(&snapshot);
        let owners = Owners::new(&cx);
        let el = |i| cx.dom.element(NodeId(i)).unwrap();
        let roles = |i| -> Vec<Option<&'static str>> {
            owned_children(&cx, &owners, el(i))
                .into_iter()
                .map(|o| match o {
                    Owned::Element(_, role) => Some(role),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(roles(1), vec![Some("listitem")]);
        assert_eq!(roles(4), vec![Some("listitem")]);
        assert!(matches!(
            owned_children(&cx, &owners, el(6))[..],
            [Owned::EmptyGeneric(g)] if g.id == NodeId(7)
        ));
        assert_eq!(owners.owner(NodeId(5)), Some(NodeId(4)));
        assert!(matches!(
            context_parent(&cx, &owners, el(5)),
            Parent::Found(p, "list") if p.id == NodeId(4)
        ));
        assert!(matches!(
            context_parent(&cx, &owners, el(3)),
            Parent::Found(p, "list") if p.id == NodeId(1)
        ));
        assert_eq!(kind(&cx, el(2)), Kind::PassThrough);
    }
}
