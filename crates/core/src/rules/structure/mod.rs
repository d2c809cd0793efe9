//! Structure and navigation (issue 13): ways to skip repeated blocks, landmarks, a heading
//! for the main content, heading order, access keys, labels, iframe names and
//! image alt that repeats its control's text. Nested interactive controls are
//! `presentational-children-focusable` (keyboard group, ACT 307n5z).

mod accesskeys;
mod bypass;
mod form_field_multiple_labels;
mod heading_order;
mod iframe_name_unique;
mod image_redundant_alt;
mod landmark_unique;
mod main_content_heading;

use crate::rule::Rule;

/// Landmark roles that mark a block repeated on every page (the site header and its
/// menus): what `bypass` offers a way past and `main-content-heading` looks after.
const REPEATED_BLOCK_ROLES: &[&str] = &["navigation", "banner"];

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &bypass::Bypass,
        &landmark_unique::LandmarkUnique,
        &main_content_heading::MainContentHeading,
        &heading_order::HeadingOrder,
        &accesskeys::Accesskeys,
        &form_field_multiple_labels::FormFieldMultipleLabels,
        &iframe_name_unique::IframeNameUnique,
        &image_redundant_alt::ImageRedundantAlt,
    ]
}
