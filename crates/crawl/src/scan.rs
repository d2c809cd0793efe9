//! A visited page becomes a scanned page: the rules run on its snapshot (through the one
//! scan function the front-end passes in, the same the static `scan` uses), the failing
//! elements are cropped from the live page, and the core says whether the page shows PHI
//! (so Back after logout is checked on it). Runs on the worker thread that visited the
//! page; the live page is dropped (its tab closed) at the end.

use std::time::{Duration, Instant};

use portalscan_core::report::bounds::Truncated;
use portalscan_core::{Finding, Scanned, Snapshot};

use crate::shots;
use crate::visitor::{Timings, VisitedPage};

/// The core's scan as the front-end configured it (which rules, which fingerprint key,
/// the bound on findings per rule).
pub type ScanFn<'a> = dyn Fn(&Snapshot) -> Scanned + Sync + 'a;

/// What the crawl keeps of a visited page.
#[derive(Clone, Debug, Default)]
pub(crate) struct ScannedPage {
    pub final_url: String,
    /// The page was captured before its load event came (see
    /// [`VisitedPage::load_finished`]).
    pub load_unfinished: bool,
    pub links: Vec<String>,
    /// Empty when the page was visited only for its links.
    pub findings: Vec<Finding>,
    /// Findings over the bound, counted (see [`Scanned::truncated`]).
    pub truncated: Vec<Truncated>,
    pub timings: Timings,
    pub warnings: Vec<String>,
    /// The page shows PHI (`portalscan_core::phi::shows_phi`).
    pub shows_phi: bool,
    /// What the rules could not evaluate on the snapshot (the browser's failed steps are
    /// added from the warnings when the report is made).
    pub coverage: Vec<portalscan_core::report::coverage::Gap>,
    /// The XHR/fetch GET requests the page made (the guest check replays them).
    pub data_requests: Vec<String>,
}

/// Scans `page` when `scan` is set (otherwise only its links and warnings are kept), with
/// crops of the failing elements, masked by the `screenshots` policy, when it is set.
pub(crate) fn scan_page(
    page: VisitedPage,
    scan: Option<&ScanFn<'_>>,
    screenshots: Option<portalscan_core::phi::screen::Policy>,
) -> ScannedPage {
    let VisitedPage {
        final_url,
        links,
        snapshot,
        mut timings,
        mut warnings,
        load_finished,
        live,
    } = page;
    let mut scanned = ScannedPage {
        final_url,
        links,
        load_unfinished: !load_finished,
        ..ScannedPage::default()
    };
    if let Some(scan) = scan {
        let start = Instant::now();
        let Scanned {
            findings,
            truncated,
        } = scan(&snapshot);
        scanned.findings = findings;
        scanned.truncated = truncated;
        timings.rules_ms = ms(start.elapsed());
        if let (Some(policy), Some(live)) = (screenshots, &live) {
            let start = Instant::now();
            if let Err(e) = shots::attach(live.as_ref(), &snapshot, &mut scanned.findings, policy) {
                warnings.push(e);
            }
            timings.screenshots_ms = ms(start.elapsed());
        }
        // Recorded on every scanned page, so a `--resume` that adds `[logout]` knows which
        // finished pages to check.
        scanned.shows_phi = portalscan_core::phi::shows_phi(&snapshot);
        scanned.coverage =
            portalscan_core::report::coverage::page_gaps(&snapshot, &scanned.findings);
        scanned.data_requests = data_requests(&snapshot);
    }
    scanned.timings = timings;
    scanned.warnings = warnings;
    scanned
}

/// The page's XHR/fetch GET requests, each URL once, in order.
fn data_requests(snapshot: &Snapshot) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    for r in snapshot.requests.iter().flatten() {
        if r.method.eq_ignore_ascii_case("GET")
            && matches!(r.resource_type.as_str(), "xhr" | "fetch")
            && !urls.contains(&r.url)
        {
            urls.push(r.url.clone());
        }
    }
    urls
}

pub(crate) fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
