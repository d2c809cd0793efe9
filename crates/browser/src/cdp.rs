//! The crate's DevTools connection and its untyped protocol calls, used by the capture,
//! the visit, the collectors, the keyboard walk and the crops.
//!
//! Calls go over a DevTools connection of our own to the tab when we can open one
//! ([`Conn::open`]): headless_chrome 1.0.22's transport holds its socket lock through a
//! 100 ms read timeout, so every call through it takes about 100 ms, and a walk or a
//! capture makes many. The own connection answers in well under a millisecond; without it
//! (no debugging port found) the calls go through the tab, slower but the same.
//!
//! Methods are called with JSON parameters and read as JSON ([`call`]), field by field:
//! headless_chrome's generated types lag behind Chromium (a result with a field or enum
//! value they do not know fails to parse: Chromium 156's cookies no longer carry
//! `sameParty`) and want every optional field spelled out. [`call_typed`] is for the few
//! calls with structs of our own. A failure names the step, never the parameters, which
//! may hold page data.

use std::cell::RefCell;
use std::net::TcpStream;
use std::sync::Mutex;
use std::time::Duration;

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::types::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use tungstenite::WebSocket;
use tungstenite::protocol::WebSocketConfig;
use tungstenite::stream::MaybeTlsStream;

use crate::BrowserError;

/// Declares unit-like wrappers for protocol methods taking and returning JSON.
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
    // Page
    AddScript = "Page.addScriptToEvaluateOnNewDocument";
    GetFrameTree = "Page.getFrameTree";
    CreateIsolatedWorld = "Page.createIsolatedWorld";
    CaptureScreenshot = "Page.captureScreenshot";
    GetNavigationHistory = "Page.getNavigationHistory";
    NavigateToHistoryEntry = "Page.navigateToHistoryEntry";
    StopLoading = "Page.stopLoading";
    // Runtime
    RuntimeEnable = "Runtime.enable";
    Evaluate = "Runtime.evaluate";
    CallFunctionOn = "Runtime.callFunctionOn";
    GetProperties = "Runtime.getProperties";
    ReleaseObjectGroup = "Runtime.releaseObjectGroup";
    // DOM, input, emulation, browser
    DescribeNode = "DOM.describeNode";
    GetFrameOwner = "DOM.getFrameOwner";
    ResolveNode = "DOM.resolveNode";
    GetNodeForLocation = "DOM.getNodeForLocation";
    DispatchKeyEvent = "Input.dispatchKeyEvent";
    SetFocusEmulation = "Emulation.setFocusEmulationEnabled";
    GetBrowserCommandLine = "Browser.getBrowserCommandLine";
    GetTargets = "Target.getTargets";
    // Network and Log
    NetworkEnable = "Network.enable";
    GetResponseBody = "Network.getResponseBody";
    GetRequestPostData = "Network.getRequestPostData";
    GetCookies = "Network.getCookies";
    LogEnable = "Log.enable";
    LogDisable = "Log.disable";
    // Storage
    DomStorageEnable = "DOMStorage.enable";
    DomStorageDisable = "DOMStorage.disable";
    GetDomStorageItems = "DOMStorage.getDOMStorageItems";
    IdbEnable = "IndexedDB.enable";
    IdbDisable = "IndexedDB.disable";
    RequestDatabaseNames = "IndexedDB.requestDatabaseNames";
    RequestDatabase = "IndexedDB.requestDatabase";
    RequestData = "IndexedDB.requestData";
    RequestCacheNames = "CacheStorage.requestCacheNames";
    RequestEntries = "CacheStorage.requestEntries";
    RequestCachedResponse = "CacheStorage.requestCachedResponse";
}

/// How long one call over our own connection may take before it is an error.
pub(crate) const CALL_TIMEOUT: Duration = Duration::from_secs(30);

/// A DevTools connection to one tab: our own socket when possible, else the tab's.
pub(crate) struct Conn<'a> {
    pub tab: &'a Tab,
    direct: Option<RefCell<Direct>>,
}

pub(crate) struct Direct {
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// The socket failed (not a DevTools error): the connection is not usable again.
    pub(crate) broken: bool,
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

    /// Our own connection to another target of the tab's browser (an out-of-process
    /// frame's, by its target id); none without a debugging port: such a target has no
    /// tab to fall back on.
    pub fn open_target(tab: &'a Tab, target_id: &str) -> Option<Conn<'a>> {
        let port = debugging_port(tab)?;
        let direct = connect_url(&format!("ws://127.0.0.1:{port}/devtools/page/{target_id}"))?;
        Some(Conn {
            tab,
            direct: Some(RefCell::new(direct)),
        })
    }

    /// Calls through the tab's own transport (for what must outlive our connection, such
    /// as scripts added for new documents).
    pub fn through_tab(tab: &'a Tab) -> Conn<'a> {
        Conn { tab, direct: None }
    }

    pub fn is_direct(&self) -> bool {
        self.direct.is_some()
    }

    /// How long a call over our own connection may wait for its answer from now on
    /// ([`CALL_TIMEOUT`] unless set); an answer that comes later is skipped as stale.
    pub fn set_call_timeout(&self, timeout: Duration) {
        if let Some(direct) = &self.direct
            && let MaybeTlsStream::Plain(stream) = direct.borrow_mut().socket.get_mut()
        {
            // Zero would mean "no timeout".
            let _ = stream.set_read_timeout(Some(timeout.max(Duration::from_millis(1))));
        }
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
    connect_url(&format!(
        "ws://127.0.0.1:{port}/devtools/page/{}",
        tab.get_target_id()
    ))
}

/// A connection of our own to any DevTools endpoint (a page's, or the browser's own for
/// browser contexts, see `context.rs`).
pub(crate) fn connect_url(url: &str) -> Option<Direct> {
    // No message size limit: the peer is the browser we launched, on loopback, and one
    // answer holds a whole page (a 50,000-element page's DOM snapshot is ~24 MB, over
    // tungstenite's 16 MiB frame default; a 200,000-element page's ~100 MB). headless_chrome
    // lifts the limit on its connection for the same reason.
    let config = WebSocketConfig::default()
        .max_message_size(None)
        .max_frame_size(None);
    let (mut socket, _) = tungstenite::client::connect_with_config(url, Some(config), 3).ok()?;
    if let MaybeTlsStream::Plain(stream) = socket.get_mut() {
        stream.set_read_timeout(Some(CALL_TIMEOUT)).ok()?;
        stream.set_nodelay(true).ok()?;
    }
    Some(Direct {
        socket,
        next_id: 1,
        broken: false,
    })
}

impl Direct {
    pub(crate) fn call(&mut self, name: &str, params: Value) -> Result<Value, String> {
        self.call_as(name, params)
    }

    /// Calls `name` and reads its result straight into `T`: a whole page's snapshot is not
    /// held twice (as a JSON tree and then as `T`).
    pub(crate) fn call_as<T: DeserializeOwned>(
        &mut self,
        name: &str,
        params: Value,
    ) -> Result<T, String> {
        let id = self.next_id;
        self.next_id += 1;
        let message = json!({"id": id, "method": name, "params": params}).to_string();
        let broken = |e: tungstenite::Error, broken: &mut bool| {
            *broken = true;
            e.to_string()
        };
        self.socket
            .send(tungstenite::Message::text(message))
            .map_err(|e| broken(e, &mut self.broken))?;
        loop {
            let message = self
                .socket
                .read()
                .map_err(|e| broken(e, &mut self.broken))?;
            let tungstenite::Message::Text(text) = message else {
                continue;
            };
            // Events (none asked for) and stale replies are skipped; reading the id alone
            // skips the rest of the message without building it.
            let head: ReplyId = serde_json::from_str(text.as_str()).map_err(|e| e.to_string())?;
            if head.id != Some(id) {
                continue;
            }
            let parse = std::time::Instant::now();
            let reply = read_reply(text.as_str());
            // Part of the call's time in the profile, also shown apart: Chromium's time
            // and ours to read its answer are different costs.
            if crate::profile::enabled() {
                crate::profile::record(
                    "local",
                    &format!("parsing {name}'s reply"),
                    parse.elapsed(),
                );
            }
            return reply;
        }
    }
}

impl Direct {
    /// Sends one call of `name` per parameter set at once, then reads the replies, in
    /// whatever order they come: one round trip instead of one per call. For calls that
    /// do not depend on each other (hit tests of one rendering).
    fn call_all(&mut self, name: &str, params: Vec<Value>) -> Vec<Result<Value, String>> {
        let first = self.next_id;
        let count = params.len() as u64;
        let mut out: Vec<Option<Result<Value, String>>> = (0..count).map(|_| None).collect();
        for p in params {
            let id = self.next_id;
            self.next_id += 1;
            let message = json!({"id": id, "method": name, "params": p}).to_string();
            if let Err(e) = self.socket.send(tungstenite::Message::text(message)) {
                self.broken = true;
                let e = e.to_string();
                return out.into_iter().map(|_| Err(e.clone())).collect();
            }
        }
        let mut left = out.len();
        while left > 0 {
            let text = match self.socket.read() {
                Ok(tungstenite::Message::Text(text)) => text,
                Ok(_) => continue,
                Err(e) => {
                    self.broken = true;
                    let e = e.to_string();
                    return out
                        .into_iter()
                        .map(|r| r.unwrap_or_else(|| Err(e.clone())))
                        .collect();
                }
            };
            let Ok(head) = serde_json::from_str::<ReplyId>(text.as_str()) else {
                continue;
            };
            let Some(index) = head
                .id
                .filter(|id| (first..first + count).contains(id))
                .map(|id| (id - first) as usize)
                .filter(|&i| out[i].is_none())
            else {
                continue; // an event or a stale reply
            };
            out[index] = Some(read_reply(text.as_str()));
            left -= 1;
        }
        out.into_iter()
            .map(|r| r.unwrap_or(Ok(Value::Null)))
            .collect()
    }
}

/// Calls `M` once per element of `methods`, all sent before any reply is read over our
/// own connection (one round trip); one after another through the tab's transport.
/// Results are in the order of `methods`; `what` names the step in errors and the profile.
pub(crate) fn call_all<M>(
    cx: &Conn,
    what: &str,
    methods: Vec<M>,
) -> Vec<Result<Value, BrowserError>>
where
    M: Method<ReturnObject = Value> + Serialize + std::fmt::Debug,
{
    let start = std::time::Instant::now();
    let results = match &cx.direct {
        Some(direct) => {
            let params: Result<Vec<Value>, _> = methods.iter().map(serde_json::to_value).collect();
            match params {
                Ok(params) => direct
                    .borrow_mut()
                    .call_all(M::NAME, params)
                    .into_iter()
                    .map(|r| r.map_err(|e| BrowserError::protocol(what, e)))
                    .collect(),
                Err(e) => {
                    let e = e.to_string();
                    methods
                        .iter()
                        .map(|_| Err(BrowserError::protocol(what, &e)))
                        .collect()
                }
            }
        }
        None => methods
            .into_iter()
            .map(|m| call_untimed(cx, what, m))
            .collect(),
    };
    crate::profile::record(M::NAME, what, start.elapsed());
    results
}

/// A reply's result, or its DevTools error message. A reply without a result reads as
/// JSON `null` (methods that return nothing).
fn read_reply<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let reply: Reply<T> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if let Some(error) = reply.error {
        return Err(error.message.unwrap_or_else(|| "error".to_string()));
    }
    match reply.result {
        Some(result) => Ok(result),
        None => serde_json::from_value(Value::Null).map_err(|e| e.to_string()),
    }
}

#[derive(Deserialize)]
struct ReplyId {
    id: Option<u64>,
}

#[derive(Deserialize)]
struct Reply<T> {
    result: Option<T>,
    error: Option<ReplyError>,
}

#[derive(Deserialize)]
struct ReplyError {
    message: Option<String>,
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
    let start = std::time::Instant::now();
    let result = call_untimed(cx, what, method);
    crate::profile::record(M::NAME, what, start.elapsed());
    result
}

fn call_untimed<M>(cx: &Conn, what: &str, method: M) -> Result<Value, BrowserError>
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

/// Calls a typed method (parameters serialized, result deserialized) over the connection:
/// ours when open, else the tab's.
pub(crate) fn call_typed<M>(
    cx: &Conn,
    what: &str,
    method: M,
) -> Result<M::ReturnObject, BrowserError>
where
    M: Method + Serialize + std::fmt::Debug,
{
    let start = std::time::Instant::now();
    let result = call_typed_untimed(cx, what, method);
    crate::profile::record(M::NAME, what, start.elapsed());
    result
}

fn call_typed_untimed<M>(cx: &Conn, what: &str, method: M) -> Result<M::ReturnObject, BrowserError>
where
    M: Method + Serialize + std::fmt::Debug,
{
    match &cx.direct {
        Some(direct) => {
            let params =
                serde_json::to_value(&method).map_err(|e| BrowserError::protocol(what, e))?;
            direct
                .borrow_mut()
                .call_as(M::NAME, params)
                .map_err(|e| BrowserError::protocol(what, e))
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
