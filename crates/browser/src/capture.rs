//! The page's DOM, computed styles and layout from one `DOMSnapshot.captureSnapshot` call.
//!
//! DOMSnapshot walks the real node tree inside the browser, so it sees what page scripts
//! cannot: closed shadow roots, and the real children behind LWC's synthetic shadow
//! (which patches `childNodes` and friends in the page's world, not the tree itself).
//! Its flattened arrays become the core's arena:
//! - elements (HTML, SVG, MathML), text, comments, the doctype, and shadow roots (open and
//!   closed; user-agent shadow trees are not part of the page and are skipped), in
//!   pre-order with each shadow root before its host's light children, as the static
//!   front-end builds it;
//! - inert `<template>` contents, pseudo-elements and other documents (iframes) are
//!   dropped: an iframe's document is a page of its own (its own title, language, ids),
//!   so only the top document is captured;
//! - computed styles (the properties in [`COMPUTED_STYLES`], as `getComputedStyle`
//!   serializes them), border boxes in page coordinates, paint order and scroll boxes come
//!   from the layout tree. Only rendered elements have a layout object; for the others the
//!   browser is asked which are `display: none` or `display: contents` themselves, and
//!   they get a style holding just that `display`.
//!
//! Nodes are identified by their DevTools `backendNodeId` in the returned [`NodeMap`].

use std::collections::{HashMap, HashSet};

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::types::Method;
use portalscan_core::Dom;
use portalscan_core::dom::{Namespace, Node, NodeData, NodeId, ScrollBox, ShadowMode};
use portalscan_core::snapshot::Viewport;
use portalscan_core::style::{Rect, Style};
use serde::{Deserialize, Serialize};

use crate::cdp::{Conn, call_typed};
use crate::{BackendNodeId, BrowserError, NodeMap};

/// The computed properties captured for every rendered element: every property the core's
/// rules and the static cascade read, plus a few that explain text rendering.
pub const COMPUTED_STYLES: &[&str] = &[
    "color",
    "font-size",
    "font-weight",
    "font-family",
    "font-style",
    "line-height",
    "letter-spacing",
    "word-spacing",
    "white-space",
    "text-transform",
    "background-color",
    "background-image",
    "background-clip",
    "opacity",
    "display",
    "visibility",
    "content-visibility",
    "outline-style",
    "outline-width",
    "outline-color",
    "outline-offset",
    "border-top-style",
    "border-right-style",
    "border-bottom-style",
    "border-left-style",
    "border-top-width",
    "border-right-width",
    "border-bottom-width",
    "border-left-width",
    "border-top-color",
    "border-right-color",
    "border-bottom-color",
    "border-left-color",
    "box-shadow",
    "text-shadow",
    "clip",
    "clip-path",
    "position",
    "top",
    "right",
    "bottom",
    "left",
    "overflow-x",
    "overflow-y",
    "z-index",
    "cursor",
    "pointer-events",
    "width",
    "height",
    "text-indent",
    "text-decoration-line",
    "transform",
    "appearance",
    "float",
    "filter",
    "mix-blend-mode",
];

/// What one capture returns besides the arena: the URLs the document itself reports.
pub struct Captured {
    pub dom: Dom,
    pub node_map: NodeMap,
    pub viewport: Option<Viewport>,
    /// `document.URL` (after redirects and `history.pushState`).
    pub document_url: Option<String>,
    /// The document's base URL (`<base href>` or the document URL): links resolve against it.
    pub base_url: Option<String>,
}

/// Captures the page's DOM (top document, shadow trees included), styles and layout.
pub fn capture_dom(tab: &Tab) -> Result<(Dom, NodeMap, Option<Viewport>), BrowserError> {
    let c = capture(&Conn::open(tab))?;
    Ok((c.dom, c.node_map, c.viewport))
}

/// [`capture_dom`] plus the document's own URLs, over an open connection.
pub(crate) fn capture(conn: &Conn) -> Result<Captured, BrowserError> {
    let raw = call_typed(
        conn,
        "capturing the DOM snapshot",
        CaptureSnapshot {
            computed_styles: COMPUTED_STYLES,
            include_paint_order: true,
            include_dom_rects: true,
        },
    )?;
    let mut built = build(&raw)?;
    if !built.boxless.is_empty() {
        fill_boxless_display(conn, &mut built)?;
    }
    let viewport = viewport(conn)?;
    let doc = raw.documents.first();
    let string = |i: Option<i64>| i.and_then(|i| raw.string(i)).map(str::to_string);
    let document_url = string(doc.map(|d| d.document_url)).filter(|s| !s.is_empty());
    let base_url = string(doc.map(|d| d.base_url)).filter(|s| !s.is_empty());
    let dom = Dom::from_nodes(built.nodes)
        .map_err(|e| BrowserError::Protocol(format!("the captured DOM is not a tree: {e}")))?;
    Ok(Captured {
        dom,
        node_map: built.node_map,
        viewport,
        document_url,
        base_url,
    })
}

// ---- DevTools protocol messages (our own lean types: only the fields we read) ----

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct CaptureSnapshot {
    computed_styles: &'static [&'static str],
    include_paint_order: bool,
    #[serde(rename = "includeDOMRects")]
    include_dom_rects: bool,
}

impl Method for CaptureSnapshot {
    const NAME: &'static str = "DOMSnapshot.captureSnapshot";
    type ReturnObject = RawSnapshot;
}

#[derive(Deserialize, Debug)]
struct RawSnapshot {
    documents: Vec<RawDocument>,
    strings: Vec<String>,
}

impl RawSnapshot {
    /// String table lookup; -1 (and anything out of range) is "no string".
    fn string(&self, index: i64) -> Option<&str> {
        usize::try_from(index)
            .ok()
            .and_then(|i| self.strings.get(i))
            .map(String::as_str)
    }
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct RawDocument {
    #[serde(rename = "documentURL")]
    document_url: i64,
    #[serde(rename = "baseURL")]
    base_url: i64,
    nodes: RawNodes,
    layout: RawLayout,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawNodes {
    parent_index: Vec<i64>,
    node_type: Vec<u32>,
    shadow_root_type: Option<RareStrings>,
    node_name: Vec<i64>,
    node_value: Vec<i64>,
    backend_node_id: Vec<BackendNodeId>,
    attributes: Vec<Vec<i64>>,
    input_value: Option<RareStrings>,
    input_checked: Option<RareFlags>,
    option_selected: Option<RareFlags>,
    pseudo_type: Option<RareStrings>,
}

/// Sparse string data: `value[k]` belongs to node `index[k]`.
#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct RareStrings {
    index: Vec<usize>,
    value: Vec<i64>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct RareFlags {
    index: Vec<usize>,
}

#[derive(Deserialize, Debug, Default)]
#[serde(rename_all = "camelCase", default)]
struct RawLayout {
    node_index: Vec<usize>,
    styles: Vec<Vec<i64>>,
    bounds: Vec<Vec<f64>>,
    paint_orders: Vec<u32>,
    scroll_rects: Vec<Vec<f64>>,
    client_rects: Vec<Vec<f64>>,
}

// ---- building the arena ----

const ELEMENT: u32 = 1;
const TEXT: u32 = 3;
const CDATA: u32 = 4;
const COMMENT: u32 = 8;
const DOCUMENT: u32 = 9;
const DOCTYPE: u32 = 10;

struct Built {
    nodes: Vec<Node>,
    node_map: NodeMap,
    /// Elements without a layout object (not rendered, or `display: contents`).
    boxless: Vec<(BackendNodeId, NodeId)>,
}

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

fn build(raw: &RawSnapshot) -> Result<Built, BrowserError> {
    let Some(doc) = raw.documents.first() else {
        return Err(BrowserError::Protocol(
            "the DOM snapshot has no document".into(),
        ));
    };
    let n = &doc.nodes;
    let count = n.node_type.len();
    if n.parent_index.len() != count
        || n.node_name.len() != count
        || n.backend_node_id.len() != count
    {
        return Err(BrowserError::Protocol(
            "the DOM snapshot's node arrays differ in length".into(),
        ));
    }
    let s = |i: i64| raw.string(i).unwrap_or("");
    let rare_strings = |rare: &Option<RareStrings>| -> HashMap<usize, i64> {
        rare.as_ref()
            .map(|r| {
                r.index
                    .iter()
                    .copied()
                    .zip(r.value.iter().copied())
                    .collect()
            })
            .unwrap_or_default()
    };
    let rare_flags = |rare: &Option<RareFlags>| -> HashSet<usize> {
        rare.as_ref()
            .map(|r| r.index.iter().copied().collect())
            .unwrap_or_default()
    };
    let shadow_types = rare_strings(&n.shadow_root_type);
    let pseudo: HashSet<usize> = n
        .pseudo_type
        .as_ref()
        .map(|r| r.index.iter().copied().collect())
        .unwrap_or_default();
    let input_values = rare_strings(&n.input_value);
    let checked = rare_flags(&n.input_checked);
    let selected = rare_flags(&n.option_selected);
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

    // The first layout object of each node.
    let mut layout_of: Vec<Option<usize>> = vec![None; count];
    for (k, &node) in doc.layout.node_index.iter().enumerate() {
        if node < count && layout_of[node].is_none() {
            layout_of[node] = Some(k);
        }
    }
    // A box-less element (`display: contents`, as `<slot>` is) has no style of its own in
    // the layout tree, but a text run directly inside it is styled by inheriting from it:
    // its inherited values are the element's.
    let mut text_inside: HashMap<usize, usize> = HashMap::new();
    for (i, layout) in layout_of.iter().enumerate() {
        if matches!(n.node_type[i], TEXT | CDATA)
            && let (Ok(p), Some(k)) = (usize::try_from(n.parent_index[i]), layout)
        {
            text_inside.entry(p).or_insert(*k);
        }
    }
    let mut styles = StyleTable::default();
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
                        text: s(n.node_value.get(at).copied().unwrap_or(-1)).to_string(),
                    },
                    COMMENT => NodeData::Comment {
                        text: s(n.node_value.get(at).copied().unwrap_or(-1)).to_string(),
                    },
                    _ => {
                        let (name, ns) = element_name(name_of(at), ns_context);
                        child_ns = match (ns, name.as_str()) {
                            (Namespace::Svg, "foreignObject") => Namespace::Html,
                            (ns, _) => ns,
                        };
                        let mut attrs: Vec<(String, String)> = n
                            .attributes
                            .get(at)
                            .map(|flat| {
                                flat.chunks_exact(2)
                                    .map(|pair| (s(pair[0]).to_string(), s(pair[1]).to_string()))
                                    .collect()
                            })
                            .unwrap_or_default();
                        if ns == Namespace::Html {
                            fold_form_state(
                                &name,
                                &mut attrs,
                                input_values.get(&at).map(|&v| s(v)),
                                checked.contains(&at),
                                selected.contains(&at),
                            );
                        }
                        NodeData::Element { name, ns, attrs }
                    }
                };
                let is_element = matches!(data, NodeData::Element { .. });
                let mut node = Node::new(parent, data);
                let backend = n.backend_node_id[at];
                if is_element {
                    match layout_of[at] {
                        Some(k) => apply_layout(&mut node, &doc.layout, k, &mut styles, raw),
                        None => {
                            if let Some(&k) = text_inside.get(&at) {
                                node.style = doc
                                    .layout
                                    .styles
                                    .get(k)
                                    .map(|values| inherited_only(&styles.style(values, raw)));
                            }
                            boxless.push((backend, id));
                        }
                    }
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
    })
}

/// DOMSnapshot reports `tagName`: upper case for HTML elements, the element's own case for
/// SVG and MathML. The namespace follows from the case and the nearest foreign root.
fn element_name(raw: &str, context: Namespace) -> (String, Namespace) {
    if !raw.bytes().any(|b| b.is_ascii_lowercase()) {
        return (raw.to_ascii_lowercase(), Namespace::Html);
    }
    let ns = match raw {
        "svg" => Namespace::Svg,
        "math" => Namespace::Mathml,
        // A lower-case name outside SVG and MathML: an XHTML document.
        _ if context == Namespace::Html => Namespace::Html,
        _ => context,
    };
    (raw.to_string(), ns)
}

/// The live state of form controls (what the user typed or picked) replaces the markup's
/// initial state, as the accessibility tree shows it. Password and file values are never
/// copied: they are credentials or local paths.
fn fold_form_state(
    name: &str,
    attrs: &mut Vec<(String, String)>,
    input_value: Option<&str>,
    checked: bool,
    selected: bool,
) {
    let ty = attrs
        .iter()
        .find(|(n, _)| n == "type")
        .map(|(_, v)| v.trim().to_ascii_lowercase())
        .unwrap_or_default();
    let set = |attrs: &mut Vec<(String, String)>, key: &str, on: bool, value: &str| {
        let at = attrs.iter().position(|(n, _)| n == key);
        match (at, on) {
            (Some(i), true) => attrs[i].1 = value.to_string(),
            (None, true) => attrs.push((key.to_string(), value.to_string())),
            (Some(i), false) => {
                attrs.remove(i);
            }
            (None, false) => {}
        }
    };
    match name {
        "input" => {
            if matches!(ty.as_str(), "checkbox" | "radio") {
                let was = attrs
                    .iter()
                    .find(|(n, _)| n == "checked")
                    .map(|(_, v)| v.clone());
                set(attrs, "checked", checked, was.as_deref().unwrap_or(""));
            } else if let Some(value) = input_value
                && !matches!(ty.as_str(), "password" | "file")
            {
                let had = attrs.iter().any(|(n, _)| n == "value");
                if had || !value.is_empty() {
                    set(attrs, "value", true, value);
                }
            }
        }
        "option" => {
            let was = attrs
                .iter()
                .find(|(n, _)| n == "selected")
                .map(|(_, v)| v.clone());
            set(attrs, "selected", selected, was.as_deref().unwrap_or(""));
        }
        _ => {}
    }
}

/// Shares one `Style` map between elements whose computed values are identical.
#[derive(Default)]
struct StyleTable {
    by_values: HashMap<Vec<i64>, Style>,
}

impl StyleTable {
    fn style(&mut self, values: &[i64], raw: &RawSnapshot) -> Style {
        if let Some(style) = self.by_values.get(values) {
            return style.clone();
        }
        let style: Style = COMPUTED_STYLES
            .iter()
            .zip(values)
            .filter_map(|(prop, &v)| {
                let value = raw.string(v)?;
                (!value.is_empty()).then_some((*prop, value))
            })
            .collect();
        self.by_values.insert(values.to_vec(), style.clone());
        style
    }
}

fn apply_layout(
    node: &mut Node,
    layout: &RawLayout,
    k: usize,
    styles: &mut StyleTable,
    raw: &RawSnapshot,
) {
    if let Some(values) = layout.styles.get(k) {
        node.style = Some(styles.style(values, raw));
    }
    if let Some([x, y, width, height]) = layout.bounds.get(k).and_then(|b| quad(b)) {
        node.rect = Some(Rect {
            x,
            y,
            width,
            height,
        });
    }
    node.paint_order = layout.paint_orders.get(k).copied();
    let client = layout.client_rects.get(k).and_then(|r| quad(r));
    let scroll = layout.scroll_rects.get(k).and_then(|r| quad(r));
    if let (Some(client), Some(scroll)) = (client, scroll) {
        let scroll_box = ScrollBox {
            client_width: client[2],
            client_height: client[3],
            scroll_width: scroll[2],
            scroll_height: scroll[3],
        };
        let overflows = scroll_box.scroll_width > scroll_box.client_width
            || scroll_box.scroll_height > scroll_box.client_height;
        let scroller = node.style.as_ref().is_some_and(|s| {
            ["overflow-x", "overflow-y"]
                .iter()
                .any(|p| matches!(s.get(p), Some("auto" | "scroll")))
        });
        if overflows || scroller {
            node.scroll = Some(scroll_box);
        }
    }
}

/// Properties that inherit (CSS), among [`COMPUTED_STYLES`].
const INHERITED: &[&str] = &[
    "color",
    "font-size",
    "font-weight",
    "font-family",
    "font-style",
    "line-height",
    "letter-spacing",
    "word-spacing",
    "white-space",
    "text-transform",
    "text-indent",
    "text-shadow",
    "visibility",
    "cursor",
    "pointer-events",
];

fn inherited_only(style: &Style) -> Style {
    style
        .iter()
        .filter(|(p, _)| INHERITED.contains(p))
        .collect()
}

/// `[x, y, width, height]` from a DOMSnapshot rectangle (empty when not applicable).
fn quad(rect: &[f64]) -> Option<[f64; 4]> {
    match rect {
        [x, y, w, h] if [x, y, w, h].iter().all(|v| v.is_finite()) => Some([*x, *y, *w, *h]),
        _ => None,
    }
}

// ---- elements without a layout object ----

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct GetDocument {
    depth: i32,
    pierce: bool,
}

#[derive(Deserialize, Debug)]
struct GetDocumentReturn {
    root: RawDomNode,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct RawDomNode {
    node_id: u32,
}

impl Method for GetDocument {
    const NAME: &'static str = "DOM.getDocument";
    type ReturnObject = GetDocumentReturn;
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct GetNodesForSubtreeByStyle {
    node_id: u32,
    computed_styles: Vec<NameValue>,
    pierce: bool,
}

#[derive(Serialize, Debug)]
struct NameValue {
    name: &'static str,
    value: &'static str,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct NodeIds {
    node_ids: Vec<u32>,
}

impl Method for GetNodesForSubtreeByStyle {
    const NAME: &'static str = "DOM.getNodesForSubtreeByStyle";
    type ReturnObject = NodeIds;
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct PushNodesByBackendIdsToFrontend {
    backend_node_ids: Vec<BackendNodeId>,
}

impl Method for PushNodesByBackendIdsToFrontend {
    const NAME: &'static str = "DOM.pushNodesByBackendIdsToFrontend";
    type ReturnObject = NodeIds;
}

#[derive(Serialize, Debug)]
struct DomDisable {}

impl Method for DomDisable {
    const NAME: &'static str = "DOM.disable";
    type ReturnObject = serde_json::Value;
}

/// Elements without a layout object are not rendered, or are `display: contents`. The
/// browser tells which of them are `display: none` / `contents` themselves (three calls for
/// the whole page, whatever its size); their style gets that `display` (next to the
/// inherited values a text run inside gave, if any), and the rest (inside a hidden
/// subtree) keep no style: their other values are unknown.
fn fill_boxless_display(conn: &Conn, built: &mut Built) -> Result<(), BrowserError> {
    let step = "asking which unrendered elements are display: none";
    let document = call_typed(
        conn,
        step,
        GetDocument {
            depth: 0,
            pierce: false,
        },
    )?;
    let ids: Vec<BackendNodeId> = built.boxless.iter().map(|(b, _)| *b).collect();
    let pushed = call_typed(
        conn,
        step,
        PushNodesByBackendIdsToFrontend {
            backend_node_ids: ids,
        },
    )?
    .node_ids;
    for display in ["none", "contents"] {
        let matching: HashSet<u32> = call_typed(
            conn,
            step,
            GetNodesForSubtreeByStyle {
                node_id: document.root.node_id,
                computed_styles: vec![NameValue {
                    name: "display",
                    value: display,
                }],
                pierce: true,
            },
        )?
        .node_ids
        .into_iter()
        .collect();
        for (k, &(_, id)) in built.boxless.iter().enumerate() {
            // 0 is "no such node" (removed since the snapshot).
            if pushed
                .get(k)
                .is_some_and(|n| *n != 0 && matching.contains(n))
            {
                built.nodes[id.index()]
                    .style
                    .get_or_insert_with(Style::default)
                    .set("display", display);
            }
        }
    }
    // Node ids and DOM events are not needed after this.
    call_typed(conn, step, DomDisable {}).ok();
    Ok(())
}

// ---- viewport ----

#[derive(Serialize, Debug)]
struct GetLayoutMetrics {}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct LayoutMetrics {
    css_layout_viewport: Option<CssViewport>,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct CssViewport {
    client_width: f64,
    client_height: f64,
}

impl Method for GetLayoutMetrics {
    const NAME: &'static str = "Page.getLayoutMetrics";
    type ReturnObject = LayoutMetrics;
}

fn viewport(conn: &Conn) -> Result<Option<Viewport>, BrowserError> {
    let metrics = call_typed(conn, "reading the viewport size", GetLayoutMetrics {})?;
    Ok(metrics.css_layout_viewport.map(|v| Viewport {
        width: v.client_width,
        height: v.client_height,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_names_give_the_namespace() {
        assert_eq!(
            element_name("DIV", Namespace::Html),
            ("div".into(), Namespace::Html)
        );
        assert_eq!(
            element_name("C-CARD", Namespace::Html),
            ("c-card".into(), Namespace::Html)
        );
        assert_eq!(
            element_name("H1", Namespace::Svg),
            ("h1".into(), Namespace::Html)
        );
        assert_eq!(
            element_name("svg", Namespace::Html),
            ("svg".into(), Namespace::Svg)
        );
        assert_eq!(
            element_name("linearGradient", Namespace::Svg),
            ("linearGradient".into(), Namespace::Svg)
        );
        assert_eq!(
            element_name("mi", Namespace::Mathml),
            ("mi".into(), Namespace::Mathml)
        );
    }

    #[test]
    fn typed_values_replace_the_markup_but_never_for_passwords() {
        let mut attrs = vec![("type".to_string(), "text".to_string())];
        fold_form_state("input", &mut attrs, Some("typed"), false, false);
        assert_eq!(attrs[1], ("value".into(), "typed".into()));
        let mut attrs = vec![("type".to_string(), "password".to_string())];
        fold_form_state("input", &mut attrs, Some("secret"), false, false);
        assert_eq!(attrs.len(), 1);
        let mut attrs = vec![
            ("type".to_string(), "checkbox".to_string()),
            ("checked".to_string(), String::new()),
        ];
        fold_form_state("input", &mut attrs, None, false, false);
        assert_eq!(attrs.len(), 1, "unchecked by the user");
        let mut attrs = vec![];
        fold_form_state("option", &mut attrs, None, false, true);
        assert_eq!(attrs, vec![("selected".to_string(), String::new())]);
    }
}
