//! The HIPAA session controls, after the crawl (and after Back after logout), when a login
//! is configured (a form login or a storage state): on every scanned page that showed PHI
//! to the logged-in user (and was not checked by an earlier run),
//!
//! - `guest`: the page loaded with no session, and its XHR/fetch GET requests (in scope)
//!   replayed without cookies (`phi-guest-access`);
//! - `replay-after-logout` (with `[logout] url`): the old session cookie sent again after
//!   logout (`session-survives-logout`), and client storage read after logout
//!   (`phi-storage-after-logout`);
//!
//! and once per crawl, on the first such page: the login's cookie lifetimes against
//! `[session] idle_timeout_secs` (`session-cookie-lifetime`), and with `[session]
//! check_idle` the page left idle that long (`session-idle-timeout`).
//!
//! The visitor runs each check in browser contexts of its own (GET only, in scope only);
//! the core's rules decide on the snapshot it gives. A check that fails is retried
//! (`retries`, the browser restarted if it died); one that still fails is a warning and
//! recorded on the page (`session_check.errors`): nothing was learnt, no finding made up.
//! The page's journal entry is appended again with the checks, so `--resume` neither
//! redoes nor loses them.

use std::collections::HashMap;

use portalscan_core::phi::redact_url;
use portalscan_core::snapshot::SessionCheck;
use portalscan_core::{Finding, Outcome, Snapshot};

use crate::config::CrawlConfig;
use crate::crawl::{CrawlError, CrawlOutcome};
use crate::journal::{Journal, SessionCheckRun};
use crate::progress::Progress;
use crate::scan::ScanFn;
use crate::visitor::{SessionProbe, VisitError, Visitor};

/// The rules whose findings the checks keep.
pub const RULES: &[&str] = &[
    "phi-guest-access",
    "session-survives-logout",
    "phi-storage-after-logout",
    "session-cookie-lifetime",
    "session-idle-timeout",
];

/// The check made on the login's cookies (no page load of its own).
const COOKIES: &str = "cookies";

/// What the crawl knows of the pages it scanned in this run, by order.
pub(crate) struct Pages<'a> {
    /// The real (unredacted) URLs.
    pub urls: &'a HashMap<usize, String>,
    /// The in-scope XHR/fetch GET requests each made.
    pub data_requests: &'a HashMap<usize, Vec<String>>,
}

pub(crate) fn run(
    config: &CrawlConfig,
    visitor: &dyn Visitor,
    scan: &ScanFn<'_>,
    journal: &mut Journal,
    progress: &mut Progress,
    outcome: &mut CrawlOutcome,
    pages: &Pages<'_>,
) -> Result<(), CrawlError> {
    let done = |check: &str| {
        outcome.pages.iter().any(|p| {
            p.session_check
                .as_ref()
                .is_some_and(|c| c.checks.iter().any(|k| k == check))
        })
    };
    let (mut cookies_done, mut idle_done) = (done(COOKIES), done("idle"));
    // (index in outcome.pages, the page's real URL, its data requests), in crawl order
    // (the once-per-crawl checks go to the first).
    let mut pending: Vec<(usize, String, Vec<String>)> = outcome
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.scanned && p.error.is_none() && p.shows_phi)
        .filter(|(_, p)| p.session_check.is_none())
        .map(|(i, p)| {
            let url = pages.urls.get(&p.order).cloned().unwrap_or(p.url.clone());
            let requests = pages
                .data_requests
                .get(&p.order)
                .cloned()
                .unwrap_or_default();
            (i, url, requests)
        })
        .collect();
    pending.sort_by_key(|(i, _, _)| outcome.pages[*i].order);
    if pending.is_empty() {
        return Ok(());
    }
    progress.note(&format!(
        "session controls: checking {} page(s) that show PHI",
        pending.len()
    ));
    for (i, url, replay) in pending {
        let mut probes = vec![SessionProbe::Guest {
            url: url.clone(),
            replay,
        }];
        if let Some(logout_url) = &config.logout_url {
            probes.push(SessionProbe::AfterLogout {
                url: url.clone(),
                logout_url: logout_url.clone(),
            });
        }
        if config.check_idle && !idle_done {
            idle_done = true;
            progress.note(&format!(
                "{}: idle logoff: leaving the page idle for {} s",
                redact_url(&url),
                config.idle_timeout.as_secs()
            ));
            probes.push(SessionProbe::Idle {
                url: url.clone(),
                idle: config.idle_timeout,
            });
        }
        let mut done = SessionCheckRun::default();
        let mut findings: Vec<Finding> = Vec::new();
        let mut shown: Option<Snapshot> = None;
        for probe in &probes {
            match attempt(config, visitor, probe, progress, &url) {
                Ok(snapshot) => {
                    findings.extend(kept(scan(&snapshot).findings));
                    done.checks.push(probe.kind().to_string());
                    shown.get_or_insert(snapshot);
                }
                Err(e) => done.errors.push(format!(
                    "{}: {}",
                    probe.kind(),
                    crate::crawl::redact_visit_error(&e)
                )),
            }
        }
        if !cookies_done
            && let (Some(mut snapshot), Some(login_cookies)) = (shown, visitor.login_cookies())
        {
            cookies_done = true;
            // The page's snapshot as the carrier, with the cookie facts only.
            snapshot.session_check = Some(SessionCheck {
                kind: COOKIES.into(),
                idle_timeout_secs: Some(config.idle_timeout.as_secs()),
                login_cookies,
                ..SessionCheck::default()
            });
            findings.extend(kept(scan(&snapshot).findings));
            done.checks.push(COOKIES.into());
        }
        record(journal, progress, outcome, i, findings, done)?;
    }
    Ok(())
}

/// The findings of the session-control rules only.
fn kept(findings: Vec<Finding>) -> impl Iterator<Item = Finding> {
    findings
        .into_iter()
        .filter(|f| RULES.contains(&f.rule.as_str()))
}

/// One probe, retried (the browser restarted when it died).
fn attempt(
    config: &CrawlConfig,
    visitor: &dyn Visitor,
    probe: &SessionProbe,
    progress: &mut Progress,
    url: &str,
) -> Result<Snapshot, VisitError> {
    let mut round = 0;
    loop {
        if !visitor.is_alive()
            && let Err(e) = visitor.start(config.jobs)
        {
            return Err(VisitError::Crashed(format!(
                "cannot restart the browser: {e}"
            )));
        }
        match visitor.session_check(0, probe) {
            Ok(snapshot) => return Ok(snapshot),
            Err(e) if round < config.retries => {
                progress.note(&format!(
                    "{}: session check {} failed ({}); retrying",
                    redact_url(url),
                    probe.kind(),
                    crate::crawl::redact_visit_error(&e)
                ));
                round += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

fn record(
    journal: &mut Journal,
    progress: &mut Progress,
    outcome: &mut CrawlOutcome,
    index: usize,
    findings: Vec<Finding>,
    done: SessionCheckRun,
) -> Result<(), CrawlError> {
    let entry = &mut outcome.pages[index];
    let fails = findings
        .iter()
        .filter(|f| f.outcome == Outcome::Fail)
        .count();
    entry.findings.extend(findings);
    for error in &done.errors {
        outcome
            .warnings
            .push(format!("{}: session check not made: {error}", entry.url));
    }
    let note = format!(
        "session controls: {} checked, {fails} fail{}",
        done.checks.join(", "),
        if done.errors.is_empty() {
            String::new()
        } else {
            format!(", {} not checked", done.errors.len())
        }
    );
    entry.session_check = Some(done);
    journal.append(entry).map_err(CrawlError)?;
    progress.note(&format!("{}: {note}", entry.url));
    Ok(())
}
