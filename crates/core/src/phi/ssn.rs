//! US Social Security numbers: `123-45-6789`, `123 45 6789`, or nine bare digits when a key
//! or label says SSN. Numbers the SSA never issues are rejected: area 000, 666 and 900–999
//! (900–999 are ITINs, see [`super::itin`]), group 00, serial 0000, and numbers known from
//! advertising and examples (078-05-1120 from a 1938 wallet insert, 219-09-9999 from a 1940
//! SSA pamphlet, 457-55-5462 from a Social Security ad, 123-45-6789 the example of forms).
//!
//! Those exclusions are for text nothing names. Where a key or label says the value is an
//! SSN (`"ssn": …`, `SSN: …`, a field named `ssn`), any well-formed number counts
//! ([`is_well_formed`]): staging portals hold exactly such never-issued test identities,
//! and the same field holds a real SSN in production.

/// Numbers published in advertising or used as examples; never a real person's.
const KNOWN_EXAMPLES: [[u8; 9]; 4] = [*b"078051120", *b"219099999", *b"457555462", *b"123456789"];

/// A nine-digit SSN/ITIN-shaped value at `i`: its end, its digits, whether it was delimited.
/// Delimited forms must use one delimiter (`-` or space) in both places.
pub fn parse(b: &[u8], i: usize) -> Option<(usize, [u8; 9], bool)> {
    let digits = |from: usize, n: usize| {
        b.get(from..from + n)
            .is_some_and(|s| s.iter().all(u8::is_ascii_digit))
    };
    let mut out = [0u8; 9];
    if digits(i, 3) {
        let sep = b.get(i + 3).copied();
        if matches!(sep, Some(b'-' | b' '))
            && digits(i + 4, 2)
            && b.get(i + 6).copied() == sep
            && digits(i + 7, 4)
            && ends_number(b, i + 11)
        {
            out[..3].copy_from_slice(&b[i..i + 3]);
            out[3..5].copy_from_slice(&b[i + 4..i + 6]);
            out[5..].copy_from_slice(&b[i + 7..i + 11]);
            return Some((i + 11, out, true));
        }
    }
    if digits(i, 9) && ends_number(b, i + 9) {
        out.copy_from_slice(&b[i..i + 9]);
        return Some((i + 9, out, false));
    }
    None
}

/// The number really ends at `k`: no letter or digit follows, nor a delimiter that
/// continues it (`123-45-6789-01` is a longer code, not an SSN).
pub fn ends_number(b: &[u8], k: usize) -> bool {
    match b.get(k) {
        None => true,
        Some(c) if c.is_ascii_alphanumeric() => false,
        Some(b'-' | b'.' | b'/') => !b.get(k + 1).is_some_and(u8::is_ascii_digit),
        Some(_) => true,
    }
}

fn num(d: &[u8]) -> u32 {
    d.iter().fold(0, |n, c| n * 10 + u32::from(c - b'0'))
}

/// Whether these nine digits can be an issued SSN.
pub fn is_valid(d: &[u8; 9]) -> bool {
    let area = num(&d[..3]);
    let group = num(&d[3..5]);
    let serial = num(&d[5..]);
    area != 0
        && area != 666
        && area < 900
        && group != 0
        && serial != 0
        && !KNOWN_EXAMPLES.contains(d)
}

/// Whether these nine digits are a number at all (not the all-zero placeholder): what a
/// value named as an SSN needs to count, issued or not.
pub fn is_well_formed(d: &[u8; 9]) -> bool {
    d.iter().any(|&c| c != b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ssn(s: &str) -> Option<bool> {
        parse(s.as_bytes(), 0).map(|(_, d, _)| is_valid(&d))
    }

    #[test]
    fn accepts_valid_numbers() {
        assert_eq!(ssn("536-22-8142"), Some(true));
        assert_eq!(ssn("536 22 8142"), Some(true));
        assert_eq!(ssn("536228142"), Some(true));
    }

    #[test]
    fn rejects_unissued_and_example_numbers() {
        for s in [
            "000-12-3456",
            "666-12-3456",
            "900-12-3456",
            "999-12-3456",
            "536-00-8142",
            "536-22-0000",
            "000-00-0000",
            "078-05-1120",
            "219-09-9999",
            "457-55-5462",
            "123-45-6789",
        ] {
            assert_eq!(ssn(s), Some(false), "{s}");
        }
    }

    #[test]
    fn rejects_mixed_delimiters_and_longer_codes() {
        assert_eq!(ssn("536-22 8142"), None);
        assert_eq!(ssn("536.22.8142"), None);
        assert_eq!(ssn("536-22-8142-77"), None);
        assert_eq!(ssn("536-22-81421"), None);
        assert_eq!(ssn("5362281420"), None);
    }
}
