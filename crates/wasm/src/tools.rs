//! The contrast page's calls into [`portalscan_core::color_tools`], one JSON string in and
//! one out per call (the page recomputes on every keystroke; crossing once keeps it cheap):
//! - [`pair_json`]: one pair's ratio, verdicts, APCA, suggestions, palette picks and
//!   colour-vision simulations;
//! - [`matrix_json`]: every text × background pair of a palette.

use portalscan_core::color::{Rgba, format_ratio, parse_color};
use portalscan_core::color_tools::{
    self as tools, Changed, Deficiency, Level, Suggestion, nearest_in_palette, simulate,
};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PairRequest {
    fg: String,
    bg: String,
    /// The page colour under a translucent background (default white, the canvas).
    page: Option<String>,
    /// The level suggestions are searched for (a [`Level`] id; default `aa`).
    level: Option<String>,
    /// A loaded palette: nearest passing palette colours are picked from it.
    #[serde(default)]
    palette: Vec<String>,
}

#[derive(Deserialize)]
pub struct MatrixRequest {
    colours: Vec<String>,
    page: Option<String>,
}

fn parse(what: &str, text: &str) -> Result<Rgba, String> {
    parse_color(text).map_err(|e| format!("{what} colour {text:?}: {e}"))
}

fn level_of(id: Option<&str>) -> Result<Level, String> {
    let id = id.unwrap_or("aa");
    Level::from_id(id).ok_or_else(|| format!("unknown level {id:?}"))
}

fn verdicts(ratio: f64) -> Value {
    let mut m = serde_json::Map::new();
    for l in Level::ALL {
        m.insert(l.id().into(), l.passes(ratio).into());
    }
    Value::Object(m)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SuggestionOut {
    changed: &'static str,
    fg: String,
    bg: String,
    ratio: f64,
    ratio_text: String,
    distance: f64,
}

impl From<&Suggestion> for SuggestionOut {
    fn from(s: &Suggestion) -> Self {
        SuggestionOut {
            changed: s.changed.id(),
            fg: tools::hex(s.fg),
            bg: tools::hex(s.bg),
            ratio: s.ratio,
            ratio_text: format_ratio(s.ratio),
            distance: s.distance,
        }
    }
}

pub fn pair_json(request: &str) -> Result<String, String> {
    let req: PairRequest =
        serde_json::from_str(request).map_err(|e| format!("bad request: {e}"))?;
    let fg = parse("text", &req.fg)?;
    let bg = parse("background", &req.bg)?;
    let page = match req.page.as_deref() {
        Some(p) => parse("page", p)?,
        None => Rgba::WHITE,
    };
    let level = level_of(req.level.as_deref())?;
    let check = tools::check(fg, bg, page);
    let passes = level.passes(check.ratio);

    // Suggestions only for a failing pair: a passing one needs none.
    let suggestions: Vec<SuggestionOut> = if passes {
        Vec::new()
    } else {
        tools::suggest_both(fg, bg, page, level)
            .iter()
            .map(SuggestionOut::from)
            .collect()
    };
    let palette: Vec<(String, Rgba)> = req
        .palette
        .iter()
        .filter_map(|t| parse_color(t).ok().map(|c| (t.clone(), c)))
        .collect();
    let colours: Vec<Rgba> = palette.iter().map(|p| p.1).collect();
    let pick = |changed: Changed| {
        if passes || colours.is_empty() {
            return Value::Null;
        }
        match nearest_in_palette(fg, bg, page, level, changed, &colours) {
            Some((i, ratio, distance)) => json!({
                "colour": palette[i].0,
                "hex": tools::hex(colours[i]),
                "ratio": ratio,
                "ratioText": format_ratio(ratio),
                "distance": distance,
            }),
            None => Value::Null,
        }
    };
    let simulations: Vec<Value> = Deficiency::ALL
        .iter()
        .map(|&d| {
            let (f, b) = (simulate(check.screen.fg, d), simulate(check.screen.bg, d));
            let ratio = portalscan_core::color::contrast_ratio(f, b);
            json!({
                "deficiency": d.id(),
                "fg": tools::hex(f),
                "bg": tools::hex(b),
                "ratio": ratio,
                "ratioText": format_ratio(ratio),
            })
        })
        .collect();

    let out = json!({
        "ratio": check.ratio,
        "ratioText": check.ratio_text,
        "fg": tools::hex(fg),
        "bg": tools::hex(bg),
        "screen": { "fg": tools::hex(check.screen.fg), "bg": tools::hex(check.screen.bg) },
        "verdicts": verdicts(check.ratio),
        "level": level.id(),
        "threshold": level.threshold(),
        "passes": passes,
        "apca": check.apca,
        "suggestions": suggestions,
        "palette": { "foreground": pick(Changed::Foreground), "background": pick(Changed::Background) },
        "simulations": simulations,
    });
    Ok(out.to_string())
}

pub fn matrix_json(request: &str) -> Result<String, String> {
    let req: MatrixRequest =
        serde_json::from_str(request).map_err(|e| format!("bad request: {e}"))?;
    let page = match req.page.as_deref() {
        Some(p) => parse("page", p)?,
        None => Rgba::WHITE,
    };
    let parsed: Vec<Result<Rgba, String>> = req
        .colours
        .iter()
        .map(|t| parse_color(t).map_err(|e| e.to_string()))
        .collect();
    let colours: Vec<Value> = req
        .colours
        .iter()
        .zip(&parsed)
        .map(|(t, p)| match p {
            Ok(c) => json!({ "input": t, "hex": tools::hex(*c) }),
            Err(e) => json!({ "input": t, "error": e }),
        })
        .collect();
    // Rows are text colours, columns backgrounds; an unparsable colour's cells are null.
    let cells: Vec<Vec<Value>> = parsed
        .iter()
        .map(|fg| {
            parsed
                .iter()
                .map(|bg| match (fg, bg) {
                    (Ok(f), Ok(b)) => {
                        let ratio = tools::pair_ratio(*f, *b, page);
                        json!({
                            "ratio": ratio,
                            "ratioText": format_ratio(ratio),
                            "best": best_level(ratio),
                        })
                    }
                    _ => Value::Null,
                })
                .collect()
        })
        .collect();
    Ok(json!({ "colours": colours, "cells": cells }).to_string())
}

/// The highest text level a ratio meets: `aaa`, `aa`, `aa-large` (3:1, also 1.4.11) or
/// `fail`.
fn best_level(ratio: f64) -> &'static str {
    [Level::AaaNormal, Level::AaNormal, Level::AaLarge]
        .into_iter()
        .find(|l| l.passes(ratio))
        .map_or("fail", Level::id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(req: Value) -> Value {
        serde_json::from_str(&pair_json(&req.to_string()).unwrap()).unwrap()
    }

    #[test]
    fn a_failing_pair_gets_verdicts_suggestions_and_simulations() {
        let v = pair(json!({ "fg": "#777", "bg": "white", "palette": ["#747474", "bad"] }));
        assert_eq!(v["ratioText"], "4.47");
        assert_eq!(v["verdicts"]["aa"], false);
        assert_eq!(v["verdicts"]["aa-large"], true);
        assert_eq!(v["passes"], false);
        let s = v["suggestions"].as_array().unwrap();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0]["changed"], "foreground");
        assert_eq!(s[0]["fg"], "#767676");
        assert!(s.iter().all(|s| s["ratio"].as_f64().unwrap() >= 4.5));
        assert_eq!(v["palette"]["foreground"]["colour"], "#747474");
        assert_eq!(v["palette"]["background"], Value::Null);
        assert_eq!(v["simulations"].as_array().unwrap().len(), 4);
        assert!(v["apca"].as_f64().unwrap() > 60.0);
    }

    #[test]
    fn a_passing_pair_gets_no_suggestions() {
        let v = pair(json!({ "fg": "#000", "bg": "#fff", "level": "aaa" }));
        assert_eq!(v["passes"], true);
        assert_eq!(v["suggestions"], json!([]));
    }

    #[test]
    fn errors_name_the_input() {
        let e = pair_json(&json!({ "fg": "nope", "bg": "#fff" }).to_string()).unwrap_err();
        assert!(e.contains("text colour") && e.contains("nope"), "{e}");
        let e = pair_json(&json!({ "fg": "#000", "bg": "#fff", "level": "AA" }).to_string())
            .unwrap_err();
        assert!(e.contains("level"), "{e}");
    }

    #[test]
    fn the_matrix_rates_every_pair() {
        let out = matrix_json(&json!({ "colours": ["#000", "#fff", "#777", "x"] }).to_string());
        let v: Value = serde_json::from_str(&out.unwrap()).unwrap();
        assert_eq!(v["cells"][0][1]["best"], "aaa");
        assert_eq!(v["cells"][2][1]["best"], "aa-large");
        assert_eq!(v["cells"][2][1]["ratioText"], "4.47");
        assert_eq!(v["cells"][3][0], Value::Null);
        assert!(v["colours"][3]["error"].is_string());
    }
}
