//! Whether an element is rendered, for rules whose applicability depends on it.
//!
//! With computed styles, `display: none` decides. Without them (a static snapshot whose
//! cascade did not run) the `hidden` attribute and an inline `display: none` are the only
//! facts: an inline declaration beats every stylesheet rule that is not `!important`.

use crate::dom::ElementRef;

/// The element itself is `display: none`.
pub fn is_display_none(el: ElementRef) -> bool {
    match el.style() {
        Some(style) => style.get("display").is_some_and(|d| d.trim() == "none"),
        None => el.has_attr("hidden") || inline_declares(el, "display", "none"),
    }
}

/// How many ancestors the style-less fallback looks at (bounded so asking about every
/// element of a 100,000-deep page stays linear).
const ANCESTOR_LIMIT: usize = 256;

/// The element or a flat-tree ancestor is `display: none`.
pub fn is_not_rendered(el: ElementRef) -> bool {
    is_display_none(el)
        || el
            .flat_ancestors()
            .take(ANCESTOR_LIMIT)
            .any(is_display_none)
}

/// Whether the element's own `style` attribute declares `property: value`.
pub fn inline_declares(el: ElementRef, property: &str, value: &str) -> bool {
    let Some(style) = el.attr("style") else {
        return false;
    };
    style.split(';').any(|declaration| {
        declaration.split_once(':').is_some_and(|(p, v)| {
            let v = v.trim().trim_end_matches("!important").trim();
            p.trim().eq_ignore_ascii_case(property) && v.eq_ignore_ascii_case(value)
        })
    })
}
