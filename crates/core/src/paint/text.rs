//! The text contrast check both contrast rules run (WCAG 1.4.3 at AA, 1.4.6 at AAA), with
//! their thresholds: one paint model, one measurement, two levels.
//!
//! The check runs once per page over the flat tree (see [`crate::paint`]): the text colour
//! (with its alpha) and the ancestors' background colours are composited, group opacity
//! included, onto the white canvas. Over a CSS gradient of fixed colours the text is
//! measured against every colour the gradient paints (and the background colour under it):
//! it fails when it fails against all of them and passes when it passes against all of
//! them. A text shadow that surrounds every letter (see [`crate::paint::shadow`]) is
//! the backdrop the letters are measured on. Where a browser measured the pixels behind
//! the text (over an image or a gradient: [`TextBackdrop`]), they decide. Where the backdrop is not a known set of
//! colours (a background image, any other text shadow, a box positioned out of flow
//! without layout facts, an unknown value), the check answers `review`. Ratios are compared unrounded: 4.478:1 fails 4.5:1.

use crate::color::{Rgba, composite, contrast_ratio, format_ratio, relative_luminance};
use crate::css;
use crate::dom::{ElementRef, TextBackdrop};
use crate::engine::Context;
use crate::rule::Sink;

use crate::paint::layers::Behind;
use crate::paint::{Affine, Paint, Uncertain, own_text, shadow, text_hidden};
use crate::style::Style;
use std::collections::HashMap;

/// Elements whose text children are fallback content, not rendered text.
const NOT_RENDERED_TEXT: &[&str] = &[
    "img", "canvas", "video", "audio", "object", "iframe", "noscript", "select", "option",
    "optgroup", "datalist", "picture", "embed", "svg", "math",
];

/// A level's contrast thresholds.
pub struct Thresholds {
    /// For normal text.
    pub normal: f64,
    /// For large-scale text.
    pub large: f64,
}

/// WCAG 1.4.3 Contrast (Minimum), level AA.
pub const MINIMUM: Thresholds = Thresholds {
    normal: 4.5,
    large: 3.0,
};

/// WCAG 1.4.6 Contrast (Enhanced), level AAA.
pub const ENHANCED: Thresholds = Thresholds {
    normal: 7.0,
    large: 4.5,
};

/// Checks every rendered text of the page against `level`'s thresholds.
pub fn check_page(cx: &Context, sink: &mut Sink, level: &Thresholds) {
    let dom = cx.dom;
    if !cx.snapshot.has_styles() {
        if dom
            .elements()
            .any(|e| !own_text(dom, e.id).trim().is_empty())
        {
            sink.review(
                cx.page_node(),
                "Text contrast cannot be checked: the snapshot has no computed styles.",
            );
        }
        return;
    }
    if dom.has_scripts() && cx.snapshot.capture().scripts_ran == Some(false) {
        sink.review(
            cx.page_node(),
            "The page runs scripts, which may add or restyle text at run time; this \
             static scan checked the markup only. Scan the page in a browser as well.",
        );
    }
    let paints = cx.paints();
    let exempt = cx.contrast_exempt();
    let layers = cx.layers();
    let mut facts: HashMap<usize, TextFacts> = HashMap::new();
    for el in dom.elements() {
        let Some(paint) = paints[el.id.index()].as_ref() else {
            continue;
        };
        if !el.is_html() || NOT_RENDERED_TEXT.contains(&el.name()) || exempt[el.id.index()] {
            continue;
        }
        if !paint.visible() {
            continue;
        }
        let text = own_text(dom, el.id);
        if text.trim().is_empty() {
            continue;
        }
        let Some(style) = el.style() else { continue };
        let f = facts
            .entry(style.shared_id())
            .or_insert_with(|| TextFacts::of(style));
        if f.text_hidden {
            continue;
        }
        // Pixels the browser painted behind the text decide, unless a halo shadow (which
        // the measurement removed) is what the letters are seen against.
        if f.halo.is_none()
            && let Some(backdrop) = el.node().text_backdrop.as_ref()
            && paint.map == Affine::IDENTITY
            && paint.group_unknown.is_none()
            && let Some(fg) = f.color
        {
            check_over_pixels(el, f, fg, backdrop, &text, level, sink);
            continue;
        }
        let Some(layers) = layers else {
            check_text(el, f, paint, &text, level, sink);
            continue;
        };
        let mut seen = paint.clone();
        match layers.behind(dom, paints, el.id, paint) {
            Behind::Ancestors {
                outside_flow_resolved,
            } => {
                if outside_flow_resolved && seen.uncertain == Some(Uncertain::OutOfFlow) {
                    seen.uncertain = None;
                }
            }
            Behind::Color(c) => {
                seen.backdrop = Some(c);
                seen.map = Affine::IDENTITY;
                seen.uncertain = None;
                seen.group_unknown = None;
                seen.gradient = None;
            }
            Behind::Unknown(why) => {
                sink.review(el.id, format!("Contrast cannot be measured: {why}."));
                continue;
            }
        }
        check_text(el, f, &seen, &text, level, sink);
    }
}

/// Large-scale text per WCAG: 18pt (24px), or 14pt (18.66px) bold.
fn is_large(size: f64, weight: f64) -> bool {
    size >= 24.0 || (size >= 18.66 && weight >= 700.0)
}

/// Text without digits and without a run of two letters (`X`, `»`, `----`) may not
/// express anything in human language; ACT leaves such text to a person.
fn is_symbolic(text: &str) -> bool {
    if text.chars().any(|c| c.is_numeric()) {
        return false;
    }
    let mut run = 0;
    for c in text.chars() {
        if c.is_alphabetic() {
            run += 1;
            if run >= 2 {
                return false;
            }
        } else {
            run = 0;
        }
    }
    true
}

/// What the check reads from a style, parsed once per distinct (shared) style.
struct TextFacts {
    text_hidden: bool,
    color: Option<Rgba>,
    size: Option<f64>,
    weight: Option<f64>,
    /// `None` unknown, `Some(true)` a shadow is set.
    shadow: Option<bool>,
    /// The colour of a shadow that surrounds every letter (see [`shadow`]).
    halo: Option<Rgba>,
}

impl TextFacts {
    fn of(style: &Style) -> TextFacts {
        TextFacts {
            text_hidden: text_hidden(style),
            color: style.color(css::COLOR).and_then(Result::ok),
            size: style.font_size(),
            weight: style.font_weight(),
            shadow: style.get(css::TEXT_SHADOW).map(|s| s != "none"),
            halo: style.get(css::TEXT_SHADOW).and_then(shadow::halo_color),
        }
    }
}

fn check_text(
    el: ElementRef,
    facts: &TextFacts,
    paint: &Paint,
    text: &str,
    level: &Thresholds,
    sink: &mut Sink,
) {
    if facts.text_hidden {
        return;
    }
    let fg = match facts.color {
        Some(c) => c,
        None => {
            sink.review(
                el.id,
                "The text colour is not known statically (a system colour, an unresolved \
                 value or a stylesheet that could not be loaded); check its contrast by eye \
                 or in a browser scan.",
            );
            return;
        }
    };
    let (size, weight) = (facts.size, facts.weight);
    let size_note = || match (size, weight) {
        (Some(s), Some(w)) => format!("{}px, weight {}", trim_number(s), trim_number(w)),
        _ => "size unknown".to_string(),
    };
    let large = match (size, weight) {
        (Some(s), Some(w)) => Some(is_large(s, w)),
        // 24px and up is large whatever the weight.
        (Some(s), None) if s >= 24.0 => Some(true),
        (Some(s), None) if s < 18.66 => Some(false),
        _ => None,
    };
    // A halo shadow is what the letters are seen against: measured on it.
    let under_halo;
    let (paint, backdrop_name) = match facts.halo {
        Some(halo) => {
            under_halo = paint.under_halo(halo);
            (&under_halo, "the text shadow around its letters")
        }
        None => (paint, "background"),
    };
    let colours = |t: Rgba, b: Rgba, r: f64| {
        format!(
            "{}:1 (text {} on {backdrop_name} {})",
            format_ratio(r),
            t.quantized().to_css(),
            b.quantized().to_css()
        )
    };
    // Every (text, background) pair the text may show as: one over a flat colour, one per
    // colour of a gradient behind it.
    let Some(pairs) = paint.screen_pairs(fg) else {
        if let Some(reason) = paint.why_unknown() {
            let against = match (paint.screen_color(fg), paint.screen_backdrop()) {
                (Some(t), Some(b)) => format!(
                    " Against the background colour alone it is {}.",
                    colours(t, b, contrast_ratio(t, b))
                ),
                _ => String::new(),
            };
            sink.review(
                el.id,
                format!(
                    "Contrast cannot be measured statically: {}.{against}",
                    reason.describe()
                ),
            );
        } else {
            sink.review(el.id, "The background colour behind the text is not known.");
        }
        return;
    };
    let measured: Vec<(Rgba, Rgba, f64)> = pairs
        .into_iter()
        .map(|(t, b)| (t, b, contrast_ratio(t, b)))
        .collect();
    let by_ratio = |a: &&(Rgba, Rgba, f64), b: &&(Rgba, Rgba, f64)| a.2.total_cmp(&b.2);
    let (Some(&worst), Some(&best)) = (
        measured.iter().min_by(by_ratio),
        measured.iter().max_by(by_ratio),
    ) else {
        return;
    };
    let gradient = measured.len() > 1;
    // Text painted in exactly the background colour is not visible text (ACT afw4f7).
    if best.2 < 1.0 + 1e-9 {
        return;
    }
    // What the message says about the ratio: one value, or the range over a gradient.
    let describe = |(t, b, r): (Rgba, Rgba, f64)| {
        if gradient {
            format!(
                "between {}:1 and {} against the {} colours of the gradient behind it",
                format_ratio(r),
                colours(best.0, best.1, best.2),
                measured.len()
            )
        } else {
            colours(t, b, r)
        }
    };
    if facts.shadow != Some(false) && facts.halo.is_none() {
        let what = if facts.shadow.is_some() {
            "a text shadow changes"
        } else {
            "the text shadow is unknown, and may change"
        };
        sink.review(
            el.id,
            format!(
                "Contrast is {} without the shadow, but {what} the colours around the \
                 letters; check it visually.",
                describe(worst)
            ),
        );
        return;
    }
    let (lo, hi) = (worst.2, best.2);
    let need = match large {
        Some(true) => level.large,
        Some(false) => level.normal,
        None if lo >= level.normal => level.normal,
        None if hi < level.large => level.large,
        None => {
            sink.review(
                el.id,
                format!(
                    "Contrast is {}: enough for large text but not for normal text, and the \
                     text size ({}) is not known.",
                    describe(worst),
                    size_note()
                ),
            );
            return;
        }
    };
    if lo >= need {
        sink.pass(el.id);
        return;
    }
    if hi >= need {
        sink.review(
            el.id,
            format!(
                "Contrast is {}: text of this size ({}) needs at least {}:1, which it has \
                 over some colours of the gradient and not over others; check where the \
                 text sits.",
                describe(worst),
                size_note(),
                trim_number(need)
            ),
        );
        return;
    }
    let message = format!(
        "Contrast is {}; text of this size ({}) needs at least {}:1.",
        describe(worst),
        size_note(),
        trim_number(need)
    );
    if is_symbolic(text) {
        sink.review(
            el.id,
            format!("{message} The text has no words or numbers; if it conveys meaning, fix it."),
        );
    } else {
        sink.fail(el.id, message);
    }
}

/// Text over measured pixels (see [`TextBackdrop`]): it fails when over some strip even
/// the best colour there gives too little contrast (ACT: the highest possible contrast of
/// every character), passes when the worst colour anywhere gives enough, and else asks a
/// person to look.
fn check_over_pixels(
    el: ElementRef,
    facts: &TextFacts,
    fg: Rgba,
    backdrop: &TextBackdrop,
    text: &str,
    level: &Thresholds,
    sink: &mut Sink,
) {
    let colour = |[r, g, b]: [u8; 3]| Rgba::from_u8(r, g, b, 1.0);
    let on = |b: Rgba| (composite(fg, b), b, contrast_ratio(composite(fg, b), b));
    let text_luminance = relative_luminance(composite(fg, Rgba::WHITE));
    // Per strip: the best pair (highest contrast) and, where the text colour is not
    // between the strip's darkest and lightest, the worst.
    let mut lowest_best: Option<(Rgba, Rgba, f64)> = None;
    let mut worst: Option<(Rgba, Rgba, f64)> = Some((Rgba::WHITE, Rgba::WHITE, f64::INFINITY));
    for [dark, light] in backdrop
        .strips
        .iter()
        .map(|[d, l]| [colour(*d), colour(*l)])
    {
        let (with_dark, with_light) = (on(dark), on(light));
        let best = if with_dark.2 >= with_light.2 {
            with_dark
        } else {
            with_light
        };
        if lowest_best.is_none_or(|b| best.2 < b.2) {
            lowest_best = Some(best);
        }
        let between =
            (relative_luminance(dark)..=relative_luminance(light)).contains(&text_luminance);
        let strip_worst = if with_dark.2 <= with_light.2 {
            with_dark
        } else {
            with_light
        };
        worst = match worst {
            Some(w) if !between && strip_worst.2 < w.2 => Some(strip_worst),
            Some(w) if !between => Some(w),
            _ => None,
        };
    }
    let Some(lowest_best) = lowest_best else {
        return;
    };
    if lowest_best.2 < 1.0 + 1e-9 && worst.is_some() {
        return; // painted in the colours behind it: not visible text
    }
    let large = match (facts.size, facts.weight) {
        (Some(s), Some(w)) => Some(is_large(s, w)),
        (Some(s), None) if s >= 24.0 => Some(true),
        _ => None,
    };
    // Unknown size: fail only below the large-text threshold, pass only above the normal.
    let need_to_fail = if large == Some(false) {
        level.normal
    } else {
        level.large
    };
    let need_to_pass = if large == Some(true) {
        level.large
    } else {
        level.normal
    };
    let need = if large == Some(true) {
        level.large
    } else {
        level.normal
    };
    let pair = |(t, b, r): (Rgba, Rgba, f64)| {
        format!(
            "{}:1 (text {} on {})",
            format_ratio(r),
            t.quantized().to_css(),
            b.quantized().to_css()
        )
    };
    let size = match (facts.size, facts.weight) {
        (Some(s), Some(w)) => format!("{}px, weight {}", trim_number(s), trim_number(w)),
        _ => "size unknown".to_string(),
    };
    if lowest_best.2 < need_to_fail {
        let message = format!(
            "Over the image or gradient behind it, part of this text has at best {}, measured \
             from the pixels the browser painted there; text of this size ({size}) needs at \
             least {}:1.",
            pair(lowest_best),
            trim_number(need)
        );
        if is_symbolic(text) {
            sink.review(
                el.id,
                format!(
                    "{message} The text has no words or numbers; if it conveys meaning, fix it."
                ),
            );
        } else {
            sink.fail(el.id, message);
        }
        return;
    }
    match worst {
        Some(w) if w.2 >= need_to_pass => sink.pass(el.id),
        _ => sink.review(
            el.id,
            format!(
                "Over the image or gradient behind it, every part of this text reaches at \
                 least {} against some of it, but not against all of it. Text of this size \
                 ({size}) needs {}:1; check where the letters sit on it.",
                pair(lowest_best),
                trim_number(need)
            ),
        ),
    }
}

fn trim_number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn large_text_thresholds() {
        assert!(is_large(24.0, 400.0));
        assert!(!is_large(23.99, 400.0));
        assert!(is_large(18.6667, 700.0));
        assert!(!is_large(18.6667, 600.0));
        assert!(!is_large(18.0, 700.0));
    }

    #[test]
    fn symbolic_text() {
        assert!(is_symbolic("X"));
        assert!(is_symbolic("----=====++++±±@@"));
        assert!(is_symbolic(" » "));
        assert!(!is_symbolic("1"));
        assert!(!is_symbolic("Go"));
    }
}
