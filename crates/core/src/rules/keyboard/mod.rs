mod aria_hidden_focusable;
mod focus_not_obscured;
mod iframe_not_focusable;
mod keyboard_trap;
mod keyboard_trap_exit;
mod keyboard_unreachable;
mod nested_interactive;
mod positive_tabindex;
mod presentational_children_focusable;
mod scrollable_region_focusable;
mod target_size;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &positive_tabindex::PositiveTabindex,
        &scrollable_region_focusable::ScrollableRegionFocusable,
        &target_size::TargetSize,
        &aria_hidden_focusable::AriaHiddenFocusable,
        &presentational_children_focusable::PresentationalChildrenFocusable,
        &nested_interactive::NestedInteractive,
        &keyboard_unreachable::KeyboardUnreachable,
        &keyboard_trap::KeyboardTrap,
        &keyboard_trap_exit::KeyboardTrapExit,
        &focus_not_obscured::FocusNotObscured,
        &iframe_not_focusable::IframeNotFocusable,
    ]
}
