//! Back after logout in Chromium: open the page in a context of its own, log out, go Back,
//! and capture what the browser shows (the crawl scans it with the
//! `phi-restored-after-logout` rule).

use std::time::Duration;

use portalscan_core::Snapshot;

use super::ScopeGuard;
use crate::{BrowserError, Page, capture_dom, keyboard};

/// Runs the check on a fresh, logged-in page. The logout URL (out of the crawl's scope by
/// design) and where it redirects are allowed on the seeds' origins while it runs. The
/// snapshot of what Back showed carries `restored_after_logout`; `None`: Back did not
/// show the page again.
pub fn check(
    page: &Page,
    guard: &ScopeGuard,
    url: &str,
    logout_url: &str,
    settle: Duration,
) -> Result<Option<Snapshot>, BrowserError> {
    guard.set_login(true);
    let result = keyboard::restored_after_logout(page.tab(), url, logout_url, settle);
    guard.set_login(false);
    guard.take_blocked();
    let Some(restored) = result? else {
        return Ok(None);
    };
    let (dom, _map, viewport) = capture_dom(page.tab())?;
    let mut snapshot = Snapshot::new(url.to_string(), "chromium", dom);
    snapshot.viewport = viewport;
    snapshot.restored_after_logout = Some(restored);
    Ok(Some(snapshot))
}
