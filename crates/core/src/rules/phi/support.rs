//! What the PHI rules share: collecting redacted evidence for a finding, the page's PHI,
//! and the URLs an element refers to. Not a rule. (Resolution, origin, site and parties:
//! [`crate::url`].)

use crate::dom::NodeData;
use crate::dom::NodeId;
use crate::engine::Context;
use crate::finding::{Outcome, PhiEvidence, PhiValue};
use crate::phi::{self, KindSet, Match, Summary, evidence};
use crate::rule::Sink;

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
    report(
        sink,
        Outcome::Pass,
        node,
        KindSet::EMPTY,
        None,
        Vec::new(),
        String::new(),
    );
}

/// Checks stored entries (key, value) of one kind of browser storage: a finding per entry
/// with PHI, a pass when the store is known and clean, nothing when it is unknown.
pub fn check_entries<'e>(
    sink: &mut Sink,
    store: &str,
    entries: Option<impl Iterator<Item = (&'e str, &'e str)>>,
) {
    let Some(entries) = entries else {
        return; // This front-end does not know the store: no finding, never a guess.
    };
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
        leak.report(sink, None, &format!("An entry in {store}"));
    }
    if !leaked {
        pass(sink, None);
    }
}

/// "mrn, dob".
pub fn describe(kinds: KindSet) -> String {
    kinds.names().join(", ")
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

/// Attributes that hold URLs the page loads or sends the user to.
pub const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "cite",
    "background",
];

/// The URLs an element refers to (`srcset` candidates included).
pub fn element_urls<'a>(el: &crate::dom::ElementRef<'a>) -> Vec<(&'a str, &'a str)> {
    let mut out = Vec::new();
    for (name, value) in el.attrs() {
        if URL_ATTRIBUTES.contains(&name.as_str()) && !value.trim().is_empty() {
            out.push((name.as_str(), value.as_str()));
        } else if name == "srcset" || name == "imagesrcset" {
            for candidate in value.split(',') {
                if let Some(u) = candidate.split_whitespace().next() {
                    out.push((name.as_str(), u));
                }
            }
        }
    }
    out
}
