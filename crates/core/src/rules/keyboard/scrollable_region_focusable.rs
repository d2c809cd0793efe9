//! WCAG 2.1.1 Keyboard: a region that scrolls can be reached with Tab (it or something in
//! it is in sequential focus navigation), so keyboard users can scroll it.
//!
//! Whether a region overflows comes from the browser's scroll box (`Node.scroll`: content
//! larger than the client box on an axis whose overflow is auto/scroll) when known, else
//! from layout boxes of its content, else it is unknown (`review`). With the browser's
//! scroll box the rule applies as ACT 0ssw9k says: overflow beyond the region's padding on
//! an axis that scrolls, and something visible inside (text or a replaced element).
//!
//! Chromium and Firefox make a scroller with nothing focusable inside a Tab stop of their
//! own; Safari does not. So the region itself counts as reachable by its markup only: a
//! walk stop on it alone still fails, and the message says why (ACT 0ssw9k's failed cases
//! fail the same way). What the walk reached *inside* a region counts; without a walk the
//! markup decides, as it does for every front-end that knows the region's scroll box.

use crate::a11y::rendering::inline_value;
use crate::css::{self, Property};
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};
use crate::style::{Rect, overflow_scrolls, parse_px};

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
        // It scrolls and nothing in it is focusable by its markup; no Tab walk is needed
        // to know that (the Wasm package cannot press Tab).
        Example::fail(
            "<div id=notes style=\"overflow-y: auto; height: 5em\"><p>Visit summary</p></div>",
        )
        .with_facts(
            r##"{"source":"wasm","scripts_ran":true,"laid_out":true,"nodes":{"#notes":{"scroll":{
                    "client_width":300,"client_height":80,"scroll_width":300,"scroll_height":400}}}}"##,
        ),
        // Chromium's Tab walk stopped on the scroller itself: Chromium made it a stop,
        // Safari does not.
        Example::fail(
            "<div id=notes style=\"overflow-y: auto; height: 5em\"><p>Visit summary</p></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#notes":{"scroll":{"client_width":300,
                    "client_height":80,"scroll_width":300,"scroll_height":400}}},
                    "keyboard":{"stops":[{"node":"#notes"}],"cycled":true,"truncated":false}}"##,
        ),
        // Behind an open modal dialog, a region with tabindex is judged as it will be
        // once the dialog closes: reachable.
        Example::pass(
            "<div id=notes tabindex=0 style=\"overflow-y: auto; height: 5em\"><p>Visit summary</p></div>\
             <dialog id=d open><button>Close</button></dialog>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#d":{"modal":true},"#notes":{"scroll":{"client_width":300,
                    "client_height":80,"scroll_width":300,"scroll_height":400}}}}"##,
        ),
        // Its content fits: nothing to scroll to, so no finding, even with a link inside
        // (ACT 0ssw9k inapplicable example 2).
        Example::inapplicable(
            "<div id=notes style=\"overflow-y: auto; height: 5em\"><a href=/v>Visit</a></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#notes":{"scroll":{"client_width":300,
                    "client_height":80,"scroll_width":300,"scroll_height":80}}}}"##,
        ),
        // Something inside took focus in the walk (made focusable by script): reachable.
        Example::pass(
            "<div id=notes style=\"overflow-y: auto; height: 5em\"><p id=summary>Visit summary</p></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#notes":{"scroll":{"client_width":300,
                    "client_height":80,"scroll_width":300,"scroll_height":400}}},
                    "keyboard":{"stops":[{"node":"#summary"}],"cycled":true,"truncated":false}}"##,
        ),
        // It overflows only into its own 30 px bottom padding: no content out of view.
        Example::inapplicable(
            "<div id=notes style=\"overflow-y: auto; height: 5em\"><p>Visit summary</p></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#notes":{"scroll":{"client_width":300,
                    "client_height":80,"scroll_width":300,"scroll_height":100},
                    "style":{"overflow-y":"auto","padding-top":"30px","padding-bottom":"30px"}}},
                    "keyboard":{"stops":[],"cycled":true,"truncated":false}}"##,
        ),
        // It scrolls, but nothing visible is in it (an empty spacer wider than the box).
        Example::inapplicable(
            "<div id=notes style=\"overflow-x: scroll; height: 20px\"><div style=\"width: 900px\"></div></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#notes":{"scroll":{"client_width":300,
                    "client_height":20,"scroll_width":900,"scroll_height":20}}},
                    "keyboard":{"stops":[],"cycled":true,"truncated":false}}"##,
        ),
        // Inside a frame the walk could not follow (another origin's document): its
        // markup still says nothing in the scroller is focusable.
        Example::fail(
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
    // What the Tab walk reached inside a region counts too (content focusable by script).
    // A region behind an open modal dialog is judged as it is once the dialog closes.
    let stop = cx.walk_stops();
    let tabbable = |e: ElementRef| stop[e.id.index()] || cx.a11y.is_tabbable_unblocked(e);
    let mut below: Option<Vec<bool>> = None;
    for element in cx.dom.elements() {
        if !is_candidate(cx, element) {
            continue;
        }
        let below = below.get_or_insert_with(|| descendant_flags(cx, tabbable));
        // The region itself counts by its markup only: a stop on it with nothing
        // focusable about it is the browser's own doing (Chromium, Firefox), not Safari's.
        let by_markup = cx.a11y.is_tabbable_unblocked(element) || below[element.id.index()];
        check_region(cx, element, by_markup, stop[element.id.index()], sink);
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

fn check_region(
    cx: &Context,
    element: ElementRef,
    reachable: bool,
    browser_stop: bool,
    sink: &mut Sink,
) {
    if element.node().scroll.is_some() && !has_visible_content(cx, element) {
        return; // nothing to scroll to (ACT: no visible children)
    }
    // A region that does not overflow has nothing to scroll to (ACT: inapplicable),
    // reachable or not.
    let overflow = overflows(cx, element);
    if overflow == Some(false) {
        return;
    }
    if reachable {
        sink.pass(element.id);
        return;
    }
    match overflow {
        Some(true) if browser_stop => sink.fail(
            element.id,
            "This region scrolls and nothing in it can be focused by its markup. The Tab \
             walk stopped on it only because Chromium (like Firefox) makes such a region a \
             Tab stop itself; Safari does not, so its keyboard users cannot scroll it.",
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

/// Something a user could see inside: a rendered text run that is not only white space,
/// or a rendered replaced or graphic element.
fn has_visible_content(cx: &Context, element: ElementRef) -> bool {
    find_descendant(cx, element, |e| {
        cx.a11y.is_rendered(e.id)
            && (matches!(
                e.name(),
                "img"
                    | "svg"
                    | "video"
                    | "canvas"
                    | "input"
                    | "select"
                    | "textarea"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "button"
                    | "meter"
                    | "progress"
            ) || cx.dom.children(e.id).any(|c| cx.dom.is_nonblank_text(c)))
    })
    .is_some()
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
        Some(v) => overflow_scrolls(v),
        None => may_scroll(element),
    }
}

/// `overflow-x` or `overflow-y` is `auto` or `scroll` (computed style, or the inline
/// style when the snapshot has no computed styles).
fn may_scroll(element: ElementRef) -> bool {
    match element.style() {
        Some(style) => style.is_scroll_container(),
        None => ["overflow-x", "overflow-y", "overflow"]
            .iter()
            .any(|p| inline_value(element, p).is_some_and(|v| overflow_scrolls(&v))),
    }
}

/// With the browser's scroll box: content larger than the client box on an axis the
/// element scrolls. Otherwise with layout: whether a descendant's box reaches past the
/// element's box (its content is bigger than it). `None` when neither is known.
fn overflows(cx: &Context, element: ElementRef) -> Option<bool> {
    if let Some(sb) = element.node().scroll {
        // Sub-pixel layout: scroll sizes are rounded, a pixel is not overflow. Overflow
        // that reaches no further than the padding on that axis shows no hidden content.
        const SLACK: f64 = 1.0;
        let padding = |a: Property, b: Property| {
            let px = |p| {
                element
                    .style()
                    .and_then(|s| s.get(p))
                    .and_then(parse_px)
                    .unwrap_or(0.0)
            };
            px(a).max(px(b)).max(SLACK)
        };
        let x = axis_scrolls(element, css::OVERFLOW_X)
            && sb.scroll_width - sb.client_width > padding(css::PADDING_LEFT, css::PADDING_RIGHT);
        let y = axis_scrolls(element, css::OVERFLOW_Y)
            && sb.scroll_height - sb.client_height > padding(css::PADDING_TOP, css::PADDING_BOTTOM);
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
