//! WCAG 2.2.2 Pause, Stop, Hide: no `<marquee>` element (it scrolls with no pause control).

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "marquee",
    title: "No scrolling marquee text",
    category: Category::Accessibility,
    wcag: &["2.2.2"],
    act: &[],
    help: "Replace <marquee> with static text. Scrolling text cannot be paused, and patients \
           who read slowly or zoom in miss part of the message (often a clinic closure or an \
           outage notice).",
    interest: Interest::Tags(&["marquee"]),
    phi: None,
    examples: &[
        Example::fail("<marquee>The clinic is closed on Friday</marquee>"),
        // Look-alike: a marquee that does not move (scrollamount=0) is static text.
        Example::pass("<marquee scrollamount=0>The clinic is closed on Friday</marquee>"),
        Example::inapplicable("<p class=slds-text-body_regular>The clinic is closed on Friday</p>"),
        Example::inapplicable("<marquee hidden>old notice</marquee>"),
    ],
};

crate::rule!(Marquee = META, element: check_element);

fn check_element(cx: &Context, marquee: ElementRef, sink: &mut Sink) {
    if !marquee.is_html() || cx.a11y.is_hidden(marquee.id) {
        return;
    }
    let still = marquee
        .attr("scrollamount")
        .and_then(|v| v.trim().parse::<u32>().ok())
        == Some(0);
    if still {
        sink.pass(marquee.id);
        return;
    }
    sink.fail(
        marquee.id,
        "This text scrolls by itself and cannot be paused.",
    );
}
