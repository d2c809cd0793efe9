//! One page in, the CLI's JSON report out (the shape is the core's
//! [`portalscan_core::report::json`], shared with the CLI's `--format json`).

use portalscan_core::phi::FingerprintKey;
use portalscan_core::report::bounds::{self, Truncated};
use portalscan_core::report::coverage::{self, Coverage, Gap};
use portalscan_core::report::json::{
    JsonError, JsonReport, NoGate, Page, REPORT_VERSION, Summary, Tool,
};
use portalscan_core::{
    Finding, Outcome, Rule, RuleSelection, ScanOptions, Snapshot, rules, scan_bounded,
};
use serde::Deserialize;

/// The options of `scan()` as the JS API passes them.
#[derive(Deserialize, Default, Debug)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct ScanRequest {
    /// Run only these rule ids (all rules when absent).
    pub rules: Option<Vec<String>>,
    /// Skip these rule ids.
    pub skip: Vec<String>,
    /// Also list passes (the CLI's `--all`).
    pub all: bool,
    /// Key of PHI fingerprints: equal keys group equal values across reports. The JS API
    /// draws a random one per scan when the caller gives none (as the CLI does per run).
    pub fingerprint_key: Option<String>,
    /// The page's `input` in the report (default: its URL).
    pub input: Option<String>,
    /// Facts the collector knows it could not read (closed shadow roots, frames...), added
    /// to those the snapshot leaves unknown.
    pub unknown: Vec<String>,
    /// List at most this many findings of one rule and outcome, counting the rest in
    /// `pages[0].truncated` (the CLI's `--max-findings-per-rule`; 0: all; default 500).
    pub max_findings_per_rule: Option<usize>,
}

pub fn scan_json(snapshot: &str, options: &str) -> Result<String, String> {
    let request: ScanRequest = if options.trim().is_empty() {
        ScanRequest::default()
    } else {
        serde_json::from_str(options).map_err(|e| format!("invalid scan options: {e}"))?
    };
    let snapshot: Snapshot =
        serde_json::from_str(snapshot).map_err(|e| format!("invalid snapshot: {e}"))?;
    let selected = select_rules(&request)?;
    let key = request
        .fingerprint_key
        .as_ref()
        .map(|k| FingerprintKey::new(k.as_bytes().to_vec()));
    let scanned = scan_bounded(
        &snapshot,
        &ScanOptions {
            include_passes: request.all,
            rules: RuleSelection::of(&selected),
            fingerprint_key: key,
            max_findings_per_rule: bounds::limit(request.max_findings_per_rule),
            ..ScanOptions::default()
        },
    );
    let mut unknown = unknown_facts(&snapshot);
    unknown.extend(request.unknown.iter().cloned());
    let gaps = coverage_gaps(&snapshot, &scanned.findings, &request.unknown);
    Ok(render(
        &snapshot,
        &request,
        &scanned.findings,
        &scanned.truncated,
        unknown,
        gaps,
    ))
}

/// The rules the options select; an unknown id is an error (a typo would silently run nothing).
fn select_rules(request: &ScanRequest) -> Result<Vec<&'static dyn Rule>, String> {
    let all = rules::all();
    let known = |id: &String| all.iter().any(|r| r.meta().id == id);
    for id in request.rules.iter().flatten().chain(&request.skip) {
        if !known(id) {
            return Err(format!("unknown rule id {id:?}"));
        }
    }
    Ok(all
        .into_iter()
        .filter(|r| {
            let id = r.meta().id;
            request
                .rules
                .as_ref()
                .is_none_or(|only| only.iter().any(|o| o == id))
                && !request.skip.iter().any(|s| s == id)
        })
        .collect())
}

/// The snapshot facts left unknown (`None`), named as the README's `pages[].unknown` lists
/// them (the core's list, which the coverage list uses too).
pub fn unknown_facts(s: &Snapshot) -> Vec<String> {
    coverage::unknown_facts(s)
        .into_iter()
        .map(String::from)
        .collect()
}

/// `pages[].coverage`: the core's gaps plus what the collector said it could not read
/// (`storage (why)` adds its reason to the core's `storage` gap; `frames` is left to the
/// core, which names each frame).
fn coverage_gaps(s: &Snapshot, findings: &[Finding], collector: &[String]) -> Vec<Gap> {
    let mut gaps = coverage::page_gaps(s, findings);
    for unknown in collector {
        let (what, reason) = match unknown.split_once(" (") {
            Some((what, reason)) => (what, Some(reason.trim_end_matches(')'))),
            None => (unknown.as_str(), None),
        };
        if what == "frames" {
            continue;
        }
        if let Some(gap) = gaps.iter_mut().find(|g| g.what == what) {
            if let Some(reason) = reason {
                gap.why = format!("{} ({reason})", gap.why);
            }
            continue;
        }
        let why = match what {
            "closed_shadow_roots" => {
                "closed shadow roots cannot be opened from inside the page: what they hold was \
                 not checked"
            }
            "paint_order" => {
                "paint order is unknown to a script in the page: text over overlapping \
                 content was not checked"
            }
            "text_backdrop" => {
                "a script in the page cannot read pixels: the contrast of text over a \
                 background image was not checked"
            }
            "focus_style" => "the focused style was not read: visible focus was not checked",
            _ => "the page's collector could not read it",
        };
        gaps.push(Gap::new(
            what,
            reason.map_or(why.to_string(), |r| format!("{why} ({r})")),
        ));
    }
    gaps
}

/// A JSON report read back into the model the CLI's writers render (as `portalscan merge`
/// reads one); a page's SARIF artifact is its URL, as the CLI names any page with a URL.
pub fn read_report(json: &str) -> Result<portalscan_report::Report, String> {
    let report =
        portalscan_report::read::parse("report", json.as_bytes()).map_err(|e| e.to_string())?;
    Ok(portalscan_report::read::merge(
        [Ok(report)],
        false,
        |url, _| url.to_string(),
    ))
}

fn render(
    snapshot: &Snapshot,
    request: &ScanRequest,
    findings: &[Finding],
    truncated: &[Truncated],
    unknown: Vec<String>,
    gaps: Vec<Gap>,
) -> String {
    // What the CLI lists: fails and reviews, passes only with `all`.
    let listed: Vec<&Finding> = findings
        .iter()
        .filter(|f| match f.outcome {
            Outcome::Fail | Outcome::Review => true,
            Outcome::Pass => request.all,
            Outcome::Inapplicable => false,
        })
        .collect();
    let count = |o: Outcome| listed.iter().filter(|f| f.outcome == o).count();
    let mut extra = serde_json::Map::new();
    extra.insert("unknown".into(), unknown.into());
    extra.insert("coverage".into(), Coverage::from_gaps(gaps).to_value());
    let url = portalscan_core::phi::redact_url(&snapshot.url);
    let input = request.input.clone().unwrap_or_else(|| url.clone());
    let report: JsonReport<'_, NoGate> = JsonReport {
        version: REPORT_VERSION,
        tool: Tool {
            name: "portalscan",
            version: env!("CARGO_PKG_VERSION"),
        },
        summary: Summary {
            pages: 1,
            fail: count(Outcome::Fail),
            review: count(Outcome::Review),
            pass: request.all.then(|| count(Outcome::Pass)),
            errors: 0,
            baselined: None,
            truncated: Summary::truncated([truncated]),
        },
        findings: listed,
        baselined: None,
        errors: Vec::<JsonError>::new(),
        pages: vec![Page {
            input: &input,
            url: &url,
            truncated,
            extra: &extra,
        }],
        gate: None,
    };
    serde_json::to_string(&report).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"{"url":"https://portal.example/s/home","source":"test","dom":[
        {"type":"document"},
        {"parent":0,"type":"element","name":"html","attrs":[]},
        {"parent":1,"type":"element","name":"body","attrs":[]},
        {"parent":2,"type":"element","name":"img","attrs":[["src","a.png"]]}]}"#;

    fn report(options: &str) -> serde_json::Value {
        serde_json::from_str(&scan_json(PAGE, options).unwrap()).unwrap()
    }

    #[test]
    fn report_has_the_cli_contract_and_lists_unknown_facts() {
        let r = report("");
        assert_eq!(r["version"], 1);
        assert_eq!(r["tool"]["name"], "portalscan");
        let findings = r["findings"].as_array().unwrap();
        assert!(
            findings
                .iter()
                .any(|f| f["rule"] == "image-name" && f["outcome"] == "fail")
        );
        assert!(findings.iter().all(|f| f["outcome"] != "pass"));
        assert_eq!(r["summary"]["pages"], 1);
        assert!(r["summary"].get("pass").is_none());
        let unknown = r["pages"][0]["unknown"].as_array().unwrap();
        assert!(unknown.iter().any(|u| u == "response"));
        // The coverage list says the same, with why, and the page is not complete.
        let coverage = &r["pages"][0]["coverage"];
        assert_eq!(coverage["complete"], false);
        let gaps = coverage["gaps"].as_array().unwrap();
        let response = gaps.iter().find(|g| g["what"] == "response").unwrap();
        assert!(response["why"].as_str().unwrap().contains("headers"));
    }

    #[test]
    fn collector_unknowns_are_coverage_gaps() {
        let r = report(
            r#"{"unknown":["closed_shadow_roots","frames","storage (SecurityError: denied)"]}"#,
        );
        let gaps = r["pages"][0]["coverage"]["gaps"].as_array().unwrap();
        let gap = |what: &str| {
            gaps.iter()
                .filter(|g| g["what"] == what)
                .collect::<Vec<_>>()
        };
        let closed = gap("closed_shadow_roots");
        assert_eq!(closed.len(), 1);
        assert!(
            closed[0]["why"]
                .as_str()
                .unwrap()
                .contains("cannot be opened")
        );
        // The storage reason joins the core's storage gap, never a second one.
        let storage = gap("storage");
        assert_eq!(storage.len(), 1, "{gaps:?}");
        assert!(
            storage[0]["why"]
                .as_str()
                .unwrap()
                .ends_with("(SecurityError: denied)")
        );
        // A page without frames has no frame gap, whatever the collector cannot do.
        assert!(
            gap("frames").is_empty() && gap("frame").is_empty(),
            "{gaps:?}"
        );
    }

    #[test]
    fn rules_and_skip_select_and_all_lists_passes() {
        let only = report(r#"{"rules":["image-name"],"all":true}"#);
        let findings = only["findings"].as_array().unwrap();
        assert!(!findings.is_empty());
        assert!(findings.iter().all(|f| f["rule"] == "image-name"));
        assert!(only["summary"]["pass"].is_number());
        let skipped = report(r#"{"skip":["image-name"]}"#);
        let findings = skipped["findings"].as_array().unwrap();
        assert!(findings.iter().all(|f| f["rule"] != "image-name"));
    }

    #[test]
    fn the_report_renders_as_the_cli_writes_sarif_and_html() {
        let json = scan_json(PAGE, r#"{"fingerprintKey":"k"}"#).unwrap();
        let report: serde_json::Value = serde_json::from_str(&json).unwrap();
        let finding = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["rule"] == "image-name")
            .unwrap();
        let model = read_report(&json).unwrap();
        let sarif: serde_json::Value =
            serde_json::from_str(&portalscan_report::sarif::render(&model)).unwrap();
        let results = sarif["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.len(), report["findings"].as_array().unwrap().len());
        let result = results
            .iter()
            .find(|r| r["ruleId"] == "image-name")
            .unwrap();
        assert_eq!(
            result["partialFingerprints"]["portalscanFingerprint/v1"],
            finding["fingerprint"]
        );
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "https://portal.example/s/home"
        );
        let html = portalscan_report::html::render(&model);
        assert!(html.contains("data-rule=\"image-name\""), "{html}");
        // The page's coverage gaps are listed, with why.
        assert!(html.contains("<code>response</code>: "), "{html}");
        let Err(e) = read_report("{\"version\":1}") else {
            panic!("a report without tool was read");
        };
        assert!(e.starts_with("report: not a portalscan JSON report"), "{e}");
    }

    #[test]
    fn bad_input_is_a_clear_error() {
        let e = scan_json(PAGE, r#"{"rules":["no-such-rule"]}"#).unwrap_err();
        assert!(e.contains("no-such-rule"), "{e}");
        let e = scan_json("{", "").unwrap_err();
        assert!(e.starts_with("invalid snapshot"), "{e}");
        let e = scan_json(PAGE, r#"{"bogus":1}"#).unwrap_err();
        assert!(e.starts_with("invalid scan options"), "{e}");
    }
}
