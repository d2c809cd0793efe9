//! The report for people: findings grouped by rule, each rule with its criteria and how to
//! fix it, then every occurrence with where it is, its start tag and the message.

use std::fmt::Write;

use portalscan_core::component;
use portalscan_core::rules;
use portalscan_core::wcag;
use portalscan_core::{Finding, Outcome};

pub use portalscan_report::{place, rule_order};

use crate::report::{Listed, Report};

/// ANSI styling, or none (files, pipes, `NO_COLOR`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colors {
    enabled: bool,
}

impl Colors {
    pub fn new(enabled: bool) -> Colors {
        Colors { enabled }
    }

    /// Colour for a terminal unless `NO_COLOR` is set to something (no-color.org).
    pub fn for_terminal(is_terminal: bool) -> Colors {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Colors::new(is_terminal && !no_color)
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }
    fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }
    fn outcome(&self, outcome: Outcome) -> String {
        let (code, label) = match outcome {
            Outcome::Fail => ("1;31", "FAIL  "),
            Outcome::Review => ("1;33", "REVIEW"),
            Outcome::Pass => ("32", "PASS  "),
            Outcome::Inapplicable => ("2", "N/A   "),
        };
        self.paint(code, label)
    }
}

/// Columns for the wrapped "How to fix" text (plus its two-space indent).
const HELP_WIDTH: usize = 92;

/// Splits text into lines of at most `width` characters at spaces (a longer word stays
/// whole on its own line).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut line_chars = 0;
    for word in text.split_whitespace() {
        let word_chars = word.chars().count();
        if line_chars > 0 && line_chars + 1 + word_chars > width {
            lines.push(std::mem::take(&mut line));
            line_chars = 0;
        }
        if line_chars > 0 {
            line.push(' ');
            line_chars += 1;
        }
        line.push_str(word);
        line_chars += word_chars;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

pub fn render(report: &Report, colors: Colors) -> String {
    let order = rule_order();
    let mut listed: Vec<Listed> = report.listed().collect();
    // Stable sort: input order and document order are kept inside each rule.
    listed.sort_by_key(|l| {
        order
            .get(l.finding.rule.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });

    let mut out = String::new();
    let mut start = 0;
    while start < listed.len() {
        let rule = &listed[start].finding.rule;
        let end = start
            + listed[start..]
                .iter()
                .take_while(|l| &l.finding.rule == rule)
                .count();
        write_group(&mut out, &listed[start..end], colors);
        start = end;
    }
    write_baselined(&mut out, report, colors);
    write_coverage(&mut out, report, colors);
    write_summary(&mut out, report, colors);
    out
}

/// What could not be evaluated: each gap once, with why and the pages it concerns (the
/// JSON's `pages[].coverage`), so a page with no findings is not read as clean.
fn write_coverage(out: &mut String, report: &Report, colors: Colors) {
    let mut groups: Vec<(portalscan_core::report::coverage::Gap, Vec<String>)> = Vec::new();
    let mut pages = 0;
    for page in &report.pages {
        let gaps = page.gaps();
        if gaps.is_empty() {
            continue;
        }
        pages += 1;
        for gap in gaps {
            match groups.iter_mut().find(|(g, _)| *g == gap) {
                Some((_, names)) => names.push(page.name()),
                None => groups.push((gap, vec![page.name()])),
            }
        }
    }
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        colors.bold(&format!(
            "Not evaluated ({pages} page{})",
            if pages == 1 { "" } else { "s" }
        ))
    );
    for (gap, names) in groups {
        let rules = match gap.rules.len() {
            0 => String::new(),
            _ => format!(" ({})", gap.rules.join(", ")),
        };
        let _ = writeln!(out, "  {}: {}{rules}", gap.what, gap.why);
        let on = if names.len() == report.pages.len() && names.len() > 1 {
            "every page".to_string()
        } else {
            names.join(", ")
        };
        let _ = writeln!(out, "    {}", colors.dim(&format!("on {on}")));
    }
    out.push('\n');
}

/// "3 fail, 1 review": a group's findings by outcome.
fn tally(group: &[Listed]) -> String {
    let count = |o: Outcome| group.iter().filter(|l| l.finding.outcome == o).count();
    [Outcome::Fail, Outcome::Review, Outcome::Pass]
        .into_iter()
        .filter(|&o| count(o) > 0)
        .map(|o| format!("{} {}", count(o), o.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `--group-by component`: findings under the Lightning component around their element
/// (`c-*` code a team fixes itself, `lightning-*` base components Salesforce fixes), by
/// name, then those outside any component; each group's heading says whose fix it is
/// ([`component::whose_fix`]) and each finding names its rule.
pub fn render_by_component(report: &Report, colors: Colors) -> String {
    let order = rule_order();
    let mut listed: Vec<Listed> = report.listed().collect();
    listed.sort_by_key(|l| {
        let f = l.finding;
        (
            f.component.is_none(),
            f.component.clone(),
            order.get(f.rule.as_str()).copied().unwrap_or(usize::MAX),
        )
    });
    let mut out = String::new();
    for group in listed.chunk_by(|a, b| a.finding.component == b.finding.component) {
        let component = group[0].finding.component.as_deref();
        let name = component.unwrap_or("Outside components");
        let _ = writeln!(out, "{}  ({})", colors.bold(name), tally(group));
        let whose = format!("Whose fix: {}", component::whose_fix(component));
        let _ = writeln!(out, "  {}\n", colors.dim(&whose));
        for listed in group {
            let rule = &listed.finding.rule;
            let title = rules::by_id(rule).map(|r| r.meta().title).unwrap_or("");
            let _ = writeln!(out, "  {}  {}", colors.bold(rule), title);
            write_finding(&mut out, listed, colors);
        }
        out.push('\n');
    }
    write_baselined(&mut out, report, colors);
    write_summary(&mut out, report, colors);
    out
}

fn write_group(out: &mut String, group: &[Listed], colors: Colors) {
    let first = group[0].finding;
    let meta = rules::by_id(&first.rule).map(|r| r.meta());
    let title = meta.map(|m| m.title).unwrap_or("");
    let _ = writeln!(
        out,
        "{} {}  ({})",
        colors.bold(&first.rule),
        colors.bold(title),
        tally(group)
    );
    for number in &first.wcag {
        match wcag::criterion(number) {
            Some(sc) => {
                let _ = writeln!(
                    out,
                    "  WCAG {} {} (Level {})  {}",
                    sc.number,
                    sc.name,
                    sc.level.as_str(),
                    colors.dim(&sc.understanding_url())
                );
            }
            None => {
                let _ = writeln!(out, "  WCAG {number}");
            }
        }
    }
    if let Some(phi) = meta.and_then(|m| m.phi.as_ref()) {
        let _ = writeln!(out, "  HIPAA: {}", phi.hipaa.join(", "));
    }
    if !first.act.is_empty() {
        let _ = writeln!(out, "  ACT rules: {}", first.act.join(", "));
    }
    if !first.help.is_empty() {
        let help = format!("How to fix: {}", first.help);
        for line in wrap(&help, HELP_WIDTH) {
            let _ = writeln!(out, "  {line}");
        }
    }
    out.push('\n');
    for listed in group {
        write_finding(out, listed, colors);
    }
    out.push('\n');
}

fn write_finding(out: &mut String, listed: &Listed, colors: Colors) {
    let f: &Finding = listed.finding;
    let _ = writeln!(out, "  {} {}", colors.outcome(f.outcome), place(listed));
    let indent = "         ";
    if !f.selector.is_empty() {
        let _ = writeln!(out, "{indent}at {}", f.selector);
    }
    if !f.html.is_empty() {
        let _ = writeln!(out, "{indent}{}", colors.dim(&f.html));
    }
    if let Some(phi) = &f.phi {
        let (label, text) = super::phi_summary(phi);
        let _ = writeln!(out, "{indent}{label}: {text}");
    }
    if !f.message.is_empty() {
        let _ = writeln!(out, "{indent}{}", f.message);
    }
}

pub fn write_summary(out: &mut String, report: &Report, colors: Colors) {
    let counts = report.counts();
    let pages = report.pages.len();
    let mut line = format!(
        "{pages} page{} scanned: {} fail, {} review",
        if pages == 1 { "" } else { "s" },
        counts.fail,
        counts.review,
    );
    if let Some(pass) = counts.pass {
        let _ = write!(line, ", {pass} pass");
    }
    if let Some(n) = report.baselined() {
        let _ = write!(line, "; {n} baselined");
    }
    let truncated = report.truncated();
    if truncated > 0 {
        let _ = write!(
            line,
            "; {truncated} more not listed (--max-findings-per-rule)"
        );
    }
    if !report.errors.is_empty() {
        let n = report.errors.len();
        let _ = write!(
            line,
            "; {n} input{} could not be scanned",
            if n == 1 { "" } else { "s" }
        );
    }
    let gaps = report.pages_with_gaps();
    if gaps > 0 {
        let _ = write!(
            line,
            "; {gaps} page{} not fully evaluated (see Not evaluated)",
            if gaps == 1 { "" } else { "s" }
        );
    }
    let _ = writeln!(out, "{}", colors.bold(&line));
    for warning in report.truncation_warnings() {
        let _ = writeln!(out, "  warning: {warning}");
    }
    write_gate(out, report);
}

/// Rules with a threshold, and which rules fail the run when thresholds are in use.
pub fn write_gate(out: &mut String, report: &Report) {
    let Some(verdict) = &report.gate else {
        return;
    };
    if let Some(n) = verdict.pages_with_gaps.filter(|&n| n > 0) {
        let _ = writeln!(
            out,
            "  --fail-on-gaps: {n} page{} not fully evaluated: fails the run",
            if n == 1 { "" } else { "s" }
        );
    }
    if verdict.thresholds.is_empty() {
        return;
    }
    for r in &verdict.rules {
        let state = if r.fails() {
            "over threshold: fails the run"
        } else {
            "within threshold"
        };
        let _ = writeln!(
            out,
            "  {}: {} finding{} reaching --fail-on {}, threshold {}: {state}",
            r.rule,
            r.count,
            if r.count == 1 { "" } else { "s" },
            verdict.fail_on,
            r.threshold
        );
    }
}

/// With `--all` and a baseline: the accepted findings, briefly.
fn write_baselined(out: &mut String, report: &Report, colors: Colors) {
    let listed: Vec<Listed> = report.listed_baselined().collect();
    if listed.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "{}",
        colors.bold(&format!("Baselined ({})", listed.len()))
    );
    for l in listed {
        let _ = writeln!(
            out,
            "  {} {} {} at {}",
            l.finding.outcome.as_str(),
            l.finding.rule,
            place(&l),
            l.finding.selector
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn help_is_wrapped_at_word_boundaries() {
        assert_eq!(
            wrap("How to fix: give   every page a title", 12),
            ["How to fix:", "give every", "page a title"]
        );
        assert_eq!(wrap("a-very-long-word x", 5), ["a-very-long-word", "x"]);
        assert!(wrap("", 10).is_empty());
    }

    #[test]
    fn colour_only_when_enabled() {
        let on = Colors::new(true);
        let off = Colors::new(false);
        assert_eq!(on.outcome(Outcome::Fail), "\x1b[1;31mFAIL  \x1b[0m");
        assert_eq!(off.outcome(Outcome::Fail), "FAIL  ");
        assert_eq!(Colors::for_terminal(false), off);
    }
}
