//! Report formats. All are written from the same [`Report`](crate::report::Report).

pub mod json;
pub mod junit;
pub mod rules;
pub mod summary;
pub mod text;

// The writers the Wasm package shares (pure: report in, text out), and their helpers.
pub use portalscan_report::{TOOL_NAME, TOOL_VERSION, html, phi_summary, sarif};
