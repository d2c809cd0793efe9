//! Media queries against the static scan's documented default environment:
//! a 1280×800 CSS-pixel `screen` viewport at device pixel ratio 1, light colour scheme,
//! no reduced motion, no forced colours, a fine pointer that can hover.
//! Unknown media features make their query false, as in browsers.

use super::values::components;

pub const VIEWPORT_WIDTH: f64 = 1280.0;
pub const VIEWPORT_HEIGHT: f64 = 800.0;

/// Whether a media query list (`screen and (max-width: 600px), print`) matches.
pub fn media_matches(list: &str) -> bool {
    let list = list.trim();
    if list.is_empty() {
        return true;
    }
    let parts = components(list);
    parts
        .split(|p| *p == ",")
        .any(|query| query_matches(query).unwrap_or(false))
}

fn query_matches(parts: &[&str]) -> Option<bool> {
    let mut i = 0;
    let mut negate = false;
    let first = parts.first()?.to_ascii_lowercase();
    if first == "not" {
        negate = true;
        i = 1;
    } else if first == "only" {
        i = 1;
    }
    let mut result = true;
    // Optional media type.
    if let Some(t) = parts.get(i)
        && !t.starts_with('(')
    {
        result = matches!(t.to_ascii_lowercase().as_str(), "all" | "screen");
        i += 1;
        if i < parts.len() {
            if !parts[i].eq_ignore_ascii_case("and") {
                return None;
            }
            i += 1;
        }
    }
    // Conditions joined by `and` (or all by `or`).
    let mut conjunction: Option<bool> = None;
    let mut acc: Option<bool> = None;
    while i < parts.len() {
        let cond = condition(parts[i])?;
        acc = Some(match (acc, conjunction) {
            (None, _) => cond,
            (Some(a), Some(true)) => a && cond,
            (Some(a), Some(false)) => a || cond,
            (Some(_), None) => return None,
        });
        i += 1;
        if i < parts.len() {
            let op = parts[i].to_ascii_lowercase();
            let is_and = match op.as_str() {
                "and" => true,
                "or" => false,
                _ => return None,
            };
            if conjunction.is_some_and(|c| c != is_and) {
                return None;
            }
            conjunction = Some(is_and);
            i += 1;
            if i >= parts.len() {
                return None;
            }
        }
    }
    let matched = result && acc.unwrap_or(true);
    Some(matched != negate)
}

/// One `( … )` condition: a feature test, a range, or a nested `not`/`and`/`or`.
fn condition(block: &str) -> Option<bool> {
    let inner = block.strip_prefix('(')?.strip_suffix(')')?.trim();
    let lower = inner.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("not ") {
        return condition(rest.trim()).map(|b| !b);
    }
    if inner.starts_with('(') {
        return query_matches(&components(inner));
    }
    if let Some((name, value)) = lower.split_once(':') {
        return feature(name.trim(), Some(value.trim()));
    }
    for op in ["<=", ">=", "<", ">", "="] {
        if let Some((a, b)) = lower.split_once(op) {
            return range(a.trim(), op, b.trim());
        }
    }
    feature(lower.trim(), None)
}

fn length_px(v: &str) -> Option<f64> {
    let v = v.trim();
    let num = |s: &str| s.trim().parse::<f64>().ok();
    if let Some(n) = v.strip_suffix("px") {
        num(n)
    } else if let Some(n) = v.strip_suffix("rem") {
        num(n).map(|n| n * 16.0)
    } else if let Some(n) = v.strip_suffix("em") {
        num(n).map(|n| n * 16.0)
    } else if v == "0" {
        Some(0.0)
    } else {
        None
    }
}

fn ratio(v: &str) -> Option<f64> {
    match v.split_once('/') {
        Some((a, b)) => Some(a.trim().parse::<f64>().ok()? / b.trim().parse::<f64>().ok()?),
        None => v.trim().parse().ok(),
    }
}

fn resolution_dppx(v: &str) -> Option<f64> {
    let v = v.trim();
    if let Some(n) = v.strip_suffix("dppx") {
        n.parse().ok()
    } else if let Some(n) = v.strip_suffix("dpi") {
        n.parse::<f64>().ok().map(|d| d / 96.0)
    } else if let Some(n) = v.strip_suffix('x') {
        n.parse().ok()
    } else {
        v.parse().ok()
    }
}

/// The environment's value of a numeric feature.
/// Parses a feature value into the unit the environment's value is in.
type ValueParser = fn(&str) -> Option<f64>;

fn numeric(name: &str) -> Option<(f64, ValueParser)> {
    Some(match name {
        "width" | "device-width" => (VIEWPORT_WIDTH, length_px),
        "height" | "device-height" => (VIEWPORT_HEIGHT, length_px),
        "aspect-ratio" | "device-aspect-ratio" => (VIEWPORT_WIDTH / VIEWPORT_HEIGHT, ratio),
        "resolution" | "-webkit-device-pixel-ratio" => (1.0, resolution_dppx),
        "color" => (8.0, |v| v.parse().ok()),
        "monochrome" => (0.0, |v| v.parse().ok()),
        _ => return None,
    })
}

fn feature(name: &str, value: Option<&str>) -> Option<bool> {
    for (prefix, cmp) in [
        ("min-", 1),
        ("max-", -1),
        ("-webkit-min-", 1),
        ("-webkit-max-", -1),
    ] {
        if let Some(base) = name.strip_prefix(prefix) {
            let (actual, parse) = numeric(base)?;
            let wanted = parse(value?)?;
            return Some(if cmp > 0 {
                actual >= wanted
            } else {
                actual <= wanted
            });
        }
    }
    if let Some((actual, parse)) = numeric(name) {
        return Some(match value {
            None => actual != 0.0,
            Some(v) => (actual - parse(v)?).abs() < 1e-9,
        });
    }
    let value = value.unwrap_or("");
    let env: &[(&str, &[&str])] = &[
        ("orientation", &["landscape"]),
        ("prefers-color-scheme", &["light"]),
        ("prefers-reduced-motion", &["no-preference"]),
        ("prefers-reduced-transparency", &["no-preference"]),
        ("prefers-contrast", &["no-preference"]),
        ("forced-colors", &["none"]),
        ("inverted-colors", &["none"]),
        ("hover", &["hover"]),
        ("any-hover", &["hover"]),
        ("pointer", &["fine"]),
        ("any-pointer", &["fine"]),
        ("display-mode", &["browser"]),
        ("scripting", &["enabled"]),
        ("update", &["fast"]),
        ("color-gamut", &["srgb"]),
        ("dynamic-range", &["standard"]),
        ("overflow-block", &["scroll"]),
        ("overflow-inline", &["scroll"]),
        ("grid", &["0"]),
    ];
    let (_, values) = env.iter().find(|(n, _)| *n == name)?;
    Some(if value.is_empty() {
        // Boolean context: true unless the feature's value is its "none" value.
        !matches!(values[0], "none" | "no-preference" | "0")
    } else {
        values.contains(&value)
    })
}

/// Range syntax: `(width >= 600px)`, `(400px < width)`.
fn range(a: &str, op: &str, b: &str) -> Option<bool> {
    let (name, value, flipped) = if numeric(a).is_some() {
        (a, b, false)
    } else {
        (b, a, true)
    };
    let (actual, parse) = numeric(name)?;
    let v = parse(value)?;
    let (l, r) = if flipped { (v, actual) } else { (actual, v) };
    Some(match op {
        "<=" => l <= r,
        ">=" => l >= r,
        "<" => l < r,
        ">" => l > r,
        _ => (l - r).abs() < 1e-9,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_viewport_queries() {
        assert!(media_matches(""));
        assert!(media_matches("screen"));
        assert!(media_matches("all and (min-width: 1024px)"));
        assert!(!media_matches("print"));
        assert!(!media_matches("screen and (max-width: 600px)"));
        assert!(media_matches("print, (min-width: 40em)"));
        assert!(media_matches("not print"));
        assert!(media_matches("(width >= 1280px)"));
        assert!(!media_matches("(400px < width < 1000px)"));
        assert!(!media_matches("(prefers-color-scheme: dark)"));
        assert!(media_matches("(prefers-reduced-motion: no-preference)"));
        assert!(!media_matches("(forced-colors: active)"));
        assert!(!media_matches("(unknown-feature: 1)"));
        assert!(media_matches(
            "only screen and (min-width: 48em) and (orientation: landscape)"
        ));
        assert!(!media_matches(
            "screen and (min-width: 48em) and (max-width: 64em)"
        ));
        assert!(media_matches("(min-resolution: 1dppx)"));
        assert!(!media_matches("(-webkit-min-device-pixel-ratio: 2)"));
        assert!(media_matches("(not (max-width: 600px))"));
    }
}
