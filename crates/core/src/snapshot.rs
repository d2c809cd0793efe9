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
    /// Which front-end made it: `static-html`, `chromium`, `extension`, `wasm` (the live-DOM
    /// collector of the Wasm package). For people reading
    /// the snapshot: rules read the capture facts below ([`Snapshot::capture`]), never this.
    #[serde(default)]
    pub source: String,
    /// Whether the page's scripts ran before the capture (a browser: yes; static HTML: no).
    /// `None`: unknown (snapshots saved before this fact existed: see [`Snapshot::capture`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scripts_ran: Option<bool>,
    /// Whether the front-end laid the page out (boxes, paint order, viewport) (a browser:
    /// yes; static HTML: no, its boxes are unknown). `None`: unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub laid_out: Option<bool>,
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
    /// What a live Tab walk with real key events observed (browser front-ends only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keyboard: Option<KeyboardWalk>,
    /// Elements with a pointer listener (`click`, `mousedown`, `pointerdown`, `mouseup`,
    /// `pointerup`) registered from script or markup, as the browser saw them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pointer_handlers: Option<Vec<NodeId>>,
    /// Set when this snapshot is what the browser showed on Back after logging out: the
    /// page came back from history although the session had ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored_after_logout: Option<RestoredPage>,
    /// Set on a snapshot the crawler took for a session control (a guest load, the old
    /// session replayed after logout, a page left idle, the login's cookies): the facts
    /// the `phi-guest-access`, `session-*` and `phi-storage-after-logout` rules read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_check: Option<SessionCheck>,
    /// `true` on a snapshot written to a file: it holds the page's text and values
    /// unmasked (it must, to be scanned again), so it is PHI wherever the page was. A
    /// marker for other tools; snapshots from before it was added load as unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains_phi: Option<bool>,
    /// Set when the snapshot was made from a component's source (an LWC template or Aura
    /// markup), not a page: page-level rules (title, `lang`, viewport) do not apply, and
    /// its runtime unknowns are listed. See [`crate::template`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component_source: Option<crate::template::ComponentSource>,
    /// Linked stylesheets the front-end could not load (their `href` resolved): the styles
    /// they hold are unknown, and the page's coverage says so. `None`: unknown or none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stylesheets_not_loaded: Option<Vec<String>>,
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
            scripts_ran: None,
            laid_out: None,
            dom,
            focus_order: None,
            viewport: None,
            response: None,
            cookies: None,
            storage: None,
            requests: None,
            console: None,
            keyboard: None,
            pointer_handlers: None,
            restored_after_logout: None,
            session_check: None,
            contains_phi: None,
            component_source: None,
            stylesheets_not_loaded: None,
        }
    }

    /// How the page was captured: the facts the front-end set, or, when a snapshot does not
    /// carry one (saved before the facts existed), the fact its `source` implies. The one
    /// place a front-end name turns into facts.
    pub fn capture(&self) -> Capture {
        let implied = Capture::implied_by(&self.source);
        Capture {
            scripts_ran: self.scripts_ran.or(implied.scripts_ran),
            laid_out: self.laid_out.or(implied.laid_out),
        }
    }

    /// Whether this is a whole page (a document with its own title, language and viewport),
    /// not a component's source.
    pub fn is_page(&self) -> bool {
        self.component_source.is_none()
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

/// How a page was captured ([`Snapshot::capture`]); `None` is unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Capture {
    pub scripts_ran: Option<bool>,
    pub laid_out: Option<bool>,
}

impl Capture {
    /// What the front-ends that existed before the facts did: the static HTML front-end
    /// runs no scripts and lays nothing out; browser front-ends do both. Any other name
    /// (tests, third-party tools) implies nothing.
    fn implied_by(source: &str) -> Capture {
        let both = |known| Capture {
            scripts_ran: Some(known),
            laid_out: Some(known),
        };
        match source {
            "static-html" => both(false),
            "chromium" | "extension" | "wasm" => both(true),
            _ => Capture::default(),
        }
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

/// A live Tab walk: the browser front-end pressed Tab (real key events) from the top of the
/// page and recorded where focus went.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct KeyboardWalk {
    /// Each element Tab focused, in order, first visit only.
    pub stops: Vec<TabStop>,
    /// Focus came back round to the first stop (or left the document): the whole cycle
    /// was seen, so an element missing from `stops` is not in the Tab order. Also set
    /// when Tab kept cycling among some stops that Shift+Tab leaves (a focus sentinel
    /// wrapping round a dialog) and the rest of the order was then walked from the end
    /// of the page, backwards, until it met a stop already seen.
    pub cycled: bool,
    /// The walk stopped at its press limit before cycling: later elements are unknown.
    pub truncated: bool,
    /// Focus could not leave a group of elements with Tab, Shift+Tab or Escape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trap: Option<KeyboardTrap>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TabStop {
    pub node: NodeId,
    /// How focusing changed the element's rendering, where measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<FocusIndicator>,
    /// How much of the focused element other content covered, once the browser had
    /// scrolled it into view, where measured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obscured: Option<Obscured>,
}

/// Screenshots of the element's box (grown by `margin_px` on each side) unfocused and
/// focused, compared pixel by pixel.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct FocusIndicator {
    pub margin_px: f64,
    /// Device pixels compared.
    pub compared_pixels: u32,
    /// Device pixels whose colour differs between the two screenshots.
    pub changed_pixels: u32,
    /// The largest contrast ratio between a changed pixel's focused and unfocused colour
    /// (1.0 when nothing changed).
    pub max_contrast: f64,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct Obscured {
    /// Share of the element's visible box (0.0–1.0) under content painted on top of it
    /// that is neither the element, its descendant nor its ancestor (sticky headers,
    /// cookie banners, chat widgets).
    pub covered_fraction: f64,
    /// The element on top, when one covers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<NodeId>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct KeyboardTrap {
    /// The elements focus kept cycling among.
    pub nodes: Vec<NodeId>,
    /// Keys tried to leave them, e.g. `Tab`, `Shift+Tab`, `Escape`.
    pub keys_tried: Vec<String>,
    /// The key combinations the page's visible text names (`key_hints`), each pressed
    /// from inside the trap: whether it got focus out. Empty when the page names none (or
    /// the front-end did not try: then `advertised_tried` is false).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub advertised: Vec<TrapExit>,
    /// Whether the front-end read the page's text for advertised keys and tried them.
    #[serde(default)]
    pub advertised_tried: bool,
}

/// An advertised key combination pressed inside a keyboard trap.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct TrapExit {
    /// As `key_hints::KeyCombo::label` writes it, e.g. `Ctrl+M`.
    pub keys: String,
    /// Focus left the trapped elements after the press.
    pub freed: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct RestoredPage {
    /// The URL that ended the session.
    pub logout_url: String,
    /// `bfcache` (the live page came back), `http-cache` (reloaded from the HTTP cache)
    /// or `network` (fetched again and the server still answered with the page).
    pub via: String,
}

/// What a session control saw (HIPAA 164.312(a)(2)(iii) automatic logoff, 164.312(d)
/// authentication). The snapshot's DOM is what the browser showed in that check's own
/// context; the other facts are `None`/empty when the check did not gather them.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct SessionCheck {
    /// Which check: `guest` (loaded with no session), `replay-after-logout` (the old
    /// session cookie sent again after the logout URL), `idle` (left idle for
    /// `idle_timeout_secs`, then reloaded), `cookies` (the login's cookies only).
    pub kind: String,
    /// The URL that ended the session (`replay-after-logout`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logout_url: Option<String>,
    /// The configured idle limit (`[session] idle_timeout_secs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idle_timeout_secs: Option<u64>,
    /// `guest`: the page's XHR/fetch GET requests replayed without cookies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replayed: Vec<Replayed>,
    /// Client storage of the page's origin read after the logout URL (`None`: not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_after_logout: Option<Storage>,
    /// The cookies the login set, with their lifetime.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub login_cookies: Vec<CookieLifetime>,
}

/// `[session] idle_timeout_secs` when nothing says otherwise: 15 minutes.
pub const DEFAULT_IDLE_TIMEOUT_SECS: u64 = 900;

/// A GET request replayed without cookies, and what the server answered.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct Replayed {
    pub url: String,
    pub status: u16,
    /// The response body as text (`None`: not read).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// A cookie's lifetime as the browser stored it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Default)]
pub struct CookieLifetime {
    pub name: String,
    /// No expiry: the browser drops it when it closes.
    #[serde(default)]
    pub session: bool,
    /// Seconds from when it was set until it expires (`None`: unknown or a session cookie).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime_secs: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(json: &str) -> Snapshot {
        serde_json::from_str(json).expect("a snapshot")
    }

    #[test]
    fn capture_facts_are_read_or_implied_by_old_snapshots_source() {
        let dom = r#""dom":[{"type":"document"}]"#;
        // Saved before the facts existed: the source implies them.
        let old = load(&format!(
            r#"{{"url":"file:///p.html","source":"static-html",{dom}}}"#
        ));
        assert_eq!(old.scripts_ran, None);
        assert_eq!(old.capture().scripts_ran, Some(false));
        assert_eq!(old.capture().laid_out, Some(false));
        let old = load(&format!(
            r#"{{"url":"https://p/","source":"chromium",{dom}}}"#
        ));
        assert_eq!(old.capture().scripts_ran, Some(true));
        assert_eq!(old.capture().laid_out, Some(true));
        // An unknown front-end, or none: unknown.
        let other = load(&format!(r#"{{"url":"https://p/",{dom}}}"#));
        assert_eq!(other.capture(), Capture::default());
        // A fact the front-end set wins over its name.
        let new = load(&format!(
            r#"{{"url":"https://p/","source":"extension","scripts_ran":false,{dom}}}"#
        ));
        assert_eq!(new.capture().scripts_ran, Some(false));
        assert_eq!(new.capture().laid_out, Some(true));
        // The facts round-trip, and stay out of the JSON while unknown.
        let text = serde_json::to_string(&new).unwrap();
        assert!(text.contains(r#""scripts_ran":false"#) && !text.contains("laid_out"));
        assert_eq!(load(&text), new);
    }
}
