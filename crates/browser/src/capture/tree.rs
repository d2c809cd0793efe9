//! The node tree as the DOM domain reports it, joined to DOMSnapshot's facts.
//!
//! `DOM.getFlattenedDocument { depth: -1, pierce: true }` lists every node of the page
//! with its `parentId`, shadow roots included (with their real mode), and the light
//! children of a host that no slot takes, which DOMSnapshot (a flat-tree walk) leaves out.
//! Each node is joined to the snapshot by `backendNodeId` for its text (uncut), live form
//! state, style, box, paint order and scroll box. The DOM domain is enabled with
//! `includeWhitespace: "all"`: by default it skips whitespace-only text nodes, which
//! separate words in accessible names.
//!
//! Why this call and not `DOM.getDocument { depth: -1 }`: that one nests children inside
//! their parent, and Chromium 156 refuses to serialize more than ~150 levels ("CBOR: stack
//! limit exceeded", measured with 600 nested `<div>`s), while the flattened list has the
//! same nodes at any depth (1,000 nested levels read in 7 ms).
//!
//! Kept from the tree: the document, its doctype, elements, text, comments, and open and
//! closed shadow roots. Not kept (not reachable from the document through `parentId`):
//! user-agent shadow trees, `<template>` contents, and iframe documents (each is a page of
//! its own; the core's `Dom` holds one document).

use std::collections::HashMap;

use portalscan_core::dom::{Namespace, Node, NodeData, NodeId, ShadowMode};
use portalscan_core::style::Style;
use serde::{Deserialize, Serialize};

use super::{Built, CDATA, COMMENT, DOCTYPE, DOCUMENT, ELEMENT, Facts, TEXT, element_name};
use crate::cdp::{Conn, call_typed};
use crate::{BackendNodeId, BrowserError, NodeMap};

// ---- DevTools protocol messages (only the fields we read) ----

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct DomEnable {
    /// `"all"`: whitespace-only text nodes too (the DOM domain skips them by default;
    /// they separate words in accessible names).
    include_whitespace: &'static str,
}

impl headless_chrome::protocol::cdp::types::Method for DomEnable {
    const NAME: &'static str = "DOM.enable";
    type ReturnObject = serde_json::Value;
}

#[derive(Serialize, Debug)]
struct GetFlattenedDocument {
    depth: i32,
    pierce: bool,
}

#[derive(Deserialize, Debug)]
pub(super) struct FlatDocument {
    nodes: Vec<TreeNode>,
}

impl headless_chrome::protocol::cdp::types::Method for GetFlattenedDocument {
    const NAME: &'static str = "DOM.getFlattenedDocument";
    type ReturnObject = FlatDocument;
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct TreeNode {
    node_id: u32,
    parent_id: Option<u32>,
    backend_node_id: BackendNodeId,
    node_type: u32,
    node_name: String,
    #[serde(default)]
    node_value: String,
    /// Flat name/value pairs.
    #[serde(default)]
    attributes: Vec<String>,
    #[serde(default)]
    shadow_roots: Vec<ShadowRootRef>,
}

/// A shadow root as its host lists it (its children are in the list, under its id).
#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct ShadowRootRef {
    node_id: u32,
    backend_node_id: BackendNodeId,
    shadow_root_type: Option<String>,
}

/// Reads the page's node tree (the DOM domain stays enabled: the caller disables it).
pub(super) fn read(conn: &Conn) -> Result<FlatDocument, BrowserError> {
    let step = "reading the DOM tree";
    call_typed(
        conn,
        step,
        DomEnable {
            include_whitespace: "all",
        },
    )?;
    call_typed(
        conn,
        step,
        GetFlattenedDocument {
            depth: -1,
            pierce: true,
        },
    )
}

enum Item {
    /// A node of the list.
    Node(usize),
    /// The shadow root of the list node at `.0`, with its mode.
    Shadow(usize, ShadowMode),
}

/// The arena in pre-order (each shadow root right after its host, before the host's light
/// children), as the static front-end builds it.
pub(super) fn build(facts: &mut Facts, tree: &FlatDocument) -> Result<Built, BrowserError> {
    let n = facts.nodes();
    let snapshot_index: HashMap<BackendNodeId, usize> = n
        .backend_node_id
        .iter()
        .enumerate()
        .map(|(i, &b)| (b, i))
        .collect();
    // The top document is the parentless document the snapshot also starts from.
    let snapshot_root = (0..n.node_type.len())
        .find(|&i| n.parent_index[i] < 0 && n.node_type[i] == DOCUMENT)
        .map(|i| n.backend_node_id[i]);
    let documents: Vec<usize> = (0..tree.nodes.len())
        .filter(|&i| tree.nodes[i].parent_id.is_none() && tree.nodes[i].node_type == DOCUMENT)
        .collect();
    let Some(&root) = documents
        .iter()
        .find(|&&i| Some(tree.nodes[i].backend_node_id) == snapshot_root)
        .or(documents.first())
    else {
        return Err(BrowserError::Protocol(
            "the DOM tree has no document node".into(),
        ));
    };
    // Children by parent id, in list order (the list keeps siblings in order).
    let mut children: HashMap<u32, Vec<usize>> = HashMap::new();
    for (i, node) in tree.nodes.iter().enumerate() {
        if let Some(parent) = node.parent_id {
            children.entry(parent).or_default().push(i);
        }
    }
    let no_children: Vec<usize> = Vec::new();
    let kids = |id: u32| children.get(&id).unwrap_or(&no_children);

    let mut nodes: Vec<Node> = Vec::with_capacity(tree.nodes.len());
    let mut node_map = NodeMap::default();
    let mut boxless = Vec::new();
    let mut boxless_ids = Vec::new();
    // (item, new parent, namespace its children inherit); a visited set guards against a
    // malformed list naming a node as its own ancestor.
    let mut seen = vec![false; tree.nodes.len()];
    let mut stack: Vec<(Item, Option<NodeId>, Namespace)> =
        vec![(Item::Node(root), None, Namespace::Html)];
    while let Some((item, parent, ns_context)) = stack.pop() {
        let id = NodeId(nodes.len() as u32);
        let (node, child_ns, list_id) = match item {
            Item::Shadow(host, mode) => {
                let shadow = &tree.nodes[host].shadow_roots[0];
                node_map.insert(shadow.backend_node_id, id);
                let node = Node::new(parent, NodeData::ShadowRoot { mode });
                (node, Namespace::Html, shadow.node_id)
            }
            Item::Node(i) => {
                if std::mem::replace(&mut seen[i], true) {
                    continue;
                }
                let t = &tree.nodes[i];
                let at = snapshot_index.get(&t.backend_node_id).copied();
                let mut child_ns = ns_context;
                // Text as the snapshot has it: the DOM domain cuts values at 10,000
                // characters (unslotted text, not in the snapshot, keeps the cut value).
                let value = || match at {
                    Some(at) => facts.value(at).to_string(),
                    None => t.node_value.clone(),
                };
                let data = match t.node_type {
                    DOCUMENT if parent.is_none() => NodeData::Document,
                    DOCTYPE => NodeData::Doctype {
                        name: t.node_name.clone(),
                    },
                    TEXT | CDATA => NodeData::Text { text: value() },
                    COMMENT => NodeData::Comment { text: value() },
                    ELEMENT => {
                        let (name, ns) = element_name(&t.node_name, ns_context);
                        child_ns = match (ns, name.as_str()) {
                            (Namespace::Svg, "foreignObject") => Namespace::Html,
                            (ns, _) => ns,
                        };
                        let mut attrs: Vec<(String, String)> = t
                            .attributes
                            .chunks_exact(2)
                            .map(|pair| (pair[0].clone(), pair[1].clone()))
                            .collect();
                        if ns == Namespace::Html
                            && let Some(at) = at
                        {
                            facts.fold_form_state(&name, &mut attrs, at);
                        }
                        NodeData::Element { name, ns, attrs }
                    }
                    // Processing instructions and anything else: not part of the model.
                    _ => continue,
                };
                let is_element = matches!(data, NodeData::Element { .. });
                let mut node = Node::new(parent, data);
                if is_element {
                    match at {
                        Some(at) => {
                            if !facts.lay_out(&mut node, at) {
                                boxless.push((t.backend_node_id, id));
                                boxless_ids.push(t.node_id);
                            }
                        }
                        // Not in the flat tree the browser rendered (a light child that no
                        // slot takes): not rendered, and its computed values are empty.
                        None => {
                            node.style
                                .get_or_insert_with(Style::default)
                                .set("display", "none");
                        }
                    }
                }
                node_map.insert(t.backend_node_id, id);
                (node, child_ns, t.node_id)
            }
        };
        let host = match item {
            Item::Node(i) => Some(i),
            Item::Shadow(..) => None,
        };
        nodes.push(node);
        for &c in kids(list_id).iter().rev() {
            stack.push((Item::Node(c), Some(id), child_ns));
        }
        // Pushed last, so it comes right after its host.
        if let Some(host) = host
            && let Some(mode) = tree.nodes[host].shadow_roots.first().and_then(|r| {
                match r.shadow_root_type.as_deref() {
                    Some("open") => Some(ShadowMode::Open),
                    Some("closed") => Some(ShadowMode::Closed),
                    _ => None, // the browser's own (user-agent) shadow trees
                }
            })
        {
            stack.push((Item::Shadow(host, mode), Some(id), child_ns));
        }
    }
    Ok(Built {
        nodes,
        node_map,
        boxless,
        devtools_ids: Some((tree.nodes[root].node_id, boxless_ids)),
    })
}
