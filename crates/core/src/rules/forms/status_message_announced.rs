//! WCAG 4.1.3 Status Messages: SLDS toasts and spinners are announced without taking
//! focus, which needs `role=status`/`alert`/`log` or `aria-live` on the message or around
//! it. "Appointment booked" in a toast that a screen reader never reads leaves the patient
//! unsure whether it worked.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "status-message-announced",
    title: "Toasts and spinners are announced as status messages",
    category: Category::Accessibility,
    wcag: &["4.1.3"],
    act: &[],
    help: "Give an SLDS toast role=\"status\" (or role=\"alert\" for an error), and a \
           spinner role=\"status\" with assistive text such as \"Loading\"; or render them \
           inside an element with aria-live=\"polite\" that is on the page before the \
           message appears. The lightning/toast module and lightning-spinner do this.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass(
            "<div class=\"slds-notify slds-notify_toast slds-theme_success\" role=status>\
             <h2>Appointment booked</h2></div>",
        ),
        Example::pass(
            "<div aria-live=polite><div class=\"slds-notify slds-notify_toast\">Saved</div></div>",
        ),
        Example::fail(
            "<div class=\"slds-notify slds-notify_toast slds-theme_error\"><h2>Upload failed</h2></div>",
        ),
        Example::pass(
            "<div role=status class=\"slds-spinner slds-spinner_medium\">\
             <span class=slds-assistive-text>Loading</span></div>",
        ),
        Example::fail(
            "<div class=\"slds-spinner slds-spinner_medium\"><div class=slds-spinner__dot-a></div></div>",
        ),
        // aria-live=off announces nothing.
        Example::fail("<div aria-live=off><div class=slds-notify_toast>Saved</div></div>"),
        // A toast that is not shown announces nothing either.
        Example::inapplicable("<div class=slds-notify_toast hidden>Saved</div>"),
        Example::inapplicable("<div class=slds-notify_container></div>"),
    ],
};

crate::rule!(StatusMessageAnnounced = META, element: check_element);

/// Classes of SLDS status messages (both the current and the deprecated `--` spelling).
const STATUS_CLASSES: &[(&str, &str)] = &[
    ("slds-notify_toast", "toast"),
    ("slds-notify--toast", "toast"),
    ("slds-spinner", "spinner"),
];

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    let Some(kind) = STATUS_CLASSES
        .iter()
        .find(|(class, _)| el.has_class(class))
        .map(|(_, kind)| *kind)
    else {
        return;
    };
    if cx.a11y.is_hidden(el.id) {
        return;
    }
    // The message itself or a region around it, across shadow boundaries (a live region
    // in a parent component announces what a child renders).
    let announced = std::iter::once(el)
        .chain(el.flat_ancestors())
        .find_map(|e| live(cx, e))
        .unwrap_or(false);
    if announced {
        sink.pass(el.id);
    } else {
        sink.fail(
            el.id,
            format!(
                "This {kind} is not in a live region (role=status or alert, or aria-live): \
                 screen readers do not announce it."
            ),
        );
    }
}

/// Whether this element decides that its content is announced: the nearest `aria-live`
/// wins (off silences a region inside a polite one); a live role implies polite or
/// assertive. `None` when it says nothing.
fn live(cx: &Context, el: ElementRef) -> Option<bool> {
    if let Some(live) = el.attr("aria-live") {
        let on = matches!(
            live.trim().to_ascii_lowercase().as_str(),
            "polite" | "assertive"
        );
        return Some(on);
    }
    matches!(cx.a11y.role(el), Some("status" | "alert" | "log")).then_some(true)
}
