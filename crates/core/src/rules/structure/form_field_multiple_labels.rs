//! WCAG 3.3.2 / 1.3.1: a form field has one `<label>`. With several, screen readers differ:
//! some read all of them, some only the first, so a patient may hear half the label.
//! Several labels can be deliberate, so the rule answers review.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "form-field-multiple-labels",
    title: "Form fields have a single label",
    category: Category::Accessibility,
    wcag: &["1.3.1", "3.3.2"],
    act: &[],
    help: "Give each field one <label>. Put extra instructions (a format, an error) in an \
           element tied to the field with aria-describedby instead of a second label.",
    interest: Interest::Tags(&["input", "select", "textarea"]),
    phi: None,
    examples: &[
        Example::pass("<label for=dob>Date of birth</label><input id=dob>"),
        Example::review(
            "<label for=dob>Date of birth</label><input id=dob><label for=dob>MM/DD/YYYY</label>",
        ),
        Example::review("<label>Phone <input id=p></label><label for=p>Mobile</label>"),
        // A hidden second label is not read.
        Example::pass(
            "<label for=dob>Date of birth</label><input id=dob><label for=dob hidden>x</label>",
        ),
        Example::inapplicable(
            "<input type=hidden id=h><label for=h>x</label><label for=h>y</label>",
        ),
        Example::inapplicable("<input aria-label=Search>"),
    ],
};

crate::rule!(FormFieldMultipleLabels = META, element: check_element);

fn check_element(cx: &Context, field: ElementRef, sink: &mut Sink) {
    if cx.a11y.is_hidden(field.id) {
        return;
    }
    let labels: Vec<_> = cx
        .a11y
        .labels_of(field.id)
        .into_iter()
        .filter(|l| !cx.a11y.is_hidden(*l))
        .collect();
    match labels.len() {
        0 => {}
        1 => sink.pass(field.id),
        n => sink.review(
            field.id,
            format!("This field has {n} labels; screen readers may read only one of them."),
        ),
    }
}
