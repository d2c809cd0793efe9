//! HAR 1.2 (HTTP Archive, as Chrome DevTools and Playwright export it) into snapshot facts:
//! the main document's response headers, every request (method, URL, headers with
//! `Referer`, bodies where the HAR has them) and the cookies the responses set.
//!
//! Pure: text in, facts out. A file that is not a HAR gives a [`HarError`] that says why;
//! odd values (bad percent-encoding, huge URLs, invalid base64, non-UTF-8 bodies) are kept as
//! a browser would read them, never a panic.

use serde::Deserialize;

use crate::snapshot::{Cookie, Header, HttpResponse, Request, Snapshot};

/// Why a HAR could not be read.
#[derive(Debug, Clone, PartialEq)]
pub struct HarError(pub String);

impl std::fmt::Display for HarError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a readable HAR 1.2 file: {}", self.0)
    }
}
impl std::error::Error for HarError {}

/// What a HAR tells about one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HarFacts {
    /// The main document's URL (the first `document` entry, or the first entry).
    pub page_url: Option<String>,
    /// The main document's response.
    pub response: Option<HttpResponse>,
    /// Cookies set by `Set-Cookie` on any response (later ones replace earlier ones).
    pub cookies: Vec<Cookie>,
    /// Every entry, in order.
    pub requests: Vec<Request>,
}

/// Response bodies longer than this are cut (a HAR can hold whole videos).
const MAX_BODY: usize = 8 << 20;

#[derive(Deserialize)]
struct Har {
    log: Log,
}

#[derive(Deserialize)]
struct Log {
    #[serde(default)]
    entries: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    request: HarRequest,
    #[serde(default)]
    response: Option<HarResponse>,
    /// Chrome's resource type (`document`, `script`, `xhr`, `fetch`, `image`, ...).
    #[serde(default, rename = "_resourceType")]
    resource_type: Option<String>,
}

#[derive(Deserialize)]
struct HarRequest {
    #[serde(default)]
    method: String,
    url: String,
    #[serde(default)]
    headers: Vec<NameValue>,
    #[serde(default, rename = "postData")]
    post_data: Option<PostData>,
}

#[derive(Deserialize)]
struct PostData {
    #[serde(default)]
    text: Option<String>,
}

#[derive(Deserialize)]
struct HarResponse {
    #[serde(default)]
    status: i64,
    #[serde(default)]
    headers: Vec<NameValue>,
    #[serde(default)]
    cookies: Vec<HarCookie>,
    #[serde(default)]
    content: Option<Content>,
}

#[derive(Deserialize)]
struct Content {
    #[serde(default, rename = "mimeType")]
    mime_type: String,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    encoding: Option<String>,
}

#[derive(Deserialize)]
struct NameValue {
    #[serde(default)]
    name: String,
    #[serde(default)]
    value: String,
}

#[derive(Deserialize)]
struct HarCookie {
    #[serde(default)]
    name: String,
    #[serde(default)]
    value: String,
    #[serde(default)]
    domain: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    expires: Option<serde_json::Value>,
    #[serde(default, rename = "httpOnly")]
    http_only: bool,
    #[serde(default)]
    secure: bool,
    #[serde(default, rename = "sameSite")]
    same_site: Option<String>,
}

/// Reads a HAR from its bytes (UTF-8; invalid sequences become U+FFFD, as in a browser).
pub fn parse_bytes(bytes: &[u8]) -> Result<HarFacts, HarError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    parse(&String::from_utf8_lossy(bytes))
}

/// Reads a HAR as one page: the first document's URL and response, every entry's request,
/// every cookie. For a HAR of one page load; [`parse_session`] splits a session by page.
pub fn parse(text: &str) -> Result<HarFacts, HarError> {
    let entries = read_entries(text)?;
    let mut facts = HarFacts::default();
    let main = entries
        .iter()
        .position(|e| e.resource_type() == "document")
        .or((!entries.is_empty()).then_some(0));
    if let Some(main) = main {
        facts.page_url = Some(entries[main].request.url.clone());
        facts.response = Some(entries[main].response());
    }
    for entry in entries {
        entry.add_cookies_to(&mut facts.cookies);
        facts.requests.push(entry.request);
    }
    Ok(facts)
}

/// One page of a recorded session: a top-level document and what happened while it was
/// shown.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HarPage {
    /// The document's URL, response, the cookies set up to when the next page was loaded
    /// (the browser's jar while this one was shown), and the requests from its own load to
    /// the next page's.
    pub facts: HarFacts,
    /// The document's HTML as the server sent it; `None` when the HAR did not record it
    /// (browsers can leave bodies out).
    pub body: Option<String>,
}

/// Reads a HAR as the session it recorded: a page per top-level HTML document, in order.
/// Entries before the first document belong to it. Frames' documents (`Sec-Fetch-Dest:
/// iframe`) are requests of their page, not pages. A HAR with no document gives no page.
pub fn parse_session(text: &str) -> Result<Vec<HarPage>, HarError> {
    let entries = read_entries(text)?;
    let starts: Vec<usize> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.is_page_document())
        .map(|(i, _)| i)
        .collect();
    let mut pages = Vec::with_capacity(starts.len());
    let mut jar = Vec::new();
    let mut entries = entries.into_iter();
    for (k, &start) in starts.iter().enumerate() {
        // The first page also takes the entries before it (a redirect's, a preload's).
        let from = if k == 0 { 0 } else { start };
        let end = starts.get(k + 1).copied().unwrap_or(usize::MAX);
        let window: Vec<ReadEntry> = entries.by_ref().take(end.saturating_sub(from)).collect();
        let document = &window[start - from];
        let mut facts = HarFacts {
            page_url: Some(document.request.url.clone()),
            response: Some(document.response()),
            ..HarFacts::default()
        };
        let body = document.request.response_body.clone();
        for entry in window {
            entry.add_cookies_to(&mut jar);
            facts.requests.push(entry.request);
        }
        facts.cookies = jar.clone();
        pages.push(HarPage { facts, body });
    }
    Ok(pages)
}

/// One HAR entry as snapshot facts, with the cookies its response set.
struct ReadEntry {
    request: Request,
    set_cookies: Vec<Cookie>,
}

impl ReadEntry {
    fn resource_type(&self) -> &str {
        &self.request.resource_type
    }

    /// A top-level document: a `document` the browser did not load into a frame.
    fn is_page_document(&self) -> bool {
        let dest = self
            .request
            .request_headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case("sec-fetch-dest"))
            .map(|h| h.value.to_ascii_lowercase());
        self.resource_type() == "document"
            && !matches!(
                dest.as_deref(),
                Some("iframe" | "frame" | "embed" | "object")
            )
    }

    fn response(&self) -> HttpResponse {
        HttpResponse {
            status: self.request.status.unwrap_or(0),
            headers: self.request.response_headers.clone(),
        }
    }

    /// Later cookies replace earlier ones of the same name, domain and path.
    fn add_cookies_to(&self, jar: &mut Vec<Cookie>) {
        for cookie in &self.set_cookies {
            jar.retain(|c| {
                !(c.name == cookie.name && c.domain == cookie.domain && c.path == cookie.path)
            });
            jar.push(cookie.clone());
        }
    }
}

/// Every entry of a HAR, in order.
fn read_entries(text: &str) -> Result<Vec<ReadEntry>, HarError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        HarError(format!(
            "invalid JSON ({})",
            crate::phi::redact_parser_message(&e.to_string())
        ))
    })?;
    let has_entries = value
        .get("log")
        .and_then(|l| l.get("entries"))
        .is_some_and(|e| e.is_array());
    if !has_entries {
        return Err(HarError("no log.entries array".into()));
    }
    let har: Har = serde_json::from_value(value)
        .map_err(|e| HarError(crate::phi::redact_parser_message(&e.to_string())))?;
    Ok(har.log.entries.into_iter().map(read_entry).collect())
}

fn read_entry(entry: Entry) -> ReadEntry {
    let response = entry.response.unwrap_or(HarResponse {
        status: 0,
        headers: Vec::new(),
        cookies: Vec::new(),
        content: None,
    });
    let resource_type = entry
        .resource_type
        .unwrap_or_else(|| guess_type(response.content.as_ref()))
        .to_ascii_lowercase();
    let response_headers = headers(response.headers);
    let set_cookies = set_cookies(&entry.request.url, &response_headers, response.cookies);
    let status = u16::try_from(response.status).ok().filter(|s| *s > 0);
    ReadEntry {
        request: Request {
            url: entry.request.url,
            method: entry.request.method,
            resource_type,
            request_headers: headers(entry.request.headers),
            status,
            response_body: response.content.and_then(body),
            response_headers,
            request_body: entry.request.post_data.and_then(|p| p.text).map(cut),
        },
        set_cookies,
    }
}

/// Sets the HAR's facts on a snapshot. The page's URL comes from the HAR when the snapshot
/// has no web URL of its own (a local file scanned with `--har`).
pub fn apply(snapshot: &mut Snapshot, facts: HarFacts) {
    let is_web = |u: &str| {
        let l = u.trim_start().to_ascii_lowercase();
        l.starts_with("https://") || l.starts_with("http://")
    };
    if let Some(url) = facts.page_url
        && !is_web(&snapshot.url)
    {
        snapshot.url = url;
    }
    snapshot.response = facts.response.or(snapshot.response.take());
    snapshot.cookies = Some(facts.cookies);
    snapshot.requests = Some(facts.requests);
}

fn headers(list: Vec<NameValue>) -> Vec<Header> {
    list.into_iter()
        .map(|h| Header {
            name: h.name,
            value: h.value,
        })
        .collect()
}

fn guess_type(content: Option<&Content>) -> String {
    let mime = content
        .map(|c| c.mime_type.to_ascii_lowercase())
        .unwrap_or_default();
    let t = if mime.starts_with("text/html") {
        "document"
    } else if mime.contains("javascript") {
        "script"
    } else if mime.starts_with("text/css") {
        "stylesheet"
    } else if mime.starts_with("image/") {
        "image"
    } else if mime.contains("json") {
        "fetch"
    } else {
        "other"
    };
    t.to_string()
}

/// A response body as text: base64 decoded where the HAR says so; binary content (images,
/// fonts) is left out.
fn body(content: Content) -> Option<String> {
    let text = content.text?;
    let is_base64 = content
        .encoding
        .as_deref()
        .is_some_and(|e| e.eq_ignore_ascii_case("base64"));
    if !is_base64 {
        return Some(cut(text));
    }
    let bytes = decode_base64(&text)?;
    let mime = content.mime_type.to_ascii_lowercase();
    let textual = mime.starts_with("text/")
        || mime.contains("json")
        || mime.contains("javascript")
        || mime.contains("xml")
        || mime.contains("x-www-form-urlencoded");
    textual.then(|| cut(String::from_utf8_lossy(&bytes).into_owned()))
}

fn cut(mut text: String) -> String {
    if text.len() > MAX_BODY {
        let mut at = MAX_BODY;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at);
    }
    text
}

/// Standard base64 (padding optional, whitespace ignored); `None` if it is not base64.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => break,
            b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Cookies from `Set-Cookie` headers (their attributes are the facts the rules need), or
/// from the HAR's parsed cookie list when the headers were stripped (DevTools does that
/// unless exported "with sensitive data").
fn set_cookies(url: &str, headers: &[Header], parsed: Vec<HarCookie>) -> Vec<Cookie> {
    let host = crate::url::origin(url)
        .map(|o| o.hostname().to_string())
        .unwrap_or_default();
    let set: Vec<Cookie> = headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case("set-cookie"))
        .flat_map(|h| h.value.split('\n'))
        .filter_map(|line| parse_set_cookie(line, &host))
        .collect();
    if !set.is_empty() {
        return set;
    }
    parsed
        .into_iter()
        .filter(|c| !c.name.is_empty())
        .map(|c| Cookie {
            domain: c.domain.unwrap_or_else(|| host.clone()),
            path: c.path.unwrap_or_else(|| "/".into()),
            secure: c.secure,
            http_only: c.http_only,
            same_site: c.same_site,
            session: c
                .expires
                .as_ref()
                .is_none_or(|e| e.is_null() || e.as_str() == Some("")),
            name: c.name,
            value: c.value,
        })
        .collect()
}

/// One `Set-Cookie` line (RFC 6265 §5.2): `name=value` then `;`-separated attributes.
pub fn parse_set_cookie(line: &str, host: &str) -> Option<Cookie> {
    let mut parts = line.split(';');
    let (name, value) = parts.next()?.split_once('=')?;
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let mut cookie = Cookie {
        name: name.to_string(),
        value: value.trim().to_string(),
        domain: host.to_string(),
        path: "/".into(),
        session: true,
        ..Cookie::default()
    };
    for attr in parts {
        let (key, val) = attr.split_once('=').unwrap_or((attr, ""));
        let val = val.trim();
        match key.trim().to_ascii_lowercase().as_str() {
            "secure" => cookie.secure = true,
            "httponly" => cookie.http_only = true,
            "samesite" => cookie.same_site = Some(val.to_string()),
            "domain" if !val.is_empty() => cookie.domain = val.trim_start_matches('.').to_string(),
            "path" if val.starts_with('/') => cookie.path = val.to_string(),
            "expires" | "max-age" => cookie.session = false,
            _ => {}
        }
    }
    Some(cookie)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_cookie_lines() {
        let c = parse_set_cookie(
            "sid=abc; Path=/; Secure; HttpOnly; SameSite=Lax",
            "p.example",
        )
        .unwrap();
        assert!(c.secure && c.http_only && c.session);
        assert_eq!(c.same_site.as_deref(), Some("Lax"));
        assert!(parse_set_cookie("garbage", "p.example").is_none());
        assert!(parse_set_cookie("=x", "p.example").is_none());
    }

    #[test]
    fn base64() {
        assert_eq!(decode_base64("eyJhIjoxfQ==").unwrap(), br#"{"a":1}"#);
        assert!(decode_base64("not base64!").is_none());
    }

    #[test]
    fn errors_say_why() {
        assert!(parse("{").unwrap_err().to_string().contains("invalid JSON"));
        assert!(
            parse(r#"{"log":{}}"#)
                .unwrap_err()
                .to_string()
                .contains("log.entries")
        );
        assert!(parse(r#"{"log":{"entries":[{"request":{}}]}}"#).is_err());
        let e = parse(r#"{"log":{"entries":[{"request":{"url":"https://p.example/?ssn=536-22-8142","method":5}}]}}"#)
            .unwrap_err();
        assert!(!e.to_string().contains("536"), "{e}");
        assert_eq!(
            parse(r#"{"log":{"entries":[]}}"#).unwrap(),
            HarFacts::default()
        );
    }

    #[test]
    fn a_session_splits_at_top_level_documents() {
        let entry = |url: &str, ty: &str, dest: &str, set: &str| {
            format!(
                r#"{{"_resourceType":"{ty}","request":{{"method":"GET","url":"{url}","headers":[{{"name":"Sec-Fetch-Dest","value":"{dest}"}}]}},
                "response":{{"status":200,"headers":[{{"name":"Set-Cookie","value":"{set}"}}],"content":{{"mimeType":"text/html","text":"<p>{url}</p>"}}}}}}"#
            )
        };
        let har = format!(
            r#"{{"log":{{"entries":[{},{},{},{},{}]}}}}"#,
            entry("https://p.example/s/home", "document", "document", "sid=1"),
            entry("https://p.example/s/api", "fetch", "empty", ""),
            entry(
                "https://p.example/s/records",
                "document",
                "document",
                "sid=2"
            ),
            entry("https://v.example/frame", "document", "iframe", ""),
            entry("https://p.example/s/api2", "fetch", "empty", ""),
        );
        let pages = parse_session(&har).unwrap();
        let urls = |p: &HarPage| {
            p.facts
                .requests
                .iter()
                .map(|r| r.url.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(pages.len(), 2);
        assert_eq!(
            pages[0].facts.page_url.as_deref(),
            Some("https://p.example/s/home")
        );
        assert_eq!(
            urls(&pages[0]),
            ["https://p.example/s/home", "https://p.example/s/api"]
        );
        assert_eq!(
            pages[0].body.as_deref(),
            Some("<p>https://p.example/s/home</p>")
        );
        assert_eq!(
            urls(&pages[1]),
            [
                "https://p.example/s/records",
                "https://v.example/frame",
                "https://p.example/s/api2"
            ]
        );
        // The jar while each page was shown: the later value replaced the first.
        assert_eq!(pages[0].facts.cookies[0].value, "1");
        assert_eq!(pages[1].facts.cookies.len(), 1);
        assert_eq!(pages[1].facts.cookies[0].value, "2");
    }
}
