//! Redaction: what findings show instead of a value.

use super::{Match, detect, url};

/// The masked form of a value: `*` for every character but the last two, and all masked
/// when the value is shorter than six characters (two of four would reveal half of it).
pub fn mask(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    let shown = if chars.len() >= 6 { 2 } else { 0 };
    let hidden = (chars.len() - shown).min(12);
    let mut out = "*".repeat(hidden);
    out.extend(&chars[chars.len() - shown..]);
    out
}

/// How many times `redact` rescans its own output; each pass can only mask more.
const MAX_REDACT_PASSES: usize = 4;

/// `text` with every detected value masked. The scanner is one pass, and a value it takes
/// can hide the label of the next one ("MRN 00123456 DOB 04/12/1961" gives only the MRN),
/// so the masked text is scanned again until nothing more is found.
pub fn redact(text: &str) -> String {
    let mut out = redact_matches(text, &detect(text));
    for _ in 1..MAX_REDACT_PASSES {
        let more = detect(&out);
        if more.is_empty() {
            break;
        }
        out = redact_matches(&out, &more);
    }
    out
}

/// `text` with these matches masked (they must come from scanning `text`).
pub fn redact_matches(text: &str, matches: &[Match]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in matches {
        if m.start < at || !text.is_char_boundary(m.start) || !text.is_char_boundary(m.end) {
            continue;
        }
        out.push_str(&text[at..m.start]);
        out.push_str(&mask(&text[m.start..m.end]));
        at = m.end;
    }
    out.push_str(&text[at..]);
    out
}

/// A parser's error message safe to show: the values it quotes are dropped (`"…"`, and
/// `` `…` `` unless it is a field name such as `` `url` ``), as an error must not repeat
/// what the input holds; what remains is redacted.
pub fn redact_parser_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = String::new();
    let mut open: Option<char> = None;
    for c in message.chars() {
        match open {
            Some(q) if c == q => {
                let field_name = q == '`'
                    && quoted.len() <= 24
                    && quoted.chars().all(|c| c.is_ascii_alphabetic() || c == '_');
                out.push_str(if field_name { &quoted } else { "…" });
                out.push(c);
                quoted.clear();
                open = None;
            }
            Some(_) => quoted.push(c),
            None => {
                out.push(c);
                if c == '"' || c == '`' {
                    open = Some(c);
                }
            }
        }
    }
    if open.is_some() {
        out.push('…');
    }
    redact(&out)
}

/// An attribute value safe to show: URLs part by part, other values with their name as
/// context (`data-mrn`, `value` of a field named by `name` is the caller's business).
pub fn redact_attr(name: &str, value: &str) -> String {
    if matches!(
        name,
        "href" | "src" | "action" | "formaction" | "data" | "poster" | "cite"
    ) {
        return redact_url(value);
    }
    let key = name.strip_prefix("data-").unwrap_or(name);
    redact_matches(value, &super::detect_in_value(key, value))
}

/// A URL safe to show: each part that holds PHI (path, parameter, fragment) is shown
/// decoded with its values masked; parts without PHI stay as written.
pub fn redact_url(raw: &str) -> String {
    let parts = url::scan(raw);
    if parts.is_empty() {
        return raw.to_string();
    }
    let (before_fragment, fragment) = match raw.split_once('#') {
        Some((a, f)) => (a, Some(f)),
        None => (raw, None),
    };
    let (path, query) = match before_fragment.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (before_fragment, None),
    };
    let masked = |part: &str, name: Option<&str>| {
        parts
            .iter()
            .find(|p| p.part == part && p.name.as_deref() == name)
            .map(|p| redact_matches(&p.text, &p.matches))
    };
    let mut out = masked("path", None).unwrap_or_else(|| path.to_string());
    if let Some(query) = query {
        out.push('?');
        let pairs: Vec<String> = query
            .split('&')
            .map(|pair| {
                let (name, _) = pair.split_once('=').unwrap_or((pair, ""));
                let name = url::decode(name, true);
                match masked("query parameter", Some(&name)) {
                    Some(value) => format!("{}={value}", redact(&name)),
                    None => pair.to_string(),
                }
            })
            .collect();
        out.push_str(&pairs.join("&"));
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(&masked("fragment", None).unwrap_or_else(|| fragment.to_string()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_at_most_two_characters() {
        assert_eq!(mask("536-22-8142"), "*********42");
        assert_eq!(mask("1234"), "****");
        assert_eq!(redact("SSN 536-22-8142."), "SSN *********42.");
    }

    #[test]
    fn values_after_a_masked_value_are_masked_too() {
        let text = "MRN 00123456 DOB 04/12/1961";
        let redacted = redact(text);
        assert!(!redacted.contains("00123456"), "{redacted}");
        assert!(!redacted.contains("04/12/1961"), "{redacted}");
        assert!(!redacted.contains("1961"), "{redacted}");
        // A label after a short or already masked value of the same kind.
        for text in [
            "MRN 12 MRN 12345678",
            "?mrn=******78 (MRN 12345678)",
            "mrn=12345678: timed out",
        ] {
            let redacted = redact(text);
            assert!(!redacted.contains("12345678"), "{text} -> {redacted}");
        }
    }

    #[test]
    fn parser_messages_drop_quoted_values() {
        assert_eq!(
            redact_parser_message("invalid type: integer `457219034`, expected a string at line 3"),
            "invalid type: integer `…`, expected a string at line 3"
        );
        assert_eq!(
            redact_parser_message(r#"unknown field "ssn 4"#),
            r#"unknown field "…"#
        );
        assert_eq!(
            redact_parser_message("missing field `url`"),
            "missing field `url`"
        );
    }

    #[test]
    fn urls() {
        let r = redact_url("https://p.example/s/a?x=1&mrn=00123456&dob=03%2F14%2F1961#top");
        assert_eq!(
            r,
            "https://p.example/s/a?x=1&mrn=******56&dob=********61#top"
        );
    }
}
