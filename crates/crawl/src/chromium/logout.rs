//! Back after logout in Chromium: open the page in a context of its own, log out, go Back,
//! and scan what the browser shows with the `phi-restored-after-logout` rule.

use portalscan_browser::{BrowserError, Page, capture_dom, keyboard};
use portalscan_core::snapshot::RestoredPage;
use portalscan_core::{Outcome, ScanOptions, Snapshot};

use super::{ChromiumOptions, ScopeGuard};
use crate::visitor::Restored;

/// The rule whose findings the check keeps.
pub const RULE: &str = "phi-restored-after-logout";

/// Whether the page shows PHI a person would see if Back brought it back after logout:
/// the rule itself decides, on the page as visited (so a page is checked exactly when the
/// check could find something).
pub fn shows_phi(snapshot: &mut Snapshot) -> bool {
    let Some(rule) = portalscan_core::rules::by_id(RULE) else {
        return false;
    };
    snapshot.restored_after_logout = Some(RestoredPage {
        logout_url: String::new(),
        via: "candidate".into(),
    });
    let findings = portalscan_core::engine::scan(snapshot, &[rule], ScanOptions::default());
    snapshot.restored_after_logout = None;
    findings.iter().any(|f| f.outcome == Outcome::Fail)
}

/// Runs the check on a fresh, logged-in page. The logout URL (out of the crawl's scope by
/// design) and where it redirects are allowed on the seeds' origins while it runs.
pub fn check(
    page: &Page,
    guard: &ScopeGuard,
    url: &str,
    logout_url: &str,
    opts: &ChromiumOptions,
) -> Result<Restored, BrowserError> {
    guard.set_login(true);
    let result = keyboard::restored_after_logout(page.tab(), url, logout_url, opts.visit.settle);
    guard.set_login(false);
    guard.take_blocked();
    let Some(restored) = result? else {
        return Ok(Restored::default());
    };
    let (dom, _map, viewport) = capture_dom(page.tab())?;
    let mut snapshot = Snapshot::new(url.to_string(), "chromium", dom);
    snapshot.viewport = viewport;
    let via = restored.via.clone();
    snapshot.restored_after_logout = Some(restored);
    let findings = (opts.scan)(&snapshot)
        .into_iter()
        .filter(|f| f.rule == RULE)
        .collect();
    Ok(Restored {
        via: Some(via),
        findings,
    })
}
