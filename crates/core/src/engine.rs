//! Runs rules over a snapshot in one traversal.

use std::collections::HashMap;

use crate::a11y::PageA11y;
use crate::dom::{Dom, NodeId};
use crate::finding::Finding;
use crate::phi::FingerprintKey;
use crate::rule::{Interest, Rule, Sink};
use crate::snapshot::Snapshot;

/// What rules may read: the snapshot, plus facts derived from it once and shared.
pub struct Context<'a> {
    pub snapshot: &'a Snapshot,
    pub dom: &'a Dom,
    /// Accessibility semantics (roles, names, hidden, focus), memoised per page.
    pub a11y: PageA11y<'a>,
    /// The page URL with any PHI in it masked: what findings show.
    pub redacted_url: String,
    /// Key for the fingerprints in PHI evidence; none means no fingerprints.
    pub fingerprint_key: Option<&'a FingerprintKey>,
    /// The page part of finding fingerprints ([`crate::fingerprint::page_key`] of the URL
    /// unless the front-end gave its own).
    pub page_key: String,
}

impl<'a> Context<'a> {
    pub fn new(snapshot: &'a Snapshot) -> Context<'a> {
        Context {
            snapshot,
            dom: &snapshot.dom,
            a11y: PageA11y::new(&snapshot.dom),
            redacted_url: crate::phi::redact_url(&snapshot.url),
            fingerprint_key: None,
            page_key: crate::fingerprint::page_key(&snapshot.url),
        }
    }

    /// The `<html>` element, or the document node when there is none.
    pub fn page_node(&self) -> NodeId {
        self.dom
            .document_element()
            .map(|e| e.id)
            .unwrap_or(NodeId::DOCUMENT)
    }
}

#[derive(Clone, Copy, Debug, Default)]
pub struct ScanOptions {
    /// Also report `pass` findings (the CLI's `--all`, the ACT suite, rule examples).
    pub include_passes: bool,
}

/// Scans one snapshot with the given rules.
pub fn scan(snapshot: &Snapshot, rules: &[&dyn Rule], options: ScanOptions) -> Vec<Finding> {
    scan_keyed(snapshot, rules, options, None)
}

/// Scans one snapshot; PHI evidence carries fingerprints keyed with `key`, if given.
pub fn scan_keyed(
    snapshot: &Snapshot,
    rules: &[&dyn Rule],
    options: ScanOptions,
    key: Option<&FingerprintKey>,
) -> Vec<Finding> {
    scan_with(snapshot, rules, options, key, None)
}

/// Scans one snapshot; `page_key` replaces the URL's in finding fingerprints (a local
/// file's path relative to the project, say, so fingerprints agree between checkouts).
pub fn scan_with(
    snapshot: &Snapshot,
    rules: &[&dyn Rule],
    options: ScanOptions,
    key: Option<&FingerprintKey>,
    page_key: Option<&str>,
) -> Vec<Finding> {
    let mut cx = Context::new(snapshot);
    cx.fingerprint_key = key;
    if let Some(page_key) = page_key {
        cx.page_key = page_key.to_string();
    }
    let mut findings = Vec::new();

    // Dispatch table: tag name -> rules, built once so no rule walks the tree itself.
    let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut every_element = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        match rule.meta().interest {
            Interest::Tags(tags) => {
                for tag in tags {
                    by_tag.entry(tag).or_default().push(i);
                }
            }
            Interest::AllElements => every_element.push(i),
            Interest::PageOnly => {}
        }
    }

    let sink_for = |i: usize, findings: &mut Vec<Finding>, f: &mut dyn FnMut(&mut Sink)| {
        let mut sink = Sink {
            meta: rules[i].meta(),
            cx: &cx,
            out: findings,
            include_passes: options.include_passes,
        };
        f(&mut sink);
    };

    for element in snapshot.dom.elements() {
        let tagged = if element.is_html() {
            by_tag.get(element.name()).map(Vec::as_slice).unwrap_or(&[])
        } else {
            &[]
        };
        for &i in every_element.iter().chain(tagged) {
            sink_for(i, &mut findings, &mut |sink| {
                rules[i].check_element(&cx, element, sink)
            });
        }
    }
    for (i, rule) in rules.iter().enumerate() {
        sink_for(i, &mut findings, &mut |sink| rule.check_page(&cx, sink));
    }
    crate::fingerprint::disambiguate(&mut findings);
    findings
}
