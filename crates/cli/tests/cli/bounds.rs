//! Bounded reports: `--max-findings-per-rule` lists N findings of one rule and outcome per
//! page, counts the rest in every format, and warns.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::support::{TempDir, crate_dir, findings, run, run_with};

/// A page with `n` elements of positive tabindex (a `positive-tabindex` fail each), nested
/// `depth` deep when `nested`, otherwise side by side.
fn tabindex_page(n: usize, nested: bool) -> String {
    let mut html = String::from(
        "<!doctype html><html lang=\"en\"><head><title>Bounds</title></head><body><main>",
    );
    for i in 0..n {
        html.push_str(&format!("<div tabindex=\"1\" title=\"item {i}\">item {i}"));
        if !nested {
            html.push_str("</div>");
        }
    }
    if nested {
        html.push_str(&"</div>".repeat(n));
    }
    html.push_str("</main></body></html>");
    html
}

/// How many findings of each (rule, outcome) the JSON report lists.
fn listed(report: &Value) -> BTreeMap<(String, String), usize> {
    let mut counts = BTreeMap::new();
    for f in findings(report) {
        let key = (
            f["rule"].as_str().unwrap().to_string(),
            f["outcome"].as_str().unwrap().to_string(),
        );
        *counts.entry(key).or_default() += 1;
    }
    counts
}

fn omitted(report: &Value, rule: &str, outcome: &str) -> u64 {
    report["pages"][0]["truncated"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|t| t["rule"] == rule && t["outcome"] == outcome)
        .map_or(0, |t| t["omitted"].as_u64().unwrap())
}

/// The 20,000-level page that once gave a 1.2 GB report (each selector is as long as its
/// element is deep): with the default bound, the report stays under 10 MB, the scan does
/// not overflow the stack (it runs in the binary's main thread), and the rest are counted.
#[test]
fn a_page_20000_levels_deep_with_a_finding_at_each_level_gives_a_small_report() {
    let page = tabindex_page(20_000, true);
    let out = run_with(
        &crate_dir(),
        &["scan", "--format", "json", "-"],
        Some(page.as_bytes()),
        &[],
    );
    assert_eq!(out.code, 1, "stderr: {}", out.stderr);
    assert!(
        out.stdout.len() < 10 * 1024 * 1024,
        "the report is {} bytes",
        out.stdout.len()
    );
    let report = out.json();
    let counts = listed(&report);
    assert_eq!(counts[&("positive-tabindex".into(), "fail".into())], 500);
    assert!(counts.values().all(|&n| n <= 500), "{counts:?}");
    assert_eq!(omitted(&report, "positive-tabindex", "fail"), 19_500);
    let total: u64 = report["pages"][0]["truncated"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["omitted"].as_u64().unwrap())
        .sum();
    assert_eq!(report["summary"]["truncated"], total);
    assert!(
        out.stderr
            .contains("19500 more fail finding(s) of positive-tabindex not listed")
    );
}

#[test]
fn every_format_lists_n_and_counts_the_rest_with_a_warning() {
    let dir = TempDir::new("bounds-formats");
    let page = dir.write("page.html", tabindex_page(5, false));
    let scan = |format: &str, extra: &[&str]| {
        let mut args = vec!["scan", "--format", format, "--max-findings-per-rule", "3"];
        args.extend_from_slice(extra);
        args.push(&page);
        run(&args)
    };
    let warning = "2 more fail finding(s) of positive-tabindex not listed";

    let json = scan("json", &[]);
    let report = json.json();
    assert_eq!(
        listed(&report)[&("positive-tabindex".into(), "fail".into())],
        3
    );
    assert_eq!(omitted(&report, "positive-tabindex", "fail"), 2);
    assert!(json.stderr.contains(warning), "stderr: {}", json.stderr);

    let text = scan("text", &[]).stdout;
    assert!(text.contains("2 more not listed"), "{text}");
    assert!(text.contains(warning), "{text}");

    let sarif: Value = serde_json::from_str(&scan("sarif", &[]).stdout).unwrap();
    let run0 = &sarif["runs"][0];
    let results = run0["results"].as_array().unwrap();
    assert_eq!(
        results
            .iter()
            .filter(|r| r["ruleId"] == "positive-tabindex")
            .count(),
        3
    );
    let notes = run0["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap();
    assert!(notes.iter().any(
        |n| n["level"] == "warning" && n["message"]["text"].as_str().unwrap().contains(warning)
    ));

    let junit = scan("junit", &[]).stdout;
    assert!(junit.matches("<failure type=\"fail\"").count() >= 3);
    assert!(
        junit.contains(&format!("warning: {warning}")) && !junit.contains("pass finding(s)"),
        "{junit}"
    );

    let html = scan("html", &[]).stdout;
    assert!(html.contains("2 not listed"), "{html}");
    assert!(html.contains(warning));

    // 0 lists everything: no truncation, no warning.
    let all = run(&[
        "scan",
        "--format",
        "json",
        "--max-findings-per-rule",
        "0",
        &page,
    ]);
    let report = all.json();
    assert_eq!(
        listed(&report)[&("positive-tabindex".into(), "fail".into())],
        5
    );
    assert!(report["pages"][0].get("truncated").is_none());
    assert!(report["summary"].get("truncated").is_none());
    assert!(!all.stderr.contains("not listed"));
}

/// The gate counts what the bound left out: a threshold above the bound still trips, and
/// `merge` keeps the counts.
#[test]
fn thresholds_and_merge_count_the_findings_not_listed() {
    let dir = TempDir::new("bounds-gate");
    let page = dir.write("page.html", tabindex_page(5, false));
    let gated = |threshold: &str| {
        run(&[
            "scan",
            "--format",
            "json",
            "--max-findings-per-rule",
            "3",
            "--threshold",
            threshold,
            &page,
        ])
    };
    let over = gated("positive-tabindex=4");
    assert_eq!(
        over.code, 1,
        "5 fails are over a threshold of 4: {}",
        over.stderr
    );
    let report = over.json();
    let failing = report["gate"]["failing"].as_array().unwrap();
    let rule = failing
        .iter()
        .find(|r| r["rule"] == "positive-tabindex")
        .expect("positive-tabindex fails the run");
    assert_eq!(rule["count"], 5);

    let report_path = dir.write("report.json", &over.stdout);
    let merged = run(&["merge", &report_path]);
    assert_eq!(omitted(&merged.json(), "positive-tabindex", "fail"), 2);
}
