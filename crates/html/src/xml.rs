//! Documents that are not HTML pages: an SVG, MathML or other XML file given to the static
//! front-end. A browser renders such a file as an XML document whose root is the file's
//! own root element: there is no `<html>`, `<head>` or HTML `<title>`, so the page-level
//! HTML rules (which look for an `<html>` root) are inapplicable, as ACT 2779a5 and b5c3f8
//! expect for their `.svg`/`.xml` cases.

use portalscan_core::Dom;

/// File extensions served as XML media types (image/svg+xml, application/mathml+xml,
/// application/xml). `.xhtml` is left out on purpose: its root is `<html>`, and the HTML
/// rules apply to it.
const XML_EXTENSIONS: &[&str] = &["svg", "xml", "mml"];

/// Whether the URL's path names an XML document by its extension. A static file has no
/// Content-Type header, so the extension is the media type (as a browser opening a local
/// file decides); query and fragment do not count.
pub fn is_xml_document_url(url: &str) -> bool {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or(path);
    match last.rsplit_once('.') {
        Some((_, ext)) => XML_EXTENSIONS.iter().any(|x| ext.eq_ignore_ascii_case(x)),
        None => false,
    }
}

/// The DOM of an XML document: the HTML parser handles its foreign content (SVG, MathML),
/// then the first element it put in `<body>` becomes the document element. A file whose
/// root is not foreign content is parsed and kept as HTML parsed it.
pub fn xml_document_dom(parsed: Dom) -> Dom {
    let body = parsed.elements().find(|e| e.is("body")).map(|e| e.id);
    let root = body.and_then(|b| parsed.children(b).find(|c| parsed.element(*c).is_some()));
    match root {
        Some(root) => parsed.subtree_as_document(root),
        None => parsed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{NoResources, snapshot_from_html};

    #[test]
    fn xml_media_types_by_extension() {
        for url in [
            "file:///a/b.svg",
            "https://x.test/icon.SVG?v=2",
            "file:///feed.xml#top",
            "file:///f.mml",
        ] {
            assert!(is_xml_document_url(url), "{url}");
        }
        for url in [
            "file:///a/b.html",
            "file:///a.xhtml",
            "https://x.test/svg/",
            "https://x.test/page?file=a.svg",
            "file:///dir.svg/index.html",
        ] {
            assert!(!is_xml_document_url(url), "{url}");
        }
    }

    #[test]
    fn an_svg_file_is_a_document_rooted_at_svg() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <title>An SVG</title>\n</svg>";
        let snapshot = snapshot_from_html(svg, "https://example.test/a.svg", &NoResources);
        let root = snapshot.dom.document_element().expect("a root element");
        assert_eq!(root.name(), "svg");
        assert!(
            snapshot
                .dom
                .elements()
                .all(|e| !e.is("html") && !e.is("body") && !e.is("head"))
        );
        assert!(snapshot.dom.elements().any(|e| e.name() == "title"));
        // The same text at an .html URL stays an HTML page.
        let html = snapshot_from_html(svg, "https://example.test/a.html", &NoResources);
        assert!(html.dom.document_element().expect("root").is("html"));
    }
}
