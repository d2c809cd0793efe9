//! WCAG 2.2.2 Pause, Stop, Hide: a CSS animation or transition that moves or blinks content
//! for more than 5 seconds (or forever) has a way to pause or stop it.
//!
//! What runs is read from the page's `<style>` elements and `style` attributes
//! ([`crate::sheet`]): the animation's keyframes say whether it moves or blinks content, its
//! duration and iteration count how long. Whether the page's controls really pause it is
//! script behaviour, so the rule never fails: it asks for review with what it saw, and
//! passes when the page has a control named to pause or stop. Rules inside
//! `@media (prefers-reduced-motion: reduce)` are the page's reduced version and are not
//! read as animations. Loading spinners (`role=status`/`progressbar`, SLDS `slds-spinner`)
//! stop when loading ends and are left out.

use crate::a11y::rendering::inline_declarations;
use crate::dom::{ElementRef, NodeId};
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};
use crate::sheet::{Declaration, Keyframes, matching_elements, style_sheets};

static META: RuleMeta = RuleMeta {
    id: "animation-pause",
    title: "Content that moves for more than 5 seconds can be paused",
    category: Category::Accessibility,
    wcag: &["2.2.2"],
    act: &[],
    help: "Stop the animation within 5 seconds, or add a visible Pause button that sets \
           animation-play-state: paused (and honour prefers-reduced-motion). Moving or \
           blinking content distracts patients with attention or reading difficulties \
           from the form or message they are reading.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::review(
            "<style>@keyframes slide { from { transform: translateX(0) } to { transform: translateX(-100%) } }\
             .news { animation: slide 8s linear infinite }</style>\
             <div class=news>Flu shots are available at every clinic</div>",
        ),
        Example::review(
            "<style>@keyframes pulse { 50% { opacity: 0 } }</style>\
             <p style='animation-name: pulse; animation-duration: 2s; animation-iteration-count: 3'>New message</p>",
        ),
        // A control named to pause it: the rule passes (whether it works is script).
        Example::pass(
            "<style>@keyframes slide { to { transform: translateX(-100%) } }\
             .news { animation: slide 8s linear infinite }</style>\
             <div class=news>Flu shots are available at every clinic</div>\
             <button type=button>Pause news</button>",
        ),
        // Look-alikes: short, colour-only, reduced motion, a loading spinner.
        Example::inapplicable(
            "<style>@keyframes slide { to { transform: translateX(-100%) } }\
             .news { animation: slide 1s ease-out 2 }</style><div class=news>Flu shots</div>",
        ),
        Example::inapplicable(
            "<style>@keyframes tint { to { color: #0176d3 } }\
             .news { animation: tint 10s infinite }</style><div class=news>Flu shots</div>",
        ),
        Example::inapplicable(
            "<style>@keyframes spin { to { transform: rotate(360deg) } }\
             .slds-spinner { animation: spin 1s infinite }</style>\
             <div role=status class=slds-spinner_container><div class=slds-spinner>Loading</div></div>",
        ),
        Example::inapplicable(
            "<style>@keyframes slide { to { transform: translateX(-100%) } }\
             @media (prefers-reduced-motion: no-preference) { }\
             @media (prefers-reduced-motion: reduce) { .news { animation: slide 9s infinite } }</style>\
             <div class=news>Flu shots</div>",
        ),
        Example::review("<div style='transition: transform 6s'>Your visit summary</div>"),
    ],
};

/// WCAG 2.2.2's limit.
const LIMIT_SECONDS: f64 = 5.0;

/// Properties whose animation moves or blinks content.
const MOVING: &[&str] = &[
    "transform",
    "translate",
    "rotate",
    "scale",
    "left",
    "top",
    "right",
    "bottom",
    "margin",
    "margin-left",
    "margin-top",
    "margin-right",
    "margin-bottom",
    "inset",
    "offset-distance",
    "background-position",
    "opacity",
    "visibility",
    "display",
];

crate::rule!(AnimationPause = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let dom = cx.dom;
    let sheets = style_sheets(dom);
    let keyframes: Vec<&Keyframes> = sheets.iter().flat_map(|(_, s)| &s.keyframes).collect();
    // (node, what was seen), in document order of the rules.
    let mut seen: Vec<(NodeId, String)> = Vec::new();
    for (style_el, sheet) in &sheets {
        for rule in &sheet.rules {
            if rule
                .media
                .iter()
                .any(|m| m.to_ascii_lowercase().contains("reduce"))
            {
                continue;
            }
            let Some(what) = long_motion(&rule.declarations, &keyframes) else {
                continue;
            };
            let what = format!("{} {{ {what} }}", rule.selector);
            match matching_elements(dom, dom.tree_root(*style_el), &rule.selector) {
                Some(targets) => seen.extend(targets.into_iter().map(|t| (t, what.clone()))),
                None => seen.push((*style_el, what)),
            }
        }
    }
    for el in dom.elements().filter(|e| e.has_attr("style")) {
        let declarations: Vec<Declaration> = inline_declarations(el)
            .into_iter()
            .map(|d| Declaration {
                property: d.property,
                value: d.value,
                important: d.important,
            })
            .collect();
        if let Some(what) = long_motion(&declarations, &keyframes) {
            seen.push((el.id, format!("style=\"{what}\"")));
        }
    }
    let seen: Vec<(NodeId, String)> = seen
        .into_iter()
        .filter(|(id, _)| {
            cx.a11y.is_rendered(*id) || dom.element(*id).is_some_and(|e| e.is("style"))
        })
        .filter(|(id, _)| {
            dom.element(*id)
                .is_some_and(|e| !is_loading_indicator(cx, e))
        })
        .collect();
    if seen.is_empty() {
        return;
    }
    let control = dom.elements().find(|e| {
        matches!(
            cx.a11y.role(*e),
            Some("button" | "link" | "switch" | "checkbox")
        ) && cx.a11y.is_rendered(e.id)
            && {
                let name = cx.a11y.name(*e).name.to_ascii_lowercase();
                name.contains("pause") || name.contains("stop")
            }
    });
    for (id, what) in seen {
        if control.is_some() {
            sink.pass(id);
        } else {
            sink.review(
                id,
                format!(
                    "This content moves or blinks for more than 5 seconds ({what}) and the \
                     page has no control named to pause or stop it; check that patients can \
                     pause it, or that it stops within 5 seconds."
                ),
            );
        }
    }
}

/// A loading spinner: it stops when loading ends.
fn is_loading_indicator(cx: &Context, el: ElementRef) -> bool {
    std::iter::once(el).chain(el.ancestors()).any(|a| {
        matches!(cx.a11y.role(a), Some("status" | "progressbar"))
            || a.attr("class").is_some_and(|c| c.contains("spinner"))
    })
}

/// What runs longer than 5 seconds and moves content, described; `None` if nothing does.
fn long_motion(declarations: &[Declaration], keyframes: &[&Keyframes]) -> Option<String> {
    let get = |p: &str| {
        declarations
            .iter()
            .rev()
            .find(|d| d.property == p)
            .map(|d| d.value.as_str())
    };
    if get("animation-play-state").is_some_and(|v| v.contains("paused")) {
        return None;
    }
    let mut found = Vec::new();
    // Animations: the shorthand's entries, with longhands over them.
    let mut entries: Vec<(Option<String>, f64, f64)> = get("animation")
        .map(|v| v.split(',').map(parse_animation).collect())
        .unwrap_or_default();
    let names: Option<Vec<&str>> =
        get("animation-name").map(|v| v.split(',').map(str::trim).collect());
    let durations: Option<Vec<f64>> = get("animation-duration").map(|v| {
        v.split(',')
            .map(|t| seconds(t.trim()).unwrap_or(0.0))
            .collect()
    });
    let counts: Option<Vec<f64>> = get("animation-iteration-count").map(|v| {
        v.split(',')
            .map(|c| iterations(c.trim()).unwrap_or(1.0))
            .collect()
    });
    let n = [entries.len(), names.as_ref().map_or(0, Vec::len)]
        .into_iter()
        .max()
        .unwrap_or(0);
    entries.resize(n, (None, 0.0, 1.0));
    for (i, e) in entries.iter_mut().enumerate() {
        if let Some(names) = &names {
            e.0 = Some(names[i % names.len()].to_string());
        }
        if let Some(d) = &durations {
            e.1 = d[i % d.len()];
        }
        if let Some(c) = &counts {
            e.2 = c[i % c.len()];
        }
    }
    for (name, duration, count) in entries {
        let Some(name) = name.filter(|n| n != "none") else {
            continue;
        };
        if duration <= 0.0 || duration * count <= LIMIT_SECONDS {
            continue;
        }
        let moves: Vec<&str> = keyframes
            .iter()
            .filter(|k| k.name == name)
            .flat_map(|k| &k.declarations)
            .map(|d| d.property.as_str())
            .filter(|p| MOVING.contains(p))
            .collect();
        if moves.is_empty() {
            continue;
        }
        let runs = if count.is_infinite() {
            format!("{}s, repeated forever", trim(duration))
        } else {
            format!(
                "{}s × {} = {}s",
                trim(duration),
                trim(count),
                trim(duration * count)
            )
        };
        found.push(format!("animation {name}: {runs}, animating {}", moves[0]));
    }
    // Transitions: a long transition of a property that moves content.
    if let Some(v) = get("transition") {
        for t in v.split(',') {
            let parts: Vec<&str> = t.split_whitespace().collect();
            let property = parts
                .iter()
                .find(|p| seconds(p).is_none() && !p.contains('('))
                .copied()
                .unwrap_or("all");
            let duration = parts.iter().find_map(|p| seconds(p)).unwrap_or(0.0);
            if duration > LIMIT_SECONDS && (property == "all" || MOVING.contains(&property)) {
                found.push(format!("transition of {property} over {}s", trim(duration)));
            }
        }
    }
    (!found.is_empty()).then(|| found.join("; "))
}

/// One entry of the `animation` shorthand: (name, duration in s, iteration count).
fn parse_animation(entry: &str) -> (Option<String>, f64, f64) {
    const KEYWORDS: &[&str] = &[
        "linear",
        "ease",
        "ease-in",
        "ease-out",
        "ease-in-out",
        "step-start",
        "step-end",
        "normal",
        "reverse",
        "alternate",
        "alternate-reverse",
        "forwards",
        "backwards",
        "both",
        "running",
        "paused",
        "infinite",
        "initial",
        "inherit",
        "unset",
    ];
    let (mut name, mut duration, mut count) = (None, None, 1.0);
    for part in entry.split_whitespace() {
        let lower = part.to_ascii_lowercase();
        if let Some(s) = seconds(&lower) {
            // The first time is the duration, the second the delay.
            duration = duration.or(Some(s));
        } else if let Some(c) = iterations(&lower) {
            count = c;
        } else if !KEYWORDS.contains(&lower.as_str()) && !lower.contains('(') {
            name = Some(part.to_string());
        }
    }
    (name, duration.unwrap_or(0.0), count)
}

/// A CSS time in seconds (`8s`, `500ms`).
fn seconds(text: &str) -> Option<f64> {
    let t = text.trim().to_ascii_lowercase();
    if let Some(ms) = t.strip_suffix("ms") {
        ms.parse::<f64>().ok().map(|v| v / 1000.0)
    } else {
        t.strip_suffix('s')?.parse::<f64>().ok()
    }
}

/// An iteration count (`3`, `infinite`).
fn iterations(text: &str) -> Option<f64> {
    if text.eq_ignore_ascii_case("infinite") {
        return Some(f64::INFINITY);
    }
    text.parse::<f64>().ok().filter(|c| *c >= 0.0)
}

fn trim(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_animation_shorthands() {
        assert_eq!(
            parse_animation("slide 8s linear 1s infinite"),
            (Some("slide".into()), 8.0, f64::INFINITY)
        );
        assert_eq!(
            parse_animation("500ms ease-in 2 fade"),
            (Some("fade".into()), 0.5, 2.0)
        );
        assert_eq!(seconds("0.5"), None);
    }
}
