//! Exit status: 0 nothing reached --fail-on, 1 something did, 2 usage or input error.
//! The expected code is derived from the report itself, so rules added later don't break
//! these tests.

use crate::support::{data, run};

fn count(report: &serde_json::Value, key: &str) -> u64 {
    report["summary"][key].as_u64().expect("summary count")
}

#[test]
fn a_failing_page_exits_1_and_never_exits_0() {
    let page = data("pages/no-title.html");
    let run1 = run(&["scan", &page, "--format", "json"]);
    assert_eq!(run1.code, 1, "stderr: {}", run1.stderr);
    assert!(count(&run1.json(), "fail") >= 1);
    let run0 = run(&["scan", &page, "--fail-on", "never"]);
    assert_eq!(run0.code, 0, "stderr: {}", run0.stderr);
}

#[test]
fn exit_code_follows_the_fail_on_threshold() {
    for page in [
        "pages/titled.html",
        "pages/portal.html",
        "pages/no-title.html",
    ] {
        let page = data(page);
        let fail = run(&["scan", &page, "--format", "json"]);
        let report = fail.json();
        let (fails, reviews) = (count(&report, "fail"), count(&report, "review"));
        assert_eq!(fail.code, i32::from(fails > 0), "{page}: {}", fail.stderr);
        let review = run(&["scan", &page, "--format", "json", "--fail-on", "review"]);
        assert_eq!(review.code, i32::from(fails + reviews > 0), "{page}");
    }
}

#[test]
fn usage_errors_exit_2_and_say_what_is_wrong() {
    let bad = run(&["scan", &data("pages/titled.html"), "--format", "nope"]);
    assert_eq!(bad.code, 2);
    assert!(bad.stderr.contains("'nope'"), "{}", bad.stderr);
    assert!(bad.stderr.contains("usage:"), "{}", bad.stderr);
    assert!(bad.stdout.is_empty());

    assert_eq!(run(&["scan"]).code, 2);
    assert_eq!(run(&["launch-rockets"]).code, 2);
    assert_eq!(run(&["scan", "x.html", "--fail-on", "sometimes"]).code, 2);
    assert_eq!(run(&["rules", "--format", "yaml"]).code, 2);
}

#[test]
fn help_and_version_exit_0() {
    let help = run(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("portalscan scan"));
    let version = run(&["--version"]);
    assert_eq!(version.code, 0);
    assert!(version.stdout.starts_with("portalscan "));
}
