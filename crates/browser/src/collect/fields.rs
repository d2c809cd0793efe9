//! Reading fields out of DevTools JSON results (the collectors call the protocol untyped,
//! through [`crate::cdp`]): headers, strings, origins, and text cut to a size.

use serde_json::Value;

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
