//! The snapshot facts a rule example adds to the page parsed from its HTML
//! ([`crate::rule::Example::with_facts`]): page-level facts (`url`, `response`, `cookies`,
//! `storage`, `requests`, `source`, `scripts_ran`, `laid_out`, `viewport`, `keyboard`, `pointer_handlers`,
//! `focus_order`, `restored_after_logout`, `session_check`, `console`) and per-element layout (`nodes`).
//!
//! Examples cannot know arena indices, so wherever a fact names a node it may give a
//! *node reference* instead: `"#id"` (the first element with that `id`, shadow trees
//! included) or a tag name (`"body"`: the first such element), optionally followed by
//! `::text` (that element's first non-blank text child). Numbers are used as they are.
//!
//! ```json
//! {"source": "chromium",
//!  "nodes": {"#close": {"rect": {"x": 0, "y": 0, "width": 16, "height": 16}, "paint_order": 4}},
//!  "keyboard": {"stops": [{"node": "#close"}], "cycled": true, "truncated": false}}
//! ```

use serde::Deserialize;
use serde::de::Error as _;
use serde_json::{Map, Value};

use crate::dom::{Dom, NodeId, ScrollBox, TextBackdrop};
use crate::snapshot::{
    ConsoleMessage, Cookie, HttpResponse, KeyboardWalk, Request, RestoredPage, SessionCheck,
    Snapshot, Storage, Viewport,
};
use crate::style::Rect;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Facts {
    url: Option<String>,
    source: Option<String>,
    scripts_ran: Option<bool>,
    laid_out: Option<bool>,
    viewport: Option<Viewport>,
    response: Option<HttpResponse>,
    cookies: Option<Vec<Cookie>>,
    storage: Option<Storage>,
    requests: Option<Vec<Request>>,
    focus_order: Option<Vec<NodeId>>,
    keyboard: Option<KeyboardWalk>,
    pointer_handlers: Option<Vec<NodeId>>,
    restored_after_logout: Option<RestoredPage>,
    session_check: Option<SessionCheck>,
    console: Option<Vec<ConsoleMessage>>,
    #[serde(default)]
    nodes: Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NodeFacts {
    rect: Option<Rect>,
    paint_order: Option<u32>,
    scroll: Option<ScrollBox>,
    modal: Option<bool>,
    text_backdrop: Option<TextBackdrop>,
    /// Computed values to set on (or, with `null`, remove from) the element's style.
    #[serde(default)]
    style: Map<String, Value>,
}

/// Sets `facts` (JSON text, see the module docs) on `snapshot`.
pub fn apply(facts: &str, snapshot: &mut Snapshot) -> Result<(), serde_json::Error> {
    let mut value: Value = serde_json::from_str(facts)?;
    resolve_references(&snapshot.dom, &mut value)?;
    let facts: Facts = serde_json::from_value(value)?;
    if let Some(url) = facts.url {
        snapshot.url = url;
    }
    if let Some(source) = facts.source {
        // Naming a front-end gives its capture facts ([`Snapshot::capture`]) unless the
        // example sets them too.
        snapshot.source = source;
        snapshot.scripts_ran = None;
        snapshot.laid_out = None;
    }
    let s = snapshot;
    s.scripts_ran = facts.scripts_ran.or(s.scripts_ran);
    s.laid_out = facts.laid_out.or(s.laid_out);
    s.viewport = facts.viewport.or(s.viewport.take());
    s.response = facts.response.or(s.response.take());
    s.cookies = facts.cookies.or(s.cookies.take());
    s.storage = facts.storage.or(s.storage.take());
    s.requests = facts.requests.or(s.requests.take());
    s.focus_order = facts.focus_order.or(s.focus_order.take());
    s.keyboard = facts.keyboard.or(s.keyboard.take());
    s.pointer_handlers = facts.pointer_handlers.or(s.pointer_handlers.take());
    s.restored_after_logout = facts
        .restored_after_logout
        .or(s.restored_after_logout.take());
    s.session_check = facts.session_check.or(s.session_check.take());
    s.console = facts.console.or(s.console.take());
    for (reference, node_facts) in facts.nodes {
        let id = node_ref(&s.dom, &reference)?;
        let f: NodeFacts = serde_json::from_value(node_facts)?;
        let node = s.dom.node_mut(id);
        node.rect = f.rect.or(node.rect);
        node.paint_order = f.paint_order.or(node.paint_order);
        node.scroll = f.scroll.or(node.scroll);
        node.modal = f.modal.unwrap_or(node.modal);
        node.text_backdrop = f.text_backdrop.or(node.text_backdrop.take());
        if !f.style.is_empty() {
            let mut style = node.style.clone().unwrap_or_default();
            for (property, v) in f.style {
                match v {
                    Value::String(v) => style.set(&property, v),
                    Value::Null => style.remove(&property),
                    other => {
                        return Err(serde_json::Error::custom(format!(
                            "style {property}: expected a string or null, got {other}"
                        )));
                    }
                }
            }
            node.style = Some(style);
        }
    }
    Ok(())
}

/// Replaces node references by node ids wherever the snapshot format holds a node id.
fn resolve_references(dom: &Dom, facts: &mut Value) -> Result<(), serde_json::Error> {
    let mut slots: Vec<&mut Value> = Vec::new();
    let Some(obj) = facts.as_object_mut() else {
        return Ok(());
    };
    for (key, v) in obj.iter_mut() {
        match key.as_str() {
            "focus_order" | "pointer_handlers" => {
                if let Some(list) = v.as_array_mut() {
                    slots.extend(list.iter_mut());
                }
            }
            "keyboard" => {
                let Some(walk) = v.as_object_mut() else {
                    continue;
                };
                for (field, w) in walk.iter_mut() {
                    match field.as_str() {
                        "stops" => {
                            for stop in w.as_array_mut().into_iter().flatten() {
                                let Some(stop) = stop.as_object_mut() else {
                                    continue;
                                };
                                for (k, s) in stop.iter_mut() {
                                    match k.as_str() {
                                        "node" => slots.push(s),
                                        "obscured" => {
                                            if let Some(by) = s.get_mut("by") {
                                                slots.push(by);
                                            }
                                        }
                                        _ => {}
                                    }
                                }
                            }
                        }
                        "trap" => {
                            if let Some(nodes) = w.get_mut("nodes").and_then(Value::as_array_mut) {
                                slots.extend(nodes.iter_mut());
                            }
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    for slot in slots {
        if let Value::String(reference) = slot {
            let id = node_ref(dom, reference)?;
            *slot = Value::from(id.0);
        }
    }
    Ok(())
}

/// `#id` or a tag name to the first matching element; with `::text` after it, to that
/// element's first text child that is not white space (layout of a text run).
fn node_ref(dom: &Dom, reference: &str) -> Result<NodeId, serde_json::Error> {
    if let Some(element) = reference.strip_suffix("::text") {
        let el = node_ref(dom, element)?;
        return dom
            .children(el)
            .find(|&c| {
                matches!(&dom.node(c).data, crate::dom::NodeData::Text { text } if !text.trim().is_empty())
            })
            .ok_or_else(|| serde_json::Error::custom(format!("{element} has no text child")));
    }
    let found = match reference.strip_prefix('#') {
        Some(id) => dom.elements().find(|e| e.attr("id") == Some(id)),
        None => dom.elements().find(|e| e.name() == reference),
    };
    found
        .map(|e| e.id)
        .ok_or_else(|| serde_json::Error::custom(format!("no element matches {reference:?}")))
}
