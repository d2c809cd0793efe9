//! WCAG 2.1.1 Keyboard: an `<iframe>` whose content has interactive elements is not taken
//! out of Tab order with a negative `tabindex` (browsers then skip its whole content).
//! With the frame's document attached to the snapshot (a `srcdoc`, a local file, a
//! browser's capture) the rule looks inside it; without it, a person must.

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
        // The srcdoc document is attached: its link cannot be reached with Tab.
        Example::fail("<iframe tabindex=\"-1\" srcdoc=\"<a href='/'>Home</a>\"></iframe>"),
        Example::fail(
            "<iframe tabindex=\"-1\" title=\"Pay\" \
             srcdoc=\"<form><label>Card <input name=card></label></form>\"></iframe>",
        ),
        // A 1 px frame may show none of its content: only layout can tell.
        Example::review(
            "<iframe tabindex=\"-1\" width=\"1\" height=\"1\" srcdoc=\"<a href='/'>Home</a>\"></iframe>",
        ),
        // Nothing in the attached document is in the Tab order.
        Example::inapplicable("<iframe tabindex=\"-1\" srcdoc=\"<h1>Hello</h1>\"></iframe>"),
        Example::inapplicable(
            "<iframe tabindex=\"-1\" srcdoc=\"<a href='/' tabindex='-1'>Home</a>\"></iframe>",
        ),
        Example::inapplicable("<iframe tabindex=\"-1\" hidden src=\"pay.html\"></iframe>"),
        // A 1 px viewport inside the default 2 px inset border: the link cannot show.
        Example::inapplicable(
            "<iframe id=f tabindex=\"-1\" width=\"1\" height=\"1\" srcdoc=\"<a href='/'>Home</a>\"></iframe>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#f":{"rect":{"x":8,"y":8,"width":5,"height":5},
                "style":{"border-left-width":"2px","border-right-width":"2px",
                "border-top-width":"2px","border-bottom-width":"2px"}}}}"##,
        ),
        // A modal dialog is open: the frame behind it, and its link, are inert.
        Example::inapplicable(
            "<iframe tabindex=\"-1\" srcdoc=\"<a href='/'>Home</a>\"></iframe>\
             <dialog id=d open><button>Close</button></dialog>",
        )
        .with_facts(r##"{"source":"chromium","nodes":{"#d":{"modal":true}}}"##),
    ],
};

/// Markup that can make something focusable inside an iframe's document. A `srcdoc` that
/// contains none of these (case-insensitively) has no focusable content (for a front-end
/// that did not attach the frame's document).
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

/// A frame narrower or lower than this shows none of its content.
const MIN_VISIBLE_PX: f64 = 2.0;

/// Whether the frame's `width` or `height` attribute sizes it under [`MIN_VISIBLE_PX`].
fn tiny_by_attributes(element: ElementRef) -> bool {
    ["width", "height"].iter().any(|name| {
        element
            .attr(name)
            .and_then(|v| v.trim().trim_end_matches("px").trim().parse::<f64>().ok())
            .is_some_and(|v| v < MIN_VISIBLE_PX)
    })
}

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
    if let Some(document) = cx.dom.content_document(element.id) {
        // The frame's document, its shadow trees and nested frames included.
        let end = cx.dom.subtree_end(document);
        let reachable = (document.index() + 1..end)
            .filter_map(|i| cx.dom.element(crate::dom::NodeId(i as u32)))
            .find(|e| cx.a11y.is_tabbable(*e));
        let Some(inside) = reachable else {
            return;
        };
        // Content a frame has no room to show is not visible: with layout, a frame whose
        // content box (its viewport: the border box less borders and padding) is under
        // 2 px is inapplicable; without it, size attributes that small leave it unknown.
        match element.content_rect() {
            Some(r) if r.width < MIN_VISIBLE_PX || r.height < MIN_VISIBLE_PX => return,
            None if tiny_by_attributes(element) => {
                sink.review(
                    element.id,
                    "This iframe has a negative tabindex and holds an element in the Tab \
                     order, but its width or height attribute makes it under 2 px: whether \
                     its content is visible is unknown without layout. If it is, keyboard \
                     users cannot reach it: a failure.",
                );
                return;
            }
            _ => {}
        }
        sink.fail(
            element.id,
            format!(
                "This iframe has a negative tabindex, so keyboard users cannot Tab into it, \
                 but its document holds an element in the Tab order ({}).",
                crate::selector::shorten(&crate::selector::start_tag(inside), 80)
            ),
        );
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
