//! The page's DOM, computed styles and layout: one `DOMSnapshot.captureSnapshot` call,
//! joined by `backendNodeId` to the DOM domain's node tree when the page has shadow trees.
//!
//! Both walk the real node tree inside the browser, so they see what page scripts cannot:
//! closed shadow roots, and the real children behind LWC's synthetic shadow (which patches
//! `childNodes` and friends in the page's world, not the tree itself).
//! - The node tree (`capture/tree.rs`: `DOM.getFlattenedDocument`, pierce) says which element
//!   hosts which shadow root and in what mode, and has the light children of a host that
//!   no slot takes. DOMSnapshot lists the *flat* tree and has neither. On a page without
//!   open or closed shadow trees (plain pages, LWC synthetic shadow) the flat tree is the
//!   node tree, so the tree is built from the snapshot alone (`capture/inferred.rs`), as it
//!   is when the DOM domain's tree cannot be read (an error from it).
//! - The arena holds elements (HTML, SVG, MathML), text, comments, the doctype, and shadow
//!   roots (open and closed; user-agent shadow trees are not part of the page and are
//!   skipped), in pre-order with each shadow root before its host's light children, as the
//!   static front-end builds it.
//! - Inert `<template>` contents and pseudo-elements are dropped.
//! - Frames: DOMSnapshot returns a document per frame the page's process renders (the
//!   same-origin ones, `srcdoc` and `about:blank` included), with `contentDocumentIndex`
//!   naming each frame element's document. Each is built as the top document is (from the
//!   snapshot alone: shadow trees inside a frame are inferred) and attached to its
//!   `iframe`/`frame` element as a `content_document` ([`Dom::with_frames`]), its boxes
//!   moved into page coordinates. Frames of another process (cross-site, out-of-process)
//!   are not in the snapshot: each is captured over a connection to its own DevTools
//!   target and attached the same way (`capture/remote.rs`); one that cannot be stays
//!   unattached, and the page's coverage lists it.
//! - From the snapshot: text (the DOM domain cuts it at 10,000 characters), live form
//!   state, computed styles (the properties in
//!   [`COMPUTED_STYLES`], as `getComputedStyle` serializes them), border boxes in page
//!   coordinates, paint order and scroll boxes from the layout tree. Only rendered elements
//!   have a layout object; for the others the browser is asked which are `display: none`
//!   or `display: contents` themselves, and they get a style holding just that `display`.
//!   Elements outside the flat tree (unslotted) have no computed values at all; they get
//!   `display: none`, what they are to rendering and the accessibility tree.
//!
//! Nodes are identified by their DevTools `backendNodeId` in the returned [`NodeMap`]
//! (shadow roots and unslotted nodes included).

use std::collections::{HashMap, HashSet};

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::types::Method;
use portalscan_core::Dom;
use portalscan_core::css;
use portalscan_core::dom::{Namespace, Node, NodeId, ScrollBox};
use portalscan_core::snapshot::Viewport;
use portalscan_core::style::{Rect, Style};
use serde::{Deserialize, Serialize};

use crate::cdp::{Conn, call_typed};

mod inferred;
mod remote;
pub(crate) mod text_backdrop;
mod tree;
pub mod xml_viewer;
use crate::{BackendNodeId, BrowserError, NodeMap};

/// The computed properties captured for every rendered element: the core's table, every
/// property a snapshot carries (the one list all front-ends read).
pub const COMPUTED_STYLES: &[&str] = css::PROPERTY_NAMES;

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

/// [`capture_dom`] with the node tree inferred from DOMSnapshot alone, as when the DOM
/// domain's tree cannot be read: for tests of that fallback.
#[doc(hidden)]
pub fn capture_dom_inferred(tab: &Tab) -> Result<(Dom, NodeMap, Option<Viewport>), BrowserError> {
    let c = capture_with(&Conn::open(tab), false)?;
    Ok((c.dom, c.node_map, c.viewport))
}

/// [`capture_dom`] plus the document's own URLs, over an open connection.
pub(crate) fn capture(conn: &Conn) -> Result<Captured, BrowserError> {
    capture_with(conn, true)
}

fn capture_with(conn: &Conn, read_tree: bool) -> Result<Captured, BrowserError> {
    let raw = capture_snapshot(conn, "capturing the DOM snapshot")?;
    let mut facts = Facts::new(&raw)?;
    // Without author shadow trees (plain pages, LWC synthetic shadow) the flat tree is the
    // node tree and the snapshot alone is exact; the DOM domain's tree is read only when
    // there are some. When it cannot be read (an error from the DOM domain), the tree is
    // inferred from the snapshot. A node the page adds between the two calls is in the
    // tree only: it is taken for one outside the flat tree (not rendered).
    let tree = (read_tree && facts.has_shadow_trees())
        .then(|| tree::read(conn))
        .and_then(Result::ok);
    let mut built = match &tree {
        Some(tree) => tree::build(&mut facts, tree)?,
        None => inferred::build(&mut facts)?,
    };
    let displayed = if built.boxless.is_empty() {
        Ok(())
    } else {
        fill_boxless_display(conn, &mut built)
    };
    // Node ids and DOM events are not needed after this.
    call_typed(conn, "capturing the DOM snapshot", DomDisable {}).ok();
    displayed?;
    let viewport = viewport(conn)?;
    let doc = raw.documents.first();
    let string = |i: Option<i64>| i.and_then(|i| raw.string(i)).map(str::to_string);
    let document_url = string(doc.map(|d| d.document_url)).filter(|s| !s.is_empty());
    let base_url = string(doc.map(|d| d.base_url)).filter(|s| !s.is_empty());
    let dom = Dom::from_nodes(built.nodes)
        .map_err(|e| BrowserError::Protocol(format!("the captured DOM is not a tree: {e}")))?;
    let mut frames_left = MAX_FRAMES;
    let (dom, node_map) = attach_frames(conn, &raw, 0, dom, built.node_map, 0, &mut frames_left)?;
    let (dom, node_map) = remote::attach_remote_frames(conn, dom, node_map, 0, &mut frames_left)?;
    Ok(Captured {
        dom,
        node_map,
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

/// One DOMSnapshot of the connection's target (the page's, or an out-of-process frame's):
/// the core's computed properties, paint order and boxes.
fn capture_snapshot(conn: &Conn, what: &str) -> Result<RawSnapshot, BrowserError> {
    call_typed(
        conn,
        what,
        CaptureSnapshot {
            computed_styles: COMPUTED_STYLES,
            include_paint_order: true,
            include_dom_rects: true,
        },
    )
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
    /// For frame elements: the index of their document in `documents` (the same sparse
    /// shape as the rare strings: `value[k]` is node `index[k]`'s).
    content_document_index: Option<RareStrings>,
}

/// Sparse string data: `value[k]` belongs to node `index[k]`.
#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct RareStrings {
    index: Vec<usize>,
    value: Vec<i64>,
}

impl RareStrings {
    /// Each listed node's value, by node index.
    fn by_node(rare: &Option<RareStrings>) -> HashMap<usize, i64> {
        rare.as_ref()
            .map(|r| {
                r.index
                    .iter()
                    .copied()
                    .zip(r.value.iter().copied())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The nodes that have a value.
    fn nodes(rare: &Option<RareStrings>) -> HashSet<usize> {
        rare.as_ref()
            .map(|r| r.index.iter().copied().collect())
            .unwrap_or_default()
    }
}

/// Sparse flags: the nodes in `index` have the flag.
#[derive(Deserialize, Debug, Default)]
#[serde(default)]
struct RareFlags {
    index: Vec<usize>,
}

impl RareFlags {
    fn nodes(rare: &Option<RareFlags>) -> HashSet<usize> {
        rare.as_ref()
            .map(|r| r.index.iter().copied().collect())
            .unwrap_or_default()
    }
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

/// The arena and what is left to ask about it.
struct Built {
    nodes: Vec<Node>,
    node_map: NodeMap,
    /// Elements in the flat tree without a layout object (not rendered, or
    /// `display: contents`).
    boxless: Vec<(BackendNodeId, NodeId)>,
    /// The DevTools `nodeId`s of the document and of each `boxless` element, when the
    /// node tree came from the DOM domain (else they are asked for).
    devtools_ids: Option<(u32, Vec<u32>)>,
}

/// The snapshot's per-node facts (form state, layout, styles), indexed once for the
/// builders, by snapshot node index.
struct Facts<'a> {
    raw: &'a RawSnapshot,
    doc: &'a RawDocument,
    input_values: HashMap<usize, i64>,
    checked: HashSet<usize>,
    selected: HashSet<usize>,
    /// The first layout object of each node.
    layout_of: Vec<Option<usize>>,
    /// For a box-less element, the layout object of a text run directly inside it (in the
    /// flat tree).
    text_inside: HashMap<usize, usize>,
    styles: StyleTable,
}

impl<'a> Facts<'a> {
    fn new(raw: &'a RawSnapshot) -> Result<Facts<'a>, BrowserError> {
        Facts::of_document(raw, 0)
    }

    /// The facts of the snapshot's document at `index` (0: the page's; others: frames').
    fn of_document(raw: &'a RawSnapshot, index: usize) -> Result<Facts<'a>, BrowserError> {
        let Some(doc) = raw.documents.get(index) else {
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
        let mut layout_of: Vec<Option<usize>> = vec![None; count];
        for (k, &node) in doc.layout.node_index.iter().enumerate() {
            if node < count && layout_of[node].is_none() {
                layout_of[node] = Some(k);
            }
        }
        // A box-less element (`display: contents`, as `<slot>` is) has no style of its own
        // in the layout tree, but a text run directly inside it is styled by inheriting
        // from it: its inherited values are the element's. (The snapshot's parents are
        // flat-tree parents: slotted text sits under its slot.)
        let mut text_inside: HashMap<usize, usize> = HashMap::new();
        for (i, layout) in layout_of.iter().enumerate() {
            if matches!(n.node_type[i], TEXT | CDATA)
                && let (Ok(p), Some(k)) = (usize::try_from(n.parent_index[i]), layout)
            {
                text_inside.entry(p).or_insert(*k);
            }
        }
        Ok(Facts {
            raw,
            doc,
            input_values: RareStrings::by_node(&n.input_value),
            checked: RareFlags::nodes(&n.input_checked),
            selected: RareFlags::nodes(&n.option_selected),
            layout_of,
            text_inside,
            styles: StyleTable::default(),
        })
    }

    /// Whether the page has open or closed shadow trees (user-agent ones do not count).
    fn has_shadow_trees(&self) -> bool {
        self.nodes().shadow_root_type.as_ref().is_some_and(|r| {
            r.value
                .iter()
                .any(|&v| matches!(self.string(v), "open" | "closed"))
        })
    }

    fn nodes(&self) -> &'a RawNodes {
        &self.doc.nodes
    }

    fn string(&self, index: i64) -> &'a str {
        self.raw.string(index).unwrap_or("")
    }

    /// The node's value (text, comment) as the snapshot has it.
    fn value(&self, at: usize) -> &'a str {
        self.string(self.nodes().node_value.get(at).copied().unwrap_or(-1))
    }

    /// Attributes as the snapshot lists them.
    fn attributes(&self, at: usize) -> Vec<(String, String)> {
        self.nodes()
            .attributes
            .get(at)
            .map(|flat| {
                flat.chunks_exact(2)
                    .map(|pair| {
                        (
                            self.string(pair[0]).to_string(),
                            self.string(pair[1]).to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The live state of a form control at `at` folded into its attributes.
    fn fold_form_state(&self, name: &str, attrs: &mut Vec<(String, String)>, at: usize) {
        fold_form_state(
            name,
            attrs,
            self.input_values.get(&at).map(|&v| self.string(v)),
            self.checked.contains(&at),
            self.selected.contains(&at),
        );
    }

    /// Puts the element's computed style, box, paint order and scroll box on `node`.
    /// Returns false when it has no layout object (then only the values a text run inside
    /// inherited from it are known).
    fn lay_out(&mut self, node: &mut Node, at: usize) -> bool {
        if let Some(k) = self.layout_of[at] {
            apply_layout(node, &self.doc.layout, k, &mut self.styles, self.raw);
            return true;
        }
        if let Some(&k) = self.text_inside.get(&at) {
            node.style = self
                .doc
                .layout
                .styles
                .get(k)
                .map(|values| inherited_only(&self.styles.style(values, self.raw)));
        }
        false
    }
}

/// How deep frames nest before their documents are no longer attached, and how many frame
/// documents one page attaches (each costs a few protocol calls).
const MAX_FRAME_DEPTH: usize = 4;
const MAX_FRAMES: usize = 32;

/// Attaches the documents of the frames in the snapshot's document `doc` (already built
/// as `dom`, its nodes in `node_map`) to their `iframe`/`frame` elements, frames inside
/// frames included. Returns the page's DOM with them and the node map in its ids.
fn attach_frames(
    conn: &Conn,
    raw: &RawSnapshot,
    doc: usize,
    dom: Dom,
    node_map: NodeMap,
    depth: usize,
    frames_left: &mut usize,
) -> Result<(Dom, NodeMap), BrowserError> {
    let Some(document) = raw.documents.get(doc) else {
        return Ok((dom, node_map));
    };
    let owners = RareStrings::by_node(&document.nodes.content_document_index);
    if owners.is_empty() || depth >= MAX_FRAME_DEPTH {
        return Ok((dom, node_map));
    }
    let mut owners: Vec<(usize, i64)> = owners.into_iter().collect();
    owners.sort_unstable();
    let mut frames: Vec<(NodeId, String, Dom)> = Vec::new();
    let mut frame_maps: Vec<(NodeId, NodeMap)> = Vec::new();
    for (at, child) in owners {
        let Ok(child) = usize::try_from(child) else {
            continue;
        };
        let owner = document
            .nodes
            .backend_node_id
            .get(at)
            .and_then(|b| node_map.node(*b))
            .filter(|id| {
                dom.element(*id)
                    .is_some_and(|e| e.is("iframe") || e.is("frame"))
            });
        // `<object>` and `<embed>` documents are not frames the model attaches.
        let Some(owner) = owner else { continue };
        if child == doc || child >= raw.documents.len() || *frames_left == 0 {
            continue;
        }
        *frames_left -= 1;
        let origin = content_origin(&dom, owner);
        let (frame, frame_map) = frame_document(conn, raw, child, origin, depth + 1, frames_left)?;
        let url = raw
            .string(raw.documents[child].document_url)
            .unwrap_or("")
            .to_string();
        frames.push((owner, url, frame));
        frame_maps.push((owner, frame_map));
    }
    with_frame_documents(dom, node_map, frames, frame_maps)
}

/// Builds the snapshot's document `index` as a frame's document whose content box starts
/// at `origin` on the page (its boxes moved there), with the frames inside it attached.
fn frame_document(
    conn: &Conn,
    raw: &RawSnapshot,
    index: usize,
    origin: Option<(f64, f64)>,
    depth: usize,
    frames_left: &mut usize,
) -> Result<(Dom, NodeMap), BrowserError> {
    let mut facts = Facts::of_document(raw, index)?;
    let mut built = inferred::build(&mut facts)?;
    if !built.boxless.is_empty() {
        fill_boxless_display(conn, &mut built)?;
    }
    // Frame boxes are in the frame's own coordinates: move them to the page's.
    if let Some(origin) = origin {
        for node in &mut built.nodes {
            if let Some(r) = &mut node.rect {
                r.x += origin.0;
                r.y += origin.1;
            }
        }
    }
    let frame = Dom::from_nodes(built.nodes).map_err(|e| {
        BrowserError::Protocol(format!("a captured frame's DOM is not a tree: {e}"))
    })?;
    attach_frames(conn, raw, index, frame, built.node_map, depth, frames_left)
}

/// Attaches `frames` (owner element, URL, document) to `dom` and moves the node map into
/// the new ids: the page's nodes, and each frame's whose map is given (a frame captured
/// over another connection has backend ids of another process: not mapped).
fn with_frame_documents(
    dom: Dom,
    node_map: NodeMap,
    frames: Vec<(NodeId, String, Dom)>,
    frame_maps: Vec<(NodeId, NodeMap)>,
) -> Result<(Dom, NodeMap), BrowserError> {
    if frames.is_empty() {
        return Ok((dom, node_map));
    }
    let (dom, moved) = dom
        .with_frames(frames)
        .map_err(|e| BrowserError::Protocol(format!("a frame could not be attached: {e}")))?;
    let mut map = NodeMap::default();
    for (&backend, &id) in &node_map.by_backend {
        map.insert(backend, moved[id.index()]);
    }
    // A frame's node `j` follows its document node, right after the frame element.
    for (owner, frame_map) in frame_maps {
        let document = moved[owner.index()].0 + 1;
        for (&backend, &id) in &frame_map.by_backend {
            map.insert(backend, NodeId(document + id.0));
        }
    }
    Ok((dom, map))
}

/// The top-left corner of a frame element's content box (inside its borders), in the
/// coordinates of the frame element's document, when its box is known.
fn content_origin(dom: &Dom, frame: NodeId) -> Option<(f64, f64)> {
    let el = dom.element(frame)?;
    let rect = el.rect()?;
    let border = |p| el.style().and_then(|s| s.px(p)).unwrap_or(0.0);
    Some((
        rect.x + border(css::BORDER_LEFT_WIDTH),
        rect.y + border(css::BORDER_TOP_WIDTH),
    ))
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
        if node.style.as_ref().is_some_and(Style::is_scroll_container) {
            node.scroll = Some(scroll_box);
        }
    }
}

fn inherited_only(style: &Style) -> Style {
    style
        .iter()
        .filter(|(p, _)| css::Property::from_name(p).is_some_and(|p| p.inherited()))
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
/// browser tells which of them are `display: none` / `contents` themselves (two calls for
/// the whole page, whatever its size, plus two when the tree was inferred); their style
/// gets that `display` (next to the inherited values a text run inside gave, if any), and
/// the rest (inside a hidden subtree) keep no style: their other values are unknown.
fn fill_boxless_display(conn: &Conn, built: &mut Built) -> Result<(), BrowserError> {
    let step = "asking which unrendered elements are display: none";
    let (root, ids) = match built.devtools_ids.take() {
        Some(known) => known,
        None => {
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
            (document.root.node_id, pushed)
        }
    };
    for display in ["none", "contents"] {
        let matching: HashSet<u32> = call_typed(
            conn,
            step,
            GetNodesForSubtreeByStyle {
                node_id: root,
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
            if ids.get(k).is_some_and(|n| *n != 0 && matching.contains(n)) {
                built.nodes[id.index()]
                    .style
                    .get_or_insert_with(Style::default)
                    .set("display", display);
            }
        }
    }
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
