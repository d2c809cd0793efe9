//! The report formats every front-end writes, shared so they can never drift: SARIF
//! ([`sarif`]) and the HTML report ([`html`]) from one [`Report`], which the CLI builds from
//! its scan and the Wasm package from its JSON report ([`read`]). Pure: report in, text
//! out, no I/O, builds for wasm32.

use std::collections::HashMap;

use portalscan_core::rules;

pub mod html;
pub mod model;
pub mod read;
pub mod sarif;

pub use model::{Counts, InputError, Listed, Report, RuleCount, ScannedPage, Verdict, describe_io};

/// The tool's name and version as reports state them.
pub const TOOL_NAME: &str = "portalscan";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A finding's PHI evidence for people, as (label, text): `("PHI", "date of birth in
/// localStorage (localStorage key patient)")`, or for exposure findings that carry no PHI
/// themselves (no HTTPS, a cookie without flags) `("Exposure", "the connection")`. Words, not
/// the JSON's identifiers (`local_storage`, `dob`), which stay as they are in JSON.
pub fn phi_summary(phi: &portalscan_core::PhiEvidence) -> (&'static str, String) {
    use portalscan_core::phi::{kind_labels, location_label};
    let mut text = location_label(&phi.location);
    if let Some(source) = &phi.source {
        text = format!("{text} ({source})");
    }
    if phi.kinds.is_empty() {
        return ("Exposure", text);
    }
    ("PHI", format!("{} in {text}", kind_labels(&phi.kinds)))
}

/// Standard base64 with padding (RFC 4648), for `data:` URIs and CSP hashes.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Each rule's position in the declared order, so groups come out in a stable order.
pub fn rule_order() -> HashMap<&'static str, usize> {
    rules::all()
        .iter()
        .enumerate()
        .map(|(i, r)| (r.meta().id, i))
        .collect()
}

/// Where a finding is: `path:line` for a local page (the path the user gave is the
/// readable name of the same file), otherwise the (redacted) URL.
pub fn place(listed: &Listed) -> String {
    if listed.page.url.starts_with("file:") {
        match (listed.line, listed.finding.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", listed.page.input),
            (Some(line), None) => format!("{}:{line}", listed.page.input),
            (None, _) => listed.page.input.clone(),
        }
    } else {
        listed.finding.url.clone()
    }
}

/// The W3C page of an ACT rule.
pub fn act_rule_url(id: &str) -> String {
    format!("https://www.w3.org/WAI/standards-guidelines/act/rules/{id}/")
}

#[cfg(test)]
mod tests {
    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (input, expected) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(super::base64(input.as_bytes()), expected);
        }
    }

    #[test]
    fn phi_summary_uses_words_and_says_exposure_without_phi() {
        use portalscan_core::PhiEvidence;
        let stored = PhiEvidence {
            location: "local_storage".into(),
            kinds: vec!["dob".into(), "member_id".into()],
            source: Some("localStorage key patient".into()),
            ..PhiEvidence::default()
        };
        assert_eq!(
            super::phi_summary(&stored),
            (
                "PHI",
                "date of birth, member id in localStorage (localStorage key patient)".to_string()
            )
        );
        let transport = PhiEvidence {
            location: "transport".into(),
            ..PhiEvidence::default()
        };
        assert_eq!(
            super::phi_summary(&transport),
            ("Exposure", "the connection".to_string())
        );
    }
}
