//! One answer to "is this element rendered": whether an element's own box is
//! `display: none` or `visibility: hidden`, read the way a browser reads it.
//!
//! Invariant: computed style wins when the snapshot has it; without it, the **last**
//! inline declaration of a property wins (as in CSS), and then the UA stylesheet's
//! defaults (`hidden`, `head`, `template`, closed `<dialog>`, ...). The accessibility tree
//! ([`super::tree`]) adds ancestors and the flat tree, and rules ask
//! [`super::PageA11y::is_rendered`] / [`super::PageA11y::is_hidden`]: nothing else in the
//! core decides whether an element is rendered.

use crate::css;
use crate::dom::ElementRef;

/// Elements the UA stylesheet never renders (`display: none`), whatever the author says.
fn never_rendered(el: ElementRef) -> bool {
    el.is("template")
        || (el.is("input")
            && el
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden")))
}

/// Elements the UA stylesheet hides by default; authors rarely override it, and without
/// computed styles this is the best static answer.
fn hidden_by_ua_default(el: ElementRef) -> bool {
    if !el.is_html() {
        return false;
    }
    matches!(
        el.name(),
        "head"
            | "script"
            | "style"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "noscript"
            | "datalist"
            | "param"
            | "source"
            | "track"
            | "noembed"
            | "noframes"
            | "rp"
    ) || el.has_attr("hidden")
        || (el.is("dialog") && !el.has_attr("open"))
}

/// `display: none` on the element itself: its computed `display` when the snapshot has
/// computed styles, else its last inline `display` declaration (it beats every stylesheet
/// rule that is not `!important`), else the UA stylesheet's default. Descendants of a
/// `display: none` element keep their own value: ask [`crate::a11y::PageA11y::is_rendered`]
/// whether something is rendered.
pub fn is_display_none(el: ElementRef, has_styles: bool) -> bool {
    if never_rendered(el) {
        return true;
    }
    // The UA stylesheet gives <area> `display: none`, yet browsers expose image-map areas
    // (they are drawn over their image).
    if el.is("area") {
        return false;
    }
    if has_styles && let Some(display) = el.style().and_then(|s| s.get(css::DISPLAY)) {
        return display.trim() == "none";
    }
    // No computed style: an inline declaration beats the stylesheets we cannot see.
    match inline_value(el, "display") {
        Some(display) => display.eq_ignore_ascii_case("none"),
        None => hidden_by_ua_default(el),
    }
}

/// The element's own `visibility` when known: computed, else an inline declaration.
/// `None` means inherited from the parent.
pub fn own_visibility_hidden(el: ElementRef) -> Option<bool> {
    let hidden = |v: &str| {
        let v = v.trim();
        v.eq_ignore_ascii_case("hidden") || v.eq_ignore_ascii_case("collapse")
    };
    if let Some(v) = el.style().and_then(|s| s.get(css::VISIBILITY)) {
        return Some(hidden(v));
    }
    inline_value(el, "visibility").map(|v| hidden(&v))
}

/// The value the element's own `style` attribute declares for `property`. The last
/// declaration wins, as in CSS (`display:none; display:block` is `block`). The one reader
/// of inline styles: rules and the tree ask it rather than parse `style` themselves.
pub fn inline_value(el: ElementRef, property: &str) -> Option<String> {
    inline_declarations(el)
        .into_iter()
        .filter(|d| d.property.eq_ignore_ascii_case(property))
        .map(|d| d.value)
        .next_back()
}

/// One declaration of a `style` attribute.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlineDeclaration {
    /// The property name, lower-cased.
    pub property: String,
    /// The value without `!important`, trimmed.
    pub value: String,
    /// Declared `!important`.
    pub important: bool,
}

/// The declarations of the element's own `style` attribute, in order.
pub fn inline_declarations(el: ElementRef) -> Vec<InlineDeclaration> {
    let Some(style) = el.attr("style") else {
        return Vec::new();
    };
    style
        .split(';')
        .filter_map(|declaration| declaration.split_once(':'))
        .map(|(p, v)| {
            let v = v.trim();
            let bang = v
                .len()
                .checked_sub("important".len())
                .filter(|&i| v.is_char_boundary(i) && v[i..].eq_ignore_ascii_case("important"))
                .and_then(|i| v[..i].trim_end().strip_suffix('!'));
            InlineDeclaration {
                property: p.trim().to_ascii_lowercase(),
                value: bang.unwrap_or(v).trim().to_string(),
                important: bang.is_some(),
            }
        })
        .collect()
}

/// The declaration the `style` attribute makes win for `property`: its last `!important`
/// one, else its last one (an important declaration beats a later normal one).
pub fn inline_winner(el: ElementRef, property: &str) -> Option<InlineDeclaration> {
    let all: Vec<_> = inline_declarations(el)
        .into_iter()
        .filter(|d| d.property == property)
        .collect();
    all.iter()
        .rev()
        .find(|d| d.important)
        .or(all.last())
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::tree::tests::build;
    use crate::dom::NodeId;
    use crate::style::Style;

    #[test]
    fn the_last_inline_declaration_wins() {
        let dom = build(&[
            (Some(0), "button|style=display:none; display:block"), // 1
            (Some(0), "div|style=display:block;DISPLAY: none !important"), // 2
            (Some(0), "p|hidden="),                                // 3: UA default
            (Some(0), "p|hidden=|style=display:flex"),             // 4: inline beats UA
            (Some(0), "span|style=visibility:hidden; visibility: visible"), // 5
            (Some(0), "template"),                                 // 6
            (Some(0), "span|style=overflow: auto; overflow-y: hidden"), // 7
        ]);
        let el = |i| dom.element(NodeId(i)).unwrap();
        assert_eq!(inline_value(el(1), "display").as_deref(), Some("block"));
        assert!(!is_display_none(el(1), false));
        assert!(is_display_none(el(2), false));
        assert!(is_display_none(el(3), false));
        assert!(!is_display_none(el(4), false));
        assert_eq!(own_visibility_hidden(el(5)), Some(false));
        assert_eq!(own_visibility_hidden(el(6)), None);
        assert!(is_display_none(el(6), false), "never rendered");
        assert_eq!(inline_value(el(7), "overflow-y").as_deref(), Some("hidden"));
        assert_eq!(inline_value(el(7), "overflow-x"), None);
    }

    #[test]
    fn computed_style_wins_when_present() {
        let mut dom = build(&[(Some(0), "div|style=display:none")]);
        let mut style = Style::default();
        style.set("display", "block");
        style.set("visibility", "hidden");
        dom.node_mut(NodeId(1)).style = Some(style);
        let el = dom.element(NodeId(1)).unwrap();
        assert!(!is_display_none(el, true));
        assert!(is_display_none(el, false), "without styles, inline decides");
        assert_eq!(own_visibility_hidden(el), Some(true));
    }
}
