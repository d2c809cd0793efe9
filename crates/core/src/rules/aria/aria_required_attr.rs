//! WCAG 4.1.2 / 1.3.1: an element with an explicit role has the states and properties
//! that role requires (`aria-checked` on a checkbox, `aria-level` on a heading, ...).

use crate::a11y::aria_data::required_attrs_for;
use crate::a11y::roles::explicit_role;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::aria::implicit_role_of;

static META: RuleMeta = RuleMeta {
    id: "aria-required-attr",
    title: "Elements with a role have the states and properties it requires",
    category: Category::Accessibility,
    wcag: &["1.3.1", "4.1.2"],
    act: &["4e8ab6"],
    help: "Add the attributes the role needs, and keep them updated from script: \
           aria-checked for checkbox, radio and switch; aria-level for heading; \
           aria-expanded (and aria-controls) for combobox; aria-valuenow for slider, \
           scrollbar and focusable separator. Or use the native element (<input \
           type=\"checkbox\">, <h2>), which provides the state itself.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass("<div role=\"heading\" aria-level=\"2\">Upcoming visits</div>"),
        Example::pass("<div role=\"checkbox\" aria-checked=\"false\" tabindex=\"0\">I agree</div>"),
        Example::pass("<div role=\"separator\"></div>"),
        Example::fail("<div role=\"checkbox\" tabindex=\"0\">I agree</div>"),
        Example::fail("<div role=\"heading\">Upcoming visits</div>"),
        Example::fail("<div role=\"separator\" tabindex=\"0\"></div>"),
        // The native checkbox provides the checked state.
        Example::inapplicable("<input type=\"checkbox\" role=\"checkbox\" aria-label=\"Agree\">"),
        Example::inapplicable("<div role=\"combobox\" hidden></div>"),
    ],
};

crate::rule!(AriaRequiredAttr = META, element: check_element);

fn check_element(cx: &Context, element: ElementRef, sink: &mut Sink) {
    let Some(role) = explicit_role(element) else {
        return;
    };
    // The explicit role must be the one in effect, differ from the native one, and
    // the element must be exposed.
    if cx.a11y.role(element) != Some(role)
        || implicit_role_of(cx, element) == Some(role)
        || cx.a11y.is_hidden(element.id)
    {
        return;
    }
    let focusable = cx.a11y.is_focusable(element);
    let missing: Vec<&str> = required_attrs_for(role, focusable)
        .iter()
        .copied()
        .filter(|attr| {
            element.attr(attr).is_none_or(|v| v.trim().is_empty())
                && !natively_provided(element, attr)
        })
        .collect();
    if missing.is_empty() {
        sink.pass(element.id);
    } else {
        sink.fail(
            element.id,
            format!(
                "role=\"{role}\" requires {}, which {} missing.",
                missing.join(", "),
                if missing.len() == 1 { "is" } else { "are" }
            ),
        );
    }
}

/// States an HTML element supplies itself (HTML-AAM), so the ARIA attribute is not needed.
fn natively_provided(el: ElementRef, attr: &str) -> bool {
    let input_type = || {
        el.attr("type")
            .map(|t| t.trim().to_ascii_lowercase())
            .unwrap_or_default()
    };
    match attr {
        "aria-checked" => el.is("input") && matches!(input_type().as_str(), "checkbox" | "radio"),
        "aria-valuenow" => {
            (el.is("input") && matches!(input_type().as_str(), "range" | "number"))
                || el.is("progress")
                || el.is("meter")
        }
        "aria-selected" => el.is("option"),
        "aria-level" => {
            el.is_html() && matches!(el.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
        }
        "aria-expanded" => el.is("select") || el.is("details"),
        _ => false,
    }
}
