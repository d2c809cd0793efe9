//! The static HTML front-end: HTML text in, [`Snapshot`] out.
//!
//! Parses as browsers do (html5ever, including broken markup and declarative shadow DOM),
//! then computes styles with a cascade over `<style>`, inline `style` and stylesheets the
//! caller's [`ResourceLoader`] can provide. No I/O happens here: the loader is the caller's.

mod cascade;
pub mod lwc;
mod sink;
mod xml;

use html5ever::tendril::TendrilSink;
use portalscan_core::{Dom, Snapshot};

pub use sink::DomSink;
pub use xml::is_xml_document_url;

/// Gives the front-end the text of resources the page refers to (stylesheets). The CLI
/// reads local files; a test can serve strings; `None` means "not available".
pub trait ResourceLoader {
    fn stylesheet(&self, url: &str) -> Option<String>;
}

/// A loader that has nothing: linked stylesheets are unknown.
pub struct NoResources;

impl ResourceLoader for NoResources {
    fn stylesheet(&self, _url: &str) -> Option<String> {
        None
    }
}

/// A loader that notes the stylesheets its inner loader could not give (each once).
struct Recording<'a> {
    inner: &'a dyn ResourceLoader,
    missing: std::cell::RefCell<Vec<String>>,
}

impl ResourceLoader for Recording<'_> {
    fn stylesheet(&self, url: &str) -> Option<String> {
        let text = self.inner.stylesheet(url);
        let mut missing = self.missing.borrow_mut();
        if text.is_none() && !missing.iter().any(|m| m == url) {
            missing.push(url.to_string());
        }
        text
    }
}

/// Parses HTML into the snapshot's DOM, as a browser's parser would.
pub fn parse_dom(html: &str) -> Dom {
    let sink = html5ever::parse_document(DomSink::new(), Default::default()).one(html);
    Dom::from_nodes(sink.into_nodes()).expect("the sink always builds a valid arena")
}

/// Parses HTML and computes styles: the full static snapshot of one page.
///
/// A URL naming an XML document (`.svg`, `.xml`, `.mml`: see [`is_xml_document_url`]) is
/// not an HTML page: its DOM is rooted at the file's own root element, as in a browser, and
/// no styles are computed (the static cascade is HTML's), so style facts stay unknown.
pub fn snapshot_from_html(html: &str, url: &str, resources: &dyn ResourceLoader) -> Snapshot {
    let mut dom = parse_dom(html);
    let recording = Recording {
        inner: resources,
        missing: Default::default(),
    };
    if xml::is_xml_document_url(url) {
        dom = xml::xml_document_dom(dom);
    } else {
        cascade::compute_styles(&mut dom, url, &recording);
    }
    let mut snapshot = Snapshot::new(url, "static-html", dom);
    // Listed in the page's coverage: their styles are unknown, not absent.
    let missing = recording.missing.into_inner();
    snapshot.stylesheets_not_loaded = (!missing.is_empty()).then_some(missing);
    // What this front-end did: parsed and styled the markup, ran no script, laid out nothing.
    snapshot.scripts_ran = Some(false);
    snapshot.laid_out = Some(false);
    snapshot
}

/// Decodes page bytes as a browser would for a file with no HTTP charset: a BOM decides,
/// otherwise UTF-8, with invalid sequences replaced by U+FFFD.
pub fn decode_html_bytes(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], from: fn([u8; 2]) -> u16| {
        let units: Vec<u16> = rest.chunks_exact(2).map(|c| from([c[0], c[1]])).collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    String::from_utf8_lossy(bytes).into_owned()
}
