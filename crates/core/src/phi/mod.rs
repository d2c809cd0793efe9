//! PHI detectors, shared by every PHI rule.
//!
//! [`detect`] runs every detector in **one pass** over a text (see [`scanner`]): the scanner
//! walks the bytes once, splits them into words, and dispatches on the shape of each word
//! (digits, letters, mixed) and on the few bytes that start a structure (`@`, `:`, `=`).
//! Each detector is a small module that validates one kind of value (checksums, reserved
//! ranges, known example numbers); context (a key, parameter, label or nearby words) decides
//! for the kinds that have no shape of their own.
//!
//! Values never leave this module raw: [`redact`] masks them and [`fingerprint`] gives a
//! keyed hash to group equal values without revealing them.

pub mod context;
pub mod dates;
pub mod dea;
pub mod email;
pub mod evidence;
pub mod fingerprint;
pub mod icd10;
pub mod itin;
pub mod known;
pub mod mbi;
pub mod npi;
pub mod phone;
pub mod record_id;
pub mod redact;
pub mod scanner;
pub mod screen;
pub mod shown;
pub mod ssn;
pub mod url;
pub mod values;
pub mod words;

pub use fingerprint::FingerprintKey;
pub use known::KnownValues;
pub use redact::{mask, redact, redact_attr, redact_parser_message, redact_url};
pub use scanner::{detect, detect_after_label, detect_in_value};
pub use shown::{shows_phi, shows_phi_in};
pub use words::{kind_label, kind_labels, location_label};

/// The kinds of PHI the detectors know (the vocabulary of `phi.kinds`). Rules declare the
/// kinds they report as `Kind`s; serde names are the report names ([`Kind::as_str`]).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[repr(u8)]
pub enum Kind {
    Ssn,
    Itin,
    Npi,
    Mbi,
    Dea,
    Diagnosis,
    Mrn,
    MemberId,
    Dob,
    Name,
    Address,
    Email,
    Phone,
    RecordId,
}

impl Kind {
    pub const ALL: [Kind; 14] = [
        Kind::Ssn,
        Kind::Itin,
        Kind::Npi,
        Kind::Mbi,
        Kind::Dea,
        Kind::Diagnosis,
        Kind::Mrn,
        Kind::MemberId,
        Kind::Dob,
        Kind::Name,
        Kind::Address,
        Kind::Email,
        Kind::Phone,
        Kind::RecordId,
    ];

    /// The report name (`member_id`), the same as the serde name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Ssn => "ssn",
            Kind::Itin => "itin",
            Kind::Npi => "npi",
            Kind::Mbi => "mbi",
            Kind::Dea => "dea",
            Kind::Diagnosis => "diagnosis",
            Kind::Mrn => "mrn",
            Kind::MemberId => "member_id",
            Kind::Dob => "dob",
            Kind::Name => "name",
            Kind::Address => "address",
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::RecordId => "record_id",
        }
    }
}

/// A small set of kinds (a bit per kind), cheap to copy while scanning. Serialized as the
/// list of its kinds' names in [`Kind::ALL`] order (`["mrn", "dob"]`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct KindSet(u16);

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// "medical record number, date of birth": kinds as messages and human-facing reports list
/// them (words, not the JSON's identifiers; see [`words`]).
pub fn join(kinds: impl IntoIterator<Item = Kind>) -> String {
    kinds
        .into_iter()
        .map(Kind::label)
        .collect::<Vec<_>>()
        .join(", ")
}

impl KindSet {
    pub const EMPTY: KindSet = KindSet(0);
    /// Every kind: what rules that look for any PHI declare.
    pub const ALL: KindSet = KindSet((1 << Kind::ALL.len()) - 1);
    /// The kinds that are PHI by themselves: all but record ids, which only link to a
    /// record (rules that report only [`Summary::phi`] declare these).
    pub const PHI: KindSet = KindSet::ALL.without(Kind::RecordId);
    pub const fn of(kind: Kind) -> KindSet {
        KindSet(1 << kind as u8)
    }
    pub const fn with(self, kind: Kind) -> KindSet {
        KindSet(self.0 | 1 << kind as u8)
    }
    pub const fn without(self, kind: Kind) -> KindSet {
        KindSet(self.0 & !(1 << kind as u8))
    }
    pub fn union(self, other: KindSet) -> KindSet {
        KindSet(self.0 | other.0)
    }
    pub fn has(self, kind: Kind) -> bool {
        self.0 & (1 << kind as u8) != 0
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// Whether it holds any kind other than `kind`.
    pub fn has_other_than(self, kind: Kind) -> bool {
        self.0 & !(1 << kind as u8) != 0
    }
    pub fn iter(self) -> impl Iterator<Item = Kind> {
        Kind::ALL.into_iter().filter(move |k| self.has(*k))
    }
    pub fn names(self) -> Vec<String> {
        self.iter().map(|k| k.as_str().to_string()).collect()
    }
}

impl serde::Serialize for KindSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// How sure a detector is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// A value that identifies a record but is not PHI by itself (a Salesforce record id):
    /// rules report it as `review` unless other PHI is with it.
    Low,
    /// Shape and context agree (a labelled date of birth, a delimited SSN).
    Medium,
    /// Validated by a checksum or by shape plus an explicit key (`"ssn": ...`).
    High,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Low => "low",
            Confidence::Medium => "medium",
            Confidence::High => "high",
        }
    }
}

/// One detected value: what it is, how sure, and where (byte span in the scanned text).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub kinds: KindSet,
    pub confidence: Confidence,
    pub start: usize,
    pub end: usize,
}

impl Match {
    pub fn value<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// What a detection found in one text, summarised for a rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Kinds seen with at least medium confidence.
    pub phi: KindSet,
    /// Kinds seen only with low confidence (record ids).
    pub weak: KindSet,
}

impl Summary {
    pub fn of(matches: &[Match]) -> Summary {
        let mut s = Summary::default();
        for m in matches {
            if m.confidence >= Confidence::Medium {
                s.phi = s.phi.union(m.kinds);
            } else {
                s.weak = s.weak.union(m.kinds);
            }
        }
        s
    }
    pub fn all(self) -> KindSet {
        self.phi.union(self.weak)
    }
    pub fn is_empty(self) -> bool {
        self.phi.is_empty() && self.weak.is_empty()
    }
}

/// Whether the text holds any detectable PHI (record ids included).
pub fn contains_phi(text: &str) -> bool {
    !detect(text).is_empty()
}

#[cfg(test)]
mod kind_name_tests {
    use super::*;

    #[test]
    fn serde_names_are_the_report_names() {
        for kind in Kind::ALL {
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(serde_json::from_str::<Kind>(&json).unwrap(), kind);
        }
        // Messages list kinds in words; the JSON (`names`) keeps the identifiers.
        let set = KindSet::of(Kind::Mrn).with(Kind::MemberId);
        assert_eq!(join(set.iter()), "medical record number, member id");
        assert_eq!(set.names(), vec!["mrn", "member_id"]);
        assert_eq!(KindSet::ALL.iter().collect::<Vec<_>>(), Kind::ALL);
        assert_eq!(KindSet::PHI.iter().count(), Kind::ALL.len() - 1);
        assert!(!KindSet::PHI.has(Kind::RecordId));
        let set = KindSet::of(Kind::Dob).with(Kind::Ssn);
        assert_eq!(serde_json::to_string(&set).unwrap(), r#"["ssn","dob"]"#);
    }
}
