//! An XML document in Chromium's XML viewer.
//!
//! Chromium shows an XML document that has no stylesheet through its viewer: the
//! document's tree is replaced by an HTML page (`<style id="xml-viewer-style">`, a header,
//! the pretty-printed source), and the document's own tree is kept, not rendered, inside
//! `<div id="webkit-xml-viewer-source-xml">`. The page is that document, not the viewer:
//! it has no `<html>`, and the HTML page rules do not apply to it (ACT b5c3f8's `.xml`
//! case), as the static front-end reads an XML file.

use portalscan_core::Dom;
use portalscan_core::dom::NodeId;

/// The document behind Chromium's XML viewer, rooted at its own root element, without
/// styles or boxes (the viewer lays out its source view, not the document); `None` when
/// `dom` is not the viewer.
pub fn document_behind_viewer(dom: &Dom) -> Option<Dom> {
    let root = dom.document_element()?;
    let is_viewer = root.is("html")
        && dom
            .element_by_id(NodeId::DOCUMENT, "xml-viewer-style")
            .and_then(|id| dom.element(id))
            .is_some_and(|e| e.is("style"));
    if !is_viewer {
        return None;
    }
    let source = dom.element_by_id(NodeId::DOCUMENT, "webkit-xml-viewer-source-xml")?;
    let own_root = dom.children(source).find(|c| dom.element(*c).is_some())?;
    let mut document = dom.subtree_as_document(own_root);
    for id in document.ids().collect::<Vec<_>>() {
        let node = document.node_mut(id);
        node.style = None;
        node.focus_style = None;
        node.rect = None;
        node.paint_order = None;
        node.scroll = None;
    }
    Some(document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_viewer_gives_way_to_the_document_it_shows() {
        let viewer = portalscan_html::parse_dom(
            "<html><head><style id=xml-viewer-style>div{}</style></head><body>\
             <div class=header>This XML file does not appear to have any style information</div>\
             <div id=webkit-xml-viewer-source-xml><math lang=en>The quick brown fox</math></div>\
             </body></html>",
        );
        let document = document_behind_viewer(&viewer).expect("the viewer is recognised");
        let root = document.document_element().expect("a root element");
        assert_eq!(root.name(), "math");
        assert_eq!(root.attr("lang"), Some("en"));
        assert!(document.elements().all(|e| !e.is("html") && !e.is("div")));
        // An HTML page that merely has a source-looking div is not the viewer.
        let page = portalscan_html::parse_dom(
            "<html><body><div id=webkit-xml-viewer-source-xml><math></math></div></body></html>",
        );
        assert!(document_behind_viewer(&page).is_none());
    }
}
