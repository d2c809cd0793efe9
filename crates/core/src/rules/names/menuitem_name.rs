//! WCAG 4.1.2: menu items have an accessible name.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "menuitem-name",
    title: "Menu items have an accessible name",
    category: Category::Accessibility,
    wcag: &["4.1.2"],
    act: &["m6b1q3"],
    help: "Give every role=\"menuitem\" a name: text content, or an aria-label for icon-only \
           items (an icon image with alt=\"\" names nothing).",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass(r#"<div role="menu"><button role="menuitem">New message</button></div>"#),
        Example::pass(
            r#"<div role="menu"><button role="menuitem" aria-label="New message"><img src="new.svg" alt=""></button></div>"#,
        ),
        Example::fail(
            r#"<div role="menu"><button role="menuitem"><img src="new.svg" alt=""></button></div>"#,
        ),
        Example::inapplicable(r#"<div role="menu" hidden><button role="menuitem"></button></div>"#),
    ],
};

crate::rule!(MenuitemName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    if cx.a11y.role(el) != Some("menuitem") || cx.a11y.is_hidden(el.id) {
        return;
    }
    let name = cx.a11y.name(el);
    crate::report::report_name(
        sink,
        el.id,
        &name,
        "This menu item has no accessible name: no text content, aria-label, \
             aria-labelledby or title.",
    );
}
