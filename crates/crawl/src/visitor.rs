//! The seam between crawl logic and the browser: the crawl decides what to visit and when;
//! a [`Visitor`] visits. The real one drives Chromium tabs; tests use a fake that serves a
//! synthetic link graph and fails, hangs or crashes on chosen URLs.

use std::time::Duration;

use portalscan_core::snapshot::CookieLifetime;
use portalscan_core::{NodeId, Snapshot};
use serde::{Deserialize, Serialize};

/// Where a page's time went, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    pub navigate_ms: f64,
    pub settle_ms: f64,
    pub snapshot_ms: f64,
    pub rules_ms: f64,
    pub tab_walk_ms: f64,
    /// Masking PHI in the page and cropping failing elements (0 in journals from before).
    #[serde(default)]
    pub screenshots_ms: f64,
    /// Opening the page's own browser context with the login state in it.
    #[serde(default)]
    pub context_ms: f64,
}

impl Timings {
    pub fn total_ms(&self) -> f64 {
        self.navigate_ms
            + self.settle_ms
            + self.snapshot_ms
            + self.rules_ms
            + self.tab_walk_ms
            + self.screenshots_ms
            + self.context_ms
    }
}

/// What one visit found: the page as the browser captured it. The crawl runs the rules on
/// the snapshot, then (for `fail` findings) asks the live page for crops, then drops it.
pub struct VisitedPage {
    /// Where the page ended up (after redirects and client-side routing).
    pub final_url: String,
    /// Absolute URLs of the page's links (including inside shadow roots), as found.
    pub links: Vec<String>,
    pub snapshot: Snapshot,
    /// The browser's part (`rules_ms` and `screenshots_ms` are the crawl's).
    pub timings: Timings,
    /// Facts the browser could not give on this page (a failed Tab walk, say): each names
    /// the step and the error, never page content. The rules see those facts as unknown.
    pub warnings: Vec<String>,
    /// Whether the page finished loading before it was captured. A page captured while
    /// still loading (its load event had not come by the deadline) is visited again while
    /// retries remain; the later visit's result is kept.
    pub load_finished: bool,
    /// The page, still open in its tab until this is dropped; `None` when the visitor
    /// cannot take screenshots.
    pub live: Option<Box<dyn LivePage>>,
}

/// A visited page still open in the browser.
pub trait LivePage {
    /// PNG crops of `nodes` of `snapshot` (this page's), with PHI on the page masked first;
    /// stops once about `max_bytes` of PNG are taken. The error names the step, never page
    /// content.
    fn crops(
        &self,
        snapshot: &Snapshot,
        nodes: &[NodeId],
        max_bytes: usize,
        policy: portalscan_core::phi::screen::Policy,
    ) -> Result<Vec<(NodeId, Vec<u8>)>, String>;
}

/// One HIPAA session control on one page that showed PHI; each runs in browser contexts
/// of its own and only loads pages with GET.
#[derive(Clone, Debug, PartialEq)]
pub enum SessionProbe {
    /// Load `url` with no session, and fetch `replay` (the page's GET data requests, in
    /// scope) without cookies.
    Guest { url: String, replay: Vec<String> },
    /// Open `url` logged in, visit `logout_url`, read client storage, then load `url` with
    /// the cookies from before logout.
    AfterLogout { url: String, logout_url: String },
    /// Open `url` logged in, leave it for `idle`, load it again.
    Idle { url: String, idle: Duration },
}

impl SessionProbe {
    /// The `session_check.kind` the probe's snapshot carries.
    pub fn kind(&self) -> &'static str {
        match self {
            SessionProbe::Guest { .. } => "guest",
            SessionProbe::AfterLogout { .. } => "replay-after-logout",
            SessionProbe::Idle { .. } => "idle",
        }
    }
}

/// Why a visit did not give a page (the browser's classification: retry, restart, or
/// give up on a redirect out of scope).
pub use portalscan_browser::session::VisitError;

/// Visits pages in `tabs` parallel slots. Shared by the worker threads (`&self`); an
/// implementation keeps one tab per slot.
pub trait Visitor: Sync {
    /// Starts the browser with `tabs` tabs and logs in, or starts it again after a crash
    /// (dropping the dead one). Called before the first visit and after every crash.
    fn start(&self, tabs: usize) -> Result<(), VisitError>;

    /// Visits one page in slot `tab`. With `scan` false only the links are needed (a page
    /// of another shard): no Tab walk.
    fn visit(&self, tab: usize, url: &str, scan: bool) -> Result<VisitedPage, VisitError>;

    /// The text of a same-origin resource such as `/sitemap.xml`; `Failed` for HTTP errors.
    fn fetch_text(&self, tab: usize, url: &str) -> Result<String, VisitError>;

    /// Whether the browser is still there (a failed visit on a dead browser is a crash).
    fn is_alive(&self) -> bool;

    /// Back after logout on one page (the crawl's `[logout] url`): opens `url` logged in, in
    /// a session of its own, logs out, goes Back and captures what is shown (the snapshot
    /// carries `restored_after_logout`); `None` when Back did not show the page again.
    fn restored_after_logout(
        &self,
        _tab: usize,
        _url: &str,
    ) -> Result<Option<Snapshot>, VisitError> {
        Err(VisitError::Failed(
            "this visitor cannot check Back after logout".into(),
        ))
    }

    /// A session control (see [`SessionProbe`]): the snapshot of what the page showed in
    /// it, with `session_check` set.
    fn session_check(&self, _tab: usize, _probe: &SessionProbe) -> Result<Snapshot, VisitError> {
        Err(VisitError::Failed(
            "this visitor cannot check session controls".into(),
        ))
    }

    /// The cookies the login set, with their lifetimes; `None` when this visitor cannot
    /// tell (or the browser is not running).
    fn login_cookies(&self) -> Option<Vec<CookieLifetime>> {
        None
    }
}
