//! Every request a page makes, with the headers it really carried, its response, and the
//! console, recorded from DevTools events while the page loads.
//!
//! Chromium reports a request in pieces that arrive in any order on headless_chrome's event
//! thread: `requestWillBeSent` (URL, method, type, most headers — `Referer` included),
//! `requestWillBeSentExtraInfo` (the headers as sent, `Cookie` included), `responseReceived`
//! and `responseReceivedExtraInfo` (the raw headers, `Set-Cookie` included). A redirect reuses
//! the request id: each hop is its own entry, and the n-th extra-info event of an id belongs
//! to its n-th hop.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::types::Event;
use portalscan_core::snapshot::{ConsoleMessage, Header, HttpResponse, Request};
use serde_json::{Value, json};

use super::console;
use super::fields::{self, str_of};
use crate::BrowserError;
use crate::cdp;

/// Response bodies are kept only for the page's own JSON API calls (what
/// `phi-response-no-store` reads), at most this many per page ...
pub const MAX_BODIES: usize = 50;
/// ... each cut to this many bytes.
pub const MAX_BODY: usize = 256 * 1024;
/// Request bodies (form posts, API calls) are cut to this many bytes.
pub const MAX_REQUEST_BODY: usize = 64 * 1024;
/// Console messages kept per page.
pub const MAX_CONSOLE: usize = 1000;

/// One hop of a request: a redirect ends a hop and starts the next under the same id.
#[derive(Debug, Default)]
struct Hop {
    id: String,
    request: Request,
    frame: Option<String>,
    mime: String,
    has_post_data: bool,
    finished: bool,
}

/// What the listener has seen so far.
#[derive(Debug, Default)]
pub(crate) struct State {
    hops: Vec<Hop>,
    by_id: HashMap<String, Vec<usize>>,
    request_extra: HashMap<String, Vec<Vec<Header>>>,
    response_extra: HashMap<String, Vec<Vec<Header>>>,
    console: Vec<ConsoleMessage>,
}

impl State {
    /// Feeds one DevTools event (method name and params as JSON).
    pub(crate) fn on_event(&mut self, method: &str, p: &Value) {
        match method {
            "Network.requestWillBeSent" => self.request_will_be_sent(p),
            "Network.requestWillBeSentExtraInfo" => {
                if let Some(id) = str_of(p, "requestId") {
                    let headers = fields::headers(p.get("headers").unwrap_or(&Value::Null));
                    self.request_extra
                        .entry(id.into())
                        .or_default()
                        .push(headers);
                }
            }
            "Network.responseReceived" => {
                let Some(hop) = self.last_hop(p) else { return };
                let response = p.get("response").unwrap_or(&Value::Null);
                fill_response(&mut hop.request, response);
                hop.mime = str_of(response, "mimeType")
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if let Some(kind) = str_of(p, "type") {
                    hop.request.resource_type = kind.to_ascii_lowercase();
                }
            }
            "Network.responseReceivedExtraInfo" => {
                if let Some(id) = str_of(p, "requestId") {
                    let headers = fields::headers(p.get("headers").unwrap_or(&Value::Null));
                    self.response_extra
                        .entry(id.into())
                        .or_default()
                        .push(headers);
                }
            }
            "Network.loadingFinished" => {
                if let Some(hop) = self.last_hop(p) {
                    hop.finished = true;
                }
            }
            "Runtime.consoleAPICalled" => {
                let args = p.get("args").and_then(Value::as_array);
                let text = console::format_args(args.map(Vec::as_slice).unwrap_or(&[]));
                let level = console::level_of_api(str_of(p, "type").unwrap_or("log"));
                self.console_message(level, text);
            }
            "Runtime.exceptionThrown" => {
                let details = p.get("exceptionDetails").unwrap_or(&Value::Null);
                let text = details
                    .get("exception")
                    .and_then(|e| str_of(e, "description"))
                    .or_else(|| str_of(details, "text"))
                    .unwrap_or("Uncaught exception");
                self.console_message("error", fields::truncate(text.into(), console::MAX_MESSAGE));
            }
            "Log.entryAdded" => {
                let entry = p.get("entry").unwrap_or(&Value::Null);
                let level = console::level_of_log(str_of(entry, "level").unwrap_or("info"));
                let text = str_of(entry, "text").unwrap_or("").to_string();
                self.console_message(level, fields::truncate(text, console::MAX_MESSAGE));
            }
            _ => {}
        }
    }

    fn console_message(&mut self, level: &str, text: String) {
        if self.console.len() < MAX_CONSOLE {
            self.console.push(ConsoleMessage {
                level: level.into(),
                text,
            });
        }
    }

    fn request_will_be_sent(&mut self, p: &Value) {
        let Some(id) = str_of(p, "requestId") else {
            return;
        };
        let request = p.get("request").unwrap_or(&Value::Null);
        let url = str_of(request, "url").unwrap_or("");
        // Inline data is not a request to anyone.
        if url.starts_with("data:") {
            return;
        }
        if let Some(redirect) = p.get("redirectResponse").filter(|r| r.is_object())
            && let Some(previous) = self.by_id.get(id).and_then(|h| h.last()).copied()
        {
            fill_response(&mut self.hops[previous].request, redirect);
            self.hops[previous].finished = true;
        }
        let mut url = url.to_string();
        if let Some(fragment) = str_of(request, "urlFragment") {
            url.push_str(fragment);
        }
        let post = str_of(request, "postData");
        let hop = Hop {
            id: id.into(),
            request: Request {
                url,
                method: str_of(request, "method").unwrap_or("GET").into(),
                resource_type: str_of(p, "type").unwrap_or("other").to_ascii_lowercase(),
                request_headers: fields::headers(request.get("headers").unwrap_or(&Value::Null)),
                request_body: post.map(|b| fields::truncate(b.into(), MAX_REQUEST_BODY)),
                ..Request::default()
            },
            frame: str_of(p, "frameId").map(String::from),
            has_post_data: post.is_none()
                && request.get("hasPostData").and_then(Value::as_bool) == Some(true),
            ..Hop::default()
        };
        self.by_id
            .entry(id.into())
            .or_default()
            .push(self.hops.len());
        self.hops.push(hop);
    }

    fn last_hop(&mut self, p: &Value) -> Option<&mut Hop> {
        let index = *self.by_id.get(str_of(p, "requestId")?)?.last()?;
        self.hops.get_mut(index)
    }

    /// The requests in order, with the extra-info headers merged in.
    fn requests(&self) -> Vec<(Request, &Hop)> {
        let mut out = Vec::with_capacity(self.hops.len());
        let mut nth: HashMap<&str, usize> = HashMap::new();
        let mut nth_response: HashMap<&str, usize> = HashMap::new();
        for hop in &self.hops {
            let mut request = hop.request.clone();
            let n = nth.entry(&hop.id).or_default();
            if let Some(sent) = self.request_extra.get(&hop.id).and_then(|v| v.get(*n)) {
                request.request_headers = merge(sent, &request.request_headers);
            }
            *n += 1;
            if request.status.is_some() {
                let n = nth_response.entry(&hop.id).or_default();
                if let Some(raw) = self.response_extra.get(&hop.id).and_then(|v| v.get(*n)) {
                    request.response_headers = merge(raw, &request.response_headers);
                }
                *n += 1;
            }
            out.push((request, hop));
        }
        out
    }
}

fn fill_response(request: &mut Request, response: &Value) {
    request.status = response
        .get("status")
        .and_then(Value::as_u64)
        .and_then(|s| u16::try_from(s).ok());
    request.response_headers = fields::headers(response.get("headers").unwrap_or(&Value::Null));
}

/// `primary` (the headers as on the wire) plus any of `secondary` it lacks.
fn merge(primary: &[Header], secondary: &[Header]) -> Vec<Header> {
    let mut out = primary.to_vec();
    for h in secondary {
        if !primary.iter().any(|p| p.name.eq_ignore_ascii_case(&h.name)) {
            out.push(h.clone());
        }
    }
    out
}

/// What [`Collector::finish`] returns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Collected {
    /// The main document's response: the last main-frame document response for the page's
    /// URL (or, after a client-side route change, the last main-frame document response).
    pub response: Option<HttpResponse>,
    pub requests: Vec<Request>,
    pub console: Vec<ConsoleMessage>,
}

type Listener = dyn headless_chrome::browser::tab::EventListener<Event> + Send + Sync;

/// Records a tab's requests, responses and console messages from the moment it is
/// attached. Attach before navigating; dropping it stops the recording.
pub struct Collector {
    tab: Arc<Tab>,
    state: Arc<Mutex<State>>,
    listener: Weak<Listener>,
    /// [`Collector::detach`] turns the Log domain off in its own thread.
    log_off_elsewhere: bool,
}

impl Collector {
    /// Subscribes to the tab's events and enables the Network, Runtime and Log domains,
    /// unless `enabled` says [`Collector::enable_domains`] already did on this tab (a tab
    /// opened ahead of its visit does it while another page is visited).
    pub fn attach(tab: &Arc<Tab>, enabled: bool) -> Result<Collector, BrowserError> {
        let state = Arc::new(Mutex::new(State::default()));
        let sink = Arc::clone(&state);
        // Runs on headless_chrome's event thread: record only, never call the browser.
        let listener: Arc<Listener> = Arc::new(move |event: &Event| {
            if let Some((method, params)) = event_json(event)
                && let Ok(mut state) = sink.lock()
            {
                state.on_event(method, &params);
            }
        });
        let listener = tab
            .add_event_listener(listener)
            .map_err(|e| BrowserError::protocol("subscribing to page events", e))?;
        let collector = Collector {
            tab: Arc::clone(tab),
            state,
            listener,
            log_off_elsewhere: false,
        };
        if !enabled {
            Collector::enable_domains(tab)?;
        }
        Ok(collector)
    }

    /// Enables the domains whose events a collector records, on the tab's own session.
    pub fn enable_domains(tab: &Tab) -> Result<(), BrowserError> {
        // Events go to the session that enabled the domain: the tab's own. Chromium's
        // defaults keep 100 MB of bodies per page, 10 MB per resource. The three calls are
        // made at once: each waits up to ~100 ms for headless_chrome's transport (cdp.rs),
        // and waiting in parallel costs one wait, not three (measured by crawl-bench's
        // profile: 413 ms a page one after another).
        std::thread::scope(|s| {
            let network = s.spawn(|| {
                enable(
                    tab,
                    "enabling the Network domain",
                    cdp::NetworkEnable(json!({})),
                )
            });
            let runtime = s.spawn(|| {
                enable(
                    tab,
                    "enabling the Runtime domain",
                    cdp::RuntimeEnable(json!({})),
                )
            });
            let log = enable(tab, "enabling the Log domain", cdp::LogEnable(json!({})));
            let joined = |h: std::thread::ScopedJoinHandle<'_, Result<Value, BrowserError>>| {
                h.join().unwrap_or_else(|_| {
                    Err(BrowserError::Protocol("enabling a domain: panicked".into()))
                })
            };
            joined(network)?;
            joined(runtime)?;
            log
        })?;
        Ok(())
    }

    /// Stops listening and turns the Log domain off in the background (another ~100 ms
    /// call through the tab's transport), so the visit goes on meanwhile; the next
    /// [`Collector::attach`] on the tab must wait for the returned handle first, or its
    /// Log.enable could be undone.
    pub fn detach(mut self) -> std::thread::JoinHandle<()> {
        self.log_off_elsewhere = true;
        let tab = Arc::clone(&self.tab);
        std::thread::spawn(move || disable_log(&tab))
    }

    /// What was recorded so far. `page_url` is the page's final URL; it picks the main
    /// document's response and the origin whose JSON API response bodies are fetched.
    pub fn finish(&self, page_url: &str) -> Collected {
        let (mut requests, bodies, posts, console) = {
            let state = self.state.lock().unwrap_or_else(|e| e.into_inner());
            let main_frame = self.tab.get_target_id().clone();
            let page_origin = fields::origin(page_url);
            let mut requests = Vec::new();
            let mut bodies = Vec::new();
            let mut posts = Vec::new();
            for (i, (request, hop)) in state.requests().into_iter().enumerate() {
                let api = matches!(request.resource_type.as_str(), "xhr" | "fetch");
                if api
                    && hop.finished
                    && hop.mime.contains("json")
                    && request.status.is_some_and(|s| !(300..400).contains(&s))
                    && page_origin.is_some()
                    && fields::origin(&request.url) == page_origin
                    && bodies.len() < MAX_BODIES
                {
                    bodies.push((i, hop.id.clone()));
                }
                if hop.has_post_data {
                    posts.push((i, hop.id.clone()));
                }
                let main = hop.frame.as_deref() == Some(main_frame.as_str());
                requests.push((request, main));
            }
            (requests, bodies, posts, state.console.clone())
        };
        for (i, id) in bodies {
            requests[i].0.response_body = self.response_body(&id);
        }
        for (i, id) in posts {
            let data = cdp::call(
                &cdp::Conn::through_tab(&self.tab),
                "reading a request body",
                cdp::GetRequestPostData(json!({ "requestId": id })),
            );
            if let Ok(Some(body)) = data.as_ref().map(|d| str_of(d, "postData")) {
                requests[i].0.request_body = Some(fields::truncate(body.into(), MAX_REQUEST_BODY));
            }
        }
        let response = main_response(&requests, page_url);
        Collected {
            response,
            requests: requests.into_iter().map(|(r, _)| r).collect(),
            console,
        }
    }

    /// A response body as text, if Chromium still has it and it is text.
    fn response_body(&self, id: &str) -> Option<String> {
        let body = cdp::call(
            &cdp::Conn::through_tab(&self.tab),
            "reading a response body",
            cdp::GetResponseBody(json!({ "requestId": id })),
        )
        .ok()?;
        let text = str_of(&body, "body")?;
        if body.get("base64Encoded").and_then(Value::as_bool) == Some(true) {
            use base64::Engine;
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text)
                .ok()?;
            let text = String::from_utf8(bytes).ok()?;
            return Some(fields::truncate(text, MAX_BODY));
        }
        Some(fields::truncate(text.into(), MAX_BODY))
    }
}

impl Drop for Collector {
    fn drop(&mut self) {
        let _ = self.tab.remove_event_listener(&self.listener);
        if !self.log_off_elsewhere {
            disable_log(&self.tab);
        }
    }
}

/// Enables one domain on the tab's own session (events go to the session that asked).
fn enable<M>(tab: &Tab, what: &str, method: M) -> Result<Value, BrowserError>
where
    M: headless_chrome::protocol::cdp::types::Method<ReturnObject = Value>
        + serde::Serialize
        + std::fmt::Debug,
{
    cdp::call(&cdp::Conn::through_tab(tab), what, method)
}

/// Network and Runtime stay enabled: the page's settle wait and other parts of the
/// front-end share the tab and rely on them; the next visit's collector needs them too.
fn disable_log(tab: &Tab) {
    let _ = cdp::call(
        &cdp::Conn::through_tab(tab),
        "disabling the Log domain",
        cdp::LogDisable(json!({})),
    );
}

/// The main document's response among `(request, in main frame)` pairs.
fn main_response(requests: &[(Request, bool)], page_url: &str) -> Option<HttpResponse> {
    let documents = || {
        requests
            .iter()
            .rev()
            .filter(|(r, main)| *main && r.resource_type == "document" && r.status.is_some())
    };
    let wanted = without_fragment(page_url);
    documents()
        .find(|(r, _)| without_fragment(&r.url) == wanted)
        .or_else(|| documents().next())
        .map(|(r, _)| HttpResponse {
            status: r.status.unwrap_or_default(),
            headers: r.response_headers.clone(),
        })
}

fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

/// The method name and params (as DevTools sends them) of the events the collector reads.
fn event_json(event: &Event) -> Option<(&'static str, Value)> {
    let to = |v: Result<Value, serde_json::Error>| v.ok();
    Some(match event {
        Event::NetworkRequestWillBeSent(e) => (
            "Network.requestWillBeSent",
            to(serde_json::to_value(&e.params))?,
        ),
        Event::NetworkRequestWillBeSentExtraInfo(e) => (
            "Network.requestWillBeSentExtraInfo",
            to(serde_json::to_value(&e.params))?,
        ),
        Event::NetworkResponseReceived(e) => (
            "Network.responseReceived",
            to(serde_json::to_value(&e.params))?,
        ),
        Event::NetworkResponseReceivedExtraInfo(e) => (
            "Network.responseReceivedExtraInfo",
            to(serde_json::to_value(&e.params))?,
        ),
        Event::NetworkLoadingFinished(e) => (
            "Network.loadingFinished",
            to(serde_json::to_value(&e.params))?,
        ),
        Event::RuntimeConsoleAPICalled(e) => (
            "Runtime.consoleAPICalled",
            to(serde_json::to_value(&e.params))?,
        ),
        Event::RuntimeExceptionThrown(e) => (
            "Runtime.exceptionThrown",
            to(serde_json::to_value(&e.params))?,
        ),
        Event::LogEntryAdded(e) => ("Log.entryAdded", to(serde_json::to_value(&e.params))?),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(state: &mut State, events: &[(&str, Value)]) {
        for (method, params) in events {
            state.on_event(method, params);
        }
    }

    #[test]
    fn redirects_are_hops_and_extra_info_merges_in_order() {
        let mut s = State::default();
        feed(
            &mut s,
            &[
                // Extra info may come before the event it belongs to.
                (
                    "Network.requestWillBeSentExtraInfo",
                    json!({"requestId": "1", "headers": {"Cookie": "sid=1", "Host": "a"}}),
                ),
                (
                    "Network.requestWillBeSent",
                    json!({"requestId": "1", "type": "Document", "frameId": "F",
                "request": {"url": "http://a/login", "method": "POST", "headers": {"Referer": "http://a/"}, "postData": "u=1"}}),
                ),
                (
                    "Network.responseReceivedExtraInfo",
                    json!({"requestId": "1", "headers": {"Location": "/home", "Set-Cookie": "sid=2; HttpOnly\nx=1"}}),
                ),
                (
                    "Network.requestWillBeSent",
                    json!({"requestId": "1", "type": "Document", "frameId": "F",
                "request": {"url": "http://a/home", "method": "GET", "headers": {}},
                "redirectResponse": {"status": 302, "headers": {"Location": "/home"}}}),
                ),
                (
                    "Network.requestWillBeSentExtraInfo",
                    json!({"requestId": "1", "headers": {"Referer": "http://a/login"}}),
                ),
                (
                    "Network.responseReceived",
                    json!({"requestId": "1", "type": "Document",
                "response": {"url": "http://a/home", "status": 200, "mimeType": "text/html", "headers": {"Cache-Control": "no-store"}}}),
                ),
                ("Network.loadingFinished", json!({"requestId": "1"})),
                (
                    "Network.requestWillBeSent",
                    json!({"requestId": "2", "type": "Image", "frameId": "F",
                "request": {"url": "data:image/gif;base64,R0lG", "method": "GET", "headers": {}}}),
                ),
                (
                    "Runtime.consoleAPICalled",
                    json!({"type": "warning", "args": [{"type": "string", "value": "careful"}]}),
                ),
                (
                    "Log.entryAdded",
                    json!({"entry": {"level": "error", "text": "Failed to load resource"}}),
                ),
            ],
        );
        let requests: Vec<Request> = s.requests().into_iter().map(|(r, _)| r).collect();
        assert_eq!(requests.len(), 2, "the data: URL is not a request");
        let login = &requests[0];
        assert_eq!(
            (login.url.as_str(), login.method.as_str(), login.status),
            ("http://a/login", "POST", Some(302))
        );
        assert_eq!(login.request_body.as_deref(), Some("u=1"));
        let names: Vec<&str> = login
            .request_headers
            .iter()
            .map(|h| h.name.as_str())
            .collect();
        assert_eq!(names, ["Cookie", "Host", "Referer"]);
        let set_cookies: Vec<&str> = login
            .response_headers
            .iter()
            .filter(|h| h.name == "Set-Cookie")
            .map(|h| h.value.as_str())
            .collect();
        assert_eq!(set_cookies, ["sid=2; HttpOnly", "x=1"]);
        let home = &requests[1];
        assert_eq!(
            (home.url.as_str(), home.status),
            ("http://a/home", Some(200))
        );
        assert_eq!(home.request_headers[0].value, "http://a/login");
        assert_eq!(
            home.response_headers[0].name, "Cache-Control",
            "no extra info for this hop: the basic headers"
        );
        assert_eq!(
            s.console,
            [
                ConsoleMessage {
                    level: "warning".into(),
                    text: "careful".into()
                },
                ConsoleMessage {
                    level: "error".into(),
                    text: "Failed to load resource".into()
                },
            ]
        );
        let pairs: Vec<(Request, bool)> = requests.into_iter().map(|r| (r, true)).collect();
        let main = main_response(&pairs, "http://a/home#top").unwrap();
        assert_eq!(main.status, 200);
        // After a client-side route change the document response still counts.
        assert_eq!(main_response(&pairs, "http://a/other").unwrap().status, 200);
        let in_frame: Vec<(Request, bool)> = pairs.into_iter().map(|(r, _)| (r, false)).collect();
        assert_eq!(
            main_response(&in_frame, "http://a/home"),
            None,
            "frames are not the page"
        );
    }
}
