//! WCAG 2.4.2 Page Titled: the page has a non-empty `<title>`.

use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "document-title",
    title: "The page has a non-empty title",
    category: Category::Accessibility,
    wcag: &["2.4.2"],
    act: &["2779a5"],
    help: "Give every page a <title> in its <head> that names the page and the portal, \
           e.g. <title>Appointments – Riverside Patient Portal</title>. Screen readers \
           announce it first, and it names the browser tab.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<html><head><title>Appointments</title></head><body></body></html>"),
        Example::fail("<html><head></head><body><p>Hi</p></body></html>"),
        Example::fail("<html><head><title> </title></head><body></body></html>"),
        // Only the first title in the document counts, as in browsers.
        Example::fail("<html><head><title></title><title>Later</title></head></html>"),
    ],
};

crate::rule!(DocumentTitle = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let dom = cx.dom;
    // The applicability is an HTML document (the `<html>` element is the root).
    let Some(root) = cx.page_root() else {
        return;
    };
    if !root.is("html") {
        return;
    }
    match dom.title_element() {
        None => sink.fail(root.id, "The page has no <title> element."),
        Some(t) => {
            let has_text = dom.children(t.id).any(|c| dom.is_nonblank_text(c));
            if has_text {
                sink.pass(t.id);
            } else {
                sink.fail(t.id, "The page's <title> is empty.");
            }
        }
    }
}
