//! Cropped screenshots of elements for reports, with PHI masked first.
//!
//! What a crop may show is the core's policy ([`portalscan_core::phi::screen`]); this module applies its
//! masks **in the live page** before the first screenshot: every text node and shown
//! attribute with PHI gets its redacted form, and on a page that shows PHI every other
//! text is hidden except, while each crop is taken, the element's own text and its
//! labels. Nodes are reached by their DevTools ids through the [`NodeMap`], so text inside
//! closed and LWC shadow roots is masked too. Form fields are also judged by their live
//! `.value` (what the user typed is not in the snapshot's attributes).
//!
//! Limits, by design of a DOM-level mask: text painted in images, canvas or CSS `content`
//! is not masked; the page is left changed, so call this last on a page.

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::types::Method;
use serde::Serialize;
use serde_json::{Value, json};

use std::collections::HashMap;

use portalscan_core::dom::NodeData;
use portalscan_core::phi::screen::{self, Kept, Mask, Policy, ScreenMasks};
use portalscan_core::{NodeId, Snapshot};

use crate::cdp::{self, CallFunctionOn, CaptureScreenshot, Conn, ReleaseObjectGroup, ResolveNode};
use crate::{BackendNodeId, BrowserError, NodeMap};

mod outline;
pub mod shape;

pub use shape::{MAX_CROP, MAX_DIALOG_IMAGE, MIN_CONTEXT};

const GROUP: &str = "portalscan-crops";

/// Calls over the connection crops opened: our own socket (masking makes two calls per
/// PHI text and per form field; through the tab's transport each takes ~100 ms).
fn call<M>(cx: &Conn, what: &str, method: M) -> Result<Value, BrowserError>
where
    M: Method<ReturnObject = Value> + Serialize + std::fmt::Debug,
{
    cdp::call(cx, what, method)
}

/// A remote object for the node, or `None` when the page removed it.
fn resolve(cx: &Conn, backend: BackendNodeId) -> Option<String> {
    call(
        cx,
        "resolving a node",
        ResolveNode(json!({"backendNodeId": backend, "objectGroup": GROUP})),
    )
    .ok()?["object"]["objectId"]
        .as_str()
        .map(str::to_string)
}

fn call_on(
    cx: &Conn,
    object: &str,
    function: &str,
    args: Vec<Value>,
) -> Result<Value, BrowserError> {
    let args: Vec<Value> = args.into_iter().map(|v| json!({ "value": v })).collect();
    let result = call(
        cx,
        "masking PHI before a screenshot",
        CallFunctionOn(json!({"objectId": object, "functionDeclaration": function,
            "arguments": args, "returnByValue": true})),
    )?;
    if let Some(ex) = result.get("exceptionDetails") {
        // The exception text comes from our own function, never from page content.
        return Err(BrowserError::Protocol(format!(
            "masking PHI before a screenshot: {}",
            ex["text"].as_str().unwrap_or("script error")
        )));
    }
    Ok(result["result"]["value"].clone())
}

/// A remote object per node, resolved once (kept texts are changed before and after
/// every crop that shows them).
struct Objects<'a> {
    cx: &'a Conn<'a>,
    map: &'a NodeMap,
    resolved: HashMap<NodeId, Option<String>>,
}

impl Objects<'_> {
    fn get(&mut self, node: NodeId) -> Option<String> {
        let (cx, map) = (self.cx, self.map);
        self.resolved
            .entry(node)
            .or_insert_with(|| map.backend(node).and_then(|b| resolve(cx, b)))
            .clone()
    }

    /// Makes one change in the live page; a node the page removed is skipped.
    fn apply(&mut self, node: NodeId, mask: &Mask) -> Result<(), BrowserError> {
        let Some(object) = self.get(node) else {
            return Ok(());
        };
        match mask {
            Mask::Text(text) => {
                call_on(
                    self.cx,
                    &object,
                    "function (t) { this.nodeValue = t; }",
                    vec![json!(text)],
                )?;
            }
            Mask::Attr(name, value) => {
                call_on(
                    self.cx,
                    &object,
                    "function (n, v) { this.setAttribute(n, v); if (n === 'value' && 'value' in this) { this.value = v; } }",
                    vec![json!(name), json!(value)],
                )?;
            }
        }
        Ok(())
    }
}

/// The core's masks for crops of `targets`, with the live values of form fields (typed or
/// set by script: not in the snapshot's attributes) read from the page and added.
fn plan(
    objects: &mut Objects<'_>,
    snapshot: &Snapshot,
    targets: &[NodeId],
    policy: Policy,
) -> Result<ScreenMasks, BrowserError> {
    let mut plan = screen::masks(snapshot, targets, policy);
    for (i, node) in snapshot.dom.nodes().iter().enumerate() {
        let NodeData::Element { name, attrs, .. } = &node.data else {
            continue;
        };
        if !matches!(name.as_str(), "input" | "textarea") {
            continue;
        }
        let id = NodeId(i as u32);
        let Some(object) = objects.get(id) else {
            continue;
        };
        let live = call_on(
            objects.cx,
            &object,
            "function () { return String(this.value || ''); }",
            vec![],
        )?;
        let field = attrs
            .iter()
            .find(|(n, _)| n == "name" || n == "id")
            .map(|(_, v)| v.as_str())
            .unwrap_or("value");
        plan.add_live_value(id, field, live.as_str().unwrap_or(""));
    }
    Ok(plan)
}

/// PNG crops of `nodes` (those the page still has and that have a box), after masking PHI
/// in the live page. Each crop shows the element outlined in magenta with the page around
/// it (at least [`MIN_CONTEXT`], at most [`MAX_CROP`]), or its whole dialog (scaled to fit
/// [`MAX_DIALOG_IMAGE`]); an element shown only on focus (a skip link) is focused for its
/// crop. Focus and scroll position are put back after each crop; the masks stay.
pub fn element_crops(
    tab: &Tab,
    snapshot: &Snapshot,
    map: &NodeMap,
    nodes: &[NodeId],
) -> Result<Vec<(NodeId, Vec<u8>)>, BrowserError> {
    element_crops_within(tab, snapshot, map, nodes, usize::MAX, Policy::default())
}

/// [`element_crops`] that stops once the crops taken hold `max_bytes` of PNG (the crop
/// that crosses the line is kept), so a page with many large failing elements cannot
/// make a report or journal of unbounded size. `policy` says how much text the crops may
/// show (see [`portalscan_core::phi::screen`]).
pub fn element_crops_within(
    tab: &Tab,
    snapshot: &Snapshot,
    map: &NodeMap,
    nodes: &[NodeId],
    max_bytes: usize,
    policy: Policy,
) -> Result<Vec<(NodeId, Vec<u8>)>, BrowserError> {
    if nodes.is_empty() {
        return Ok(Vec::new());
    }
    let cx = Conn::open(tab);
    // Without it a background tab never matches :focus, and a skip link stays parked.
    call(
        &cx,
        "emulating page focus",
        cdp::SetFocusEmulation(json!({"enabled": true})),
    )?;
    let result = crops_after_masking(&cx, snapshot, map, nodes, max_bytes, policy);
    // Best effort: a failure only keeps a few objects alive until the page goes.
    let _ = call(
        &cx,
        "releasing objects",
        ReleaseObjectGroup(json!({"objectGroup": GROUP})),
    );
    result
}

fn crops_after_masking(
    cx: &Conn,
    snapshot: &Snapshot,
    map: &NodeMap,
    nodes: &[NodeId],
    max_bytes: usize,
    policy: Policy,
) -> Result<Vec<(NodeId, Vec<u8>)>, BrowserError> {
    let mut objects = Objects {
        cx,
        map,
        resolved: HashMap::new(),
    };
    // Live values are read before anything is changed.
    let plan = plan(&mut objects, snapshot, nodes, policy)?;
    for (node, mask) in &plan.page {
        objects.apply(*node, mask)?;
    }
    for kept in &plan.kept {
        objects.apply(kept.node, &kept.hidden)?;
    }
    let mut crops = Vec::new();
    let mut bytes = 0;
    for (i, &node) in nodes.iter().enumerate() {
        if bytes >= max_bytes {
            break;
        }
        // This crop's own text and labels, readable while it is taken.
        let shown: Vec<&Kept> = plan
            .kept
            .iter()
            .filter(|k| k.targets.contains(&i))
            .collect();
        for kept in &shown {
            objects.apply(kept.node, &kept.readable)?;
        }
        let crop = crop(cx, &mut objects, node)?;
        for kept in &shown {
            objects.apply(kept.node, &kept.hidden)?;
        }
        if let Some(png) = crop {
            bytes += png.len();
            crops.push((node, png));
        }
    }
    Ok(crops)
}

/// Measures one crop, called on the element: scrolls it (or its dialog) into view, and
/// when it is hidden until focused (a skip link parked off the page, a 1 px `sr-only`
/// box) focuses it so it is cropped where it appears. Boxes are in page coordinates. What
/// it changed (scroll position, focus) is put back by [`RESTORE`] after the screenshot.
const MEASURE: &str = "function () {
    var el = this.nodeType === 1 ? this : this.parentElement;
    if (!el) { return null; }
    function up(n) {
        if (n.parentElement) { return n.parentElement; }
        var root = n.getRootNode();
        return root && root.host ? root.host : null;
    }
    function deepActive() {
        var a = document.activeElement;
        while (a && a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; }
        return a;
    }
    function box(e) {
        var r = e.getBoundingClientRect();
        return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height];
    }
    function hidden(e) {
        var r = e.getBoundingClientRect();
        return r.width < 2 || r.height < 2 || r.right + window.scrollX <= 0 ||
            r.bottom + window.scrollY <= 0;
    }
    var dialog = null;
    for (var n = el; n; n = up(n)) {
        if (n.matches('dialog, [role=dialog], [role=alertdialog], [aria-modal=true]')) { dialog = n; break; }
    }
    var state = {scroll: [window.scrollX, window.scrollY], focused: false};
    var prev = deepActive();
    if (hidden(el) && el.tabIndex >= 0 && typeof el.focus === 'function') {
        el.focus({preventScroll: true, focusVisible: true});
        if (deepActive() === el) {
            state.focused = true;
            // Restored by RESTORE; a symbol, so no attribute or name of the page changes.
            el[Symbol.for('portalscan.crop.prev')] = prev;
        }
    }
    (dialog || el).scrollIntoView({block: 'center', inline: 'center'});
    if (dialog && dialog.getBoundingClientRect().height > window.innerHeight) {
        el.scrollIntoView({block: 'nearest', inline: 'nearest'});
    }
    var root = document.documentElement;
    state.element = box(el);
    state.dialog = dialog ? box(dialog) : null;
    state.view = [window.scrollX, window.scrollY, root.clientWidth || window.innerWidth,
        root.clientHeight || window.innerHeight];
    return state;
}";

/// Puts back what [`MEASURE`] changed: focus (to what had it, or none) and the scroll
/// position.
const RESTORE: &str = "function (x, y) {
    var el = this.nodeType === 1 ? this : this.parentElement;
    var key = Symbol.for('portalscan.crop.prev');
    if (el && key in el) {
        var prev = el[key];
        delete el[key];
        if (prev && prev !== document.body && prev.isConnected && typeof prev.focus === 'function') {
            prev.focus({preventScroll: true});
        } else {
            el.blur();
        }
    }
    window.scrollTo(x, y);
}";

/// The PNG of one element with its context (see [`shape`]) and outlined, or `None` when
/// the page removed it or it shows no box even when focused.
fn crop(
    cx: &Conn<'_>,
    objects: &mut Objects<'_>,
    node: NodeId,
) -> Result<Option<Vec<u8>>, BrowserError> {
    let Some(object) = objects.get(node) else {
        return Ok(None);
    };
    let measured = call_on(cx, &object, MEASURE, vec![])?;
    if measured.is_null() {
        return Ok(None);
    }
    let shot = shape::Measured::from_json(&measured)
        .and_then(|m| shape::clip(&m).map(|c| (m, c)))
        .map(|(m, clip)| capture(cx, &clip).map(|png| (png, clip.in_image(&m.element))));
    // The page is put back before any error of the capture is returned.
    let scroll = &measured["scroll"];
    call_on(
        cx,
        &object,
        RESTORE,
        vec![scroll[0].clone(), scroll[1].clone()],
    )?;
    match shot {
        None => Ok(None),
        Some(Err(e)) => Err(e),
        Some(Ok((None, _))) => Ok(None),
        Some(Ok((Some(png), element))) => outline::draw(&png, &element).map(Some),
    }
}

/// A screenshot of `clip` (in the viewport: see [`shape`]).
fn capture(cx: &Conn<'_>, clip: &shape::Clip) -> Result<Option<Vec<u8>>, BrowserError> {
    let shot = call(
        cx,
        "taking a screenshot",
        CaptureScreenshot(
            json!({"format": "png", "clip": clip.to_json(), "captureBeyondViewport": false}),
        ),
    )?;
    let Some(data) = shot["data"].as_str() else {
        return Ok(None);
    };
    use base64::Engine;
    let png = base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| BrowserError::protocol("decoding a screenshot", e))?;
    Ok(Some(png))
}

/// `crops` as `data:image/png;base64,…` URIs on the findings about those nodes (what the
/// JSON and HTML reports show as `screenshot`).
pub fn attach(findings: &mut [portalscan_core::Finding], crops: &[(NodeId, Vec<u8>)]) {
    use base64::Engine;
    for (node, png) in crops {
        let uri = format!(
            "data:image/png;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(png)
        );
        for f in findings.iter_mut().filter(|f| f.node == Some(*node)) {
            f.screenshot = Some(uri.clone());
        }
    }
}
