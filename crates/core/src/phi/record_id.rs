//! Salesforce record ids (15 characters, case-sensitive, or 18 with a case-insensitive
//! suffix) whose key prefix names a record about a person or their care:
//! - `001` Account (person accounts: Health Cloud stores patients as person accounts),
//! - `003` Contact (patients and their relations),
//! - `005` User (on a patient portal, community users are patients),
//! - `00Q` Lead (Web-to-Lead intake forms),
//! - `500` Case (care requests, Web-to-Case),
//! - `00U` Event (appointments),
//! - `068` ContentVersion and `069` ContentDocument (uploaded files: lab results, IDs).
//!
//! A record id alone reveals nothing about the person, but it links to their record:
//! rules report it as `review` unless other PHI is with it.

const PERSON_PREFIXES: [&[u8; 3]; 8] = [
    b"001", b"003", b"005", b"00Q", b"500", b"00U", b"068", b"069",
];

/// The checksum alphabet of the 18-character form.
const SUFFIX: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/// Whether this word is a person or health record id.
pub fn is_person_record(word: &[u8]) -> bool {
    if !(word.len() == 15 || word.len() == 18)
        || !word.iter().all(u8::is_ascii_alphanumeric)
        || !PERSON_PREFIXES.iter().any(|p| word.starts_with(*p))
    {
        return false;
    }
    if word.len() == 18 {
        return word[15..] == suffix(&word[..15]);
    }
    // A 15-digit number (an IMEI, a tracking number) is not a record id: real ids carry
    // base-62 letters after the prefix in all but the first records of an org.
    word[3..].iter().any(u8::is_ascii_alphabetic)
}

/// The 3-character suffix: one character per 5-character chunk, its bits saying which
/// characters of the chunk are upper-case letters.
pub fn suffix(id15: &[u8]) -> [u8; 3] {
    let mut out = [0u8; 3];
    for (chunk, o) in id15.chunks(5).zip(out.iter_mut()) {
        let bits = chunk
            .iter()
            .enumerate()
            .filter(|(_, c)| c.is_ascii_uppercase())
            .fold(0usize, |acc, (i, _)| acc | 1 << i);
        *o = SUFFIX[bits];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_and_prefixes() {
        let id15 = b"0035g00000AbCdE";
        let s = suffix(id15);
        let mut id18 = id15.to_vec();
        id18.extend_from_slice(&s);
        assert!(is_person_record(id15));
        assert!(is_person_record(&id18));
        let mut bad = id18.clone();
        bad[17] = if bad[17] == b'A' { b'B' } else { b'A' };
        assert!(!is_person_record(&bad), "wrong checksum");
        assert!(!is_person_record(b"00D5g00000AbCdE"), "00D is an org id");
        assert!(!is_person_record(b"500123456789012"), "a 15-digit number");
        // "0035g" and "00000" have no capitals (A, A); "AbCdE" has them at 0, 2, 4 -> 21 -> V.
        assert_eq!(&suffix(id15), b"AAV");
        // "001A0" has one at 3 -> 8 -> I.
        assert_eq!(suffix(b"001A000001DfPBu")[0], b'I');
    }
}
