//! The node tree from DOMSnapshot's flat tree alone: exact on pages without open or closed
//! shadow trees, and the fallback when the DOM domain's tree cannot be read (see the
//! parent module). With shadow trees, hosts inside shadow trees are guessed and unslotted
//! light children are missing.

use std::collections::HashMap;

use portalscan_core::dom::{Namespace, Node, NodeData, NodeId, ShadowMode};

use super::{
    Built, CDATA, COMMENT, DOCTYPE, DOCUMENT, ELEMENT, Facts, RareStrings, TEXT, element_name,
};
use crate::{BrowserError, NodeMap};

/// A node of the rebuilt node tree: a snapshot node, or a shadow root (which DOMSnapshot
/// does not list as a node of its own).
#[derive(Clone, Copy)]
enum Item {
    Raw(usize),
    Shadow(ShadowMode),
}

/// DOMSnapshot lists the *flat* tree: a host's children are its shadow tree's top-level
/// nodes, a slot's children are the nodes assigned to it, unassigned light children are
/// left out, and every node in a shadow tree is marked with its root's mode. The node tree
/// the core wants (shadow roots as nodes under their host, assigned nodes as children of
/// their host) is rebuilt from that:
/// - a shadow-tree node under a document-tree element: that element is a host;
/// - a node from an outer tree under a `<slot>`: it is assigned, so its parent is the host
///   of the slot's tree (the slot's own fallback content stays in the slot's tree);
/// - a shadow-tree node under a shadow-tree element: either an ordinary child, or the
///   element hosts a nested shadow tree. DOMSnapshot does not say which; a custom element
///   (a name with a hyphen, as every LWC component has) or a change of mode means a host.
///
/// Unassigned light children of a host are not rendered and are missing from the capture.
struct Rebuilt {
    items: Vec<Item>,
    parent: Vec<Option<usize>>,
    /// The item that is the root of each item's tree (0, the document, or a shadow root).
    tree: Vec<usize>,
    /// For each item, its shadow root item.
    shadow: Vec<Option<usize>>,
    /// Item of each raw node kept.
    item_of: Vec<Option<usize>>,
}

impl Rebuilt {
    fn push(&mut self, item: Item, parent: Option<usize>, tree: Option<usize>) -> usize {
        let id = self.items.len();
        self.items.push(item);
        self.parent.push(parent);
        self.tree.push(tree.unwrap_or(id));
        self.shadow.push(None);
        id
    }

    fn shadow_root(&mut self, host: usize, mode: ShadowMode) -> usize {
        if let Some(root) = self.shadow[host] {
            return root;
        }
        let root = self.push(Item::Shadow(mode), Some(host), None);
        self.shadow[host] = Some(root);
        root
    }

    fn mode(&self, tree: usize) -> Option<ShadowMode> {
        match self.items[tree] {
            Item::Shadow(mode) => Some(mode),
            Item::Raw(_) => None,
        }
    }

    fn host(&self, tree: usize) -> Option<usize> {
        self.mode(tree).and(self.parent[tree])
    }
}

pub(super) fn build(facts: &mut Facts) -> Result<Built, BrowserError> {
    let n = facts.nodes();
    let count = n.node_type.len();
    let raw = facts.raw;
    let s = |i: i64| raw.string(i).unwrap_or("");
    let shadow_types = RareStrings::by_node(&n.shadow_root_type);
    let pseudo = RareStrings::nodes(&n.pseudo_type);
    let name_of = |i: usize| s(n.node_name[i]);
    let is_slot = |i: usize| n.node_type[i] == ELEMENT && name_of(i) == "SLOT";
    let is_custom = |i: usize| n.node_type[i] == ELEMENT && name_of(i).contains('-');

    let Some(root) = (0..count).find(|&i| n.parent_index[i] < 0 && n.node_type[i] == DOCUMENT)
    else {
        return Err(BrowserError::Protocol(
            "the DOM snapshot has no document node".into(),
        ));
    };
    let mut t = Rebuilt {
        items: Vec::with_capacity(count),
        parent: Vec::with_capacity(count),
        tree: Vec::with_capacity(count),
        shadow: Vec::with_capacity(count),
        item_of: vec![None; count],
    };
    t.item_of[root] = Some(t.push(Item::Raw(root), None, None));
    // Whether an element inside a shadow tree hosts a shadow tree of its own, once decided.
    let mut hosts: HashMap<usize, bool> = HashMap::new();
    for i in 0..count {
        let Ok(p) = usize::try_from(n.parent_index[i]) else {
            continue;
        };
        // Parents come first; a dropped parent (template contents, pseudo-element, another
        // document) drops its subtree.
        let Some(p_item) = t.item_of.get(p).copied().flatten().filter(|_| p < i) else {
            continue;
        };
        let kept = matches!(n.node_type[i], ELEMENT | TEXT | CDATA | COMMENT | DOCTYPE)
            && !pseudo.contains(&i);
        if !kept {
            continue;
        }
        let mode = match shadow_types.get(&i).map(|&v| s(v)) {
            None => None,
            Some("open") => Some(ShadowMode::Open),
            Some("closed") => Some(ShadowMode::Closed),
            Some(_) => continue, // the browser's own (user-agent) shadow trees
        };
        let tp = t.tree[p_item];
        let (parent, tree) = match (mode, t.mode(tp)) {
            (None, None) => (p_item, tp),
            // From the document tree under a shadow-tree slot: assigned to it.
            (None, Some(_)) => {
                let mut host = t.host(tp);
                while let Some(h) = host.filter(|h| t.mode(t.tree[*h]).is_some()) {
                    host = t.host(t.tree[h]);
                }
                match host {
                    Some(h) => (h, t.tree[h]),
                    None => (p_item, tp),
                }
            }
            (Some(mode), None) => {
                let root = t.shadow_root(p_item, mode);
                (root, root)
            }
            (Some(mode), Some(tree_mode)) => {
                let assigned_from = t.host(tp).filter(|&h| t.mode(t.tree[h]).is_some());
                if is_slot(p)
                    && let Some(h) = assigned_from
                {
                    (h, t.tree[h])
                } else if is_slot(p) {
                    (p_item, tp) // fallback content
                } else if *hosts
                    .entry(p)
                    .or_insert_with(|| mode != tree_mode || is_custom(p))
                {
                    let root = t.shadow_root(p_item, mode);
                    (root, root)
                } else {
                    (p_item, tp)
                }
            }
        };
        t.item_of[i] = Some(t.push(Item::Raw(i), Some(parent), Some(tree)));
    }

    // Node-tree children in snapshot order (shadow roots apart), then a pre-order walk
    // that puts each shadow root before its host's light children.
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); t.items.len()];
    for item in 1..t.items.len() {
        if let (Some(parent), Item::Raw(_)) = (t.parent[item], t.items[item]) {
            children[parent].push(item);
        }
    }

    let mut nodes: Vec<Node> = Vec::with_capacity(t.items.len());
    let mut node_map = NodeMap::default();
    let mut boxless = Vec::new();
    // (item, new parent, namespace its children inherit)
    let mut stack: Vec<(usize, Option<NodeId>, Namespace)> = vec![(0, None, Namespace::Html)];
    while let Some((item, parent, ns_context)) = stack.pop() {
        let id = NodeId(nodes.len() as u32);
        let mut child_ns = ns_context;
        let node = match t.items[item] {
            Item::Shadow(mode) => {
                child_ns = Namespace::Html;
                Node::new(parent, NodeData::ShadowRoot { mode })
            }
            Item::Raw(at) => {
                let data = match n.node_type[at] {
                    DOCUMENT => NodeData::Document,
                    DOCTYPE => NodeData::Doctype {
                        name: s(n.node_name[at]).to_string(),
                    },
                    TEXT | CDATA => NodeData::Text {
                        text: facts.value(at).to_string(),
                    },
                    COMMENT => NodeData::Comment {
                        text: facts.value(at).to_string(),
                    },
                    _ => {
                        let (name, ns) = element_name(name_of(at), ns_context);
                        child_ns = match (ns, name.as_str()) {
                            (Namespace::Svg, "foreignObject") => Namespace::Html,
                            (ns, _) => ns,
                        };
                        let mut attrs = facts.attributes(at);
                        if ns == Namespace::Html {
                            facts.fold_form_state(&name, &mut attrs, at);
                        }
                        NodeData::Element { name, ns, attrs }
                    }
                };
                let is_element = matches!(data, NodeData::Element { .. });
                let mut node = Node::new(parent, data);
                let backend = n.backend_node_id[at];
                if is_element && !facts.lay_out(&mut node, at) {
                    boxless.push((backend, id));
                }
                node_map.insert(backend, id);
                node
            }
        };
        nodes.push(node);
        for &c in children[item].iter().rev() {
            stack.push((c, Some(id), child_ns));
        }
        if let Some(shadow) = t.shadow[item] {
            stack.push((shadow, Some(id), child_ns));
        }
    }
    Ok(Built {
        nodes,
        node_map,
        boxless,
        devtools_ids: None,
    })
}
