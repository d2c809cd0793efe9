//! Keyed fingerprints: the same value gives the same fingerprint across pages and runs that
//! share a key, so findings can be grouped ("this MRN leaks on 4 pages") without the value
//! appearing anywhere. HMAC-SHA256 with a caller's secret key: without the key, the small
//! space of SSNs or dates of birth cannot be searched for a matching hash.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::{Kind, KindSet, dates};

/// The caller's secret (the CLI reads `PORTALSCAN_FINGERPRINT_KEY` or makes one per run).
#[derive(Clone)]
pub struct FingerprintKey(Vec<u8>);

impl std::fmt::Debug for FingerprintKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FingerprintKey(…)")
    }
}

impl FingerprintKey {
    pub fn new(secret: impl Into<Vec<u8>>) -> FingerprintKey {
        FingerprintKey(secret.into())
    }

    /// `hmac-sha256:` and the first 16 bytes of the MAC over the normalised value, in hex.
    pub fn fingerprint(&self, kinds: KindSet, value: &str) -> String {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).expect("HMAC takes any key length");
        mac.update(normalise(kinds, value).as_bytes());
        let digest = mac.finalize().into_bytes();
        let mut out = String::from("hmac-sha256:");
        for byte in &digest[..16] {
            out.push_str(&format!("{byte:02x}"));
        }
        out
    }
}

/// One spelling per value: `536-22-8142` and `536 22 8142` group together, as do
/// `03/14/1961` and `1961-03-14`, or a record's 15- and 18-character ids.
fn normalise(kinds: KindSet, value: &str) -> String {
    let kind = kinds.iter().next().unwrap_or(Kind::Name);
    match kind {
        Kind::Ssn | Kind::Itin | Kind::Npi | Kind::Phone => {
            let digits: String = value.chars().filter(char::is_ascii_digit).collect();
            // A leading country code 1 is the same phone number.
            match digits.strip_prefix('1') {
                Some(rest) if kind == Kind::Phone && rest.len() == 10 => rest.to_string(),
                _ => digits,
            }
        }
        Kind::Dob => match dates::parse(value.as_bytes(), 0) {
            Some((_, y, m, d)) => format!("{y:04}-{m:02}-{d:02}"),
            None => value.to_string(),
        },
        Kind::RecordId => value.chars().take(15).collect(),
        Kind::Mbi | Kind::Dea | Kind::Diagnosis | Kind::Mrn | Kind::MemberId => value
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_uppercase())
            .collect(),
        Kind::Email | Kind::Name | Kind::Address => value
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_spellings_and_depends_on_the_key() {
        let k = FingerprintKey::new(b"secret".to_vec());
        let ssn = KindSet::of(Kind::Ssn);
        assert_eq!(
            k.fingerprint(ssn, "536-22-8142"),
            k.fingerprint(ssn, "536 22 8142")
        );
        let dob = KindSet::of(Kind::Dob);
        assert_eq!(
            k.fingerprint(dob, "03/14/1961"),
            k.fingerprint(dob, "1961-03-14")
        );
        let other = FingerprintKey::new(b"other".to_vec());
        assert_ne!(
            k.fingerprint(ssn, "536-22-8142"),
            other.fingerprint(ssn, "536-22-8142")
        );
        let f = k.fingerprint(ssn, "536-22-8142");
        assert!(f.starts_with("hmac-sha256:") && f.len() == 12 + 32);
        assert!(!f.contains("8142"));
    }
}
