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

/// Gives the front-end the text of resources the page refers to (stylesheets, frames'
/// documents). The CLI reads local files; a test can serve strings; `None` means "not
/// available".
pub trait ResourceLoader {
    fn stylesheet(&self, url: &str) -> Option<String>;
    /// The HTML of the document a frame's `src` names (resolved against the page), read as
    /// a stylesheet is: local files only, never the network. None by default: the frame's
    /// document is then not attached, and the page's coverage says so.
    fn frame(&self, _url: &str) -> Option<String> {
        None
    }
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
    fn frame(&self, url: &str) -> Option<String> {
        self.inner.frame(url)
    }
}

/// How deep frames nest before their documents are no longer read (a frame whose `src`
/// names its own page would never end), and how many frame documents one page attaches.
const MAX_FRAME_DEPTH: usize = 4;
const MAX_FRAMES: usize = 64;

/// The URL a `srcdoc` document has (its relative references resolve against its parent's).
pub const SRCDOC_URL: &str = "about:srcdoc";

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
    let recording = Recording {
        inner: resources,
        missing: Default::default(),
    };
    let mut frames_left = MAX_FRAMES;
    let dom = document_dom(html, url, &recording, 0, &mut frames_left);
    let mut snapshot = Snapshot::new(url, "static-html", dom);
    // Listed in the page's coverage: their styles are unknown, not absent.
    let missing = recording.missing.into_inner();
    snapshot.stylesheets_not_loaded = (!missing.is_empty()).then_some(missing);
    // What this front-end did: parsed and styled the markup, ran no script, laid out nothing.
    snapshot.scripts_ran = Some(false);
    snapshot.laid_out = Some(false);
    snapshot
}

/// One document's DOM with its styles, and the documents of its frames attached: a
/// `srcdoc` is parsed as the frame's document; a `src` is read through the loader. Each
/// document is styled on its own (its stylesheets are its own), then attached.
fn document_dom(
    html: &str,
    base_url: &str,
    loader: &Recording,
    depth: usize,
    frames_left: &mut usize,
) -> Dom {
    let mut dom = parse_dom(html);
    if xml::is_xml_document_url(base_url) {
        return xml::xml_document_dom(dom);
    }
    cascade::compute_styles(&mut dom, base_url, loader);
    if depth >= MAX_FRAME_DEPTH {
        return dom;
    }
    // (frame element, the document's URL, the base its references resolve against, HTML)
    let mut sources: Vec<(portalscan_core::NodeId, String, String, String)> = Vec::new();
    for el in dom.elements().filter(|e| e.is("iframe") || e.is("frame")) {
        if *frames_left == 0 {
            break;
        }
        let srcdoc = el.attr("srcdoc").filter(|_| el.is("iframe"));
        let source = match (srcdoc, el.attr("src").map(str::trim)) {
            (Some(doc), _) => Some((
                SRCDOC_URL.to_string(),
                base_url.to_string(),
                doc.to_string(),
            )),
            (None, Some(src)) if !src.is_empty() && src != "about:blank" => {
                portalscan_core::url::resolve(base_url, src).and_then(|resolved| {
                    let text = loader.frame(&resolved)?;
                    Some((resolved.clone(), resolved, text))
                })
            }
            _ => None,
        };
        if let Some((url, base, text)) = source {
            *frames_left -= 1;
            sources.push((el.id, url, base, text));
        }
    }
    if sources.is_empty() {
        return dom;
    }
    let frames = sources
        .into_iter()
        .map(|(owner, url, base, text)| {
            let mut frame = document_dom(&text, &base, loader, depth + 1, frames_left);
            // Source lines and columns are the frame document's, not the page file's: the
            // finding's selector names the frame instead.
            for id in frame.ids().collect::<Vec<_>>() {
                let node = frame.node_mut(id);
                node.line = None;
                node.column = None;
            }
            (owner, url, frame)
        })
        .collect();
    dom.with_frames(frames)
        .expect("frame elements come from this DOM, each once")
        .0
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
