//! National Provider Identifiers: ten digits starting with 1 or 2 whose last digit is the
//! Luhn check digit computed over the card-issuer prefix `80840` followed by the NPI
//! (CMS, "Requirements for NPI check digit"). Ten-digit numbers are everywhere (phone
//! numbers, Unix timestamps), so the scanner only asks this module when context says NPI.

pub fn is_valid(d: &[u8; 10]) -> bool {
    if !matches!(d[0], b'1' | b'2') {
        return false;
    }
    // Luhn over "80840" + NPI: walk right to left, doubling every second digit.
    let digits = b"80840".iter().chain(d.iter()).rev();
    let mut sum = 0u32;
    for (pos, c) in digits.enumerate() {
        let mut v = u32::from(c - b'0');
        if pos % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_with_prefix() {
        // The CMS worked example: 123456789 gives check digit 3.
        assert!(is_valid(b"1234567893"));
        assert!(!is_valid(b"1234567890"));
        assert!(!is_valid(b"3234567893"), "NPIs start with 1 or 2");
    }
}
