//! WCAG 4.1.2: buttons have an accessible name.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "button-name",
    title: "Buttons have an accessible name",
    category: Category::Accessibility,
    wcag: &["4.1.2"],
    act: &["97a4e1"],
    help: "Give every button a name: visible text inside <button>, a value on \
           <input type=\"button\">, or for icon-only buttons an aria-label (\"Close\", \
           \"Download statement\") or alt text on the icon image. A value attribute on \
           <button> is not a name.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass("<button>Book appointment</button>"),
        Example::pass(r#"<button aria-label="Close"><svg aria-hidden="true"></svg></button>"#),
        Example::pass(r#"<input type="reset">"#),
        Example::fail("<button></button>"),
        // The last inline declaration wins, as in CSS: this button is rendered.
        Example::fail(r#"<button style="display:none; display:block"></button>"#),
        Example::fail(r#"<button type="button" value="read more"></button>"#),
        Example::fail(r#"<span role="button" tabindex="0"></span>"#),
        Example::fail(r#"<button role="none"></button>"#),
        Example::inapplicable(r#"<button role="link">Messages</button>"#),
    ],
};

crate::rule!(ButtonName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    if cx.a11y.role(el) != Some("button") || cx.a11y.is_hidden(el.id) {
        return;
    }
    // Image buttons and details summaries have their own rules.
    let image_button = el.is("input") && crate::a11y::roles::input_type(el) == "image";
    if image_button || (el.is("summary") && crate::a11y::roles::explicit_role(el).is_none()) {
        return;
    }
    let name = cx.a11y.name(el);
    crate::report::report_name(
        sink,
        el.id,
        &name,
        "This button has no accessible name: it has no text content, aria-label, \
             aria-labelledby or title, so screen readers announce only \"button\".",
    );
}
