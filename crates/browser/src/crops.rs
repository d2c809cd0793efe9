//! Cropped screenshots of elements for reports, with PHI masked first.
//!
//! Before the first screenshot, every text node, and every `value`, `placeholder`,
//! `title`, `aria-label` and `alt`, in which the core's PHI detectors find PHI is replaced
//! **in the live page** by its redacted form (the same masking every report uses). Nodes
//! are reached by their DevTools ids through the [`NodeMap`], so text inside closed and
//! LWC shadow roots is masked too. Form fields are also checked by their live `.value`
//! (what the user typed is not in the snapshot's attributes).
//!
//! Limits, by design of a DOM-level mask: PHI painted in images, canvas or CSS `content`
//! is not masked; the page is left changed, so call this last on a page.

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::types::Method;
use serde::Serialize;
use serde_json::{Value, json};

use portalscan_core::dom::NodeData;
use portalscan_core::{NodeId, Snapshot, phi};

use crate::cdp::{self, CallFunctionOn, CaptureScreenshot, Conn, ReleaseObjectGroup, ResolveNode};
use crate::{BackendNodeId, BrowserError, NodeMap};

/// The largest crop, in CSS px: enough to see the element and what is around it, small
/// enough to keep an HTML report with hundreds of findings loadable.
pub const MAX_CROP: (f64, f64) = (800.0, 400.0);
/// Context around the element, in CSS px.
const MARGIN: f64 = 8.0;
/// Attributes that show text to people (and may hold PHI).
const SHOWN_ATTRS: &[&str] = &["value", "placeholder", "title", "aria-label", "alt"];
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

/// Most matches looked for one by one in a text (see [`redact_text`]).
const MAX_RESCANS: usize = 64;

/// `text` with PHI masked, for a screenshot: after each match the rest of the text is
/// scanned again on its own, so a value whose label follows another value ("MRN 00123456
/// DOB 04/12/1961", where the detectors see only the MRN in one pass) is masked too. A
/// screenshot may mask more than a report would; it must not mask less.
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    for _ in 0..MAX_RESCANS {
        let matches = phi::detect(rest);
        let Some(first) = matches
            .iter()
            .find(|m| rest.is_char_boundary(m.start) && rest.is_char_boundary(m.end))
        else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..first.start]);
        out.push_str(&phi::mask(&rest[first.start..first.end]));
        rest = &rest[first.end..];
    }
    out.push_str(&phi::redact(rest));
    out
}

/// `text` with PHI masked, when the text before it (`label`, the previous text on the
/// page) may name it: `<dt>MRN</dt><dd>00123456</dd>`, `<th>Date of birth</th><td>…`,
/// `<span>Patient</span> <b>Maria Alvarez</b>` (see [`phi::detect_after_label`]). A short
/// text that is no label changes nothing, so this masks at least what [`redact_text`]
/// masks.
pub fn redact_text_after(label: &str, text: &str) -> String {
    let named = phi::detect_after_label(label, text)
        .into_iter()
        .find(|m| text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    match named {
        Some(m) => format!(
            "{}{}{}",
            redact_text(&text[..m.start]),
            phi::mask(&text[m.start..m.end]),
            redact_text(&text[m.end..])
        ),
        None => redact_text(text),
    }
}

/// `text` with the page's known PHI values masked too (see [`phi::KnownValues`]).
fn also_known(known: &phi::KnownValues, text: String) -> String {
    known.mask_in(&text).unwrap_or(text)
}

/// One change to make in the live page.
enum Mask {
    Text(String),
    Attr(String, String),
}

/// The redacted form of every text and shown attribute with PHI, from the snapshot.
fn masks(snapshot: &Snapshot, known: &phi::KnownValues) -> Vec<(NodeId, Mask)> {
    let mut out = Vec::new();
    // The previous text on the page (document order), which may label this one.
    let mut previous = "";
    for (i, node) in snapshot.dom.nodes().iter().enumerate() {
        let id = NodeId(i as u32);
        match &node.data {
            NodeData::Text { text } => {
                if text.trim().is_empty() {
                    continue;
                }
                let redacted = also_known(known, redact_text_after(previous, text));
                if redacted != *text {
                    out.push((id, Mask::Text(redacted)));
                }
                previous = text;
            }
            NodeData::Element { attrs, .. } => {
                let field = attrs
                    .iter()
                    .find(|(n, _)| n == "name")
                    .map(|(_, v)| v.as_str())
                    .unwrap_or("");
                for (name, value) in attrs {
                    if !SHOWN_ATTRS.contains(&name.as_str()) {
                        continue;
                    }
                    let key = if name == "value" && !field.is_empty() {
                        field
                    } else {
                        name
                    };
                    let mut redacted = phi::redact_attr(key, value);
                    if redacted == *value {
                        redacted = redact_text(value);
                    }
                    let redacted = also_known(known, redacted);
                    if redacted != *value {
                        out.push((id, Mask::Attr(name.clone(), redacted)));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// Masks PHI in the live page (see the module docs). Returns how many nodes were changed.
pub fn mask_phi(tab: &Tab, snapshot: &Snapshot, map: &NodeMap) -> Result<usize, BrowserError> {
    mask_phi_on(&Conn::open(tab), snapshot, map)
}

fn mask_phi_on(cx: &Conn, snapshot: &Snapshot, map: &NodeMap) -> Result<usize, BrowserError> {
    let mut changed = 0;
    // Values the page holds anywhere (storage, API responses, labelled text) are masked
    // wherever else they appear, even where nothing names them.
    let known = phi::KnownValues::of(snapshot);
    for (node, mask) in masks(snapshot, &known) {
        let Some(object) = map.backend(node).and_then(|b| resolve(cx, b)) else {
            continue;
        };
        match mask {
            Mask::Text(text) => {
                call_on(
                    cx,
                    &object,
                    "function (t) { this.nodeValue = t; }",
                    vec![json!(text)],
                )?;
            }
            Mask::Attr(name, value) => {
                call_on(
                    cx,
                    &object,
                    "function (n, v) { this.setAttribute(n, v); if (n === 'value' && 'value' in this) { this.value = v; } }",
                    vec![json!(name), json!(value)],
                )?;
            }
        }
        changed += 1;
    }
    // Live values of form fields (typed or set by script), judged with the field's name.
    for (i, node) in snapshot.dom.nodes().iter().enumerate() {
        let NodeData::Element { name, attrs, .. } = &node.data else {
            continue;
        };
        if !matches!(name.as_str(), "input" | "textarea") {
            continue;
        }
        let Some(object) = map.backend(NodeId(i as u32)).and_then(|b| resolve(cx, b)) else {
            continue;
        };
        let live = call_on(
            cx,
            &object,
            "function () { return String(this.value || ''); }",
            vec![],
        )?;
        let value = live.as_str().unwrap_or("");
        if value.is_empty() {
            continue;
        }
        let field = attrs
            .iter()
            .find(|(n, _)| n == "name" || n == "id")
            .map(|(_, v)| v.as_str())
            .unwrap_or("value");
        let mut redacted = phi::redact_attr(field, value);
        if redacted == value {
            redacted = redact_text(value);
        }
        let redacted = also_known(&known, redacted);
        if redacted != value {
            call_on(
                cx,
                &object,
                "function (v) { this.value = v; }",
                vec![json!(redacted)],
            )?;
            changed += 1;
        }
    }
    Ok(changed)
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
    element_crops_within(tab, snapshot, map, nodes, usize::MAX)
}

/// [`element_crops`] that stops once the crops taken hold `max_bytes` of PNG (the crop
/// that crosses the line is kept), so a page with many large failing elements cannot
/// make a report or journal of unbounded size.
pub fn element_crops_within(
    tab: &Tab,
    snapshot: &Snapshot,
    map: &NodeMap,
    nodes: &[NodeId],
    max_bytes: usize,
) -> Result<Vec<(NodeId, Vec<u8>)>, BrowserError> {
    if nodes.is_empty() {
        return Ok(Vec::new());
    }
    let cx = Conn::open(tab);
    let result = crops_after_masking(&cx, snapshot, map, nodes, max_bytes);
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
) -> Result<Vec<(NodeId, Vec<u8>)>, BrowserError> {
    mask_phi_on(cx, snapshot, map)?;
    let mut crops = Vec::new();
    let mut bytes = 0;
    for &node in nodes {
        if bytes >= max_bytes {
            break;
        }
        let Some(object) = map.backend(node).and_then(|b| resolve(cx, b)) else {
            continue;
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
            continue;
        };
        let shot = call(
            cx,
            "taking a screenshot",
            CaptureScreenshot(
                json!({"format": "png", "clip": clip, "captureBeyondViewport": false}),
            ),
        )?;
        let Some(data) = shot["data"].as_str() else {
            continue;
        };
        use base64::Engine;
        let png = base64::engine::general_purpose::STANDARD
            .decode(data)
            .map_err(|e| BrowserError::protocol("decoding a screenshot", e))?;
        bytes += png.len();
        crops.push((node, png));
    }
    Ok(crops)
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
    fn screenshot_text_masks_values_one_pass_would_miss() {
        assert_eq!(
            redact_text("MRN 00123456 DOB 04/12/1961"),
            "MRN ******56 DOB ********61"
        );
        assert_eq!(redact_text("no PHI here"), "no PHI here");
        // Where one pass finds everything, the same masking as the reports.
        let t = "Patient SSN 536-22-8142, MRN: 00123456";
        assert_eq!(redact_text(t), phi::redact(t));
        assert!(!redact_text(t).contains("536-22"));
    }

    #[test]
    fn screenshot_text_masks_values_labelled_by_the_text_before() {
        assert_eq!(redact_text_after("MRN", "00123456"), "******56");
        assert_eq!(
            redact_text_after("Date of birth", "04/12/1961"),
            "********61"
        );
        assert_eq!(
            redact_text_after("Patient:", "Maria Alvarez"),
            phi::mask("Maria Alvarez")
        );
        assert_eq!(redact_text_after(" SSN ", " 536-22-8142 "), " *********42 ");
        // No label, no change beyond the text's own PHI.
        assert_eq!(
            redact_text_after("Appointments", "Thu, Dec 3"),
            "Thu, Dec 3"
        );
        assert_eq!(
            redact_text_after("", "MRN 00123456"),
            redact_text("MRN 00123456")
        );
        // A long text before is prose, not a label.
        let prose = "Your next lab draw can be done at any Riverside lab without an appointment";
        assert_eq!(redact_text_after(prose, "00123456"), "00123456");
    }

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
