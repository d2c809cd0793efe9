//! The real [`Visitor`]: Chromium through `portalscan-browser`'s crawling session
//! (`session::Session`: guarded slots, login state, watchdog, Back after logout). This
//! adapter only holds the session between restarts and hands the crawl what the browser
//! captured; the crawl runs the rules.

use std::sync::{Arc, RwLock};

use portalscan_browser::session::{
    NavigationPolicy, OpenPage, Session, SessionOptions, SessionVisit,
};
use portalscan_browser::{LaunchOptions, VisitOptions};
use portalscan_core::{NodeId, Snapshot};

pub use portalscan_browser::session::StorageState;

use crate::config::CrawlConfig;
use crate::scan::ms;
use crate::scope::{self, Scope};
use crate::visitor::{LivePage, SessionProbe, Timings, VisitError, VisitedPage, Visitor};

/// The crawl's scope is the browser's navigation policy.
impl NavigationPolicy for Scope {
    fn allows(&self, url: &str) -> bool {
        Scope::allows(self, url)
    }
    fn allows_while_logging_in(&self, url: &str) -> bool {
        self.same_origin(url)
    }
}

/// From a resolved crawl config; reads the storage state file if there is one.
pub fn session_options(config: &CrawlConfig) -> Result<SessionOptions, String> {
    let storage_state = config
        .storage_state
        .as_deref()
        .map(StorageState::load)
        .transpose()?;
    Ok(SessionOptions {
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
        policy: Arc::new(config.scope.clone()),
        seeds: config.seeds.clone(),
        storage_state,
        login: config.login.clone(),
    })
}

pub struct ChromiumVisitor {
    opts: Arc<SessionOptions>,
    seeds: Vec<String>,
    /// Where to log out for the Back-after-logout check (`[logout] url`).
    logout_url: Option<String>,
    session: RwLock<Option<Session>>,
}

impl ChromiumVisitor {
    pub fn new(opts: SessionOptions, logout_url: Option<String>) -> ChromiumVisitor {
        ChromiumVisitor {
            seeds: opts.seeds.clone(),
            opts: Arc::new(opts),
            logout_url,
            session: RwLock::new(None),
        }
    }

    /// From a resolved crawl config (see [`session_options`]).
    pub fn from_config(config: &CrawlConfig) -> Result<ChromiumVisitor, String> {
        Ok(ChromiumVisitor::new(
            session_options(config)?,
            config.logout_url.clone(),
        ))
    }

    /// The running browser's process id (tests kill it to check restarts).
    pub fn browser_pid(&self) -> Option<u32> {
        self.session.read().ok()?.as_ref()?.pid()
    }

    /// Runs `work` on the running session.
    fn with<T>(
        &self,
        work: impl FnOnce(&Session) -> Result<T, VisitError>,
    ) -> Result<T, VisitError> {
        let session = self.session.read().unwrap_or_else(|p| p.into_inner());
        match session.as_ref() {
            Some(session) => work(session),
            None => Err(VisitError::Crashed("the browser is not running".into())),
        }
    }
}

/// The page, open in its tab until the crawl has its crops.
impl LivePage for OpenPage {
    fn crops(
        &self,
        snapshot: &Snapshot,
        nodes: &[NodeId],
        max_bytes: usize,
        policy: portalscan_core::phi::screen::Policy,
    ) -> Result<Vec<(NodeId, Vec<u8>)>, String> {
        OpenPage::crops(self, snapshot, nodes, max_bytes, policy).map_err(|e| e.to_string())
    }
}

impl Visitor for ChromiumVisitor {
    fn start(&self, tabs: usize) -> Result<(), VisitError> {
        let mut session = self.session.write().unwrap_or_else(|p| p.into_inner());
        // End the old (dead) browser first: its profile directory goes with it.
        if let Some(old) = session.take() {
            old.end();
        }
        *session = Some(Session::start(self.opts.clone(), tabs)?);
        Ok(())
    }

    fn visit(&self, tab: usize, url: &str, scan: bool) -> Result<VisitedPage, VisitError> {
        let visit: SessionVisit = self.with(|s| s.visit(tab, url, scan))?;
        Ok(VisitedPage {
            final_url: visit.final_url,
            links: visit.links,
            snapshot: visit.snapshot,
            timings: Timings {
                navigate_ms: ms(visit.timings.navigate),
                settle_ms: ms(visit.timings.settle),
                snapshot_ms: ms(visit.timings.snapshot),
                tab_walk_ms: ms(visit.timings.tab_walk),
                context_ms: ms(visit.context),
                ..Timings::default()
            },
            warnings: visit.warnings,
            load_finished: visit.load_finished,
            live: Some(Box::new(visit.page)),
        })
    }

    fn fetch_text(&self, tab: usize, url: &str) -> Result<String, VisitError> {
        let origin = scope::origin(url);
        let Some(seed) = self.seeds.iter().find(|s| scope::origin(s) == origin) else {
            return Err(VisitError::Failed("not on a seed's origin".into()));
        };
        self.with(|s| s.fetch_text(tab, seed, url))
    }

    fn is_alive(&self) -> bool {
        let session = self.session.read().unwrap_or_else(|p| p.into_inner());
        session.as_ref().is_some_and(Session::is_alive)
    }

    fn restored_after_logout(&self, tab: usize, url: &str) -> Result<Option<Snapshot>, VisitError> {
        let Some(logout_url) = self.logout_url.as_deref() else {
            return Err(VisitError::Failed("no [logout] url configured".into()));
        };
        self.with(|s| s.restored_after_logout(tab, url, logout_url))
    }

    fn session_check(&self, tab: usize, probe: &SessionProbe) -> Result<Snapshot, VisitError> {
        self.with(|s| match probe {
            SessionProbe::Guest { url, replay } => s.guest(tab, url, replay),
            SessionProbe::AfterLogout { url, logout_url } => s.after_logout(tab, url, logout_url),
            SessionProbe::Idle { url, idle } => s.idle(tab, url, *idle),
        })
    }

    fn login_cookies(&self) -> Option<Vec<portalscan_core::snapshot::CookieLifetime>> {
        let session = self.session.read().unwrap_or_else(|p| p.into_inner());
        session.as_ref().map(|s| s.login_cookies().to_vec())
    }
}
