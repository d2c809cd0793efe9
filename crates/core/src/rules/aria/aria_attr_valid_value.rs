//! WCAG 4.1.2 / 1.3.1: ARIA states and properties have values of their type
//! (`aria-expanded="collapsed"` or `aria-rowindex="2.5"` are ignored by browsers).

use crate::a11y::aria_data::{ValueType, attr_info};
use crate::dom::{ElementRef, Namespace};
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::aria::aria_attrs;
use crate::report::shown;

static META: RuleMeta = RuleMeta {
    id: "aria-attr-valid-value",
    title: "ARIA states and properties have valid values",
    category: Category::Accessibility,
    wcag: &["1.3.1", "4.1.2"],
    act: &["6a7281"],
    help: "Give each aria-* attribute a value its type allows: true/false for aria-required \
           or aria-modal; true/false/mixed for aria-checked and aria-pressed; a whole number \
           for aria-level or aria-rowindex; a number for aria-valuenow; one of the listed \
           tokens for aria-live (off, polite, assertive), aria-current, aria-sort and \
           similar. Invalid values are ignored, so the state is lost for screen readers.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass("<div role=\"button\" aria-pressed=\"mixed\">Bold</div>"),
        Example::pass("<a href=\"/\" aria-current=\"page\">Home</a>"),
        Example::pass("<div role=\"spinbutton\" aria-valuenow=\"1.5\" aria-label=\"Dose\"></div>"),
        Example::fail("<div role=\"button\" aria-expanded=\"collapsed\">Menu</div>"),
        Example::fail("<div role=\"gridcell\" aria-rowindex=\"2.5\">Fred</div>"),
        Example::fail("<div role=\"alert\" aria-relevant=\"text always\"></div>"),
        Example::inapplicable("<div role=\"alert\" aria-live>Saved</div>"),
    ],
};

crate::rule!(AriaAttrValidValue = META, element: check_element);

fn check_element(_cx: &Context, element: ElementRef, sink: &mut Sink) {
    if !matches!(element.namespace(), Namespace::Html | Namespace::Svg) {
        return;
    }
    let mut any = false;
    let mut invalid = Vec::new();
    for (name, value) in aria_attrs(element) {
        let Some(info) = attr_info(name) else {
            continue; // undefined attributes are aria-attr-defined's finding
        };
        let value = value.trim_ascii();
        if value.is_empty() {
            continue;
        }
        any = true;
        if !is_valid(info.value, value) {
            invalid.push(format!(
                "{name}=\"{}\" (expected {})",
                shown(value),
                describe(info.value)
            ));
        }
    }
    if !invalid.is_empty() {
        sink.fail(
            element.id,
            format!("Invalid ARIA value: {}.", invalid.join("; ")),
        );
    } else if any {
        sink.pass(element.id);
    }
}

fn one_of(tokens: &[&str], value: &str) -> bool {
    tokens.iter().any(|t| t.eq_ignore_ascii_case(value))
}

fn is_integer(value: &str) -> bool {
    let digits = value.strip_prefix('-').unwrap_or(value);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// A decimal number as HTML writes them (`1`, `-2.5`, `.5`, `1e3`); no `inf`/`NaN`.
fn is_number(value: &str) -> bool {
    value
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
        && value.parse::<f64>().is_ok_and(f64::is_finite)
}

fn is_valid(kind: ValueType, value: &str) -> bool {
    match kind {
        ValueType::TrueFalse => one_of(&["true", "false"], value),
        ValueType::TrueFalseUndefined => one_of(&["true", "false", "undefined"], value),
        ValueType::Tristate => one_of(&["true", "false", "mixed", "undefined"], value),
        // Whether the ids exist is id-references' finding; any non-empty value is an id.
        ValueType::IdRef | ValueType::IdRefList | ValueType::String => true,
        ValueType::Integer => is_integer(value),
        ValueType::Number => is_number(value),
        ValueType::Token(tokens) => one_of(tokens, value),
        ValueType::TokenList(tokens) => value.split_ascii_whitespace().all(|t| one_of(tokens, t)),
    }
}

fn describe(kind: ValueType) -> String {
    match kind {
        ValueType::TrueFalse => "true or false".into(),
        ValueType::TrueFalseUndefined => "true, false or undefined".into(),
        ValueType::Tristate => "true, false or mixed".into(),
        ValueType::IdRef | ValueType::IdRefList => "id references".into(),
        ValueType::String => "text".into(),
        ValueType::Integer => "a whole number".into(),
        ValueType::Number => "a number".into(),
        ValueType::Token(tokens) => format!("one of {}", tokens.join(", ")),
        ValueType::TokenList(tokens) => format!("a list of {}", tokens.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_integers() {
        assert!(is_integer("2") && is_integer("-1") && !is_integer("2.5") && !is_integer(""));
        assert!(is_number("1.0") && is_number(".5") && is_number("-3") && is_number("1e2"));
        assert!(!is_number("one") && !is_number("inf") && !is_number("NaN") && !is_number("1,5"));
    }
}
