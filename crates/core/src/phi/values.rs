//! Checks for the kinds that have no shape of their own (medical record numbers, member
//! ids, dates of birth, names, addresses): context named the value; these checks make sure
//! it is one (a placeholder, an empty field or a template expression is not).

use super::{Kind, dates, record_id};

const PLACEHOLDERS: &[&str] = &[
    "null",
    "undefined",
    "none",
    "n/a",
    "na",
    "test",
    "guest",
    "unknown",
    "true",
    "false",
    "anonymous",
    "user",
    "patient",
    "name",
    "first name",
    "last name",
    "full name",
    "address",
    "street",
    "your name",
    "john doe",
    "jane doe",
    "redacted",
    "hidden",
    "tbd",
    "xxx",
];

/// Whether `v` (already trimmed) is a plausible value of `kind`.
pub fn accepts(kind: Kind, v: &[u8]) -> bool {
    match kind {
        Kind::Mrn => identifier(v, 4, 20, 4),
        Kind::MemberId => identifier(v, 5, 20, 3),
        Kind::Dob => dates::parse(v, 0).is_some_and(|(end, ..)| end == v.len() || v[end] == b'T'),
        Kind::Name => name(v),
        Kind::Address => address(v),
        _ => false,
    }
}

fn is_placeholder(v: &[u8]) -> bool {
    PLACEHOLDERS
        .iter()
        .any(|p| p.as_bytes().eq_ignore_ascii_case(v))
}

/// An id: letters, digits and dashes, with enough digits; not all one character, not a
/// Salesforce record id (reported as such) and not a date.
fn identifier(v: &[u8], min: usize, max: usize, min_digits: usize) -> bool {
    (min..=max).contains(&v.len())
        && v.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && v.iter().filter(|c| c.is_ascii_digit()).count() >= min_digits
        && v.iter().any(|c| *c != v[0])
        && !record_id::is_person_record(v)
        && dates::parse(v, 0).is_none()
}

fn name(v: &[u8]) -> bool {
    (2..=60).contains(&v.len())
        && v.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2
        && v.iter().all(|c| {
            c.is_ascii_alphabetic() || matches!(c, b' ' | b'.' | b'\'' | b'-' | b',') || *c >= 0x80
        })
        && !is_placeholder(v)
}

fn address(v: &[u8]) -> bool {
    (5..=120).contains(&v.len())
        && v.iter().any(u8::is_ascii_digit)
        && v.iter().any(u8::is_ascii_alphabetic)
        && v.contains(&b' ')
        && !v.contains(&b'/')
        && !v.contains(&b'{')
        && !is_placeholder(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_values() {
        assert!(accepts(Kind::Mrn, b"00123456"));
        assert!(accepts(Kind::Mrn, b"MRN-4471902"));
        assert!(!accepts(Kind::Mrn, b"00000000"));
        assert!(!accepts(Kind::Mrn, b"abc"));
        assert!(
            !accepts(Kind::Mrn, b"0035g00000AbCdE"),
            "a record id is reported as one"
        );
        assert!(accepts(Kind::Dob, b"1961-03-14"));
        assert!(!accepts(Kind::Dob, b"MM/DD/YYYY"));
        assert!(accepts(Kind::Name, b"Maria Alvarez"));
        assert!(!accepts(Kind::Name, b"null"));
        assert!(!accepts(Kind::Name, b"{!Contact.Name}"));
        assert!(accepts(Kind::Address, b"1420 Elm Street, Apt 3"));
        assert!(!accepts(Kind::Address, b"Springfield"));
    }
}
