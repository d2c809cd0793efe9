//! The W3C ACT rules test suite: every test case of an ACT rule some portalscan rule
//! declares (`meta().act`) must not contradict its expected outcome, and the committed
//! `docs/act-conformance.md` must be what `act-report` writes now.
//!
//! The suite lives outside the repository (`../shared/act`, or `PORTALSCAN_ACT_DIR`);
//! without it these tests say so and skip.

use portalscan_core::{Category, Finding, Outcome};
use portalscan_tests::act::{
    ActRuleResult, CaseResult, Consistency, Expected, Suite, SuiteAssets, TestCase, Verdict,
    cant_tell_failed_cases, classify, consistency, describe_case, inconsistent_cases, resolve_path,
    run_suite,
};
use portalscan_tests::act_report::{REGENERATE, render, report_path};

fn load_suite(test: &str) -> Option<Suite> {
    let Some(dir) = portalscan_tests::act_dir() else {
        println!(
            "{test}: SKIPPED: the W3C ACT suite was not found at ../shared/act \
             (set PORTALSCAN_ACT_DIR to the folder holding content-assets/wcag-act-rules/testcases.json)"
        );
        return None;
    };
    Some(Suite::load(&dir).unwrap_or_else(|e| panic!("cannot load the ACT suite: {e}")))
}

fn status_table(results: &[ActRuleResult]) -> String {
    let mut out = String::new();
    for r in results.iter().filter(|r| !r.our_rules.is_empty()) {
        let c = r.consistency().unwrap_or(Consistency::NoCases);
        let (p, pr) = r.tally(Expected::Passed);
        let (f, fr) = r.tally(Expected::Failed);
        let (i, ir) = r.tally(Expected::Inapplicable);
        out.push_str(&format!(
            "  {:<7} {:<22} passed {pr}/{p} failed {fr}/{f} inapplicable {ir}/{i}  [{}]{}\n",
            r.id,
            c.as_str(),
            r.our_rules.join(", "),
            if r.missing_files > 0 {
                format!(" ({} case files not in the suite folder)", r.missing_files)
            } else {
                String::new()
            }
        ));
    }
    out
}

#[test]
fn act_suite_has_no_inconsistent_case() {
    let Some(suite) = load_suite("act_suite_has_no_inconsistent_case") else {
        return;
    };
    let results = run_suite(&suite);
    println!(
        "ACT rules mapped by portalscan rules:\n{}",
        status_table(&results)
    );
    // What keeps partially consistent rules from being consistent (for rule owners).
    let partial: Vec<String> = cant_tell_failed_cases(&results)
        .map(|c| format!("  {}", describe_case(c)))
        .collect();
    if !partial.is_empty() {
        println!(
            "Failed cases answered only cantTell:\n{}",
            partial.join("\n")
        );
    }
    let inconsistent: Vec<String> = inconsistent_cases(&results)
        .map(|c| format!("  {}", describe_case(c)))
        .collect();
    assert!(
        inconsistent.is_empty(),
        "{} ACT test case(s) contradict their expected outcome:\n{}",
        inconsistent.len(),
        inconsistent.join("\n")
    );
}

#[test]
fn committed_act_report_is_current() {
    let Some(suite) = load_suite("committed_act_report_is_current") else {
        return;
    };
    let expected = render(&suite, &run_suite(&suite));
    let path = report_path();
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    if committed != expected {
        let first_diff = committed
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(expected.lines().count()));
        panic!(
            "{} is stale (rules or the suite changed). Regenerate it with\n    {REGENERATE}\n\
             and commit it. First difference at line {}:\n  committed: {:?}\n  now:       {:?}",
            path.display(),
            first_diff + 1,
            committed.lines().nth(first_diff).unwrap_or("<end of file>"),
            expected.lines().nth(first_diff).unwrap_or("<end of file>"),
        );
    }
}

fn finding(outcome: Outcome) -> Finding {
    Finding {
        rule: "r".into(),
        outcome,
        category: Category::Accessibility,
        wcag: vec![],
        act: vec![],
        url: String::new(),
        selector: "p".into(),
        html: String::new(),
        message: String::new(),
        help: String::new(),
        phi: None,
        node: None,
        fingerprint: String::new(),
        line: None,
        column: None,
        component: None,
        level: None,
        screenshot: None,
    }
}

#[test]
fn classifier_orders_fail_then_review_then_pass() {
    use Outcome::*;
    let verdict =
        |outcomes: &[Outcome]| classify(&outcomes.iter().map(|o| finding(*o)).collect::<Vec<_>>());
    assert_eq!(verdict(&[]), Verdict::Inapplicable);
    assert_eq!(verdict(&[Pass]), Verdict::Passed);
    assert_eq!(verdict(&[Pass, Review]), Verdict::CantTell);
    assert_eq!(verdict(&[Review, Pass, Fail]), Verdict::Failed);
    assert_eq!(verdict(&[Pass, Fail]), Verdict::Failed);
    // An inapplicable finding is not evidence of anything.
    assert_eq!(verdict(&[Inapplicable]), Verdict::Inapplicable);
}

fn result(expected: Expected, got: Verdict) -> CaseResult {
    CaseResult {
        case: TestCase {
            rule_id: "abc123".into(),
            rule_name: "Rule".into(),
            expected,
            testcase_id: "x".into(),
            testcase_title: "Example".into(),
            relative_path: "testcases/abc123/x.html".into(),
            url: "https://www.w3.org/WAI/content-assets/wcag-act-rules/testcases/abc123/x.html"
                .into(),
            approved: true,
        },
        got,
        findings: vec![],
    }
}

#[test]
fn consistency_follows_the_w3c_definitions() {
    use Expected as E;
    use Verdict as V;
    let of = |cases: &[(E, V)]| {
        consistency(
            &cases
                .iter()
                .map(|(e, g)| result(*e, *g))
                .collect::<Vec<_>>(),
        )
    };
    assert_eq!(
        of(&[
            (E::Passed, V::Passed),
            (E::Failed, V::Failed),
            (E::Inapplicable, V::Inapplicable)
        ]),
        Consistency::Consistent
    );
    // Passed cases may be inapplicable or cantTell to an implementation.
    assert_eq!(
        of(&[
            (E::Passed, V::Inapplicable),
            (E::Passed, V::CantTell),
            (E::Failed, V::Failed)
        ]),
        Consistency::Consistent
    );
    assert_eq!(
        of(&[(E::Failed, V::Failed), (E::Failed, V::CantTell)]),
        Consistency::PartiallyConsistent
    );
    assert_eq!(of(&[(E::Passed, V::Failed)]), Consistency::Inconsistent);
    assert_eq!(
        of(&[(E::Inapplicable, V::Failed)]),
        Consistency::Inconsistent
    );
    assert_eq!(
        of(&[(E::Failed, V::Inapplicable), (E::Failed, V::CantTell)]),
        Consistency::Inconsistent
    );
    assert_eq!(of(&[(E::Failed, V::Passed)]), Consistency::Inconsistent);
    assert_eq!(of(&[]), Consistency::NoCases);
}

#[test]
fn suite_asset_urls_map_into_content_assets() {
    let case = "https://www.w3.org/WAI/content-assets/wcag-act-rules/testcases/oj04fd/a.html";
    let assets = SuiteAssets {
        content_assets: "/suite/content-assets".into(),
        base_url: case,
    };
    let file = |u: &str| assets.file_for(u).map(|p| p.display().to_string());
    let css = "/suite/content-assets/wcag-act-rules/test-assets/x/styles.css";
    assert_eq!(
        file("/WAI/content-assets/wcag-act-rules/test-assets/x/styles.css").as_deref(),
        Some(css)
    );
    assert_eq!(
        file("https://www.w3.org/WAI/content-assets/wcag-act-rules/test-assets/x/styles.css?v=1")
            .as_deref(),
        Some(css)
    );
    assert_eq!(file("../../test-assets/x/styles.css").as_deref(), Some(css));
    assert_eq!(file("/elsewhere/styles.css"), None);
    assert_eq!(file("/WAI/content-assets/../../etc/passwd"), None);
    assert_eq!(file("data:text/css,p{}"), None);
    assert_eq!(
        resolve_path(case, "./b.css").as_deref(),
        Some("/WAI/content-assets/wcag-act-rules/testcases/oj04fd/b.css")
    );
}
