//! WCAG 2.4.3 Focus Order: no element has a positive `tabindex`.

use crate::a11y::focus::tabindex;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "positive-tabindex",
    title: "No element has a positive tabindex",
    category: Category::Accessibility,
    wcag: &["2.4.3"],
    act: &[],
    help: "Use tabindex=\"0\" to make an element focusable in its place in the page, or \
           tabindex=\"-1\" to focus it only from script. A positive tabindex moves the element \
           ahead of everything else in Tab order, so keyboard users jump around the page (and \
           across Lightning components) in an order that does not match what they see. Fix \
           the order in the markup instead.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass("<div tabindex=\"0\" role=\"button\">Book</div>"),
        Example::pass("<div tabindex=\"-1\">Panel</div>"),
        Example::fail("<input tabindex=\"3\" aria-label=\"Last name\">"),
        Example::inapplicable("<button>Book</button>"),
        // Not rendered: it takes no part in Tab order.
        Example::inapplicable("<input tabindex=\"3\" hidden>"),
    ],
};

crate::rule!(PositiveTabindex = META, element: check_element);

fn check_element(cx: &Context, element: ElementRef, sink: &mut Sink) {
    let Some(value) = tabindex(element) else {
        return;
    };
    if !cx.a11y.is_rendered(element.id) {
        return;
    }
    if value > 0 {
        sink.fail(
            element.id,
            format!(
                "tabindex=\"{value}\" puts this element before every element with \
                 tabindex 0 or none in Tab order, whatever its place on the page."
            ),
        );
    } else {
        sink.pass(element.id);
    }
}
