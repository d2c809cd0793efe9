//! Contrast and visual rules: text contrast (AA and AAA), non-text contrast and visible focus.
//! The paint model they read lives in [`crate::paint`].

mod focus_visible;
mod non_text_contrast;
mod text_contrast;
mod text_contrast_enhanced;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &text_contrast::TextContrast,
        &text_contrast_enhanced::TextContrastEnhanced,
        &non_text_contrast::NonTextContrast,
        &focus_visible::FocusVisible,
    ]
}
