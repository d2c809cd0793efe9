//! The PHI values a page is known to hold, gathered from every place the snapshot shows
//! (text, attributes, storage, cookies, requests and their bodies, console), so that each
//! value can be masked **wherever else it appears**, even where nothing names it.
//!
//! "Messages for Maria Alvarez" carries no label the detectors could read, but the same
//! page keeps `{"patientName":"Maria Alvarez"}` in IndexedDB or receives it from its API:
//! once the name is known, every occurrence is masked. Screenshots need this (a crop
//! must never show PHI, and an image cannot be redacted afterwards); findings do not, as
//! their own evidence comes from the detectors.

use super::{Kind, Match, detect, detect_after_label, detect_in_value, mask};
use crate::dom::NodeData;
use crate::snapshot::Snapshot;

/// Shortest value worth looking for elsewhere: shorter ones ("12", "Al") would mask
/// ordinary text.
const MIN_VALUE: usize = 4;
/// Shortest part of a name looked for on its own ("Maria" in "Hi Maria,").
const MIN_NAME_PART: usize = 3;
/// Most values kept, so a page with huge API responses stays cheap to mask.
const MAX_VALUES: usize = 2_000;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct KnownValues {
    /// Exact values (case-sensitive), longest first.
    exact: Vec<String>,
    /// Names and their parts, lower-cased (ASCII), compared ignoring ASCII case.
    names: Vec<String>,
}

impl KnownValues {
    /// Every PHI value the detectors find anywhere in `snapshot`.
    pub fn of(snapshot: &Snapshot) -> KnownValues {
        let mut known = KnownValues::default();
        let mut previous = "";
        for node in snapshot.dom.nodes() {
            match &node.data {
                NodeData::Text { text } if !text.trim().is_empty() => {
                    known.add_text(text);
                    // A label in the text before ("<dt>Patient</dt><dd>Maria Alvarez</dd>").
                    known.add(text, &detect_after_label(previous, text));
                    previous = text;
                }
                NodeData::Comment { text } => known.add_text(text),
                NodeData::Element { attrs, .. } => {
                    for (name, value) in attrs {
                        let key = name.strip_prefix("data-").unwrap_or(name);
                        known.add(value, &detect_in_value(key, value));
                    }
                }
                _ => {}
            }
        }
        if let Some(storage) = &snapshot.storage {
            for e in storage.local.iter().chain(&storage.session) {
                known.add_entry(&e.key, &e.value);
            }
            for r in &storage.indexed_db {
                known.add_entry(&r.store, &r.value);
            }
            for c in &storage.cache_storage {
                known.add_text(&c.url);
                if let Some(body) = &c.body {
                    known.add_text(body);
                }
            }
        }
        for c in snapshot.cookies.iter().flatten() {
            known.add_entry(&c.name, &c.value);
        }
        for r in snapshot.requests.iter().flatten() {
            known.add_text(&r.url);
            for body in [&r.request_body, &r.response_body].into_iter().flatten() {
                known.add_text(body);
            }
        }
        for m in snapshot.console.iter().flatten() {
            known.add_text(&m.text);
        }
        known
            .exact
            .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        known.exact.dedup();
        known
            .names
            .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        known.names.dedup();
        known
    }

    pub fn is_empty(&self) -> bool {
        self.exact.is_empty() && self.names.is_empty()
    }

    /// How many distinct values (and name parts) are known.
    pub fn len(&self) -> usize {
        self.exact.len() + self.names.len()
    }

    fn add_text(&mut self, text: &str) {
        self.add(text, &detect(text));
    }

    fn add_entry(&mut self, key: &str, value: &str) {
        self.add(value, &detect_in_value(key, value));
    }

    fn add(&mut self, text: &str, matches: &[Match]) {
        for m in matches {
            if self.len() >= MAX_VALUES {
                return;
            }
            if !(text.is_char_boundary(m.start) && text.is_char_boundary(m.end)) {
                continue;
            }
            let value = m.value(text).trim();
            if value.chars().count() < MIN_VALUE {
                continue;
            }
            if m.kinds.has(Kind::Name) {
                self.names.push(value.to_ascii_lowercase());
                for part in value.split(|c: char| !c.is_alphabetic() && c != '\'' && c != '-') {
                    if part.chars().count() >= MIN_NAME_PART {
                        self.names.push(part.to_ascii_lowercase());
                    }
                }
            } else {
                self.exact.push(value.to_string());
            }
        }
    }

    /// `text` with every known value masked where it stands as a whole word (not inside a
    /// longer word or number); `None` when there is nothing to mask.
    pub fn mask_in(&self, text: &str) -> Option<String> {
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for value in &self.exact {
            find_all(text, text, value, &mut ranges);
        }
        if !self.names.is_empty() {
            // Names are kept lower-case; ASCII lower-casing keeps every byte offset.
            let lower = text.to_ascii_lowercase();
            for name in &self.names {
                find_all(&lower, text, name, &mut ranges);
            }
        }
        if ranges.is_empty() {
            return None;
        }
        ranges.sort();
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for (start, end) in ranges {
            if end <= at {
                continue;
            }
            let start = start.max(at);
            out.push_str(&text[at..start]);
            out.push_str(&mask(&text[start..end]));
            at = end;
        }
        out.push_str(&text[at..]);
        Some(out)
    }
}

/// Adds the ranges where `needle` occurs in `hay` (`text`, or `text` lower-cased) as a
/// whole word of `text`.
fn find_all(hay: &str, text: &str, needle: &str, out: &mut Vec<(usize, usize)>) {
    if needle.is_empty() || needle.len() > hay.len() {
        return;
    }
    let mut from = 0;
    while let Some(found) = hay[from..].find(needle) {
        let start = from + found;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        if !joined(before) && !joined(after) {
            out.push((start, end));
        }
        from = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{Dom, Namespace, Node};
    use crate::snapshot::{IndexedDbRecord, Storage};

    fn page(texts: &[&str]) -> Snapshot {
        let mut nodes = vec![Node::new(None, NodeData::Document)];
        nodes.push(Node::new(
            Some(crate::NodeId(0)),
            NodeData::Element {
                name: "p".into(),
                ns: Namespace::Html,
                attrs: vec![],
            },
        ));
        for t in texts {
            nodes.push(Node::new(
                Some(crate::NodeId(1)),
                NodeData::Text {
                    text: t.to_string(),
                },
            ));
        }
        Snapshot::new(
            "http://portal.test/s/messages",
            "chromium",
            Dom::from_nodes(nodes).unwrap(),
        )
    }

    #[test]
    fn a_name_known_from_storage_is_masked_where_nothing_labels_it() {
        let mut snapshot = page(&["Messages for Maria Alvarez (MRN: 00482913)", "Hi maria,"]);
        snapshot.storage = Some(Storage {
            indexed_db: vec![IndexedDbRecord {
                database: "rh-offline".into(),
                store: "messages".into(),
                key: "m1".into(),
                value: r#"{"patientName":"Maria Alvarez","mrn":"00482913"}"#.into(),
            }],
            ..Storage::default()
        });
        let known = KnownValues::of(&snapshot);
        let masked = known
            .mask_in("Messages for Maria Alvarez (MRN: 00482913)")
            .unwrap();
        assert!(
            !masked.contains("Maria") && !masked.contains("Alvarez"),
            "{masked}"
        );
        assert!(!masked.contains("00482913"), "{masked}");
        assert!(masked.starts_with("Messages for "), "{masked}");
        // Parts of the name, in any case, as whole words only.
        assert_eq!(known.mask_in("Hi maria,").as_deref(), Some("Hi *****,"));
        assert_eq!(known.mask_in("Mariachi band"), None);
        assert_eq!(known.mask_in("Ref 1004829130"), None);
    }

    #[test]
    fn a_label_in_the_text_before_names_the_value() {
        let snapshot = page(&["MRN", "00998877", "see 00998877 again"]);
        let known = KnownValues::of(&snapshot);
        assert_eq!(
            known.mask_in("see 00998877 again").as_deref(),
            Some("see ******77 again")
        );
    }

    #[test]
    fn pages_without_phi_know_nothing() {
        let snapshot = page(&["Appointments", "Thu, Dec 3, 9:30 AM", "Riverside Clinic"]);
        let known = KnownValues::of(&snapshot);
        assert!(known.is_empty(), "{known:?}");
        assert_eq!(known.mask_in("Riverside Clinic"), None);
    }
}
