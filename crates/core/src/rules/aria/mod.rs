mod aria_attr_allowed;
mod aria_attr_defined;
mod aria_attr_valid_value;
mod aria_prohibited_attr;
mod aria_required_attr;
mod aria_required_children;
mod aria_required_context;
mod aria_role_valid;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &aria_attr_defined::AriaAttrDefined,
        &aria_attr_valid_value::AriaAttrValidValue,
        &aria_attr_allowed::AriaAttrAllowed,
        &aria_prohibited_attr::AriaProhibitedAttr,
        &aria_required_attr::AriaRequiredAttr,
        &aria_role_valid::AriaRoleValid,
        &aria_required_context::AriaRequiredContext,
        &aria_required_children::AriaRequiredChildren,
    ]
}
