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
    assert_eq!(
        warning_lines(&out.stderr),
        [
            "portalscan: warning: 19500 finding(s) not listed on 1 page(s) (positive-tabindex \
          19500): over --max-findings-per-rule, counted per page and rule in the report, and \
          by the exit status (0 lists all)"
        ],
        "one line says it: {}",
        out.stderr
    );
}

/// The lines of standard error that warn about the bound.
fn warning_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains("not listed"))
        .collect()
}

/// Two pages over the bound: every format says, for each page, how many findings of which
/// rule it left out, and standard error says it once.
#[test]
fn every_format_lists_n_and_counts_the_rest_per_page_with_a_warning() {
    let dir = TempDir::new("bounds-formats");
    dir.write("five.html", tabindex_page(5, false));
    dir.write("four.html", tabindex_page(4, false));
    let scan = |format: &str| {
        run_with(
            &dir.0,
            &[
                "scan",
                "--format",
                format,
                "--max-findings-per-rule",
                "3",
                "five.html",
                "four.html",
            ],
            None,
            &[],
        )
    };
    let five = "2 more fail finding(s) of positive-tabindex not listed";
    let four = "1 more fail finding(s) of positive-tabindex not listed";
    // Each page's warning names that page.
    let says_both = |out: &str| {
        let on = |page: &str, warning: &str| {
            out.lines().any(|l| l.contains(page) && l.contains(warning))
        };
        on("five.html", five) && on("four.html", four) && !on("five.html", four)
    };

    for format in ["json", "text", "sarif", "junit", "html"] {
        let out = scan(format);
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        assert_eq!(
            warning_lines(&out.stderr),
            [
                "portalscan: warning: 3 finding(s) not listed on 2 page(s) (positive-tabindex 3): \
              over --max-findings-per-rule, counted per page and rule in the report, and by \
              the exit status (0 lists all)"
            ],
            "{format}: {}",
            out.stderr
        );
        match format {
            "json" => {
                let report = out.json();
                assert_eq!(
                    listed(&report)[&("positive-tabindex".into(), "fail".into())],
                    6,
                    "3 a page"
                );
                let pages = report["pages"].as_array().unwrap();
                let truncated: Vec<(&str, &Value)> = pages
                    .iter()
                    .map(|p| (p["input"].as_str().unwrap(), &p["truncated"]))
                    .collect();
                assert_eq!(
                    truncated,
                    [
                        (
                            "five.html",
                            &serde_json::json!([{"rule": "positive-tabindex", "outcome": "fail", "omitted": 2}])
                        ),
                        (
                            "four.html",
                            &serde_json::json!([{"rule": "positive-tabindex", "outcome": "fail", "omitted": 1}])
                        ),
                    ]
                );
                assert_eq!(report["summary"]["truncated"], 3);
                assert_eq!(report["summary"]["fail"], 6, "the listed ones");
            }
            "text" => {
                assert!(out.stdout.contains("; 3 more not listed"), "{}", out.stdout);
                assert!(says_both(&out.stdout), "{}", out.stdout);
            }
            "sarif" => {
                let sarif: Value = serde_json::from_str(&out.stdout).unwrap();
                let run0 = &sarif["runs"][0];
                let results = run0["results"].as_array().unwrap();
                assert_eq!(
                    results
                        .iter()
                        .filter(|r| r["ruleId"] == "positive-tabindex")
                        .count(),
                    6
                );
                let notes: Vec<String> = run0["invocations"][0]["toolExecutionNotifications"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|n| n["level"] == "warning")
                    .map(|n| n["message"]["text"].as_str().unwrap().to_string())
                    .collect();
                assert_eq!(notes.len(), 2, "{notes:?}");
                assert!(says_both(&notes.join("\n")), "{notes:?}");
            }
            "junit" => {
                let junit = &out.stdout;
                assert_eq!(junit.matches("<failure type=\"fail\"").count(), 6);
                // Each page's suite carries its own count.
                let suite = |name: &str| {
                    let start = junit.find(&format!("<testsuite name=\"{name}\"")).unwrap();
                    let end = start + junit[start..].find("</testsuite>").unwrap();
                    &junit[start..end]
                };
                assert!(suite("five.html").contains(&format!("<system-err>warning: {five}")));
                assert!(suite("four.html").contains(&format!("<system-err>warning: {four}")));
                assert!(!junit.contains("pass finding(s)"), "{junit}");
            }
            "html" => {
                assert!(
                    out.stdout.contains("<li>3 not listed</li>"),
                    "{}",
                    out.stdout
                );
                assert!(says_both(&out.stdout), "{}", out.stdout);
            }
            _ => unreachable!(),
        }
    }

    // 0 lists everything: no truncation, no warning.
    let all = run_with(
        &dir.0,
        &[
            "scan",
            "--format",
            "json",
            "--max-findings-per-rule",
            "0",
            "five.html",
        ],
        None,
        &[],
    );
    let report = all.json();
    assert_eq!(
        listed(&report)[&("positive-tabindex".into(), "fail".into())],
        5
    );
    assert!(report["pages"][0].get("truncated").is_none());
    assert!(report["summary"].get("truncated").is_none());
    assert!(warning_lines(&all.stderr).is_empty(), "{}", all.stderr);
}

/// The bound changes what is listed, never the exit status: with and without it, every
/// gate setting gives the same code.
#[test]
fn the_exit_status_is_the_same_with_and_without_the_bound() {
    let dir = TempDir::new("bounds-exit");
    let failing = dir.write("failing.html", tabindex_page(5, false));
    let clean = dir.write(
        "clean.html",
        "<!doctype html><html lang=\"en\"><head><title>Clean</title></head><body><main>\
         <h1>Clean</h1><p>There is nothing for you to do on this page.</p></main></body></html>",
    );
    let gates: [&[&str]; 6] = [
        &[],
        &["--fail-on", "review"],
        &["--fail-on", "never"],
        &["--threshold", "positive-tabindex=4"],
        &["--threshold", "positive-tabindex=5"],
        &["--fail-on", "review", "--threshold", "positive-tabindex=1"],
    ];
    let mut codes = Vec::new();
    for page in [&failing, &clean] {
        for gate in gates {
            let code = |bound: &str| {
                let mut args = vec!["scan", "--format", "json", "--max-findings-per-rule", bound];
                args.extend_from_slice(gate);
                args.push(page);
                let out = run(&args);
                assert!(out.code == 0 || out.code == 1, "{args:?}: {}", out.stderr);
                out.code
            };
            let unbounded = code("0");
            assert_eq!(code("1"), unbounded, "{page} {gate:?}");
            assert_eq!(code("3"), unbounded, "{page} {gate:?}");
            codes.push(unbounded);
        }
    }
    // The settings do decide: the comparison is not between always-equal codes.
    assert_eq!(codes, [1, 1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]);
}

/// A page URL with PHI is redacted in every format's warning, as everywhere else.
#[test]
fn warnings_show_the_page_url_redacted() {
    let dir = TempDir::new("bounds-phi");
    // The five-fail page as a snapshot of a portal URL that carries an MRN.
    let page = dir.write("page.html", tabindex_page(5, false));
    let made = run(&["snapshot", &page]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let mut snapshot = made.json();
    snapshot["url"] = "https://portal.riverside-health.example/s/messages?mrn=00123456".into();
    dir.write("page.snapshot.json", snapshot.to_string());
    for format in ["json", "text", "sarif", "junit", "html"] {
        let out = run_with(
            &dir.0,
            &[
                "scan",
                "page.snapshot.json",
                "--format",
                format,
                "--max-findings-per-rule",
                "1",
            ],
            None,
            &[],
        );
        assert_eq!(out.code, 1, "{format}: {}", out.stderr);
        assert_eq!(
            warning_lines(&out.stderr).len(),
            1,
            "{format}: {}",
            out.stderr
        );
        if format == "json" {
            let report = out.json();
            assert!(report["summary"]["truncated"].as_u64().unwrap() > 0);
            assert!(
                !report["pages"][0]["truncated"]
                    .as_array()
                    .unwrap()
                    .is_empty()
            );
        } else if format == "junit" {
            // The suite's `url` property names the page its warning is in.
            assert!(
                out.stdout
                    .contains("value=\"https://portal.riverside-health.example/s/messages?mrn=")
                    && out
                        .stdout
                        .contains("<system-err>warning: 4 more fail finding(s)"),
                "{}",
                out.stdout
            );
        } else {
            assert!(
                out.stdout
                    .lines()
                    .any(|l| l.contains("/s/messages?mrn=") && l.contains("not listed")),
                "{format}: the warning names the page redacted:\n{}",
                out.stdout
            );
        }
        for shown in [&out.stdout, &out.stderr] {
            assert!(!shown.contains("00123456"), "{format}: the MRN is shown");
        }
    }
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

/// Findings not listed have no fingerprint in the report, so a baseline cannot accept
/// them: they count as new (a bound never turns a fail into a pass), and the warning says
/// why the status may differ from an unbounded run's.
#[test]
fn a_baseline_cannot_accept_findings_not_listed_and_the_warning_says_so() {
    let dir = TempDir::new("bounds-baseline");
    let page = dir.write("page.html", tabindex_page(5, false));
    let baseline = dir.path("baseline.json").display().to_string();
    let written = run(&[
        "scan",
        "--max-findings-per-rule",
        "0",
        "--write-baseline",
        &baseline,
        &page,
    ]);
    assert_eq!(written.code, 0, "{}", written.stderr);
    let with = |bound: &str| {
        run(&[
            "scan",
            "--format",
            "json",
            "--max-findings-per-rule",
            bound,
            "--baseline",
            &baseline,
            &page,
        ])
    };
    let unbounded = with("0");
    assert_eq!(
        unbounded.code, 0,
        "all five are baselined: {}",
        unbounded.stderr
    );
    let bounded = with("3");
    assert_eq!(
        bounded.code, 1,
        "the 2 not listed count: {}",
        bounded.stderr
    );
    let lines = warning_lines(&bounded.stderr);
    assert_eq!(lines.len(), 1, "{}", bounded.stderr);
    assert!(
        lines[0].ends_with("; the baseline cannot accept findings not listed"),
        "{}",
        lines[0]
    );
}
