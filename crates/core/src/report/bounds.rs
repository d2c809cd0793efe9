//! Bounded reports: a page lists at most N findings of one rule and outcome, and counts the
//! rest. A page with a failing element at each of 20,000 nesting levels once gave a 1.2 GB
//! report (each finding's selector is as long as the element is deep); with the bound, the
//! findings past N are never built at all, so the scan's memory is bounded too.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::finding::Outcome;

/// The CLI's default for `--max-findings-per-rule` (and the config's
/// `[limits] max_findings_per_rule`).
pub const DEFAULT_MAX_FINDINGS_PER_RULE: usize = 500;

/// The bound a setting (`--max-findings-per-rule`, `[limits] max_findings_per_rule`) asks
/// for: the default when unset, none for 0.
pub fn limit(setting: Option<usize>) -> Option<usize> {
    match setting {
        None => Some(DEFAULT_MAX_FINDINGS_PER_RULE),
        Some(0) => None,
        Some(n) => Some(n),
    }
}

/// Findings of one rule and outcome a page did not list: the JSON report's
/// `pages[].truncated[]` entries.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Truncated {
    pub rule: String,
    pub outcome: Outcome,
    /// How many were found beyond the listed ones.
    pub omitted: usize,
}

impl Truncated {
    /// The warning every report format shows for it.
    pub fn warning(&self) -> String {
        format!(
            "{} more {} finding(s) of {} not listed (over --max-findings-per-rule)",
            self.omitted,
            self.outcome.as_str(),
            self.rule
        )
    }
}

/// Counts findings per rule and outcome while a scan runs; says which to keep.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    /// `None`: no bound.
    limit: Option<usize>,
    listed: BTreeMap<(&'static str, Outcome), usize>,
    omitted: BTreeMap<(&'static str, Outcome), usize>,
}

impl Budget {
    pub(crate) fn new(limit: Option<usize>) -> Budget {
        Budget {
            limit,
            ..Budget::default()
        }
    }

    /// Whether a finding of `rule` with `outcome` is listed; if not, it is counted.
    pub(crate) fn admit(&mut self, rule: &'static str, outcome: Outcome) -> bool {
        let Some(limit) = self.limit else {
            return true;
        };
        let listed = self.listed.entry((rule, outcome)).or_default();
        if *listed < limit {
            *listed += 1;
            return true;
        }
        *self.omitted.entry((rule, outcome)).or_default() += 1;
        false
    }

    /// What was not listed, by rule id then outcome; passes only when `passes` (a
    /// component's passes are collected internally even when nobody asked for them).
    pub(crate) fn truncated(self, passes: bool) -> Vec<Truncated> {
        self.omitted
            .into_iter()
            .filter(|((_, outcome), _)| passes || *outcome != Outcome::Pass)
            .map(|((rule, outcome), omitted)| Truncated {
                rule: rule.to_string(),
                outcome,
                omitted,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_n_of_each_rule_and_outcome_and_counts_the_rest() {
        let mut budget = Budget::new(Some(2));
        let kept: Vec<bool> = (0..5).map(|_| budget.admit("a", Outcome::Fail)).collect();
        assert_eq!(kept, [true, true, false, false, false]);
        // Another outcome and another rule have their own bound.
        assert!(budget.admit("a", Outcome::Review));
        assert!(budget.admit("b", Outcome::Fail));
        for _ in 0..3 {
            budget.admit("c", Outcome::Pass);
        }
        let truncated = budget.truncated(false);
        assert_eq!(
            truncated,
            [Truncated {
                rule: "a".into(),
                outcome: Outcome::Fail,
                omitted: 3
            }]
        );
    }

    #[test]
    fn no_limit_keeps_everything() {
        let mut budget = Budget::new(None);
        assert!((0..10_000).all(|_| budget.admit("a", Outcome::Fail)));
        assert!(budget.truncated(true).is_empty());
    }
}
