//! Context: what a key, parameter, field name, label or the words before a value say it is.
//!
//! Keys are identifiers (`patientMRN`, `date_of_birth`, `HealthCloudGA__MedicalRecordNumber__c`);
//! they are split into lower-case words at `_`, `-`, `.` and case changes, and matched both
//! word by word (`ssn` is a word of `patientSSN` but not of `className`) and as the joined
//! words (`dateofbirth`). Labels in free text ("Date of birth:", "MRN") are the same words
//! seen one at a time by the scanner ([`LabelWindow`]).

use super::{Kind, KindSet};

/// What context says about the value that follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Hint {
    /// Kinds the value may be (shape detectors and value checks confirm).
    pub kinds: KindSet,
    /// The value is named as something else (an order or tracking number): SSN- and
    /// phone-shaped values there are not PHI.
    pub negative: bool,
}

impl Hint {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && !self.negative
    }
}

const MAX_KEY: usize = 64;
const MAX_WORDS: usize = 8;

/// A key split into words, lower case, without allocating.
struct Words {
    joined: [u8; MAX_KEY],
    len: usize,
    /// End offsets in `joined` of each word.
    ends: [u8; MAX_WORDS],
    count: usize,
}

impl Words {
    fn split(key: &[u8]) -> Words {
        let mut w = Words {
            joined: [0; MAX_KEY],
            len: 0,
            ends: [0; MAX_WORDS],
            count: 0,
        };
        let mut prev: u8 = 0;
        for (i, &c) in key.iter().enumerate() {
            if !c.is_ascii_alphanumeric() {
                w.close();
                prev = c;
                continue;
            }
            let next_lower = key.get(i + 1).is_some_and(u8::is_ascii_lowercase);
            let case_break = c.is_ascii_uppercase()
                && (prev.is_ascii_lowercase() || (prev.is_ascii_uppercase() && next_lower));
            if case_break {
                w.close();
            }
            if w.len == MAX_KEY {
                break;
            }
            w.joined[w.len] = c.to_ascii_lowercase();
            w.len += 1;
            prev = c;
        }
        w.close();
        w
    }

    fn close(&mut self) {
        let last = if self.count == 0 {
            0
        } else {
            self.ends[self.count - 1] as usize
        };
        if self.len > last && self.count < MAX_WORDS {
            self.ends[self.count] = self.len as u8;
            self.count += 1;
        }
    }

    fn word(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.joined[start..self.ends[i] as usize]
    }

    fn is_word(&self, w: &str) -> bool {
        (0..self.count).any(|i| self.word(i) == w.as_bytes())
    }

    fn joined(&self) -> &[u8] {
        &self.joined[..self.len]
    }

    fn contains(&self, s: &str) -> bool {
        self.joined().windows(s.len()).any(|x| x == s.as_bytes())
    }

    fn any(&self, list: &[&str]) -> bool {
        list.iter().any(|s| self.contains(s))
    }
}

const NEGATIVE: &[&str] = &[
    "order",
    "invoice",
    "confirmation",
    "tracking",
    "ticket",
    "sku",
    "serial",
    "transaction",
    "receipt",
    "routing",
    "version",
    "reference",
    "refno",
    "shipment",
    "coupon",
    "promo",
];
const NEGATIVE_WORDS: &[&str] = &["ref", "po", "part", "item", "model", "build"];
/// Contact details of the organisation, not of a person.
const ORGANISATION: &[&str] = &[
    "clinic",
    "office",
    "support",
    "fax",
    "practice",
    "facility",
    "location",
    "provider",
    "helpdesk",
    "toll",
    "business",
    "company",
    "hospital",
    "pharmacy",
    "department",
    "noreply",
    "sender",
    "replyto",
    "from",
];
const MRN: &[&str] = &[
    "medicalrecord",
    "patientid",
    "patientnumber",
    "chartnumber",
    "chartid",
];
const MEMBER: &[&str] = &[
    "memberid",
    "membernumber",
    "subscriberid",
    "subscribernumber",
    "insuranceid",
    "insurancenumber",
    "policynumber",
    "policyid",
    "medicaidid",
    "medicaidnumber",
    "healthplanid",
    "beneficiaryid",
    "medicareid",
    "medicarenumber",
];
const DOB: &[&str] = &["dateofbirth", "birthdate", "birthday", "birthdt"];
const NAME: &[&str] = &[
    "firstname",
    "lastname",
    "fullname",
    "givenname",
    "familyname",
    "middlename",
    "patientname",
    "membername",
    "contactname",
    "subscribername",
    "guardianname",
    "preferredname",
    "legalname",
];
const ADDRESS: &[&str] = &[
    "street",
    "addressline",
    "homeaddress",
    "mailingaddress",
    "streetaddress",
    "address1",
    "address2",
    "postaladdress",
];
const NOT_POSTAL: &[&str] = &[
    "email", "ip", "mac", "web", "server", "remote", "url", "wallet",
];
const DIAGNOSIS: &[&str] = &["diagnos", "icd10", "icd9", "chiefcomplaint", "problemlist"];

/// What a key or field name says about its value.
pub fn classify_key(key: &[u8]) -> Hint {
    classify(&Words::split(key), false)
}

fn classify(w: &Words, free_text: bool) -> Hint {
    let mut kinds = KindSet::EMPTY;
    let mut add = |k: Kind, yes: bool| {
        if yes {
            kinds = kinds.with(k);
        }
    };
    add(Kind::Ssn, w.is_word("ssn") || w.contains("socialsecurity"));
    add(Kind::Itin, w.is_word("itin"));
    add(Kind::Npi, w.is_word("npi"));
    add(Kind::Dea, w.is_word("dea"));
    add(
        Kind::Mbi,
        w.is_word("mbi") || w.any(&["medicareid", "medicarenumber", "beneficiaryid"]),
    );
    add(
        Kind::Diagnosis,
        w.is_word("dx") || w.is_word("icd") || w.is_word("condition") || w.any(DIAGNOSIS),
    );
    add(Kind::Mrn, w.is_word("mrn") || w.any(MRN));
    add(Kind::MemberId, w.any(MEMBER));
    add(
        Kind::Dob,
        w.is_word("dob") || w.any(DOB) || (free_text && w.is_word("born")),
    );
    let organisation = w.any(ORGANISATION);
    add(
        Kind::Name,
        w.any(NAME)
            || w.is_word("fname")
            || w.is_word("lname")
            || (free_text && w.count == 1 && w.is_word("patient")),
    );
    let postal = w.any(ADDRESS) || (w.joined().ends_with(b"address") && !w.any(NOT_POSTAL));
    add(Kind::Address, postal && !organisation);
    add(Kind::Email, w.contains("email") && !organisation);
    // In free text a bare "Phone:" is as likely the clinic's; keys and personal labels are not.
    let phone_word = if free_text {
        w.any(&[
            "mobile",
            "cell",
            "homephone",
            "patientphone",
            "personalphone",
        ])
    } else {
        w.any(&["phone", "mobile", "telephone"]) || w.is_word("cell")
    };
    add(Kind::Phone, phone_word && !organisation);
    let negative = w.any(NEGATIVE) || NEGATIVE_WORDS.iter().any(|x| w.is_word(x));
    Hint { kinds, negative }
}

/// Whether a lower-case word can be part of a label; other words end a label.
fn is_label_word(w: &[u8]) -> bool {
    matches!(
        w,
        b"mrn"
            | b"medical"
            | b"record"
            | b"number"
            | b"no"
            | b"chart"
            | b"patient"
            | b"id"
            | b"member"
            | b"subscriber"
            | b"insurance"
            | b"policy"
            | b"medicaid"
            | b"medicare"
            | b"beneficiary"
            | b"mbi"
            | b"dob"
            | b"date"
            | b"of"
            | b"birth"
            | b"birthdate"
            | b"born"
            | b"ssn"
            | b"social"
            | b"security"
            | b"itin"
            | b"npi"
            | b"dea"
            | b"diagnosis"
            | b"diagnoses"
            | b"dx"
            | b"icd"
            | b"condition"
            | b"name"
            | b"first"
            | b"last"
            | b"full"
            | b"home"
            | b"mailing"
            | b"street"
            | b"address"
            | b"mobile"
            | b"cell"
            | b"phone"
            | b"order"
            | b"invoice"
            | b"confirmation"
            | b"tracking"
            | b"ticket"
            | b"reference"
            | b"ref"
            | b"serial"
            | b"transaction"
            | b"receipt"
            | b"sku"
            | b"item"
            | b"model"
            | b"part"
            | b"po"
    )
}

/// The last few label words seen in free text ("date", "of", "birth").
#[derive(Default)]
pub struct LabelWindow {
    buf: [u8; 32],
    len: usize,
    words: usize,
}

impl LabelWindow {
    /// Feeds one word; returns what the label so far says, if anything.
    pub fn push(&mut self, word: &[u8]) -> Option<Hint> {
        let mut lower = [0u8; 16];
        if word.len() > lower.len() {
            self.clear();
            return None;
        }
        for (l, c) in lower.iter_mut().zip(word) {
            *l = c.to_ascii_lowercase();
        }
        let lower = &lower[..word.len()];
        if !is_label_word(lower) {
            self.clear();
            return None;
        }
        if self.words == 3 || self.len + lower.len() + 1 > self.buf.len() {
            // Keep only the newest word: labels are at most three words long.
            self.clear();
        }
        if self.len > 0 {
            self.buf[self.len] = b' ';
            self.len += 1;
        }
        self.buf[self.len..self.len + lower.len()].copy_from_slice(lower);
        self.len += lower.len();
        self.words += 1;
        let hint = classify(&Words::split(&self.buf[..self.len]), true);
        (!hint.is_empty()).then_some(hint)
    }

    /// Whether the words so far may still become a label.
    pub fn is_open(&self) -> bool {
        self.words > 0
    }

    pub fn clear(&mut self) {
        self.len = 0;
        self.words = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(key: &str) -> Vec<&'static str> {
        classify_key(key.as_bytes())
            .kinds
            .iter()
            .map(Kind::as_str)
            .collect()
    }

    #[test]
    fn keys() {
        assert_eq!(kinds("patientSSN"), ["ssn"]);
        assert_eq!(kinds("className"), Vec::<&str>::new());
        assert_eq!(kinds("dateOfBirth"), ["dob"]);
        assert_eq!(kinds("birth_date"), ["dob"]);
        assert_eq!(kinds("HealthCloudGA__MedicalRecordNumber__c"), ["mrn"]);
        assert_eq!(kinds("memberId"), ["member_id"]);
        assert_eq!(kinds("MailingStreet"), ["address"]);
        assert_eq!(kinds("emailAddress"), ["email"]);
        assert_eq!(kinds("ipAddress"), Vec::<&str>::new());
        assert_eq!(kinds("clinicPhone"), Vec::<&str>::new());
        assert_eq!(kinds("mobilePhone"), ["phone"]);
        assert_eq!(kinds("primary_dx"), ["diagnosis"]);
        assert!(classify_key(b"orderNumber").negative);
    }

    #[test]
    fn labels() {
        let mut w = LabelWindow::default();
        assert_eq!(w.push(b"Date"), None);
        assert_eq!(w.push(b"of"), None);
        assert_eq!(
            w.push(b"birth").map(|h| h.kinds),
            Some(KindSet::of(Kind::Dob))
        );
        w.clear();
        assert_eq!(
            w.push(b"Phone"),
            None,
            "a bare Phone label may be the clinic's"
        );
        w.clear();
        assert_eq!(w.push(b"Last"), None);
        assert_eq!(w.push(b"updated"), None);
    }
}
