//! WCAG 1.3.1: headings have an accessible name (an empty heading is announced as a
//! heading with nothing in it, and breaks heading navigation).

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "heading-name",
    title: "Headings have an accessible name",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &["ffd0e9"],
    help: "Put text in every heading, or remove the empty heading (use CSS for spacing). \
           A heading that holds only an image needs alt text on it; text hidden with \
           aria-hidden does not count.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass("<h1>Appointments</h1>"),
        Example::pass(r#"<h1><img src="logo.png" alt="Riverside Patient Portal"></h1>"#),
        Example::fail("<h2></h2>"),
        Example::fail(r#"<h1><img src="logo.png" alt=""></h1>"#),
        Example::fail(r#"<h1 aria-label=""><span aria-hidden="true">Visits</span></h1>"#),
        Example::inapplicable(r#"<h1 aria-hidden="true"></h1>"#),
    ],
};

crate::rule!(HeadingName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    if cx.a11y.role(el) != Some("heading") || cx.a11y.is_hidden(el.id) {
        return;
    }
    let name = cx.a11y.name(el);
    crate::report::report_name(
        sink,
        el.id,
        &name,
        "This heading has no accessible name: it has no visible text (or only text \
             hidden from assistive technology), and no aria-label or aria-labelledby.",
    );
}
