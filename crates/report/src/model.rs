//! The result of a scan run as every report format reads it: pages with their findings,
//! the inputs that could not be read, the baseline and the gate's verdict. Data and
//! counting only: no I/O (the CLI decides the exit status from it).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use portalscan_core::phi;
use portalscan_core::report::bounds::Truncated;
use portalscan_core::report::coverage::{Coverage, Gap};
use portalscan_core::{Finding, Outcome};

/// A scan run: what every format renders.
pub struct Report {
    pub pages: Vec<ScannedPage>,
    pub errors: Vec<InputError>,
    /// `--all`: list passes too.
    pub include_passes: bool,
    /// Whether the pages were scanned for passes (`--all`, or a format that needs them).
    pub passes_known: bool,
    /// The baseline applied (as the user named it), if any.
    pub baseline: Option<String>,
    /// The gate's verdict (the CLI's `--fail-on`, thresholds, baseline); `None` elsewhere.
    pub gate: Option<Verdict>,
}

/// A finding as reports list it, with its page and source line.
#[derive(Clone, Copy)]
pub struct Listed<'a> {
    pub page: &'a ScannedPage,
    pub finding: &'a Finding,
    pub line: Option<u32>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub fail: usize,
    pub review: usize,
    /// `None` when passes were not collected.
    pub pass: Option<usize>,
}

impl Report {
    /// Whether reports show findings with this outcome.
    pub fn lists(&self, outcome: Outcome) -> bool {
        match outcome {
            Outcome::Fail | Outcome::Review => true,
            Outcome::Pass => self.include_passes,
            Outcome::Inapplicable => false,
        }
    }

    /// The findings reports show, page by page in input order, each page in document order.
    pub fn listed(&self) -> impl Iterator<Item = Listed<'_>> + '_ {
        self.pages.iter().flat_map(move |page| {
            page.findings
                .iter()
                .filter(|f| self.lists(f.outcome))
                .map(move |finding| Listed {
                    page,
                    finding,
                    line: finding.line,
                })
        })
    }

    /// Baselined findings, listed only with `--all`, page by page.
    pub fn listed_baselined(&self) -> impl Iterator<Item = Listed<'_>> + '_ {
        self.pages
            .iter()
            .filter(|_| self.include_passes)
            .flat_map(move |page| {
                page.baselined.iter().map(move |finding| Listed {
                    page,
                    finding,
                    line: finding.line,
                })
            })
    }

    /// How many pages could not be fully evaluated (`pages[].coverage` has gaps).
    pub fn pages_with_gaps(&self) -> usize {
        self.pages.iter().filter(|p| !p.gaps().is_empty()).count()
    }

    /// How many findings the baseline suppressed; `None` without a baseline.
    pub fn baselined(&self) -> Option<usize> {
        self.baseline
            .as_ref()
            .map(|_| self.pages.iter().map(|p| p.baselined.len()).sum())
    }

    /// What the bound left out on `page`, of the outcomes reports show.
    pub fn truncated_on<'a>(
        &'a self,
        page: &'a ScannedPage,
    ) -> impl Iterator<Item = &'a Truncated> + 'a {
        page.truncated.iter().filter(|t| self.lists(t.outcome))
    }

    /// Findings over `--max-findings-per-rule` on all pages: counted, not listed.
    pub fn truncated(&self) -> usize {
        self.pages
            .iter()
            .flat_map(|p| self.truncated_on(p))
            .map(|t| t.omitted)
            .sum()
    }

    /// One warning per page, rule and outcome that the bound cut: `URL: 1500 more fail
    /// finding(s) of duplicate-id not listed …`. Every format shows them.
    pub fn truncation_warnings(&self) -> impl Iterator<Item = String> + '_ {
        self.pages.iter().flat_map(|page| {
            self.truncated_on(page)
                .map(move |t| format!("{}: {}", page.url, t.warning()))
        })
    }

    /// Outcomes over all pages.
    pub fn counts(&self) -> Counts {
        let mut counts = Counts::default();
        let mut pass = 0;
        for f in self.pages.iter().flat_map(|p| &p.findings) {
            match f.outcome {
                Outcome::Fail => counts.fail += 1,
                Outcome::Review => counts.review += 1,
                Outcome::Pass => pass += 1,
                Outcome::Inapplicable => {}
            }
        }
        // A pass count only with `--all`, as the README says, in every format: a crawl
        // that collects passes for JUnit's testcases does not show them elsewhere.
        counts.pass = self.include_passes.then_some(pass);
        counts
    }
}

/// One scanned page and everything the report formats need about it.
pub struct ScannedPage {
    /// The input as the user named it (`fixtures/a.html`, `-`).
    pub input: String,
    pub url: String,
    /// Where the page's source lives, for SARIF: a path relative to the working directory
    /// when it is under it, otherwise an absolute URL.
    pub artifact: String,
    /// Every finding; passes only when they were asked for. Baselined ones are moved out.
    pub findings: Vec<Finding>,
    /// Findings the baseline accepted (the CLI's `--baseline`).
    pub baselined: Vec<Finding>,
    /// Findings over `--max-findings-per-rule`: counted per rule and outcome, not listed.
    pub truncated: Vec<Truncated>,
    /// More about the page for the JSON report's `pages[]` entry (a crawl's `timings`,
    /// `error`, …): written as they are, kept by `merge`.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl ScannedPage {
    /// What could not be evaluated on the page (`pages[].coverage.gaps`); empty when the
    /// page is complete or its coverage is unknown (a report from an older portalscan).
    pub fn gaps(&self) -> Vec<Gap> {
        self.extra
            .get("coverage")
            .and_then(|c| serde_json::from_value::<Coverage>(c.clone()).ok())
            .map(|c| c.gaps)
            .unwrap_or_default()
    }

    /// The page as findings name it: the path the user gave for a local file, else its URL
    /// with PHI redacted (the same redaction as the findings' `url`; a crawl's journal URL
    /// may be the raw one).
    pub fn name(&self) -> String {
        if self.url.starts_with("file:") {
            self.input.clone()
        } else {
            phi::redact_url(&self.url)
        }
    }

    /// Sets `pages[].coverage` from its gaps.
    pub fn set_coverage(&mut self, gaps: Vec<Gap>) {
        self.extra
            .insert("coverage".into(), Coverage::from_gaps(gaps).to_value());
    }
}

/// A problem with one input; the others still run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub input: String,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.input, self.message)
    }
}

impl InputError {
    /// The message is redacted: parse errors can quote the input (`invalid type: string
    /// "536-22-8142"`), and no output may show a detected value.
    pub fn new(input: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError {
            input: input.into(),
            message: portalscan_core::phi::redact(&message.into()),
        }
    }

    pub fn io(input: impl Into<String>, what: &str, err: &std::io::Error) -> InputError {
        InputError::new(input, format!("{what}: {}", describe_io(err)))
    }
}

/// An I/O error as a short lower-case phrase, without Rust's `(os error N)` suffix.
pub fn describe_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match err.kind() {
        NotFound => "no such file or directory".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "is a directory".into(),
        _ => {
            let text = err.to_string();
            let text = match text.find(" (os error") {
                Some(cut) => text[..cut].to_string(),
                None => text,
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => text,
            }
        }
    }
}

/// One rule's standing in the gate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub rule: String,
    /// Findings that reach `--fail-on` and are not baselined.
    pub count: usize,
    /// How many it may have (0 unless a threshold says otherwise).
    pub threshold: usize,
}

impl RuleCount {
    pub fn fails(&self) -> bool {
        self.count > self.threshold
    }
}

/// The gate's verdict over a report.
#[derive(Clone, Debug, Default)]
pub struct Verdict {
    /// `--fail-on` as the user gave it (`fail`, `review`, `never`).
    pub fail_on: &'static str,
    /// Every rule with counted findings or a threshold, in rule id order.
    pub rules: Vec<RuleCount>,
    /// The baseline used, as the user named it.
    pub baseline: Option<String>,
    pub thresholds: BTreeMap<String, usize>,
    /// With `--fail-on-gaps`: how many pages have coverage gaps (any fails the run).
    pub pages_with_gaps: Option<usize>,
}

impl Verdict {
    /// Rules over their threshold: these fail the run.
    pub fn failing(&self) -> impl Iterator<Item = &RuleCount> {
        self.rules.iter().filter(|r| r.fails())
    }

    /// Whether the run fails: a rule over its threshold, or gaps under `--fail-on-gaps`.
    pub fn fails(&self) -> bool {
        self.failing().next().is_some() || self.pages_with_gaps.is_some_and(|n| n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_as_phrases() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(describe_io(&e), "permission denied");
        let e = std::io::Error::other("Something odd (os error 99)");
        assert_eq!(describe_io(&e), "something odd");
    }
}
