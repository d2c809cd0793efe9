//! WCAG 3.1.1 Language of Page: the `<html>` element has a non-empty `lang` attribute.

use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "html-has-lang",
    title: "The page's <html> element has a lang attribute",
    category: Category::Accessibility,
    wcag: &["3.1.1"],
    act: &["b5c3f8"],
    help: "Set the page's main language on the <html> element, e.g. <html lang=\"en\">. \
           Screen readers use it to pick the voice and pronunciation; without it a \
           Spanish-speaking patient may hear their portal read with English rules. \
           xml:lang alone does not count in HTML.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<html lang=\"en\"><head><title>t</title></head><body>Hi</body></html>"),
        Example::fail("<html><head><title>t</title></head><body>Hi</body></html>"),
        Example::fail("<html lang=\" \"><body>Hi</body></html>"),
        Example::fail("<html xml:lang=\"en\"><body>Hi</body></html>"),
    ],
};

crate::rule!(HtmlHasLang = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(root) = cx.page_root() else {
        return;
    };
    // Applies to HTML documents only (an SVG or MathML root is out of scope).
    if !root.is("html") {
        return;
    }
    match root.attr("lang") {
        Some(lang)
            if !lang
                .trim_matches(|c: char| c.is_ascii_whitespace())
                .is_empty() =>
        {
            sink.pass(root.id)
        }
        Some(_) => sink.fail(root.id, "The <html> element's lang attribute is empty."),
        None if root.has_attr("xml:lang") => sink.fail(
            root.id,
            "The <html> element has xml:lang but no lang attribute; HTML uses lang.",
        ),
        None => sink.fail(root.id, "The <html> element has no lang attribute."),
    }
}
