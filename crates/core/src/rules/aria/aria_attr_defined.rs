//! WCAG 4.1.2 / 1.3.1: every `aria-*` attribute is one WAI-ARIA defines (a misspelt
//! attribute, like `aria-labeledby`, is silently ignored by browsers).

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::aria::{aria_attrs, is_defined};
use crate::report::shown;

static META: RuleMeta = RuleMeta {
    id: "aria-attr-defined",
    title: "ARIA attributes are defined in WAI-ARIA",
    category: Category::Accessibility,
    wcag: &["1.3.1", "4.1.2"],
    act: &["5f99a7"],
    help: "Fix the spelling of the aria-* attribute or remove it; browsers ignore attributes \
           WAI-ARIA does not define. Common slips: aria-labeledby (aria-labelledby), \
           aria-role (use role), aria-descriptionby (aria-describedby).",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass("<div role=\"dialog\" aria-modal=\"true\" aria-label=\"Reschedule\"></div>"),
        Example::pass("<button aria-description=\"Opens in a new tab\">Lab results</button>"),
        Example::fail("<input aria-labeledby=\"lbl\"><span id=\"lbl\">Name</span>"),
        Example::fail("<div role=\"checkbox\" aria-not-checked=\"true\">Agree</div>"),
        Example::inapplicable("<canvas></canvas>"),
    ],
};

crate::rule!(AriaAttrDefined = META, element: check_element);

fn check_element(_cx: &Context, element: ElementRef, sink: &mut Sink) {
    let mut any = false;
    let mut unknown = Vec::new();
    for (name, _) in aria_attrs(element) {
        any = true;
        if !is_defined(name) {
            unknown.push(shown(name));
        }
    }
    if !unknown.is_empty() {
        let hint = unknown
            .iter()
            .find_map(|n| suggestion(n))
            .map(|s| format!(" Did you mean {s}?"))
            .unwrap_or_default();
        sink.fail(
            element.id,
            format!(
                "{} {} not defined by WAI-ARIA and will be ignored.{hint}",
                unknown.join(", "),
                if unknown.len() == 1 { "is" } else { "are" }
            ),
        );
    } else if any {
        sink.pass(element.id);
    }
}

fn suggestion(name: &str) -> Option<&'static str> {
    Some(match name {
        "aria-labeledby" | "aria-labelled" | "aria-labelby" => "aria-labelledby",
        "aria-describeby" | "aria-descriptionby" | "aria-describedy" => "aria-describedby",
        "aria-role" => "the role attribute",
        "aria-requried" | "aria-require" => "aria-required",
        _ => return None,
    })
}
