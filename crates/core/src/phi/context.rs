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
    cached(key, false)
}

/// Longest key remembered by [`cached`].
const MAX_CACHED_KEY: usize = 31;
/// Slots of the memo (a power of two).
const CACHE_SLOTS: usize = 512;

/// One remembered classification: the key (first byte: free text or not) and its hint.
#[derive(Clone, Copy)]
struct Slot {
    len: u8,
    key: [u8; MAX_CACHED_KEY + 1],
    hint: Hint,
}

const EMPTY_SLOT: Slot = Slot {
    len: 0,
    key: [0; MAX_CACHED_KEY + 1],
    hint: Hint {
        kinds: KindSet::EMPTY,
        negative: false,
    },
};

thread_local! {
    /// Keys and labels repeat (every record of a JSON list has the same keys), and
    /// classifying one costs far more than looking it up: a direct-mapped memo, where a
    /// new key simply replaces the one in its slot.
    static CACHE: std::cell::RefCell<[Slot; CACHE_SLOTS]> =
        const { std::cell::RefCell::new([EMPTY_SLOT; CACHE_SLOTS]) };
}

/// A multiply-rotate hash over the key's zero-padded 32 bytes, eight at a time: short
/// keys, a bounded memo; speed matters more than spread.
fn slot_of(key: &[u8; MAX_CACHED_KEY + 1], len: usize) -> usize {
    let mut h = len as u64;
    for chunk in key.chunks_exact(8) {
        let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        h = (h ^ word)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .rotate_left(29);
    }
    (h >> 32) as usize & (CACHE_SLOTS - 1)
}

/// [`classify`] with a per-thread memo keyed by the text and whether it is free text.
fn cached(text: &[u8], free_text: bool) -> Hint {
    if text.len() > MAX_CACHED_KEY {
        return classify(&Words::split(text), free_text);
    }
    let mut key = [0u8; MAX_CACHED_KEY + 1];
    key[0] = u8::from(free_text);
    key[1..=text.len()].copy_from_slice(text);
    let len = text.len() + 1;
    let slot = slot_of(&key, len);
    let hit = CACHE.with(|c| {
        let c = c.borrow();
        let s = &c[slot];
        (usize::from(s.len) == len && s.key == key).then_some(s.hint)
    });
    if let Some(hint) = hit {
        return hint;
    }
    let hint = classify(&Words::split(text), free_text);
    CACHE.with(|c| {
        c.borrow_mut()[slot] = Slot {
            len: len as u8,
            key,
            hint,
        }
    });
    hint
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

/// Label words: other words end a label.
const LABEL_WORDS: &[&[u8]] = &[
    b"mrn",
    b"medical",
    b"record",
    b"number",
    b"no",
    b"chart",
    b"patient",
    b"id",
    b"member",
    b"subscriber",
    b"insurance",
    b"policy",
    b"medicaid",
    b"medicare",
    b"beneficiary",
    b"mbi",
    b"dob",
    b"date",
    b"of",
    b"birth",
    b"birthdate",
    b"born",
    b"ssn",
    b"social",
    b"security",
    b"itin",
    b"npi",
    b"dea",
    b"diagnosis",
    b"diagnoses",
    b"dx",
    b"icd",
    b"condition",
    b"name",
    b"first",
    b"last",
    b"full",
    b"home",
    b"mailing",
    b"street",
    b"address",
    b"mobile",
    b"cell",
    b"phone",
    b"order",
    b"invoice",
    b"confirmation",
    b"tracking",
    b"ticket",
    b"reference",
    b"ref",
    b"serial",
    b"transaction",
    b"receipt",
    b"sku",
    b"item",
    b"model",
    b"part",
    b"po",
];

/// Label words that can end a label ("of" or "date" never do): only then is the label
/// classified.
const LABEL_ENDS: &[&[u8]] = &[
    b"mrn",
    b"record",
    b"number",
    b"no",
    b"patient",
    b"id",
    b"mbi",
    b"dob",
    b"birth",
    b"birthdate",
    b"born",
    b"ssn",
    b"security",
    b"itin",
    b"npi",
    b"dea",
    b"diagnosis",
    b"diagnoses",
    b"dx",
    b"icd",
    b"condition",
    b"name",
    b"street",
    b"address",
    b"mobile",
    b"cell",
    b"phone",
    b"order",
    b"invoice",
    b"confirmation",
    b"tracking",
    b"ticket",
    b"reference",
    b"ref",
    b"serial",
    b"transaction",
    b"receipt",
    b"sku",
    b"item",
    b"model",
    b"part",
    b"po",
];

/// A word of at most 16 bytes as one integer, so a word compares in one instruction.
const fn pack(w: &[u8]) -> u128 {
    let mut code = 0u128;
    let mut i = 0;
    while i < w.len() {
        code |= (w[i].to_ascii_lowercase() as u128) << (8 * i);
        i += 1;
    }
    code
}

const fn packed<const N: usize>(words: &[&[u8]]) -> [u128; N] {
    let mut out = [0u128; N];
    let mut i = 0;
    while i < N {
        out[i] = pack(words[i]);
        i += 1;
    }
    out
}

static LABEL_CODES: [u128; LABEL_WORDS.len()] = packed(LABEL_WORDS);
static LABEL_END_CODES: [u128; LABEL_ENDS.len()] = packed(LABEL_ENDS);

/// For each word length, a bit per first letter that some label word of that length starts
/// with: most words of running text are rejected with one lookup.
static LABEL_FIRST_LETTERS: [u32; 17] = {
    let mut table = [0u32; 17];
    let mut i = 0;
    while i < LABEL_WORDS.len() {
        let w = LABEL_WORDS[i];
        table[w.len()] |= 1 << (w[0] - b'a');
        i += 1;
    }
    table
};

/// For each word length, a bit per last character (letter or digit) of label words.
static LABEL_LAST_CHARS: [u128; 17] = {
    let mut table = [0u128; 17];
    let mut i = 0;
    while i < LABEL_WORDS.len() {
        let w = LABEL_WORDS[i];
        table[w.len()] |= 1 << (w[w.len() - 1] - b'0');
        i += 1;
    }
    table
};

/// The packed lower-case word, if it is a label word.
fn label_code(w: &[u8]) -> Option<u128> {
    let first = w.first()?.to_ascii_lowercase();
    let last = w[w.len() - 1].to_ascii_lowercase();
    if w.len() >= LABEL_FIRST_LETTERS.len()
        || !first.is_ascii_lowercase()
        || !(b'0'..=b'z').contains(&last)
        || LABEL_FIRST_LETTERS[w.len()] & (1 << (first - b'a')) == 0
        || LABEL_LAST_CHARS[w.len()] & (1 << (last - b'0')) == 0
    {
        return None;
    }
    let code = pack(w);
    LABEL_CODES.contains(&code).then_some(code)
}

/// The free-text label just before offset `i` (a value or a `:`): up to three label words
/// ("Date of birth", "Medical record number", "Order #"), separated by single spaces, the
/// last one a word that can end a label, with only spaces, `#`, `:`, `-` or a quote between
/// it and `i`. Looking back from the few places a value can start costs far less than
/// following every word of running text.
pub fn label_before(b: &[u8], i: usize) -> Option<Hint> {
    let mut at = i;
    while at > 0 && i - at < 4 && matches!(b[at - 1], b' ' | b'#' | b':' | b'-' | b'"' | b'\'') {
        at -= 1;
    }
    let mut words: [(usize, usize); 3] = [(0, 0); 3];
    let mut count = 0;
    while count < 3 {
        let end = at;
        while at > 0 && end - at <= 16 && b[at - 1].is_ascii_alphabetic() {
            at -= 1;
        }
        let word = &b[at..end];
        let bounded = at == 0
            || !(b[at - 1].is_ascii_alphanumeric() || matches!(b[at - 1], b'_' | b'$' | b'.'));
        let Some(code) = label_code(word).filter(|_| !word.is_empty()) else {
            break;
        };
        if count == 0 && !LABEL_END_CODES.contains(&code) {
            return None;
        }
        if !bounded {
            // Part of an identifier (`patient_mrn`): keys are read by `key_before`.
            if count == 0 {
                return None;
            }
            break;
        }
        words[count] = (at, end);
        count += 1;
        if at == 0 || b[at - 1] != b' ' {
            break;
        }
        at -= 1;
    }
    if count == 0 {
        return None;
    }
    // The label as lower-case words separated by spaces, nearest word last.
    let mut buf = [0u8; 52];
    let mut len = 0;
    for &(s, e) in words[..count].iter().rev() {
        if len > 0 {
            buf[len] = b' ';
            len += 1;
        }
        for c in &b[s..e] {
            buf[len] = c.to_ascii_lowercase();
            len += 1;
        }
    }
    let hint = cached(&buf[..len], true);
    (!hint.is_empty()).then_some(hint)
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
        let dob = |t: &str| label_before(t.as_bytes(), t.len()).map(|h| h.kinds);
        assert_eq!(dob("Date of birth: "), Some(KindSet::of(Kind::Dob)));
        assert_eq!(dob("Date of birth"), Some(KindSet::of(Kind::Dob)));
        assert_eq!(
            dob("Phone: "),
            None,
            "a bare Phone label may be the clinic's"
        );
        assert_eq!(dob("Last updated "), None);
        assert_eq!(
            dob("patient_mrn "),
            None,
            "an identifier is a key, not a label"
        );
        assert!(label_before(b"Order #: ", 9).is_some_and(|h| h.negative));
        assert_eq!(dob("Medical record number "), Some(KindSet::of(Kind::Mrn)));
    }
}
