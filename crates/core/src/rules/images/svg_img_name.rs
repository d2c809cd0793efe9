//! WCAG 1.1.1: SVG graphics given an image role have a name.

use crate::a11y::roles::explicit_role;
use crate::dom::{ElementRef, Namespace};
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "svg-img-name",
    title: "SVG graphics with an image role have an accessible name",
    category: Category::Accessibility,
    wcag: &["1.1.1"],
    act: &["7d6734"],
    help: "An <svg> (or SVG shape) with role=\"img\", \"graphics-document\" or \
           \"graphics-symbol\" needs a name: a non-empty <title> as its first child, or \
           aria-label / aria-labelledby. Text drawn inside the SVG does not name it. If the \
           graphic is decorative, use aria-hidden=\"true\" instead of the role.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass(
            r#"<svg role="img"><title>Blood pressure trend</title><path d="M0 0"/></svg>"#,
        ),
        Example::pass(r#"<svg><circle role="graphics-symbol" aria-label="1 alert" r="4"/></svg>"#),
        Example::fail(r#"<svg role="img"><circle r="4"/></svg>"#),
        Example::fail(r#"<svg role="img"><title></title><text>120/80</text></svg>"#),
        Example::inapplicable(
            r#"<svg><circle r="4"/></svg><svg role="img" aria-hidden="true"></svg>"#,
        ),
    ],
};

const IMAGE_ROLES: &[&str] = &["img", "graphics-document", "graphics-symbol"];

crate::rule!(SvgImgName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    if el.namespace() != Namespace::Svg
        || !explicit_role(el).is_some_and(|r| IMAGE_ROLES.contains(&r))
        || cx.a11y.is_hidden(el.id)
    {
        return;
    }
    let name = cx.a11y.name(el);
    crate::report::report_name(
        sink,
        el.id,
        &name,
        "This SVG graphic has an image role but no accessible name: no non-empty \
             <title> child, aria-label or aria-labelledby.",
    );
}
