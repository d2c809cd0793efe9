//! portalscan's browser front-end: drives Debian's Chromium (headless, over the DevTools
//! protocol via `headless_chrome`) and turns a live page into a core [`Snapshot`].
//!
//! It only gathers facts; every decision stays in `portalscan-core`. Modules:
//! - `launch`: finding and starting Chromium (never downloads one; own profile dir each run).
//! - `capture`: the page's DOM (the DOM domain's node tree, with open, closed and LWC
//!   shadow trees and unslotted light children) joined to `DOMSnapshot.captureSnapshot`'s
//!   computed styles, layout boxes, paint order, scroll boxes.
//! - `context`: browser contexts, so a page shares no cookies or storage with another.
//! - `collect`: responses and requests (with the Referer each carried), cookies with flags,
//!   localStorage, sessionStorage, IndexedDB, Cache Storage, console messages.
//! - `keyboard`: the live Tab walk (real key events): focus order, traps, focus indicator
//!   by comparing renderings, focus obscured by other content; pointer listeners.
//! - `crops`: screenshots of failing elements for reports, taken after PHI on the page is
//!   replaced by its redacted form.
//! - `session`: the crawler's browser: a running Chromium with guarded slots (the crawl's
//!   scope enforced inside the browser), the login state in every tab's own context,
//!   visits under a watchdog, Back after logout.

pub mod capture;
pub(crate) mod cdp;
pub mod context;
pub mod crops;
pub mod keyboard;
pub mod launch;
pub mod page;
pub mod profile;
pub mod session;

pub use capture::capture_dom;
pub use context::BrowserContext;
pub use launch::{Browser, LaunchOptions, find_chrome};
pub use page::{Page, Stage, Timings, Visit, VisitOptions};

use std::collections::HashMap;

pub mod collect;

use portalscan_core::NodeId;
pub use portalscan_core::Snapshot;

/// The DevTools protocol's id for a node, stable for the life of the document.
pub type BackendNodeId = u32;

/// Maps between the browser's node ids and the snapshot arena's, built while capturing.
#[derive(Clone, Debug, Default)]
pub struct NodeMap {
    by_backend: HashMap<BackendNodeId, NodeId>,
    backend_of: Vec<Option<BackendNodeId>>,
}

impl NodeMap {
    /// Records that arena node `node` is the browser's node `backend`.
    pub fn insert(&mut self, backend: BackendNodeId, node: NodeId) {
        self.by_backend.insert(backend, node);
        let index = node.index();
        if self.backend_of.len() <= index {
            self.backend_of.resize(index + 1, None);
        }
        self.backend_of[index] = Some(backend);
    }
    pub fn node(&self, backend: BackendNodeId) -> Option<NodeId> {
        self.by_backend.get(&backend).copied()
    }
    pub fn backend(&self, node: NodeId) -> Option<BackendNodeId> {
        self.backend_of.get(node.index()).copied().flatten()
    }
    pub fn len(&self) -> usize {
        self.by_backend.len()
    }
    pub fn is_empty(&self) -> bool {
        self.by_backend.is_empty()
    }
}

/// What can go wrong driving the browser. Messages name the page or file involved and never
/// include page content (which may hold PHI) or credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BrowserError {
    /// No Chromium where we looked; lists the places tried.
    NotFound(String),
    /// Chromium was found but did not start.
    Launch(String),
    /// The page could not be loaded (DNS, refused, HTTP error page is NOT an error).
    Navigation { url: String, message: String },
    /// A step did not finish in time.
    Timeout { url: String, step: String },
    /// The browser or tab went away (crashed, killed): the caller may restart and retry.
    Crashed(String),
    /// Any other DevTools protocol failure.
    Protocol(String),
}

impl BrowserError {
    /// Wraps a DevTools protocol error (headless_chrome reports them as `anyhow::Error`).
    pub fn protocol(context: &str, error: impl std::fmt::Display) -> BrowserError {
        BrowserError::Protocol(format!("{context}: {error}"))
    }
}

impl std::fmt::Display for BrowserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BrowserError::NotFound(tried) => write!(f, "no Chromium found (tried {tried})"),
            BrowserError::Launch(m) => write!(f, "Chromium did not start: {m}"),
            BrowserError::Navigation { url, message } => write!(f, "{url}: {message}"),
            BrowserError::Timeout { url, step } => write!(f, "{url}: timed out while {step}"),
            BrowserError::Crashed(m) => write!(f, "the browser went away: {m}"),
            BrowserError::Protocol(m) => write!(f, "DevTools protocol error: {m}"),
        }
    }
}

impl std::error::Error for BrowserError {}
