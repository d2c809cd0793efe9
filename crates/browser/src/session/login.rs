//! Logging in before the crawl: a Playwright `storageState` file (cookies and localStorage)
//! or a form login from the config with credentials from environment variables.
//!
//! Credentials are never printed, never written and never part of an error message: errors
//! name the step, the selector or the environment variable, not the values.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Page;
use serde::Deserialize;

use crate::BrowserError;
use crate::collect::fields;

/// A form login: the page, the fields and where the credentials come from (`[login]` in
/// `portalscan.toml`). The credentials themselves are never in the config, only the names
/// of the environment variables.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FormLogin {
    pub url: String,
    pub username_selector: String,
    pub password_selector: String,
    pub submit_selector: String,
    pub username_env: String,
    pub password_env: String,
    /// Login succeeded once the page URL contains this.
    pub success_url_contains: String,
}

/// Playwright's `storageState` JSON (what `context.storageState({ path })` writes).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct StorageState {
    #[serde(default)]
    pub cookies: Vec<StateCookie>,
    #[serde(default)]
    pub origins: Vec<StateOrigin>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StateCookie {
    pub name: String,
    pub value: String,
    pub domain: String,
    #[serde(default = "root_path")]
    pub path: String,
    /// Unix seconds; -1 for a session cookie.
    #[serde(default)]
    pub expires: Option<f64>,
    #[serde(default)]
    pub http_only: bool,
    #[serde(default)]
    pub secure: bool,
    #[serde(default)]
    pub same_site: Option<String>,
}

fn root_path() -> String {
    "/".into()
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct StateOrigin {
    pub origin: String,
    #[serde(default)]
    pub local_storage: Vec<NameValue>,
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct NameValue {
    pub name: String,
    pub value: String,
}

impl StorageState {
    /// Reads the file; errors name the file and the JSON position, never a value.
    pub fn load(path: &Path) -> Result<StorageState, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        StorageState::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<StorageState, String> {
        serde_json::from_str(text).map_err(|e| {
            format!(
                "not a storage state file: {}",
                portalscan_core::phi::redact_parser_message(&e.to_string())
            )
        })
    }

    /// The cookies as DevTools `CookieParam`s (what `Storage.setCookies` takes).
    pub fn cookie_params(&self) -> Vec<serde_json::Value> {
        self.cookies
            .iter()
            .map(|c| {
                let mut json = serde_json::json!({
                    "name": c.name, "value": c.value, "domain": c.domain, "path": c.path,
                    "secure": c.secure, "httpOnly": c.http_only,
                });
                if let Some(exp) = c.expires.filter(|e| *e > 0.0) {
                    json["expires"] = exp.into();
                }
                if let Some(ss) = c
                    .same_site
                    .as_deref()
                    .filter(|s| ["Strict", "Lax", "None"].contains(s))
                {
                    json["sameSite"] = ss.into();
                }
                json
            })
            .collect()
    }

    /// A script, run before the page's own in every document of a page's context, that
    /// writes the localStorage items of the document's origin (items the page already has
    /// are left alone). Only origins of a seed: the crawler never goes anywhere else.
    pub fn local_storage_script(&self, seeds: &[String]) -> Option<String> {
        let mut by_origin = serde_json::Map::new();
        for origin in &self.origins {
            let origin_name = origin.origin.trim_end_matches('/');
            let has_seed = seeds
                .iter()
                .any(|s| fields::origin(s).as_deref() == Some(origin_name));
            if !has_seed || origin.local_storage.is_empty() {
                continue;
            }
            let items: Vec<(&str, &str)> = origin
                .local_storage
                .iter()
                .map(|kv| (kv.name.as_str(), kv.value.as_str()))
                .collect();
            by_origin.insert(origin_name.to_string(), serde_json::json!(items));
        }
        if by_origin.is_empty() {
            return None;
        }
        Some(format!(
            "(() => {{ const items = {}[location.origin]; if (!items) return; \
             try {{ for (const [k, v] of items) if (localStorage.getItem(k) === null) localStorage.setItem(k, v); }} catch (_) {{}} }})()",
            serde_json::Value::Object(by_origin)
        ))
    }
}

/// Adds `script` to run before the page's own scripts in every document the tab loads.
pub fn add_script(tab: &Arc<Tab>, script: &str) -> Result<(), BrowserError> {
    tab.call_method(Page::AddScriptToEvaluateOnNewDocument {
        source: script.to_string(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .map(|_| ())
    .map_err(|_| BrowserError::Protocol("storage state: cannot set localStorage".into()))
}

/// Fills and submits the login form, then waits for the success URL.
pub fn form_login(
    tab: &Arc<Tab>,
    login: &FormLogin,
    timeout: Duration,
) -> Result<(), BrowserError> {
    let env = |name: &str| {
        std::env::var(name)
            .ok()
            .filter(|v| !v.is_empty())
            .ok_or_else(|| {
                BrowserError::Launch(format!("login: environment variable {name} is not set"))
            })
    };
    let username = env(&login.username_env)?;
    let password = env(&login.password_env)?;
    navigate(tab, &login.url, timeout)?;
    let step = |what: &str| {
        let what = what.to_string();
        move |_| BrowserError::Protocol(format!("login: {what}"))
    };
    let field = |selector: &str| {
        tab.wait_for_element_with_custom_timeout(selector, timeout)
            .map_err(step(&format!("no element matches {selector}")))
    };
    // Focus through the page's own DOM (DevTools node ids go stale across the settle
    // script's observers), then type with real key events as a person would.
    let focus = |selector: &str, what: &str| -> Result<(), BrowserError> {
        field(selector)?;
        let script = format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; e.focus(); return document.activeElement === e; }})()",
            serde_json::to_string(selector).unwrap_or_default()
        );
        match tab.evaluate(&script, false).map(|r| r.value) {
            Ok(Some(serde_json::Value::Bool(true))) => Ok(()),
            _ => Err(BrowserError::Protocol(format!(
                "login: cannot focus the {what}"
            ))),
        }
    };
    focus(&login.username_selector, "username field")?;
    tab.type_str(&username)
        .map_err(step("cannot type the username"))?;
    focus(&login.password_selector, "password field")?;
    tab.type_str(&password)
        .map_err(step("cannot type the password"))?;
    focus(&login.submit_selector, "submit button")?;
    tab.press_key("Enter")
        .map_err(step("cannot submit the form"))?;
    let start = Instant::now();
    while start.elapsed() < timeout {
        if tab.get_url().contains(&login.success_url_contains) {
            wait_loaded(tab, timeout.saturating_sub(start.elapsed()));
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Err(BrowserError::Protocol(format!(
        "login: the page did not reach a URL containing '{}' (wrong credentials?)",
        login.success_url_contains
    )))
}

/// Waits (at most `budget`) until the page a login landed on has finished loading. A page
/// left before its `load` event never gets `pagehide`, so the clean-up it does there never
/// runs: going on at once made whatever the landing page stored outlive it (seen under load:
/// the fixture portal's home page kept its profile cache after the crawler moved on).
fn wait_loaded(tab: &Arc<Tab>, budget: Duration) {
    let start = Instant::now();
    while start.elapsed() < budget {
        // Errors are expected while the landing page is still committing: ask again.
        if let Ok(Some(serde_json::Value::Bool(true))) = tab
            .evaluate("document.readyState === 'complete'", false)
            .map(|r| r.value)
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn navigate(tab: &Arc<Tab>, url: &str, timeout: Duration) -> Result<(), BrowserError> {
    tab.set_default_timeout(timeout);
    let shown = portalscan_core::phi::redact_url(url);
    tab.navigate_to(url)
        .and_then(|t| t.wait_until_navigated())
        .map(|_| ())
        .map_err(|e| BrowserError::Navigation {
            url: shown,
            message: e.to_string(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_playwright_storage_state() {
        let json = r#"{
          "cookies": [{"name": "sid", "value": "abc", "domain": "127.0.0.1", "path": "/",
                       "expires": -1, "httpOnly": true, "secure": false, "sameSite": "Lax"}],
          "origins": [{"origin": "http://127.0.0.1:8080",
                       "localStorage": [{"name": "token", "value": "t0k"}]}]
        }"#;
        let state = StorageState::parse(json).unwrap();
        assert_eq!(state.cookies[0].name, "sid");
        assert!(state.cookies[0].http_only);
        assert_eq!(state.origins[0].local_storage[0].value, "t0k");
        let params = state.cookie_params();
        assert_eq!(params[0]["sameSite"], "Lax");
        assert!(params[0].get("expires").is_none());
        let script = state
            .local_storage_script(&["http://127.0.0.1:8080/s/home".into()])
            .unwrap();
        assert!(
            script.contains(r#"{"http://127.0.0.1:8080":[["token","t0k"]]}"#),
            "{script}"
        );
        assert_eq!(
            state.local_storage_script(&["http://other.test/".into()]),
            None
        );
    }

    #[test]
    fn errors_do_not_quote_values() {
        let e = StorageState::parse(r#"{"cookies": [{"name": "sid", "value": 5, "domain": "x"}]}"#)
            .unwrap_err();
        assert!(e.contains("not a storage state"), "{e}");
        let e = StorageState::parse(r#"{"cookies": "s3cr3t-token"}"#).unwrap_err();
        assert!(!e.contains("s3cr3t"), "{e}");
    }
}
