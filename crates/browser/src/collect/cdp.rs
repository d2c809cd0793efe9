//! DevTools calls with untyped (JSON) parameters and results.
//!
//! headless_chrome's generated protocol types lag behind Chromium: a result with a field or
//! enum value they do not know fails to parse (Chromium 156's cookies, for one, no longer
//! carry `sameParty`). The collectors therefore call the protocol with JSON and read only
//! the fields they need, which keeps them working across Chromium versions.

use headless_chrome::protocol::cdp::types::Method;
use serde::Serialize;
use serde_json::Value;

use crate::BrowserError;
pub(crate) use crate::keyboard::cdp::Conn;

macro_rules! methods {
    ($($name:ident = $method:literal;)*) => {$(
        #[derive(Debug, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub Value);
        impl Method for $name {
            const NAME: &'static str = $method;
            type ReturnObject = Value;
        }
    )*};
}

methods! {
    NetworkEnable = "Network.enable";
    GetResponseBody = "Network.getResponseBody";
    GetRequestPostData = "Network.getRequestPostData";
    GetCookies = "Network.getCookies";
    RuntimeEnable = "Runtime.enable";
    CallFunctionOn = "Runtime.callFunctionOn";
    LogEnable = "Log.enable";
    LogDisable = "Log.disable";
    DomStorageEnable = "DOMStorage.enable";
    DomStorageDisable = "DOMStorage.disable";
    GetDomStorageItems = "DOMStorage.getDOMStorageItems";
    IdbEnable = "IndexedDB.enable";
    IdbDisable = "IndexedDB.disable";
    RequestDatabaseNames = "IndexedDB.requestDatabaseNames";
    RequestDatabase = "IndexedDB.requestDatabase";
    RequestData = "IndexedDB.requestData";
    RequestCacheNames = "CacheStorage.requestCacheNames";
    RequestEntries = "CacheStorage.requestEntries";
    RequestCachedResponse = "CacheStorage.requestCachedResponse";
}

/// Calls `method` over `conn` (our own DevTools connection where one could be opened:
/// headless_chrome's transport takes ~100 ms a call, see keyboard/cdp.rs); a failure names
/// the step (`context`), never the parameters, which may hold page data.
pub fn call<M>(conn: &Conn, context: &str, method: M) -> Result<Value, BrowserError>
where
    M: Method<ReturnObject = Value> + Serialize,
{
    crate::keyboard::cdp::call(conn, context, method)
}

/// The `name: value` pairs of a DevTools `Headers` object. Chromium joins repeated headers
/// (`Set-Cookie`, `Cache-Control`) with a newline; each line becomes its own header, as it
/// was on the wire.
pub fn headers(value: &Value) -> Vec<portalscan_core::snapshot::Header> {
    let mut out = Vec::new();
    match value {
        Value::Object(map) => {
            for (name, v) in map {
                let text = match v {
                    Value::String(s) => s.clone(),
                    Value::Null => continue,
                    other => other.to_string(),
                };
                for line in text.split('\n') {
                    out.push(portalscan_core::snapshot::Header {
                        name: name.clone(),
                        value: line.trim_end_matches('\r').to_string(),
                    });
                }
            }
        }
        // CacheStorage gives `[{name, value}]`.
        Value::Array(items) => {
            for item in items {
                if let (Some(name), Some(v)) = (str_of(item, "name"), str_of(item, "value")) {
                    out.push(portalscan_core::snapshot::Header {
                        name: name.to_string(),
                        value: v.to_string(),
                    });
                }
            }
        }
        _ => {}
    }
    out
}

pub fn str_of<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// The origin (`scheme://host[:port]`) of a URL, if it has a tuple origin.
pub fn origin(url: &str) -> Option<String> {
    let origin = url::Url::parse(url).ok()?.origin();
    origin.is_tuple().then(|| origin.ascii_serialization())
}

/// `text` cut to at most `max` bytes on a character boundary.
pub fn truncate(mut text: String, max: usize) -> String {
    if text.len() > max {
        let mut end = max;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn joined_headers_split_into_lines() {
        let h = headers(&json!({"Set-Cookie": "a=1; HttpOnly\nb=2", "Content-Type": "text/html"}));
        let pairs: Vec<(&str, &str)> = h
            .iter()
            .map(|h| (h.name.as_str(), h.value.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Content-Type", "text/html"),
                ("Set-Cookie", "a=1; HttpOnly"),
                ("Set-Cookie", "b=2")
            ]
        );
        let h = headers(&json!([{"name": "content-type", "value": "application/json"}]));
        assert_eq!(h[0].name, "content-type");
        assert_eq!(h[0].value, "application/json");
    }

    #[test]
    fn origins_and_truncation() {
        assert_eq!(
            origin("http://127.0.0.1:8080/s/x?y=1").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            origin("https://Portal.Example:443/a").as_deref(),
            Some("https://portal.example")
        );
        assert_eq!(origin("data:text/plain,hi"), None);
        assert_eq!(truncate("héllo".to_string(), 2), "h");
        assert_eq!(truncate("abc".to_string(), 10), "abc");
    }
}
