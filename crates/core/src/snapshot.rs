//! The page snapshot: everything the core may know about one page.
//!
//! Only `url` and `dom` are required. Every other field is a fact some front-end may not
//! know; `None` means *unknown* (never "empty"), and rules that need it answer `review`.

use serde::{Deserialize, Serialize};

use crate::dom::{Dom, NodeId};

/// The snapshot format version; bump on an incompatible change.
pub const SNAPSHOT_VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Snapshot {
    #[serde(default = "current_version")]
    pub version: u32,
    pub url: String,
    /// Which front-end made it: `static-html`, `chromium`, `extension`.
    #[serde(default)]
    pub source: String,
    pub dom: Dom,
    /// Sequential focus navigation order (what Tab visits), where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus_order: Option<Vec<NodeId>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub viewport: Option<Viewport>,
    /// The main document's response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<HttpResponse>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cookies: Option<Vec<Cookie>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<Storage>,
    /// Every request the page made, in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests: Option<Vec<Request>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub console: Option<Vec<ConsoleMessage>>,
}

fn current_version() -> u32 {
    SNAPSHOT_VERSION
}

impl Snapshot {
    pub fn new(url: impl Into<String>, source: impl Into<String>, dom: Dom) -> Snapshot {
        Snapshot {
            version: SNAPSHOT_VERSION,
            url: url.into(),
            source: source.into(),
            dom,
            focus_order: None,
            viewport: None,
            response: None,
            cookies: None,
            storage: None,
            requests: None,
            console: None,
        }
    }

    /// Whether the front-end computed styles (every element then carries a style).
    pub fn has_styles(&self) -> bool {
        self.dom
            .elements()
            .next()
            .is_some_and(|e| e.style().is_some())
    }

    /// Whether the front-end knows layout boxes.
    pub fn has_layout(&self) -> bool {
        self.dom.elements().any(|e| e.rect().is_some())
    }
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
pub struct Viewport {
    pub width: f64,
    pub height: f64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Header {
    pub name: String,
    pub value: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct HttpResponse {
    #[serde(default)]
    pub status: u16,
    #[serde(default)]
    pub headers: Vec<Header>,
}

impl HttpResponse {
    /// All values of a header, case-insensitively, in order.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers
            .iter()
            .filter(move |h| h.name.eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str())
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct Cookie {
    pub name: String,
    pub value: String,
    #[serde(default)]
    pub domain: String,
    #[serde(default)]
    pub path: String,
    #[serde(default)]
    pub secure: bool,
    #[serde(default)]
    pub http_only: bool,
    /// `Strict`, `Lax`, `None`, or absent when not set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_site: Option<String>,
    /// A session cookie has no expiry.
    #[serde(default)]
    pub session: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct IndexedDbRecord {
    pub database: String,
    pub store: String,
    pub key: String,
    /// The record as JSON text.
    pub value: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct CacheEntry {
    pub cache: String,
    pub url: String,
    #[serde(default)]
    pub headers: Vec<Header>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct Storage {
    #[serde(default)]
    pub local: Vec<KeyValue>,
    #[serde(default)]
    pub session: Vec<KeyValue>,
    #[serde(default)]
    pub indexed_db: Vec<IndexedDbRecord>,
    #[serde(default)]
    pub cache_storage: Vec<CacheEntry>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct Request {
    pub url: String,
    #[serde(default)]
    pub method: String,
    /// `document`, `script`, `image`, `xhr`, `fetch`, `stylesheet`, `iframe`, ...
    #[serde(default)]
    pub resource_type: String,
    #[serde(default)]
    pub request_headers: Vec<Header>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    #[serde(default)]
    pub response_headers: Vec<Header>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_body: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct ConsoleMessage {
    pub level: String,
    pub text: String,
}
