//! A crawling session: one running Chromium with a slot per parallel tab, logged in, whose
//! every tab keeps to a navigation policy (the crawl's scope). It is the browser side of
//! the crawler (`portalscan-crawl` decides what to visit and runs the rules; everything
//! that talks DevTools is here).
//!
//! Every visit gets a tab in a browser context of its own (no cookies, storage or cache
//! from other pages), with the scope guard installed and the login state put in
//! (storage-state cookies and localStorage, the form login's cookies). Each slot prepares
//! its next visit's tab (a fresh context, set up the same way) on a thread of its own while
//! the current visit runs: opening one costs about a second (mostly headless_chrome
//! attaching to the new tab and the setup calls through its ~100 ms-a-call transport), which
//! a visit then no longer waits for. A prepared tab is used once, for one page. The form login runs
//! once per session (a restart is a new session), in a context of its own. Every visit
//! runs under a watchdog (`watchdog.rs`): one that runs out of time loses its tab, and a
//! browser that stops answering counts as dead ([`Session::is_alive`]).

pub mod controls;
mod guard;
pub mod login;
mod logout;
pub mod watchdog;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portalscan_core::snapshot::{CookieLifetime, SessionCheck};
use portalscan_core::{NodeId, Snapshot};
use serde_json::Value;

pub use guard::ScopeGuard;
pub use login::{FormLogin, StorageState};

use crate::{Browser, BrowserError, LaunchOptions, NodeMap, Page, Visit, VisitOptions};

/// Which navigations a tab's main frame may make: the crawl's scope. Checked inside the
/// browser on every document request, so an out-of-scope server never gets one.
pub trait NavigationPolicy: Send + Sync {
    fn allows(&self, url: &str) -> bool;
    /// While logging in or out: login flows redirect around their own site, so any page on
    /// a seed's origin.
    fn allows_while_logging_in(&self, url: &str) -> bool;
}

/// Why a visit did not give a page. Messages name the step, never page content or
/// credentials; URLs in them are redacted by the crawl before they are shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VisitError {
    /// The page did not load or a capture step failed: retried.
    Failed(String),
    /// The page did not finish in time: retried.
    Timeout(String),
    /// The browser went away: restarted, and the page retried.
    Crashed(String),
    /// The browser refused a navigation out of scope (a redirect): not retried.
    OutOfScope(String),
}

impl std::fmt::Display for VisitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            VisitError::Failed(m) => write!(f, "{m}"),
            VisitError::Timeout(m) => write!(f, "timed out: {m}"),
            VisitError::Crashed(m) => write!(f, "the browser crashed: {m}"),
            VisitError::OutOfScope(m) => write!(f, "redirected out of scope: {m}"),
        }
    }
}

impl From<BrowserError> for VisitError {
    fn from(e: BrowserError) -> VisitError {
        let message = portalscan_core::phi::redact(&e.to_string());
        match e {
            BrowserError::Crashed(_) => VisitError::Crashed(message),
            BrowserError::Timeout { .. } => VisitError::Timeout(message),
            _ => VisitError::Failed(message),
        }
    }
}

pub struct SessionOptions {
    pub launch: LaunchOptions,
    pub visit: VisitOptions,
    pub policy: Arc<dyn NavigationPolicy>,
    /// The crawl's seeds: the only origins the storage state's localStorage is written for.
    pub seeds: Vec<String>,
    pub storage_state: Option<StorageState>,
    pub login: Option<FormLogin>,
}

/// One visited page: what the browser captured, and the page itself, still open.
pub struct SessionVisit {
    pub snapshot: Snapshot,
    /// Where the page ended up (after redirects and client-side routing).
    pub final_url: String,
    pub links: Vec<String>,
    pub timings: crate::Timings,
    /// Opening the page's own browser context with the login state in it.
    pub context: Duration,
    /// The page's load event came before it was captured (see [`crate::Visit`]).
    pub load_finished: bool,
    pub warnings: Vec<String>,
    pub page: OpenPage,
}

/// A visited page still open in its tab, for crops after the rules ran. Its tab and
/// browser context go when it is dropped.
pub struct OpenPage {
    page: Arc<Page>,
    node_map: NodeMap,
}

impl OpenPage {
    /// PNG crops of `nodes` of `snapshot` (the snapshot this page was captured into), PHI
    /// on the page masked first by `policy`; at most about `max_bytes` of PNG (see
    /// [`crate::crops::element_crops_within`]).
    pub fn crops(
        &self,
        snapshot: &Snapshot,
        nodes: &[NodeId],
        max_bytes: usize,
        policy: portalscan_core::phi::screen::Policy,
    ) -> Result<Vec<(NodeId, Vec<u8>)>, BrowserError> {
        crate::crops::element_crops_within(
            self.page.tab(),
            snapshot,
            &self.node_map,
            nodes,
            max_bytes,
            policy,
        )
    }
}

/// A slot's next tab, being opened on a thread of its own (see [`Session::visit`]).
type Ahead = JoinHandle<Result<Page, BrowserError>>;

/// A running browser, logged in, with one scope guard per slot.
pub struct Session {
    opts: Arc<SessionOptions>,
    /// One per slot: the tab its next visit takes, opened ahead. Declared before `browser`
    /// so that prepared tabs go (their contexts disposed) while Chromium still runs.
    ahead: Vec<Mutex<Option<Ahead>>>,
    browser: Arc<Browser>,
    /// One per slot: installed on every tab the slot opens.
    guards: Vec<Arc<ScopeGuard>>,
    /// The login state every new context starts with (shared with the threads that open
    /// tabs ahead). Never printed or written.
    login_state: Arc<LoginState>,
    /// The login's cookies with their lifetimes (names and lifetimes only, no values).
    login_cookies: Vec<CookieLifetime>,
    /// The browser stopped answering (a hung tab could not even be closed): it counts as
    /// dead, and [`Session::end`] kills it.
    wedged: AtomicBool,
}

impl Session {
    /// Launches Chromium with `slots` guarded slots and logs in.
    pub fn start(opts: Arc<SessionOptions>, slots: usize) -> Result<Session, BrowserError> {
        let browser = Browser::launch(&opts.launch)?;
        let guards: Vec<_> = (0..slots.max(1))
            .map(|_| Arc::new(ScopeGuard::new(opts.policy.clone())))
            .collect();
        let local_storage = opts
            .storage_state
            .as_ref()
            .and_then(|s| s.local_storage_script(&opts.seeds));
        let cookies = opts
            .storage_state
            .as_ref()
            .map(StorageState::cookie_params)
            .unwrap_or_default();
        // A storage state's cookies: a session cookie has no expiry (-1 or none).
        let state_cookies: Vec<Value> = opts
            .storage_state
            .iter()
            .flat_map(|s| &s.cookies)
            .map(|c| {
                let expires = c.expires.filter(|e| *e > 0.0);
                serde_json::json!({"name": c.name, "session": expires.is_none(), "expires": expires})
            })
            .collect();
        let mut session = Session {
            opts,
            ahead: guards.iter().map(|_| Mutex::new(None)).collect(),
            browser: Arc::new(browser),
            guards,
            login_state: Arc::new(LoginState {
                cookies,
                local_storage,
            }),
            login_cookies: controls::lifetimes(&state_cookies, controls::now_secs()),
            wedged: AtomicBool::new(false),
        };
        if let Some(login) = &session.opts.login {
            let guard = Arc::new(ScopeGuard::new(session.opts.policy.clone()));
            let page = session.new_page(&guard)?;
            session.form_login(&page, &guard, login)?;
            let context = page.context().expect("an isolated page has a context");
            let set = context.cookies()?;
            session.login_cookies = controls::lifetimes(&set, controls::now_secs());
            session.login_state = Arc::new(LoginState {
                cookies: set.iter().map(crate::context::cookie_param).collect(),
                local_storage: session.login_state.local_storage.clone(),
            });
        }
        Ok(session)
    }

    /// Ends the session; a browser that stopped answering is killed first (dropping it
    /// would wait for its answer to `Browser.close`). Its profile directory goes with it.
    pub fn end(self) {
        // `Drop` does it: kills a wedged browser, then closes the tabs opened ahead.
        drop(self);
    }

    /// The browser's process id (tests kill it to check restarts).
    pub fn pid(&self) -> Option<u32> {
        self.browser.pid()
    }

    /// Whether the browser is running and answering.
    pub fn is_alive(&self) -> bool {
        !self.wedged.load(Ordering::SeqCst) && self.browser.is_alive()
    }

    fn guard(&self, slot: usize) -> &Arc<ScopeGuard> {
        &self.guards[slot % self.guards.len()]
    }

    /// Visits `url` in slot `slot`, in a tab of its own, under the watchdog. With
    /// `tab_walk` false the Tab walk is skipped (a page visited only for its links).
    pub fn visit(
        &self,
        slot: usize,
        url: &str,
        tab_walk: bool,
    ) -> Result<SessionVisit, VisitError> {
        let guard = self.guard(slot);
        guard.take_blocked();
        let opening = Instant::now();
        let page = Arc::new(
            self.next_page(slot, guard)
                .map_err(|e| self.open_error(e))?,
        );
        let context = opening.elapsed();
        // The next visit's tab opens while this one runs.
        self.open_ahead(slot);
        let opts = VisitOptions {
            tab_walk: tab_walk && self.opts.visit.tab_walk,
            ..self.opts.visit.clone()
        };
        let result = self.watched_visit(&page, url, &opts)?;
        let blocked = guard.take_blocked();
        let visit = match result {
            Ok(visit) => visit,
            Err(e) => {
                if let Some(target) = blocked.first() {
                    return Err(VisitError::OutOfScope(portalscan_core::phi::redact_url(
                        target,
                    )));
                }
                if !self.browser.is_alive() {
                    return Err(VisitError::Crashed(portalscan_core::phi::redact(
                        &e.to_string(),
                    )));
                }
                return Err(e.into());
            }
        };
        // An error page is not the page: report it (and retry it) rather than scan it.
        if let Some(status) = visit.snapshot.response.as_ref().map(|r| r.status)
            && status >= 400
        {
            return Err(VisitError::Failed(format!("HTTP {status}")));
        }
        if let Some(target) = blocked.first()
            && !self.opts.policy.allows(&visit.final_url)
        {
            return Err(VisitError::OutOfScope(portalscan_core::phi::redact_url(
                target,
            )));
        }
        let Visit {
            snapshot,
            node_map,
            final_url,
            links,
            timings,
            load_finished,
            warnings,
        } = visit;
        Ok(SessionVisit {
            snapshot,
            final_url,
            links,
            timings,
            context,
            load_finished,
            warnings,
            page: OpenPage { page, node_map },
        })
    }

    /// The text of a same-origin resource (`/sitemap.xml`), read with `fetch()` from
    /// `seed`, a page of the same origin: no navigation outside the scope, and the
    /// session's cookies go with it. `Failed` for HTTP errors.
    pub fn fetch_text(&self, slot: usize, seed: &str, url: &str) -> Result<String, VisitError> {
        let page = self
            .new_page(self.guard(slot))
            .map_err(|e| self.open_error(e))?;
        let tab = page.tab();
        tab.set_default_timeout(self.opts.visit.timeout);
        tab.navigate_to(seed)
            .and_then(|t| t.wait_until_navigated())
            .map_err(|e| VisitError::Failed(format!("cannot load the seed page: {e}")))?;
        let script = format!(
            "fetch({}, {{credentials: 'same-origin'}}).then(r => r.ok ? r.text() : '\\u0000HTTP ' + r.status)",
            serde_json::to_string(url).unwrap_or_default()
        );
        let value = tab
            .evaluate(&script, true)
            .map_err(|e| VisitError::Failed(format!("fetch failed: {e}")))?
            .value;
        match value {
            Some(Value::String(text)) => match text.strip_prefix('\u{0}') {
                Some(status) => Err(VisitError::Failed(status.to_string())),
                None => Ok(text),
            },
            _ => Err(VisitError::Failed("fetch gave no text".into())),
        }
    }

    /// Back after logout on one page: opens `url` logged in, in a context of its own, visits
    /// `logout_url`, goes Back and captures what the browser shows (with
    /// `restored_after_logout` set: how it came back). `None` when Back did not show the
    /// page again.
    pub fn restored_after_logout(
        &self,
        slot: usize,
        url: &str,
        logout_url: &str,
    ) -> Result<Option<Snapshot>, VisitError> {
        let guard = self.guard(slot);
        guard.take_blocked();
        let page = self.new_page(guard).map_err(|e| self.open_error(e))?;
        // An earlier check's logout may have ended the session the cookies carry: a form
        // login logs in afresh in this page's own context.
        if let Some(login) = &self.opts.login {
            self.form_login(&page, guard, login)
                .map_err(|e| self.open_error(e))?;
        }
        logout::check(&page, guard, url, logout_url, self.opts.visit.settle)
            .map_err(|e| self.open_error(e))
    }

    /// The cookies the login set (a form login's, or the storage state's), with how long
    /// each lives from when it was read.
    pub fn login_cookies(&self) -> &[CookieLifetime] {
        &self.login_cookies
    }

    /// A guest's view of `url`: loaded in a context with no session (no cookies, no
    /// storage), and `replay` (the GET data requests the page made when logged in, in
    /// scope) fetched from it without cookies. The snapshot has `session_check.kind`
    /// `guest`.
    pub fn guest(&self, slot: usize, url: &str, replay: &[String]) -> Result<Snapshot, VisitError> {
        let guard = self.guard(slot);
        guard.take_blocked();
        let page = self.bare_page(guard).map_err(|e| self.open_error(e))?;
        let tab = page.tab();
        // A guest is sent to a login page, which may sit anywhere on the seed's origin.
        self.load_logging_in(guard, tab, url)?;
        let mut shown = controls::shown(
            tab,
            url,
            SessionCheck {
                kind: "guest".into(),
                ..SessionCheck::default()
            },
        )
        .map_err(|e| self.open_error(e))?;
        if let Some(check) = shown.session_check.as_mut() {
            check.replayed = controls::replay(tab, replay);
        }
        Ok(shown)
    }

    /// Logout ends access: opens `url` logged in (in a context of its own, a form login
    /// logging in afresh), keeps the cookies, visits `logout_url` and reads the origin's
    /// client storage; then loads `url` again in a new context holding only the cookies
    /// from before logout. The snapshot is what that replay showed, with
    /// `session_check.kind` `replay-after-logout` and `storage_after_logout`.
    pub fn after_logout(
        &self,
        slot: usize,
        url: &str,
        logout_url: &str,
    ) -> Result<Snapshot, VisitError> {
        let guard = self.guard(slot);
        guard.take_blocked();
        let (cookies, storage) = {
            let page = self.logged_in_page(guard, url)?;
            let context = page.context().expect("an isolated page has a context");
            let cookies = context.cookies().map_err(|e| self.open_error(e))?;
            self.load_logging_in(guard, page.tab(), logout_url)?;
            let storage =
                crate::collect::storage(page.tab(), url).map_err(|e| self.open_error(e))?;
            (cookies, storage)
        };
        let page = self.bare_page(guard).map_err(|e| self.open_error(e))?;
        let params: Vec<Value> = cookies.iter().map(crate::context::cookie_param).collect();
        if let Some(context) = page.context() {
            context
                .set_cookies(&params)
                .map_err(|e| self.open_error(e))?;
        }
        self.load_logging_in(guard, page.tab(), url)?;
        controls::shown(
            page.tab(),
            url,
            SessionCheck {
                kind: "replay-after-logout".into(),
                logout_url: Some(logout_url.to_string()),
                storage_after_logout: Some(storage),
                ..SessionCheck::default()
            },
        )
        .map_err(|e| self.open_error(e))
    }

    /// Idle logoff: opens `url` logged in (in a context of its own), leaves it for `idle`,
    /// then loads it again. The snapshot is what it showed then (`session_check.kind`
    /// `idle`).
    pub fn idle(&self, slot: usize, url: &str, idle: Duration) -> Result<Snapshot, VisitError> {
        let guard = self.guard(slot);
        guard.take_blocked();
        let page = self.logged_in_page(guard, url)?;
        std::thread::sleep(idle);
        self.load_logging_in(guard, page.tab(), url)?;
        controls::shown(
            page.tab(),
            url,
            SessionCheck {
                kind: "idle".into(),
                idle_timeout_secs: Some(idle.as_secs()),
                ..SessionCheck::default()
            },
        )
        .map_err(|e| self.open_error(e))
    }

    /// A tab in a context of its own with `url` open logged in (a form login logs in
    /// afresh: an earlier check's logout may have ended the session); an error when `url`
    /// did not load as itself (redirected: not logged in).
    fn logged_in_page(&self, guard: &Arc<ScopeGuard>, url: &str) -> Result<Page, VisitError> {
        let page = self.new_page(guard).map_err(|e| self.open_error(e))?;
        if let Some(login) = &self.opts.login {
            self.form_login(&page, guard, login)
                .map_err(|e| self.open_error(e))?;
        }
        let at = self.load_logging_in(guard, page.tab(), url)?;
        if !crate::keyboard::same_page(&at, url) {
            return Err(VisitError::Failed(format!(
                "{}: the page did not load as itself logged in (redirected: is the session                  logged in?)",
                portalscan_core::phi::redact_url(url)
            )));
        }
        Ok(page)
    }

    /// Loads `url` (GET) in `tab`, redirects allowed anywhere on a seed's origin (login and
    /// logout flows), and waits for it to settle; returns where the tab ended up.
    fn load_logging_in(
        &self,
        guard: &ScopeGuard,
        tab: &headless_chrome::Tab,
        url: &str,
    ) -> Result<String, VisitError> {
        tab.set_default_timeout(self.opts.visit.timeout);
        guard.set_login(true);
        let loaded = controls::load(tab, url, self.opts.visit.settle);
        guard.set_login(false);
        guard.take_blocked();
        loaded.map_err(|e| self.open_error(e))
    }

    /// A tab in a fresh browser context, guarded, with nothing in it (no login state).
    fn bare_page(&self, guard: &Arc<ScopeGuard>) -> Result<Page, BrowserError> {
        bare_page(&self.browser, guard)
    }

    /// A tab in a fresh browser context, guarded, with the login state in it.
    fn new_page(&self, guard: &Arc<ScopeGuard>) -> Result<Page, BrowserError> {
        open_page(&self.browser, guard, &self.login_state)
    }

    /// The slot's tab opened ahead ([`Session::open_ahead`]), waiting for it if it is
    /// still opening; a new one when there is none or it failed to open.
    fn next_page(&self, slot: usize, guard: &Arc<ScopeGuard>) -> Result<Page, BrowserError> {
        let ahead = self.ahead[slot % self.ahead.len()]
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take();
        if let Some(Ok(Ok(page))) = ahead.map(JoinHandle::join) {
            return Ok(page);
        }
        self.new_page(guard)
    }

    /// Starts opening the slot's next tab (a fresh context with the slot's guard and the
    /// login state) on a thread of its own. Best effort: without it the next visit opens
    /// its own.
    fn open_ahead(&self, slot: usize) {
        let browser = Arc::clone(&self.browser);
        let guard = Arc::clone(self.guard(slot));
        let login = Arc::clone(&self.login_state);
        let opening = std::thread::Builder::new()
            .name(format!("portalscan-next-tab-{slot}"))
            .spawn(move || open_page(&browser, &guard, &login));
        if let Ok(handle) = opening {
            let old = self.ahead[slot % self.ahead.len()]
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .replace(handle);
            // Not expected (the visit took it): its tab is closed when it has opened.
            drop(old);
        }
    }

    fn form_login(
        &self,
        page: &Page,
        guard: &ScopeGuard,
        login: &FormLogin,
    ) -> Result<(), BrowserError> {
        guard.set_login(true);
        let result = login::form_login(page.tab(), login, self.opts.visit.timeout);
        guard.set_login(false);
        guard.take_blocked();
        result
    }

    /// Visits `url` in `page` under the watchdog. When the time is up the page's tab is
    /// closed and the visit is a timeout; when the browser does not answer even that, a
    /// crash (the session is wedged: the crawl restarts it).
    fn watched_visit(
        &self,
        page: &Arc<Page>,
        url: &str,
        opts: &VisitOptions,
    ) -> Result<Result<Visit, BrowserError>, VisitError> {
        let stage = match watchdog::visit(page, url, opts) {
            watchdog::Watched::Done(result) => return Ok(*result),
            watchdog::Watched::Expired(stage) => stage,
        };
        let shown = portalscan_core::phi::redact_url(url);
        let closing = Arc::clone(page);
        let closed = watchdog::within_grace(move || closing.close());
        if !matches!(closed, Some(Ok(()))) || !self.browser.is_alive() {
            self.wedged.store(true, Ordering::SeqCst);
            return Err(VisitError::Crashed(format!(
                "{shown}: the browser did not answer after the visit ran out of time while {}",
                watchdog::step(stage)
            )));
        }
        Err(VisitError::Timeout(format!(
            "{shown}: timed out while {} (stopped after {} s; its tab was closed)",
            watchdog::step(stage),
            (opts.timeout + watchdog::GRACE).as_secs()
        )))
    }

    /// A failure while opening a tab: a crash when the browser is gone.
    fn open_error(&self, e: BrowserError) -> VisitError {
        if !self.browser.is_alive() {
            return VisitError::Crashed(portalscan_core::phi::redact(&e.to_string()));
        }
        e.into()
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // A browser that stopped answering would hold up the tabs still opening.
        if self.wedged.load(Ordering::SeqCst) {
            self.browser.kill();
        }
        // Tabs opened ahead are closed (their contexts disposed) while Chromium still runs.
        for ahead in &self.ahead {
            let ahead = ahead.lock().unwrap_or_else(|p| p.into_inner()).take();
            if let Some(handle) = ahead {
                let _ = handle.join();
            }
        }
    }
}

/// What every new context of a session starts with: the form login's cookies, or else the
/// storage state's, and the storage state's localStorage (written by a script before the
/// page's own).
struct LoginState {
    cookies: Vec<Value>,
    local_storage: Option<String>,
}

/// A tab in a fresh browser context, guarded, with nothing in it (no login state).
fn bare_page(browser: &Browser, guard: &Arc<ScopeGuard>) -> Result<Page, BrowserError> {
    let page = browser.new_isolated_page()?;
    guard.install(page.tab())?;
    Ok(page)
}

/// A tab in a fresh browser context, guarded, with the login state in it.
fn open_page(
    browser: &Browser,
    guard: &Arc<ScopeGuard>,
    state: &LoginState,
) -> Result<Page, BrowserError> {
    let page = bare_page(browser, guard)?;
    if let Some(context) = page.context() {
        context.set_cookies(&state.cookies)?;
    }
    if let Some(script) = &state.local_storage {
        login::add_script(page.tab(), script)?;
    }
    page.prepare_collection()?;
    Ok(page)
}
