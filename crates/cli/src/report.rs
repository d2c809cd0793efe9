//! The result of a scan run, shared by every output format, and the exit status it gives.

pub use portalscan_report::{Listed, Report};

use crate::gate::GateOptions;

/// Exit statuses (documented in the README and `--help`).
pub mod exit {
    /// Nothing reached `--fail-on`.
    pub const CLEAN: i32 = 0;
    /// Some finding reached `--fail-on` (or, with `--fail-on-gaps`, a page has gaps).
    pub const FINDINGS: i32 = 1;
    /// A usage error, or an input that could not be read or parsed.
    pub const ERROR: i32 = 2;
}

/// How the gate decides the exit status of a report (CLI only: other front-ends have none).
pub trait ExitCode {
    /// 2 when an input failed, 1 when a rule is over its threshold (0 unless set) counting
    /// the findings that reach `--fail-on` and are not baselined, otherwise 0.
    fn exit_code(&self) -> i32;
}

impl ExitCode for Report {
    fn exit_code(&self) -> i32 {
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
