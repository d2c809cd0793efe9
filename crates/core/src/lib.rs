//! portalscan's rule core: a page [`snapshot::Snapshot`] in, [`finding::Finding`]s out.
//!
//! No I/O (files, network, clocks) happens here, so the same code runs natively in the CLI
//! and crawler and as Wasm in the browser extension and the contrast page.
//!
//! The public interface, and who uses it:
//! - [`scan`] with [`ScanOptions`] / [`RuleSelection`]: the one entry point (every front-end).
//! - [`Snapshot`] and [`dom`], [`style`], [`css`] (the property table a collector captures:
//!   [`css::PROPERTIES`], [`css::captured_properties`]): what front-ends build.
//! - [`Finding`] and the [`finding`] types, [`rules`], [`rule`], [`wcag`]: what reports read.
//! - [`phi`], [`url`], [`har`], [`selector`], [`color`], [`fingerprint`], [`a11y`],
//!   [`example_facts`]: shared facts the CLI, crawl, browser and tests use.
//! - [`report::json`]: the JSON report contract, shared by the CLI and the Wasm package.
//! - [`color_tools`]: the contrast page's verdicts, APCA, nearest passing colours and
//!   colour-vision simulation (the Wasm package exposes them).
//!
//! Everything else (the engine, paint model, PHI evidence helpers, language subtags, the
//! language guess, media facts, meta-refresh parsing) is private.

pub mod a11y;
pub mod color;
pub mod color_tools;
pub mod component;
pub mod css;
pub mod dom;
mod dom_json;
mod engine;
pub mod example_facts;
pub mod finding;
pub mod fingerprint;
pub mod har;
pub mod key_hints;
mod lang_guess;
mod lang_subtags;
mod media;
mod paint;
pub mod phi;
mod refresh;
pub mod report;
pub mod rule;
pub mod rules;
pub mod selector;
pub mod sheet;
pub mod snapshot;
pub mod style;
pub mod template;
pub mod url;
pub mod wcag;
mod word_lists;

pub use dom::{Dom, ElementRef, Node, NodeData, NodeId};
pub use engine::{Context, RuleSelection, ScanOptions, Scanned, scan, scan_bounded};
pub use finding::{Category, Finding, Outcome, PhiEvidence, PhiValue};
pub use rule::{Example, Interest, PhiMeta, Rule, RuleMeta, Sink};
pub use snapshot::Snapshot;
