//! WCAG 4.1.2 / 1.3.1: a `role` attribute names at least one concrete WAI-ARIA role
//! (the first valid token is used; invalid ones fall back to the next).

use crate::a11y::aria_data::is_valid_role;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::report::shown;

static META: RuleMeta = RuleMeta {
    id: "aria-role-valid",
    title: "role attributes have a valid value",
    category: Category::Accessibility,
    wcag: &["1.3.1", "4.1.2"],
    act: &["674b10"],
    help: "Use a role defined by WAI-ARIA (button, dialog, tab, navigation, ...); abstract \
           roles such as widget or landmark and misspellings are ignored, so the element \
           keeps its native meaning. Several space-separated roles act as fallbacks: the \
           first one the browser knows wins.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass("<div role=\"navigation\"><a href=\"/\">Home</a></div>"),
        Example::pass("<input role=\"searchfield searchbox\" aria-label=\"Search\">"),
        Example::fail("<span role=\"lnik\" onclick=\"go()\">Visits</span>"),
        Example::fail("<div role=\"widget\">Abstract</div>"),
        // The last inline declaration wins, as in CSS: this div is rendered.
        Example::fail(r#"<div role="lnik" style="display:none; display:block">Visits</div>"#),
        Example::inapplicable("<div role=\"\">Text</div>"),
        Example::inapplicable("<div aria-hidden=\"true\" role=\"banner\">Hidden</div>"),
    ],
};

crate::rule!(AriaRoleValid = META, element: check_element);

fn check_element(cx: &Context, element: ElementRef, sink: &mut Sink) {
    let Some(value) = element.attr("role") else {
        return;
    };
    let mut tokens = value.split_ascii_whitespace().peekable();
    if tokens.peek().is_none() || cx.a11y.is_hidden(element.id) {
        return;
    }
    if tokens.any(is_valid_role) {
        sink.pass(element.id);
    } else {
        sink.fail(
            element.id,
            format!(
                "role=\"{}\" names no concrete WAI-ARIA role, so it is ignored.",
                shown(value)
            ),
        );
    }
}
