//! The terminal summary of a crawl: per-rule counts, the worst pages and the errors, then
//! the same closing line (and gate) as the text report. Crawls find too much to list on a
//! terminal; the full report goes to files (`--format`/`--output-dir`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use portalscan_core::Outcome;

use super::text::{Colors, rule_order, write_summary};
use crate::report::Report;

/// How many pages the "worst pages" list shows.
pub const WORST_PAGES: usize = 10;

#[derive(Default)]
struct RuleTally<'a> {
    fail: usize,
    review: usize,
    pages: BTreeSet<&'a str>,
}

pub fn render(report: &Report, colors: Colors) -> String {
    let mut out = String::new();
    let order = rule_order();
    let mut by_rule: BTreeMap<&str, RuleTally> = BTreeMap::new();
    for page in &report.pages {
        for f in &page.findings {
            let tally = by_rule.entry(&f.rule).or_default();
            match f.outcome {
                Outcome::Fail => tally.fail += 1,
                Outcome::Review => tally.review += 1,
                _ => continue,
            }
            tally.pages.insert(&page.url);
        }
    }
    let mut rules: Vec<(&str, RuleTally)> = by_rule
        .into_iter()
        .filter(|(_, t)| t.fail + t.review > 0)
        .collect();
    // Most failures first; ties in the rules' declared order.
    rules.sort_by_key(|(rule, t)| {
        (
            std::cmp::Reverse(t.fail),
            std::cmp::Reverse(t.review),
            order.get(rule).copied().unwrap_or(usize::MAX),
        )
    });
    if !rules.is_empty() {
        let width = rules.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
        let _ = writeln!(out, "{}", colors.bold("Findings by rule"));
        for (rule, t) in &rules {
            let pages = t.pages.len();
            let _ = writeln!(
                out,
                "  {rule:<width$}  {:>5} fail  {:>5} review  on {pages} page{}",
                t.fail,
                t.review,
                if pages == 1 { "" } else { "s" }
            );
        }
        out.push('\n');
    }

    let mut pages: Vec<(&str, usize, usize)> = report
        .pages
        .iter()
        .map(|p| {
            let count = |o| p.findings.iter().filter(|f| f.outcome == o).count();
            let name = if p.url.starts_with("file:") {
                &p.input
            } else {
                &p.url
            };
            (name.as_str(), count(Outcome::Fail), count(Outcome::Review))
        })
        .filter(|(_, fail, review)| fail + review > 0)
        .collect();
    // Stable: pages with equal counts keep their crawl order.
    pages.sort_by_key(|(_, fail, review)| (std::cmp::Reverse(*fail), std::cmp::Reverse(*review)));
    if !pages.is_empty() {
        let _ = writeln!(out, "{}", colors.bold("Worst pages"));
        for (name, fail, review) in pages.iter().take(WORST_PAGES) {
            let _ = writeln!(out, "  {fail:>5} fail  {review:>5} review  {name}");
        }
        if pages.len() > WORST_PAGES {
            let _ = writeln!(
                out,
                "  … and {} more pages with findings",
                pages.len() - WORST_PAGES
            );
        }
        out.push('\n');
    }

    if !report.errors.is_empty() {
        let _ = writeln!(out, "{}", colors.bold("Errors"));
        for e in &report.errors {
            let _ = writeln!(out, "  {}: {}", e.input, e.message);
        }
        out.push('\n');
    }
    write_summary(&mut out, report, colors);
    out
}
