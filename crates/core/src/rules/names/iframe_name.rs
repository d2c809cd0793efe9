//! WCAG 4.1.2: iframes that can take focus have an accessible name.

use crate::a11y::focus::tabindex;
use crate::a11y::roles::{explicit_role, is_presentational};
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "iframe-name",
    title: "Iframes have an accessible name",
    category: Category::Accessibility,
    wcag: &["4.1.2"],
    act: &["cae760"],
    help: "Give every <iframe> a title (or aria-label) that says what it holds: \
           <iframe title=\"Secure messaging\" src=\"...\">. The name attribute is not an \
           accessible name.",
    interest: Interest::Tags(&["iframe"]),
    phi: None,
    examples: &[
        Example::pass(r#"<iframe title="Billing statement" src="/statement"></iframe>"#),
        Example::fail(r#"<iframe name="statement" src="/statement"></iframe>"#),
        Example::fail(r#"<iframe title=" " src="/statement"></iframe>"#),
        Example::inapplicable(r#"<iframe tabindex="-1" src="/tracker"></iframe>"#),
    ],
};

crate::rule!(IframeName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    // Out of the tab order (tabindex < 0) or marked presentational: not this rule's.
    if tabindex(el).is_some_and(|t| t < 0)
        || explicit_role(el).is_some_and(is_presentational)
        || cx.a11y.is_hidden(el.id)
    {
        return;
    }
    let name = cx.a11y.name(el);
    crate::report::report_name(
        sink,
        el.id,
        &name,
        "This iframe has no accessible name: it has no title, aria-label or \
             aria-labelledby, so screen readers cannot say what the frame contains.",
    );
}
