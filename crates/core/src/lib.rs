//! portalscan's rule core: a page [`snapshot::Snapshot`] in, [`finding::Finding`]s out.
//!
//! No I/O (files, network, clocks) happens here, so the same code runs natively in the CLI
//! and crawler and as Wasm in the browser extension and the contrast page.

pub mod a11y;
pub mod color;
pub mod css;
pub mod dom;
pub mod engine;
pub mod example_facts;
pub mod finding;
pub mod fingerprint;
pub mod har;
pub mod lang_subtags;
pub mod paint;
pub mod phi;
pub mod report;
pub mod rule;
pub mod rules;
pub mod selector;
pub mod snapshot;
pub mod style;
pub mod url;
pub mod wcag;

pub use dom::{Dom, ElementRef, Node, NodeData, NodeId};
pub use engine::{Context, RuleSelection, ScanOptions, scan};
pub use finding::{Category, Finding, Outcome, PhiEvidence, PhiValue};
pub use rule::{Example, Interest, PhiMeta, Rule, RuleMeta, Sink};
pub use snapshot::Snapshot;
