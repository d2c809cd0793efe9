//! Helpers shared by the ARIA rules: which attributes are ARIA, and roles for elements
//! the role table leaves without one.

use crate::a11y::aria_data::attr_info;
use crate::dom::ElementRef;
use crate::engine::Context;

/// The element's `aria-*` attributes, in source order.
pub fn aria_attrs<'a>(el: ElementRef<'a>) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    el.attrs()
        .iter()
        .filter(|(n, _)| n.starts_with("aria-"))
        .map(|(n, v)| (n.as_str(), v.as_str()))
}

/// Whether WAI-ARIA defines this attribute (the a11y tables: 1.2 plus 1.3's additions).
pub fn is_defined(name: &str) -> bool {
    attr_info(name).is_some()
}

/// Whether the attribute applies to every role.
pub fn is_global(name: &str) -> bool {
    attr_info(name).is_some_and(|a| a.global)
}

/// The computed role, treating custom elements (`c-appointment-card`), which HTML-AAM
/// maps to `generic`, as generic.
pub fn role_of(cx: &Context, el: ElementRef) -> Option<&'static str> {
    cx.a11y
        .role(el)
        .or_else(|| (el.is_html() && el.name().contains('-')).then_some("generic"))
}

/// The role an element would have without its `role` attribute.
pub fn implicit_role_of(cx: &Context, el: ElementRef) -> Option<&'static str> {
    crate::a11y::roles::implicit_role(&cx.a11y, el)
}

/// A short, safe rendering of an attribute value for messages.
pub fn shown(value: &str) -> String {
    crate::selector::shorten(value, 40)
}

/// Excluded from the accessibility tree. Without computed styles, an inline or `hidden`
/// `display: none` on the element or an ancestor also counts (see `page::rendering`).
pub fn is_hidden(cx: &Context, el: ElementRef) -> bool {
    cx.a11y.is_hidden(el.id)
        || (!cx.a11y.has_styles && crate::rules::page::rendering::is_not_rendered(el))
}
