//! The keyboard module's calls into the page: scripts in an isolated world, remote
//! objects, node descriptions, key presses, hit tests and screenshots, over the crate's
//! DevTools connection ([`crate::cdp`]).

use serde_json::{Value, json};

use crate::cdp::{
    CallFunctionOn, CaptureScreenshot, Conn, CreateIsolatedWorld, DescribeNode, DispatchKeyEvent,
    Evaluate, GetFrameTree, GetNodeForLocation, GetProperties, ReleaseObjectGroup, ResolveNode,
    call,
};
use crate::{BackendNodeId, BrowserError};

/// Objects the walk creates are put in one group and released together.
pub(crate) const GROUP: &str = "portalscan-keyboard";

/// A JavaScript world of our own in the page's main frame: same DOM, but the page's script
/// (LWC synthetic shadow patches `activeElement`, `shadowRoot`, `elementsFromPoint`…)
/// cannot have changed its prototypes.
pub(crate) fn isolated_world(cx: &Conn) -> Result<i64, BrowserError> {
    let tree = call(cx, "reading the frame tree", GetFrameTree(json!({})))?;
    let frame = tree["frameTree"]["frame"]["id"]
        .as_str()
        .ok_or_else(|| BrowserError::Protocol("the page has no main frame".into()))?
        .to_string();
    let world = call(
        cx,
        "creating an isolated world",
        CreateIsolatedWorld(json!({"frameId": frame, "worldName": "portalscan-keyboard"})),
    )?;
    world["executionContextId"]
        .as_i64()
        .ok_or_else(|| BrowserError::Protocol("no isolated world was created".into()))
}

/// Throws the page's exception text (never its values) as a protocol error.
fn check_exception(what: &str, result: &Value) -> Result<(), BrowserError> {
    if let Some(ex) = result.get("exceptionDetails") {
        let text = ex["exception"]["className"]
            .as_str()
            .or_else(|| ex["text"].as_str())
            .unwrap_or("exception");
        return Err(BrowserError::Protocol(format!(
            "{what}: script threw {text}"
        )));
    }
    Ok(())
}

/// Evaluates `expression` in `context` and returns the result by value.
pub(crate) fn eval_value(
    cx: &Conn,
    context: Option<i64>,
    what: &str,
    expression: &str,
) -> Result<Value, BrowserError> {
    let mut params = json!({"expression": expression, "returnByValue": true, "awaitPromise": true});
    if let Some(id) = context {
        params["contextId"] = json!(id);
    }
    let result = call(cx, what, Evaluate(params))?;
    check_exception(what, &result)?;
    Ok(result["result"]["value"].clone())
}

/// Evaluates `expression` in `context`; the object it returns (`None` for null/undefined).
pub(crate) fn eval_object(
    cx: &Conn,
    context: Option<i64>,
    what: &str,
    expression: &str,
) -> Result<Option<String>, BrowserError> {
    let mut params = json!({"expression": expression, "objectGroup": GROUP, "awaitPromise": true});
    if let Some(id) = context {
        params["contextId"] = json!(id);
    }
    let result = call(cx, what, Evaluate(params))?;
    check_exception(what, &result)?;
    Ok(result["result"]["objectId"].as_str().map(str::to_string))
}

/// Calls `function` with `this` = `object` and JSON `args`; the result by value.
pub(crate) fn call_on_value(
    cx: &Conn,
    object: &str,
    what: &str,
    function: &str,
    args: &[Value],
) -> Result<Value, BrowserError> {
    let args: Vec<Value> = args.iter().map(|a| json!({"value": a})).collect();
    let result = call(
        cx,
        what,
        CallFunctionOn(json!({"objectId": object, "functionDeclaration": function,
            "arguments": args, "returnByValue": true, "awaitPromise": true})),
    )?;
    check_exception(what, &result)?;
    Ok(result["result"]["value"].clone())
}

/// Calls `function` with `this` = `object`; the object it returns, if any.
pub(crate) fn call_on_object(
    cx: &Conn,
    object: &str,
    what: &str,
    function: &str,
) -> Result<Option<String>, BrowserError> {
    let result = call(
        cx,
        what,
        CallFunctionOn(json!({"objectId": object, "functionDeclaration": function,
            "objectGroup": GROUP})),
    )?;
    check_exception(what, &result)?;
    Ok(result["result"]["objectId"].as_str().map(str::to_string))
}

/// The object ids of an array's elements, in order (holes and non-objects skipped).
pub(crate) fn array_items(cx: &Conn, array: &str) -> Result<Vec<String>, BrowserError> {
    let props = call(
        cx,
        "listing array items",
        GetProperties(json!({"objectId": array, "ownProperties": true})),
    )?;
    let mut items: Vec<(usize, String)> = props["result"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            let index = p["name"].as_str()?.parse().ok()?;
            let id = p["value"]["objectId"].as_str()?.to_string();
            Some((index, id))
        })
        .collect();
    items.sort();
    Ok(items.into_iter().map(|(_, id)| id).collect())
}

/// What DevTools says about a node object: its backend id, name and shadow roots.
#[derive(Debug)]
pub(crate) struct Described {
    pub backend: BackendNodeId,
    pub name: String,
    /// (backend id, mode) of each shadow root the node hosts, closed ones included.
    pub shadow_roots: Vec<(BackendNodeId, String)>,
}

pub(crate) fn describe(cx: &Conn, object: &str) -> Result<Described, BrowserError> {
    let result = call(
        cx,
        "describing a node",
        DescribeNode(json!({"objectId": object, "depth": 0})),
    )?;
    let node = &result["node"];
    let backend = node["backendNodeId"]
        .as_u64()
        .ok_or_else(|| BrowserError::Protocol("describing a node: no backendNodeId".into()))?;
    let shadow_roots = node["shadowRoots"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            Some((
                r["backendNodeId"].as_u64()? as BackendNodeId,
                r["shadowRootType"].as_str().unwrap_or("").to_string(),
            ))
        })
        .collect();
    Ok(Described {
        backend: backend as BackendNodeId,
        name: node["nodeName"].as_str().unwrap_or("").to_string(),
        shadow_roots,
    })
}

/// A remote object for the node `backend` in `context`.
pub(crate) fn resolve(
    cx: &Conn,
    context: i64,
    backend: BackendNodeId,
) -> Result<Option<String>, BrowserError> {
    let result = call(
        cx,
        "resolving a node",
        ResolveNode(
            json!({"backendNodeId": backend, "executionContextId": context,
            "objectGroup": GROUP}),
        ),
    );
    match result {
        Ok(v) => Ok(v["object"]["objectId"].as_str().map(str::to_string)),
        // The node is gone (the page changed it away).
        Err(_) => Ok(None),
    }
}

pub(crate) fn release(cx: &Conn) {
    // Best effort: a failure only leaves a few objects alive until the page goes.
    let _ = call(
        cx,
        "releasing objects",
        ReleaseObjectGroup(json!({"objectGroup": GROUP})),
    );
}

/// A key the walk presses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    Tab,
    ShiftTab,
    Escape,
}

impl Key {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Key::Tab => "Tab",
            Key::ShiftTab => "Shift+Tab",
            Key::Escape => "Escape",
        }
    }
}

/// Presses and releases a key combination the page advertised (`Ctrl+M`), with real key
/// events: modifiers held in the events' `modifiers`, as a keyboard sends them.
pub(crate) fn press_combo(
    cx: &Conn,
    combo: &portalscan_core::key_hints::KeyCombo,
) -> Result<(), BrowserError> {
    use portalscan_core::key_hints::Modifier;
    let modifiers: u32 = combo
        .modifiers
        .iter()
        .map(|m| match m {
            Modifier::Alt => 1,
            Modifier::Ctrl => 2,
            Modifier::Meta => 4,
            Modifier::Shift => 8,
        })
        .sum();
    let Some((key, code, vk)) = key_codes(&combo.key, combo.modifiers.contains(&Modifier::Shift))
    else {
        return Ok(());
    };
    dispatch_key(cx, "pressing an advertised key", &key, &code, vk, modifiers)
}

/// Sends a key's down and up events (`modifiers`: the protocol's bit mask).
fn dispatch_key(
    cx: &Conn,
    what: &str,
    key: &str,
    code: &str,
    virtual_key: u32,
    modifiers: u32,
) -> Result<(), BrowserError> {
    for kind in ["rawKeyDown", "keyUp"] {
        call(
            cx,
            what,
            DispatchKeyEvent(json!({"type": kind, "key": key, "code": code,
                "windowsVirtualKeyCode": virtual_key, "nativeVirtualKeyCode": virtual_key,
                "modifiers": modifiers})),
        )?;
    }
    Ok(())
}

/// `KeyboardEvent.key`, `code` and the Windows virtual key code of a `KeyCombo` key.
fn key_codes(key: &str, shift: bool) -> Option<(String, String, u32)> {
    let named = |code: &str, vk| Some((key.to_string(), code.to_string(), vk));
    match key {
        "Escape" => named("Escape", 27),
        "Enter" => named("Enter", 13),
        "Tab" => named("Tab", 9),
        " " => named("Space", 32),
        "Home" => named("Home", 36),
        "End" => named("End", 35),
        "ArrowLeft" => named("ArrowLeft", 37),
        "ArrowUp" => named("ArrowUp", 38),
        "ArrowRight" => named("ArrowRight", 39),
        "ArrowDown" => named("ArrowDown", 40),
        _ => {
            if let Some(n) = key.strip_prefix('F').and_then(|n| n.parse::<u32>().ok()) {
                return named(key, 111 + n);
            }
            let c = key.chars().next().filter(|c| c.is_ascii_alphanumeric())?;
            let code = if c.is_ascii_digit() {
                format!("Digit{c}")
            } else {
                format!("Key{c}")
            };
            let typed = if shift || c.is_ascii_digit() {
                c.to_string()
            } else {
                c.to_ascii_lowercase().to_string()
            };
            Some((typed, code, c as u32))
        }
    }
}

/// Presses and releases `key` with real key events (what a user's keyboard sends).
pub(crate) fn press(cx: &Conn, key: Key) -> Result<(), BrowserError> {
    let (name, code, modifiers) = match key {
        Key::Tab => ("Tab", 9, 0),
        Key::ShiftTab => ("Tab", 9, 8),
        Key::Escape => ("Escape", 27, 0),
    };
    dispatch_key(cx, "pressing a key", name, name, code, modifiers)
}

/// Calls `function` with `this` = `object` and remote objects as arguments; the result by value.
pub(crate) fn call_with_objects(
    cx: &Conn,
    object: &str,
    what: &str,
    function: &str,
    args: &[&str],
) -> Result<Value, BrowserError> {
    let args: Vec<Value> = args.iter().map(|a| json!({"objectId": a})).collect();
    let result = call(
        cx,
        what,
        CallFunctionOn(json!({"objectId": object, "functionDeclaration": function,
            "arguments": args, "returnByValue": true})),
    )?;
    check_exception(what, &result)?;
    Ok(result["result"]["value"].clone())
}

/// The topmost node painted at each document point, through every shadow root, counting
/// content with `pointer-events: none` (it still hides what is under it). The points are of
/// one rendering, so they are asked at once (one round trip, not one per point).
pub(crate) fn nodes_at(cx: &Conn, points: &[(i64, i64)]) -> Vec<Option<BackendNodeId>> {
    let calls = points
        .iter()
        .map(|&(x, y)| {
            GetNodeForLocation(json!({"x": x, "y": y, "includeUserAgentShadowDOM": false,
                "ignorePointerEventsNone": true}))
        })
        .collect();
    crate::cdp::call_all(cx, "hit-testing points", calls)
        .into_iter()
        // An error is "No node found at given location": nothing painted there.
        .map(|r| {
            r.ok()
                .and_then(|v| v["backendNodeId"].as_u64())
                .map(|b| b as BackendNodeId)
        })
        .collect()
}

/// A PNG screenshot of the page region (`x`, `y`, `width`, `height`), in CSS px of the
/// document, at scale 1.
pub(crate) fn screenshot(cx: &Conn, clip: (f64, f64, f64, f64)) -> Result<Vec<u8>, BrowserError> {
    use base64::Engine as _;
    let (x, y, width, height) = clip;
    let result = call(
        cx,
        "taking a screenshot",
        CaptureScreenshot(json!({"format": "png", "fromSurface": true,
            "clip": {"x": x, "y": y, "width": width, "height": height, "scale": 1}})),
    )?;
    let data = result["data"]
        .as_str()
        .ok_or_else(|| BrowserError::Protocol("taking a screenshot: no data".into()))?;
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .map_err(|e| BrowserError::protocol("decoding a screenshot", e))
}
