//! Helpers shared by the ARIA rules: which attributes are ARIA, roles for elements the
//! role table leaves without one, and ARIA 1.3 additions the 1.2 tables do not list.

use crate::a11y::aria_data::attr_info;
use crate::dom::ElementRef;
use crate::engine::Context;

/// States and properties added in WAI-ARIA 1.3 (all global strings) that browsers
/// already support. The a11y tables follow ARIA 1.2, so they are known here.
pub const ARIA_1_3_GLOBALS: &[&str] = &[
    "aria-description",
    "aria-braillelabel",
    "aria-brailleroledescription",
];

/// The element's `aria-*` attributes, in source order.
pub fn aria_attrs<'a>(el: ElementRef<'a>) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
    el.attrs()
        .iter()
        .filter(|(n, _)| n.starts_with("aria-"))
        .map(|(n, v)| (n.as_str(), v.as_str()))
}

/// Whether WAI-ARIA (1.2, or 1.3 for the additions above) defines this attribute.
pub fn is_defined(name: &str) -> bool {
    attr_info(name).is_some() || ARIA_1_3_GLOBALS.contains(&name)
}

/// Whether the attribute applies to every role.
pub fn is_global(name: &str) -> bool {
    attr_info(name).is_some_and(|a| a.global) || ARIA_1_3_GLOBALS.contains(&name)
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
