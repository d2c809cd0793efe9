//! WCAG 2.1.1 Keyboard: an `<iframe>` whose content has interactive elements is not taken
//! out of Tab order with a negative `tabindex` (browsers then skip its whole content).

use crate::a11y::focus::tabindex;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "iframe-not-focusable",
    title: "Iframes with interactive content are not removed from Tab order",
    category: Category::Accessibility,
    wcag: &["2.1.1"],
    act: &["akn7bn"],
    help: "Remove tabindex=\"-1\" from iframes that contain links, buttons or form fields: \
           with a negative tabindex, keyboard users can never Tab into the frame (for \
           example an embedded payment or scheduling form).",
    interest: Interest::Tags(&["iframe"]),
    phi: None,
    examples: &[
        Example::pass("<iframe title=\"Pay\" tabindex=\"0\" src=\"pay.html\"></iframe>"),
        // The frame's document is not in the snapshot: a person must look inside it.
        Example::review("<iframe title=\"Pay\" tabindex=\"-1\" src=\"pay.html\"></iframe>"),
        Example::review("<iframe tabindex=\"-1\" srcdoc=\"<a href='/'>Home</a>\"></iframe>"),
        // srcdoc with no markup that could be focusable.
        Example::inapplicable("<iframe tabindex=\"-1\" srcdoc=\"<h1>Hello</h1>\"></iframe>"),
        Example::inapplicable("<iframe tabindex=\"-1\" hidden src=\"pay.html\"></iframe>"),
    ],
};

/// Markup that can make something focusable inside an iframe's document. A `srcdoc` that
/// contains none of these (case-insensitively) has no focusable content.
const FOCUSABLE_MARKERS: &[&str] = &[
    "<a",
    "<area",
    "<button",
    "<input",
    "<select",
    "<textarea",
    "<iframe",
    "<embed",
    "<object",
    "<summary",
    "<details",
    "<audio",
    "<video",
    "tabindex",
    "contenteditable",
    "<script",
    "<svg",
];

crate::rule!(IframeNotFocusable = META, element: check_element);

fn check_element(cx: &Context, element: ElementRef, sink: &mut Sink) {
    if !cx.a11y.is_rendered(element.id) || cx.a11y.is_inert(element.id) {
        return;
    }
    let negative = tabindex(element).is_some_and(|t| t < 0);
    if !negative {
        sink.pass(element.id);
        return;
    }
    if let Some(srcdoc) = element.attr("srcdoc") {
        let lower = srcdoc.to_ascii_lowercase();
        if !FOCUSABLE_MARKERS.iter().any(|m| lower.contains(m)) {
            return;
        }
    }
    sink.review(
        element.id,
        "This iframe has a negative tabindex, so keyboard users cannot Tab into it. Its \
         document is not in the snapshot: if it contains links, buttons or fields, this \
         is a failure.",
    );
}
