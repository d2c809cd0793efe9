//! The HIPAA session controls in Chromium (164.312(a)(2)(iii) automatic logoff, 164.312(d)
//! authentication): what a guest is shown, what the old session cookie opens after logout
//! and what client storage holds then, what a page shows after it was left idle, and how
//! long the login's cookies live. Each check runs in browser contexts of its own and only
//! navigates with GET (the configured login form is the only form submitted); the snapshot
//! it captures carries `session_check`, and the core's rules decide.

use std::sync::Arc;
use std::time::Duration;

use headless_chrome::Tab;
use portalscan_core::Snapshot;
use portalscan_core::snapshot::{CookieLifetime, Replayed, SessionCheck};
use serde_json::Value;

use crate::{BrowserError, capture_dom};

/// A replayed response body is cut to this many bytes (as cached bodies are).
pub const MAX_REPLAYED_BODY: usize = crate::collect::MAX_CACHE_BODY;

/// Loads `url` with GET and waits `settle`; returns where the tab ended up.
pub(super) fn load(tab: &Tab, url: &str, settle: Duration) -> Result<String, BrowserError> {
    tab.navigate_to(url)
        .and_then(|t| t.wait_until_navigated())
        .map_err(|e| BrowserError::Navigation {
            url: portalscan_core::phi::redact_url(url),
            message: e.to_string(),
        })?;
    std::thread::sleep(settle);
    Ok(tab.get_url())
}

/// What the tab shows now, as the snapshot of `url` for the check `check`.
pub(super) fn shown(tab: &Tab, url: &str, check: SessionCheck) -> Result<Snapshot, BrowserError> {
    let (dom, _map, viewport) = capture_dom(tab)?;
    let mut snapshot = Snapshot::new(url.to_string(), "chromium", dom);
    snapshot.viewport = viewport;
    snapshot.session_check = Some(check);
    Ok(snapshot)
}

/// Each of `urls` fetched with GET from the page in `tab`, without cookies
/// (`credentials: 'omit'`), and what the server answered. A request that fails outright
/// (refused, blocked) is left out: the server gave no answer to judge.
pub(super) fn replay(tab: &Arc<Tab>, urls: &[String]) -> Vec<Replayed> {
    let mut replayed = Vec::new();
    for url in urls {
        let script = format!(
            "fetch({}, {{method: 'GET', credentials: 'omit', cache: 'no-store'}})\
               .then(r => r.text().then(t => JSON.stringify([r.status, t.slice(0, {MAX_REPLAYED_BODY})])))\
               .catch(() => null)",
            serde_json::to_string(url).unwrap_or_default()
        );
        // An array would come back as a remote object reference: the answer is JSON text.
        let Ok(Some(Value::String(text))) = tab.evaluate(&script, true).map(|r| r.value) else {
            continue;
        };
        let Ok(Value::Array(answer)) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let Some(status) = answer.first().and_then(Value::as_u64) else {
            continue;
        };
        replayed.push(Replayed {
            url: url.clone(),
            status: u16::try_from(status).unwrap_or(u16::MAX),
            body: answer.get(1).and_then(Value::as_str).map(str::to_string),
        });
    }
    replayed
}

/// The lifetimes of cookies as `Storage.getCookies` reports them, `now` in Unix seconds:
/// a session cookie has none; another lives from now until it expires.
pub fn lifetimes(cookies: &[Value], now: f64) -> Vec<CookieLifetime> {
    cookies
        .iter()
        .filter_map(|c| {
            let name = c["name"].as_str()?.to_string();
            let session = c["session"].as_bool().unwrap_or(false);
            let lifetime_secs = c["expires"]
                .as_f64()
                .filter(|e| !session && *e > 0.0)
                .map(|e| (e - now).max(0.0));
            Some(CookieLifetime {
                name,
                session,
                lifetime_secs,
            })
        })
        .collect()
}

/// Unix time in seconds.
pub fn now_secs() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lifetimes_count_from_now_and_session_cookies_have_none() {
        let cookies = [
            json!({"name": "sid", "value": "v", "session": true, "expires": -1}),
            json!({"name": "remember", "value": "v", "session": false, "expires": 1_000_900.0}),
            json!({"name": "odd", "value": "v", "session": false}),
        ];
        let got = lifetimes(&cookies, 1_000_000.0);
        assert_eq!(got.len(), 3);
        assert!(got[0].session && got[0].lifetime_secs.is_none());
        assert_eq!(got[1].lifetime_secs, Some(900.0));
        assert!(!got[2].session && got[2].lifetime_secs.is_none());
    }
}
