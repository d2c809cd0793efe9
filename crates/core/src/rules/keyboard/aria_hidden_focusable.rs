//! WCAG 4.1.2 Name, Role, Value: an element with `aria-hidden="true"` has nothing in
//! sequential focus navigation, so Tab never lands on something screen readers cannot see.

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
    ],
};

crate::rule!(AriaHiddenFocusable = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
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
