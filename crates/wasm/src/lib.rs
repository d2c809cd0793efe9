//! The rule core in the browser. Three entry points, each crossing the JS/Wasm boundary
//! once per call with a JSON string (the collector in `js/collect.js` builds the whole
//! snapshot in JS first: crossing per element or per property would cost more than the
//! scan itself):
//! - [`scan_snapshot`]: snapshot JSON + options JSON in, the CLI's JSON report out;
//! - [`contrast`]: the core's colour parsing, compositing and WCAG ratio;
//! - [`captured_properties`]: the computed properties the collector must read;
//! - [`to_sarif`], [`to_html`]: a JSON report as SARIF or the HTML report, by the CLI's own
//!   writers (crates/report).
//!
//! Errors are thrown as JS `Error`s with a clear message; the JS API turns them into
//! rejected promises.

mod contrast;
mod report;
mod tools;

use wasm_bindgen::prelude::*;

pub use contrast::contrast_json;
pub use report::{ScanRequest, scan_json};
pub use tools::{matrix_json, pair_json};

/// Scans one snapshot (JSON, the core's snapshot format) with the given options (JSON,
/// see [`ScanRequest`]) and returns the report as JSON text.
#[wasm_bindgen(js_name = scanSnapshot)]
pub fn scan_snapshot(snapshot: &str, options: &str) -> Result<String, JsError> {
    scan_json(snapshot, options).map_err(|e| JsError::new(&e))
}

/// A JSON report (as [`scan_snapshot`] gives it) as SARIF 2.1.0, exactly as the CLI's
/// `--format sarif` writes the same report.
#[wasm_bindgen(js_name = toSarif)]
pub fn to_sarif(report: &str) -> Result<String, JsError> {
    report::read_report(report)
        .map(|r| portalscan_report::sarif::render(&r))
        .map_err(|e| JsError::new(&e))
}

/// A JSON report as the self-contained HTML report, exactly as the CLI's `--format html`
/// writes the same report (without the CLI's exit gate, which a browser has not).
#[wasm_bindgen(js_name = toHtml)]
pub fn to_html(report: &str) -> Result<String, JsError> {
    report::read_report(report)
        .map(|r| portalscan_report::html::render(&r))
        .map_err(|e| JsError::new(&e))
}

/// `{ratio, ratioText, foreground, background, aa, aaLarge, aaa, aaaLarge, nonText}` for
/// a text colour over a background (both any CSS Color 4 syntax); a translucent background
/// sits on `over` (default white, the canvas).
#[wasm_bindgen(js_name = contrastJson)]
pub fn contrast(fg: &str, bg: &str, over: Option<String>) -> Result<String, JsError> {
    contrast_json(fg, bg, over.as_deref()).map_err(|e| JsError::new(&e))
}

/// The computed style properties the collector reads, in the core's table order, as a
/// JSON array of `{"name", "when"}`: `when` lists the conditions (`{"on", "values",
/// "negate"}`: property `on`, read earlier, has one of `values`, or with `negate` none)
/// of which one must hold for the value to matter (none listed: always read).
#[wasm_bindgen(js_name = capturedProperties)]
pub fn captured_properties() -> String {
    use portalscan_core::css;
    let table: Vec<serde_json::Value> = css::PROPERTIES
        .iter()
        .map(|p| {
            let when: Vec<serde_json::Value> = p
                .relevant_when()
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "on": c.on().name(),
                        "values": c.values(),
                        "negate": c.negate(),
                    })
                })
                .collect();
            serde_json::json!({ "name": p.name(), "when": when })
        })
        .collect();
    serde_json::to_string(&table).unwrap_or_default()
}

/// Rule ids, in the core's order (for option validation and UIs), as a JSON array.
#[wasm_bindgen(js_name = ruleIds)]
pub fn rule_ids() -> String {
    let ids: Vec<&str> = portalscan_core::rules::all()
        .iter()
        .map(|r| r.meta().id)
        .collect();
    serde_json::to_string(&ids).unwrap_or_default()
}

/// The contrast page's check of one pair (request and answer: see [`tools::pair_json`]).
#[wasm_bindgen(js_name = pairJson)]
pub fn pair(request: &str) -> Result<String, JsError> {
    pair_json(request).map_err(|e| JsError::new(&e))
}

/// Every text × background pair of a palette (see [`tools::matrix_json`]).
#[wasm_bindgen(js_name = matrixJson)]
pub fn matrix(request: &str) -> Result<String, JsError> {
    matrix_json(request).map_err(|e| JsError::new(&e))
}
