//! Forms in patient flows (issue 13): error messages tied to their fields, personal-data
//! fields that say their purpose, status messages that are announced.

mod autocomplete_personal_data;
mod field_error_tied;
mod status_message_announced;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &field_error_tied::FieldErrorTied,
        &autocomplete_personal_data::AutocompletePersonalData,
        &status_message_announced::StatusMessageAnnounced,
    ]
}
