//! WCAG 1.4.11 Non-text Contrast: the visual boundary that identifies a form field (its
//! border, or its filled background) has at least 3:1 contrast with what is around it.
//!
//! Checked for text fields, selects and textareas, and for elements with a field role
//! (`textbox`, `combobox`, `checkbox`, …) that draw a border or background. Native
//! checkboxes and radios are drawn by the browser, not by CSS, and are left out.
//! A box shadow or background image may draw the boundary instead: `review`.

use crate::color::{Rgba, contrast_ratio, format_ratio};
use crate::css;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::paint::Paint;
use crate::paint::disabled::is_disabled;

const FIELD_ROLES: &[&str] = &[
    "textbox",
    "searchbox",
    "combobox",
    "listbox",
    "spinbutton",
    "checkbox",
    "radio",
    "switch",
    "slider",
];

/// Input types drawn natively or identified by their text, not by a field boundary.
const NOT_FIELDS: &[&str] = &[
    "hidden", "button", "submit", "reset", "image", "color", "file", "range", "checkbox", "radio",
];

static META: RuleMeta = RuleMeta {
    id: "non-text-contrast",
    title: "Form fields have a visible boundary with 3:1 contrast",
    category: Category::Accessibility,
    wcag: &["1.4.11"],
    act: &[],
    help: "Give every field a border (or a filled background) with at least 3:1 contrast \
           against the page behind it. SLDS's field border #c9c9c9 on white is only 1.6:1 \
           for the outline of the field alone; #949494 or darker meets 3:1 on white. A bottom border \
           alone is enough when it has the contrast.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<input aria-label=Name>"),
        Example::pass("<input aria-label=Name style='border:1px solid #767676'>"),
        Example::pass("<input aria-label=Name style='border:0; border-bottom:2px solid #444'>"),
        Example::pass(
            "<div style='background:#fff'><input aria-label=Name \
             style='border:0; background:#555; color:#fff'></div>",
        ),
        Example::fail("<input aria-label=Name style='border:1px solid #c9c9c9'>"),
        Example::fail(
            "<div role=textbox aria-label=Notes contenteditable \
             style='border:1px solid #ddd; background:#fff'></div>",
        ),
        Example::fail(
            "<style>.slds-input{border:1px solid #dddbda;background:#fff}</style>\
             <input class=slds-input aria-label=Search>",
        ),
        Example::review(
            "<input aria-label=Name style='border:1px solid #eee; box-shadow:0 0 0 1px #333'>",
        ),
        Example::inapplicable("<input type=checkbox aria-label=Agree><input type=hidden>"),
        Example::inapplicable("<input disabled aria-label=Off style='border:1px solid #eee'>"),
    ],
};

crate::rule!(NonTextContrast = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let dom = cx.dom;
    if !cx.snapshot.has_styles() {
        return;
    }
    for el in dom.elements() {
        let Some(kind) = field_kind(el) else { continue };
        if is_disabled(el) {
            continue;
        }
        let paints = cx.paints();
        let Some(paint) = paints[el.id.index()].as_ref() else {
            continue;
        };
        if !paint.visible() {
            continue;
        }
        let parent = el
            .flat_parent_element()
            .and_then(|p| paints[p.id.index()].as_ref());
        check_field(el, kind, paint, parent, sink);
    }
}

#[derive(Clone, Copy, PartialEq)]
enum FieldKind {
    /// A native field: its CSS border and background draw it.
    Native,
    /// An element with a field role: checked only when it draws a border or background.
    Custom,
}

fn field_kind(el: ElementRef) -> Option<FieldKind> {
    if el.is("select") || el.is("textarea") {
        return Some(FieldKind::Native);
    }
    if el.is("input") {
        let t = el
            .attr("type")
            .unwrap_or("text")
            .trim()
            .to_ascii_lowercase();
        return (!NOT_FIELDS.contains(&t.as_str())).then_some(FieldKind::Native);
    }
    let role = el
        .attr("role")?
        .split_ascii_whitespace()
        .next()?
        .to_ascii_lowercase();
    FIELD_ROLES
        .contains(&role.as_str())
        .then_some(FieldKind::Custom)
}

/// Drawn border sides as (width in px, colour); `Err(())` when a value is unknown.
fn borders(el: ElementRef) -> Result<Vec<(f64, Rgba)>, ()> {
    let style = el.style().ok_or(())?;
    let mut out = Vec::new();
    for side in 0..4 {
        let s = style.get(css::BORDER_STYLES[side]).ok_or(())?;
        let w = style.px(css::BORDER_WIDTHS[side]).ok_or(())?;
        if !css::draws_line(s) || w <= 0.0 {
            continue;
        }
        let c = style
            .color(css::BORDER_COLORS[side])
            .ok_or(())?
            .map_err(|_| ())?;
        out.push((w, c));
    }
    Ok(out)
}

fn check_field(
    el: ElementRef,
    kind: FieldKind,
    paint: &Paint,
    parent: Option<&Paint>,
    sink: &mut Sink,
) {
    let Some(style) = el.style() else { return };
    let Ok(sides) = borders(el) else {
        sink.review(el.id, "The field's border is not known statically.");
        return;
    };
    let background = style.color(css::BACKGROUND_COLOR).and_then(Result::ok);
    let fills = background.is_some_and(|b| b.a > 0.0);
    if kind == FieldKind::Custom && sides.is_empty() && !fills {
        // Nothing in CSS draws this control (an icon or image may): a person must look.
        if style
            .get(css::BACKGROUND_IMAGE)
            .is_some_and(|i| i != "none")
            || style.get(css::BOX_SHADOW).is_some_and(|s| s != "none")
        {
            sink.review(
                el.id,
                "The control is drawn by an image or shadow; check its contrast by eye.",
            );
        }
        return;
    }
    let adjacent = parent
        .filter(|p| p.why_unknown().is_none())
        .and_then(Paint::screen_backdrop);
    let Some(adjacent) = adjacent else {
        sink.review(
            el.id,
            "What is painted around the field is not known statically (a background image, \
             positioned box or unknown value); check its boundary contrast by eye.",
        );
        return;
    };
    if paint.why_unknown().is_some() {
        sink.review(
            el.id,
            "The field's own colours are not known statically; check by eye.",
        );
        return;
    }
    let mut best: Option<(f64, &str, Rgba)> = None;
    let mut consider = |ratio: f64, what: &'static str, colour: Rgba| {
        if best.is_none_or(|(r, _, _)| ratio > r) {
            best = Some((ratio, what, colour));
        }
    };
    for (_, c) in &sides {
        if let Some(on_screen) = paint.screen_color(*c) {
            consider(contrast_ratio(on_screen, adjacent), "border", on_screen);
        }
    }
    if let Some(own) = paint.screen_backdrop() {
        consider(contrast_ratio(own, adjacent), "background", own);
    }
    let Some((ratio, what, colour)) = best else {
        sink.review(el.id, "The field's colours are not known statically.");
        return;
    };
    if ratio >= 3.0 {
        sink.pass(el.id);
        return;
    }
    if style.get(css::BOX_SHADOW) != Some("none")
        || style.get(css::BACKGROUND_IMAGE) != Some("none")
    {
        sink.review(
            el.id,
            format!(
                "The field's best boundary ({what} {}) is {}:1 against {}, but a box shadow \
                 or background image may draw the boundary; check it by eye.",
                colour.quantized().to_css(),
                format_ratio(ratio),
                adjacent.quantized().to_css()
            ),
        );
        return;
    }
    sink.fail(
        el.id,
        format!(
            "The field's boundary is hard to see: its best edge ({what} {}) is {}:1 against \
             the adjacent {}; at least 3:1 is needed.",
            colour.quantized().to_css(),
            format_ratio(ratio),
            adjacent.quantized().to_css()
        ),
    );
}
