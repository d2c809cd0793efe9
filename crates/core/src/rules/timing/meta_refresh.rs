//! WCAG 2.2.1 Timing Adjustable: a `<meta http-equiv="refresh">` does not reload or redirect
//! the page after a delay (ACT bc659a: a delay of 0, or over 20 hours, passes). Browsers act
//! on a document's first valid refresh only, so that one is checked.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::refresh::declared_delay;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "meta-refresh",
    title: "The page does not refresh or redirect after a delay",
    category: Category::Accessibility,
    wcag: &["2.2.1"],
    act: &["bc659a"],
    help: "Remove the timed <meta http-equiv=\"refresh\">; redirect on the server, or refresh \
           on the patient's request. A page that reloads by itself loses a screen reader's \
           place and cuts off patients who read slowly (a delay of 0 or over 20 hours is fine).",
    interest: Interest::Tags(&["meta"]),
    phi: None,
    examples: &[
        Example::pass("<meta http-equiv=refresh content=\"0; url=/s/home\">"),
        Example::pass("<meta http-equiv=refresh content=\"72001\">"),
        // Exactly 20 hours is not over 20 hours.
        Example::fail("<meta http-equiv=refresh content=\"72000; /s/home\">"),
        Example::fail("<meta http-equiv=refresh content=\"30\">"),
        Example::fail("<meta http-equiv=Refresh content=\"5; URL='/s/login'\">"),
        Example::fail("<meta http-equiv=refresh content=\" 1.5, /s/login\">"),
        // Only the first valid refresh acts (ACT bc659a passed example 2, failed example 3).
        Example::pass(
            "<meta http-equiv=refresh content=\"0; /s/home\">\
             <meta http-equiv=refresh content=\"5; /s/home\">",
        ),
        Example::fail(
            "<meta http-equiv=refresh content=\"0: /s/home\">\
             <meta http-equiv=refresh content=\"5; /s/home\">",
        ),
        // Look-alike: an invalid delay does nothing in browsers.
        Example::inapplicable("<meta http-equiv=refresh content=\"soon\">"),
        Example::inapplicable("<meta http-equiv=refresh content=\"5x\">"),
        Example::inapplicable("<meta name=description content=\"30\">"),
    ],
};

/// ACT bc659a's exception: a delay over 20 hours is as good as none.
const MAX_DELAY_SECONDS: f64 = 72_000.0;

crate::rule!(MetaRefresh = META, element: check_element);

fn check_element(cx: &Context, meta: ElementRef, sink: &mut Sink) {
    // A component's template has no head of its own.
    if !cx.snapshot.is_page() {
        return;
    }
    let Some(delay) = declared_delay(meta) else {
        return;
    };
    // A document refreshes once, by its first valid refresh: later ones do nothing.
    let first = cx
        .dom
        .elements()
        .find(|e| e.is("meta") && e.is_html() && declared_delay(*e).is_some());
    if first.map(|e| e.id) != Some(meta.id) {
        return;
    }
    if delay == 0.0 || delay > MAX_DELAY_SECONDS {
        sink.pass(meta.id);
    } else {
        sink.fail(
            meta.id,
            format!("The page refreshes or redirects by itself after {delay} seconds."),
        );
    }
}
