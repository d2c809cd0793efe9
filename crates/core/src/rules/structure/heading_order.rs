//! WCAG 1.3.1: heading levels go down one step at a time. A skip (h2 then h4) is often a
//! styling choice, and whether a level is "missing" depends on the page's outline, which
//! a machine cannot judge: the rule answers review, never fail.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "heading-order",
    title: "Heading levels do not skip",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &[],
    help: "Screen reader users move through a page by its headings and infer its structure \
           from their levels. Go down one level at a time (h1, h2, h3), and change the font \
           size with CSS, not by picking a smaller heading.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<h1>Visits</h1><h2>Upcoming</h2><h3>May</h3><h2>Past</h2>"),
        Example::review("<h1>Visits</h1><h3>Upcoming</h3>"),
        Example::review("<h2>Visits</h2><div role=heading aria-level=5>Notes</div>"),
        // Going back up any number of levels is fine.
        Example::pass("<h1>A</h1><h2>B</h2><h3>C</h3><h4>D</h4><h2>E</h2>"),
        Example::inapplicable("<p>No headings</p>"),
    ],
};

crate::rule!(HeadingOrder = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    // Each document (the page's, a frame's) has its own outline: the previous heading's
    // level per document.
    let mut previous_in: std::collections::HashMap<crate::dom::NodeId, u32> = Default::default();
    for el in cx.dom.elements() {
        if cx.a11y.role(el) != Some("heading") || cx.a11y.is_hidden(el.id) {
            continue;
        }
        let level = heading_level(el);
        let document = cx.dom.document_of(el.id);
        match previous_in.get(&document).copied() {
            Some(p) if level > p + 1 => sink.review(
                el.id,
                format!(
                    "This heading is level {level} after a level {p} heading: check that no \
                     level is missing from the page's outline."
                ),
            ),
            _ => sink.pass(el.id),
        }
        previous_in.insert(document, level);
    }
}

/// `aria-level` when valid, else the tag's level, else 2 (the ARIA default for headings).
fn heading_level(el: ElementRef) -> u32 {
    if let Some(level) = el
        .attr("aria-level")
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|l| *l >= 1)
    {
        return level;
    }
    match el.name().as_bytes() {
        [b'h', d @ b'1'..=b'6'] if el.is_html() => u32::from(d - b'0'),
        _ => 2,
    }
}
