//! Browser contexts: a tab that shares no cookies, storage or cache with any other
//! (`Target.createBrowserContext`, Chromium's incognito profile). The crawler visits every
//! page in a context of its own, so what one page stored is never seen on another.
//!
//! Contexts are made and disposed over a DevTools connection of our own to the browser
//! endpoint (headless_chrome keeps its browser-level calls private, and its transport takes
//! ~100 ms a call). A context is disposed when its `BrowserContext` is dropped (and with
//! the browser when Chromium goes away).

use std::sync::{Arc, Mutex};

use serde_json::{Value, json};

use crate::BrowserError;
use crate::cdp::{Direct, connect_url};

/// The browser-level DevTools connection, opened on first use.
pub(crate) struct Control {
    ws_url: String,
    direct: Mutex<Option<Direct>>,
}

impl Control {
    pub(crate) fn new(ws_url: String) -> Control {
        Control {
            ws_url,
            direct: Mutex::new(None),
        }
    }

    pub(crate) fn call(
        &self,
        what: &str,
        method: &str,
        params: Value,
    ) -> Result<Value, BrowserError> {
        let mut direct = self.direct.lock().unwrap_or_else(|e| e.into_inner());
        if direct.is_none() {
            *direct = connect_url(&self.ws_url);
        }
        let Some(conn) = direct.as_mut() else {
            return Err(BrowserError::Protocol(format!(
                "{what}: cannot connect to the browser's DevTools endpoint"
            )));
        };
        let start = std::time::Instant::now();
        let result = conn.call(method, params);
        crate::profile::record(method, what, start.elapsed());
        // A broken socket is not reused; a DevTools error leaves it usable.
        if conn.broken {
            *direct = None;
        }
        result.map_err(|e| BrowserError::protocol(what, e))
    }
}

/// One browser context, disposed (with its tabs) when dropped.
pub struct BrowserContext {
    id: String,
    control: Arc<Control>,
}

impl BrowserContext {
    pub(crate) fn create(control: &Arc<Control>) -> Result<BrowserContext, BrowserError> {
        let created = control.call(
            "creating a browser context",
            "Target.createBrowserContext",
            json!({}),
        )?;
        let id = created["browserContextId"]
            .as_str()
            .ok_or_else(|| BrowserError::Protocol("no browser context was created".into()))?;
        Ok(BrowserContext {
            id: id.to_string(),
            control: Arc::clone(control),
        })
    }

    /// Opens a blank tab in this context, in a window of its own (a background tab is not
    /// rendered: see `Browser::new_page`); returns its target id.
    pub(crate) fn create_target(&self) -> Result<String, BrowserError> {
        let created = self.control.call(
            "opening a tab in a browser context",
            "Target.createTarget",
            json!({"url": "about:blank", "browserContextId": self.id, "newWindow": true}),
        )?;
        created["targetId"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| BrowserError::Protocol("no tab was created".into()))
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Sets cookies in this context (DevTools `CookieParam`s: name, value, domain, path,
    /// secure, httpOnly, sameSite, expires…). Errors never quote a cookie.
    pub fn set_cookies(&self, cookies: &[Value]) -> Result<(), BrowserError> {
        if cookies.is_empty() {
            return Ok(());
        }
        self.control
            .call(
                "setting cookies",
                "Storage.setCookies",
                json!({"cookies": cookies, "browserContextId": self.id}),
            )
            .map(|_| ())
            .map_err(|_| BrowserError::Protocol("setting cookies in a browser context".into()))
    }

    /// Every cookie of this context, as DevTools reports them.
    pub fn cookies(&self) -> Result<Vec<Value>, BrowserError> {
        let got = self
            .control
            .call(
                "reading cookies",
                "Storage.getCookies",
                json!({"browserContextId": self.id}),
            )
            .map_err(|_| {
                BrowserError::Protocol("reading the cookies of a browser context".into())
            })?;
        Ok(got["cookies"].as_array().cloned().unwrap_or_default())
    }
}

impl Drop for BrowserContext {
    fn drop(&mut self) {
        // Closes the context's tabs too. A dead browser took them with it.
        let _ = self.control.call(
            "disposing a browser context",
            "Target.disposeBrowserContext",
            json!({"browserContextId": self.id}),
        );
    }
}

/// A cookie as `Storage.getCookies` reports it, turned into the `CookieParam` that
/// `Storage.setCookies` takes (session cookies stay session cookies).
pub fn cookie_param(cookie: &Value) -> Value {
    let mut param = json!({});
    for key in [
        "name",
        "value",
        "domain",
        "path",
        "secure",
        "httpOnly",
        "sameSite",
        "priority",
        "sourceScheme",
        "sourcePort",
    ] {
        if let Some(v) = cookie.get(key).filter(|v| !v.is_null()) {
            param[key] = v.clone();
        }
    }
    let session = cookie["session"].as_bool().unwrap_or(false);
    if let Some(expires) = cookie["expires"].as_f64().filter(|e| *e > 0.0 && !session) {
        param["expires"] = json!(expires);
    }
    param
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_params_keep_what_set_cookies_takes() {
        let got = json!({"name": "sid", "value": "v", "domain": "127.0.0.1", "path": "/",
            "expires": -1, "size": 4, "httpOnly": true, "secure": true, "session": true,
            "sameSite": "Lax", "priority": "Medium", "sourceScheme": "NonSecure",
            "sourcePort": 8080});
        let param = cookie_param(&got);
        assert_eq!(param["name"], "sid");
        assert_eq!(param["sameSite"], "Lax");
        assert!(param.get("expires").is_none(), "a session cookie stays one");
        assert!(param.get("size").is_none() && param.get("session").is_none());
        let lasting = json!({"name": "a", "value": "b", "domain": "x", "path": "/",
            "expires": 2_000_000_000.0, "session": false});
        assert_eq!(cookie_param(&lasting)["expires"], 2_000_000_000.0);
    }
}
