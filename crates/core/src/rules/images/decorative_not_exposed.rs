//! An element marked decorative (`role="none"`/`"presentation"`, or `<img alt="">`) is not
//! exposed to assistive technology anyway: a global ARIA attribute, focusability or a name
//! overrides the marking and exposes it with its real role (WCAG 1.1.1).

use crate::a11y::roles::{explicit_role, is_presentational};
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "decorative-not-exposed",
    title: "Elements marked decorative are not exposed to assistive technology",
    category: Category::Accessibility,
    wcag: &["1.1.1"],
    act: &["46ca7f"],
    help: "An element marked decorative (role=\"presentation\", role=\"none\", alt=\"\") \
           must not also be focusable or carry global ARIA attributes (aria-label, \
           aria-labelledby, aria-describedby, ...): browsers then ignore the decorative \
           marking and announce it. Decide: either remove the decorative marking and name \
           it, or remove the label and the tabindex.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass(r#"<img src="divider.png" alt="">"#),
        Example::pass(r#"<nav role="presentation"><a href="/">Home</a></nav>"#),
        Example::fail(r#"<nav role="presentation" aria-label="Main"><a href="/">Home</a></nav>"#),
        Example::fail(
            r#"<img src="x.png" alt="" aria-labelledby="l"><span id="l" hidden>Logo</span>"#,
        ),
        Example::fail(r#"<img src="spacer.png" alt="" tabindex="0">"#),
        Example::inapplicable(r#"<img src="x.png" aria-label="Logo">"#),
    ],
};

crate::rule!(DecorativeNotExposed = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    let marked_decorative = explicit_role(el).is_some_and(is_presentational)
        || (el.is("img") && el.attr("alt") == Some("") && explicit_role(el).is_none());
    if !marked_decorative {
        return;
    }
    let role = cx.a11y.role(el);
    if cx.a11y.is_hidden(el.id) || role.is_none_or(is_presentational) {
        sink.pass(el.id);
        return;
    }
    sink.fail(
        el.id,
        format!(
            "This element is marked decorative, but it is exposed as {} because it is \
             focusable or has a global ARIA attribute (such as aria-label or \
             aria-labelledby).",
            role.unwrap_or("an element")
        ),
    );
}
