//! The seam between crawl logic and the browser: the crawl decides what to visit and when;
//! a [`Visitor`] visits. The real one drives Chromium tabs; tests use a fake that serves a
//! synthetic link graph and fails, hangs or crashes on chosen URLs.

use portalscan_core::Finding;
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

/// What one visit found.
#[derive(Clone, Debug, Default)]
pub struct PageVisit {
    /// Where the page ended up (after redirects and client-side routing).
    pub final_url: String,
    /// Absolute URLs of the page's links (including inside shadow roots), as found.
    pub links: Vec<String>,
    /// The core's findings; empty when the page was visited only for its links.
    pub findings: Vec<Finding>,
    pub timings: Timings,
    /// Facts the browser could not give on this page (a failed Tab walk, say): each names
    /// the step and the error, never page content. The rules saw those facts as unknown.
    pub warnings: Vec<String>,
    /// The page shows PHI (so Back after logout is checked on it, when configured).
    pub shows_phi: bool,
}

/// What Back after logout showed.
#[derive(Clone, Debug, Default)]
pub struct Restored {
    /// How the page came back (`bfcache`, `http-cache`, `network`); `None`: it did not.
    pub via: Option<String>,
    /// The `phi-restored-after-logout` findings on the page Back showed.
    pub findings: Vec<Finding>,
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

/// Visits pages in `tabs` parallel slots. Shared by the worker threads (`&self`); an
/// implementation keeps one tab per slot.
pub trait Visitor: Sync {
    /// Starts the browser with `tabs` tabs and logs in, or starts it again after a crash
    /// (dropping the dead one). Called before the first visit and after every crash.
    fn start(&self, tabs: usize) -> Result<(), VisitError>;

    /// Visits one page in slot `tab`. With `scan` false only the links are needed (a page
    /// of another shard): no rules, no Tab walk.
    fn visit(&self, tab: usize, url: &str, scan: bool) -> Result<PageVisit, VisitError>;

    /// The text of a same-origin resource such as `/sitemap.xml`; `Failed` for HTTP errors.
    fn fetch_text(&self, tab: usize, url: &str) -> Result<String, VisitError>;

    /// Whether the browser is still there (a failed visit on a dead browser is a crash).
    fn is_alive(&self) -> bool;

    /// Back after logout on one page (the crawl's `[logout] url`): opens `url` logged in, in
    /// a session of its own, logs out, goes Back and scans what is shown with the
    /// `phi-restored-after-logout` rule only.
    fn restored_after_logout(&self, _tab: usize, _url: &str) -> Result<Restored, VisitError> {
        Err(VisitError::Failed(
            "this visitor cannot check Back after logout".into(),
        ))
    }
}
