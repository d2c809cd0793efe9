//! The JSON report: a public contract (see the README). `findings` entries are
//! `portalscan_core::Finding` exactly as it serializes; fields are only ever added.

use serde::Serialize;

use portalscan_core::Finding;

use super::{TOOL_NAME, TOOL_VERSION};
use crate::gate::RuleCount;
use crate::report::Report;

/// The report format version; bump only on an incompatible change.
pub const REPORT_VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    tool: Tool,
    findings: Vec<&'a Finding>,
    /// Findings the baseline accepted: only with `--all`.
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<Vec<&'a Finding>>,
    errors: Vec<JsonError<'a>>,
    summary: Summary,
    pages: Vec<Page<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gate: Option<Gate<'a>>,
}

/// How the exit status was decided.
#[derive(Serialize)]
struct Gate<'a> {
    fail_on: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a str>,
    thresholds: &'a std::collections::BTreeMap<String, usize>,
    /// Rules over their threshold (which fail the run).
    failing: Vec<&'a RuleCount>,
    passed: bool,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonError<'a> {
    input: &'a str,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    pages: usize,
    fail: usize,
    review: usize,
    /// Only with `--all` (passes are not collected otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pass: Option<usize>,
    errors: usize,
    /// Findings the baseline accepted; only when a baseline was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    baselined: Option<usize>,
}

#[derive(Serialize)]
struct Page<'a> {
    input: &'a str,
    url: &'a str,
    #[serde(flatten)]
    extra: &'a serde_json::Map<String, serde_json::Value>,
}

pub fn render(report: &Report) -> String {
    let counts = report.counts();
    let json = JsonReport {
        version: REPORT_VERSION,
        tool: Tool {
            name: TOOL_NAME,
            version: TOOL_VERSION,
        },
        findings: report.listed().map(|l| l.finding).collect(),
        baselined: (report.include_passes && report.baseline.is_some())
            .then(|| report.listed_baselined().map(|l| l.finding).collect()),
        errors: report
            .errors
            .iter()
            .map(|e| JsonError {
                input: &e.input,
                message: &e.message,
            })
            .collect(),
        summary: Summary {
            pages: report.pages.len(),
            fail: counts.fail,
            review: counts.review,
            pass: counts.pass,
            errors: report.errors.len(),
            baselined: report.baselined(),
        },
        pages: report
            .pages
            .iter()
            .map(|p| Page {
                input: &p.input,
                url: &p.url,
                extra: &p.extra,
            })
            .collect(),
        gate: report.gate.as_ref().map(|v| Gate {
            fail_on: v.fail_on.as_str(),
            baseline: v.baseline.as_deref(),
            thresholds: &v.thresholds,
            failing: v.failing().collect(),
            passed: report.exit_code() == crate::report::exit::CLEAN,
        }),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&json).unwrap_or_default();
    out.push('\n');
    out
}
