//! Visual presentation (WCAG 1.3.4, 1.4.1, 1.4.12): orientation locked by CSS, links told
//! apart by colour alone, and text spacing that patients cannot override.
mod css_orientation_lock;
mod link_in_text_block;
mod text_spacing;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &css_orientation_lock::CssOrientationLock,
        &link_in_text_block::LinkInTextBlock,
        &text_spacing::TextSpacing,
    ]
}
