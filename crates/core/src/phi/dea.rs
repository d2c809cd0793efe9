//! DEA registration numbers: two letters and seven digits. The first letter is a registrant
//! type, the second the registrant's last-name initial (or 9 for a business); the seventh
//! digit is `(d1 + d3 + d5 + 2 × (d2 + d4 + d6)) mod 10`.

const REGISTRANT_TYPES: &[u8] = b"ABCDEFGHJKLMPRSTUX";

pub fn is_valid(s: &[u8]) -> bool {
    if s.len() != 9
        || !REGISTRANT_TYPES.contains(&s[0])
        || !(s[1].is_ascii_uppercase() || s[1] == b'9')
        || !s[2..].iter().all(u8::is_ascii_digit)
    {
        return false;
    }
    let d = |k: usize| u32::from(s[2 + k] - b'0');
    let sum = d(0) + d(2) + d(4) + 2 * (d(1) + d(3) + d(5));
    sum % 10 == d(6)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum() {
        // 1+3+5 + 2*(2+4+6) = 33 -> check digit 3.
        assert!(is_valid(b"AB1234563"));
        assert!(!is_valid(b"AB1234564"));
        assert!(!is_valid(b"QB1234563"), "Q is not a registrant type");
        assert!(!is_valid(b"Ab1234563"));
    }
}
