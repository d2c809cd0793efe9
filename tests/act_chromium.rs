//! ACT rules whose facts only a browser has, judged on the crawler in real Chromium: every
//! case of each is served on 127.0.0.1 and crawled (the live Tab walk on), and the rule
//! must be consistent there (`docs/act-chromium.md` has the whole suite, measured by
//! `act-report --chromium`). Statically these rules can only answer cantTell on some
//! failed cases: layout (0ssw9k), scripts that build the markup (ff89c9), the focus style
//! Tab shows (oj04fd). Three more are consistent statically and were not in Chromium
//! until the crawler read what only it sees: a modal dialog that makes the page behind
//! it inert, and a frame's viewport inside its border (akn7bn); a focus sentinel that
//! turns Tab round inside a dialog (6cfa84, walked on backwards from the page's end);
//! Chromium's XML viewer standing in for an XML document (b5c3f8). Text over a background
//! image is measured from the pixels behind it (afw4f7, 09o5cg), and a blur handler that
//! takes focus back on a timer is waited for (a1b64e: not required here, as its failed
//! example 2 still flips to a pass under the full suite's load). A trap that standard
//! keys cannot leave is tried with the keys the page's text names (ebe86a). A heading
//! moved up by `top: -999px` is off the page only by its laid-out box (047fe0). The
//! language of a page and its parts (ucwvc8, off6ek) and the purpose of frames that share a
//! name (4b1c6c) are judged on what Chromium loaded: frame documents, scripts' shadow roots,
//! the names images take from hidden text.
//!
//! The suite lives outside the repository (`../shared/act`, or `PORTALSCAN_ACT_DIR`);
//! without it this test says so and skips.

use portalscan_tests::act::{
    Consistency, Suite, cant_tell_failed_cases, case_result, describe_case, inconsistent_cases,
    run_suite_with,
};
use portalscan_tests::act_chromium::{case_url, crawl_cases, serve};

const IN_CHROMIUM: &[&str] = &[
    "0ssw9k", "ff89c9", "oj04fd", "akn7bn", "6cfa84", "b5c3f8", "afw4f7", "09o5cg", "ebe86a",
    "047fe0", "ucwvc8", "off6ek", "4b1c6c",
];

#[test]
fn rules_that_need_a_browser_are_consistent_in_chromium() {
    let Some(dir) = portalscan_tests::act_dir() else {
        println!(
            "SKIPPED: the W3C ACT suite was not found at ../shared/act (set PORTALSCAN_ACT_DIR)"
        );
        return;
    };
    let suite = Suite::load(&dir).unwrap_or_else(|e| panic!("cannot load the ACT suite: {e}"));
    let cases: Vec<_> = suite
        .cases
        .iter()
        .filter(|c| IN_CHROMIUM.contains(&c.rule_id.as_str()) && suite.case_file(c).is_some())
        .collect();
    assert!(
        cases.len() >= 30,
        "the suite has these rules' cases: {}",
        cases.len()
    );
    let origin = serve(&dir).expect("serving the suite on 127.0.0.1");
    let crawled = crawl_cases(&suite, &origin, &cases).expect("the crawl runs");
    assert!(
        crawled.errors.is_empty(),
        "cases that could not be visited: {:#?}",
        crawled.errors
    );
    // Judged as the reports judge them; cases of other rules were not crawled.
    let results: Vec<_> = run_suite_with(&suite, |case, rules| {
        crawled
            .findings
            .get(&case_url(&origin, case))
            .map(|found| case_result(case, found, rules))
    })
    .into_iter()
    .filter(|r| IN_CHROMIUM.contains(&r.id.as_str()))
    .collect();
    assert_eq!(
        results.len(),
        IN_CHROMIUM.len(),
        "each rule is in the suite"
    );
    let mut problems: Vec<String> = inconsistent_cases(&results)
        .chain(cant_tell_failed_cases(&results))
        .map(describe_case)
        .collect();
    for r in &results {
        let got = r.consistency();
        println!("{}: {:?} over {} cases", r.id, got, r.cases.len());
        assert_eq!(r.missing_files, 0, "{}: every case was crawled", r.id);
        if got != Some(Consistency::Consistent) {
            problems.push(format!("{}: {:?}", r.id, got));
        }
    }
    assert!(problems.is_empty(), "in Chromium:\n{}", problems.join("\n"));
}
