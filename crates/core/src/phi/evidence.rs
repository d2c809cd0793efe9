//! Turning matches into what a finding may carry: kinds, confidence, masked form and keyed
//! fingerprint; never the value.

use super::{FingerprintKey, Match, mask};
use crate::finding::PhiValue;

/// At most this many values per finding (a page can repeat one value thousands of times).
pub const MAX_VALUES: usize = 20;

/// Redacted values for these matches in `text`, one per distinct value.
pub fn values(text: &str, matches: &[Match], key: Option<&FingerprintKey>) -> Vec<PhiValue> {
    let mut out: Vec<PhiValue> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for m in matches {
        let value = m.value(text);
        if value.is_empty() || seen.contains(&value) {
            continue;
        }
        if out.len() == MAX_VALUES {
            break;
        }
        seen.push(value);
        out.push(PhiValue {
            kinds: m.kinds.names(),
            confidence: m.confidence.as_str().to_string(),
            masked: mask(value),
            fingerprint: key.map(|k| k.fingerprint(m.kinds, value)),
        });
    }
    out
}
