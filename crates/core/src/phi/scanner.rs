//! The one-pass scanner: every detector over a text in a single walk over its bytes.
//!
//! Instead of running one regular expression per kind, the scanner looks at each byte once
//! through a class table and only stops where something can start:
//! - a word (a run of ASCII letters and digits): its length and whether it is all digits
//!   pick the few detectors that can match there (three digits and a `-`: SSN, ITIN or
//!   phone; eleven characters: MBI; fifteen or eighteen: Salesforce record id; a letter
//!   word: label words such as "date of birth");
//! - `@`: an email address around it;
//! - `:` and `=`: a key or label before it names the value after it (`"dob": "…"`,
//!   `mrn=…`, `Date of birth: …`).
//!
//! Context travels forward only: a key or label sets a [`Hint`] for the value that follows;
//! detectors whose shape alone is ambiguous (bare nine digits, ten-digit NPIs, ICD-10
//! codes, phone numbers) report only under a hint that names them.

use super::context::{Hint, classify_key, label_before};
use super::{Confidence, Kind, KindSet, Match};
use super::{dates, dea, email, icd10, itin, mbi, npi, phone, record_id, ssn, values};

const OTHER: u8 = 0;
const DIGIT: u8 = 1;
const ALPHA: u8 = 2;
const AT: u8 = 4;
const SEPARATOR: u8 = 8;
/// Classes where scanning stops.
const STOP: u8 = DIGIT | AT | SEPARATOR;
/// Longest word a detector reads (an 18-character record id, a 13-character MBI): a digit
/// further into a run of letters and digits is not the start of anything.
const MAX_WORD: usize = 32;

static CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = if b.is_ascii_digit() {
            DIGIT
        } else if b.is_ascii_alphabetic() {
            ALPHA
        } else if b == b'@' {
            AT
        } else if b == b':' || b == b'=' {
            SEPARATOR
        } else {
            OTHER
        };
        c += 1;
    }
    t
};

/// How far after a free-text label shape detectors keep its context ("Diagnoses: E11.9, I10").
const LABEL_SHAPE_REACH: usize = 48;
/// Longest value a key or label can name.
const MAX_VALUE: usize = 256;

/// Every PHI value in `text`, in order.
pub fn detect(text: &str) -> Vec<Match> {
    let mut s = Scanner::new(text.as_bytes());
    s.run(0);
    s.finish()
}

/// Longest text read as the label of the text after it.
const MAX_LABEL: usize = 64;

/// PHI in `text` when the text shown just before it (`label`: `<dt>MRN</dt><dd>…`,
/// `<th>Patient</th><td>…`) may name it: the two are read as "label: text". Offsets are
/// in `text`; a `label` longer than a label ([`MAX_LABEL`]) is prose and adds nothing.
pub fn detect_after_label(label: &str, text: &str) -> Vec<Match> {
    let label = label.trim();
    if label.is_empty() || label.len() > MAX_LABEL {
        return detect(text);
    }
    let separator = if label.ends_with([':', '#', '=']) {
        " "
    } else {
        ": "
    };
    let joined = format!("{label}{separator}{text}");
    let offset = label.len() + separator.len();
    detect(&joined)
        .into_iter()
        .filter(|m| m.start >= offset)
        .map(|m| Match {
            start: m.start - offset,
            end: m.end - offset,
            ..m
        })
        .collect()
}

/// PHI in a value whose key is known from structure: a query parameter, form field,
/// cookie, storage key or `data-` attribute (`key`), with the value's own text (`value`).
/// The key's context covers the whole value; JSON inside the value is scanned as usual.
pub fn detect_in_value(key: &str, value: &str) -> Vec<Match> {
    let mut s = Scanner::new(value.as_bytes());
    let hint = classify_key(key.as_bytes());
    let b = value.as_bytes();
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    if !hint.is_empty() && start < b.len() {
        if matches!(b[start], b'{' | b'[') {
            s.shape_context = Some((hint, b.len()));
        } else {
            s.take_value(start, hint, ValueEnd::Whole, b.len());
        }
    }
    s.run(0);
    s.finish()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum ValueEnd {
    /// The value runs to this closing quote.
    Quote(u8),
    /// Unquoted: up to the next delimiter.
    Delimited,
    /// The whole text is the value.
    Whole,
}

struct Scanner<'a> {
    b: &'a [u8],
    out: Vec<Match>,
    /// Context for shape detectors up to this offset.
    shape_context: Option<(Hint, usize)>,
}

impl<'a> Scanner<'a> {
    fn new(b: &'a [u8]) -> Scanner<'a> {
        Scanner {
            b,
            out: Vec::new(),
            shape_context: None,
        }
    }

    fn run(&mut self, mut i: usize) {
        let b = self.b;
        let n = b.len();
        // Every reported value holds a digit or an `@`, or follows a `:`/`=`: the scanner
        // skips everything else (letters included) in one tight loop, and only looks back
        // to a word's start when a digit turns up in it.
        let mut word_end = 0;
        while i < n {
            while i < n && CLASS[b[i] as usize] & STOP == 0 {
                i += 1;
            }
            if i >= n {
                break;
            }
            i = match CLASS[b[i] as usize] {
                DIGIT if i < word_end => i + 1,
                DIGIT => {
                    let start = word_start(b, i);
                    let next = self.word(start);
                    word_end = next;
                    next.max(i + 1)
                }
                AT => self.email(i).max(i + 1),
                _ => {
                    self.separator(i);
                    i + 1
                }
            };
        }
    }

    fn finish(mut self) -> Vec<Match> {
        self.out
            .sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        // A value found twice (a key's value check and a shape detector), or inside a
        // value already found (`MRN-4471902` and its `4471902`), is one match.
        let mut merged: Vec<Match> = Vec::with_capacity(self.out.len());
        for m in self.out {
            match merged.last_mut() {
                Some(last) if m.start < last.end && m.end <= last.end => {
                    last.kinds = last.kinds.union(m.kinds);
                    last.confidence = last.confidence.max(m.confidence);
                }
                _ => merged.push(m),
            }
        }
        merged
    }

    fn emit(&mut self, kind: Kind, confidence: Confidence, start: usize, end: usize) {
        self.out.push(Match {
            kinds: KindSet::of(kind),
            confidence,
            start,
            end,
        });
    }

    /// The context that applies at offset `i`.
    fn context_at(&self, i: usize) -> Hint {
        match self.shape_context {
            Some((hint, until)) if i < until => hint,
            _ => Hint::default(),
        }
    }

    /// A word starts at `i`; returns where scanning goes on.
    fn word(&mut self, i: usize) -> usize {
        let b = self.b;
        let mut end = i;
        let mut digits = 0;
        while end < b.len() && CLASS[b[end] as usize] & (DIGIT | ALPHA) != 0 {
            digits += usize::from(b[end].is_ascii_digit());
            end += 1;
        }
        // Every value a detector reports holds a digit (names and addresses come through
        // a key or a `Label:`, see [`Scanner::separator`]): plain words cost nothing more.
        if digits == 0 {
            return end;
        }
        // A word inside a longer identifier (`abc_123`, `x-536`) still counts as a word:
        // detectors check their own boundaries.
        // "MRN 00123456", "Order # 512-34-5678": a label just before, without `:`. A label
        // starts a new value even inside another's context ("MRN 00123456 DOB 04/12/1961",
        // "MRN 12 MRN 12345678"); a value found twice is merged in `finish`.
        if let Some(hint) = label_before(b, i) {
            self.take_value(i, hint, ValueEnd::Delimited, b.len());
        }
        let cx = self.context_at(i);
        if digits == end - i {
            if let Some(next) = self.digits(i, end, cx) {
                return next;
            }
        } else if let Some(next) = self.mixed(i, end, cx) {
            return next;
        }
        end
    }

    /// A word of digits at `i..end`.
    fn digits(&mut self, i: usize, end: usize, cx: Hint) -> Option<usize> {
        let b = self.b;
        let len = end - i;
        let next = b.get(end).copied().unwrap_or(0);
        // The tail of a longer number ("1-536-22-8142", "12.536"): not a value of its own.
        if i >= 2 && matches!(b[i - 1], b'-' | b'.' | b'/') && b[i - 2].is_ascii_digit() {
            return None;
        }
        // Dates (a date of birth when context says so; other dates are skipped whole so
        // their parts are not read as numbers).
        if (len == 4 && matches!(next, b'-' | b'/'))
            || (len <= 2 && matches!(next, b'/' | b'-' | b'.'))
        {
            // A date of birth is reported by the key or label that names it
            // ([`Scanner::take_value`]), so a later "Last updated" date is not one.
            if let Some((date_end, ..)) = dates::parse(b, i) {
                return Some(date_end);
            }
        }
        if (len == 3 || len == 9)
            && let Some((ssn_end, d, delimited)) = ssn::parse(b, i)
        {
            let named = cx.kinds.has(Kind::Ssn) || cx.kinds.has(Kind::Itin);
            if !cx.negative && (delimited || named) {
                let confidence = if named {
                    Confidence::High
                } else {
                    Confidence::Medium
                };
                if ssn::is_valid(&d) {
                    self.emit(Kind::Ssn, confidence, i, ssn_end);
                } else if itin::is_valid(&d) {
                    self.emit(Kind::Itin, confidence, i, ssn_end);
                } else if cx.kinds.has(Kind::Ssn) && ssn::is_well_formed(&d) {
                    // Named as an SSN: a never-issued test identity (123-45-6789) counts.
                    self.emit(Kind::Ssn, confidence, i, ssn_end);
                }
            }
            if delimited || named {
                return Some(ssn_end);
            }
        }
        if (len == 3 || len == 1 || len == 10) && !cx.negative {
            let personal = cx.kinds.has(Kind::Phone);
            if let Some((start, phone_end)) = phone::parse(b, i, personal && len == 10) {
                if personal {
                    self.emit(Kind::Phone, Confidence::Medium, start, phone_end);
                }
                return Some(phone_end);
            }
        }
        if len == 10 && cx.kinds.has(Kind::Npi) {
            let mut d = [0u8; 10];
            d.copy_from_slice(&b[i..end]);
            if npi::is_valid(&d) {
                self.emit(Kind::Npi, Confidence::High, i, end);
            }
        }
        if len == 15 || len == 18 {
            self.record_id(i, end);
        }
        None
    }

    /// A word of letters and digits at `i..end`.
    fn mixed(&mut self, i: usize, end: usize, cx: Hint) -> Option<usize> {
        let b = self.b;
        let word = &b[i..end];
        match word.len() {
            4 if b.get(end) == Some(&b'-') => {
                if let Some((mbi_end, _)) = mbi::parse_dashed(b, i) {
                    self.emit(Kind::Mbi, Confidence::High, i, mbi_end);
                    return Some(mbi_end);
                }
            }
            9 if cx.kinds.has(Kind::Dea) && dea::is_valid(word) => {
                self.emit(Kind::Dea, Confidence::High, i, end);
            }
            11 if mbi::is_valid(word) => self.emit(Kind::Mbi, Confidence::High, i, end),
            15 | 18 => self.record_id(i, end),
            _ => {}
        }
        if cx.kinds.has(Kind::Diagnosis)
            && let Some(code_end) = icd10::parse(b, i)
        {
            self.emit(Kind::Diagnosis, Confidence::Medium, i, code_end);
            return Some(code_end);
        }
        None
    }

    fn record_id(&mut self, i: usize, end: usize) {
        if record_id::is_person_record(&self.b[i..end]) {
            self.emit(Kind::RecordId, Confidence::Low, i, end);
        }
    }

    fn email(&mut self, at: usize) -> usize {
        let Some((start, end)) = email::parse_at(self.b, at) else {
            return at + 1;
        };
        let cx = self.context_at(start);
        if !email::is_role_account(&self.b[start..at]) && !cx.negative {
            let confidence = if cx.kinds.has(Kind::Email) {
                Confidence::High
            } else {
                Confidence::Medium
            };
            self.emit(Kind::Email, confidence, start, end);
        }
        end
    }

    /// `:` or `=` at `i`: a key or label before it may name the value after it.
    fn separator(&mut self, i: usize) {
        let b = self.b;
        if b.get(i + 1) == Some(&b'/') {
            return; // "https://", not a key
        }
        // A free-text label ("Date of birth:", "Order #:") or a key (`"patientDob":`, `mrn=`).
        let hint = match label_before(b, i) {
            Some(hint) => hint,
            None => match key_before(b, i) {
                Some(key) => classify_key(key),
                None => return,
            },
        };
        if hint.is_empty() {
            return;
        }
        let mut v = i + 1;
        while v < b.len() && v - i <= 4 && b[v] == b' ' {
            v += 1;
        }
        let (start, end) = match b.get(v) {
            Some(b'\\') if b.get(v + 1) == Some(&b'"') => (v + 2, ValueEnd::Quote(b'"')),
            Some(q @ (b'"' | b'\'')) => (v + 1, ValueEnd::Quote(*q)),
            Some(b'[' | b'{') => {
                // A list or object: its items are under this key's context.
                let close = if b[v] == b'[' { b']' } else { b'}' };
                let until = b[v..]
                    .iter()
                    .take(1024)
                    .position(|c| *c == close)
                    .map_or(v + 1024, |p| v + p);
                self.shape_context = Some((hint, until.min(b.len())));
                return;
            }
            Some(_) => (v, ValueEnd::Delimited),
            None => return,
        };
        self.take_value(start, hint, end, b.len());
    }

    /// Context names the value starting at `start`: check the kinds that have no shape of
    /// their own, and give shape detectors the context while they read it.
    fn take_value(&mut self, start: usize, hint: Hint, end: ValueEnd, limit: usize) {
        let b = self.b;
        let max = b.len().min(start + MAX_VALUE).min(limit.max(start));
        let stop = match end {
            ValueEnd::Whole => b.len(),
            ValueEnd::Quote(q) => {
                let mut k = start;
                while k < max && !(b[k] == q || (b[k] == b'\\' && b.get(k + 1) == Some(&q))) {
                    k += 1;
                }
                k
            }
            ValueEnd::Delimited => {
                let mut k = start;
                while k < max && !is_delimiter(b[k]) {
                    k += 1;
                }
                k
            }
        };
        let (vs, ve) = trim(b, start, stop);
        let reach = if end == ValueEnd::Delimited {
            LABEL_SHAPE_REACH
        } else {
            0
        };
        let shape_until = (ve + 1).max(start + reach).min(b.len());
        match self.shape_context {
            Some((h, until)) if until > shape_until && h == hint => {}
            _ => self.shape_context = Some((hint, shape_until)),
        }
        if vs >= ve || hint.negative {
            return;
        }
        for kind in [
            Kind::Mrn,
            Kind::MemberId,
            Kind::Dob,
            Kind::Name,
            Kind::Address,
        ] {
            if !hint.kinds.has(kind) {
                continue;
            }
            let (ks, ke) = match (kind, end) {
                // Ids and dates are one token; in running text the next word is not theirs.
                (Kind::Mrn | Kind::MemberId, ValueEnd::Delimited) => {
                    trim(b, vs, token_end(b, vs, ve))
                }
                (Kind::Dob, _) => match dates::parse(b, vs) {
                    Some((date_end, ..)) if date_end <= ve => (vs, date_end),
                    _ => continue,
                },
                (Kind::Name, ValueEnd::Delimited) => (vs, capitalised_words_end(b, vs, ve)),
                _ => (vs, ve),
            };
            if ks < ke && values::accepts(kind, &b[ks..ke]) {
                self.emit(kind, Confidence::Medium, ks, ke);
            }
        }
    }
}

/// The start of the word holding the digit at `i` (at most [`MAX_WORD`] back).
fn word_start(b: &[u8], i: usize) -> usize {
    let mut start = i;
    while start > 0 && i - start < MAX_WORD && b[start - 1].is_ascii_alphanumeric() {
        start -= 1;
    }
    start
}

/// Ends an unquoted value.
fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'&' | b';'
            | b','
            | b'}'
            | b']'
            | b')'
            | b'<'
            | b'>'
            | b'\n'
            | b'\r'
            | b'\t'
            | b'"'
            | b'\''
            | b'#'
            | b'|'
    )
}

fn trim(b: &[u8], mut s: usize, mut e: usize) -> (usize, usize) {
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    // Trailing punctuation ends a sentence or starts the next field ("mrn=12345678:",
    // "MRN 12345678."): it is not part of the value.
    while e > s && (b[e - 1].is_ascii_whitespace() || matches!(b[e - 1], b':' | b'.')) {
        e -= 1;
    }
    (s, e)
}

fn token_end(b: &[u8], s: usize, e: usize) -> usize {
    b[s..e]
        .iter()
        .position(|c| c.is_ascii_whitespace())
        .map_or(e, |p| s + p)
}

/// Up to four capitalised words ("Maria J. Alvarez"): a name in running text.
fn capitalised_words_end(b: &[u8], s: usize, e: usize) -> usize {
    let mut at = s;
    let mut end = s;
    let mut words = 0;
    while at < e && words < 4 && b[at].is_ascii_uppercase() {
        while at < e && (b[at].is_ascii_alphabetic() || matches!(b[at], b'\'' | b'-' | b'.')) {
            at += 1;
        }
        end = at;
        words += 1;
        while at < e && b[at] == b' ' {
            at += 1;
        }
    }
    end
}

/// The identifier just before a `:` or `=` at `i` (`"patientDob"` in `"patientDob": `).
fn key_before(b: &[u8], i: usize) -> Option<&[u8]> {
    let mut j = i;
    while j > 0 && i - j < 2 && b[j - 1] == b' ' {
        j -= 1;
    }
    if j > 0 && matches!(b[j - 1], b'"' | b'\'') {
        j -= 1;
        if j > 0 && b[j - 1] == b'\\' {
            j -= 1;
        }
    }
    let mut k = j;
    while k > 0
        && j - k < 64
        && (b[k - 1].is_ascii_alphanumeric() || matches!(b[k - 1], b'_' | b'$' | b'-' | b'.'))
    {
        k -= 1;
    }
    (k < j).then(|| &b[k..j])
}
