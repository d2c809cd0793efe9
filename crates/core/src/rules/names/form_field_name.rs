//! WCAG 1.3.1, 3.3.2, 4.1.2: form fields have an accessible name, preferably from a visible
//! label. A field named only by its placeholder or tooltip gets `review`: the name exists,
//! but a placeholder disappears on input and a tooltip is not a visible label (3.3.2).

use crate::a11y::NameSource;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "form-field-name",
    title: "Form fields have an accessible name",
    category: Category::Accessibility,
    wcag: &["1.3.1", "3.3.2", "4.1.2"],
    act: &["e086e5"],
    help: "Give every input, select, textarea and custom field (role=textbox, combobox, \
           checkbox, ...) a visible label tied to it: <label for=\"dob\">Date of birth</label>\
           <input id=\"dob\">, or wrap the field in the <label>. In an LWC, keep the label and \
           the field in the same shadow tree (ids do not cross it), or use aria-label / \
           aria-labelledby. A placeholder or title alone is not a visible label.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass(r#"<label for="dob">Date of birth</label><input id="dob" type="date">"#),
        Example::pass(r#"<label>Member ID <input name="member"></label>"#),
        Example::pass(r#"<div role="checkbox" aria-checked="false">I agree to the terms</div>"#),
        Example::fail(r#"<div>Last name</div><input name="last">"#),
        Example::fail(r#"<label for="x">First name</label><div role="textbox" id="x"></div>"#),
        Example::fail(r#"<input aria-label=" ">"#),
        Example::review(r#"<input type="search" placeholder="Search messages">"#),
        Example::review(r#"<input type="tel" title="Phone number">"#),
        Example::inapplicable(r#"<input type="hidden" name="token"><input style="display:none">"#),
    ],
};

/// Roles of form fields (the ACT rule's list).
const FIELD_ROLES: &[&str] = &[
    "checkbox",
    "combobox",
    "listbox",
    "menuitemcheckbox",
    "menuitemradio",
    "radio",
    "searchbox",
    "slider",
    "spinbutton",
    "switch",
    "textbox",
];

/// Native inputs HTML-AAM gives no role but that users fill in all the same.
const ROLELESS_INPUT_TYPES: &[&str] = &[
    "color",
    "date",
    "datetime-local",
    "file",
    "month",
    "time",
    "week",
];

fn is_field(cx: &Context, el: ElementRef) -> bool {
    match cx.a11y.role(el) {
        Some(role) => FIELD_ROLES.contains(&role),
        None => {
            el.is("input")
                && ROLELESS_INPUT_TYPES.contains(&crate::a11y::roles::input_type(el).as_str())
        }
    }
}

crate::rule!(FormFieldName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    if cx.a11y.is_hidden(el.id) || !is_field(cx, el) {
        return;
    }
    let name = cx.a11y.name(el);
    match name.source {
        _ if name.is_empty() && name.truncated => {
            crate::report::report_name(sink, el.id, &name, String::new())
        }
        _ if name.is_empty() => sink.fail(
            el.id,
            "This form field has no accessible name: no <label> is associated with it and \
             it has no aria-label or aria-labelledby, so screen readers announce it \
             without saying what to enter.",
        ),
        NameSource::Placeholder => sink.review(
            el.id,
            "This form field is named only by its placeholder, which disappears once \
             the user types. Check that a visible label stays next to it, and associate \
             that label with the field.",
        ),
        NameSource::Title => sink.review(
            el.id,
            "This form field is named only by its title attribute (a tooltip that is not \
             visible until hover). Check that a visible label identifies it, and \
             associate that label with the field.",
        ),
        _ => sink.pass(el.id),
    }
}
