//! WCAG 3.3.1 Error Identification: a field shown as invalid (`aria-invalid`, or inside an
//! SLDS `slds-has-error` form element) has its error text tied to it by
//! `aria-describedby` or `aria-errormessage`, so a screen reader says what is wrong when
//! the patient reaches the field, not only that it is invalid.

use crate::a11y::tree::is_aria_true;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "field-error-tied",
    title: "Fields marked invalid have their error text tied to them",
    category: Category::Accessibility,
    wcag: &["3.3.1", "3.3.3"],
    act: &[],
    help: "When a field fails validation, set aria-invalid=\"true\" on it and point \
           aria-describedby (or aria-errormessage) at the element that holds the error \
           text, e.g. the SLDS slds-form-element__help div; give that element an id. \
           lightning-input does this itself; custom c-* forms must do it.",
    interest: Interest::Tags(&["input", "select", "textarea"]),
    phi: None,
    examples: &[
        Example::pass(
            "<input id=dob aria-invalid=true aria-describedby=dob-err>\
             <div id=dob-err>Enter a date as MM/DD/YYYY.</div>",
        ),
        Example::pass(
            "<div class=\"slds-form-element slds-has-error\"><input aria-invalid=true \
             aria-errormessage=e1><div id=e1 class=slds-form-element__help>Required</div></div>",
        ),
        Example::fail(
            "<div class=\"slds-form-element slds-has-error\"><label for=p>Phone</label>\
             <input id=p><div class=slds-form-element__help>Enter a phone number.</div></div>",
        ),
        Example::fail("<input aria-invalid=true aria-describedby=missing>"),
        // The described element is empty: there is nothing to read.
        Example::fail("<input aria-invalid=true aria-describedby=e><div id=e> </div>"),
        Example::inapplicable("<input aria-invalid=false><input>"),
        Example::inapplicable("<input type=hidden aria-invalid=true>"),
    ],
};

crate::rule!(FieldErrorTied = META, element: check_element);

fn check_element(cx: &Context, field: ElementRef, sink: &mut Sink) {
    if cx.a11y.is_hidden(field.id) {
        return;
    }
    let marked = is_aria_true(field.attr("aria-invalid"))
        || field.ancestors().any(|a| a.has_class("slds-has-error"));
    if !marked {
        return;
    }
    if tied_error_text(cx, field) {
        sink.pass(field.id);
    } else {
        sink.fail(
            field.id,
            "This field is shown as invalid but no error text is tied to it with \
             aria-describedby or aria-errormessage.",
        );
    }
}

/// Some element that `aria-describedby` or `aria-errormessage` names has text.
fn tied_error_text(cx: &Context, field: ElementRef) -> bool {
    ["aria-describedby", "aria-errormessage"]
        .iter()
        .filter_map(|a| field.attr(a))
        .flat_map(str::split_ascii_whitespace)
        .filter_map(|id| cx.dom.element_by_id(field.id, id))
        .any(|id| !cx.dom.text_content(id).trim().is_empty())
}
