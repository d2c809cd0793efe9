//! The real [`Visitor`]: Chromium through `portalscan-browser`. Every visit gets a tab in a
//! browser context of its own (no cookies, storage or cache from other pages), with the
//! scope guard installed and the login state put in (storage-state cookies and
//! localStorage, the form login's cookies); the core's rules run on every scanned page.
//! The form login runs once per browser (again after a restart), in a context of its own.
//! Every visit runs under a watchdog (`watchdog.rs`): one that runs out of time loses its
//! tab, and a browser that stops answering is restarted.

mod guard;
pub mod login;
mod logout;
pub mod shots;
mod watchdog;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use portalscan_browser::{Browser, BrowserError, LaunchOptions, Page, Visit, VisitOptions};
use portalscan_core::{Finding, Snapshot};
use serde_json::Value;

pub use guard::ScopeGuard;
pub use login::StorageState;

use crate::config::{CrawlConfig, FormLogin};
use crate::scope::{self, Scope};
use crate::visitor::{PageVisit, Restored, Timings, VisitError, Visitor};

/// Runs the rules on a page: the CLI passes the same scan the static `scan` command uses.
pub type ScanFn = Arc<dyn Fn(&Snapshot) -> Vec<Finding> + Send + Sync>;

pub struct ChromiumOptions {
    pub launch: LaunchOptions,
    pub visit: VisitOptions,
    pub scope: Scope,
    pub seeds: Vec<String>,
    pub storage_state: Option<StorageState>,
    pub login: Option<FormLogin>,
    /// Where to log out for the Back-after-logout check (`[logout] url`).
    pub logout_url: Option<String>,
    pub scan: ScanFn,
    /// Crop failing elements into their findings (see [`shots`]), masked by this policy.
    pub screenshots: Option<portalscan_core::phi::screen::Policy>,
}

impl ChromiumOptions {
    /// From a resolved crawl config; reads the storage state file if there is one.
    pub fn from_config(config: &CrawlConfig, scan: ScanFn) -> Result<ChromiumOptions, String> {
        let storage_state = config
            .storage_state
            .as_deref()
            .map(StorageState::load)
            .transpose()?;
        Ok(ChromiumOptions {
            launch: LaunchOptions {
                chrome: config.chrome.clone(),
                ..LaunchOptions::default()
            },
            visit: VisitOptions {
                timeout: config.timeout,
                settle: config.settle,
                tab_walk: config.tab_walk,
                max_tab_presses: config.max_tab_presses,
            },
            scope: config.scope.clone(),
            seeds: config.seeds.clone(),
            storage_state,
            login: config.login.clone(),
            logout_url: config.logout_url.clone(),
            scan,
            screenshots: config.screenshots.policy(),
        })
    }
}

struct Session {
    browser: Browser,
    /// One per slot: installed on every tab the slot opens.
    guards: Vec<Arc<ScopeGuard>>,
    /// What every new context starts with: the form login's cookies, or else the storage
    /// state's. Never printed or written.
    cookies: Vec<Value>,
}

pub struct ChromiumVisitor {
    opts: ChromiumOptions,
    /// The storage state's localStorage, written by a script before the page's own.
    local_storage: Option<String>,
    session: RwLock<Option<Session>>,
    /// The browser stopped answering (a hung tab could not even be closed): it counts as
    /// dead, and is killed at the restart.
    wedged: AtomicBool,
}

impl ChromiumVisitor {
    pub fn new(opts: ChromiumOptions) -> ChromiumVisitor {
        let local_storage = opts
            .storage_state
            .as_ref()
            .and_then(|s| s.local_storage_script(&opts.seeds));
        ChromiumVisitor {
            opts,
            local_storage,
            session: RwLock::new(None),
            wedged: AtomicBool::new(false),
        }
    }

    /// The running browser's process id (tests kill it to check restarts).
    pub fn browser_pid(&self) -> Option<u32> {
        self.session.read().ok()?.as_ref()?.browser.pid()
    }

    fn open(&self, tabs: usize) -> Result<Session, BrowserError> {
        let browser = Browser::launch(&self.opts.launch)?;
        let guards = (0..tabs.max(1))
            .map(|_| Arc::new(ScopeGuard::new(self.opts.scope.clone())))
            .collect();
        let mut session = Session {
            browser,
            guards,
            cookies: self
                .opts
                .storage_state
                .as_ref()
                .map(StorageState::cookie_params)
                .unwrap_or_default(),
        };
        if let Some(login) = &self.opts.login {
            let guard = Arc::new(ScopeGuard::new(self.opts.scope.clone()));
            let page = self.new_page(&session, &guard)?;
            self.form_login(&page, &guard, login)?;
            let context = page.context().expect("an isolated page has a context");
            session.cookies = context
                .cookies()?
                .iter()
                .map(portalscan_browser::context::cookie_param)
                .collect();
        }
        Ok(session)
    }

    /// A tab in a fresh browser context, guarded, with the login state in it.
    fn new_page(&self, session: &Session, guard: &Arc<ScopeGuard>) -> Result<Page, BrowserError> {
        let page = session.browser.new_isolated_page()?;
        guard.install(page.tab())?;
        if let Some(context) = page.context() {
            context.set_cookies(&session.cookies)?;
        }
        if let Some(script) = &self.local_storage {
            login::add_script(page.tab(), script)?;
        }
        Ok(page)
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
    /// crash (the crawl restarts it).
    fn watched_visit(
        &self,
        session: &Session,
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
        if !matches!(closed, Some(Ok(()))) || !session.browser.is_alive() {
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
    fn open_error(&self, session: &Session, e: BrowserError) -> VisitError {
        if !session.browser.is_alive() {
            return VisitError::Crashed(portalscan_core::phi::redact(&e.to_string()));
        }
        visit_error(e)
    }
}

fn visit_error(e: BrowserError) -> VisitError {
    let message = portalscan_core::phi::redact(&e.to_string());
    match e {
        BrowserError::Crashed(_) => VisitError::Crashed(message),
        BrowserError::Timeout { .. } => VisitError::Timeout(message),
        _ => VisitError::Failed(message),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

impl Visitor for ChromiumVisitor {
    fn start(&self, tabs: usize) -> Result<(), VisitError> {
        let mut session = self.session.write().unwrap_or_else(|p| p.into_inner());
        // A browser that stopped answering would hold up its own shutdown.
        if self.wedged.swap(false, Ordering::SeqCst)
            && let Some(old) = session.as_ref()
        {
            old.browser.kill();
        }
        // Drop the old (dead) browser first: its profile directory goes with it.
        *session = None;
        *session = Some(self.open(tabs).map_err(visit_error)?);
        Ok(())
    }

    fn visit(&self, tab: usize, url: &str, scan: bool) -> Result<PageVisit, VisitError> {
        let session = self.session.read().unwrap_or_else(|p| p.into_inner());
        let Some(session) = session.as_ref() else {
            return Err(VisitError::Crashed("the browser is not running".into()));
        };
        let guard = &session.guards[tab % session.guards.len()];
        guard.take_blocked();
        let opening = Instant::now();
        let page = self
            .new_page(session, guard)
            .map_err(|e| self.open_error(session, e))?;
        let page = Arc::new(page);
        let context_ms = ms(opening.elapsed());
        let opts = VisitOptions {
            tab_walk: scan && self.opts.visit.tab_walk,
            ..self.opts.visit.clone()
        };
        let result = self.watched_visit(session, &page, url, &opts)?;
        let blocked = guard.take_blocked();
        let mut visit = match result {
            Ok(visit) => visit,
            Err(e) => {
                if let Some(target) = blocked.first() {
                    return Err(VisitError::OutOfScope(portalscan_core::phi::redact_url(
                        target,
                    )));
                }
                if !session.browser.is_alive() {
                    return Err(VisitError::Crashed(portalscan_core::phi::redact(
                        &e.to_string(),
                    )));
                }
                return Err(visit_error(e));
            }
        };
        // An error page is not the page: report it (and retry it) rather than scan it.
        if let Some(status) = visit.snapshot.response.as_ref().map(|r| r.status)
            && status >= 400
        {
            return Err(VisitError::Failed(format!("HTTP {status}")));
        }
        if let Some(target) = blocked.first()
            && !self.opts.scope.allows(&visit.final_url)
        {
            return Err(VisitError::OutOfScope(portalscan_core::phi::redact_url(
                target,
            )));
        }
        let mut timings = Timings {
            navigate_ms: ms(visit.timings.navigate),
            settle_ms: ms(visit.timings.settle),
            snapshot_ms: ms(visit.timings.snapshot),
            rules_ms: 0.0,
            tab_walk_ms: ms(visit.timings.tab_walk),
            context_ms,
            ..Timings::default()
        };
        let mut warnings = visit.warnings;
        let findings = if scan {
            let start = Instant::now();
            let mut findings = (self.opts.scan)(&visit.snapshot);
            timings.rules_ms = ms(start.elapsed());
            if let Some(policy) = self.opts.screenshots {
                let start = Instant::now();
                let shot = shots::attach(
                    page.tab(),
                    &visit.snapshot,
                    &visit.node_map,
                    &mut findings,
                    policy,
                );
                if let Err(e) = shot {
                    warnings.push(e);
                }
                timings.screenshots_ms = ms(start.elapsed());
            }
            findings
        } else {
            Vec::new()
        };
        // Recorded on every scanned page (one page-level rule), so a `--resume` that adds
        // `[logout]` knows which finished pages to check.
        let shows_phi = scan && logout::shows_phi(&mut visit.snapshot);
        Ok(PageVisit {
            final_url: visit.final_url,
            links: visit.links,
            findings,
            timings,
            warnings,
            shows_phi,
        })
    }

    fn fetch_text(&self, tab: usize, url: &str) -> Result<String, VisitError> {
        let session = self.session.read().unwrap_or_else(|p| p.into_inner());
        let Some(session) = session.as_ref() else {
            return Err(VisitError::Crashed("the browser is not running".into()));
        };
        let guard = &session.guards[tab % session.guards.len()];
        let page = self
            .new_page(session, guard)
            .map_err(|e| self.open_error(session, e))?;
        let tab = page.tab();
        // A same-origin fetch() from a seed page: no navigation outside the scope, and the
        // session's cookies go with it.
        let origin = scope::origin(url);
        let Some(seed) = self.opts.seeds.iter().find(|s| scope::origin(s) == origin) else {
            return Err(VisitError::Failed("not on a seed's origin".into()));
        };
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
            Some(serde_json::Value::String(text)) => match text.strip_prefix('\u{0}') {
                Some(status) => Err(VisitError::Failed(status.to_string())),
                None => Ok(text),
            },
            _ => Err(VisitError::Failed("fetch gave no text".into())),
        }
    }

    fn is_alive(&self) -> bool {
        let session = self.session.read().unwrap_or_else(|p| p.into_inner());
        !self.wedged.load(Ordering::SeqCst)
            && session.as_ref().is_some_and(|s| s.browser.is_alive())
    }

    fn restored_after_logout(&self, tab: usize, url: &str) -> Result<Restored, VisitError> {
        let session = self.session.read().unwrap_or_else(|p| p.into_inner());
        let Some(session) = session.as_ref() else {
            return Err(VisitError::Crashed("the browser is not running".into()));
        };
        let Some(logout_url) = self.opts.logout_url.as_deref() else {
            return Err(VisitError::Failed("no [logout] url configured".into()));
        };
        let guard = &session.guards[tab % session.guards.len()];
        guard.take_blocked();
        let page = self
            .new_page(session, guard)
            .map_err(|e| self.open_error(session, e))?;
        // An earlier check's logout may have ended the session the cookies carry: a form
        // login logs in afresh in this page's own context.
        if let Some(login) = &self.opts.login {
            self.form_login(&page, guard, login)
                .map_err(|e| self.open_error(session, e))?;
        }
        logout::check(&page, guard, url, logout_url, &self.opts)
            .map_err(|e| self.open_error(session, e))
    }
}
