//! How PHI rules report: collecting redacted evidence for a finding ([`Leak`]), checking
//! stored entries of one kind of browser storage, and the PHI a page carries anywhere.
//!
//! Invariant: values reach a finding only through [`crate::phi::evidence`] (redacted,
//! fingerprinted), and sources only through [`crate::phi::redact`].

use crate::dom::NodeData;
use crate::dom::NodeId;
use crate::engine::Context;
use crate::finding::{Outcome, PhiEvidence, PhiValue};
use crate::phi::{self, KindSet, Match, Summary, evidence, shown};
use crate::rule::{PhiMeta, Sink};
use crate::snapshot::Storage;

/// PHI found for one finding: what kinds, the redacted values, and where (redacted).
#[derive(Default)]
pub struct Leak {
    pub summary: Summary,
    values: Vec<PhiValue>,
    sources: Vec<String>,
}

impl Leak {
    /// Adds the matches found in `text`; `source` says where (it is redacted here).
    pub fn add(&mut self, sink: &Sink, text: &str, matches: &[Match], source: Option<&str>) {
        if matches.is_empty() {
            return;
        }
        let s = Summary::of(matches);
        self.summary.phi = self.summary.phi.union(s.phi);
        self.summary.weak = self.summary.weak.union(s.weak);
        for v in evidence::values(text, matches, sink.fingerprint_key()) {
            if self.values.len() < evidence::MAX_VALUES && !self.values.contains(&v) {
                self.values.push(v);
            }
        }
        if let Some(source) = source {
            let source = phi::redact(source);
            if self.sources.len() < 5 && !self.sources.contains(&source) {
                self.sources.push(source);
            }
        }
    }

    /// Adds the PHI in `url`, part by part (path, each query parameter, fragment); the
    /// source names the part after `prefix`.
    pub fn add_url(&mut self, sink: &Sink, url: &str, prefix: &str) {
        for part in phi::url::scan(url) {
            let source = match &part.name {
                Some(name) => format!("{prefix}{} {name}", part.part),
                None => format!("{prefix}{}", part.part),
            };
            self.add(sink, &part.text, &part.matches, Some(&source));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.summary.is_empty()
    }

    /// `fail` when PHI is there, `review` when only record ids are (they link to a
    /// person's record but reveal nothing by themselves).
    pub fn outcome(&self) -> Outcome {
        if self.summary.phi.is_empty() {
            Outcome::Review
        } else {
            Outcome::Fail
        }
    }

    pub fn kinds(&self) -> KindSet {
        self.summary.all()
    }

    /// Reports the leak (or nothing when there is none). `what` names the carrier
    /// ("The page URL"); the message adds the kinds and where.
    pub fn report(self, sink: &mut Sink, node: Option<NodeId>, what: &str) {
        if self.is_empty() {
            return;
        }
        let outcome = self.outcome();
        let kinds = self.kinds();
        let place = if self.sources.is_empty() {
            String::new()
        } else {
            format!(" in {}", self.sources.join(", "))
        };
        let message = if outcome == Outcome::Fail {
            format!("{what} carries PHI ({}){place}.", describe(kinds))
        } else {
            format!(
                "{what} carries a Salesforce record id of a person or health record{place}; \
                 check whether it needs to be there."
            )
        };
        let source = (!self.sources.is_empty()).then(|| self.sources.join(", "));
        report(sink, outcome, node, kinds, source, self.values, message);
    }
}

/// Reports a PHI finding with the rule's location and HIPAA sections.
pub fn report(
    sink: &mut Sink,
    outcome: Outcome,
    node: Option<NodeId>,
    kinds: KindSet,
    source: Option<String>,
    values: Vec<PhiValue>,
    message: String,
) {
    let meta = sink.meta.phi.as_ref();
    let evidence = PhiEvidence {
        location: meta.map(|p| p.location).unwrap_or("").to_string(),
        kinds: kinds.names(),
        hipaa: meta
            .map(|p| p.hipaa.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
        source,
        values,
    };
    sink.phi_evidence(outcome, node, evidence, message);
}

/// A pass (no PHI) for the rule's location.
pub fn pass(sink: &mut Sink, node: Option<NodeId>) {
    pass_with(sink, node, KindSet::EMPTY, None);
}

/// A pass that still says which PHI the page carries and where the rule looked (a form's
/// action, a header): no values, no message.
pub fn pass_with(sink: &mut Sink, node: Option<NodeId>, kinds: KindSet, source: Option<String>) {
    report(
        sink,
        Outcome::Pass,
        node,
        kinds,
        source,
        Vec::new(),
        String::new(),
    );
}

/// A browser store the page's origin keeps data in. The four storage rules (one id per
/// store, so baselines and reports keep them apart) share one check: [`check_store`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Store {
    Local,
    Session,
    IndexedDb,
    CacheStorage,
}

impl Store {
    /// The store's PHI declaration: where (`phi.location`), any kind, and the HIPAA
    /// sections on access control, encryption at rest and integrity.
    pub const fn phi_meta(self) -> PhiMeta {
        PhiMeta {
            location: match self {
                Store::Local => "local_storage",
                Store::Session => "session_storage",
                Store::IndexedDb => "indexeddb",
                Store::CacheStorage => "cache_storage",
            },
            kinds: KindSet::ALL,
            hipaa: &["164.312(a)(2)(iv)", "164.312(a)(2)(iii)", "164.312(c)(1)"],
        }
    }

    /// The name messages use (`localStorage`).
    pub fn label(self) -> &'static str {
        match self {
            Store::Local => "localStorage",
            Store::Session => "sessionStorage",
            Store::IndexedDb => "IndexedDB",
            Store::CacheStorage => "Cache Storage",
        }
    }

    /// Its entries as (key, value): a cached response's URL and body for Cache Storage.
    /// `None` when the front-end does not know the store.
    fn entries(self, s: &Storage) -> Vec<(&str, &str)> {
        match self {
            Store::Local => s
                .local
                .iter()
                .map(|e| (e.key.as_str(), e.value.as_str()))
                .collect(),
            Store::Session => s
                .session
                .iter()
                .map(|e| (e.key.as_str(), e.value.as_str()))
                .collect(),
            Store::IndexedDb => s
                .indexed_db
                .iter()
                .map(|e| (e.key.as_str(), e.value.as_str()))
                .collect(),
            Store::CacheStorage => s
                .cache_storage
                .iter()
                .map(|e| (e.url.as_str(), e.body.as_deref().unwrap_or("")))
                .collect(),
        }
    }

    pub const ALL: [Store; 4] = [
        Store::Local,
        Store::Session,
        Store::IndexedDb,
        Store::CacheStorage,
    ];
}

/// The storage rules' check: a finding per entry of `store` with PHI, a pass when the
/// store is known and clean, nothing when it is unknown.
pub fn check_store(cx: &Context, sink: &mut Sink, store: Store) {
    let Some(storage) = cx.snapshot.storage.as_ref() else {
        return; // This front-end does not know the store: no finding, never a guess.
    };
    let what = format!("An entry in {}", store.label());
    if !check_entries(sink, store.label(), store.entries(storage), &what) {
        pass(sink, None);
    }
}

/// Client storage read after logout: a finding per entry with PHI in any of the four
/// stores, one pass when all are clean.
pub fn check_storage_after_logout(sink: &mut Sink, storage: &Storage) {
    let mut leaked = false;
    for store in Store::ALL {
        let what = format!("After logout, an entry in {}", store.label());
        leaked |= check_entries(sink, store.label(), store.entries(storage), &what);
    }
    if !leaked {
        pass(sink, None);
    }
}

/// Checks stored entries (key, value) of one kind of browser storage: a finding per entry
/// with PHI (its message starting with `what`). Whether any had PHI.
fn check_entries(sink: &mut Sink, store: &str, entries: Vec<(&str, &str)>, what: &str) -> bool {
    let mut leaked = false;
    for (key, value) in entries {
        let mut leak = Leak::default();
        let source = format!("{store} key {key}");
        leak.add(sink, key, &phi::detect(key), Some(&source));
        leak.add(
            sink,
            value,
            &phi::detect_in_value(key, value),
            Some(&source),
        );
        leaked |= !leak.is_empty();
        leak.report(sink, None, what);
    }
    leaked
}

/// The PHI a person at the screen sees: the page's rendered text and shown field values
/// (the same answer [`phi::shows_phi`] gives the crawler when it picks pages to check).
pub fn shown_leak(cx: &Context, sink: &Sink) -> Leak {
    let mut leak = Leak::default();
    let text = shown::visible_text(cx.dom, &cx.a11y);
    leak.add(sink, &text, &phi::detect(&text), Some("page text"));
    for field in shown::shown_fields(cx.dom, &cx.a11y) {
        let source = format!("field {}", field.name);
        leak.add(
            sink,
            field.value,
            &phi::detect_in_value(field.name, field.value),
            Some(&source),
        );
    }
    leak
}

/// "mrn, dob".
pub fn describe(kinds: KindSet) -> String {
    phi::join(kinds.iter())
}

/// The PHI a page carries anywhere a reader of its source or DOM could see it: its URL,
/// text (labelled values), comments, scripts, hidden fields and `data-` attributes.
pub fn page_phi(cx: &Context) -> Summary {
    let mut summary = Summary::default();
    let mut add = |matches: &[Match]| {
        let s = Summary::of(matches);
        summary.phi = summary.phi.union(s.phi);
        summary.weak = summary.weak.union(s.weak);
    };
    for part in phi::url::scan(&cx.snapshot.url) {
        add(&part.matches);
    }
    let mut text = String::new();
    for id in cx.dom.ids() {
        match &cx.dom.node(id).data {
            NodeData::Text { text: t } | NodeData::Comment { text: t } => {
                text.push_str(t);
                text.push('\n');
            }
            NodeData::Element { .. } => {
                let el = cx.dom.element(id).expect("an element");
                for (name, value) in el.attrs() {
                    let key = if let Some(data) = name.strip_prefix("data-") {
                        data
                    } else if name == "value" {
                        el.attr("name").unwrap_or("value")
                    } else {
                        continue;
                    };
                    add(&phi::detect_in_value(key, value));
                }
            }
            _ => {}
        }
    }
    add(&phi::detect(&text));
    summary
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::tree::tests::build;
    use crate::report::tests::reported;
    use crate::snapshot::{KeyValue, Snapshot};

    fn with_local(entries: Option<&[(&str, &str)]>) -> Snapshot {
        let mut snapshot = Snapshot::new("https://p.example/", "test", build(&[(Some(0), "p")]));
        snapshot.storage = entries.map(|entries| Storage {
            local: entries
                .iter()
                .map(|(k, v)| KeyValue {
                    key: k.to_string(),
                    value: v.to_string(),
                })
                .collect(),
            ..Storage::default()
        });
        snapshot
    }

    #[test]
    fn a_store_gives_a_finding_per_leaking_entry_a_pass_or_nothing() {
        let check = |snapshot: &Snapshot| {
            reported(snapshot, "phi-in-local-storage", |cx, sink| {
                check_store(cx, sink, Store::Local)
            })
        };
        let leaks = check(&with_local(Some(&[
            ("ssn", "536-22-8142"),
            ("theme", "dark"),
            ("record", "0035g00000AbCdEAAV"),
        ])));
        let outcomes: Vec<Outcome> = leaks.iter().map(|f| f.outcome).collect();
        assert_eq!(outcomes, vec![Outcome::Fail, Outcome::Review]);
        let phi = leaks[0].phi.as_ref().unwrap();
        assert_eq!(phi.location, "local_storage");
        assert_eq!(phi.kinds, vec!["ssn"]);
        assert_eq!(phi.source.as_deref(), Some("localStorage key ssn"));
        assert!(
            !leaks[0].message.contains("536-22-8142"),
            "values are redacted"
        );
        let clean = check(&with_local(Some(&[("theme", "dark")])));
        assert_eq!(clean.len(), 1);
        assert_eq!(clean[0].outcome, Outcome::Pass);
        // Unknown store: no finding, never a guess.
        assert!(check(&with_local(None)).is_empty());
    }

    #[test]
    fn urls_are_read_part_by_part() {
        let snapshot = with_local(None);
        let found = reported(&snapshot, "phi-in-url", |_, sink| {
            let mut leak = Leak::default();
            leak.add_url(
                sink,
                "https://p.example/s/chart?mrn=00123456&tab=1",
                "page URL ",
            );
            assert_eq!(leak.outcome(), Outcome::Fail);
            leak.report(sink, None, "The page URL");
        });
        assert_eq!(found.len(), 1);
        let phi = found[0].phi.as_ref().unwrap();
        assert_eq!(phi.kinds, vec!["mrn"]);
        assert!(phi.source.as_deref().unwrap().starts_with("page URL "));
        assert!(!found[0].message.contains("00123456"));
    }
}
