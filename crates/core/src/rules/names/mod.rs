//! Accessible-name rules: every control, link, heading and frame has a name assistive
//! technology can announce. Names come from `crate::a11y::accname`.

mod aria_widget_name;
mod button_name;
mod form_field_name;
mod heading_name;
mod iframe_name;
mod image_button_name;
mod label_in_name;
mod link_name;
mod menuitem_name;
mod summary_name;

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
        &aria_widget_name::WidgetName,
        &label_in_name::LabelInName,
    ]
}
