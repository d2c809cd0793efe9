//! The page's cookies with their flags, from the browser's cookie store: unlike response
//! headers, this sees cookies set by script (`document.cookie`) and by every response.

use headless_chrome::Tab;
use portalscan_core::snapshot::Cookie;
use serde_json::{Value, json};

use super::fields::str_of;
use crate::BrowserError;
use crate::cdp;

/// The cookies the tab's current page (and its frames) would send: `Network.getCookies`
/// for the current URL.
pub fn cookies(tab: &Tab) -> Result<Vec<Cookie>, BrowserError> {
    let result = cdp::call(
        &cdp::Conn::open(tab),
        "reading cookies",
        cdp::GetCookies(json!({})),
    )?;
    Ok(from_json(&result))
}

/// Core cookies from a `Network.getCookies` result.
pub(crate) fn from_json(result: &Value) -> Vec<Cookie> {
    let flag = |c: &Value, k: &str| c.get(k).and_then(Value::as_bool).unwrap_or(false);
    result
        .get("cookies")
        .and_then(Value::as_array)
        .map(|list| {
            list.iter()
                .map(|c| Cookie {
                    name: str_of(c, "name").unwrap_or("").into(),
                    value: str_of(c, "value").unwrap_or("").into(),
                    domain: str_of(c, "domain").unwrap_or("").into(),
                    path: str_of(c, "path").unwrap_or("").into(),
                    secure: flag(c, "secure"),
                    http_only: flag(c, "httpOnly"),
                    // Chromium reports SameSite only when the cookie set it.
                    same_site: str_of(c, "sameSite").map(String::from),
                    session: flag(c, "session"),
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_come_through() {
        let r = json!({"cookies": [
            {"name": "sid", "value": "x", "domain": "127.0.0.1", "path": "/", "secure": true, "httpOnly": true,
             "sameSite": "Strict", "session": true, "expires": -1, "priority": "Medium", "sourceScheme": "NonSecure"},
            {"name": "pref", "value": "1", "domain": ".portal.example", "path": "/s", "session": false, "expires": 1.9e9}
        ]});
        let c = from_json(&r);
        assert_eq!(c.len(), 2);
        assert!(c[0].secure && c[0].http_only && c[0].session);
        assert_eq!(c[0].same_site.as_deref(), Some("Strict"));
        assert_eq!(
            (c[1].domain.as_str(), c[1].path.as_str()),
            (".portal.example", "/s")
        );
        assert!(!c[1].secure && !c[1].http_only && !c[1].session && c[1].same_site.is_none());
    }
}
