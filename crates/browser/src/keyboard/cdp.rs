//! Untyped DevTools protocol calls: the handful of methods the keyboard module needs, with
//! JSON parameters and results (headless_chrome's generated structs want every optional
//! field spelled out, which buries what a call actually asks for).
//!
//! Calls go over a DevTools connection of our own to the tab when we can open one:
//! headless_chrome 1.0.22's transport holds its socket lock through a 100 ms read timeout,
//! so every call through it takes about 100 ms, and a walk makes hundreds of calls. The
//! own connection answers in well under a millisecond; without it (no debugging port
//! found) the calls go through the tab, slower but the same.

use std::cell::RefCell;
use std::net::TcpStream;
use std::sync::Mutex;
use std::time::Duration;

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::types::Method;
use serde::Serialize;
use serde_json::{Value, json};
use tungstenite::WebSocket;
use tungstenite::stream::MaybeTlsStream;

use crate::{BackendNodeId, BrowserError};

macro_rules! raw_methods {
    ($($ty:ident = $name:literal;)*) => {$(
        #[derive(Debug, Serialize)]
        #[serde(transparent)]
        pub(crate) struct $ty(pub Value);
        impl Method for $ty {
            const NAME: &'static str = $name;
            type ReturnObject = Value;
        }
    )*};
}

raw_methods! {
    AddScript = "Page.addScriptToEvaluateOnNewDocument";
    GetFrameTree = "Page.getFrameTree";
    SetFocusEmulation = "Emulation.setFocusEmulationEnabled";
    CreateIsolatedWorld = "Page.createIsolatedWorld";
    CaptureScreenshot = "Page.captureScreenshot";
    GetNavigationHistory = "Page.getNavigationHistory";
    NavigateToHistoryEntry = "Page.navigateToHistoryEntry";
    Evaluate = "Runtime.evaluate";
    CallFunctionOn = "Runtime.callFunctionOn";
    GetProperties = "Runtime.getProperties";
    ReleaseObjectGroup = "Runtime.releaseObjectGroup";
    DescribeNode = "DOM.describeNode";
    ResolveNode = "DOM.resolveNode";
    GetNodeForLocation = "DOM.getNodeForLocation";
    DispatchKeyEvent = "Input.dispatchKeyEvent";
    GetBrowserCommandLine = "Browser.getBrowserCommandLine";
}

/// How long one call over our own connection may take before it is an error.
const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// A DevTools connection to one tab: our own socket when possible, else the tab's.
pub(crate) struct Conn<'a> {
    pub tab: &'a Tab,
    direct: Option<RefCell<Direct>>,
}

struct Direct {
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
}

impl<'a> Conn<'a> {
    /// Opens our own connection to the tab's target (found through the browser's
    /// `--remote-debugging-port`); falls back to the tab's transport.
    pub fn open(tab: &'a Tab) -> Conn<'a> {
        Conn {
            tab,
            direct: connect_direct(tab).map(RefCell::new),
        }
    }

    /// Calls through the tab's own transport (for what must outlive our connection, such
    /// as scripts added for new documents).
    pub fn through_tab(tab: &'a Tab) -> Conn<'a> {
        Conn { tab, direct: None }
    }

    pub fn is_direct(&self) -> bool {
        self.direct.is_some()
    }
}

/// The debugging port of each tab's browser, by target id (ids are unique), so a page's
/// second connection skips the slow command-line call.
static PORTS: Mutex<Vec<(String, u16)>> = Mutex::new(Vec::new());

fn debugging_port(tab: &Tab) -> Option<u16> {
    let target = tab.get_target_id().to_string();
    let mut ports = PORTS.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, port)) = ports.iter().find(|(t, _)| *t == target) {
        return Some(*port);
    }
    let line = tab.call_method(GetBrowserCommandLine(json!({}))).ok()?;
    let port = line["arguments"]
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .find_map(|a| a.strip_prefix("--remote-debugging-port="))?
        .parse::<u16>()
        .ok()
        .filter(|p| *p != 0)?;
    // A crawl opens a bounded number of tabs; keep the newest few hundred.
    if ports.len() >= 256 {
        ports.remove(0);
    }
    ports.push((target, port));
    Some(port)
}

fn connect_direct(tab: &Tab) -> Option<Direct> {
    let port = debugging_port(tab)?;
    let url = format!(
        "ws://127.0.0.1:{port}/devtools/page/{}",
        tab.get_target_id()
    );
    let (mut socket, _) = tungstenite::connect(url.as_str()).ok()?;
    if let MaybeTlsStream::Plain(stream) = socket.get_mut() {
        stream.set_read_timeout(Some(CALL_TIMEOUT)).ok()?;
        stream.set_nodelay(true).ok()?;
    }
    Some(Direct { socket, next_id: 1 })
}

impl Direct {
    fn call(&mut self, name: &str, params: Value) -> Result<Value, String> {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({"id": id, "method": name, "params": params}).to_string();
        self.socket
            .send(tungstenite::Message::text(message))
            .map_err(|e| e.to_string())?;
        loop {
            let message = self.socket.read().map_err(|e| e.to_string())?;
            let tungstenite::Message::Text(text) = message else {
                continue;
            };
            let reply: Value = serde_json::from_str(text.as_str()).map_err(|e| e.to_string())?;
            // Events (none asked for) and stale replies are skipped.
            if reply["id"].as_u64() != Some(id) {
                continue;
            }
            if let Some(error) = reply.get("error") {
                return Err(error["message"].as_str().unwrap_or("error").to_string());
            }
            return Ok(reply["result"].clone());
        }
    }
}

impl Drop for Direct {
    fn drop(&mut self) {
        let _ = self.socket.close(None);
        let _ = self.socket.flush();
    }
}

/// Calls `M` and names `what` in the error.
pub(crate) fn call<M>(cx: &Conn, what: &str, method: M) -> Result<Value, BrowserError>
where
    M: Method<ReturnObject = Value> + Serialize + std::fmt::Debug,
{
    match &cx.direct {
        Some(direct) => {
            let params =
                serde_json::to_value(&method).map_err(|e| BrowserError::protocol(what, e))?;
            direct
                .borrow_mut()
                .call(M::NAME, params)
                .map_err(|e| BrowserError::protocol(what, e))
        }
        None => cx
            .tab
            .call_method(method)
            .map_err(|e| BrowserError::protocol(what, e)),
    }
}

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

/// Presses and releases `key` with real key events (what a user's keyboard sends).
pub(crate) fn press(cx: &Conn, key: Key) -> Result<(), BrowserError> {
    let (name, code, modifiers) = match key {
        Key::Tab => ("Tab", 9, 0),
        Key::ShiftTab => ("Tab", 9, 8),
        Key::Escape => ("Escape", 27, 0),
    };
    for kind in ["rawKeyDown", "keyUp"] {
        call(
            cx,
            "pressing a key",
            DispatchKeyEvent(json!({"type": kind, "key": name, "code": name,
                "windowsVirtualKeyCode": code, "nativeVirtualKeyCode": code,
                "modifiers": modifiers})),
        )?;
    }
    Ok(())
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

/// The topmost node painted at document point (`x`, `y`), through every shadow root,
/// counting content with `pointer-events: none` (it still hides what is under it).
pub(crate) fn node_at(cx: &Conn, x: i64, y: i64) -> Result<Option<BackendNodeId>, BrowserError> {
    let result = call(
        cx,
        "hit-testing a point",
        GetNodeForLocation(json!({"x": x, "y": y, "includeUserAgentShadowDOM": false,
            "ignorePointerEventsNone": true})),
    );
    match result {
        Ok(v) => Ok(v["backendNodeId"].as_u64().map(|b| b as BackendNodeId)),
        // "No node found at given location": nothing painted there.
        Err(_) => Ok(None),
    }
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

/// Calls a typed method (parameters serialized, result deserialized) over the connection:
/// ours when open, else the tab's. Used by the capture and the visit as well.
pub(crate) fn call_typed<M>(
    cx: &Conn,
    what: &str,
    method: M,
) -> Result<M::ReturnObject, BrowserError>
where
    M: Method + Serialize + std::fmt::Debug,
{
    match &cx.direct {
        Some(direct) => {
            let params =
                serde_json::to_value(&method).map_err(|e| BrowserError::protocol(what, e))?;
            let value = direct
                .borrow_mut()
                .call(M::NAME, params)
                .map_err(|e| BrowserError::protocol(what, e))?;
            serde_json::from_value(value).map_err(|e| BrowserError::protocol(what, e))
        }
        None => cx.tab.call_method(method).map_err(|e| {
            if e.downcast_ref::<headless_chrome::browser::transport::ConnectionClosed>()
                .is_some()
            {
                BrowserError::Crashed(format!("while {what}: {e}"))
            } else {
                BrowserError::protocol(what, e)
            }
        }),
    }
}
