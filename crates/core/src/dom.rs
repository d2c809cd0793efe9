//! The page's node tree as a flat arena, shadow roots included.
//!
//! Invariants (checked by [`Dom::from_nodes`]):
//! - node 0 is the document;
//! - every other node names a parent that comes *before* it, so index order is a pre-order
//!   walk of the tree and every algorithm here can be a loop instead of recursion (a page of
//!   100,000 nested elements must not overflow the stack);
//! - a shadow root's parent is its host; it is not one of the host's children, and a host
//!   has at most one shadow root;
//! - children keep the order in which they appear in `nodes`;
//! - a frame's document (a `content_document` node) is attached to its `iframe`/`frame`
//!   element the way a shadow root is to its host: its parent is that element, it is not one
//!   of the element's children, it comes before them, and an element has at most one. It is
//!   the root of a tree of its own (its ids, landmarks and `lang` are its own) and keeps
//!   its own URL.
//!
//! The *flat tree* (what is rendered and exposed to assistive technology) is derived: a
//! shadow host shows its shadow root's children, a `<slot>` shows the host's light children
//! assigned to it (or its own fallback content), and unassigned light children of a host are
//! not rendered.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::style::{Rect, Style};

#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NodeId(pub u32);

impl NodeId {
    pub const DOCUMENT: NodeId = NodeId(0);
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Namespace {
    #[default]
    Html,
    Svg,
    Mathml,
    Other,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShadowMode {
    Open,
    Closed,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NodeData {
    Document,
    Doctype {
        name: String,
    },
    Element {
        /// Local name, lower case for HTML elements (SVG keeps its camelCase names).
        name: String,
        #[serde(default, skip_serializing_if = "is_html")]
        ns: Namespace,
        /// Attributes in source order, names lower case for HTML elements.
        #[serde(default)]
        attrs: Vec<(String, String)>,
    },
    Text {
        text: String,
    },
    Comment {
        text: String,
    },
    ShadowRoot {
        mode: ShadowMode,
    },
    /// The document shown in the `iframe`/`frame` element that is this node's parent.
    ContentDocument {
        /// The frame document's own URL (`about:srcdoc` for a `srcdoc` document).
        url: String,
    },
}

fn is_html(ns: &Namespace) -> bool {
    *ns == Namespace::Html
}

/// One node as front-ends write it and snapshots store it. Read through
/// [`crate::dom_json`].
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(try_from = "crate::dom_json::NodeWire")]
pub struct Node {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<NodeId>,
    #[serde(flatten)]
    pub data: NodeData,
    /// Computed style, where the front-end knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<Style>,
    /// Computed style while this element is focused (`:focus`, `:focus-visible` and
    /// `:focus-within` on it match), for focusable elements, where the front-end knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_style: Option<Style>,
    /// Border box in CSS pixels relative to the page, where the front-end knows layout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rect: Option<Rect>,
    /// 1-based source line where the element starts, when parsed from a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// 1-based column (in characters) of the element's `<`, where the front-end knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// Position in the browser's paint order (higher paints later, on top), where the
    /// front-end knows layout. Lets rules find backgrounds that are not ancestors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paint_order: Option<u32>,
    /// Client and scroll sizes of a scroll container (`overflow` auto or scroll), where the
    /// front-end knows layout. Nothing reads them for other elements, and front-ends leave
    /// them out there (reading them costs a browser four calls per element).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scroll: Option<ScrollBox>,
    /// The browser shows this element modally (it matches `:modal`: a `<dialog>` opened
    /// with `showModal()`, say), which makes the rest of its document inert. Only a
    /// front-end that ran the page's scripts can see it (markup alone opens no modal).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub modal: bool,
    /// What the browser painted behind this element's own text, where a browser front-end
    /// measured it (text over a background image or gradient): see [`TextBackdrop`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_backdrop: Option<TextBackdrop>,
}

/// The pixels behind an element's own text, screenshotted with every text on the page
/// made transparent (and text shadows removed): the text's line boxes cut into strips
/// about half a letter wide, and in each strip its darkest and its lightest colour (by
/// relative luminance). The text's contrast over a strip is highest against one of the
/// two, and lowest against neither when the text colour lies between them.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct TextBackdrop {
    /// `[darkest, lightest]` of each strip, as `[r, g, b]` in sRGB.
    pub strips: Vec<[[u8; 3]; 2]>,
}

/// An element's visible (client) size and the size of its scrollable content, in CSS px
/// (`clientWidth`/`scrollWidth` and friends). It overflows when scroll > client.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScrollBox {
    pub client_width: f64,
    pub client_height: f64,
    pub scroll_width: f64,
    pub scroll_height: f64,
}

impl Node {
    pub fn new(parent: Option<NodeId>, data: NodeData) -> Node {
        Node {
            parent,
            data,
            style: None,
            focus_style: None,
            rect: None,
            line: None,
            column: None,
            paint_order: None,
            scroll: None,
            modal: false,
            text_backdrop: None,
        }
    }
}

const NONE: u32 = u32::MAX;

/// Derived links, rebuilt from `parent` on load.
#[derive(Clone, Debug)]
struct Links {
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    prev_sibling: u32,
    shadow_root: u32,
    /// For an `iframe`/`frame` element: its attached document.
    content_document: u32,
    /// The document, frame document or shadow root whose tree this node belongs to.
    tree_root: u32,
    /// For a light child of a shadow host: the slot it is assigned to.
    assigned_slot: u32,
}

impl Default for Links {
    fn default() -> Self {
        Links {
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            prev_sibling: NONE,
            shadow_root: NONE,
            content_document: NONE,
            tree_root: 0,
            assigned_slot: NONE,
        }
    }
}

fn opt(raw: u32) -> Option<NodeId> {
    (raw != NONE).then_some(NodeId(raw))
}

#[derive(Debug, Clone, PartialEq)]
pub struct DomError(pub String);

impl std::fmt::Display for DomError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for DomError {}

#[derive(Clone, Debug)]
pub struct Dom {
    nodes: Vec<Node>,
    links: Vec<Links>,
    /// (tree root, id attribute) -> elements carrying that id, in document order.
    ids: HashMap<(u32, String), Vec<NodeId>>,
    /// Slots that have assigned nodes (so fallback content is not rendered).
    slot_has_assigned: Vec<bool>,
    /// Per element: 1-based position among its parent's element children.
    element_position: Vec<u32>,
    /// Per element: another element child of the same parent has the same name.
    shares_name: Vec<bool>,
}

impl PartialEq for Dom {
    fn eq(&self, other: &Self) -> bool {
        self.nodes == other.nodes
    }
}

impl Serialize for Dom {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.nodes.serialize(s)
    }
}

impl Dom {
    /// Builds the derived links and checks the invariants in the module docs.
    pub fn from_nodes(nodes: Vec<Node>) -> Result<Dom, DomError> {
        if nodes.is_empty() || nodes[0].data != NodeData::Document || nodes[0].parent.is_some() {
            return Err(DomError(
                "node 0 must be the document, with no parent".into(),
            ));
        }
        if nodes.len() >= NONE as usize {
            return Err(DomError("too many nodes".into()));
        }
        let mut links = vec![Links::default(); nodes.len()];
        for (i, node) in nodes.iter().enumerate().skip(1) {
            let Some(parent) = node.parent else {
                return Err(DomError(format!("node {i} has no parent")));
            };
            let p = parent.0 as usize;
            if p >= i {
                return Err(DomError(format!(
                    "node {i} names parent {p}, which does not come before it"
                )));
            }
            let parent_is_container = matches!(
                nodes[p].data,
                NodeData::Document
                    | NodeData::Element { .. }
                    | NodeData::ShadowRoot { .. }
                    | NodeData::ContentDocument { .. }
            );
            if !parent_is_container {
                return Err(DomError(format!(
                    "node {i} names parent {p}, which cannot have children"
                )));
            }
            if matches!(node.data, NodeData::Document) {
                return Err(DomError(format!("node {i} is a second document")));
            }
            if matches!(node.data, NodeData::ShadowRoot { .. }) {
                if !matches!(nodes[p].data, NodeData::Element { .. }) {
                    return Err(DomError(format!(
                        "shadow root {i} must have an element as its host"
                    )));
                }
                if links[p].shadow_root != NONE {
                    return Err(DomError(format!("element {p} has two shadow roots")));
                }
                if links[p].content_document != NONE {
                    return Err(DomError(format!(
                        "element {p} has a frame document and a shadow root"
                    )));
                }
                links[p].shadow_root = i as u32;
                links[i].tree_root = i as u32;
                continue;
            }
            if matches!(node.data, NodeData::ContentDocument { .. }) {
                let is_frame = matches!(&nodes[p].data,
                    NodeData::Element { name, ns: Namespace::Html, .. }
                        if name == "iframe" || name == "frame");
                if !is_frame {
                    return Err(DomError(format!(
                        "frame document {i} must have an iframe or frame element as its parent"
                    )));
                }
                if links[p].content_document != NONE || links[p].shadow_root != NONE {
                    return Err(DomError(format!(
                        "element {p} has a second frame document or a shadow root"
                    )));
                }
                if links[p].first_child != NONE {
                    return Err(DomError(format!(
                        "frame document {i} must come before its frame element's children"
                    )));
                }
                links[p].content_document = i as u32;
                links[i].tree_root = i as u32;
                continue;
            }
            links[i].tree_root = links[p].tree_root;
            let last = links[p].last_child;
            if last == NONE {
                links[p].first_child = i as u32;
            } else {
                links[last as usize].next_sibling = i as u32;
                links[i].prev_sibling = last;
            }
            links[p].last_child = i as u32;
        }
        let mut dom = Dom {
            slot_has_assigned: vec![false; nodes.len()],
            element_position: vec![0; nodes.len()],
            shares_name: vec![false; nodes.len()],
            nodes,
            links,
            ids: HashMap::new(),
        };
        dom.index_ids();
        dom.index_siblings();
        dom.assign_slots();
        Ok(dom)
    }

    /// Attaches frames' documents to their `iframe`/`frame` elements: each `(frame element,
    /// the frame document's URL, its DOM)` becomes a `content_document` node under the
    /// element holding that DOM's nodes. Front-ends build each document on its own (its
    /// styles are its own) and attach them here. Returns the new DOM and, for each node of
    /// `self`, its id in it (facts that name nodes, such as a focus order, are remapped with
    /// it).
    pub fn with_frames(
        self,
        frames: Vec<(NodeId, String, Dom)>,
    ) -> Result<(Dom, Vec<NodeId>), DomError> {
        let mut by_owner: HashMap<u32, (String, Dom)> = HashMap::new();
        for (owner, url, dom) in frames {
            if owner.index() >= self.nodes.len() {
                return Err(DomError(format!(
                    "frame element {} is not in the page",
                    owner.0
                )));
            }
            if by_owner.insert(owner.0, (url, dom)).is_some() {
                return Err(DomError(format!(
                    "element {} has two frame documents",
                    owner.0
                )));
            }
        }
        let extra: usize = by_owner.values().map(|(_, d)| d.nodes.len()).sum();
        let mut nodes: Vec<Node> = Vec::with_capacity(self.nodes.len() + extra);
        let mut map: Vec<NodeId> = Vec::with_capacity(self.nodes.len());
        for (i, mut node) in self.nodes.into_iter().enumerate() {
            node.parent = node.parent.map(|p| map[p.index()]);
            map.push(NodeId(nodes.len() as u32));
            nodes.push(node);
            let Some((url, frame)) = by_owner.remove(&(i as u32)) else {
                continue;
            };
            let document = NodeId(nodes.len() as u32);
            nodes.push(Node::new(Some(map[i]), NodeData::ContentDocument { url }));
            let mut inner: Vec<NodeId> = vec![document];
            for mut node in frame.nodes.into_iter().skip(1) {
                node.parent = node.parent.map(|p| inner[p.index()]);
                inner.push(NodeId(nodes.len() as u32));
                nodes.push(node);
            }
        }
        Ok((Dom::from_nodes(nodes)?, map))
    }

    fn index_ids(&mut self) {
        for i in 0..self.nodes.len() {
            if let NodeData::Element { attrs, .. } = &self.nodes[i].data
                && let Some((_, id)) = attrs.iter().find(|(n, _)| n == "id")
                && !id.is_empty()
            {
                let key = (self.links[i].tree_root, id.clone());
                self.ids.entry(key).or_default().push(NodeId(i as u32));
            }
        }
    }

    /// Sibling positions, once per page, so locating an element (`:nth-child`) does not
    /// scan its siblings again for every finding.
    fn index_siblings(&mut self) {
        let mut by_name: Vec<(&str, u32)> = Vec::new();
        for parent in 0..self.nodes.len() {
            by_name.clear();
            let mut child = self.links[parent].first_child;
            let mut position = 0;
            while child != NONE {
                if let NodeData::Element { name, .. } = &self.nodes[child as usize].data {
                    position += 1;
                    self.element_position[child as usize] = position;
                    by_name.push((name.as_str(), child));
                }
                child = self.links[child as usize].next_sibling;
            }
            if by_name.len() < 2 {
                continue;
            }
            by_name.sort_unstable();
            for pair in by_name.windows(2) {
                if pair[0].0 == pair[1].0 {
                    self.shares_name[pair[0].1 as usize] = true;
                    self.shares_name[pair[1].1 as usize] = true;
                }
            }
        }
    }

    /// 1-based position among the parent's element children (0 for non-elements).
    pub fn element_position(&self, id: NodeId) -> u32 {
        self.element_position[id.index()]
    }

    /// Whether another element child of the same parent has the same local name.
    pub fn has_same_name_sibling(&self, id: NodeId) -> bool {
        self.shares_name[id.index()]
    }

    /// Named slot assignment (the DOM standard's "find a slot"), for every shadow host.
    fn assign_slots(&mut self) {
        for host in 0..self.nodes.len() {
            let root = self.links[host].shadow_root;
            if root == NONE {
                continue;
            }
            // First slot of each name in the shadow tree wins.
            let mut slots: HashMap<String, u32> = HashMap::new();
            let end = self.subtree_end(NodeId(root));
            for j in (root as usize + 1)..end {
                if self.links[j].tree_root == root
                    && let NodeData::Element { name, attrs, .. } = &self.nodes[j].data
                    && name == "slot"
                {
                    let slot_name = attr_in(attrs, "name").unwrap_or("").to_string();
                    slots.entry(slot_name).or_insert(j as u32);
                }
            }
            let mut child = self.links[host].first_child;
            while child != NONE {
                let c = child as usize;
                let wanted = match &self.nodes[c].data {
                    NodeData::Element { attrs, .. } => Some(attr_in(attrs, "slot").unwrap_or("")),
                    NodeData::Text { .. } => Some(""),
                    _ => None,
                };
                if let Some(slot) = wanted.and_then(|w| slots.get(w)) {
                    self.links[c].assigned_slot = *slot;
                    self.slot_has_assigned[*slot as usize] = true;
                }
                child = self.links[c].next_sibling;
            }
        }
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }
    pub fn len(&self) -> usize {
        self.nodes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.nodes.len() <= 1
    }
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }
    /// Front-ends fill styles and layout after the tree is built.
    pub fn node_mut(&mut self, id: NodeId) -> &mut Node {
        &mut self.nodes[id.index()]
    }
    pub fn ids(&self) -> impl Iterator<Item = NodeId> + '_ {
        (0..self.nodes.len() as u32).map(NodeId)
    }

    pub fn parent(&self, id: NodeId) -> Option<NodeId> {
        self.nodes[id.index()].parent
    }
    pub fn first_child(&self, id: NodeId) -> Option<NodeId> {
        opt(self.links[id.index()].first_child)
    }
    pub fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
        opt(self.links[id.index()].next_sibling)
    }
    pub fn prev_sibling(&self, id: NodeId) -> Option<NodeId> {
        opt(self.links[id.index()].prev_sibling)
    }
    pub fn last_child(&self, id: NodeId) -> Option<NodeId> {
        opt(self.links[id.index()].last_child)
    }
    /// Children in the node tree (for a host: its light children, not the shadow root).
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: self.links[id.index()].first_child,
        }
    }
    pub fn shadow_root(&self, id: NodeId) -> Option<NodeId> {
        opt(self.links[id.index()].shadow_root)
    }
    /// For a shadow root, its host element.
    pub fn host(&self, shadow_root: NodeId) -> Option<NodeId> {
        match self.nodes[shadow_root.index()].data {
            NodeData::ShadowRoot { .. } => self.parent(shadow_root),
            _ => None,
        }
    }
    /// The document, frame document or shadow root that is the root of this node's tree.
    pub fn tree_root(&self, id: NodeId) -> NodeId {
        NodeId(self.links[id.index()].tree_root)
    }
    /// For an `iframe`/`frame` element: the frame's document, when the front-end attached it.
    pub fn content_document(&self, id: NodeId) -> Option<NodeId> {
        opt(self.links[id.index()].content_document)
    }
    /// For a frame's document: the `iframe`/`frame` element that shows it.
    pub fn frame_owner(&self, document: NodeId) -> Option<NodeId> {
        match self.nodes[document.index()].data {
            NodeData::ContentDocument { .. } => self.parent(document),
            _ => None,
        }
    }
    /// The document (the page's, [`NodeId::DOCUMENT`], or a frame's) whose tree, shadow
    /// trees included, holds this node. Document-level facts (title, `lang`, landmarks,
    /// bypass blocks) are each document's own.
    pub fn document_of(&self, id: NodeId) -> NodeId {
        let mut root = self.tree_root(id);
        while let NodeData::ShadowRoot { .. } = self.nodes[root.index()].data {
            match self.parent(root) {
                Some(host) => root = self.tree_root(host),
                None => break,
            }
        }
        root
    }
    /// Whether the node belongs to the page's own document (not to a frame's).
    pub fn in_top_document(&self, id: NodeId) -> bool {
        self.document_of(id) == NodeId::DOCUMENT
    }
    /// The URL of a document node: a frame document's own, `None` for the page's (the
    /// snapshot's `url`).
    pub fn document_url(&self, document: NodeId) -> Option<&str> {
        match &self.nodes[document.index()].data {
            NodeData::ContentDocument { url } => Some(url),
            _ => None,
        }
    }
    /// The frame documents the front-end attached, in document order.
    pub fn frame_documents(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.ids().filter(|id| {
            matches!(
                self.nodes[id.index()].data,
                NodeData::ContentDocument { .. }
            )
        })
    }
    pub fn assigned_slot(&self, id: NodeId) -> Option<NodeId> {
        opt(self.links[id.index()].assigned_slot)
    }
    /// Whether the node's tree is a shadow tree (not a document's, nor a frame document's).
    pub fn is_in_shadow_tree(&self, id: NodeId) -> bool {
        let root = self.links[id.index()].tree_root;
        root != 0 && matches!(self.nodes[root as usize].data, NodeData::ShadowRoot { .. })
    }

    /// One past the last index of `id`'s subtree (shadow trees of hosts inside included).
    /// Because index order is pre-order, the subtree is `id..subtree_end(id)`.
    pub fn subtree_end(&self, id: NodeId) -> usize {
        let mut at = id;
        loop {
            if matches!(
                self.nodes[at.index()].data,
                NodeData::ShadowRoot { .. } | NodeData::ContentDocument { .. }
            ) {
                // A shadow tree (a frame's document) is followed by its host's (frame
                // element's) light children.
                let host = self.parent(at).expect("a shadow root has a host");
                if let Some(first) = self.first_child(host) {
                    return first.index();
                }
                at = host;
                continue;
            }
            if let Some(next) = self.next_sibling(at) {
                return next.index();
            }
            match self.parent(at) {
                Some(p) => at = p,
                None => return self.nodes.len(),
            }
        }
    }

    /// Elements with this id attribute in the same tree as `scope` (ids do not cross
    /// shadow boundaries), in document order.
    pub fn elements_by_id(&self, scope: NodeId, id: &str) -> &[NodeId] {
        let key = (self.links[scope.index()].tree_root, id.to_string());
        self.ids.get(&key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A new DOM whose document's only child is `root`'s subtree (shadow trees and frame
    /// documents included): an XML document's own tree, lifted out of what an HTML parser
    /// or a browser's XML viewer put around it.
    pub fn subtree_as_document(&self, root: NodeId) -> Dom {
        let mut nodes = vec![Node::new(None, NodeData::Document)];
        // The subtree is the contiguous pre-order range start..end; node i moves to
        // i - start + 1.
        let start = root.index();
        let end = self.subtree_end(root);
        for i in start..end {
            let old = self.node(NodeId(i as u32));
            let parent = match old.parent {
                Some(p) if i > start && p.index() >= start => {
                    NodeId((p.index() - start + 1) as u32)
                }
                _ => NodeId::DOCUMENT,
            };
            let mut node = old.clone();
            node.parent = Some(parent);
            nodes.push(node);
        }
        Dom::from_nodes(nodes).unwrap_or_else(|_| self.clone())
    }

    /// `getElementById` scoped to `scope`'s tree: the first element with this id.
    pub fn element_by_id(&self, scope: NodeId, id: &str) -> Option<NodeId> {
        self.elements_by_id(scope, id).first().copied()
    }

    /// Every (tree root, id) that more than one element carries.
    pub fn duplicate_ids(&self) -> impl Iterator<Item = (&str, &[NodeId])> {
        self.ids
            .iter()
            .filter(|(_, v)| v.len() > 1)
            .map(|((_, id), v)| (id.as_str(), v.as_slice()))
    }

    pub fn element(&self, id: NodeId) -> Option<ElementRef<'_>> {
        matches!(self.nodes[id.index()].data, NodeData::Element { .. })
            .then_some(ElementRef { dom: self, id })
    }

    /// Every element, shadow trees included, in document order.
    pub fn elements(&self) -> impl Iterator<Item = ElementRef<'_>> + '_ {
        self.ids().filter_map(|id| self.element(id))
    }

    /// The parent in the flat tree: the slot for slotted nodes, the host for a shadow
    /// tree's top-level nodes, `None` for light children of a host that no slot takes.
    pub fn flat_parent(&self, id: NodeId) -> Option<NodeId> {
        if let Some(slot) = self.assigned_slot(id) {
            return Some(slot);
        }
        if matches!(
            self.nodes[id.index()].data,
            NodeData::ContentDocument { .. }
        ) {
            // A frame's document is the root of its own flat tree, as the page's is.
            return None;
        }
        let parent = self.parent(id)?;
        match self.nodes[parent.index()].data {
            NodeData::ShadowRoot { .. } => self.parent(parent),
            NodeData::Element { .. } if self.shadow_root(parent).is_some() => None,
            _ => Some(parent),
        }
    }

    /// The nearest element ancestor in the flat tree.
    pub fn flat_parent_element(&self, id: NodeId) -> Option<NodeId> {
        let mut at = self.flat_parent(id)?;
        loop {
            if self.element(at).is_some() {
                return Some(at);
            }
            at = self.flat_parent(at)?;
        }
    }

    /// Children in the flat tree.
    pub fn flat_children(&self, id: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        self.flat_children_into(id, &mut out);
        out
    }

    /// Appends the children in the flat tree to `out` (walks that visit every node reuse
    /// one buffer instead of a new `Vec` per node).
    pub fn flat_children_into(&self, id: NodeId, out: &mut Vec<NodeId>) {
        if let Some(root) = self.shadow_root(id) {
            out.extend(self.children(root));
        } else if self.is_slot_in_shadow_tree(id) && self.slot_has_assigned[id.index()] {
            let root = self.tree_root(id);
            let host = self.parent(root).expect("shadow root has a host");
            out.extend(
                self.children(host)
                    .filter(|c| self.assigned_slot(*c) == Some(id)),
            );
        } else {
            out.extend(self.children(id));
        }
    }

    fn is_slot_in_shadow_tree(&self, id: NodeId) -> bool {
        self.is_in_shadow_tree(id)
            && matches!(&self.nodes[id.index()].data, NodeData::Element { name, .. } if name == "slot")
    }

    /// Whether the node takes part in the flat tree at all (light children of a shadow
    /// host that no slot takes, and everything inside them, are not rendered).
    pub fn is_in_flat_tree(&self, id: NodeId) -> bool {
        let mut at = id;
        loop {
            if at == NodeId::DOCUMENT {
                return true;
            }
            match self.flat_parent(at) {
                Some(p) => at = p,
                None => {
                    // Shadow roots themselves are transparent: continue from their host; a
                    // frame's document is shown when its frame element is.
                    if matches!(
                        self.nodes[at.index()].data,
                        NodeData::ShadowRoot { .. } | NodeData::ContentDocument { .. }
                    ) {
                        match self.parent(at) {
                            Some(h) => at = h,
                            None => return false,
                        }
                    } else {
                        return false;
                    }
                }
            }
        }
    }

    /// Whether `id` is a text node with more than white space in it.
    pub fn is_nonblank_text(&self, id: NodeId) -> bool {
        matches!(&self.nodes[id.index()].data, NodeData::Text { text } if !text.trim().is_empty())
    }

    /// Text of the subtree in tree order (`textContent`), shadow trees excluded.
    pub fn text_content(&self, id: NodeId) -> String {
        let mut out = String::new();
        let end = self.subtree_end(id);
        for i in id.index()..end {
            if let NodeData::Text { text } = &self.nodes[i].data
                && self.links[i].tree_root == self.links[id.index()].tree_root
            {
                out.push_str(text);
            }
        }
        out
    }

    /// The `<html>` element, if any.
    pub fn document_element(&self) -> Option<ElementRef<'_>> {
        self.children(NodeId::DOCUMENT)
            .find_map(|c| self.element(c))
    }

    /// The document's title element, as the HTML standard's `document.title` finds it: the
    /// first `title` element of the document tree (not in a shadow tree) that is an HTML
    /// element. An SVG `<title>` names its graphic, not the page.
    pub fn title_element(&self) -> Option<ElementRef<'_>> {
        self.elements()
            .find(|e| e.is("title") && self.tree_root(e.id) == NodeId::DOCUMENT)
    }

    /// Whether the page has `<script>` elements other than data blocks (JSON, templates):
    /// when they were not run, content and handlers they add are unknown.
    pub fn has_scripts(&self) -> bool {
        self.elements().any(|e| {
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
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let current = opt(self.next)?;
        self.next = self.dom.links[current.index()].next_sibling;
        Some(current)
    }
}

fn attr_in<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// A borrowed element with the accessors rules need.
#[derive(Clone, Copy)]
pub struct ElementRef<'a> {
    pub dom: &'a Dom,
    pub id: NodeId,
}

impl std::fmt::Debug for ElementRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{}#{}>", self.name(), self.id.0)
    }
}

impl<'a> ElementRef<'a> {
    fn parts(&self) -> (&'a str, Namespace, &'a [(String, String)]) {
        match &self.dom.nodes[self.id.index()].data {
            NodeData::Element { name, ns, attrs } => (name.as_str(), *ns, attrs.as_slice()),
            _ => unreachable!("ElementRef always points at an element"),
        }
    }
    pub fn name(&self) -> &'a str {
        self.parts().0
    }
    pub fn namespace(&self) -> Namespace {
        self.parts().1
    }
    pub fn is_html(&self) -> bool {
        self.parts().1 == Namespace::Html
    }
    /// HTML element with this local name.
    pub fn is(&self, local: &str) -> bool {
        let (name, ns, _) = self.parts();
        ns == Namespace::Html && name == local
    }
    pub fn attrs(&self) -> &'a [(String, String)] {
        self.parts().2
    }
    pub fn attr(&self, name: &str) -> Option<&'a str> {
        attr_in(self.parts().2, name)
    }
    pub fn has_attr(&self, name: &str) -> bool {
        self.attr(name).is_some()
    }
    /// The `class` attribute holds this token (SLDS state classes such as `slds-has-error`).
    pub fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_ascii_whitespace().any(|t| t == class))
    }
    pub fn node(&self) -> &'a Node {
        &self.dom.nodes[self.id.index()]
    }
    pub fn style(&self) -> Option<&'a Style> {
        self.node().style.as_ref()
    }
    pub fn rect(&self) -> Option<&'a Rect> {
        self.node().rect.as_ref()
    }
    /// The content box: the border box less the computed border widths and padding (a
    /// width the snapshot does not carry counts as 0). `None` without layout.
    pub fn content_rect(&self) -> Option<Rect> {
        use crate::css;
        let border = *self.rect()?;
        let px = |p| self.style().and_then(|s| s.px(p)).unwrap_or(0.0);
        let left = px(css::BORDER_LEFT_WIDTH) + px(css::PADDING_LEFT);
        let right = px(css::BORDER_RIGHT_WIDTH) + px(css::PADDING_RIGHT);
        let top = px(css::BORDER_TOP_WIDTH) + px(css::PADDING_TOP);
        let bottom = px(css::BORDER_BOTTOM_WIDTH) + px(css::PADDING_BOTTOM);
        Some(Rect {
            x: border.x + left,
            y: border.y + top,
            width: (border.width - left - right).max(0.0),
            height: (border.height - top - bottom).max(0.0),
        })
    }
    pub fn parent_element(&self) -> Option<ElementRef<'a>> {
        self.dom.parent(self.id).and_then(|p| self.dom.element(p))
    }
    pub fn flat_parent_element(&self) -> Option<ElementRef<'a>> {
        self.dom
            .flat_parent_element(self.id)
            .and_then(|p| self.dom.element(p))
    }
    pub fn children(&self) -> impl Iterator<Item = ElementRef<'a>> + 'a {
        let dom = self.dom;
        dom.children(self.id).filter_map(move |c| dom.element(c))
    }
    pub fn shadow_root(&self) -> Option<NodeId> {
        self.dom.shadow_root(self.id)
    }
    pub fn text_content(&self) -> String {
        self.dom.text_content(self.id)
    }
    /// Ancestors in the node tree, nearest first, stopping at the tree root.
    pub fn ancestors(&self) -> impl Iterator<Item = ElementRef<'a>> + 'a {
        std::iter::successors(self.parent_element(), |e| e.parent_element())
    }
    /// Ancestors in the flat tree (crossing into hosts and slots), nearest first.
    pub fn flat_ancestors(&self) -> impl Iterator<Item = ElementRef<'a>> + 'a {
        std::iter::successors(self.flat_parent_element(), |e| e.flat_parent_element())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn element(parent: u32, name: &str, ns: Namespace) -> Node {
        Node::new(
            Some(NodeId(parent)),
            NodeData::Element {
                name: name.to_string(),
                ns,
                attrs: Vec::new(),
            },
        )
    }

    fn text(parent: u32, text: &str) -> Node {
        Node::new(
            Some(NodeId(parent)),
            NodeData::Text {
                text: text.to_string(),
            },
        )
    }

    /// A DOM a script could build: an SVG `<title>` as the root's first child, before the
    /// head's HTML `<title>`. `document.title` is the HTML one.
    pub(crate) fn svg_title_first() -> Dom {
        Dom::from_nodes(vec![
            Node::new(None, NodeData::Document),
            element(0, "html", Namespace::Html),  // 1
            element(1, "title", Namespace::Svg),  // 2
            text(2, "Chart for MRN 00123456"),    // 3
            element(1, "head", Namespace::Html),  // 4
            element(4, "title", Namespace::Html), // 5
            text(5, "Visits – Riverside Portal"), // 6
        ])
        .unwrap()
    }

    /// Every kind of node reads back as it was written, and a node missing a field its
    /// kind needs is an error naming the field.
    #[test]
    fn nodes_round_trip_through_json() {
        let mut host = element(1, "c-card", Namespace::Html);
        host.rect = Some(Rect {
            x: 1.0,
            y: 2.0,
            width: 3.0,
            height: 4.0,
        });
        host.paint_order = Some(7);
        host.line = Some(3);
        let nodes = vec![
            Node::new(None, NodeData::Document),
            Node::new(
                Some(NodeId(0)),
                NodeData::Doctype {
                    name: "html".into(),
                },
            ),
            element(0, "svg", Namespace::Svg),
            host,
            Node::new(
                Some(NodeId(3)),
                NodeData::ShadowRoot {
                    mode: ShadowMode::Closed,
                },
            ),
            text(4, "Hi"),
            Node::new(Some(NodeId(4)), NodeData::Comment { text: "c".into() }),
        ];
        let json = serde_json::to_string(&nodes).unwrap();
        let back: Vec<Node> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, nodes);

        let read = |j: &str| serde_json::from_str::<Node>(j).map_err(|e| e.to_string());
        let e = read(r#"{"parent":0,"type":"element","attrs":[]}"#).unwrap_err();
        assert!(e.contains("missing field `name`"), "{e}");
        let e = read(r#"{"type":"shadow_root"}"#).unwrap_err();
        assert!(e.contains("missing field `mode`"), "{e}");
        let e = read(r#"{"type":"widget"}"#).unwrap_err();
        assert!(e.contains("unknown variant `widget`"), "{e}");
        // Unknown fields are ignored, as front-ends may add facts the core does not read.
        let n = read(r#"{"type":"text","text":"x","future":1}"#).unwrap();
        assert_eq!(n.data, NodeData::Text { text: "x".into() });
    }

    /// A page with an iframe (node 3) and a paragraph after it, and a frame document with
    /// its own `<title>`, an element with the page's id and a nested shadow host.
    fn page_with_frame() -> (Dom, Vec<NodeId>) {
        let mut iframe = element(2, "iframe", Namespace::Html);
        if let NodeData::Element { attrs, .. } = &mut iframe.data {
            attrs.push(("id".into(), "pay".into()));
        }
        let mut p = element(2, "p", Namespace::Html);
        if let NodeData::Element { attrs, .. } = &mut p.data {
            attrs.push(("id".into(), "x".into()));
        }
        let page = Dom::from_nodes(vec![
            Node::new(None, NodeData::Document),
            element(0, "html", Namespace::Html), // 1
            element(1, "body", Namespace::Html), // 2
            iframe,                              // 3
            text(3, "fallback"),                 // 4
            p,                                   // 5
        ])
        .unwrap();
        let mut input = element(2, "input", Namespace::Html);
        if let NodeData::Element { attrs, .. } = &mut input.data {
            attrs.push(("id".into(), "x".into()));
        }
        let frame = Dom::from_nodes(vec![
            Node::new(None, NodeData::Document),
            element(0, "html", Namespace::Html),  // 1
            element(1, "title", Namespace::Html), // 2
            input,                                // 3
        ])
        .unwrap();
        page.with_frames(vec![(NodeId(3), "https://pay.example/f".into(), frame)])
            .unwrap()
    }

    #[test]
    fn a_frame_document_is_attached_to_its_frame_element_as_a_tree_of_its_own() {
        let (dom, map) = page_with_frame();
        // Page nodes after the frame element moved past the frame's nodes.
        assert_eq!(map, [0, 1, 2, 3, 8, 9].map(NodeId));
        let document = dom.content_document(NodeId(3)).unwrap();
        assert_eq!(document, NodeId(4));
        assert_eq!(dom.frame_owner(document), Some(NodeId(3)));
        assert_eq!(dom.document_url(document), Some("https://pay.example/f"));
        assert_eq!(dom.frame_documents().collect::<Vec<_>>(), [document]);
        // Not one of the frame element's children, and its subtree ends before them.
        assert_eq!(dom.children(NodeId(3)).collect::<Vec<_>>(), [NodeId(8)]);
        assert_eq!(dom.subtree_end(document), 8);
        assert_eq!(dom.subtree_end(NodeId(3)), 9);
        // Ids are each document's own.
        let input = NodeId(7);
        assert_eq!(dom.element_by_id(NodeId(9), "x"), Some(NodeId(9)));
        assert_eq!(dom.element_by_id(input, "x"), Some(input));
        assert_eq!(dom.duplicate_ids().count(), 0);
        // The frame's content is in its document, not a shadow tree; its title is not the
        // page's; its flat tree starts at its document, and it is shown with its frame.
        assert_eq!(dom.document_of(input), document);
        assert!(!dom.in_top_document(input) && dom.in_top_document(NodeId(9)));
        assert!(!dom.is_in_shadow_tree(input));
        assert!(dom.title_element().is_none());
        assert_eq!(dom.flat_parent(document), None);
        assert_eq!(dom.flat_parent_element(NodeId(5)), None);
        assert!(dom.is_in_flat_tree(input));
        assert_eq!(dom.text_content(NodeId(3)), "fallback");
        // The JSON form names the frame's URL and reads back the same.
        let json = serde_json::to_string(&dom).unwrap();
        assert!(
            json.contains(
                r#"{"parent":3,"type":"content_document","url":"https://pay.example/f"}"#
            ),
            "{json}"
        );
        let back: Dom = serde_json::from_str(&json).unwrap();
        assert_eq!(back, dom);
    }

    #[test]
    fn a_frame_document_must_hang_from_a_frame_element_before_its_children() {
        let read = |j: &str| serde_json::from_str::<Dom>(j).map_err(|e| e.to_string());
        let e = read(
            r#"[{"type":"document"},{"parent":0,"type":"element","name":"div","attrs":[]},
            {"parent":1,"type":"content_document","url":"about:srcdoc"}]"#,
        )
        .unwrap_err();
        assert!(e.contains("must have an iframe or frame element"), "{e}");
        let e = read(
            r#"[{"type":"document"},{"parent":0,"type":"element","name":"iframe","attrs":[]},
            {"parent":1,"type":"text","text":"x"},
            {"parent":1,"type":"content_document","url":"about:srcdoc"}]"#,
        )
        .unwrap_err();
        assert!(
            e.contains("must come before its frame element's children"),
            "{e}"
        );
        let e = read(
            r#"[{"type":"document"},{"parent":0,"type":"element","name":"iframe","attrs":[]},
            {"parent":1,"type":"content_document"}]"#,
        )
        .unwrap_err();
        assert!(e.contains("missing field `url`"), "{e}");
    }

    #[test]
    fn the_title_element_is_the_first_html_title() {
        let dom = svg_title_first();
        assert_eq!(dom.title_element().map(|t| t.id), Some(NodeId(5)));
        let only_svg = Dom::from_nodes(vec![
            Node::new(None, NodeData::Document),
            element(0, "html", Namespace::Html),
            element(1, "title", Namespace::Svg),
            text(2, "Chart"),
        ])
        .unwrap();
        assert!(only_svg.title_element().is_none());
    }
}
