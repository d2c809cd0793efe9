//! WCAG 2.4.4, 4.1.2: links have an accessible name. (`<area>` links: `images::area_alt`.)

use crate::a11y::aria_data::role_inherits;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "link-name",
    title: "Links have an accessible name",
    category: Category::Accessibility,
    wcag: &["2.4.4", "4.1.2"],
    act: &["c487ae"],
    help: "Give every link text that says where it goes: visible text inside <a>, alt text \
           on a linked image (<a href=\"/\"><img alt=\"Home\" src=\"logo.png\"></a>), or an \
           aria-label on icon-only links. An image with alt=\"\" or role=\"presentation\" \
           inside a link leaves the link empty.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass(r#"<a href="/appointments">Appointments</a>"#),
        Example::pass(r#"<a href="/"><img src="logo.png" alt="Riverside Health home"></a>"#),
        Example::pass(r#"<a href="/" title="Home"><img src="logo.png" alt=""></a>"#),
        Example::fail(r#"<a href="/messages"></a>"#),
        Example::fail(r#"<a href="/"><img src="logo.png" alt=""></a>"#),
        Example::fail(r#"<a href="/"><img src="logo.png" role="presentation"></a>"#),
        Example::fail(r#"<a href="/" role="none"> </a>"#),
        Example::inapplicable(
            r#"<a href="/" role="button">Save</a><a aria-hidden="true" href="/">x</a>"#,
        ),
    ],
};

crate::rule!(LinkName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    if el.is("area") {
        return;
    }
    let is_link = cx.a11y.role(el).is_some_and(|r| role_inherits(r, "link"));
    if !is_link || cx.a11y.is_hidden(el.id) {
        return;
    }
    let name = cx.a11y.name(el);
    crate::report::report_name(
        sink,
        el.id,
        &name,
        "This link has no accessible name: it has no text, its images have no \
             text alternative, and it has no aria-label, aria-labelledby or title. \
             Screen readers announce only \"link\" or the URL.",
    );
}
