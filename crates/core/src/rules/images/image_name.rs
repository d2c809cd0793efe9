//! WCAG 1.1.1: images have a text alternative, or are marked decorative.

use crate::a11y::roles::is_presentational;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "image-name",
    title: "Images have a text alternative or are marked decorative",
    category: Category::Accessibility,
    wcag: &["1.1.1"],
    act: &["23a2a8"],
    help: "Give every informative <img> an alt attribute that says what it shows or does \
           (alt=\"Dr. Lee, cardiologist\"), and elements with role=\"img\" an aria-label. \
           Mark purely decorative images with alt=\"\" so screen readers skip them. An img \
           without alt makes screen readers read the file name.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass(r#"<img src="lee.jpg" alt="Dr. Lee">"#),
        Example::pass(r#"<img src="divider.png" alt="">"#),
        Example::pass(r#"<div role="img" aria-label="Rating: 4 of 5"></div>"#),
        Example::fail(r#"<img src="lee.jpg">"#),
        Example::fail(r#"<img src="lee.jpg" alt=" ">"#),
        Example::fail(r#"<div role="img"></div>"#),
        Example::fail(r#"<img role="none" tabindex="0" src="x.png">"#),
        Example::inapplicable(
            r#"<img src="x.png" aria-hidden="true"><div hidden><img src="y.png"></div>"#,
        ),
    ],
};

crate::rule!(ImageName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    // HTML <img> elements and HTML elements whose role is img (SVG has its own rule,
    // <input type=image> too).
    if !el.is_html() || el.is("input") {
        return;
    }
    let role = cx.a11y.role(el);
    if !(el.is("img") || role == Some("img")) || cx.a11y.is_hidden(el.id) {
        return;
    }
    if role.is_some_and(is_presentational) {
        // Marked decorative (alt="" or role none/presentation that holds).
        sink.pass(el.id);
        return;
    }
    let hint = if el.is("img") && !el.has_attr("alt") {
        "This image has no alt attribute"
    } else {
        "This image has an empty text alternative"
    };
    let name = cx.a11y.name(el);
    crate::report::report_name(
        sink,
        el.id,
        &name,
        format!(
            "{hint} and no aria-label, aria-labelledby or title: screen readers \
             cannot describe it. Add alt text, or alt=\"\" if it is decorative."
        ),
    );
}
