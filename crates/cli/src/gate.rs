//! What decides the exit status of `scan`, `crawl` and `merge`: the baseline (accepted
//! findings, matched by fingerprint), `--fail-on`, and per-rule thresholds.
//!
//! Every command calls the same two functions:
//! ```text
//! let mut report = Report { … };
//! gate::apply(&mut report, &gate_options);          // baseline + verdict (errors go in the report)
//! … render and write the report …
//! gate::write_baseline_if_asked(&report, &gate_options)?;
//! return gate::exit_status(&report, &gate_options);
//! ```

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use portalscan_core::{Finding, Outcome};

use crate::args::{FailOn, UsageError};
use crate::inputs::InputError;
use crate::report::{ExitCode, Report};

/// The gate settings, from flags and (for `crawl`) the config file's `[thresholds]`.
#[derive(Clone, Debug, Default)]
pub struct GateOptions {
    pub fail_on: FailOn,
    /// Rule id -> how many counted findings the rule may have before it fails the run.
    pub thresholds: BTreeMap<String, usize>,
    /// `--baseline FILE`: a JSON report or a baseline file.
    pub baseline: Option<PathBuf>,
    /// `--write-baseline FILE`: write this run's fingerprints as a baseline.
    pub write_baseline: Option<PathBuf>,
    /// `--fail-on-gaps`: a page that could not be fully evaluated (`pages[].coverage`)
    /// fails the run too.
    pub fail_on_gaps: bool,
}

impl GateOptions {
    /// Adds `rule=N` (from `--threshold`): the rule must exist and N be a count.
    pub fn add_threshold(&mut self, spec: &str) -> Result<(), UsageError> {
        let (rule, count) = spec.split_once('=').ok_or_else(|| {
            UsageError(format!(
                "--threshold: expected RULE=COUNT (e.g. target-size=5), got '{spec}'"
            ))
        })?;
        let count: usize = count.trim().parse().map_err(|_| {
            UsageError(format!(
                "--threshold {spec}: '{count}' is not a count (a whole number, 0 or more)"
            ))
        })?;
        self.set_threshold(rule.trim(), count)
    }

    /// Sets one threshold (config files call this for each `[thresholds]` entry).
    pub fn set_threshold(&mut self, rule: &str, count: usize) -> Result<(), UsageError> {
        if portalscan_core::rules::by_id(rule).is_none() {
            return Err(UsageError(format!(
                "threshold for unknown rule '{rule}' (see `portalscan rules`)"
            )));
        }
        self.thresholds.insert(rule.to_string(), count);
        Ok(())
    }
}

pub use portalscan_report::{RuleCount, Verdict};

/// The fingerprints of accepted findings.
#[derive(Clone, Debug, Default)]
pub struct Baseline {
    pub label: String,
    fingerprints: HashSet<String>,
}

/// The dedicated baseline file `--write-baseline` writes. Rule, page and selector are
/// there for people reviewing the file; only `fingerprint` is matched.
#[derive(Serialize, Deserialize)]
struct BaselineFile {
    portalscan_baseline: u32,
    findings: Vec<BaselineEntry>,
}

#[derive(Serialize, Deserialize)]
struct BaselineEntry {
    fingerprint: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    selector: String,
}

const BASELINE_FORMAT: u32 = 1;

impl Baseline {
    pub fn contains(&self, fingerprint: &str) -> bool {
        !fingerprint.is_empty() && self.fingerprints.contains(fingerprint)
    }

    pub fn load(path: &Path) -> Result<Baseline, InputError> {
        let label = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| InputError::io(&label, "cannot read", &e))?;
        Baseline::parse(&label, &bytes)
    }

    /// A baseline file, or a portalscan JSON report (its `findings` and `baselined`).
    pub fn parse(label: &str, bytes: &[u8]) -> Result<Baseline, InputError> {
        let bad = |why: &str| {
            InputError::new(
                label,
                format!(
                    "not a baseline: {why} (expected a portalscan JSON report or a file \
                     written by --write-baseline)"
                ),
            )
        };
        let value: Value = serde_json::from_slice(bytes).map_err(|e| {
            bad(&format!(
                "invalid JSON: {}",
                portalscan_core::phi::redact_parser_message(&e.to_string())
            ))
        })?;
        let entries: Vec<&Value> = if value.get("portalscan_baseline").is_some() {
            value["findings"]
                .as_array()
                .ok_or_else(|| bad("no findings array"))?
                .iter()
                .collect()
        } else if value["tool"]["name"] == "portalscan" && value["findings"].is_array() {
            let mut all: Vec<&Value> = value["findings"].as_array().unwrap().iter().collect();
            if let Some(baselined) = value["baselined"].as_array() {
                all.extend(baselined);
            }
            all
        } else {
            return Err(bad("neither a baseline file nor a portalscan report"));
        };
        let mut fingerprints = HashSet::new();
        for entry in entries {
            match entry["fingerprint"].as_str() {
                Some(fp) if !fp.is_empty() => {
                    fingerprints.insert(fp.to_string());
                }
                _ => {
                    return Err(bad(
                        "a finding has no fingerprint (a report from an older portalscan? \
                         scan again to make one)",
                    ));
                }
            }
        }
        Ok(Baseline {
            label: label.to_string(),
            fingerprints,
        })
    }
}

/// Moves findings whose fingerprint is in the baseline to their page's `baselined` list.
pub fn apply_baseline(report: &mut Report, baseline: &Baseline) {
    for page in &mut report.pages {
        let (accepted, open): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut page.findings)
            .into_iter()
            .partition(|f| f.outcome != Outcome::Pass && baseline.contains(&f.fingerprint));
        page.findings = open;
        page.baselined.extend(accepted);
    }
    report.baseline = Some(baseline.label.clone());
}

/// Counts per rule and the thresholds: the verdict the exit status follows.
pub fn evaluate(report: &Report, options: &GateOptions) -> Verdict {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for rule in options.thresholds.keys() {
        counts.insert(rule, 0);
    }
    // Level AAA and best-practice findings (`level` set) are reported, never counted:
    // an AA gate.
    for f in report
        .pages
        .iter()
        .flat_map(|p| &p.findings)
        .filter(|f| f.level.is_none())
    {
        let counted = match options.fail_on {
            FailOn::Fail => f.outcome == Outcome::Fail,
            FailOn::Review => matches!(f.outcome, Outcome::Fail | Outcome::Review),
            FailOn::Never => false,
        };
        if counted {
            *counts.entry(&f.rule).or_default() += 1;
        }
    }
    // Findings over the report's bound still count: a threshold above the bound must trip.
    for t in report
        .pages
        .iter()
        .flat_map(|p| &p.truncated)
        .filter(|t| portalscan_core::rules::by_id(&t.rule).is_none_or(|r| r.meta().gates()))
    {
        let counted = match options.fail_on {
            FailOn::Fail => t.outcome == Outcome::Fail,
            FailOn::Review => matches!(t.outcome, Outcome::Fail | Outcome::Review),
            FailOn::Never => false,
        };
        if counted {
            *counts.entry(&t.rule).or_default() += t.omitted;
        }
    }
    Verdict {
        fail_on: options.fail_on.as_str(),
        rules: counts
            .into_iter()
            .map(|(rule, count)| RuleCount {
                rule: rule.to_string(),
                count,
                threshold: options.thresholds.get(rule).copied().unwrap_or(0),
            })
            .collect(),
        baseline: report.baseline.clone(),
        thresholds: options.thresholds.clone(),
        pages_with_gaps: options.fail_on_gaps.then(|| report.pages_with_gaps()),
    }
}

/// Loads and applies the baseline (a baseline that cannot be read becomes an error in the
/// report: the findings are still reported, and the exit status is 2), then sets the verdict.
pub fn apply(report: &mut Report, options: &GateOptions) {
    if let Some(path) = &options.baseline {
        match Baseline::load(path) {
            Ok(baseline) => apply_baseline(report, &baseline),
            Err(e) => {
                eprintln!("portalscan: {e}");
                report.errors.push(e);
            }
        }
    }
    report.gate = Some(evaluate(report, options));
}

/// This run's fail and review findings (baselined ones included, so a baseline stays
/// whole when rewritten) as a baseline file.
pub fn baseline_json(report: &Report) -> String {
    let mut seen = HashSet::new();
    let findings = report
        .pages
        .iter()
        .flat_map(|p| p.findings.iter().chain(&p.baselined))
        .filter(|f| matches!(f.outcome, Outcome::Fail | Outcome::Review))
        .filter(|f| !f.fingerprint.is_empty() && seen.insert(f.fingerprint.clone()))
        .map(|f| BaselineEntry {
            fingerprint: f.fingerprint.clone(),
            rule: f.rule.clone(),
            url: f.url.clone(),
            selector: f.selector.clone(),
        })
        .collect();
    let file = BaselineFile {
        portalscan_baseline: BASELINE_FORMAT,
        findings,
    };
    let mut out = serde_json::to_string_pretty(&file).unwrap_or_default();
    out.push('\n');
    out
}

/// Writes `--write-baseline FILE` if it was given.
pub fn write_baseline_if_asked(report: &Report, options: &GateOptions) -> Result<(), InputError> {
    let Some(path) = &options.write_baseline else {
        return Ok(());
    };
    std::fs::write(path, baseline_json(report))
        .map_err(|e| InputError::io(path.display().to_string(), "cannot write", &e))
}

/// The exit status. Writing a baseline accepts this run's findings (a CI step that
/// records today's findings must not fail on them), so such a run exits 0 where it would
/// exit 1; an input error still exits 2, and a failed write is an error before this.
pub fn exit_status(report: &Report, options: &GateOptions) -> i32 {
    let code = report.exit_code();
    if options.write_baseline.is_some() && code == crate::report::exit::FINDINGS {
        crate::report::exit::CLEAN
    } else {
        code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds_name_a_rule_and_a_count() {
        let mut g = GateOptions::default();
        g.add_threshold("target-size=3").unwrap();
        assert_eq!(g.thresholds["target-size"], 3);
        assert!(
            g.add_threshold("target-size")
                .unwrap_err()
                .0
                .contains("RULE=COUNT")
        );
        assert!(
            g.add_threshold("target-size=-1")
                .unwrap_err()
                .0
                .contains("not a count")
        );
        assert!(
            g.add_threshold("no-such-rule=1")
                .unwrap_err()
                .0
                .contains("unknown rule")
        );
    }

    #[test]
    fn baselines_refuse_other_json_naming_the_file() {
        let err = Baseline::parse("x.json", br#"{"a": 1}"#).unwrap_err();
        assert_eq!(err.input, "x.json");
        assert!(err.message.contains("not a baseline"), "{}", err.message);
        let err = Baseline::parse("x.json", b"not json").unwrap_err();
        assert!(err.message.contains("invalid JSON"), "{}", err.message);
        let old = br#"{"tool": {"name": "portalscan"}, "findings": [{"rule": "r"}]}"#;
        let err = Baseline::parse("old.json", old).unwrap_err();
        assert!(err.message.contains("no fingerprint"), "{}", err.message);
        let file = br#"{"portalscan_baseline": 1, "findings": [{"fingerprint": "ab"}]}"#;
        let b = Baseline::parse("b.json", file).unwrap();
        assert!(b.contains("ab") && !b.contains("cd") && !b.contains(""));
    }
}
