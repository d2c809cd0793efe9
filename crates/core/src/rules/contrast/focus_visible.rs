//! WCAG 2.4.7 Focus Visible: an element Tab reaches looks different when it has focus.
//! ACT rule oj04fd.
//!
//! Compares the element's computed style with its style while focused (`focus_style`,
//! which the static cascade computes with `:focus`/`:focus-visible` matching and browser
//! front-ends fill by focusing). It fails only when focusing changes nothing that draws an
//! indicator — typically `:focus { outline: none }` with no replacement — and answers
//! `review` when a script reacts to focus or the focused style is not known.
//!
//! When the browser's Tab walk measured the element (`keyboard.stops[].indicator`: its box,
//! grown by a margin, screenshotted unfocused and focused), the measurement decides, scripts
//! included: no changed pixel (or fewer than [`NOISE_SHARE`] of a one-pixel ring round the
//! compared area, i.e. anti-aliasing jitter) fails; a change whose strongest pixel differs by
//! less than [`FAINT_CONTRAST`] is a `review` (a shade nobody may notice); anything else
//! passes. Elements the walk did not measure get the style comparison above.

use crate::css;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};
use crate::snapshot::FocusIndicator;
use crate::style::visible_focus_change;

/// Event handler attributes through which a script can show focus some other way.
const FOCUS_HANDLERS: &[&str] = &["onfocus", "onblur", "onfocusin", "onfocusout"];

static META: RuleMeta = RuleMeta {
    id: "focus-visible",
    title: "Keyboard focus is visible",
    category: Category::Accessibility,
    wcag: &["2.4.7"],
    act: &["oj04fd"],
    help: "Never remove the focus outline without a replacement. If “outline: none” is \
           needed for the design, give “:focus-visible” another indicator with enough \
           contrast, e.g. “box-shadow: 0 0 0 3px #0176d3” (SLDS buttons use \
           “box-shadow: 0 0 3px #0176d3”).",
    interest: Interest::AllElements,
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
        // Measured by the Tab walk: nothing changed on focus, whatever the styles say.
        Example::fail("<a id=results href='/results'>Lab results</a>").with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#results","indicator":
                {"margin_px":4,"compared_pixels":4800,"changed_pixels":0,"max_contrast":1.0}}],
                "cycled":true,"truncated":false}}"##,
        ),
        // A script draws the ring: the measurement sees it.
        Example::pass(
            "<style>a:focus { outline: none }</style>\
             <a id=msgs href='/x' onfocus='highlight(this)'>Messages</a>",
        )
        .with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#msgs","indicator":
                {"margin_px":4,"compared_pixels":4800,"changed_pixels":640,"max_contrast":4.9}}],
                "cycled":true,"truncated":false}}"##,
        ),
        // Only a faint shade changes.
        Example::review("<button id=send>Send</button>").with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#send","indicator":
                {"margin_px":4,"compared_pixels":4800,"changed_pixels":1500,"max_contrast":1.04}}],
                "cycled":true,"truncated":false}}"##,
        ),
    ],
};

/// Changed pixels below this share of a one-device-pixel ring round the compared area
/// are rendering noise, not an indicator (an outline of 1 CSS px changes the whole ring).
const NOISE_SHARE: f64 = 0.01;
/// A change whose largest contrast between focused and unfocused colour is below this
/// is too faint to see (#fff to #f3f3f3 is 1.1:1).
const FAINT_CONTRAST: f64 = 1.1;

crate::rule!(FocusVisible = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    let stop = cx
        .snapshot
        .keyboard
        .as_ref()
        .and_then(|walk| walk.stops.iter().find(|s| s.node == el.id));
    if let Some(measured) = stop
        .and_then(|s| s.indicator)
        .filter(|i| i.compared_pixels > 0)
    {
        judge_measurement(el, &measured, sink);
        return;
    }
    let in_order = match (&cx.snapshot.focus_order, &cx.snapshot.keyboard) {
        (Some(order), _) => order.contains(&el.id),
        // What the Tab walk reached is the Tab order.
        (None, Some(_)) => stop.is_some(),
        (None, None) => cx.a11y.is_tabbable(el),
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
                "A script reacts to focus here (“{h}”), so the focus indicator may be \
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
            let outline = match (
                focused.get(css::OUTLINE_STYLE),
                focused.get(css::OUTLINE_WIDTH),
            ) {
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

fn judge_measurement(el: ElementRef, m: &FocusIndicator, sink: &mut Sink) {
    let ring = 4.0 * f64::from(m.compared_pixels).sqrt();
    let noise = (NOISE_SHARE * ring).max(1.0);
    if f64::from(m.changed_pixels) < noise {
        // The browser front-end hides the blinking caret while comparing: a caret alone
        // is not an indicator people can find on a busy form.
        let caret = if el.is("input") || el.is("textarea") || el.has_attr("contenteditable") {
            " (the text caret aside)"
        } else {
            ""
        };
        sink.fail(
            el.id,
            format!(
                "Nothing visible changes{caret} when this element gets keyboard focus: the \
                 browser compared it (and {} CSS px around it) unfocused and focused, and {} \
                 of {} pixels differ.",
                m.margin_px, m.changed_pixels, m.compared_pixels
            ),
        );
    } else if m.max_contrast < FAINT_CONTRAST {
        sink.review(
            el.id,
            format!(
                "Focus changes {} of {} pixels here, but faintly (at most {:.2}:1 between \
                 the focused and unfocused colour); check that the change can be seen.",
                m.changed_pixels, m.compared_pixels, m.max_contrast
            ),
        );
    } else {
        sink.pass(el.id);
    }
}
