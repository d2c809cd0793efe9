//! PHI detector throughput: all detectors in one pass over 10 MB of generated portal text
//! and JSON, next to a plain `regex` scan of the same patterns (one alternation, ASCII word
//! boundaries: the regex crate's fastest configuration, and no validation at all).
//!
//! `cargo bench -p portalscan-core --bench phi_throughput`

// A benchmark is a program outside the core: it reads the clock and prints its numbers
// (crates/core/clippy.toml forbids both in the core itself).
#![allow(
    clippy::disallowed_methods,
    clippy::disallowed_types,
    clippy::disallowed_macros
)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use portalscan_core::phi;
use regex::Regex;

const TARGET_BYTES: usize = 10 * 1024 * 1024;

/// A small deterministic generator (64-bit LCG), so every run scans the same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
    fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.below(10) as u8))
            .collect()
    }
}

const WORDS: &[&str] = &[
    "your",
    "appointment",
    "with",
    "the",
    "care",
    "team",
    "is",
    "confirmed",
    "for",
    "next",
    "week",
    "please",
    "arrive",
    "early",
    "to",
    "complete",
    "forms",
    "messages",
    "portal",
    "results",
    "are",
    "available",
    "clinic",
    "pharmacy",
    "refill",
    "request",
    "visit",
    "summary",
    "provider",
    "billing",
    "statement",
    "insurance",
    "coverage",
    "Riverside",
    "Health",
    "Lightning",
    "component",
    "slds-card",
    "community",
    "patient",
    "record",
    "date",
];
const KEYS: &[&str] = &[
    "className",
    "label",
    "status",
    "recordTypeId",
    "orderNumber",
    "createdDate",
    "title",
    "firstName",
    "lastName",
    "mrn",
    "birthdate",
    "memberId",
    "email",
    "mobilePhone",
    "icon",
    "variant",
    "size",
    "apiName",
    "tabIndex",
    "href",
    "lastModifiedDate",
    "diagnoses",
];

fn sentence(r: &mut Rng, out: &mut String) {
    let n = 6 + r.below(14);
    for i in 0..n {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(r.pick(WORDS));
    }
    match r.below(12) {
        0 => out.push_str(&format!(
            " Date of birth: {:02}/{:02}/19{}",
            1 + r.below(12),
            1 + r.below(28),
            r.digits(2)
        )),
        1 => out.push_str(&format!(" MRN {}", r.digits(8))),
        2 => out.push_str(&format!(" Call us at (503) 555-{}", r.digits(4))),
        3 => out.push_str(&format!(
            " Order #: {}-{}-{}",
            r.digits(3),
            r.digits(2),
            r.digits(4)
        )),
        4 => out.push_str(&format!(
            " Last updated {:02}/{:02}/2024",
            1 + r.below(12),
            1 + r.below(28)
        )),
        _ => {}
    }
    out.push_str(". ");
}

fn json_value(r: &mut Rng, key: &str) -> String {
    match key {
        "mrn" => format!("\"{}\"", r.digits(8)),
        "birthdate" | "createdDate" | "lastModifiedDate" => {
            format!(
                "\"19{}-{:02}-{:02}\"",
                r.digits(2),
                1 + r.below(12),
                1 + r.below(28)
            )
        }
        "memberId" => format!("\"XKW{}\"", r.digits(9)),
        "email" => format!("\"{}.{}@mail.example\"", r.pick(WORDS), r.pick(WORDS)),
        "mobilePhone" => format!("\"(503) 555-{}\"", r.digits(4)),
        "orderNumber" => format!("\"{}-{}-{}\"", r.digits(3), r.digits(2), r.digits(4)),
        "recordTypeId" => format!("\"0125g{}AbCdE\"", r.digits(5)),
        "diagnoses" => "[\"E11.9\",\"I10\"]".to_string(),
        "tabIndex" | "size" => r.digits(2),
        "firstName" | "lastName" => {
            format!("\"{}\"", r.pick(&["Maria", "Alvarez", "Chen", "Okafor"]))
        }
        _ => format!("\"{} {}\"", r.pick(WORDS), r.pick(WORDS)),
    }
}

fn json_record(r: &mut Rng, out: &mut String) {
    out.push('{');
    let n = 4 + r.below(8);
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        let key = r.pick(KEYS);
        out.push_str(&format!("\"{key}\":{}", json_value(r, key)));
    }
    out.push_str("}\n");
}

fn markup(r: &mut Rng, out: &mut String) {
    let id = r.digits(6);
    out.push_str(&format!(
        "<div class=\"slds-grid slds-wrap\" data-id=\"{id}\"><a href=\"/s/detail/0035g00000{}AAA?tab={}&token={}\">{} {}</a></div>\n",
        r.digits(5),
        r.pick(WORDS),
        r.digits(16),
        r.pick(WORDS),
        r.pick(WORDS)
    ));
}

fn generate() -> String {
    let mut r = Rng(0x5eed);
    let mut out = String::with_capacity(TARGET_BYTES + 1024);
    while out.len() < TARGET_BYTES {
        match r.below(3) {
            0 => sentence(&mut r, &mut out),
            1 => json_record(&mut r, &mut out),
            _ => markup(&mut r, &mut out),
        }
    }
    out
}

/// The same patterns as one alternation: SSN, phone, email, MBI, DEA, NPI, ICD-10-CM,
/// Salesforce person-record ids, dates, and the keys that give context.
fn baseline() -> Regex {
    let mbi_letter = "[AC-HJKMNP-RT-Y]";
    let patterns = [
        r"\b\d{3}-\d{2}-\d{4}\b".to_string(),
        r"\b\d{3} \d{2} \d{4}\b".to_string(),
        r"\(\d{3}\) ?\d{3}-\d{4}\b".to_string(),
        r"\b\d{3}[-.]\d{3}[-.]\d{4}\b".to_string(),
        r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}".to_string(),
        format!(r"\b[1-9]{l}[0-9]?{l}?\d{l}[0-9]?{l}?\d{l}{l}\d\d\b", l = mbi_letter),
        r"\b[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}\b".to_string(),
        r"\b[12]\d{9}\b".to_string(),
        r"\b[A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?\b".to_string(),
        r"\b(?:001|003|005|00Q|500|00U|068|069)[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?\b".to_string(),
        r"\b\d{1,2}/\d{1,2}/\d{4}\b".to_string(),
        r"\b\d{4}-\d{2}-\d{2}\b".to_string(),
        r#"(?i:\b(?:mrn|dob|ssn|npi|memberid|member_id|dateofbirth|birthdate|firstname|lastname|diagnos[a-z]*)\b["']?\s*[:=])"#.to_string(),
    ];
    Regex::new(&format!("(?-u){}", patterns.join("|"))).expect("valid baseline pattern")
}

/// Best of `runs` timings of `f` over the text (the machine is shared: the best run is the
/// one least disturbed by others).
fn best_of(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut count = 0;
    for _ in 0..runs {
        let start = Instant::now();
        count = black_box(f());
        best = best.min(start.elapsed());
    }
    (best, count)
}

fn mb_per_s(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / (1024.0 * 1024.0) / d.as_secs_f64()
}

fn main() {
    let text = generate();
    let bytes = text.len();
    let re = baseline();
    // Warm up both (page faults, caches, the regex's lazy DFA).
    black_box(phi::detect(&text).len());
    black_box(re.find_iter(&text).count());

    let (detect_time, found) = best_of(5, || phi::detect(&text).len());
    let (regex_time, regex_found) = best_of(5, || re.find_iter(&text).count());
    let detect_speed = mb_per_s(bytes, detect_time);
    let regex_speed = mb_per_s(bytes, regex_time);
    println!(
        "phi_throughput: {:.1} MB of generated portal text and JSON",
        bytes as f64 / 1048576.0
    );
    println!(
        "  one-pass detectors (validated, with context): {detect_speed:>8.1} MB/s  ({found} matches)"
    );
    println!(
        "  plain regex, one alternation of the patterns:  {regex_speed:>8.1} MB/s  ({regex_found} matches, unvalidated)"
    );
    println!(
        "  ratio detectors / regex: {:.2}",
        detect_speed / regex_speed
    );
}
