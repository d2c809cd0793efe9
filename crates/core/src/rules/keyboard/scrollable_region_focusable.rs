//! WCAG 2.1.1 Keyboard: a region that scrolls can be reached with Tab (it or something in
//! it is in sequential focus navigation), so keyboard users can scroll it.
//!
//! Whether a region overflows comes from the browser's scroll box (`Node.scroll`: content
//! larger than the client box on an axis whose overflow is auto/scroll) when known, else
//! from layout boxes of its content, else it is unknown (`review`). A region the browser's
//! Tab walk reached (Chromium makes scrollers without focusable content Tab stops) passes.

use crate::a11y::rendering::inline_value;
use crate::css::{self, Property};
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};
use crate::style::Rect;

use crate::a11y::flat::{descendant_flags, find_descendant};

static META: RuleMeta = RuleMeta {
    id: "scrollable-region-focusable",
    title: "Scrollable regions can be reached with the keyboard",
    category: Category::Accessibility,
    wcag: &["2.1.1"],
    act: &["0ssw9k"],
    help: "Give a scrolling container tabindex=\"0\" (plus a role and a name, e.g. \
           role=\"region\" aria-label=\"Visit notes\") so keyboard users can focus it and \
           scroll with the arrow keys, unless it already contains a focusable element.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass(
            "<section style=\"height: 100px; overflow: scroll\" tabindex=\"0\" aria-label=\"Notes\"><p>Long notes</p></section>",
        ),
        Example::pass(
            "<div style=\"overflow-y: auto; height: 5em\"><a href=\"/terms\">Terms</a><p>Text</p></div>",
        ),
        // Without layout we cannot tell whether it overflows.
        Example::review("<div style=\"overflow-y: auto; height: 5em\"><p>Visit summary</p></div>"),
        // The browser measured it: content taller than the box scrolls, and the whole
        // Tab cycle never stopped on it.
        Example::fail(
            "<div id=notes style=\"overflow-y: auto; height: 5em\"><p>Visit summary</p></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#notes":{"scroll":{"client_width":300,
                    "client_height":80,"scroll_width":300,"scroll_height":400}}},
                    "keyboard":{"stops":[],"cycled":true,"truncated":false}}"##,
        ),
        // It scrolls, but no Tab walk saw whether the browser made it a stop (the Wasm
        // package cannot press Tab).
        Example::review(
            "<div id=notes style=\"overflow-y: auto; height: 5em\"><p>Visit summary</p></div>",
        )
        .with_facts(
            r##"{"source":"wasm","scripts_ran":true,"laid_out":true,"nodes":{"#notes":{"scroll":{
                    "client_width":300,"client_height":80,"scroll_width":300,"scroll_height":400}}}}"##,
        ),
        // Chromium's Tab walk stopped on the scroller itself.
        Example::pass(
            "<div id=notes style=\"overflow-y: auto; height: 5em\"><p>Visit summary</p></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#notes":{"scroll":{"client_width":300,
                    "client_height":80,"scroll_width":300,"scroll_height":400}}},
                    "keyboard":{"stops":[{"node":"#notes"}],"cycled":true,"truncated":false}}"##,
        ),
        // The frame took focus but the walk could not follow it inside (another origin's
        // document): whether Chromium made its scroller a stop is unknown.
        Example::review(
            "<iframe id=pay title=Pay srcdoc=\"<div id=notes style='overflow-y: auto; height: 5em'><p>Terms</p></div>\"></iframe>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#notes":{"scroll":{"client_width":300,
                    "client_height":80,"scroll_width":300,"scroll_height":400}}},
                    "keyboard":{"stops":[{"node":"#pay"}],"cycled":true,"truncated":false}}"##,
        ),
        // Wider content, but the x axis clips instead of scrolling.
        Example::inapplicable(
            "<div id=notes style=\"overflow-x: hidden; overflow-y: auto; height: 5em\">\
             <p>Visit summary</p></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#notes":{"scroll":{"client_width":300,
                "client_height":80,"scroll_width":420,"scroll_height":80}}}}"##,
        ),
        Example::inapplicable("<div style=\"overflow: hidden; height: 5em\"><p>Text</p></div>"),
    ],
};

crate::rule!(ScrollableRegionFocusable = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    // What the Tab walk reached counts too: Chromium makes a scroller with nothing
    // focusable inside a Tab stop of its own.
    let mut stop = vec![false; cx.dom.len()];
    for s in cx.snapshot.keyboard.iter().flat_map(|w| &w.stops) {
        if let Some(flag) = stop.get_mut(s.node.index()) {
            *flag = true;
        }
    }
    let tabbable = |e: ElementRef| stop[e.id.index()] || cx.a11y.is_tabbable(e);
    let mut below: Option<Vec<bool>> = None;
    for element in cx.dom.elements() {
        if !is_candidate(cx, element) {
            continue;
        }
        let below = below.get_or_insert_with(|| descendant_flags(cx, tabbable));
        check_region(
            cx,
            element,
            tabbable(element) || below[element.id.index()],
            sink,
        );
    }
    // Without computed styles, overflow set by a stylesheet is invisible to us.
    if !cx.a11y.has_styles && has_stylesheets(cx) {
        sink.review(
            cx.page_node(),
            "The snapshot has no computed styles, so regions made scrollable by the \
             page's stylesheets cannot be found. Check that every scrolling region can \
             be reached with Tab, or scan with computed styles.",
        );
    }
}

/// Elements that may scroll: overflow auto/scroll, rendered. The viewport scrolls for
/// html/body; form controls and frames scroll natively.
fn is_candidate(cx: &Context, element: ElementRef) -> bool {
    let native = element.is_html()
        && matches!(
            element.name(),
            "html" | "body" | "iframe" | "textarea" | "select" | "input"
        );
    !native && may_scroll(element) && cx.a11y.is_rendered(element.id)
}

fn check_region(cx: &Context, element: ElementRef, reachable: bool, sink: &mut Sink) {
    if reachable {
        sink.pass(element.id);
        return;
    }
    match overflows(cx, element) {
        // Chromium and Firefox make such a scroller a Tab stop themselves: only a Tab walk
        // shows whether this browser did.
        Some(true) if !cx.walk_covers(element.id) => sink.review(
            element.id,
            if cx.snapshot.keyboard.is_none() {
                "This region scrolls and nothing in it can be focused by its markup. Some \
                 browsers make such a region a Tab stop themselves, others do not; no Tab \
                 walk was made here: check that keyboard users can reach and scroll it."
            } else {
                "This region scrolls and nothing in it can be focused by its markup. It is \
                 in a frame the Tab walk could not follow focus into (another origin's), so \
                 whether the browser made it a Tab stop is unknown: check that keyboard \
                 users can reach and scroll it."
            },
        ),
        Some(true) => sink.fail(
            element.id,
            "This region scrolls but neither it nor anything in it can be reached with \
             Tab, so keyboard users cannot scroll it.",
        ),
        Some(false) => {}
        None => sink.review(
            element.id,
            "This element may scroll (overflow auto/scroll) and nothing in it can be \
             reached with Tab. Layout is unknown: if its content overflows, keyboard \
             users cannot scroll it.",
        ),
    }
}

fn has_stylesheets(cx: &Context) -> bool {
    cx.dom.elements().any(|e| {
        e.is("style")
            || (e.is("link")
                && e.attr("rel").is_some_and(|r| {
                    r.split_ascii_whitespace()
                        .any(|t| t.eq_ignore_ascii_case("stylesheet"))
                }))
    })
}

/// Whether the element scrolls on this axis (`overflow-x` or `overflow-y` auto/scroll);
/// without the longhand in its computed style, whether it scrolls on any axis.
fn axis_scrolls(element: ElementRef, longhand: Property) -> bool {
    match element.style().and_then(|s| s.get(longhand)) {
        Some(v) => scrolls(v),
        None => may_scroll(element),
    }
}

fn scrolls(v: &str) -> bool {
    v.split_ascii_whitespace()
        .any(|t| t.eq_ignore_ascii_case("auto") || t.eq_ignore_ascii_case("scroll"))
}

/// `overflow-x` or `overflow-y` is `auto` or `scroll` (computed style, or the inline
/// style when the snapshot has no computed styles).
fn may_scroll(element: ElementRef) -> bool {
    match element.style() {
        // A computed style holds longhands only (the `overflow` shorthand is never in it).
        Some(style) => [css::OVERFLOW_X, css::OVERFLOW_Y]
            .into_iter()
            .any(|p| style.get(p).is_some_and(scrolls)),
        None => ["overflow-x", "overflow-y", "overflow"]
            .iter()
            .any(|p| inline_value(element, p).is_some_and(|v| scrolls(&v))),
    }
}

/// With the browser's scroll box: content larger than the client box on an axis the
/// element scrolls. Otherwise with layout: whether a descendant's box reaches past the
/// element's box (its content is bigger than it). `None` when neither is known.
fn overflows(cx: &Context, element: ElementRef) -> Option<bool> {
    if let Some(sb) = element.node().scroll {
        // Sub-pixel layout: scroll sizes are rounded, a pixel is not overflow.
        const SLACK: f64 = 1.0;
        let x = axis_scrolls(element, css::OVERFLOW_X) && sb.scroll_width > sb.client_width + SLACK;
        let y =
            axis_scrolls(element, css::OVERFLOW_Y) && sb.scroll_height > sb.client_height + SLACK;
        return Some(x || y);
    }
    let outer = *element.rect()?;
    let mut any_box = false;
    // Sub-pixel layout: a pixel past the edge is not overflow.
    let sticks_out = |r: &Rect| !outer.contains(*r, 1.0);
    let found = find_descendant(cx, element, |e| match e.rect() {
        Some(r) if r.width > 0.0 || r.height > 0.0 => {
            any_box = true;
            sticks_out(r)
        }
        _ => false,
    });
    if found.is_some() {
        Some(true)
    } else if any_box {
        Some(false)
    } else {
        None
    }
}
