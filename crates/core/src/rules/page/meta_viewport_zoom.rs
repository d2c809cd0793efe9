//! WCAG 1.4.4 Resize Text: a `<meta name="viewport">` does not stop users from zooming
//! (`user-scalable=no`, or `maximum-scale` below 2).

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "meta-viewport-zoom",
    title: "The viewport meta tag allows zooming",
    category: Category::Accessibility,
    wcag: &["1.4.4"],
    act: &["b4f0c3"],
    help: "Remove user-scalable=no and any maximum-scale below 2 from <meta name=\"viewport\">; \
           content=\"width=device-width, initial-scale=1\" is enough. Patients with low vision \
           pinch-zoom to read results and dosage instructions on their phones.",
    interest: Interest::Tags(&["meta"]),
    phi: None,
    examples: &[
        Example::pass("<meta name=\"viewport\" content=\"width=device-width, user-scalable=yes\">"),
        Example::pass("<meta name=\"viewport\" content=\"maximum-scale=2.0\">"),
        Example::fail("<meta name=\"viewport\" content=\"width=device-width, user-scalable=no\">"),
        Example::fail("<meta name=\"viewport\" content=\"initial-scale=1, maximum-scale=1\">"),
        Example::fail("<meta name=\"viewport\" content=\"user-scalable=0.5\">"),
        Example::inapplicable("<meta name=\"viewport\" content=\"width=device-width\">"),
        Example::inapplicable("<meta charset=\"utf-8\">"),
    ],
};

/// Zoom needed by 1.4.4: text can be resized to 200%.
const MIN_MAXIMUM_SCALE: f64 = 2.0;

crate::rule!(MetaViewportZoom = META, element: check_element);

fn check_element(cx: &Context, element: ElementRef, sink: &mut Sink) {
    // A component's template has no viewport of its own: the hosting page's decides.
    // A frame's document does not set the page's viewport either.
    if !cx.snapshot.is_page() || !cx.dom.in_top_document(element.id) {
        return;
    }
    let is_viewport = element
        .attr("name")
        .is_some_and(|n| n.trim().eq_ignore_ascii_case("viewport"));
    let Some(content) = element.attr("content") else {
        return;
    };
    if !is_viewport {
        return;
    }
    let mut applies = false;
    let mut problems = Vec::new();
    for (key, value) in viewport_properties(content) {
        if key.eq_ignore_ascii_case("user-scalable") {
            applies = true;
            if !user_scalable(value) {
                problems.push(format!("user-scalable={value} disables zoom"));
            }
        } else if key.eq_ignore_ascii_case("maximum-scale") {
            applies = true;
            if let Some(scale) = maximum_scale(value)
                && scale < MIN_MAXIMUM_SCALE
            {
                problems.push(format!("maximum-scale={value} limits zoom below 200%"));
            }
        }
    }
    if !applies {
        return;
    }
    if problems.is_empty() {
        sink.pass(element.id);
    } else {
        sink.fail(
            element.id,
            format!("The viewport {}.", problems.join(" and ")),
        );
    }
}

/// `key=value` pairs of a viewport `content` attribute. Browsers split on commas,
/// semicolons and whitespace, and allow whitespace around `=`.
fn viewport_properties(content: &str) -> Vec<(&str, &str)> {
    let is_separator = |c: char| c == ',' || c == ';' || c.is_whitespace();
    let mut out = Vec::new();
    let mut rest = content;
    loop {
        rest = rest.trim_start_matches(|c: char| is_separator(c) || c == '=');
        if rest.is_empty() {
            return out;
        }
        let key_end = rest
            .find(|c: char| is_separator(c) || c == '=')
            .unwrap_or(rest.len());
        let key = &rest[..key_end];
        rest = rest[key_end..].trim_start_matches(char::is_whitespace);
        let value = if let Some(after_eq) = rest.strip_prefix('=') {
            let after_eq = after_eq.trim_start_matches(char::is_whitespace);
            let end = after_eq.find(is_separator).unwrap_or(after_eq.len());
            rest = &after_eq[end..];
            &after_eq[..end]
        } else {
            ""
        };
        out.push((key, value));
    }
}

/// The number at the start of a value, as browsers read it (`1.5em` is 1.5).
fn leading_number(value: &str) -> Option<f64> {
    let bytes = value.as_bytes();
    let mut end = 0;
    if end < bytes.len() && (bytes[end] == b'-' || bytes[end] == b'+') {
        end += 1;
    }
    let digits_start = end;
    while end < bytes.len() && (bytes[end].is_ascii_digit() || bytes[end] == b'.') {
        end += 1;
    }
    if end == digits_start {
        return None;
    }
    value[..end].parse().ok()
}

/// Whether a `user-scalable` value lets users zoom (CSS Device Adaptation's translation:
/// `yes` and `device-width`/`device-height` allow it; numbers allow it when |n| >= 1;
/// `no` and unknown words do not).
fn user_scalable(value: &str) -> bool {
    if value.eq_ignore_ascii_case("yes")
        || value.eq_ignore_ascii_case("device-width")
        || value.eq_ignore_ascii_case("device-height")
    {
        return true;
    }
    leading_number(value).is_some_and(|n| n.abs() >= 1.0)
}

/// The zoom limit a `maximum-scale` value sets, or `None` when it sets none (negative
/// numbers are ignored by browsers). `yes` is 1, `device-width`/`device-height` are 10,
/// `no` and unknown words are the minimum.
fn maximum_scale(value: &str) -> Option<f64> {
    if value.eq_ignore_ascii_case("yes") {
        return Some(1.0);
    }
    if value.eq_ignore_ascii_case("device-width") || value.eq_ignore_ascii_case("device-height") {
        return Some(10.0);
    }
    match leading_number(value) {
        Some(n) if n < 0.0 => None,
        Some(n) => Some(n),
        None => Some(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_browser_viewport_syntax() {
        assert_eq!(
            viewport_properties("width = device-width;user-scalable=no, maximum-scale=1"),
            vec![
                ("width", "device-width"),
                ("user-scalable", "no"),
                ("maximum-scale", "1")
            ]
        );
        assert_eq!(viewport_properties(""), vec![]);
    }

    #[test]
    fn zoom_values() {
        assert!(user_scalable("yes") && user_scalable("5") && user_scalable("-1"));
        assert!(!user_scalable("no") && !user_scalable("0.5") && !user_scalable("invalid"));
        assert_eq!(maximum_scale("-1"), None);
        assert_eq!(maximum_scale("2.0"), Some(2.0));
        assert_eq!(maximum_scale("yes"), Some(1.0));
        assert_eq!(maximum_scale("device-width"), Some(10.0));
        assert_eq!(maximum_scale("invalid"), Some(0.0));
    }
}
