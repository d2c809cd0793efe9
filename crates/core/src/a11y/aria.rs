//! ARIA facts as the ARIA rules read them: which attributes are ARIA, roles for elements
//! the role table leaves without one (whether an element is hidden is
//! [`crate::a11y::PageA11y::is_hidden`]'s one answer).

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::tree::tests::build;
    use crate::dom::NodeId;
    use crate::snapshot::Snapshot;

    #[test]
    fn aria_attributes_and_fallback_roles() {
        let snapshot = Snapshot::new(
            "https://portal.example/",
            "test",
            build(&[
                (Some(0), "c-card|aria-label=Visit|data-x=1|aria-bogus=1"), // 1
                (Some(0), "button|role=link"),                              // 2
            ]),
        );
        let cx = Context::new(&snapshot);
        let el = |i| cx.dom.element(NodeId(i)).unwrap();
        let attrs: Vec<_> = aria_attrs(el(1)).collect();
        assert_eq!(attrs, vec![("aria-label", "Visit"), ("aria-bogus", "1")]);
        assert!(is_defined("aria-label") && !is_defined("aria-bogus"));
        assert!(is_global("aria-label") && !is_global("aria-checked"));
        // HTML-AAM maps custom elements to generic.
        assert_eq!(role_of(&cx, el(1)), Some("generic"));
        assert_eq!(role_of(&cx, el(2)), Some("link"));
        assert_eq!(implicit_role_of(&cx, el(2)), Some("button"));
    }
}
