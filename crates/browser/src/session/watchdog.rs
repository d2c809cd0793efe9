//! The watchdog: every visit ends within about `timeout` plus a small grace, whatever the
//! page or the browser does.
//!
//! A visit runs on a thread of its own while the caller waits. Loading and settling get
//! `timeout` (a server that accepts the connection and never answers holds `Page.navigate`,
//! and headless_chrome's own calls wait up to a minute); once the page has settled, the
//! browser's own work on it (capture, facts, the Tab walk) gets `timeout`, at least
//! [`MIN_WORK`]. When the time is up the caller stops waiting: the page's tab is closed,
//! which makes the thread's calls fail so it ends soon after, on its own. If the browser
//! does not even answer the close within [`GRACE`], it is treated as dead (restarted).

use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use crate::{BrowserError, Page, Stage, Visit, VisitOptions};

/// Time allowed on top of a limit: the visit's own deadline checks poll, and a call in
/// flight at the deadline may take a moment to give up.
pub const GRACE: Duration = Duration::from_secs(5);
/// The least time the browser's work on a settled page gets, when `timeout` is shorter: a
/// long Tab walk on a big page is not a hang.
pub const MIN_WORK: Duration = Duration::from_secs(60);
const POLL: Duration = Duration::from_millis(100);

/// How a watched visit ended.
pub enum Watched {
    Done(Box<Result<Visit, BrowserError>>),
    /// The time was up at this stage; the page's tab is still open.
    Expired(Stage),
}

/// Visits `url` in `page` on a thread of its own and waits for it at most the time the
/// visit's stage allows.
pub fn visit(page: &Arc<Page>, url: &str, opts: &VisitOptions) -> Watched {
    let (tx, rx) = mpsc::channel();
    let (worker_page, worker_url, worker_opts) = (Arc::clone(page), url.to_string(), opts.clone());
    let spawned = std::thread::Builder::new()
        .name("portalscan-visit".into())
        .spawn(move || {
            let _ = tx.send(worker_page.visit(&worker_url, &worker_opts));
        });
    if let Err(e) = spawned {
        return Watched::Done(Box::new(Err(BrowserError::Protocol(format!(
            "cannot start a visit thread: {e}"
        )))));
    }
    let started = Instant::now();
    loop {
        let stage = page.stage();
        let deadline = match stage {
            Stage::Working(settled) => settled + opts.timeout.max(MIN_WORK) + GRACE,
            Stage::Idle | Stage::Loading => started + opts.timeout + GRACE,
        };
        let now = Instant::now();
        if now >= deadline {
            return Watched::Expired(stage);
        }
        match rx.recv_timeout((deadline - now).min(POLL)) {
            Ok(result) => return Watched::Done(Box::new(result)),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => {
                return Watched::Done(Box::new(Err(BrowserError::Protocol(
                    "the visit stopped without a result".into(),
                ))));
            }
        }
    }
}

/// What a stage was doing, for the error message.
pub fn step(stage: Stage) -> &'static str {
    match stage {
        Stage::Idle | Stage::Loading => "loading the page",
        Stage::Working(_) => "capturing the page",
    }
}

/// Runs `work` (closing a tab, opening one) on a thread of its own; `None` when it did not
/// finish within [`GRACE`] (the browser does not answer).
pub fn within_grace<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::Builder::new()
        .name("portalscan-tab".into())
        .spawn(move || {
            let _ = tx.send(work());
        })
        .ok()?;
    rx.recv_timeout(GRACE).ok()
}
