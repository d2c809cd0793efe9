//! WCAG 1.4.3 Contrast (Minimum): visible text has at least 4.5:1 contrast with what is
//! painted behind it (3:1 for large text). ACT rule afw4f7.
//!
//! The check runs once per page over the flat tree (see [`crate::paint`]): the text colour
//! (with its alpha) and the ancestors' background colours are composited, group opacity
//! included, onto the white canvas. Where that is not a single known colour (a background
//! image or gradient, a text shadow, a box positioned out of flow without layout facts,
//! an unknown value), the rule answers `review`. Ratios are compared unrounded:
//! 4.478:1 fails 4.5:1.

use crate::color::{Rgba, contrast_ratio, format_ratio};
use crate::css;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::paint::disabled::exempt_all;
use crate::paint::layers::{Behind, Layers};
use crate::paint::{Affine, Paint, Uncertain, own_text, text_hidden};
use crate::style::Style;
use std::collections::HashMap;

/// Elements whose text children are fallback content, not rendered text.
const NOT_RENDERED_TEXT: &[&str] = &[
    "img", "canvas", "video", "audio", "object", "iframe", "noscript", "select", "option",
    "optgroup", "datalist", "picture", "embed", "svg", "math",
];

static META: RuleMeta = RuleMeta {
    id: "text-contrast",
    title: "Text has enough contrast with its background",
    category: Category::Accessibility,
    wcag: &["1.4.3"],
    act: &["afw4f7"],
    help: "Make text at least 4.5:1 against its background (3:1 for large text: 24px, or \
           18.66px bold). In SLDS use the text tokens meant for the background, e.g. \
           --slds-g-color-neutral-base-10 (#181818) on white; grey placeholder-like text \
           such as #999 on white (2.84:1) fails. Check the colour with the contrast page \
           before changing a token.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<p style='color:#333; background:#fff'>Your next appointment</p>"),
        Example::pass("<p style='color:#767676'>Lightest grey that passes on white</p>"),
        // 14pt bold is large text: 3:1 is enough.
        Example::pass(
            "<p style='color:#949494; font-size:14pt; font-weight:700'>Large bold text</p>",
        ),
        // Styles from <style>, var() with fallback and inheritance.
        Example::pass(
            "<style>:root{--ink:#181818} .card{color:var(--ink, red); background:#fff}</style>\
             <div class=card><span>Lab results</span></div>",
        ),
        // #777 on white is 4.478:1: not rounded up.
        Example::fail("<p style='color:#777'>Appointment details</p>"),
        Example::fail("<p style='color:#aaa; background:white'>Some text in English</p>"),
        Example::fail(
            "<div style='background:#fff'><p style='color:#000; opacity:.3'>Faded</p></div>",
        ),
        Example::fail("<p style='color:rgba(0,0,0,.3)'>Translucent text</p>"),
        // Shadow DOM: text inherits the host's colour.
        Example::fail(
            "<p style='color:#aaa; background:#fff'><template shadowrootmode=open>\
             Shadow text</template></p>",
        ),
        Example::review(
            "<p style='color:#777; background-image:linear-gradient(#fff,#eee)'>Over a gradient</p>",
        ),
        Example::review(
            "<p style='color:#000; background:#737373; text-shadow:white 0 0 3px'>Shadowed</p>",
        ),
        Example::review(
            "<div style='position:absolute; top:10px'><p style='color:#888'>Floating</p></div>",
        ),
        Example::review("<p style='color:GrayText'>System colour text</p>"),
        // Disabled controls and their labels are exempt; hidden text is not checked.
        Example::inapplicable("<button disabled style='color:#bbb'>Submit</button>"),
        Example::inapplicable(
            "<label style='color:#bbb'>Name <input disabled></label>\
             <p style='display:none;color:#eee'>Hidden</p>\
             <p style='position:absolute; left:-9999px; color:#eee'>Off-screen</p>",
        ),
        Example::inapplicable(
            "<p style='color:#fff; background:#fff'>Same colour as background</p>",
        ),
        // Script output is not in a static snapshot: say so once per page.
        Example::review(
            "<p id=p style='color:#aaa'></p><script>p.textContent = 'Added later'</script>",
        ),
        // Browser layout: a positioned band (not an ancestor) is painted under the text.
        Example::fail(
            "<div id=wrap style='position:relative; background:#fff'>\
             <div id=band style='position:absolute; top:0; left:0; width:400px; height:60px; background:#1b5297'></div>\
             <p id=t style='position:relative; color:#0b2a4a'>Appointments</p></div>",
        )
        .with_facts(LAYERED),
        Example::pass(
            "<div id=wrap style='position:relative; background:#fff'>\
             <div id=band style='position:absolute; top:0; left:0; width:400px; height:60px; background:#1b5297'></div>\
             <p id=t style='position:relative; color:#fff'>Appointments</p></div>",
        )
        .with_facts(LAYERED),
        // The band covers only part of the text, or paints a gradient.
        Example::review(
            "<div id=wrap style='position:relative; background:#fff'>\
             <div id=band style='position:absolute; top:0; left:0; width:400px; height:15px; background:#1b5297'></div>\
             <p id=t style='position:relative; color:#0b2a4a'>Appointments</p></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#wrap":{"rect":{"x":0,"y":0,"width":400,"height":100},"paint_order":1},
                "#band":{"rect":{"x":0,"y":0,"width":400,"height":15},"paint_order":2},
                "#t":{"rect":{"x":10,"y":10,"width":200,"height":20},"paint_order":3}}}"##,
        ),
        Example::review(
            "<div id=wrap style='position:relative; background:#fff'>\
             <div id=band style='position:absolute; top:0; left:0; width:400px; height:60px; \
             background-image:linear-gradient(#1b5297,#fff)'></div>\
             <p id=t style='position:relative; color:#0b2a4a'>Appointments</p></div>",
        )
        .with_facts(LAYERED),
        // Boxes without paint order (the Wasm package): the band may paint over or under
        // the text, and which is not guessed.
        Example::review(
            "<div id=wrap style='position:relative; background:#fff'>\
             <div id=band style='position:absolute; top:0; left:0; width:400px; height:60px; background:#1b5297'></div>\
             <p id=t style='position:relative; color:#fff'>Appointments</p></div>",
        )
        .with_facts(
            r##"{"source":"wasm","scripts_ran":true,"laid_out":true,"nodes":{
                "#wrap":{"rect":{"x":0,"y":0,"width":400,"height":100}},
                "#band":{"rect":{"x":0,"y":0,"width":400,"height":60}},
                "#t":{"rect":{"x":10,"y":10,"width":200,"height":20}}}}"##,
        ),
        // With layout, a positioned box over its container's white background is known.
        Example::fail(
            "<div id=wrap style='position:relative; background:#fff'>\
             <p id=t style='position:absolute; top:10px; color:#999'>Tooltip</p></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#wrap":{"rect":{"x":0,"y":0,"width":400,"height":100},"paint_order":1},
                "#t":{"rect":{"x":10,"y":10,"width":200,"height":20},"paint_order":2}}}"##,
        ),
        // A browser snapshot was taken after the scripts ran: no such review.
        Example::pass(
            "<p id=p style='color:#333'>Added later</p><script>p.textContent = 'Added later'</script>",
        )
        .with_facts(r#"{"source":"chromium"}"#),
    ],
};

/// Layout for the layered examples: the band (painted second) covers the text's box.
const LAYERED: &str = r##"{"source":"chromium","nodes":{
    "#wrap":{"rect":{"x":0,"y":0,"width":400,"height":100},"paint_order":1},
    "#band":{"rect":{"x":0,"y":0,"width":400,"height":60},"paint_order":2},
    "#t":{"rect":{"x":10,"y":10,"width":200,"height":20},"paint_order":3}}}"##;

crate::rule!(TextContrast = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
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
    let order = cx.flat_tree_order();
    let paints = cx.paints();
    let exempt = exempt_all(dom, order);
    let layers = Layers::build(dom, paints);
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
        let Some(layers) = &layers else {
            check_text(el, f, paint, &text, sink);
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
            }
            Behind::Unknown(why) => {
                sink.review(el.id, format!("Contrast cannot be measured: {why}."));
                continue;
            }
        }
        check_text(el, f, &seen, &text, sink);
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
}

impl TextFacts {
    fn of(style: &Style) -> TextFacts {
        TextFacts {
            text_hidden: text_hidden(style),
            color: style.color(css::COLOR).and_then(Result::ok),
            size: style.font_size(),
            weight: style.font_weight(),
            shadow: style.get(css::TEXT_SHADOW).map(|s| s != "none"),
        }
    }
}

fn check_text(el: ElementRef, facts: &TextFacts, paint: &Paint, text: &str, sink: &mut Sink) {
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

    let measured = match (paint.screen_color(fg), paint.screen_backdrop()) {
        (Some(text_color), Some(bg)) => Some((text_color, bg, contrast_ratio(text_color, bg))),
        _ => None,
    };
    let colours = |t: Rgba, b: Rgba, r: f64| {
        format!(
            "{}:1 (text {} on background {})",
            format_ratio(r),
            t.quantized().to_css(),
            b.quantized().to_css()
        )
    };

    if let Some(reason) = paint.why_unknown() {
        let against = measured
            .map(|(t, b, r)| {
                format!(
                    " Against the background colour alone it is {}.",
                    colours(t, b, r)
                )
            })
            .unwrap_or_default();
        sink.review(
            el.id,
            format!(
                "Contrast cannot be measured statically: {}.{against}",
                reason.describe()
            ),
        );
        return;
    }
    let Some((text_color, bg, ratio)) = measured else {
        sink.review(el.id, "The background colour behind the text is not known.");
        return;
    };
    // Text painted in exactly the background colour is not visible text (ACT afw4f7).
    if ratio < 1.0 + 1e-9 {
        return;
    }
    if facts.shadow != Some(false) {
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
                colours(text_color, bg, ratio)
            ),
        );
        return;
    }
    let passes = |need: f64| ratio >= need;
    let outcome_need = match large {
        Some(true) => Some(3.0),
        Some(false) => Some(4.5),
        None if passes(4.5) => Some(4.5),
        None if !passes(3.0) => Some(3.0),
        None => None,
    };
    let Some(need) = outcome_need else {
        sink.review(
            el.id,
            format!(
                "Contrast is {}: enough for large text but not for normal text, and the \
                 text size ({}) is not known.",
                colours(text_color, bg, ratio),
                size_note()
            ),
        );
        return;
    };
    if passes(need) {
        sink.pass(el.id);
        return;
    }
    let message = format!(
        "Contrast is {}; text of this size ({}) needs at least {}:1.",
        colours(text_color, bg, ratio),
        size_note(),
        if need == 3.0 { "3" } else { "4.5" }
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
