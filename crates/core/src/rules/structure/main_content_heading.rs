//! Technique H69 (ACT 047fe0): the page's own content, after the navigation and header
//! that repeat on every page, holds a heading people can see and assistive technology
//! can reach, so both can jump past the repeated blocks to it.
//!
//! A best practice, not a success criterion: a heading is one way to meet 2.4.1 (a main
//! landmark or a skip link are others, checked by `bypass`), so findings carry
//! `level: "best-practice"` and never count against the gate.
//!
//! Repeated blocks are what the page marks as such: navigation and banner landmarks
//! (`<nav>`, a page-level `<header>`). A page without them says nothing about what
//! repeats, and gets no finding. Order is the flat tree's (shadow trees where they show).

use crate::dom::{ElementRef, NodeId};
use crate::engine::Context;
use crate::finding::Category;
use crate::paint;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "main-content-heading",
    title: "The content after the navigation has a heading",
    category: Category::Accessibility,
    wcag: &[],
    act: &["047fe0"],
    help: "Start the page's own content, after the header and menu that repeat on every \
           page, with a heading (h1 for the page's subject, say \"Upcoming appointments\"): \
           screen reader users jump to it with the H key, and everyone sees where the \
           page's content begins. It must be visible and not aria-hidden; bold text styled \
           to look like a heading is not one. A best practice (technique H69): reported, \
           never counted against the gate.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass(
            "<html><body><nav><a href=/s/>Home</a></nav>\
             <div><h1>Appointments</h1><p>Your visits</p></div></body></html>",
        ),
        // A role=heading counts; the menu's own heading is part of the menu.
        Example::pass(
            "<html><body><nav><h2>Menu</h2><a href=/s/>Home</a></nav>\
             <div><div role=heading aria-level=1>Visits</div><p>Two visits</p></div></body></html>",
        ),
        // Nothing of the page's own after the menu: nothing needs a heading.
        Example::pass(
            "<html><body><main><h1>Visits</h1></main><nav><a href=/s/>Home</a></nav></body></html>",
        ),
        // Bold text styled as a heading is not one.
        Example::fail(
            "<html><body><nav><a href=/s/>Home</a></nav>\
             <div><strong style='font-size:18pt'>Appointments</strong><p>Your visits</p></div>\
             </body></html>",
        ),
        // The only heading is the menu's own.
        Example::fail(
            "<html><body><header><h1>Riverside Health</h1><a href=/s/>Home</a></header>\
             <div><p>Your visits</p></div></body></html>",
        ),
        Example::fail(
            "<html><body><nav><a href=/s/>Home</a></nav>\
             <div><h1 aria-hidden=true>Appointments</h1><p>Your visits</p></div></body></html>",
        ),
        // Laid out above the page, where nobody can scroll.
        Example::fail(
            "<html><body><nav><a href=/s/>Home</a></nav>\
             <div><h1 id=h style='position:absolute; top:-999px'>Visits</h1><p>Your visits</p>\
             </div></body></html>",
        )
        .with_facts(
            r##"{"source":"chromium","laid_out":true,
                 "nodes":{"#h":{"rect":{"x":8,"y":-999,"width":600,"height":37}}}}"##,
        ),
        // The same without layout: how much of it stays on the page depends on its size.
        Example::review(
            "<html><body><nav><a href=/s/>Home</a></nav>\
             <div><h1 style='position:absolute; top:-999px'>Visits</h1><p>Your visits</p>\
             </div></body></html>",
        ),
        // No landmark says what repeats.
        Example::inapplicable("<html><body><p>Signed out</p></body></html>"),
    ],
};

crate::rule!(MainContentHeading = META, page: check_page);

/// What the content after the first repeated block holds.
#[derive(Default)]
struct After {
    /// Something a person can see or hear, outside every repeated block.
    content: bool,
    /// Headings there that are visible and in the accessibility tree.
    heading: Option<NodeId>,
    /// Headings there whose place on the page only layout can tell.
    maybe_off_page: Option<NodeId>,
    /// Headings there that nobody can see or that assistive technology skips.
    hidden_heading: Option<NodeId>,
}

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(root) = cx.page_root() else {
        return;
    };
    if !root.is("html") {
        return;
    }
    let Some(after) = after_repeated_blocks(cx) else {
        return;
    };
    if let Some(heading) = after.heading {
        sink.pass(heading);
        return;
    }
    if !after.content {
        // The page's own content all comes before its repeated blocks.
        sink.pass(root.id);
        return;
    }
    if let Some(heading) = after.maybe_off_page {
        sink.review(
            heading,
            "This heading after the navigation is positioned far up or left; without \
             layout it cannot be told whether any of it is on the page. Check that it can \
             be seen, or scan the page in a browser.",
        );
    } else if let Some(heading) = after.hidden_heading {
        sink.fail(
            heading,
            "The only heading after the navigation is hidden (from view, or from \
             assistive technology with aria-hidden): nobody can use it to find where the \
             page's content starts.",
        );
    } else {
        // On the page, not on its first paragraph: content added above that paragraph
        // must not make this a new finding (fingerprints follow the element).
        sink.fail(
            root.id,
            "The page's content after its navigation has no heading: screen reader users \
             cannot jump past the repeated blocks to it by heading.",
        );
    }
}

/// Walks the top document in flat-tree order from its first navigation or banner
/// landmark; `None` when it has none.
fn after_repeated_blocks(cx: &Context) -> Option<After> {
    let (order, in_flat_tree) = cx.flat_tree_order();
    let paints = cx.paints();
    let mut in_block = vec![false; cx.dom.len()];
    let mut seen_block = false;
    let mut after = After::default();
    for &id in &order[..*in_flat_tree] {
        let Some(el) = cx.dom.element(id) else {
            continue;
        };
        if !cx.dom.in_top_document(id) {
            continue;
        }
        let parent_in_block = el
            .flat_parent_element()
            .is_some_and(|p| in_block[p.id.index()]);
        if parent_in_block || is_repeated_block(cx, el) {
            in_block[id.index()] = true;
            seen_block = true;
            continue;
        }
        if !seen_block {
            continue;
        }
        let shown = paints[id.index()].as_ref().is_some_and(|p| p.visible());
        let exposed = !cx.a11y.is_hidden(id);
        if !after.content && (shown || exposed) && holds_content(cx, el) {
            after.content = true;
        }
        if cx.a11y.role(el) != Some("heading") {
            continue;
        }
        match (exposed && shown, paint::on_page(el)) {
            (true, Some(true)) => {
                after.heading.get_or_insert(id);
            }
            (true, None) => {
                after.maybe_off_page.get_or_insert(id);
            }
            _ => {
                after.hidden_heading.get_or_insert(id);
            }
        }
    }
    seen_block.then_some(after)
}

/// Navigation and banner landmarks, the blocks a page marks as repeated on every page.
fn is_repeated_block(cx: &Context, el: ElementRef) -> bool {
    !cx.a11y.is_hidden(el.id)
        && cx
            .a11y
            .role(el)
            .is_some_and(|r| super::REPEATED_BLOCK_ROLES.contains(&r))
}

/// Text of its own, or an element that shows something without text.
fn holds_content(cx: &Context, el: ElementRef) -> bool {
    matches!(
        el.name(),
        "img" | "svg" | "video" | "audio" | "canvas" | "input" | "select" | "textarea" | "iframe"
    ) || cx
        .dom
        .flat_children(el.id)
        .into_iter()
        .any(|c| cx.dom.is_nonblank_text(c))
}
