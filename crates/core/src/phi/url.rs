//! URLs as browsers read them, for detection: percent-decoding that never fails (bad
//! escapes stay as written, invalid UTF-8 becomes U+FFFD), `+` as a space in the query,
//! and the parts a leak can sit in (path segments, query parameters, fragment).

use super::{Match, detect, detect_in_value};

/// URLs longer than this are scanned in their first part only (browsers cap them too).
pub const MAX_URL: usize = 1 << 20;

/// Percent-decodes `s` (by `percent-encoding`); `plus_is_space` for query components,
/// where `+` is a space (and `%2B` a plus).
pub fn decode(s: &str, plus_is_space: bool) -> String {
    if plus_is_space && s.contains('+') {
        return decode(&s.replace('+', " "), false);
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// Schemes whose "URL" is contact information or inline data, not a place PHI travels to.
pub fn is_scanned_scheme(url: &str) -> bool {
    let lower = url
        .trim_start()
        .get(..7)
        .unwrap_or(url)
        .to_ascii_lowercase();
    !(lower.starts_with("mailto:")
        || lower.starts_with("tel:")
        || lower.starts_with("sms:")
        || lower.starts_with("data:"))
}

/// One part of a URL where PHI was found: which part (for the finding's message, never
/// the value), its decoded text and the matches in it.
#[derive(Debug, Clone)]
pub struct UrlPart {
    /// `path`, `query parameter`, `fragment`.
    pub part: &'static str,
    /// The parameter's name, for query parameters (may itself need redaction).
    pub name: Option<String>,
    pub text: String,
    pub matches: Vec<Match>,
}

/// PHI in a URL, part by part.
pub fn scan(url: &str) -> Vec<UrlPart> {
    if !is_scanned_scheme(url) {
        return Vec::new();
    }
    let url = match url.char_indices().nth(MAX_URL) {
        Some((cut, _)) => &url[..cut],
        None => url,
    };
    let (before_fragment, fragment) = match url.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (url, None),
    };
    let (path, query) = match before_fragment.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (before_fragment, None),
    };
    let mut parts = Vec::new();
    // The path, authority included (user info can hold an email address).
    let path_text = decode(path, false);
    let matches = detect(&path_text);
    if !matches.is_empty() {
        parts.push(UrlPart {
            part: "path",
            name: None,
            text: path_text,
            matches,
        });
    }
    if let Some(query) = query {
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            let name = decode(name, true);
            let value = decode(value, true);
            let matches = detect_in_value(&name, &value);
            if !matches.is_empty() {
                parts.push(UrlPart {
                    part: "query parameter",
                    name: Some(name),
                    text: value,
                    matches,
                });
            }
        }
    }
    if let Some(fragment) = fragment {
        // Single-page apps keep routes and state in the fragment (`#/chart?mrn=…`).
        let text = decode(fragment, true);
        let matches = detect(&text);
        if !matches.is_empty() {
            parts.push(UrlPart {
                part: "fragment",
                name: None,
                text,
                matches,
            });
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_never_fails() {
        assert_eq!(decode("a%2Fb%zz%", false), "a/b%zz%");
        assert_eq!(decode("%E2%82", false), "\u{fffd}");
        assert_eq!(decode("a+b", true), "a b");
        assert_eq!(decode("%", false), "%");
        assert_eq!(decode("%4", false), "%4");
        assert_eq!(decode("a%2Bb+c", true), "a+b c");
    }

    #[test]
    fn parameters_carry_their_names_as_context() {
        let parts = scan(
            "https://portal.example/s/visit?mrn=00123456&dob=03%2F14%2F1961&token=8f14e45fceea167a",
        );
        let kinds: Vec<_> = parts
            .iter()
            .flat_map(|p| p.matches.iter().flat_map(|m| m.kinds.names()))
            .collect();
        assert_eq!(kinds, ["mrn", "dob"]);
        assert!(scan("tel:+15035550142").is_empty());
        assert!(scan("mailto:jane.doe@example.org").is_empty());
    }
}
