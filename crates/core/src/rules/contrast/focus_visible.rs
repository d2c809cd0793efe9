//! WCAG 2.4.7 Focus Visible: an element Tab reaches looks different when it has focus.
//! ACT rule oj04fd.
//!
//! Compares the element's computed style with its style while focused (`focus_style`,
//! which the static cascade computes with `:focus`/`:focus-visible` matching and browser
//! front-ends fill by focusing). It fails only when focusing changes nothing that draws an
//! indicator — typically `:focus { outline: none }` with no replacement — and answers
//! `review` when a script reacts to focus or the focused style is not known.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, Rule, RuleMeta, Sink};
use crate::style::visible_focus_change;

pub struct FocusVisible;

/// Event handler attributes through which a script can show focus some other way.
const FOCUS_HANDLERS: &[&str] = &["onfocus", "onblur", "onfocusin", "onfocusout"];

static META: RuleMeta = RuleMeta {
    id: "focus-visible",
    title: "Keyboard focus is visible",
    category: Category::Accessibility,
    wcag: &["2.4.7"],
    act: &["oj04fd"],
    help: "Never remove the focus outline without a replacement. If `outline: none` is \
           needed for the design, give `:focus-visible` another indicator with enough \
           contrast, e.g. `box-shadow: 0 0 0 3px #0176d3` (SLDS buttons use \
           `box-shadow: 0 0 3px #0176d3`).",
    phi: None,
    examples: &[
        Example::pass("<a href='/appointments'>Appointments</a>"),
        Example::pass("<span tabindex=0>Custom control</span>"),
        Example::pass(
            "<style>.btn:focus { outline: none; box-shadow: 0 0 0 3px #0176d3 }</style>\
             <button class=btn>Book</button>",
        ),
        Example::fail(
            "<style>.no-ring:focus { outline: none }</style>\
             <a class=no-ring href='/results'>Lab results</a>",
        ),
        Example::fail("<style>*:focus { outline: 0 }</style><button>Send</button>"),
        Example::review(
            "<style>a:focus { outline: none }</style>\
             <a href='/x' onfocus='highlight(this)'>Messages</a>",
        ),
        Example::inapplicable("<span>Not focusable</span><a tabindex=-1 href='/x'>Skipped</a>"),
        Example::inapplicable("<button disabled style='outline:none'>Off</button>"),
    ],
};

impl Rule for FocusVisible {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn interest(&self) -> Interest {
        Interest::AllElements
    }
    fn check_element(&self, cx: &Context, el: ElementRef, sink: &mut Sink) {
        let in_order = match &cx.snapshot.focus_order {
            Some(order) => order.contains(&el.id),
            None => cx.a11y.is_tabbable(el),
        };
        if !in_order
            || cx.a11y.is_disabled(el)
            || !cx.a11y.is_rendered(el.id)
            || cx.a11y.is_invisible(el.id)
        {
            return;
        }
        // Delegated handlers sit on nearby ancestors; the walk is bounded so a page of
        // 100,000 nested focusable elements stays linear.
        let handler = std::iter::once(el)
            .chain(el.flat_ancestors())
            .take(64)
            .find_map(|e| FOCUS_HANDLERS.iter().find(|h| e.has_attr(h)));
        if let Some(h) = handler {
            sink.review(
                el.id,
                format!(
                    "A script reacts to focus here (`{h}`), so the focus indicator may be \
                     drawn elsewhere; check by tabbing to it."
                ),
            );
            return;
        }
        let (Some(normal), Some(focused)) = (el.style(), el.node().focus_style.as_ref()) else {
            sink.review(
                el.id,
                "The element's style while focused is not known; check by tabbing to it.",
            );
            return;
        };
        match visible_focus_change(normal, focused) {
            Some(true) => sink.pass(el.id),
            None => sink.review(
                el.id,
                "Some style values are not known statically, so whether focus is visible \
                 cannot be decided; check by tabbing to it.",
            ),
            Some(false) => {
                let outline = match (focused.get("outline-style"), focused.get("outline-width")) {
                    (Some("none"), _) | (_, Some("0px")) => "the outline is removed",
                    _ => "there is no outline",
                };
                sink.fail(
                    el.id,
                    format!(
                        "Nothing changes when this element gets keyboard focus: {outline} and \
                         no border, shadow, background, colour or underline replaces it \
                         (unless a script draws one)."
                    ),
                );
            }
        }
    }
}
