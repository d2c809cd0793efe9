//! Back after logout: does the browser show the PHI page again?
//!
//! The caller captures the page shown (its snapshot gets `restored_after_logout`) and the
//! core's `phi-restored-after-logout` rule looks for PHI in it.

use std::time::{Duration, Instant};

use headless_chrome::Tab;
use portalscan_core::snapshot::RestoredPage;
use serde_json::json;

use super::remote;
use crate::BrowserError;
use crate::cdp::{self, Conn};

/// How long Back may take to show a page.
const BACK_TIMEOUT: Duration = Duration::from_secs(20);

/// Marks the current document's window (in the page's world, under a registry symbol no
/// page looks for), so we can tell whether Back brought the same live document back.
fn mark(cx: &Conn, token: &str) -> Result<(), BrowserError> {
    remote::eval_value(
        cx,
        None,
        "marking the page",
        &format!(
            "(() => {{ Object.defineProperty(window, Symbol.for('portalscan.mark'), \
                {{ value: '{token}', configurable: true }}); }})()"
        ),
    )?;
    Ok(())
}

/// [href, readyState, mark, how the document was loaded].
const STATE: &str = "(() => { const n = performance.getEntriesByType('navigation')[0]; \
    return [location.href, document.readyState, window[Symbol.for('portalscan.mark')] || null, \
        n ? [n.type, n.transferSize, n.decodedBodySize] : null]; })()";

fn without_fragment(url: &str) -> &str {
    url.split('#').next().unwrap_or(url)
}

/// The same page: origin and path (a portal page may add its own query, such as
/// Experience Cloud's `c__` parameters, and fragments once loaded; a login redirect
/// changes the path).
pub(crate) fn same_page(a: &str, b: &str) -> bool {
    let parse = |u: &str| {
        url::Url::parse(u)
            .ok()
            .map(|u| (u.origin(), u.path().to_string()))
    };
    match (parse(a), parse(b)) {
        (Some(a), Some(b)) => a == b,
        _ => without_fragment(a) == without_fragment(b),
    }
}

fn navigate(tab: &Tab, url: &str, settle: Duration) -> Result<String, BrowserError> {
    tab.navigate_to(url)
        .and_then(|t| t.wait_until_navigated())
        .map_err(|e| BrowserError::Navigation {
            url: url.to_string(),
            message: e.to_string(),
        })?;
    std::thread::sleep(settle);
    Ok(tab.get_url())
}

/// Opens `phi_url` (the session must be logged in), then `logout_url`, then goes back in
/// history to the PHI page, waiting `settle` after each. Returns how the PHI page came back
/// (`bfcache`: the same live document; `http-cache`: reloaded without a network transfer;
/// `network`: fetched again and the server still served it), or `None` when Back showed
/// something else (the server sent the login page). The tab is left on the page shown.
/// A PHI page that does not load as itself (redirected to a login page: the session is not
/// logged in) is an error, not "not restored".
pub fn restored_after_logout(
    tab: &Tab,
    phi_url: &str,
    logout_url: &str,
    settle: Duration,
) -> Result<Option<RestoredPage>, BrowserError> {
    let cx = &Conn::open(tab);
    let phi = navigate(tab, phi_url, settle)?;
    if !same_page(&phi, phi_url) {
        // Back would "restore" the login page: say so rather than answer "not restored".
        return Err(BrowserError::Navigation {
            url: phi_url.to_string(),
            message: "the page did not load as itself before logout (redirected: is the \
                      session logged in?)"
                .into(),
        });
    }
    mark(cx, "phi")?;
    navigate(tab, logout_url, settle)?;
    mark(cx, "after-logout")?;
    let history = cdp::call(cx, "reading history", cdp::GetNavigationHistory(json!({})))?;
    let current = history["currentIndex"].as_u64().unwrap_or(0) as usize;
    let entries = history["entries"].as_array().cloned().unwrap_or_default();
    let Some(entry) = entries[..current.min(entries.len())]
        .iter()
        .rev()
        .find(|e| e["url"].as_str().map(without_fragment) == Some(without_fragment(&phi)))
    else {
        return Err(BrowserError::Navigation {
            url: phi_url.to_string(),
            message: "the page is not in the tab's history after logout".into(),
        });
    };
    cdp::call(
        cx,
        "going back",
        cdp::NavigateToHistoryEntry(json!({"entryId": entry["id"]})),
    )?;
    let started = Instant::now();
    let state = loop {
        // While the documents swap, evaluation may fail: try again.
        if let Ok(state) = remote::eval_value(cx, None, "reading the page after Back", STATE)
            && state[1] == "complete"
            && state[2] != "after-logout"
        {
            break state;
        }
        if started.elapsed() > BACK_TIMEOUT {
            return Err(BrowserError::Timeout {
                url: phi_url.to_string(),
                step: "going back after logout".into(),
            });
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    std::thread::sleep(settle);
    let href = state[0].as_str().unwrap_or("");
    if without_fragment(href) != without_fragment(&phi) {
        return Ok(None);
    }
    let via = if state[2] == "phi" {
        "bfcache"
    } else if state[3][1].as_f64() == Some(0.0) && state[3][2].as_f64().unwrap_or(0.0) > 0.0 {
        "http-cache"
    } else {
        "network"
    };
    Ok(Some(RestoredPage {
        logout_url: logout_url.to_string(),
        via: via.to_string(),
    }))
}
