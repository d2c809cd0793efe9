//! Email addresses. A role account (`info@`, `support@`, `noreply@`) belongs to the
//! organisation, not to a patient, and is never reported.

const ROLE_ACCOUNTS: &[&str] = &[
    "info",
    "support",
    "help",
    "contact",
    "noreply",
    "no-reply",
    "donotreply",
    "do-not-reply",
    "admin",
    "webmaster",
    "privacy",
    "billing",
    "appointments",
    "scheduling",
    "office",
    "frontdesk",
    "hello",
    "team",
    "careers",
    "press",
    "media",
    "marketing",
    "sales",
    "service",
    "customerservice",
    "patientservices",
    "compliance",
    "hipaa",
    "security",
    "abuse",
    "postmaster",
    "feedback",
    "records",
    "portal",
];

fn local_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-')
}

/// The address around the `@` at `at`: start and end, if it is one.
pub fn parse_at(b: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut start = at;
    while start > 0 && at - start < 64 && local_char(b[start - 1]) {
        start -= 1;
    }
    // A local part does not start or end with a dot.
    while start < at && b[start] == b'.' {
        start += 1;
    }
    if start == at || b[at - 1] == b'.' {
        return None;
    }
    let mut end = at + 1;
    let mut last_dot = None;
    while end < b.len()
        && end - at <= 253
        && (b[end].is_ascii_alphanumeric() || matches!(b[end], b'-' | b'.'))
    {
        if b[end] == b'.' {
            if b[end - 1] == b'.' || end == at + 1 {
                return None;
            }
            last_dot = Some(end);
        }
        end += 1;
    }
    // A trailing dot ends the sentence, not the domain.
    if b[end - 1] == b'.' {
        end -= 1;
        last_dot = b[at + 1..end]
            .iter()
            .rposition(|c| *c == b'.')
            .map(|p| p + at + 1);
    }
    let dot = last_dot?;
    let tld = &b[dot + 1..end];
    (tld.len() >= 2 && tld.iter().all(u8::is_ascii_alphabetic)).then_some((start, end))
}

/// Whether the local part names a role rather than a person.
pub fn is_role_account(local: &[u8]) -> bool {
    ROLE_ACCOUNTS
        .iter()
        .any(|r| r.as_bytes().eq_ignore_ascii_case(local))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        let s = b"mail jane.doe+x@mail.example.org.";
        assert_eq!(parse_at(s, 15), Some((5, 32)));
        assert_eq!(parse_at(b"a@b", 1), None);
        assert_eq!(parse_at(b"@example.org", 0), None);
        assert_eq!(parse_at(b"x@1.2", 1), None);
        assert!(is_role_account(b"Support"));
        assert!(!is_role_account(b"jane.doe"));
    }
}
