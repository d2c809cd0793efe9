//! Report formats. All are written from the same [`Report`](crate::report::Report).

pub mod json;
pub mod junit;
pub mod rules;
pub mod sarif;
pub mod text;

/// The tool's name and version as reports state them.
pub const TOOL_NAME: &str = "portalscan";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
