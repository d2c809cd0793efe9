//! WCAG 1.4.12 Text Spacing: text spacing declared `!important` in a `style` attribute is
//! at least what patients may set for themselves (letter spacing 0.12 times the font size,
//! word spacing 0.16 times, line height 1.5 times). ACT rules 24afc2 (letter spacing),
//! 9e45ec (word spacing) and 78fd32 (line height).
//!
//! An `!important` inline declaration beats every author stylesheet, and the bookmarklets
//! and extensions people use to widen text spacing are author styles, so a value under the
//! minimum cannot be widened. A value in `px` needs the element's font size: without a
//! computed style it is left to review.

use crate::a11y::rendering::inline_winner;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};
use crate::style::font_multiple;

static META: RuleMeta = RuleMeta {
    id: "text-spacing",
    title: "Text spacing set !important in a style attribute is wide enough to override",
    category: Category::Accessibility,
    wcag: &["1.4.12"],
    act: &["24afc2", "9e45ec", "78fd32"],
    help: "Remove !important from letter-spacing, word-spacing and line-height in style \
           attributes, or make them at least 0.12em, 0.16em and 1.5. Patients with low vision \
           or dyslexia widen text spacing with their own styles, which an !important inline \
           value blocks.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::fail("<p style='letter-spacing: 0.1em !important'>Take one tablet daily</p>"),
        Example::fail("<p style='word-spacing: 1px !important'>Take one tablet daily</p>"),
        Example::fail("<p style='line-height: 1.2 !IMPORTANT'>Take one tablet daily</p>"),
        Example::fail("<p style='line-height: normal !important'>Take one tablet daily</p>"),
        // The text is in a child: the value is inherited.
        Example::fail("<div style='letter-spacing: 0 !important'><span>Visit summary</span></div>"),
        Example::pass("<p style='letter-spacing: 0.12em !important'>Take one tablet daily</p>"),
        Example::pass(
            "<p style='word-spacing: 3px !important; font-size: 16px'>Take one tablet daily</p>",
        ),
        Example::pass("<p style='line-height: 150% !important'>Take one tablet daily</p>"),
        // Look-alikes: not important (people can override it), or later made wide enough
        // by an important declaration of the same attribute.
        Example::inapplicable("<p style='letter-spacing: 0'>Take one tablet daily</p>"),
        Example::pass(
            "<p style='line-height: 1 !important; line-height: 2 !important'>Take one tablet daily</p>",
        ),
        Example::inapplicable("<p style='line-height: 1 !important' hidden>Old notice</p>"),
        Example::inapplicable("<div style='line-height: 1 !important'></div>"),
        // `vw` depends on the window.
        Example::review("<p style='letter-spacing: 0.1vw !important'>Take one tablet daily</p>"),
    ],
};

/// Each property with the least value, as a multiple of the font size, and its `normal`.
const MINIMUMS: &[(&str, f64, f64)] = &[
    ("letter-spacing", 0.12, 0.0),
    ("word-spacing", 0.16, 0.0),
    // `normal` is about 1.2 in common fonts: below 1.5 whatever the font.
    ("line-height", 1.5, 1.2),
];

crate::rule!(TextSpacing = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    let Some(style) = el.attr("style") else {
        return;
    };
    if !style.to_ascii_lowercase().contains("important")
        || !el.is_html()
        || !cx.a11y.is_rendered(el.id)
        || cx.a11y.is_invisible(el.id)
        || el.text_content().trim().is_empty()
    {
        return;
    }
    let font_size = el.style().and_then(|s| s.font_size());
    let root_font_size = cx
        .dom
        .document_element()
        .and_then(|r| r.style())
        .and_then(|s| s.font_size());
    let (mut fails, mut unknown, mut applies) = (Vec::new(), Vec::new(), false);
    for &(property, least, normal) in MINIMUMS {
        let Some(d) = inline_winner(el, property).filter(|d| d.important) else {
            continue;
        };
        applies = true;
        match font_multiple(&d.value, font_size, root_font_size, normal) {
            Some(m) if m + 1e-9 >= least => {}
            Some(m) => fails.push(format!(
                "{property}: {} !important is {} times the font size, under {least}",
                d.value,
                trim(m)
            )),
            None => unknown.push(format!("{property}: {} !important", d.value)),
        }
    }
    if !applies {
        return;
    }
    if !fails.is_empty() {
        sink.fail(
            el.id,
            format!(
                "{}: patients cannot widen this text's spacing with their own styles.",
                fails.join("; ")
            ),
        );
    } else if !unknown.is_empty() {
        sink.review(
            el.id,
            format!(
                "{} cannot be compared with the font size statically; check that it is at \
                 least 0.12em letter spacing, 0.16em word spacing and 1.5 line height.",
                unknown.join("; ")
            ),
        );
    } else {
        sink.pass(el.id);
    }
}

fn trim(v: f64) -> String {
    let s = format!("{v:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}
