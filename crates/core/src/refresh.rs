//! `<meta http-equiv="refresh">`: the delay and target browsers read from it, shared by the
//! `meta-refresh` rule (a timed reload or redirect) and `session-timeout-warning` (a timed
//! redirect to the login page).

use crate::dom::ElementRef;

/// The delay a `<meta http-equiv=refresh>` sets, `None` when it is no valid refresh.
pub fn declared_delay(meta: ElementRef) -> Option<f64> {
    let is_refresh = meta
        .attr("http-equiv")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh"));
    meta.attr("content")
        .filter(|_| is_refresh)
        .and_then(refresh_delay)
}

/// The delay a refresh `content` sets, as the HTML standard's "shared declarative refresh
/// steps" read it: digits (with an optional fraction, ignored by timing but allowed), then
/// the end, whitespace, `;` or `,`. `None` when browsers ignore the tag.
pub fn refresh_delay(content: &str) -> Option<f64> {
    let rest = content.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let int_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let mut end = int_end;
    if rest[end..].starts_with('.') {
        end += 1;
        end += rest[end..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len() - end);
    }
    if end == 0 || (int_end == 0 && end == 1) {
        return None;
    }
    let valid_end = rest[end..]
        .chars()
        .next()
        .is_none_or(|c| c.is_ascii_whitespace() || c == ';' || c == ',');
    if !valid_end {
        return None;
    }
    rest[..end].trim_end_matches('.').parse().ok().or(Some(0.0))
}

/// The part of a refresh `content` after its delay (the target, `url=...`), lowercased;
/// empty for a plain reload. `None` when it is no valid refresh.
pub fn declared_target(meta: ElementRef) -> Option<String> {
    declared_delay(meta)?;
    let content = meta.attr("content")?.trim_start();
    let after = content.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    Some(
        after
            .trim_matches(|c: char| c.is_ascii_whitespace() || c == ';' || c == ',')
            .to_ascii_lowercase(),
    )
}

#[cfg(test)]
mod tests {
    use super::refresh_delay;

    #[test]
    fn reads_delays_as_browsers_do() {
        assert_eq!(refresh_delay("0"), Some(0.0));
        assert_eq!(refresh_delay("  30;url=/x"), Some(30.0));
        assert_eq!(refresh_delay("1.5, /x"), Some(1.5));
        assert_eq!(refresh_delay(".5"), Some(0.5));
        assert_eq!(refresh_delay("5x"), None);
        assert_eq!(refresh_delay("soon"), None);
        assert_eq!(refresh_delay(""), None);
        assert_eq!(refresh_delay("."), None);
    }
}
