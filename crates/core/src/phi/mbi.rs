//! Medicare Beneficiary Identifiers (CMS format, 11 characters):
//! `C A AN N A AN N A A N N` where C is 1–9, N is 0–9, A is an upper-case letter other
//! than S L O I B Z, and AN is either. Cards print it with dashes (`1EG4-TE5-MK73`).

fn letter(c: u8) -> bool {
    c.is_ascii_uppercase() && !matches!(c, b'S' | b'L' | b'O' | b'I' | b'B' | b'Z')
}

/// Whether these 11 characters are an MBI.
pub fn is_valid(s: &[u8]) -> bool {
    let n = |c: u8| c.is_ascii_digit();
    let an = |c: u8| n(c) || letter(c);
    s.len() == 11
        && matches!(s[0], b'1'..=b'9')
        && letter(s[1])
        && an(s[2])
        && n(s[3])
        && letter(s[4])
        && an(s[5])
        && n(s[6])
        && letter(s[7])
        && letter(s[8])
        && n(s[9])
        && n(s[10])
}

/// An MBI written with dashes after the 4th and 7th characters, at `i`: its end and the
/// 11 characters.
pub fn parse_dashed(b: &[u8], i: usize) -> Option<(usize, [u8; 11])> {
    let s = b.get(i..i + 13)?;
    if s[4] != b'-' || s[8] != b'-' || b.get(i + 13).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let mut out = [0u8; 11];
    out[..4].copy_from_slice(&s[..4]);
    out[4..7].copy_from_slice(&s[5..8]);
    out[7..].copy_from_slice(&s[9..]);
    is_valid(&out).then_some((i + 13, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cms_example_and_lookalikes() {
        assert!(is_valid(b"1EG4TE5MK73"), "the CMS specimen");
        assert!(parse_dashed(b"1EG4-TE5-MK73", 0).is_some());
        assert!(!is_valid(b"0EG4TE5MK73"), "first character 1-9");
        assert!(!is_valid(b"1SG4TE5MK73"), "S is excluded");
        assert!(!is_valid(b"1EG4TE5MK7"), "too short");
        assert!(
            !is_valid(b"1eg4te5mk73"),
            "lower case is not the CMS format"
        );
    }
}
