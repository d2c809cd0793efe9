//! WCAG 1.4.1 Use of Color: a link inside a block of text is told apart from the text
//! around it by more than colour: an underline (or another line), a border, a different
//! font weight or style, a background with 3:1 contrast, or a colour with at least 3:1
//! contrast against the surrounding text (WCAG technique G183; its hover and focus cue is
//! not checked).
//!
//! It reads computed styles and the paint model ([`crate::paint`]) for the colours. A
//! browser snapshot knows every style and decides; the static cascade does not compute
//! `font-style`, so a static scan of a link with no other cue asks for review.

use crate::a11y::rendering::is_display_none;
use crate::color::{Rgba, contrast_ratio, format_ratio};
use crate::css;
use crate::dom::{ElementRef, NodeData, NodeId};
use crate::engine::Context;
use crate::finding::Category;
use crate::paint::{Paint, paint_all};
use crate::rule::{Example, Interest, RuleMeta, Sink};
use crate::style::{Style, flat_tree_order};

static META: RuleMeta = RuleMeta {
    id: "link-in-text-block",
    title: "Links in text are not told apart by colour alone",
    category: Category::Accessibility,
    wcag: &["1.4.1"],
    act: &[],
    help: "Underline links inside paragraphs (SLDS: text-decoration: underline on links \
           in body text), or give them a colour with at least 3:1 contrast against the \
           surrounding text. A patient who cannot tell the colours apart does not see a \
           link such as \"view your lab results\" in a sentence.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        // In a browser every style is known: no underline and 1.7:1 against the text.
        Example::fail(
            "<p id=p style='color:#181818'>Your results are ready. \
             <a id=l href=/s/results style='color:#3e3e3c; text-decoration:none'>View results</a> \
             before your visit.</p>",
        )
        .with_facts(BROWSER),
        Example::pass(
            "<p id=p style='color:#181818'>Your results are ready. \
             <a id=l href=/s/results style='color:#3e3e3c'>View results</a> before your visit.</p>",
        )
        .with_facts(BROWSER),
        // SLDS brand blue against body text: 3.8:1.
        Example::pass(
            "<p id=p style='color:#181818'>Your results are ready. \
             <a id=l href=/s/results style='color:#0176d3; text-decoration:none'>View results</a> \
             before your visit.</p>",
        )
        .with_facts(BROWSER),
        Example::pass(
            "<p style='color:#181818'>Your results are ready. \
             <a href=/s/results style='color:#3e3e3c; text-decoration:none; font-weight:700'>View \
             results</a> before your visit.</p>",
        ),
        Example::pass(
            "<p style='color:#181818'>Your results are ready. \
             <a href=/s/results style='color:#3e3e3c; text-decoration:none; \
             border-bottom:1px solid'>View results</a> before your visit.</p>",
        ),
        // Static HTML: the font style is not computed, so no cue found is not a fail.
        Example::review(
            "<p style='color:#181818'>Your results are ready. \
             <a href=/s/results style='color:#3e3e3c; text-decoration:none'>View results</a> \
             before your visit.</p>",
        ),
        // Look-alikes: a link alone in its block (a menu), a link styled as a block.
        Example::inapplicable(
            "<ul><li><a href=/s/home style='text-decoration:none; color:#181818'>Home</a></li></ul>",
        ),
        Example::inapplicable(
            "<p style='color:#181818'>Results: <a href=/s/results style='display:block; \
             text-decoration:none; color:#181818'>View results</a></p>",
        ),
    ],
};

/// Every style known, as a browser snapshot gives it: the link and the paragraph have
/// `font-style: normal`.
const BROWSER: &str = r##"{"source":"chromium","nodes":{
    "#p":{"style":{"font-style":"normal"}},"#l":{"style":{"font-style":"normal"}}}}"##;

crate::rule!(LinkInTextBlock = META, page: check_page);

/// What told a link apart, or why that is not known.
enum Cue {
    Found,
    None,
    Unknown(String),
}

fn check_page(cx: &Context, sink: &mut Sink) {
    let dom = cx.dom;
    let links: Vec<ElementRef> = dom
        .elements()
        .filter(|e| e.is("a") && e.is_html() && e.has_attr("href"))
        .filter(|e| cx.a11y.is_rendered(e.id) && !cx.a11y.is_invisible(e.id))
        .filter(|e| !e.text_content().trim().is_empty())
        .collect();
    if links.is_empty() || !cx.a11y.has_styles {
        return;
    }
    let order = flat_tree_order(dom);
    let paints = paint_all(dom, &order);
    for link in links {
        let Some(style) = link.style() else { continue };
        if style.get(css::DISPLAY).is_some_and(|d| d != "inline") {
            continue;
        }
        let Some(parent) = link.flat_parent_element() else {
            continue;
        };
        if !has_surrounding_text(cx, link) {
            continue;
        }
        let Some(parent_style) = parent.style() else {
            continue;
        };
        let paint = |id: NodeId| paints[id.index()].as_ref();
        let (Some(link_paint), Some(parent_paint)) = (paint(link.id), paint(parent.id)) else {
            continue;
        };
        if !link_paint.visible() {
            continue;
        }
        let cue = non_colour_cue(link, style, parent_style, link_paint, parent_paint);
        if matches!(cue, Cue::Found) {
            sink.pass(link.id);
            continue;
        }
        let ratio = text_colour(style, link_paint)
            .zip(text_colour(parent_style, parent_paint))
            .map(|(a, b)| contrast_ratio(a, b));
        match (ratio, cue) {
            (Some(r), _) if r >= 3.0 => sink.pass(link.id),
            (Some(r), Cue::Unknown(why)) => sink.review(
                link.id,
                format!(
                    "This link has {}:1 contrast with the surrounding text (under 3:1) and \
                     no underline or border; {why}, so whether anything but colour sets it \
                     apart is for a person (or a browser scan) to check.",
                    format_ratio(r)
                ),
            ),
            (Some(r), _) => sink.fail(
                link.id,
                format!(
                    "This link differs from the text around it by colour alone: no \
                     underline, border, weight or style change, and {}:1 contrast with the \
                     surrounding text (3:1 needed).",
                    format_ratio(r)
                ),
            ),
            (None, _) => sink.review(
                link.id,
                "This link has no underline or border, and its colour or the surrounding \
                 text's is not known: check that it is told apart by more than colour.",
            ),
        }
    }
}

/// Whether the link's block holds text of its own beside the link (a sentence, not a
/// menu of links): text outside every link and control, with at least two letters or
/// digits.
fn has_surrounding_text(cx: &Context, link: ElementRef) -> bool {
    let dom = cx.dom;
    // The block: the nearest flat ancestor that is not inline.
    let mut block = None;
    for a in link.flat_ancestors() {
        match a.style().and_then(|s| s.get(css::DISPLAY)) {
            Some("inline" | "contents") => {}
            _ => {
                block = Some(a);
                break;
            }
        }
    }
    let Some(block) = block else { return false };
    let mut text = String::new();
    let mut stack = vec![block.id];
    while let Some(id) = stack.pop() {
        for child in dom.flat_children(id) {
            match &dom.node(child).data {
                NodeData::Text { text: t } => text.push_str(t),
                NodeData::Element { .. } => {
                    let el = dom.element(child).expect("an element");
                    let skip = (el.is("a") && el.has_attr("href"))
                        || matches!(
                            el.name(),
                            "button" | "input" | "select" | "textarea" | "script" | "style"
                        )
                        || is_display_none(el, cx.a11y.has_styles)
                        || el.style().and_then(|s| s.get(css::DISPLAY)) != Some("inline");
                    if !skip {
                        stack.push(child);
                    }
                }
                _ => {}
            }
        }
    }
    text.chars().filter(|c| c.is_alphanumeric()).count() >= 2
}

/// A text colour as it reaches the screen.
fn text_colour(style: &Style, paint: &Paint) -> Option<Rgba> {
    let c = style.color(css::COLOR)?.ok()?;
    if c.is_opaque() {
        Some(c)
    } else {
        paint.screen_color(c)
    }
}

/// What besides colour sets the link apart from its parent's text.
fn non_colour_cue(
    link: ElementRef,
    style: &Style,
    parent: &Style,
    link_paint: &Paint,
    parent_paint: &Paint,
) -> Cue {
    let mut unknown = Vec::new();
    // A line drawn under, over or through the link's text (a line drawn on the parent
    // decorates the surrounding text as well).
    let lines = |s: &Style| s.get(css::TEXT_DECORATION_LINE).map(|v| v != "none");
    match (lines(style), lines(parent)) {
        (Some(true), Some(false)) => return Cue::Found,
        (None, _) | (_, None) => unknown.push("text decoration"),
        _ => {}
    }
    // Children of the link that carry its text (`<a><u>…</u></a>`).
    if link.children().any(|c| {
        c.style()
            .and_then(|s| s.get(css::TEXT_DECORATION_LINE))
            .is_some_and(|v| v != "none")
    }) {
        return Cue::Found;
    }
    for i in 0..4 {
        let drawn = style
            .get(css::BORDER_STYLES[i])
            .zip(style.px(css::BORDER_WIDTHS[i]))
            .map(|(s, w)| css::draws_line(s) && w > 0.0);
        match drawn {
            Some(true) => return Cue::Found,
            Some(false) => {}
            None => unknown.push("border"),
        }
    }
    match style.get(css::BOX_SHADOW) {
        Some("none") => {}
        Some(_) => return Cue::Found,
        None => unknown.push("box shadow"),
    }
    match (style.font_weight(), parent.font_weight()) {
        (Some(a), Some(b)) if (a - b).abs() >= 300.0 => return Cue::Found,
        (Some(_), Some(_)) => {}
        _ => unknown.push("font weight"),
    }
    match (style.get(css::FONT_STYLE), parent.get(css::FONT_STYLE)) {
        (Some(a), Some(b)) if a != b => return Cue::Found,
        (Some(_), Some(_)) => {}
        _ => unknown.push("font style"),
    }
    // A background of its own with 3:1 against the parent's. None of its own: no cue.
    let own_background = match (
        style.color(css::BACKGROUND_COLOR),
        style.get(css::BACKGROUND_IMAGE),
    ) {
        (Some(Ok(c)), Some("none")) => Some(c.a > 0.0),
        _ => None,
    };
    match (link_paint.screen_backdrop(), parent_paint.screen_backdrop()) {
        _ if own_background == Some(false) => {}
        (Some(a), Some(b)) if contrast_ratio(a, b) >= 3.0 => {
            return Cue::Found;
        }
        (Some(_), Some(_)) if link_paint.why_unknown().is_none() => {}
        _ => unknown.push("background"),
    }
    if unknown.is_empty() {
        Cue::None
    } else {
        Cue::Unknown(format!("its {} is not known", unknown.join(", ")))
    }
}
