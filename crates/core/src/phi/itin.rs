//! Individual Taxpayer Identification Numbers: SSN-shaped, area 9xx, and a group in the
//! ranges the IRS assigns (50–65, 70–88, 90–92, 94–99).

pub fn is_valid(d: &[u8; 9]) -> bool {
    let group = u32::from(d[3] - b'0') * 10 + u32::from(d[4] - b'0');
    d[0] == b'9' && matches!(group, 50..=65 | 70..=88 | 90..=92 | 94..=99) && &d[5..] != b"0000"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_decide() {
        assert!(is_valid(b"912701234"));
        assert!(is_valid(b"900941234"));
        assert!(!is_valid(b"912691234"), "group 69 is not assigned");
        assert!(!is_valid(b"912931234"), "group 93 is not assigned");
        assert!(!is_valid(b"812701234"), "area must be 9xx");
        assert!(!is_valid(b"912700000"));
    }
}
