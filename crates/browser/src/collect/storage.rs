//! The page origin's client-side storage: localStorage, sessionStorage, IndexedDB and Cache
//! Storage, read through the DevTools storage domains rather than page script (Lightning
//! Locker and LWS wrap `window.localStorage`, and a page can shadow any global).

use headless_chrome::Tab;
use portalscan_core::snapshot::{CacheEntry, IndexedDbRecord, KeyValue, Storage};
use serde_json::{Value, json};

use super::fields::{self, str_of};
use crate::BrowserError;
use crate::cdp::{self, Conn};

/// Records read per IndexedDB object store and entries per cache.
pub const MAX_RECORDS: usize = 200;
/// An IndexedDB record's JSON text and a cached body are cut to this many bytes.
pub const MAX_VALUE: usize = 64 * 1024;
/// Cached response bodies (text types only) are cut to this many bytes.
pub const MAX_CACHE_BODY: usize = 256 * 1024;

/// Everything the origin of `page_url` keeps in the browser. Fails rather than return a
/// partial picture: an empty store would read as "no PHI stored".
pub fn storage(tab: &Tab, page_url: &str) -> Result<Storage, BrowserError> {
    let Some(origin) = fields::origin(page_url) else {
        return Err(BrowserError::Protocol(format!(
            "reading storage of {}: the page has no origin",
            portalscan_core::phi::redact_url(page_url)
        )));
    };
    let conn = &cdp::Conn::open(tab);
    Ok(Storage {
        local: dom_storage(conn, &origin, true)?,
        session: dom_storage(conn, &origin, false)?,
        indexed_db: indexed_db(conn, &origin)?,
        cache_storage: cache_storage(conn, &origin)?,
    })
}

fn dom_storage(conn: &Conn, origin: &str, local: bool) -> Result<Vec<KeyValue>, BrowserError> {
    let what = if local {
        "reading localStorage"
    } else {
        "reading sessionStorage"
    };
    cdp::call(conn, what, cdp::DomStorageEnable(json!({})))?;
    let by_origin = json!({ "storageId": { "securityOrigin": origin, "isLocalStorage": local } });
    // Newer Chromium keys storage by storage key (the origin and a slash for first-party).
    let by_key =
        json!({ "storageId": { "storageKey": format!("{origin}/"), "isLocalStorage": local } });
    let result = cdp::call(conn, what, cdp::GetDomStorageItems(by_origin))
        .or_else(|_| cdp::call(conn, what, cdp::GetDomStorageItems(by_key)));
    let _ = cdp::call(conn, what, cdp::DomStorageDisable(json!({})));
    Ok(dom_items(&result?))
}

/// `[[key, value], ...]` from `getDOMStorageItems`.
pub(crate) fn dom_items(result: &Value) -> Vec<KeyValue> {
    let mut items: Vec<KeyValue> = result
        .get("entries")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|pair| {
            let pair = pair.as_array()?;
            Some(KeyValue {
                key: pair.first()?.as_str()?.to_string(),
                value: pair.get(1)?.as_str()?.to_string(),
            })
        })
        .collect();
    // Storage has no order; sort so two scans of one page compare equal.
    items.sort_by(|a, b| a.key.cmp(&b.key));
    items
}

fn indexed_db(conn: &Conn, origin: &str) -> Result<Vec<IndexedDbRecord>, BrowserError> {
    const STEP: &str = "reading IndexedDB";
    cdp::call(conn, STEP, cdp::IdbEnable(json!({})))?;
    let result = read_indexed_db(conn, origin);
    let _ = cdp::call(conn, STEP, cdp::IdbDisable(json!({})));
    result
}

fn read_indexed_db(conn: &Conn, origin: &str) -> Result<Vec<IndexedDbRecord>, BrowserError> {
    const STEP: &str = "reading IndexedDB";
    let names = cdp::call(
        conn,
        STEP,
        cdp::RequestDatabaseNames(json!({ "securityOrigin": origin })),
    )?;
    let mut names: Vec<&str> = names
        .get("databaseNames")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    names.sort_unstable();
    let mut records = Vec::new();
    for database in names {
        let db = cdp::call(
            conn,
            STEP,
            cdp::RequestDatabase(json!({ "securityOrigin": origin, "databaseName": database })),
        )?;
        let stores = db
            .pointer("/databaseWithObjectStores/objectStores")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for store in stores.iter().filter_map(|s| str_of(s, "name")) {
            let data = cdp::call(
                conn,
                STEP,
                cdp::RequestData(json!({
                    "securityOrigin": origin, "databaseName": database, "objectStoreName": store,
                    "skipCount": 0, "pageSize": MAX_RECORDS,
                })),
            )?;
            let entries: Vec<(&Value, &Value)> = data
                .get("objectStoreDataEntries")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .map(|entry| {
                    let key = entry.get("primaryKey").or(entry.get("key"));
                    (
                        key.unwrap_or(&Value::Null),
                        entry.get("value").unwrap_or(&Value::Null),
                    )
                })
                .collect();
            // Keys and values that are objects are stringified in the page, a store at a time.
            let objects: Vec<&Value> = entries.iter().flat_map(|(k, v)| [*k, *v]).collect();
            let mut texts = stringify_all(conn, &objects)?.into_iter();
            for (key, value) in entries {
                let key_json = texts.next().flatten();
                let value_json = texts.next().flatten();
                records.push(IndexedDbRecord {
                    database: database.into(),
                    store: store.into(),
                    key: match key.get("value") {
                        // Strings bare, numbers as numbers, dates and arrays as JSON.
                        Some(Value::String(s)) => s.clone(),
                        _ => key_json.unwrap_or_else(|| primitive_json(key)),
                    },
                    value: value_json.unwrap_or_else(|| primitive_json(value)),
                });
            }
        }
    }
    Ok(records)
}

/// `JSON.stringify` of every `RemoteObject` in `objects` that has an object id (a preview is
/// cut short and loses nesting), in one call; `None` for the primitives.
fn stringify_all(conn: &Conn, objects: &[&Value]) -> Result<Vec<Option<String>>, BrowserError> {
    let ids: Vec<&str> = objects
        .iter()
        .filter_map(|o| str_of(o, "objectId"))
        .collect();
    let Some(first) = ids.first() else {
        return Ok(vec![None; objects.len()]);
    };
    let mut arguments = vec![json!({ "value": MAX_VALUE })];
    arguments.extend(ids.iter().map(|id| json!({ "objectId": id })));
    let result = cdp::call(
        conn,
        "reading IndexedDB records",
        cdp::CallFunctionOn(json!({
            "objectId": first,
            "functionDeclaration": STRINGIFY,
            "arguments": arguments,
            "returnByValue": true,
        })),
    )?;
    let texts = result
        .pointer("/result/value")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut texts = texts.into_iter();
    Ok(objects
        .iter()
        .map(|o| {
            str_of(o, "objectId")?;
            let text = texts.next()?;
            Some(fields::truncate(
                text.as_str().unwrap_or("null").into(),
                MAX_VALUE,
            ))
        })
        .collect())
}

/// A primitive `RemoteObject` as JSON text.
fn primitive_json(object: &Value) -> String {
    match (str_of(object, "type"), object.get("value")) {
        (_, Some(v)) => v.to_string(),
        (Some("undefined"), None) => "null".into(),
        _ => str_of(object, "unserializableValue")
            .or(str_of(object, "description"))
            .map(|d| Value::String(d.into()).to_string())
            .unwrap_or_else(|| "null".into()),
    }
}

/// Runs in the page on a store's records: JSON, or their string form when JSON cannot hold
/// them (cycles, BigInt).
const STRINGIFY: &str = "function (max, ...objects) {
    return objects.map(o => {
        let text;
        try { text = JSON.stringify(o, (k, v) => typeof v === 'bigint' ? String(v) : v); }
        catch (e) { text = JSON.stringify(String(o)); }
        if (text === undefined) text = 'null';
        return text.length > max ? text.slice(0, max) : text;
    });
}";

fn cache_storage(conn: &Conn, origin: &str) -> Result<Vec<CacheEntry>, BrowserError> {
    const STEP: &str = "reading Cache Storage";
    let caches = cdp::call(
        conn,
        STEP,
        cdp::RequestCacheNames(json!({ "securityOrigin": origin })),
    )?;
    let mut entries = Vec::new();
    for cache in caches
        .get("caches")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let (Some(id), Some(name)) = (str_of(cache, "cacheId"), str_of(cache, "cacheName")) else {
            continue;
        };
        let list = cdp::call(
            conn,
            STEP,
            cdp::RequestEntries(json!({ "cacheId": id, "skipCount": 0, "pageSize": MAX_RECORDS })),
        )?;
        for entry in list
            .get("cacheDataEntries")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let url = str_of(entry, "requestURL").unwrap_or("").to_string();
            let headers = fields::headers(entry.get("responseHeaders").unwrap_or(&Value::Null));
            let text = headers
                .iter()
                .any(|h| h.name.eq_ignore_ascii_case("content-type") && is_text_type(&h.value));
            let body = if text {
                cached_body(conn, id, &url, entry.get("requestHeaders"))?
            } else {
                None
            };
            entries.push(CacheEntry {
                cache: name.into(),
                url,
                headers,
                body,
            });
        }
    }
    Ok(entries)
}

fn cached_body(
    conn: &Conn,
    cache_id: &str,
    url: &str,
    request_headers: Option<&Value>,
) -> Result<Option<String>, BrowserError> {
    let response = cdp::call(
        conn,
        "reading a Cache Storage entry",
        cdp::RequestCachedResponse(json!({
            "cacheId": cache_id, "requestURL": url,
            "requestHeaders": request_headers.cloned().unwrap_or(json!([])),
        })),
    )?;
    let Some(body) = response.pointer("/response/body").and_then(Value::as_str) else {
        return Ok(None);
    };
    use base64::Engine;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(body)
        .map_err(|_| {
            BrowserError::Protocol("reading a Cache Storage entry: body is not base64".into())
        })?;
    let max = bytes.len().min(MAX_CACHE_BODY);
    Ok(Some(String::from_utf8_lossy(&bytes[..max]).into_owned()))
}

/// Text bodies worth scanning: `text/*`, JSON, JavaScript, XML and form data.
pub(crate) fn is_text_type(content_type: &str) -> bool {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime.starts_with("text/")
        || mime.ends_with("/json")
        || mime.ends_with("+json")
        || mime.ends_with("/xml")
        || mime.ends_with("+xml")
        || mime.ends_with("/javascript")
        || mime == "application/x-www-form-urlencoded"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dom_storage_items_sorted() {
        let r = json!({"entries": [["b", "2"], ["a", "{\"mrn\":1}"], ["bad"]]});
        let items = dom_items(&r);
        assert_eq!(items.len(), 2);
        assert_eq!(
            (items[0].key.as_str(), items[0].value.as_str()),
            ("a", "{\"mrn\":1}")
        );
        assert_eq!(items[1].key, "b");
    }

    #[test]
    fn text_types() {
        assert!(is_text_type("application/json; charset=utf-8"));
        assert!(is_text_type("text/html"));
        assert!(is_text_type("application/ld+json"));
        assert!(!is_text_type("image/png"));
        assert!(!is_text_type("application/octet-stream"));
    }
}
