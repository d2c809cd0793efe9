//! Reads the JSON report (the public contract every front-end writes) back into the
//! [`Report`] the formats render: `portalscan merge` joins several, the Wasm package renders
//! its own report as SARIF or HTML. Findings are deduplicated by fingerprint and page URL,
//! pages and errors are unioned.

use std::collections::HashSet;

use serde::Deserialize;
use serde_json::{Map, Value};

use portalscan_core::report::bounds::Truncated;
use portalscan_core::report::json::REPORT_VERSION;
use portalscan_core::{Finding, Outcome};

use crate::{InputError, Report, ScannedPage};

/// The parts of a JSON report that merging reads. Unknown fields are allowed (reports only
/// gain fields); `pages[]` keeps its extras.
#[derive(Deserialize)]
pub struct JsonReport {
    version: u32,
    tool: Tool,
    findings: Vec<Finding>,
    #[serde(default)]
    baselined: Vec<Finding>,
    #[serde(default)]
    errors: Vec<JsonError>,
    #[serde(default)]
    summary: Map<String, Value>,
    #[serde(default)]
    pages: Vec<JsonPage>,
    #[serde(default)]
    gate: Option<JsonGate>,
}

#[derive(Deserialize)]
struct Tool {
    name: String,
}

#[derive(Deserialize)]
struct JsonError {
    input: String,
    message: String,
}

#[derive(Deserialize)]
struct JsonPage {
    #[serde(default)]
    input: String,
    url: String,
    #[serde(flatten)]
    extra: Map<String, Value>,
}

#[derive(Deserialize)]
struct JsonGate {
    baseline: Option<String>,
}

/// One report from its bytes; the error names `label` and says what is wrong.
pub fn parse(label: &str, bytes: &[u8]) -> Result<JsonReport, InputError> {
    let not_report =
        |why: String| InputError::new(label, format!("not a portalscan JSON report: {why}"));
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        not_report(format!(
            "invalid JSON: {}",
            portalscan_core::phi::redact_parser_message(&e.to_string())
        ))
    })?;
    if value["tool"]["name"] != "portalscan" {
        return Err(not_report("no \"tool\": {\"name\": \"portalscan\"}".into()));
    }
    let report: JsonReport = serde_json::from_value(value)
        .map_err(|e| not_report(portalscan_core::phi::redact_parser_message(&e.to_string())))?;
    if report.tool.name != "portalscan" || report.version > REPORT_VERSION {
        return Err(not_report(format!(
            "report version {} is newer than this portalscan reads (up to {REPORT_VERSION})",
            report.version
        )));
    }
    Ok(report)
}

/// Merges the reports. Those that could not be read (`Err`) become errors in the merged
/// report; the others are still merged.
///
/// `artifact` names a page's source for SARIF from its URL and input (the CLI makes local
/// paths relative to its working directory).
pub fn merge(
    reports: impl IntoIterator<Item = Result<JsonReport, InputError>>,
    include_passes: bool,
    artifact: impl Fn(&str, &str) -> String,
) -> Report {
    let mut pages: Vec<ScannedPage> = Vec::new();
    let mut errors: Vec<InputError> = Vec::new();
    let mut seen_errors = HashSet::new();
    let mut seen_findings = HashSet::new();
    let mut passes_known = true;
    let mut baseline = None;
    for report in reports {
        let report = match report {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        passes_known &= report.summary.contains_key("pass");
        if let Some(label) = report.gate.and_then(|g| g.baseline) {
            baseline.get_or_insert(label);
        }
        for p in report.pages {
            page_for(&mut pages, &p.url, &p.input, p.extra, &artifact);
        }
        for (finding, accepted) in report
            .findings
            .into_iter()
            .map(|f| (f, false))
            .chain(report.baselined.into_iter().map(|f| (f, true)))
        {
            // Equal fingerprints on one URL are one finding seen by two shards.
            let key = (finding.fingerprint.clone(), finding.url.clone());
            if !finding.fingerprint.is_empty() && !seen_findings.insert(key) {
                continue;
            }
            let page = page_for(&mut pages, &finding.url, "", Map::new(), &artifact);
            if accepted {
                page.baselined.push(finding);
            } else {
                page.findings.push(finding);
            }
        }
        for e in report.errors {
            if seen_errors.insert((e.input.clone(), e.message.clone())) {
                errors.push(InputError::new(e.input, e.message));
            }
        }
    }
    let any_pass = pages
        .iter()
        .flat_map(|p| &p.findings)
        .any(|f| f.outcome == Outcome::Pass);
    Report {
        pages,
        errors,
        include_passes: include_passes || any_pass,
        passes_known: passes_known && any_pass,
        baseline,
        gate: None,
    }
}

/// The page with this URL, added (at the end, keeping first-seen order) if new.
fn page_for<'a>(
    pages: &'a mut Vec<ScannedPage>,
    url: &str,
    input: &str,
    mut extra: Map<String, Value>,
    artifact: &impl Fn(&str, &str) -> String,
) -> &'a mut ScannedPage {
    // `truncated` is a typed field of the page (the formats read it), not an extra.
    let truncated: Vec<Truncated> = extra
        .remove("truncated")
        .and_then(|t| serde_json::from_value(t).ok())
        .unwrap_or_default();
    let index = match pages.iter().position(|p| p.url == url) {
        Some(i) => {
            let page = &mut pages[i];
            if (page.input.is_empty() || page.input == page.url) && !input.is_empty() {
                page.input = input.to_string();
            }
            for (k, v) in extra {
                page.extra.entry(k).or_insert(v);
            }
            if page.truncated.is_empty() {
                page.truncated = truncated;
            }
            i
        }
        None => {
            let input = if input.is_empty() { url } else { input };
            pages.push(ScannedPage {
                input: input.to_string(),
                url: url.to_string(),
                artifact: artifact(url, input),
                findings: Vec::new(),
                baselined: Vec::new(),
                truncated,
                extra,
            });
            pages.len() - 1
        }
    };
    &mut pages[index]
}
