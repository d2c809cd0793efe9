//! WCAG 1.1.1, 4.1.2: image buttons (`<input type="image">`) have an accessible name.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "image-button-name",
    title: "Image buttons have an accessible name",
    category: Category::Accessibility,
    wcag: &["1.1.1", "4.1.2"],
    act: &["59796f"],
    help: "Give <input type=\"image\"> an alt attribute that says what the button does \
           (alt=\"Search\"), or an aria-label. Browsers otherwise announce a generic \
           \"Submit\" or the file name.",
    interest: Interest::Tags(&["input"]),
    phi: None,
    examples: &[
        Example::pass(r#"<input type="image" src="search.svg" alt="Search">"#),
        Example::pass(r#"<input type="image" src="search.svg" aria-label="Search">"#),
        Example::fail(r#"<input type="image" name="search" src="search.svg">"#),
        Example::fail(r#"<input type="image" src="search.svg" alt="">"#),
        Example::inapplicable(r#"<input type="button" value="Search">"#),
    ],
};

crate::rule!(ImageButtonName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    if crate::a11y::roles::input_type(el) != "image"
        || cx.a11y.role(el) != Some("button")
        || cx.a11y.is_hidden(el.id)
    {
        return;
    }
    let name = cx.a11y.name(el);
    crate::report::report_name(
        sink,
        el.id,
        &name,
        "This image button has no accessible name: it has no alt text, aria-label, \
             aria-labelledby or title.",
    );
}
