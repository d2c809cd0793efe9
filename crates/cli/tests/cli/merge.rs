//! `portalscan merge`: shard reports join into the report one run over everything gives.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::support::{TempDir, findings, run_with};

const A: &str = r#"<!doctype html><html lang="en"><head><title>A</title></head><body>
<main><img src="a.png"><button></button></main></body></html>"#;
const B: &str =
    r#"<!doctype html><html><head></head><body><main><p lang="zz-!">x</p></main></body></html>"#;

fn keys(report: &Value) -> BTreeSet<(String, String)> {
    findings(report)
        .iter()
        .map(|f| {
            (
                f["fingerprint"].as_str().unwrap().to_string(),
                f["url"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn setup() -> TempDir {
    let dir = TempDir::new("merge");
    dir.write("site/a.html", A);
    dir.write("site/b.html", B);
    for (shard, page) in [
        ("a", "site/a.html"),
        ("b", "site/b.html"),
        ("a-again", "site/a.html"),
    ] {
        let out = format!("{shard}.json");
        let run = run_with(
            &dir.0,
            &["scan", page, "--format", "json", "--output", &out],
            None,
            &[],
        );
        assert_eq!(run.code, 1, "{}", run.stderr);
    }
    dir
}

#[test]
fn shards_merge_into_the_report_of_one_run() {
    let dir = setup();
    let whole = run_with(&dir.0, &["scan", "site", "--format", "json"], None, &[]).json();
    let merged = run_with(
        &dir.0,
        &["merge", "a.json", "b.json", "a-again.json"],
        None,
        &[],
    );
    assert_eq!(merged.code, 1, "{}", merged.stderr);
    let merged = merged.json();
    // The page scanned by two shards is counted once.
    assert_eq!(keys(&merged), keys(&whole));
    assert_eq!(findings(&merged).len(), findings(&whole).len());
    assert_eq!(merged["summary"], whole["summary"]);
    let urls = |r: &Value| -> Vec<String> {
        r["pages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["url"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(urls(&merged), urls(&whole));
    assert_eq!(merged["tool"]["name"], "portalscan");

    // Any format, and the gate runs on the whole.
    let sarif = run_with(
        &dir.0,
        &["merge", "a.json", "b.json", "--format", "sarif"],
        None,
        &[],
    );
    let sarif: Value = serde_json::from_str(&sarif.stdout).unwrap();
    assert_eq!(
        sarif["runs"][0]["results"].as_array().unwrap().len(),
        findings(&whole).len()
    );
    let never = run_with(
        &dir.0,
        &["merge", "a.json", "--fail-on", "never"],
        None,
        &[],
    );
    assert_eq!(never.code, 0);
}

#[test]
fn a_file_that_is_not_a_report_is_named_and_the_rest_still_merged() {
    let dir = setup();
    dir.write(
        "notes.json",
        r#"{"tool": {"name": "other"}, "findings": []}"#,
    );
    dir.write("broken.json", "{\"tool\": ");
    let run = run_with(
        &dir.0,
        &[
            "merge",
            "a.json",
            "notes.json",
            "broken.json",
            "missing.json",
        ],
        None,
        &[],
    );
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("portalscan: notes.json: not a portalscan JSON report"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("broken.json: not a portalscan JSON report: invalid JSON")
    );
    assert!(run.stderr.contains("missing.json: cannot read"));
    let report = run.json();
    assert!(!findings(&report).is_empty());
    assert_eq!(report["summary"]["errors"], 3);
    assert_eq!(run_with(&dir.0, &["merge"], None, &[]).code, 2);
}

#[test]
fn the_summary_format_counts_per_rule_and_lists_worst_pages_and_errors() {
    let dir = setup();
    dir.write("notes.json", "[]");
    let run = run_with(
        &dir.0,
        &[
            "merge",
            "a.json",
            "b.json",
            "notes.json",
            "--format",
            "summary",
        ],
        None,
        &[],
    );
    assert_eq!(run.code, 2);
    let out = &run.stdout;
    let rules = out.split("Worst pages").next().unwrap();
    assert!(rules.starts_with("Findings by rule\n"), "{out}");
    let line = |rule: &str| {
        rules
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{rule} ")))
            .unwrap_or_else(|| panic!("{rule} missing:\n{out}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(line("image-name"), "image-name 1 fail 0 review on 1 page");
    assert_eq!(line("button-name"), "button-name 1 fail 0 review on 1 page");
    // b.html has the most failures (3 against 2), so it comes first.
    let worst: Vec<&str> = out
        .split("Worst pages\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(worst.len(), 2, "{out}");
    assert!(worst[0].ends_with("b.html"), "{out}");
    assert!(worst[1].ends_with("a.html"), "{out}");
    assert!(
        out.contains("Errors\n  notes.json: not a portalscan JSON report"),
        "{out}"
    );
    assert!(out.contains("2 pages scanned:"), "{out}");
}
