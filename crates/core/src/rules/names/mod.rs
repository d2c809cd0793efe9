//! Accessible-name rules: every control, link, heading and frame has a name assistive
//! technology can announce. Names come from `crate::a11y::accname`.

mod button_name;
mod form_field_name;
mod heading_name;
mod iframe_name;
mod image_button_name;
mod label_in_name;
mod link_name;
mod menuitem_name;
mod summary_name;
mod widget_name;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &form_field_name::FormFieldName,
        &button_name::ButtonName,
        &image_button_name::ImageButtonName,
        &link_name::LinkName,
        &menuitem_name::MenuitemName,
        &summary_name::SummaryName,
        &iframe_name::IframeName,
        &heading_name::HeadingName,
        &widget_name::WidgetName,
        &label_in_name::LabelInName,
    ]
}

/// The usual outcome of a "has a non-empty name" check: pass with a name, fail without
/// one, and review when the name walk was cut short (content nested too deep to read
/// fully), since the name is then unknown rather than absent.
pub(crate) fn report_name(
    sink: &mut crate::rule::Sink,
    node: crate::dom::NodeId,
    name: &crate::a11y::AccName,
    missing: impl Into<String>,
) {
    if !name.is_empty() {
        sink.pass(node);
    } else if name.truncated {
        sink.review(
            node,
            "No accessible name was found, but the element's content is nested too deeply \
             (or is too large) to read fully. Check that it has a name.",
        );
    } else {
        sink.fail(node, missing);
    }
}
