//! WCAG 1.3.4 Orientation: the page is not locked to portrait or landscape by CSS that
//! rotates it by a quarter turn under an `@media (orientation: …)` condition. ACT b33eff.
//!
//! The conditional rules are read from the page's `<style>` elements ([`crate::sheet`]):
//! computed styles hold only one window's answer. A linked stylesheet that could not be
//! loaded, or a selector more complex than [`crate::sheet::simple_match`] reads, leaves the
//! question to review. Stylesheets loaded by `<link>` are not in the snapshot, and
//! constructed stylesheets (native-shadow LWC) neither: they are not read.

use crate::dom::NodeId;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};
use crate::sheet::{matching_elements, style_sheets};

static META: RuleMeta = RuleMeta {
    id: "css-orientation-lock",
    title: "The page is not locked to one orientation by CSS",
    category: Category::Accessibility,
    wcag: &["1.3.4"],
    act: &["b33eff"],
    help: "Remove the rotation from the @media (orientation: …) rule: let the page reflow \
           in both orientations. Patients with a tablet mounted on a wheelchair or a bed \
           cannot turn the device to read a page that is rotated by 90 degrees.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::fail(
            "<style>@media (orientation: portrait) { html { transform: rotate(90deg) } }</style>\
             <p>Your appointments</p>",
        ),
        Example::fail(
            "<style>@media screen and (orientation: landscape) { #app { rotate: -0.25turn } }</style>\
             <div id=app>Your appointments</div>",
        ),
        Example::fail(
            "<style>@media (orientation: portrait) { body.portal { transform: matrix(0, 1, -1, 0, 0, 0) } }</style>\
             <body class=portal><p>Your appointments</p></body>",
        ),
        // Half a turn, or no orientation condition: not a lock.
        Example::pass(
            "<style>@media (orientation: portrait) { html { transform: rotate(180deg) } }</style>\
             <p>Your appointments</p>",
        ),
        Example::inapplicable(
            "<style>@media (min-width: 600px) { html { transform: rotate(90deg) } }</style>\
             <p>Your appointments</p>",
        ),
        Example::inapplicable(
            "<style>@media (orientation: portrait) { .banner { transform: rotate(90deg) } }</style>\
             <p>Your appointments</p>",
        ),
        // A selector the reader does not match: a person checks it.
        Example::review(
            "<style>@media (orientation: portrait) { main:not(.x) { transform: rotate(90deg) } }</style>\
             <main>Your appointments</main>",
        ),
        // A linked stylesheet that could not be read may hold a lock.
        Example::review("<link rel=stylesheet href=/s/site.css><p>Your appointments</p>"),
    ],
};

crate::rule!(CssOrientationLock = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let dom = cx.dom;
    let mut reported = false;
    for (style_el, sheet) in style_sheets(dom) {
        for rule in &sheet.rules {
            let Some(media) = rule
                .media
                .iter()
                .find(|m| m.to_ascii_lowercase().contains("orientation"))
            else {
                continue;
            };
            let Some((decl, turn)) = rule.declarations.iter().find_map(|d| {
                let angle = match d.property.as_str() {
                    "transform" => transform_rotation(&d.value),
                    "rotate" => angle_degrees(d.value.split_whitespace().last().unwrap_or("")),
                    _ => None,
                }?;
                Some((d, angle))
            }) else {
                continue;
            };
            let quarter = (turn.rem_euclid(180.0) - 90.0).abs() < 0.5;
            let what = format!(
                "The rule @media {media} {{ {} {{ {}: {} }} }}",
                rule.selector, decl.property, decl.value
            );
            let Some(targets) = matching_elements(dom, dom.tree_root(style_el), &rule.selector)
            else {
                reported = true;
                sink.review(
                    style_el,
                    format!(
                        "{what} rotates what this selector matches when the device turns; \
                         check whether it rotates the page's content by a quarter turn."
                    ),
                );
                continue;
            };
            let targets: Vec<NodeId> = targets
                .into_iter()
                .filter(|&id| cx.a11y.is_rendered(id))
                .filter(|&id| !dom.text_content(id).trim().is_empty())
                .collect();
            for id in targets {
                if quarter {
                    reported = true;
                    sink.fail(
                        id,
                        format!(
                            "{what} turns this content by a quarter turn in one orientation: \
                             the page is locked to the other."
                        ),
                    );
                } else {
                    sink.pass(id);
                }
            }
        }
    }
    if !reported
        && let Some(sheets) = cx.snapshot.stylesheets_not_loaded.as_ref()
        && !sheets.is_empty()
    {
        sink.review(
            cx.page_node(),
            format!(
                "{} stylesheet(s) could not be loaded ({}): an orientation lock there would \
                 not be seen; check the page in both orientations.",
                sheets.len(),
                sheets.join(", ")
            ),
        );
    }
}

/// The rotation, in degrees, a `transform` value applies about the z axis (`rotate()`,
/// `rotateZ()`, a 2D `matrix()`), summed over its functions. `None` without rotation.
fn transform_rotation(value: &str) -> Option<f64> {
    let lower = value.to_ascii_lowercase();
    let mut total = None;
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('(') {
        let name = rest[..open]
            .rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
            .next()
            .unwrap_or("");
        let close = rest[open..].find(')').map(|i| open + i)?;
        let args: Vec<&str> = rest[open + 1..close].split(',').map(str::trim).collect();
        let angle = match name {
            "rotate" | "rotatez" => args.first().and_then(|a| angle_degrees(a)),
            "matrix" if args.len() == 6 => {
                let a: f64 = args[0].parse().ok()?;
                let b: f64 = args[1].parse().ok()?;
                Some(b.atan2(a).to_degrees())
            }
            _ => None,
        };
        if let Some(a) = angle {
            total = Some(total.unwrap_or(0.0) + a);
        }
        rest = &rest[close + 1..];
    }
    total
}

/// A CSS angle in degrees (`90deg`, `0.25turn`, `100grad`, `1.5708rad`, `0`).
fn angle_degrees(text: &str) -> Option<f64> {
    let t = text.trim().to_ascii_lowercase();
    let (number, factor) = if let Some(n) = t.strip_suffix("deg") {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix("grad") {
        (n, 0.9)
    } else if let Some(n) = t.strip_suffix("rad") {
        (n, 180.0 / std::f64::consts::PI)
    } else if let Some(n) = t.strip_suffix("turn") {
        (n, 360.0)
    } else if t == "0" {
        (t.as_str(), 0.0)
    } else {
        return None;
    };
    number.trim().parse::<f64>().ok().map(|n| n * factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rotations() {
        assert_eq!(transform_rotation("rotate(90deg)"), Some(90.0));
        assert_eq!(
            transform_rotation("translateX(10px) rotateZ(-0.25turn)"),
            Some(-90.0)
        );
        assert!((transform_rotation("matrix(0, 1, -1, 0, 0, 0)").unwrap() - 90.0).abs() < 1e-9);
        assert_eq!(transform_rotation("scale(2)"), None);
        assert_eq!(angle_degrees("100grad"), Some(90.0));
        assert_eq!(angle_degrees("90"), None);
    }
}
