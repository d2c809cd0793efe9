//! portalscan's rule core: a page [`snapshot::Snapshot`] in, [`finding::Finding`]s out.
//!
//! No I/O (files, network, clocks) happens here, so the same code runs natively in the CLI
//! and crawler and as Wasm in the browser extension and the contrast page.

pub mod a11y;
pub mod color;
pub mod component;
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
pub use engine::{Context, ScanOptions, scan, scan_keyed, scan_with};
pub use finding::{Category, Finding, Outcome, PhiEvidence, PhiValue};
pub use rule::{Example, Interest, PhiMeta, Rule, RuleMeta, Sink};
pub use snapshot::Snapshot;

/// Scans with every rule portalscan has.
pub fn scan_all(snapshot: &Snapshot, options: ScanOptions) -> Vec<Finding> {
    scan(snapshot, &rules::all(), options)
}

/// Scans with every rule; PHI evidence carries fingerprints keyed with `key`.
pub fn scan_all_keyed(
    snapshot: &Snapshot,
    options: ScanOptions,
    key: &phi::FingerprintKey,
) -> Vec<Finding> {
    scan_keyed(snapshot, &rules::all(), options, Some(key))
}

/// Scans with every rule; PHI evidence keyed with `key`; `page_key` replaces the URL's in
/// finding fingerprints (see [`engine::scan_with`]).
pub fn scan_all_with(
    snapshot: &Snapshot,
    options: ScanOptions,
    key: &phi::FingerprintKey,
    page_key: Option<&str>,
) -> Vec<Finding> {
    scan_with(snapshot, &rules::all(), options, Some(key), page_key)
}
