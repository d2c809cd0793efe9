//! Runs portalscan's rules over the W3C ACT rules test suite and judges the results the
//! way the W3C judges implementations (<https://www.w3.org/WAI/standards-guidelines/act/implementations/>).
//!
//! Shared by `tests/act_suite.rs` (which fails on any inconsistency) and the `act-report`
//! binary (which writes `docs/act-conformance.md`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use portalscan_core::{Finding, Outcome, Rule, RuleSelection, ScanOptions, Snapshot, rules, scan};
use portalscan_html::{ResourceLoader, decode_html_bytes, snapshot_from_html};
use serde::Deserialize;

/// Where test-case URLs keep the suite's files; the rest of the path is under `content-assets/`.
const ASSET_PREFIX: &str = "/WAI/content-assets/";

/// The expected outcome of a test case, as `testcases.json` writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Expected {
    Passed,
    Failed,
    Inapplicable,
}

impl Expected {
    pub fn as_str(self) -> &'static str {
        match self {
            Expected::Passed => "passed",
            Expected::Failed => "failed",
            Expected::Inapplicable => "inapplicable",
        }
    }
}

/// What portalscan's findings on a test case amount to, in ACT terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Failed,
    CantTell,
    Passed,
    Inapplicable,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Failed => "failed",
            Verdict::CantTell => "cantTell",
            Verdict::Passed => "passed",
            Verdict::Inapplicable => "inapplicable",
        }
    }
}

/// Any fail makes the case failed; else any review makes it cantTell; else any pass makes
/// it passed; no finding at all means the rules found nothing to apply to.
pub fn classify(findings: &[Finding]) -> Verdict {
    let has = |o: Outcome| findings.iter().any(|f| f.outcome == o);
    if has(Outcome::Fail) {
        Verdict::Failed
    } else if has(Outcome::Review) {
        Verdict::CantTell
    } else if has(Outcome::Pass) {
        Verdict::Passed
    } else {
        Verdict::Inapplicable
    }
}

/// Whether a verdict contradicts the expected outcome (the W3C's definition): a failed case
/// that we pass or find inapplicable, or a passed/inapplicable case that we fail. cantTell
/// never contradicts.
pub fn contradicts(expected: Expected, got: Verdict) -> bool {
    match expected {
        Expected::Failed => matches!(got, Verdict::Passed | Verdict::Inapplicable),
        Expected::Passed | Expected::Inapplicable => got == Verdict::Failed,
    }
}

/// Whether the verdict is exactly the expected outcome.
pub fn matches_exactly(expected: Expected, got: Verdict) -> bool {
    matches!(
        (expected, got),
        (Expected::Passed, Verdict::Passed)
            | (Expected::Failed, Verdict::Failed)
            | (Expected::Inapplicable, Verdict::Inapplicable)
    )
}

#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TestCase {
    pub rule_id: String,
    pub rule_name: String,
    pub expected: Expected,
    pub testcase_id: String,
    pub testcase_title: String,
    pub relative_path: String,
    pub url: String,
    #[serde(default)]
    pub approved: bool,
}

#[derive(Deserialize)]
struct TestCasesFile {
    testcases: Vec<TestCase>,
}

/// One row of `selected-rules.json`: the rules whose test-case files the suite folder holds.
#[derive(Clone, Debug, Deserialize)]
pub struct SuiteRule {
    pub id: String,
    pub name: String,
    /// `approved` or `proposed`.
    pub status: String,
}

/// The suite folder, read-only.
pub struct Suite {
    pub dir: PathBuf,
    pub cases: Vec<TestCase>,
    /// The rules whose test-case files are present, in the suite's order.
    pub selected: Vec<SuiteRule>,
}

impl Suite {
    pub fn load(dir: &Path) -> Result<Suite, String> {
        let read = |p: PathBuf| {
            std::fs::read_to_string(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))
        };
        let cases: TestCasesFile = serde_json::from_str(&read(
            dir.join("content-assets/wcag-act-rules/testcases.json"),
        )?)
        .map_err(|e| format!("testcases.json: {e}"))?;
        let selected: Vec<SuiteRule> =
            serde_json::from_str(&read(dir.join("selected-rules.json"))?)
                .map_err(|e| format!("selected-rules.json: {e}"))?;
        Ok(Suite {
            dir: dir.to_path_buf(),
            cases: cases.testcases,
            selected,
        })
    }

    /// The file of a test case, if the suite folder has it.
    pub fn case_file(&self, case: &TestCase) -> Option<PathBuf> {
        let path = self
            .dir
            .join("content-assets/wcag-act-rules")
            .join(&case.relative_path);
        path.is_file().then_some(path)
    }
}

/// Serves stylesheets and frames' documents the way the W3C site would: any URL whose path starts with
/// `/WAI/content-assets/` (absolute, root-relative, or relative to the test case's URL)
/// is read from the suite's `content-assets/` folder.
pub struct SuiteAssets<'a> {
    pub content_assets: PathBuf,
    pub base_url: &'a str,
}

impl SuiteAssets<'_> {
    /// The file an asset URL names, if it is under `content-assets/`.
    pub fn file_for(&self, url: &str) -> Option<PathBuf> {
        let path = resolve_path(self.base_url, url)?;
        let rest = path.strip_prefix(ASSET_PREFIX)?;
        if rest.split('/').any(|s| s == ".." || s.is_empty()) {
            return None;
        }
        Some(self.content_assets.join(rest))
    }
}

impl ResourceLoader for SuiteAssets<'_> {
    fn stylesheet(&self, url: &str) -> Option<String> {
        let bytes = std::fs::read(self.file_for(url)?).ok()?;
        Some(String::from_utf8_lossy(&bytes).into_owned())
    }
    fn frame(&self, url: &str) -> Option<String> {
        let bytes = std::fs::read(self.file_for(url)?).ok()?;
        Some(portalscan_html::decode_html_bytes(&bytes))
    }
}

/// The path part (no query or fragment, dot segments removed) of `url` resolved against
/// `base`. Only what the suite needs: absolute URLs, `//host/...`, `/...` and relative paths.
pub fn resolve_path(base: &str, url: &str) -> Option<String> {
    let url = url.trim();
    let url = url.split(['#', '?']).next().unwrap_or("");
    let scheme_end = url
        .find(':')
        .filter(|&i| i > 0 && !url[..i].contains('/'))
        .filter(|&i| {
            url[..i]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c))
        });
    let after_authority = |rest: &str| format!("/{}", rest.split_once('/').map_or("", |(_, p)| p));
    let path = if let Some(i) = scheme_end {
        // Only hierarchical URLs (`https://host/...`) have a path to serve; not data:, mailto:.
        after_authority(url[i + 1..].strip_prefix("//")?)
    } else if let Some(rest) = url.strip_prefix("//") {
        after_authority(rest)
    } else if url.starts_with('/') {
        url.to_string()
    } else {
        let base_path = resolve_path("", base)?;
        let dir = &base_path[..base_path.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{url}")
    };
    Some(remove_dot_segments(&path))
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    for (i, seg) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        match *seg {
            "." => {
                if last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}", out.join("/"))
}

/// The snapshot a browser would have of a test case, from the static front-end: HTML
/// files are pages; `.svg` and `.xml` files are XML documents whose root is the file's
/// root element (not an `<html>` wrapper), as the front-end decides from the URL's
/// extension (`portalscan_html::is_xml_document_url`), the same way for `portalscan scan`.
pub fn case_snapshot(suite: &Suite, case: &TestCase, bytes: &[u8]) -> Snapshot {
    let text = decode_html_bytes(bytes);
    let assets = SuiteAssets {
        content_assets: suite.dir.join("content-assets"),
        base_url: &case.url,
    };
    snapshot_from_html(&text, &case.url, &assets)
}

/// ACT rule id -> the portalscan rules that declare it, from the live rule list (so rules
/// added by anyone are picked up).
pub fn act_mapping() -> BTreeMap<&'static str, Vec<&'static dyn Rule>> {
    let mut map: BTreeMap<&'static str, Vec<&'static dyn Rule>> = BTreeMap::new();
    for rule in rules::all() {
        for act in rule.meta().act {
            map.entry(*act).or_default().push(rule);
        }
    }
    map
}

/// One test case run.
#[derive(Debug)]
pub struct CaseResult {
    pub case: TestCase,
    pub got: Verdict,
    pub findings: Vec<Finding>,
}

impl CaseResult {
    pub fn inconsistent(&self) -> bool {
        contradicts(self.case.expected, self.got)
    }
    pub fn exact(&self) -> bool {
        matches_exactly(self.case.expected, self.got)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consistency {
    Consistent,
    PartiallyConsistent,
    Inconsistent,
    /// The suite folder has no test-case files for this rule.
    NoCases,
}

impl Consistency {
    pub fn as_str(self) -> &'static str {
        match self {
            Consistency::Consistent => "consistent",
            Consistency::PartiallyConsistent => "partially consistent",
            Consistency::Inconsistent => "inconsistent",
            Consistency::NoCases => "no test files",
        }
    }
}

/// W3C consistency of one implementation of an ACT rule over its cases.
pub fn consistency(cases: &[CaseResult]) -> Consistency {
    if cases.is_empty() {
        return Consistency::NoCases;
    }
    if cases.iter().any(CaseResult::inconsistent) {
        return Consistency::Inconsistent;
    }
    let failed_cases_all_failed = cases
        .iter()
        .filter(|c| c.case.expected == Expected::Failed)
        .all(|c| c.got == Verdict::Failed);
    if failed_cases_all_failed {
        Consistency::Consistent
    } else {
        Consistency::PartiallyConsistent
    }
}

/// Everything known about one ACT rule: its cases and how we did.
#[derive(Debug)]
pub struct ActRuleResult {
    pub id: String,
    pub name: String,
    pub approved: bool,
    /// Whether it is one of the suite folder's selected rules (its test files are present).
    pub in_suite: bool,
    pub our_rules: Vec<&'static str>,
    pub cases: Vec<CaseResult>,
    /// Cases listed in testcases.json whose files the folder does not have.
    pub missing_files: usize,
}

impl ActRuleResult {
    pub fn consistency(&self) -> Option<Consistency> {
        (!self.our_rules.is_empty()).then(|| consistency(&self.cases))
    }
    /// (cases expected `expected`, of which we got exactly right).
    pub fn tally(&self, expected: Expected) -> (usize, usize) {
        let of: Vec<&CaseResult> = self
            .cases
            .iter()
            .filter(|c| c.case.expected == expected)
            .collect();
        (of.len(), of.iter().filter(|c| c.exact()).count())
    }
    /// Cases per expected outcome in testcases.json (present or not).
    pub fn declared(&self, suite: &Suite, expected: Expected) -> usize {
        suite
            .cases
            .iter()
            .filter(|c| c.rule_id == self.id && c.expected == expected)
            .count()
    }
}

/// Runs one case with the given rules.
pub fn run_case(suite: &Suite, case: &TestCase, rules: &[&'static dyn Rule]) -> Option<CaseResult> {
    let bytes = std::fs::read(suite.case_file(case)?).ok()?;
    let snapshot = case_snapshot(suite, case, &bytes);
    let findings = scan(
        &snapshot,
        &ScanOptions {
            rules: RuleSelection::of(rules),
            ..ScanOptions::with_passes()
        },
    );
    Some(case_result(case, &findings, rules))
}

/// What one front-end's findings on a case amount to, with the rules that declare its ACT
/// rule only (a case page may draw findings from other rules too).
pub fn case_result(
    case: &TestCase,
    findings: &[Finding],
    rules: &[&'static dyn Rule],
) -> CaseResult {
    let ours: Vec<Finding> = findings
        .iter()
        .filter(|f| rules.iter().any(|r| r.meta().id == f.rule))
        .cloned()
        .collect();
    CaseResult {
        case: case.clone(),
        got: classify(&ours),
        findings: ours,
    }
}

/// Every suite rule (the selected 49) and every ACT rule a portalscan rule declares, with
/// the mapped ones run over their test cases. Ordered: suite order, then the rest by id.
pub fn run_suite(suite: &Suite) -> Vec<ActRuleResult> {
    run_suite_with(suite, |case, rules| run_case(suite, case, rules))
}

/// [`run_suite`] with another way to run a case (`None`: its file is missing).
pub fn run_suite_with(
    suite: &Suite,
    run: impl Fn(&TestCase, &[&'static dyn Rule]) -> Option<CaseResult>,
) -> Vec<ActRuleResult> {
    let mapping = act_mapping();
    let mut ids: Vec<String> = suite.selected.iter().map(|r| r.id.clone()).collect();
    for id in mapping.keys() {
        if !ids.iter().any(|i| i == id) {
            ids.push(id.to_string());
        }
    }
    ids.into_iter()
        .map(|id| {
            let rules = mapping.get(id.as_str()).cloned().unwrap_or_default();
            let listed: Vec<&TestCase> = suite.cases.iter().filter(|c| c.rule_id == id).collect();
            let selected = suite.selected.iter().find(|r| r.id == id);
            let name = selected
                .map(|r| r.name.clone())
                .or_else(|| listed.first().map(|c| c.rule_name.clone()))
                .unwrap_or_default();
            let approved = selected.map_or_else(
                || listed.first().is_some_and(|c| c.approved),
                |r| r.status == "approved",
            );
            let mut cases = Vec::new();
            let mut missing_files = 0;
            if !rules.is_empty() {
                for case in &listed {
                    match run(case, &rules) {
                        Some(result) => cases.push(result),
                        None => missing_files += 1,
                    }
                }
            }
            ActRuleResult {
                our_rules: rules.iter().map(|r| r.meta().id).collect(),
                in_suite: selected.is_some(),
                id,
                name,
                approved,
                cases,
                missing_files,
            }
        })
        .collect()
}

/// A readable account of one inconsistent case, for test failures and the report.
pub fn describe_case(result: &CaseResult) -> String {
    let c = &result.case;
    let mut out = format!(
        "{} {} \"{}\": expected {}, got {}",
        c.rule_id,
        c.relative_path,
        c.testcase_title,
        c.expected.as_str(),
        result.got.as_str()
    );
    if result.findings.is_empty() {
        out.push_str(" (no findings)");
    }
    for f in &result.findings {
        out.push_str(&format!(
            "\n      {} {} at `{}`{}",
            f.rule,
            f.outcome.as_str(),
            f.selector,
            if f.message.is_empty() {
                String::new()
            } else {
                format!(": {}", f.message)
            }
        ));
    }
    out
}

/// Every case that contradicts its expected outcome, in report order.
pub fn inconsistent_cases(results: &[ActRuleResult]) -> impl Iterator<Item = &CaseResult> {
    results
        .iter()
        .flat_map(|r| r.cases.iter())
        .filter(|c| c.inconsistent())
}

/// Failed cases we only answer cantTell for: what keeps a rule partially consistent.
pub fn cant_tell_failed_cases(results: &[ActRuleResult]) -> impl Iterator<Item = &CaseResult> {
    results
        .iter()
        .flat_map(|r| r.cases.iter())
        .filter(|c| c.case.expected == Expected::Failed && c.got == Verdict::CantTell)
}
