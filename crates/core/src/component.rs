//! The Lightning component a finding is in: the nearest custom element (a tag with a dash,
//! `c-appointment-list`, `lightning-input`) whose shadow tree holds the element. It tells a
//! fix in a team's own `c-*` code from a defect in a Salesforce base component.
//!
//! Two shapes of component reach the core:
//! - native shadow DOM: the element's tree root is a shadow root and its host is the
//!   component;
//! - LWC synthetic shadow and light-DOM components: the component's internals are plain
//!   children of the host, so the nearest dashed ancestor is the component. An ancestor that
//!   has a native shadow root is skipped: the element is one of its light children (slotted
//!   content), which the component around that host owns, not the host.

use crate::dom::{Dom, Namespace, NodeData, NodeId};

/// The tag of the component around `id`, if any (never `id` itself).
pub fn component_of(dom: &Dom, id: NodeId) -> Option<&str> {
    let host = component_host(dom, id)?;
    dom.element(host).map(|el| el.name())
}

/// The node of the component host around `id` (see the module docs).
pub fn component_host(dom: &Dom, id: NodeId) -> Option<NodeId> {
    let mut at = id;
    loop {
        // Up the element's own tree (document or shadow root) to its root.
        let mut parent = dom.parent(at);
        while let Some(p) = parent {
            if matches!(
                dom.node(p).data,
                NodeData::ShadowRoot { .. } | NodeData::ContentDocument { .. }
            ) {
                break;
            }
            if is_custom_element(dom, p) && dom.shadow_root(p).is_none() {
                return Some(p);
            }
            parent = dom.parent(p);
        }
        // At the root: a shadow root's host is the component, or the way on up.
        let host = dom.host(dom.tree_root(at))?;
        if is_custom_element(dom, host) {
            return Some(host);
        }
        at = host;
    }
}

/// An HTML element whose name has a dash: a custom element (every LWC component is one).
fn is_custom_element(dom: &Dom, id: NodeId) -> bool {
    matches!(&dom.node(id).data, NodeData::Element { name, ns: Namespace::Html, .. } if name.contains('-'))
}

/// Whose fix a finding is, by the component around it ([`component_of`]): the words a report
/// shows beside the component's name.
pub fn whose_fix(component: Option<&str>) -> &'static str {
    match component {
        None => "page markup: the site's own templates and content",
        // `c-*` is the default namespace: components the team wrote.
        Some(tag) if tag.starts_with("c-") => "your team's code",
        Some(tag) if tag.starts_with("lightning-") => {
            "a Salesforce base component: check its documented attributes before filing a case"
        }
        Some(_) => {
            "a component from another namespace (a managed package or Salesforce): its \
             publisher fixes it"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{Node, ShadowMode};

    fn element(parent: u32, name: &str) -> Node {
        Node::new(
            Some(NodeId(parent)),
            NodeData::Element {
                name: name.into(),
                ns: Namespace::Html,
                attrs: Vec::new(),
            },
        )
    }

    fn shadow(host: u32) -> Node {
        Node::new(
            Some(NodeId(host)),
            NodeData::ShadowRoot {
                mode: ShadowMode::Open,
            },
        )
    }

    #[test]
    fn native_shadow_synthetic_shadow_and_slotted_content() {
        let dom = Dom::from_nodes(vec![
            Node::new(None, NodeData::Document), // 0
            element(0, "html"),                  // 1
            element(1, "body"),                  // 2
            element(2, "main"),                  // 3: outside any component
            element(2, "c-appointment-list"),    // 4: native host
            shadow(4),                           // 5
            element(5, "div"),                   // 6: inside c-appointment-list
            element(6, "lightning-card"),        // 7: native host in the shadow tree
            shadow(7),                           // 8
            element(8, "h2"),                    // 9: inside lightning-card
            element(7, "p"),                     // 10: slotted into lightning-card
            element(6, "lightning-input"),       // 11: synthetic shadow (no root)
            element(11, "input"),                // 12: inside lightning-input
            element(2, "c-banner"),              // 13: synthetic shadow in the document
            element(13, "span"),                 // 14
        ])
        .expect("a valid tree");
        let of = |id: u32| component_of(&dom, NodeId(id));
        assert_eq!(of(3), None);
        assert_eq!(of(4), None, "a host is not inside itself");
        assert_eq!(of(6), Some("c-appointment-list"));
        assert_eq!(of(7), Some("c-appointment-list"));
        assert_eq!(of(9), Some("lightning-card"));
        assert_eq!(of(10), Some("c-appointment-list"), "slotted content");
        assert_eq!(of(12), Some("lightning-input"));
        assert_eq!(of(14), Some("c-banner"));
    }

    #[test]
    fn says_whose_fix_a_component_is() {
        assert_eq!(whose_fix(Some("c-visit-card")), "your team's code");
        assert!(whose_fix(Some("lightning-input")).starts_with("a Salesforce base component"));
        assert!(whose_fix(Some("community_layout-x")).contains("another namespace"));
        assert!(whose_fix(None).starts_with("page markup"));
        // Only the prefix counts: a team component named after a base one is still theirs.
        assert_eq!(whose_fix(Some("c-lightning-wrapper")), "your team's code");
    }
}
