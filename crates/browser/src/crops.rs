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

/// The largest crop, in CSS px: enough to see the element and what is around it, small
/// enough to keep an HTML report with hundreds of findings loadable.
pub const MAX_CROP: (f64, f64) = (800.0, 400.0);
/// Context around the element, in CSS px.
const MARGIN: f64 = 8.0;
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
/// in the live page. Each crop is the element's border box plus a small margin, scrolled
/// into view, at most [`MAX_CROP`].
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

/// The PNG of one element's box (scrolled into view), or `None` when the page removed
/// it or it has no box.
fn crop(
    cx: &Conn<'_>,
    objects: &mut Objects<'_>,
    node: NodeId,
) -> Result<Option<Vec<u8>>, BrowserError> {
    {
        let Some(object) = objects.get(node) else {
            return Ok(None);
        };
        // The element's box in page coordinates, after scrolling it into view.
        let rect = call_on(
            cx,
            &object,
            "function () {
                var el = this.nodeType === 1 ? this : this.parentElement;
                if (!el) { return null; }
                el.scrollIntoView({block: 'center', inline: 'center'});
                var r = el.getBoundingClientRect();
                return [r.left + window.scrollX, r.top + window.scrollY, r.width, r.height];
            }",
            vec![],
        )?;
        let Some(clip) = clip(&rect) else {
            return Ok(None);
        };
        let shot = call(
            cx,
            "taking a screenshot",
            CaptureScreenshot(
                json!({"format": "png", "clip": clip, "captureBeyondViewport": false}),
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
}

/// The clip for a box `[x, y, width, height]`: with margin, capped, never negative.
/// `None` for an empty box or one wholly above or left of the page (a skip link parked at
/// `left: -9999px`): Chromium never answers a screenshot with a negative clip size.
fn clip(rect: &Value) -> Option<Value> {
    let r: Vec<f64> = rect.as_array()?.iter().filter_map(Value::as_f64).collect();
    let [x, y, w, h] = r[..] else {
        return None;
    };
    if w <= 0.0 || h <= 0.0 {
        return None;
    }
    let x0 = (x - MARGIN).max(0.0);
    let y0 = (y - MARGIN).max(0.0);
    let width = (x + w + MARGIN - x0).min(MAX_CROP.0);
    let height = (y + h + MARGIN - y0).min(MAX_CROP.1);
    if width < 1.0 || height < 1.0 {
        return None;
    }
    Some(json!({"x": x0, "y": y0, "width": width, "height": height, "scale": 1}))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clips_have_margin_are_capped_and_skip_empty_boxes() {
        let c = clip(&json!([100.0, 50.0, 20.0, 10.0])).unwrap();
        assert_eq!(c["x"], 92.0);
        assert_eq!(c["width"], 36.0);
        let big = clip(&json!([0.0, 0.0, 5000.0, 5000.0])).unwrap();
        assert_eq!(
            (big["width"].as_f64(), big["height"].as_f64()),
            (Some(800.0), Some(400.0))
        );
        assert!(clip(&json!([0.0, 0.0, 0.0, 10.0])).is_none());
        // Parked off the page (a skip link before focus): nothing to crop.
        assert!(clip(&json!([-9999.0, 0.0, 153.0, 35.0])).is_none());
        assert!(clip(&json!([10.0, -500.0, 100.0, 35.0])).is_none());
        // Partly off the page: the visible part.
        let part = clip(&json!([-20.0, 10.0, 40.0, 10.0])).unwrap();
        assert_eq!(
            (part["x"].as_f64(), part["width"].as_f64()),
            (Some(0.0), Some(28.0))
        );
        assert!(clip(&Value::Null).is_none());
    }
}
