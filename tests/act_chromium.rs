//! ACT rules whose facts only a browser has, judged on the crawler in real Chromium: every
//! case of each is served on 127.0.0.1 and crawled (the live Tab walk on), and the rule
//! must be consistent there (`docs/act-chromium.md` has the whole suite, measured by
//! `act-report --chromium`). Statically these rules can only answer cantTell on some
//! failed cases: layout (0ssw9k), scripts that build the markup (ff89c9), the focus style
//! Tab shows (oj04fd).
//!
//! The suite lives outside the repository (`../shared/act`, or `PORTALSCAN_ACT_DIR`);
//! without it this test says so and skips.

use portalscan_tests::act::{Consistency, Suite, case_result, consistency, describe_case};
use portalscan_tests::act_chromium::{case_url, crawl_cases, serve};

const IN_CHROMIUM: &[&str] = &["0ssw9k", "ff89c9", "oj04fd"];

#[test]
fn rules_that_need_a_browser_are_consistent_in_chromium() {
    let Some(dir) = portalscan_tests::act_dir() else {
        println!(
            "SKIPPED: the W3C ACT suite was not found at ../shared/act (set PORTALSCAN_ACT_DIR)"
        );
        return;
    };
    let suite = Suite::load(&dir).unwrap_or_else(|e| panic!("cannot load the ACT suite: {e}"));
    let mapping = portalscan_tests::act::act_mapping();
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
    let (findings, errors) = (&crawled.findings, &crawled.errors);
    assert!(
        errors.is_empty(),
        "cases that could not be visited: {errors:#?}"
    );
    let mut problems = Vec::new();
    for id in IN_CHROMIUM {
        let rules = mapping
            .get(id)
            .unwrap_or_else(|| panic!("{id} is declared by a rule"));
        let results: Vec<_> = cases
            .iter()
            .filter(|c| c.rule_id == *id)
            .map(|c| {
                let found = findings
                    .get(&case_url(&origin, c))
                    .unwrap_or_else(|| panic!("{} was crawled", c.relative_path));
                case_result(c, found, rules)
            })
            .collect();
        let got = consistency(&results);
        println!("{id}: {} over {} cases", got.as_str(), results.len());
        if got != Consistency::Consistent {
            problems.extend(
                results
                    .iter()
                    .filter(|r| {
                        r.inconsistent() || !r.exact() && r.case.expected.as_str() == "failed"
                    })
                    .map(describe_case),
            );
            problems.push(format!("{id}: {}", got.as_str()));
        }
    }
    assert!(problems.is_empty(), "in Chromium:\n{}", problems.join("\n"));
}
