//! The result of a scan run, shared by every output format, and the exit status it gives.

use portalscan_core::report::bounds::Truncated;
use portalscan_core::{Finding, Outcome};

use crate::gate::{GateOptions, Verdict};
use crate::inputs::InputError;
use crate::pages::ScannedPage;

/// Exit statuses (documented in the README and `--help`).
pub mod exit {
    /// Nothing reached `--fail-on`.
    pub const CLEAN: i32 = 0;
    /// Some finding reached `--fail-on` (or, with `--fail-on-gaps`, a page has gaps).
    pub const FINDINGS: i32 = 1;
    /// A usage error, or an input that could not be read or parsed.
    pub const ERROR: i32 = 2;
}

pub struct Report {
    pub pages: Vec<ScannedPage>,
    pub errors: Vec<InputError>,
    /// `--all`: list passes too.
    pub include_passes: bool,
    /// Whether the pages were scanned for passes (`--all`, or a format that needs them).
    pub passes_known: bool,
    /// The baseline applied (as the user named it), if any.
    pub baseline: Option<String>,
    /// The gate's verdict; set by [`crate::gate::apply`].
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

    /// 2 when an input failed, 1 when a rule is over its threshold (0 unless set) counting
    /// the findings that reach `--fail-on` and are not baselined, otherwise 0.
    pub fn exit_code(&self) -> i32 {
        if !self.errors.is_empty() {
            return exit::ERROR;
        }
        let verdict = match &self.gate {
            Some(v) => v.clone(),
            None => crate::gate::evaluate(self, &GateOptions::default()),
        };
        if verdict.fails() {
            exit::FINDINGS
        } else {
            exit::CLEAN
        }
    }
}

/// One line on standard error when the bound left findings out (the reports say which, per
/// page, rule and outcome): a crawl of many pages does not bury the terminal.
pub fn warn_truncated(report: &Report) {
    if let Some(line) = truncation_line(report) {
        eprintln!("portalscan: warning: {line}");
    }
}

/// `19500 findings not listed on 1 page (positive-tabindex 19500) …`, or `None` when
/// nothing was left out.
pub fn truncation_line(report: &Report) -> Option<String> {
    let total = report.truncated();
    if total == 0 {
        return None;
    }
    let pages = report
        .pages
        .iter()
        .filter(|p| report.truncated_on(p).next().is_some())
        .count();
    let mut by_rule: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for t in report.pages.iter().flat_map(|p| report.truncated_on(p)) {
        *by_rule.entry(&t.rule).or_default() += t.omitted;
    }
    let mut rules: Vec<(&str, usize)> = by_rule.into_iter().collect();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    const SHOWN: usize = 5;
    let mut named: Vec<String> = rules
        .iter()
        .take(SHOWN)
        .map(|(rule, n)| format!("{rule} {n}"))
        .collect();
    if rules.len() > SHOWN {
        named.push(format!("{} more rules", rules.len() - SHOWN));
    }
    // Findings not listed have no fingerprint in the report: a baseline cannot accept them.
    let baseline = if report.baseline.is_some() {
        "; the baseline cannot accept findings not listed"
    } else {
        ""
    };
    Some(format!(
        "{total} finding(s) not listed on {pages} page(s) ({}): over --max-findings-per-rule, \
         counted per page and rule in the report, and by the exit status (0 lists all){baseline}",
        named.join(", ")
    ))
}
