//! Back after logout, after the crawl: every scanned page that shows PHI (and was not
//! checked by an earlier run) is opened in a session of its own, the `[logout] url` visited,
//! and Back pressed; what Back showed is scanned like a page, and its
//! `phi-restored-after-logout` findings join the page's findings. The page's entry is appended to the journal again with the check, so
//! `--resume` neither redoes nor loses it.
//!
//! Checks run on `jobs` tabs like pages do. A check that fails is retried (`retries`, the
//! browser restarted if it died); one that still fails is a warning and recorded on the
//! page (`logout_check.error`): nothing was learnt, so no finding is made up.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::sync::mpsc;

use portalscan_core::phi::redact_url;
use portalscan_core::{Finding, Outcome, Snapshot};

use crate::config::CrawlConfig;
use crate::crawl::{CrawlError, CrawlOutcome};
use crate::journal::{Journal, LogoutCheck};
use crate::progress::Progress;
use crate::scan::ScanFn;
use crate::visitor::{VisitError, Visitor};

/// The rule whose findings the check keeps.
pub const RULE: &str = "phi-restored-after-logout";

/// What Back after logout showed.
#[derive(Debug, Default)]
struct Restored {
    /// How the page came back (`bfcache`, `http-cache`, `network`); `None`: it did not.
    via: Option<String>,
    /// The `phi-restored-after-logout` findings on the page Back showed.
    findings: Vec<Finding>,
}

impl Restored {
    /// Scans what Back showed (`None`: it did not show the page again).
    fn of(shown: Option<Snapshot>, scan: &ScanFn<'_>) -> Restored {
        let Some(snapshot) = shown else {
            return Restored::default();
        };
        Restored {
            via: snapshot
                .restored_after_logout
                .as_ref()
                .map(|r| r.via.clone()),
            findings: scan(&snapshot)
                .findings
                .into_iter()
                .filter(|f| f.rule == RULE)
                .collect(),
        }
    }
}

pub(crate) fn run(
    config: &CrawlConfig,
    visitor: &dyn Visitor,
    scan: &ScanFn<'_>,
    journal: &mut Journal,
    progress: &mut Progress,
    outcome: &mut CrawlOutcome,
    urls: &HashMap<usize, String>,
) -> Result<(), CrawlError> {
    // (index in outcome.pages, the page's real URL)
    let mut pending: Vec<(usize, String)> = outcome
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.scanned && p.error.is_none() && p.shows_phi)
        .filter(|(_, p)| p.logout_check.is_none())
        .map(|(i, p)| (i, urls.get(&p.order).cloned().unwrap_or(p.url.clone())))
        .collect();
    if pending.is_empty() {
        return Ok(());
    }
    progress.note(&format!(
        "Back after logout: checking {} page(s) that show PHI",
        pending.len()
    ));
    for round in 0..=config.retries {
        if pending.is_empty() {
            break;
        }
        if !visitor.is_alive() {
            visitor
                .start(config.jobs)
                .map_err(|e| CrawlError(format!("cannot restart the browser: {e}")))?;
        }
        let last = round == config.retries;
        let mut again = Vec::new();
        let queue = Mutex::new(pending.iter().cloned().collect::<VecDeque<_>>());
        let workers = config.jobs.clamp(1, pending.len());
        let (tx, rx) = mpsc::channel::<(usize, String, Result<Restored, VisitError>)>();
        std::thread::scope(|s| -> Result<(), CrawlError> {
            for tab in 0..workers {
                let tx = tx.clone();
                let queue = &queue;
                s.spawn(move || {
                    loop {
                        let Some((i, url)) = queue.lock().unwrap().pop_front() else {
                            return;
                        };
                        let result = visitor
                            .restored_after_logout(tab, &url)
                            .map(|shown| Restored::of(shown, scan));
                        let crashed = matches!(result, Err(VisitError::Crashed(_)));
                        if tx.send((i, url, result)).is_err() || crashed {
                            // The browser is gone: the rest wait for the next round.
                            return;
                        }
                    }
                });
            }
            drop(tx);
            for (i, url, result) in rx {
                match result {
                    Ok(restored) => record(journal, progress, outcome, i, Ok(restored))?,
                    Err(e) if !last => {
                        progress.note(&format!(
                            "{}: Back after logout failed ({}); retrying",
                            redact_url(&url),
                            crate::crawl::redact_visit_error(&e)
                        ));
                        again.push((i, url));
                    }
                    Err(e) => record(journal, progress, outcome, i, Err(e))?,
                }
            }
            Ok(())
        })?;
        // Pages a crashed worker never took.
        again.extend(queue.into_inner().unwrap());
        again.sort();
        pending = again;
    }
    Ok(())
}

fn record(
    journal: &mut Journal,
    progress: &mut Progress,
    outcome: &mut CrawlOutcome,
    index: usize,
    result: Result<Restored, VisitError>,
) -> Result<(), CrawlError> {
    let entry = &mut outcome.pages[index];
    let note = match result {
        Ok(restored) => {
            let fails = restored
                .findings
                .iter()
                .filter(|f| f.outcome == Outcome::Fail)
                .count();
            entry.findings.extend(restored.findings);
            let note = match &restored.via {
                Some(via) => format!("shown again after logout ({via}), {fails} fail"),
                None => "not shown again after logout".to_string(),
            };
            entry.logout_check = Some(LogoutCheck {
                restored: restored.via.is_some(),
                restored_via: restored.via,
                error: None,
            });
            note
        }
        Err(e) => {
            let message = crate::crawl::redact_visit_error(&e);
            let note = format!("Back after logout not checked: {message}");
            outcome.warnings.push(format!("{}: {note}", entry.url));
            entry.logout_check = Some(LogoutCheck {
                restored: false,
                restored_via: None,
                error: Some(message),
            });
            note
        }
    };
    journal.append(entry).map_err(CrawlError)?;
    progress.note(&format!("{}: {note}", entry.url));
    Ok(())
}
