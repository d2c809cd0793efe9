//! WCAG 2.4.11 Focus Not Obscured (Minimum): an element that receives keyboard focus is
//! not entirely hidden by content the author put on top of it (sticky headers and
//! footers, cookie banners, chat launchers).
//!
//! Decided from the browser's Tab walk: for each stop it measured the share of the focused
//! element's box covered once the browser had scrolled it into view (`obscured`).
//! - entirely covered (≥ 99.9 %, allowing for sub-pixel rounding): `fail`, the AA criterion;
//! - at least half covered: `review`. AA allows partial cover, but with half the box gone
//!   the focus indicator may well be under the cover too, and AAA 2.4.12 (not checked
//!   here) wants it all visible;
//! - less: `pass`.
//!
//! Without measurements (static scans, crawls without the walk) the rule gives one
//! page-level `review` when something is fixed or sticky on screen (what usually covers
//! focus), and nothing otherwise.

use crate::css;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};
use crate::selector::unique_selector;

static META: RuleMeta = RuleMeta {
    id: "focus-not-obscured",
    title: "Focused elements are not hidden behind sticky or overlaid content",
    category: Category::Accessibility,
    wcag: &["2.4.11"],
    act: &[],
    help: "When an element receives keyboard focus, at least part of it must be visible. \
           Sticky headers and footers are the usual cause: give the page \
           “scroll-padding-top” (and “scroll-padding-bottom”) equal to their height so the \
           browser scrolls focused elements clear of them, and let users dismiss cookie \
           banners and chat windows.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::fail(
            "<header id=top style='position:sticky; top:0'>Riverside</header>\
             <a id=visits href='/visits'>Visits</a>",
        )
        .with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#visits",
                "obscured":{"covered_fraction":1.0,"by":"#top"}}],"cycled":true,"truncated":false}}"##,
        ),
        Example::review(
            "<header id=top style='position:sticky; top:0'>Riverside</header>\
             <a id=visits href='/visits'>Visits</a>",
        )
        .with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#visits",
                "obscured":{"covered_fraction":0.6,"by":"#top"}}],"cycled":true,"truncated":false}}"##,
        ),
        Example::pass(
            "<header id=top style='position:sticky; top:0'>Riverside</header>\
             <a id=visits href='/visits'>Visits</a>",
        )
        .with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#visits",
                "obscured":{"covered_fraction":0.1,"by":"#top"}}],"cycled":true,"truncated":false}}"##,
        ),
        Example::pass("<a id=visits href='/visits'>Visits</a>").with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#visits",
                "obscured":{"covered_fraction":0.0}}],"cycled":true,"truncated":false}}"##,
        ),
        // Static: a sticky header may cover focus; nobody measured it.
        Example::review(
            "<header style='position:fixed; top:0'>Riverside</header><a href='/visits'>Visits</a>",
        ),
        Example::inapplicable("<a href='/visits'>Visits</a>"),
    ],
};

/// Covered shares: entirely hidden (sub-pixel rounding aside), and mostly hidden.
const HIDDEN: f64 = 0.999;
const MOSTLY_HIDDEN: f64 = 0.5;

crate::rule!(FocusNotObscured = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let measured: Vec<_> = cx
        .snapshot
        .keyboard
        .iter()
        .flat_map(|walk| &walk.stops)
        .filter_map(|stop| Some((cx.dom.element(stop.node)?, stop.obscured?)))
        .collect();
    if measured.is_empty() {
        if let Some(cover) = fixed_content(cx) {
            sink.review(
                cover.id,
                "This content stays on screen while the page scrolls (position fixed or \
                 sticky) and may hide focused elements; no Tab walk measured it. Tab \
                 through the page and check that no focused element disappears behind it.",
            );
        }
        return;
    }
    for (el, obscured) in measured {
        let share = obscured.covered_fraction;
        if share < MOSTLY_HIDDEN {
            sink.pass(el.id);
            continue;
        }
        let by = obscured
            .by
            .and_then(|n| cx.dom.element(n))
            .map(|b| format!("“{}”", unique_selector(stuck_ancestor(b))))
            .unwrap_or_else(|| "other content".to_string());
        if share >= HIDDEN {
            sink.fail(
                el.id,
                format!(
                    "When this element has keyboard focus it is entirely hidden by {by}, \
                     so keyboard users cannot see where they are."
                ),
            );
        } else {
            sink.review(
                el.id,
                format!(
                    "When this element has keyboard focus, {:.0}% of it is hidden by {by}. \
                     Partly visible meets 2.4.11, but check that the focus indicator can \
                     still be seen.",
                    share * 100.0
                ),
            );
        }
    }
}

/// What the browser hit-tested is often a leaf (a logo, a link) of what covers: name the
/// fixed or sticky box it belongs to, when it belongs to one.
fn stuck_ancestor(el: ElementRef) -> ElementRef {
    std::iter::once(el)
        .chain(el.flat_ancestors())
        .take(32)
        .find(|e| is_stuck(*e))
        .unwrap_or(el)
}

fn is_stuck(el: ElementRef) -> bool {
    el.style()
        .and_then(|s| s.get(css::POSITION))
        .is_some_and(|p| matches!(p.trim(), "fixed" | "sticky"))
}

/// The first rendered element fixed or sticky on screen, when something can take focus.
fn fixed_content<'a>(cx: &Context<'a>) -> Option<ElementRef<'a>> {
    let mut cover = None;
    let mut focusable = false;
    for el in cx.dom.elements() {
        if cover.is_none() && is_stuck(el) && cx.a11y.is_rendered(el.id) {
            cover = Some(el);
        }
        focusable = focusable || cx.a11y.is_tabbable(el);
        if cover.is_some() && focusable {
            return cover;
        }
    }
    None
}
