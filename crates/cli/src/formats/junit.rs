//! JUnit XML for CI test tabs: one `<testsuite>` per scanned page, one `<testcase>` per
//! rule that applied to the page, and one per fail finding: a rule that failed twice is two
//! failed testcases (`name`, then `name (2)`), so `failures` counts fail findings, the
//! number every other format reports.
//!
//! Review findings: a testcase with reviews and no fails is `<skipped>` — CI systems
//! (GitLab, Jenkins, GitHub test reporters, Azure) show skipped tests as their own
//! visible state without failing the build, which is what "a person must check this"
//! means; the items to check are listed in the testcase's `<system-out>`. An input that
//! could not be read is a testsuite with one `<error>` testcase.

use std::fmt::Write;

use portalscan_core::{Finding, Outcome, rules};

use super::TOOL_NAME;
use crate::pages::ScannedPage;
use crate::report::Report;

/// Escapes text for XML 1.0 attributes and content. Characters XML 1.0 cannot carry at
/// all (most C0 controls, U+FFFE, U+FFFF) become U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Applicable rules of a page in declared order, each with its findings.
fn testcases(page: &ScannedPage) -> Vec<(String, Vec<&Finding>)> {
    let mut cases: Vec<(String, Vec<&Finding>)> = Vec::new();
    for f in page
        .findings
        .iter()
        .filter(|f| f.outcome != Outcome::Inapplicable)
    {
        match cases.iter_mut().find(|(id, _)| *id == f.rule) {
            Some((_, list)) => list.push(f),
            None => cases.push((f.rule.clone(), vec![f])),
        }
    }
    let order = crate::formats::text::rule_order();
    cases.sort_by_key(|(id, _)| order.get(id.as_str()).copied().unwrap_or(usize::MAX));
    cases
}

fn rule_title(id: &str) -> &'static str {
    rules::by_id(id).map(|r| r.meta().title).unwrap_or("")
}

fn occurrence(f: &Finding) -> String {
    let mut text = String::new();
    if !f.selector.is_empty() {
        let _ = writeln!(text, "at {}", f.selector);
    }
    if !f.html.is_empty() {
        let _ = writeln!(text, "{}", f.html);
    }
    if !f.message.is_empty() {
        let _ = writeln!(text, "{}", f.message);
    }
    text
}

pub fn render(report: &Report) -> String {
    let mut suites = String::new();
    let (mut total_tests, mut total_failures, mut total_skipped) = (0, 0, 0);

    for page in &report.pages {
        let cases = testcases(page);
        let mut body = String::new();
        let (mut tests, mut failures, mut skipped) = (0, 0, 0);
        for (rule, findings) in &cases {
            let fails: Vec<_> = findings
                .iter()
                .filter(|f| f.outcome == Outcome::Fail)
                .collect();
            let reviews: Vec<_> = findings
                .iter()
                .filter(|f| f.outcome == Outcome::Review)
                .collect();
            let name = format!("{rule}: {}", rule_title(rule));
            // One testcase per fail (at least one: a rule that passed or has reviews).
            let runs = fails.len().max(1);
            for k in 0..runs {
                let name = match k {
                    0 => name.clone(),
                    k => format!("{name} ({})", k + 1),
                };
                let _ = writeln!(
                    body,
                    "    <testcase classname=\"{}\" name=\"{}\">",
                    escape(&page.input),
                    escape(&name)
                );
                tests += 1;
                if let Some(f) = fails.get(k) {
                    failures += 1;
                    let _ = writeln!(
                        body,
                        "      <failure type=\"fail\" message=\"{}\">{}</failure>",
                        escape(&f.message),
                        escape(&occurrence(f))
                    );
                } else if !reviews.is_empty() {
                    skipped += 1;
                    let _ = writeln!(
                        body,
                        "      <skipped message=\"{} item{} to review by hand\"/>",
                        reviews.len(),
                        if reviews.len() == 1 { "" } else { "s" }
                    );
                }
                // The reviews are listed once, on the rule's first testcase.
                if k == 0 && !reviews.is_empty() {
                    let listing: Vec<String> = reviews
                        .iter()
                        .map(|f| format!("REVIEW {}", occurrence(f)))
                        .collect();
                    let _ = writeln!(
                        body,
                        "      <system-out>{}</system-out>",
                        escape(&listing.join("\n"))
                    );
                }
                body.push_str("    </testcase>\n");
            }
        }
        total_tests += tests;
        total_failures += failures;
        total_skipped += skipped;
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">",
            escape(&page.input),
        );
        let _ = write!(
            suites,
            "    <properties>\n      <property name=\"url\" value=\"{}\"/>\n    </properties>\n",
            escape(&page.url)
        );
        suites.push_str(&body);
        // Findings over the bound: counted in a warning, not as testcases.
        let warnings: Vec<String> = report
            .truncated_on(page)
            .map(|t| format!("warning: {}", t.warning()))
            .collect();
        if !warnings.is_empty() {
            let _ = writeln!(
                suites,
                "    <system-err>{}</system-err>",
                escape(&warnings.join("\n"))
            );
        }
        suites.push_str("  </testsuite>\n");
    }

    for error in &report.errors {
        total_tests += 1;
        let _ = write!(
            suites,
            "  <testsuite name=\"{input}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n    <testcase classname=\"{input}\" name=\"read input\">\n      <error type=\"input\" message=\"{message}\"/>\n    </testcase>\n  </testsuite>\n",
            input = escape(&error.input),
            message = escape(&error.message)
        );
    }

    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"{TOOL_NAME}\" tests=\"{total_tests}\" failures=\"{total_failures}\" errors=\"{}\" skipped=\"{total_skipped}\">\n{suites}</testsuites>\n",
        report.errors.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_invalid_characters() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}\u{FFFF}\n"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;\u{FFFD}\u{FFFD}\n"
        );
    }
}
