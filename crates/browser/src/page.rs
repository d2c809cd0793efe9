//! One tab: visit a URL, wait until the page settles, and turn it into a snapshot.
//!
//! `visit` navigates (a network error such as a refused connection is a
//! [`BrowserError::Navigation`]; an HTTP 4xx/5xx answer is a page like any other, with its
//! status in `snapshot.response`), waits for the load event, then for the page to settle:
//! no request in flight and no DOM mutation (shadow trees included) for `settle`, all within
//! `timeout`. A page that never goes quiet (polling, animations) is captured when the time
//! is up. Then it captures the DOM, styles and layout in one protocol call and collects
//! the page's links from the captured tree (so links inside closed shadow roots count).

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use headless_chrome::Tab;
use headless_chrome::browser::tab::EventListener;
use headless_chrome::protocol::cdp::types::{Event, Method};
use portalscan_core::Snapshot;
use portalscan_core::dom::{Dom, Namespace};
use portalscan_core::snapshot::{Header, HttpResponse};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::capture;
use crate::cdp::{self, Conn, call_typed};
use crate::collect::{self, Collector};
use crate::context::BrowserContext;
use crate::keyboard::{self, WalkOptions};
use crate::launch::Liveness;
use crate::{BrowserError, NodeMap};

#[derive(Clone, Debug, PartialEq)]
pub struct VisitOptions {
    /// Longest a visit may take from navigation to a settled page.
    pub timeout: Duration,
    /// How long the page must stay quiet (no requests, no DOM changes) to count as settled.
    pub settle: Duration,
    /// Walk the page with real Tab key presses (focus order, traps, focus indicators).
    pub tab_walk: bool,
    /// The most Tab presses a walk may make.
    pub max_tab_presses: u32,
}

impl Default for VisitOptions {
    fn default() -> Self {
        VisitOptions {
            timeout: Duration::from_secs(30),
            settle: Duration::from_millis(500),
            tab_walk: true,
            max_tab_presses: 300,
        }
    }
}

/// One visited page.
#[derive(Clone, Debug)]
pub struct Visit {
    pub snapshot: Snapshot,
    pub node_map: NodeMap,
    /// The document's URL once loaded (after redirects and client-side routing).
    pub final_url: String,
    /// Absolute URLs of the page's links (`a[href]`, `area[href]`, SVG `a`), shadow trees
    /// included, resolved against the document's base URL; in document order, no repeats.
    pub links: Vec<String>,
    pub timings: Timings,
    /// Whether the page's load event came before it was captured. When it did not (a
    /// frame, image or script still loading at the deadline), the page was captured as it
    /// was after DOMContentLoaded, and a warning says so.
    pub load_finished: bool,
    /// Facts the browser could not give (left `None` in the snapshot), one line each:
    /// the step and the error, never page content (`the Tab walk failed: …`).
    pub warnings: Vec<String>,
}

/// Where a visit's time went.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timings {
    /// Navigation until the load event.
    pub navigate: Duration,
    /// Load event until the page was quiet (or the time was up).
    pub settle: Duration,
    /// Capturing DOM, styles, layout and the page's other facts.
    pub snapshot: Duration,
    pub tab_walk: Duration,
}

/// How far the current visit got: read by a watchdog on another thread, which allows
/// `timeout` for loading and settling and then a budget of its own for the browser's work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// No visit yet.
    Idle,
    /// Navigating, waiting for the load event and for the page to settle.
    Loading,
    /// The page settled at this instant; capturing it, collecting its facts, the Tab walk.
    Working(Instant),
}

/// A browser tab. Closed when dropped.
pub struct Page {
    tab: Arc<Tab>,
    liveness: Liveness,
    tracker: Arc<Tracker>,
    stage: Mutex<Stage>,
    listener: Weak<dyn EventListener<Event> + Send + Sync>,
    /// The page's own browser context, disposed (tab and all) with the page.
    context: Option<BrowserContext>,
    /// The last visit's collector turning the Log domain off in the background; the next
    /// visit waits for it before turning it on again.
    log_off: Mutex<Option<std::thread::JoinHandle<()>>>,
    /// [`Page::prepare_collection`] enabled the collector's domains, and no visit has
    /// turned the Log domain off since.
    collection_ready: std::sync::atomic::AtomicBool,
}

impl Page {
    pub(crate) fn new(tab: Arc<Tab>, liveness: Liveness) -> Result<Page, BrowserError> {
        let tracker = Arc::new(Tracker::default());
        let events = Arc::clone(&tracker);
        let listener = tab
            .add_event_listener(Arc::new(move |event: &Event| events.on_event(event)))
            .map_err(|e| liveness.classify("listening to the tab", e))?;
        let page = Page {
            tab,
            liveness,
            tracker,
            stage: Mutex::new(Stage::Idle),
            listener,
            context: None,
            log_off: Mutex::new(None),
            collection_ready: std::sync::atomic::AtomicBool::new(false),
        };
        // Both run before the page's own scripts in every document this tab loads.
        page.call(
            AddScript {
                source: SETTLE_SCRIPT,
            },
            "installing the mutation observer",
        )?;
        keyboard::install_pointer_hook(&page.tab).map_err(|e| page.recheck(e))?;
        Ok(page)
    }

    /// A page in a browser context of its own (see `Browser::new_isolated_page`).
    pub(crate) fn in_context(
        tab: Arc<Tab>,
        liveness: Liveness,
        context: BrowserContext,
    ) -> Result<Page, BrowserError> {
        let mut page = Page::new(tab, liveness)?;
        page.context = Some(context);
        Ok(page)
    }

    pub fn tab(&self) -> &Arc<Tab> {
        &self.tab
    }

    /// The page's own browser context, if it has one.
    pub fn context(&self) -> Option<&BrowserContext> {
        self.context.as_ref()
    }

    /// How far the current (or last) visit got.
    pub fn stage(&self) -> Stage {
        *self.stage.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn set_stage(&self, stage: Stage) {
        *self.stage.lock().unwrap_or_else(|p| p.into_inner()) = stage;
    }

    fn call<C>(&self, method: C, step: &str) -> Result<C::ReturnObject, BrowserError>
    where
        C: Method + Serialize + std::fmt::Debug,
    {
        self.tab
            .call_method(method)
            .map_err(|e| self.liveness.classify(step, e))
    }

    fn check_alive(&self) -> Result<(), BrowserError> {
        if self.tracker.state().crashed {
            return Err(BrowserError::Crashed("the page's renderer crashed".into()));
        }
        if !self.liveness.process_running() {
            return Err(BrowserError::Crashed("Chromium is not running".into()));
        }
        Ok(())
    }

    /// Enables the domains the next visit's collector records (Network, Runtime, Log) now,
    /// so a tab opened ahead of its visit does not pay for them during it (~0.2 s a page
    /// through headless_chrome's transport, measured by crawl-bench's profile).
    pub fn prepare_collection(&self) -> Result<(), BrowserError> {
        self.wait_for_log_off();
        Collector::enable_domains(&self.tab).map_err(|e| self.recheck(e))?;
        self.collection_ready
            .store(true, std::sync::atomic::Ordering::SeqCst);
        Ok(())
    }

    /// Waits for the last visit's collector to turn the Log domain off, so enabling it
    /// again is not undone.
    fn wait_for_log_off(&self) {
        let log_off = self
            .log_off
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        if let Some(log_off) = log_off {
            let _ = log_off.join();
        }
    }

    /// Loads `url`, waits for it to settle and snapshots it.
    pub fn visit(&self, url: &str, opts: &VisitOptions) -> Result<Visit, BrowserError> {
        self.set_stage(Stage::Loading);
        self.check_alive()?;
        let start = Instant::now();
        let deadline = start + opts.timeout;
        self.tracker.reset();
        self.wait_for_log_off();
        let ready = self
            .collection_ready
            .swap(false, std::sync::atomic::Ordering::SeqCst);
        let collector = Collector::attach(&self.tab, ready).map_err(|e| self.recheck(e))?;
        // The collector enables the Network domain on the tab's session, whose events the
        // settle tracker reads too (it stays enabled after the collector is dropped).

        // Our own DevTools connection for the calls of this visit: headless_chrome's
        // transport takes ~100 ms a call (see cdp.rs). Domains whose events we
        // listen to are enabled through the tab (events go to the session that asked).
        let conn = Conn::open(&self.tab);
        // Page.navigate answers once the server did: a server that never answers would
        // hold it until the connection's own call timeout.
        conn.set_call_timeout(opts.timeout);
        let nav = call_typed(
            &conn,
            "navigating",
            Navigate {
                url: url.to_string(),
            },
        );
        conn.set_call_timeout(cdp::CALL_TIMEOUT);
        let nav = nav.map_err(|e| match self.recheck(e) {
            BrowserError::Protocol(_) if start.elapsed() >= opts.timeout => {
                // The tab would go on waiting for the server: stop it (best effort).
                let _ = cdp::call(
                    &conn,
                    "stopping the navigation",
                    cdp::StopLoading(json!({})),
                );
                BrowserError::Timeout {
                    url: url.to_string(),
                    step: "navigating".into(),
                }
            }
            other => other,
        })?;
        if let Some(error) = nav.error_text.as_deref().filter(|e| !e.is_empty())
            && !is_http_error_page(error)
        {
            return Err(BrowserError::Navigation {
                url: url.to_string(),
                message: error.to_string(),
            });
        }
        self.tracker.expect(&nav.frame_id, nav.loader_id.as_deref());
        let mut warnings = Vec::new();
        let load_came = self.wait_for_load(url, deadline)?;
        let loaded = Instant::now();
        if !load_came {
            warnings.push(format!(
                "the load event did not come within {} s: the page was captured as it was \
                 after DOMContentLoaded (frames and images still loading are missing)",
                opts.timeout.as_secs()
            ));
        }
        let still_loading = self.wait_for_settle(&conn, opts.settle, deadline)?;
        if load_came && let Some(still_loading) = still_loading {
            warnings.push(format!(
                "the page did not settle within {} s ({still_loading}): captured as it was then",
                opts.timeout.as_secs()
            ));
        }
        let settled = Instant::now();
        self.set_stage(Stage::Working(settled));

        let mut captured = capture::capture(&conn).map_err(|e| self.recheck(e))?;
        // Chromium's XML viewer is not the page: the XML document behind it is, with no
        // layout of its own and nothing of the viewer's to walk or point at.
        let xml_document = capture::xml_viewer::document_behind_viewer(&captured.dom);
        let shows_xml_viewer = xml_document.is_some();
        if let Some(document) = xml_document {
            captured.dom = document;
            captured.node_map = NodeMap::default();
        }
        let final_url = captured
            .document_url
            .clone()
            // Chromium's own error page (an HTTP error with an empty body) is not the URL.
            .filter(|u| !u.starts_with("chrome-error:"))
            .unwrap_or_else(|| url.to_string());
        let base = captured
            .base_url
            .clone()
            .filter(|u| !u.starts_with("chrome-error:"))
            .unwrap_or_else(|| final_url.clone());
        let links = links(&captured.dom, &base);
        let node_map = captured.node_map;
        let mut snapshot = Snapshot::new(final_url.clone(), "chromium", captured.dom);
        // A loaded page: its scripts ran, and Chromium laid it out.
        snapshot.scripts_ran = Some(true);
        snapshot.laid_out = Some(!shows_xml_viewer);
        snapshot.viewport = captured.viewport;

        let collected = collector.finish(&final_url);
        *self.log_off.lock().unwrap_or_else(|e| e.into_inner()) = Some(collector.detach());
        snapshot.response = collected
            .response
            .or_else(|| self.tracker.state().main_response.clone());
        snapshot.requests = Some(collected.requests);
        snapshot.console = Some(collected.console);
        let w = &mut warnings;
        snapshot.cookies = self.known("reading cookies", collect::cookies(&self.tab), w)?;
        let storage = collect::storage(&self.tab, &final_url);
        snapshot.storage = self.known("reading storage", storage, w)?;
        let handlers = keyboard::pointer_handlers(&self.tab, &node_map);
        snapshot.pointer_handlers = self.known("finding pointer listeners", handlers, w)?;
        let modals = keyboard::modal_elements(&self.tab, &node_map);
        for node in self
            .known("finding modal elements", modals, w)?
            .unwrap_or_default()
        {
            snapshot.dom.node_mut(node).modal = true;
        }
        let backdrops = capture::text_backdrop::measure(&conn, &mut snapshot.dom, &node_map);
        self.known("measuring text over images", backdrops, w)?;
        let captured_at = Instant::now();

        if opts.tab_walk && !shows_xml_viewer {
            let walk = WalkOptions {
                max_presses: opts.max_tab_presses,
                ..WalkOptions::default()
            };
            let report = keyboard::tab_walk(&self.tab, &node_map, &walk);
            snapshot.keyboard = self.known("the Tab walk", report, &mut warnings)?;
        }
        let walked = Instant::now();

        Ok(Visit {
            snapshot,
            node_map,
            final_url,
            links,
            timings: Timings {
                navigate: loaded - start,
                settle: settled - loaded,
                snapshot: captured_at - settled,
                tab_walk: walked - captured_at,
            },
            load_finished: load_came,
            warnings,
        })
    }

    /// A fact the browser could not give is unknown (`None`), unless the browser is gone;
    /// why is added to `warnings` (`what` failed: the error, which names the step).
    fn known<T>(
        &self,
        what: &str,
        result: Result<T, BrowserError>,
        warnings: &mut Vec<String>,
    ) -> Result<Option<T>, BrowserError> {
        match result {
            Ok(value) => Ok(Some(value)),
            Err(e) => match self.recheck(e) {
                crashed @ BrowserError::Crashed(_) => Err(crashed),
                other => {
                    warnings.push(format!("{what} failed: {other}"));
                    Ok(None)
                }
            },
        }
    }

    /// A protocol error after the browser died is a crash.
    fn recheck(&self, error: BrowserError) -> BrowserError {
        match self.check_alive() {
            Err(crashed) if !matches!(error, BrowserError::Crashed(_)) => crashed,
            _ => error,
        }
    }

    /// Waits for the navigation's load event: true when it came, false when the deadline
    /// passed after DOMContentLoaded (the page is then captured as it is).
    fn wait_for_load(&self, url: &str, deadline: Instant) -> Result<bool, BrowserError> {
        loop {
            {
                let state = self.tracker.state();
                if state.crashed {
                    return Err(BrowserError::Crashed("the page's renderer crashed".into()));
                }
                if state.loaded() {
                    return Ok(true);
                }
            }
            if Instant::now() >= deadline {
                self.check_alive()?;
                // A parsed document whose load event never came (a subresource that never
                // finishes) is still a page: it is captured as it is.
                if self.tracker.state().reached("DOMContentLoaded") {
                    return Ok(false);
                }
                return Err(BrowserError::Timeout {
                    url: url.to_string(),
                    step: "loading the page".into(),
                });
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until no request is in flight and the DOM has not changed for `settle`, or
    /// until the deadline (a page that never goes quiet is captured as it is then). Returns
    /// what was still going on at the deadline, or `None` when the page settled.
    fn wait_for_settle(
        &self,
        conn: &Conn,
        settle: Duration,
        deadline: Instant,
    ) -> Result<Option<String>, BrowserError> {
        loop {
            let now = Instant::now();
            let (network_quiet, in_flight) = {
                let state = self.tracker.state();
                if state.crashed {
                    return Err(BrowserError::Crashed("the page's renderer crashed".into()));
                }
                let in_flight = state.in_flight.len();
                (
                    in_flight == 0 && now - state.last_network >= settle,
                    in_flight,
                )
            };
            let dom_quiet = network_quiet && self.dom_quiet_for(conn)? >= settle;
            if dom_quiet {
                return Ok(None);
            }
            if now >= deadline {
                return Ok(Some(if in_flight > 0 {
                    format!("{in_flight} request(s) still in flight")
                } else if network_quiet {
                    "its DOM kept changing".to_string()
                } else {
                    "requests kept starting".to_string()
                }));
            }
            std::thread::sleep(POLL.min(deadline - now));
        }
    }

    /// How long ago the DOM last changed, from the observer the settle script installed.
    /// A document without it (Chromium's error pages) counts as quiet.
    fn dom_quiet_for(&self, conn: &Conn) -> Result<Duration, BrowserError> {
        let result = call_typed(
            conn,
            "checking for DOM changes",
            Evaluate {
                expression: "typeof __portalscanQuietMs === 'function' ? __portalscanQuietMs() : -1",
                return_by_value: true,
            },
        )
        .map_err(|e| self.recheck(e))?;
        let ms = result.result.value.and_then(|v| v.as_f64()).unwrap_or(-1.0);
        Ok(if ms < 0.0 {
            Duration::MAX
        } else {
            Duration::from_secs_f64(ms / 1000.0)
        })
    }
}

impl Page {
    /// Closes the tab now, while another thread may still be visiting in it (a watchdog
    /// gave up on that visit): its calls then fail and it ends. Dropping the page later
    /// closes nothing more.
    pub fn close(&self) -> Result<(), BrowserError> {
        self.tab
            .close_target()
            .map(|_| ())
            .map_err(|e| self.liveness.classify("closing the tab", e))
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.tab.remove_event_listener(&self.listener).ok();
        // Disposing the context closes its tab.
        if self.context.take().is_none() && self.liveness.process_running() {
            self.tab.close_target().ok();
        }
    }
}

const POLL: Duration = Duration::from_millis(50);

/// Chromium reports an HTTP error status with an empty body as a failed navigation; it is
/// still a page (with its status), not a network failure.
fn is_http_error_page(error: &str) -> bool {
    error == "net::ERR_HTTP_RESPONSE_CODE_FAILURE"
}

/// Runs before the page's own scripts in every document: records when the DOM last
/// changed, in the document and in every shadow root the page attaches (open or closed).
/// Only a function answering "milliseconds since the last change" is exposed.
/// `attachShadow` is wrapped in a Proxy, so the page sees the same function (name, length,
/// `toString`).
const SETTLE_SCRIPT: &str = r#"(() => {
  if (Object.prototype.hasOwnProperty.call(window, '__portalscanQuietMs')) return;
  let last = performance.now();
  const touch = () => { last = performance.now(); };
  const options = { childList: true, subtree: true, attributes: true, characterData: true };
  const observer = new MutationObserver(touch);
  observer.observe(document, options);
  Element.prototype.attachShadow = new Proxy(Element.prototype.attachShadow, {
    apply(target, self, args) {
      const root = Reflect.apply(target, self, args);
      try { observer.observe(root, options); touch(); } catch (_) {}
      return root;
    }
  });
  Object.defineProperty(window, '__portalscanQuietMs', {
    value: () => performance.now() - last, enumerable: false, writable: false, configurable: false
  });
})();"#;

/// Network and lifecycle events for the current navigation.
#[derive(Default)]
struct Tracker {
    state: Mutex<TrackState>,
}

struct TrackState {
    frame_id: Option<String>,
    /// `Some(None)`: a same-document navigation, which has no loader and no load event.
    loader_id: Option<Option<String>>,
    /// (loader id, lifecycle event name) seen since the navigation started.
    lifecycle: HashSet<(String, String)>,
    in_flight: HashSet<String>,
    last_network: Instant,
    /// Main-frame document responses by loader id.
    documents: HashMap<String, HttpResponse>,
    main_response: Option<HttpResponse>,
    crashed: bool,
}

impl Default for TrackState {
    fn default() -> Self {
        TrackState {
            frame_id: None,
            loader_id: None,
            lifecycle: HashSet::new(),
            in_flight: HashSet::new(),
            last_network: Instant::now(),
            documents: HashMap::new(),
            main_response: None,
            crashed: false,
        }
    }
}

impl TrackState {
    fn loaded(&self) -> bool {
        self.reached("load")
    }

    /// Whether the navigation's document fired this lifecycle event.
    fn reached(&self, event: &str) -> bool {
        match &self.loader_id {
            Some(Some(loader)) => self.lifecycle.contains(&(loader.clone(), event.into())),
            Some(None) => true,
            None => false,
        }
    }
}

impl Tracker {
    fn state(&self) -> std::sync::MutexGuard<'_, TrackState> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn reset(&self) {
        *self.state() = TrackState::default();
    }

    /// The navigation's frame and loader, once `Page.navigate` answered (its events may
    /// have arrived already).
    fn expect(&self, frame_id: &str, loader_id: Option<&str>) {
        let mut state = self.state();
        state.frame_id = Some(frame_id.to_string());
        state.loader_id = Some(loader_id.map(str::to_string));
        if let Some(loader) = loader_id {
            state.main_response = state.documents.get(loader).cloned();
        }
    }

    fn on_event(&self, event: &Event) {
        let mut state = self.state();
        match event {
            Event::NetworkRequestWillBeSent(ev) => {
                let p = &ev.params;
                // Streams never finish; they must not keep a page from settling.
                let streaming = matches!(
                    p.Type,
                    Some(
                        headless_chrome::protocol::cdp::Network::ResourceType::EventSource
                            | headless_chrome::protocol::cdp::Network::ResourceType::WebSocket
                    )
                );
                // A frame's own document: an out-of-process frame's request is announced
                // here but finishes in the frame's own target, never in this session (it
                // would stay "in flight" until the deadline); the page's load event already
                // waits for every frame's document.
                let frame_document = p.Type
                    == Some(headless_chrome::protocol::cdp::Network::ResourceType::Document)
                    && state.frame_id.is_some()
                    && p.frame_id.as_deref() != state.frame_id.as_deref();
                if !streaming && !frame_document {
                    state.in_flight.insert(p.request_id.clone());
                }
                state.last_network = Instant::now();
            }
            Event::NetworkLoadingFinished(ev) => {
                state.in_flight.remove(&ev.params.request_id);
                state.last_network = Instant::now();
            }
            Event::NetworkLoadingFailed(ev) => {
                state.in_flight.remove(&ev.params.request_id);
                state.last_network = Instant::now();
            }
            Event::NetworkResponseReceived(ev) => {
                let p = &ev.params;
                let is_document =
                    p.Type == headless_chrome::protocol::cdp::Network::ResourceType::Document;
                let main_frame =
                    state.frame_id.is_none() || p.frame_id.as_deref() == state.frame_id.as_deref();
                if is_document && main_frame {
                    let response = HttpResponse {
                        status: u16::try_from(p.response.status).unwrap_or(0),
                        headers: headers(&p.response.headers.0),
                    };
                    if matches!(&state.loader_id, Some(Some(l)) if *l == p.loader_id) {
                        state.main_response = Some(response.clone());
                    }
                    state.documents.insert(p.loader_id.clone(), response);
                }
            }
            Event::PageLifecycleEvent(ev) => {
                let p = &ev.params;
                state
                    .lifecycle
                    .insert((p.loader_id.clone(), p.name.clone()));
            }
            Event::InspectorTargetCrashed(_) => state.crashed = true,
            _ => {}
        }
    }
}

/// DevTools headers (a JSON object; repeated headers joined with newlines) as a list.
fn headers(value: &Option<serde_json::Value>) -> Vec<Header> {
    let Some(serde_json::Value::Object(map)) = value else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, value) in map {
        if let Some(value) = value.as_str() {
            for line in value.split('\n') {
                out.push(Header {
                    name: name.clone(),
                    value: line.to_string(),
                });
            }
        }
    }
    out
}

/// Every link target in the document, shadow trees included, resolved against `base`.
/// Only http(s) targets: the others (`mailto:`, `javascript:`, …) are not pages. Links in
/// a frame's document are the frame's, not the page's: they resolve against the frame's
/// own URL, and the crawl follows what the page itself links to.
pub fn links(dom: &Dom, base: &str) -> Vec<String> {
    let base = url::Url::parse(base).ok();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for el in dom.elements() {
        if !dom.in_top_document(el.id) {
            continue;
        }
        let href = match el.namespace() {
            Namespace::Html if matches!(el.name(), "a" | "area") => el.attr("href"),
            Namespace::Svg if el.name() == "a" => el.attr("href").or_else(|| el.attr("xlink:href")),
            _ => None,
        };
        let Some(href) = href else { continue };
        let href = href.trim();
        let resolved = match &base {
            Some(base) => base.join(href),
            None => url::Url::parse(href),
        };
        let Ok(resolved) = resolved else { continue };
        if !matches!(resolved.scheme(), "http" | "https") {
            continue;
        }
        let resolved = resolved.to_string();
        if seen.insert(resolved.clone()) {
            out.push(resolved);
        }
    }
    out
}

// ---- DevTools protocol messages ----

#[derive(Serialize, Debug)]
struct Navigate {
    url: String,
}

#[derive(Deserialize, Debug)]
#[serde(rename_all = "camelCase")]
struct NavigateReturn {
    frame_id: String,
    loader_id: Option<String>,
    error_text: Option<String>,
}

impl Method for Navigate {
    const NAME: &'static str = "Page.navigate";
    type ReturnObject = NavigateReturn;
}

#[derive(Serialize, Debug)]
struct AddScript {
    source: &'static str,
}

impl Method for AddScript {
    const NAME: &'static str = "Page.addScriptToEvaluateOnNewDocument";
    type ReturnObject = serde_json::Value;
}

#[derive(Serialize, Debug)]
#[serde(rename_all = "camelCase")]
struct Evaluate {
    expression: &'static str,
    return_by_value: bool,
}

#[derive(Deserialize, Debug)]
struct EvaluateReturn {
    result: RemoteValue,
}

#[derive(Deserialize, Debug)]
struct RemoteValue {
    value: Option<serde_json::Value>,
}

impl Method for Evaluate {
    const NAME: &'static str = "Runtime.evaluate";
    type ReturnObject = EvaluateReturn;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_against_the_base_and_skip_non_pages() {
        let dom = portalscan_html::parse_dom(
            "<a href='b.html'>b</a><a href='mailto:x@example.org'>m</a><a>none</a>\
             <map><area href='/c'></map><a href='b.html'>again</a>\
             <div><template shadowrootmode=open><a href='https://other.test/x'>s</a></template></div>\
             <svg><a xlink:href='/svg'><text>t</text></a></svg>\
             <template><a href='/inert'>i</a></template>",
        );
        assert_eq!(
            links(&dom, "http://127.0.0.1:8080/dir/page.html"),
            vec![
                "http://127.0.0.1:8080/dir/b.html",
                "http://127.0.0.1:8080/c",
                "https://other.test/x",
                "http://127.0.0.1:8080/svg",
            ]
        );
    }

    #[test]
    fn devtools_headers_split_repeated_values() {
        let value = serde_json::json!({"Cache-Control": "no-store", "Link": "a\nb"});
        let list = headers(&Some(value));
        assert_eq!(list.len(), 3);
        assert!(list.iter().any(|h| h.name == "Link" && h.value == "b"));
    }
}
