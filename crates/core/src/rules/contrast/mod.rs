//! Contrast and visual rules: text contrast, non-text contrast and visible focus.
//! The paint model they read lives in [`crate::paint`].

mod focus_visible;
mod non_text_contrast;
mod text_contrast;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &text_contrast::TextContrast,
        &non_text_contrast::NonTextContrast,
        &focus_visible::FocusVisible,
    ]
}
