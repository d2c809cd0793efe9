//! WCAG 4.1.2 Name, Role, Value: an element with `aria-hidden="true"` has nothing in
//! sequential focus navigation, so Tab never lands on something screen readers cannot see.
//!
//! Markup says what is in Tab order; a complete live Tab walk says where focus actually
//! rested. A focus-trap sentinel (a link inside aria-hidden that sends focus back into a
//! dialog as soon as it gets it) is in Tab order by markup, but the walk never rests on it:
//! with a complete walk, only a stop inside the aria-hidden element fails.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::flat::{descendant_flags, find_descendant};

static META: RuleMeta = RuleMeta {
    id: "aria-hidden-focusable",
    title: "aria-hidden content is not focusable",
    category: Category::Accessibility,
    wcag: &["4.1.2"],
    act: &["6cfa84"],
    help: "Content with aria-hidden=\"true\" is removed for screen readers but stays in Tab \
           order, so a keyboard user hears nothing (or something unrelated) when focus lands \
           on it. Remove aria-hidden, or take the controls out of Tab order (tabindex=\"-1\", \
           disabled, or the inert attribute for a whole background region behind a modal).",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<p aria-hidden=\"true\">Decorative text</p>"),
        Example::pass("<div aria-hidden=\"true\"><button tabindex=\"-1\">Close</button></div>"),
        Example::fail("<div aria-hidden=\"true\"><a href=\"/visits\">Visits</a></div>"),
        Example::fail(
            "<div aria-hidden=\"true\"><div aria-hidden=\"false\"><button>Pay</button></div></div>",
        ),
        Example::fail("<p tabindex=\"0\" aria-hidden=\"true\">Text</p>"),
        Example::inapplicable("<div aria-hidden=\"false\"><button>Pay</button></div>"),
        // A sentinel: in Tab order by markup, but the complete walk never rested on it
        // (its focus handler sends focus back to the dialog).
        Example::pass(
            "<div role=dialog aria-modal=true aria-label=Pay><input id=first></div>\
             <div aria-hidden=true><a id=sentinel href=\"#\">Back to the dialog</a></div>",
        )
        .with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#first"}],
                "cycled":true,"truncated":false}}"##,
        ),
        // The walk rested on the link inside the aria-hidden element.
        Example::fail("<div aria-hidden=true><a id=visits href=\"/visits\">Visits</a></div>")
            .with_facts(
                r##"{"source":"chromium","keyboard":{"stops":[{"node":"#visits"}],
                    "cycled":true,"truncated":false}}"##,
            ),
    ],
};

crate::rule!(AriaHiddenFocusable = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let complete = cx.walk_complete();
    let is_stop = cx.walk_stops();
    let mut stop_below: Option<Vec<bool>> = None;
    let in_tab_order = |e: ElementRef| cx.a11y.is_tabbable(e) && cx.a11y.is_rendered(e.id);
    let mut below: Option<Vec<bool>> = None;
    for element in cx.dom.elements() {
        // ACT: the attribute value is exactly "true" (ASCII case-insensitive).
        let hidden = element
            .attr("aria-hidden")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
        if !hidden {
            continue;
        }
        let below = below.get_or_insert_with(|| descendant_flags(cx, in_tab_order));
        let itself = in_tab_order(element);
        if !itself && !below[element.id.index()] {
            sink.pass(element.id);
            continue;
        }
        if complete && cx.walk_covers(element.id) {
            // Where focus rested, not what the markup allows: a sentinel that sends focus
            // on at once was never a stop.
            let stop_below =
                stop_below.get_or_insert_with(|| descendant_flags(cx, |e| is_stop[e.id.index()]));
            if is_stop[element.id.index()] {
                sink.fail(
                    element.id,
                    "Tab stopped on this aria-hidden element: keyboard users reach content \
                     screen readers do not announce.",
                );
            } else if stop_below[element.id.index()] {
                let inner = find_descendant(cx, element, |e| is_stop[e.id.index()])
                    .map_or("Content".to_string(), |e| format!("<{}>", e.name()));
                sink.fail(
                    element.id,
                    format!(
                        "Tab stopped on {inner} inside this aria-hidden element: keyboard \
                         users reach content screen readers do not announce."
                    ),
                );
            } else {
                sink.pass(element.id);
            }
            continue;
        }
        let what = if itself {
            "This aria-hidden element is itself in Tab order".to_string()
        } else {
            match find_descendant(cx, element, in_tab_order) {
                Some(inner) => format!(
                    "<{}> inside this aria-hidden element is in Tab order",
                    inner.name()
                ),
                None => "Content inside this aria-hidden element is in Tab order".to_string(),
            }
        };
        // A script we did not run may redirect focus from it (focus-trap sentinels).
        if cx.snapshot.capture().scripts_ran == Some(false) && cx.dom.has_scripts() {
            sink.review(
                element.id,
                format!(
                    "{what}. The page's scripts were not run: check whether focus is \
                     moved away from it (a focus-trap sentinel), otherwise it is a failure."
                ),
            );
        } else {
            sink.fail(
                element.id,
                format!("{what}: keyboard users reach content screen readers do not announce."),
            );
        }
    }
}
