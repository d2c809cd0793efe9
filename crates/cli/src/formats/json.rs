//! The JSON report: a public contract (see the README). `findings` entries are
//! `portalscan_core::Finding` exactly as it serializes; fields are only ever added.

use serde::Serialize;

use portalscan_core::report::bounds::Truncated;
use portalscan_core::report::json::{JsonError, JsonReport, Page, Summary, Tool};

use super::{TOOL_NAME, TOOL_VERSION};
use crate::gate::RuleCount;
use crate::report::{ExitCode, Report};

pub use portalscan_core::report::json::REPORT_VERSION;

/// How the exit status was decided.
#[derive(Serialize)]
struct Gate<'a> {
    fail_on: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    baseline: Option<&'a str>,
    thresholds: &'a std::collections::BTreeMap<String, usize>,
    /// Rules over their threshold (which fail the run).
    failing: Vec<&'a RuleCount>,
    /// With `--fail-on-gaps`: pages with coverage gaps (any fails the run).
    #[serde(skip_serializing_if = "Option::is_none")]
    pages_with_gaps: Option<usize>,
    passed: bool,
}

pub fn render(report: &Report) -> String {
    let counts = report.counts();
    // Only what the report lists is counted as left out (passes collected for other
    // formats are neither).
    let truncated: Vec<Vec<Truncated>> = report
        .pages
        .iter()
        .map(|p| report.truncated_on(p).cloned().collect())
        .collect();
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
            truncated: Summary::truncated(truncated.iter().map(Vec::as_slice)),
        },
        pages: report
            .pages
            .iter()
            .zip(&truncated)
            .map(|(p, truncated)| Page {
                input: &p.input,
                url: &p.url,
                truncated,
                extra: &p.extra,
            })
            .collect(),
        gate: report.gate.as_ref().map(|v| Gate {
            fail_on: v.fail_on,
            baseline: v.baseline.as_deref(),
            thresholds: &v.thresholds,
            failing: v.failing().collect(),
            pages_with_gaps: v.pages_with_gaps,
            passed: report.exit_code() == crate::report::exit::CLEAN,
        }),
    };
    // Serializing plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&json).unwrap_or_default();
    out.push('\n');
    out
}
