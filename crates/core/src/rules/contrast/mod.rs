//! Contrast and visual rules: text contrast, non-text contrast and visible focus.
//! Shared here: the paint model (what is painted behind an element) and the disabled
//! exemption.

mod disabled;
mod focus_visible;
mod layers;
mod non_text_contrast;
pub mod paint;
mod text_contrast;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &text_contrast::TextContrast,
        &non_text_contrast::NonTextContrast,
        &focus_visible::FocusVisible,
    ]
}

use crate::dom::Dom;

/// Whether the page has scripts (not data blocks such as JSON): they may add or restyle
/// content at run time, which a static snapshot does not show.
pub(crate) fn page_runs_scripts(dom: &Dom) -> bool {
    dom.elements().any(|e| {
        e.is("script")
            && e.attr("type").is_none_or(|t| {
                let t = t.trim().to_ascii_lowercase();
                t.is_empty()
                    || t == "module"
                    || t.contains("javascript")
                    || t.contains("ecmascript")
            })
    })
}
