//! The gate: baselines suppress accepted findings by fingerprint, thresholds let a rule
//! have N findings before it fails the run, and fingerprints agree between checkouts.

use serde_json::Value;

use crate::support::{TempDir, findings, run_with};

const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Visits</title></head><body>
<main>
  <h1>Your visits with the clinic</h1>
  <div class="cards"><img src="a.png"><img src="b.png"></div>
  <p lang="not a language">Bonjour</p>
</main></body></html>"#;

fn scan(dir: &TempDir, extra: &[&str]) -> (i32, Value, String) {
    let mut args = vec!["scan", "page.html", "--format", "json"];
    args.extend_from_slice(extra);
    let out = run_with(&dir.0, &args, None, &[]);
    let json = if out.stdout.is_empty() {
        Value::Null
    } else {
        out.json()
    };
    (out.code, json, out.stderr)
}

fn rules_of(report: &Value) -> Vec<String> {
    findings(report)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_baseline_suppresses_accepted_findings_and_only_those() {
    let dir = TempDir::new("baseline");
    dir.write("page.html", PAGE);
    // Writing a baseline accepts the findings: exit 0.
    let (code, first, _) = scan(&dir, &["--write-baseline", "baseline.json"]);
    assert_eq!(code, 0);
    let accepted = findings(&first).len();
    assert_eq!(accepted, 3, "{first:#}");
    let file: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path("baseline.json")).unwrap()).unwrap();
    assert_eq!(file["portalscan_baseline"], 1);
    assert_eq!(file["findings"].as_array().unwrap().len(), accepted);

    // Everything accepted: clean exit, counted as baselined, not listed.
    let (code, again, err) = scan(&dir, &["--baseline", "baseline.json"]);
    assert_eq!(code, 0, "{err}");
    assert!(findings(&again).is_empty(), "{again:#}");
    assert_eq!(again["summary"]["baselined"], accepted);
    assert_eq!(again["summary"]["fail"], 0);
    assert!(again.get("baselined").is_none());
    assert_eq!(again["gate"]["passed"], true);

    // --all lists them apart.
    let (_, all, _) = scan(&dir, &["--baseline", "baseline.json", "--all"]);
    assert_eq!(all["baselined"].as_array().unwrap().len(), accepted);

    // A new failure elsewhere on the page is reported; the accepted ones stay suppressed
    // although the new element shifted their positions.
    dir.write(
        "page.html",
        PAGE.replace("<main>", "<main><p>News</p><img src=\"new.png\">"),
    );
    let (code, changed, _) = scan(&dir, &["--baseline", "baseline.json"]);
    assert_eq!(code, 1);
    assert_eq!(rules_of(&changed), ["image-name"], "{changed:#}");
    assert!(
        findings(&changed)[0]["html"]
            .as_str()
            .unwrap()
            .contains("new.png")
    );
    assert_eq!(changed["summary"]["baselined"], accepted);

    // A JSON report works as a baseline too.
    std::fs::write(dir.path("report.json"), first.to_string()).unwrap();
    let (code, from_report, _) = scan(&dir, &["--baseline", "report.json"]);
    assert_eq!(code, 1);
    assert_eq!(from_report["summary"]["baselined"], accepted);
}

#[test]
fn thresholds_let_a_rule_have_n_findings() {
    let dir = TempDir::new("threshold");
    dir.write("page.html", PAGE);
    let (_, report, _) = scan(&dir, &[]);
    let mut counts = std::collections::BTreeMap::<String, usize>::new();
    for f in findings(&report) {
        if f["outcome"] == "fail" {
            *counts
                .entry(f["rule"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
    }
    assert_eq!(counts.get("image-name"), Some(&2), "{report:#}");
    let mut at_limit: Vec<String> = counts.iter().map(|(r, n)| format!("{r}={n}")).collect();
    let args: Vec<&str> = at_limit
        .iter()
        .flat_map(|t| ["--threshold", t.as_str()])
        .collect();
    let (code, gated, err) = scan(&dir, &args);
    assert_eq!(code, 0, "{err} {gated:#}");
    assert!(gated["gate"]["failing"].as_array().unwrap().is_empty());
    // One less than found: that rule, and only it, fails the run.
    at_limit.retain(|t| !t.starts_with("image-name="));
    at_limit.push("image-name=1".into());
    let args: Vec<&str> = at_limit
        .iter()
        .flat_map(|t| ["--threshold", t.as_str()])
        .collect();
    let (code, gated, _) = scan(&dir, &args);
    assert_eq!(code, 1);
    let failing = gated["gate"]["failing"].as_array().unwrap();
    assert_eq!(failing.len(), 1, "{gated:#}");
    assert_eq!(failing[0]["rule"], "image-name");
    assert_eq!(failing[0]["count"], 2);
    assert_eq!(failing[0]["threshold"], 1);
    // The text summary says which rule failed the run.
    let text = run_with(
        &dir.0,
        &[&["scan", "page.html"], args.as_slice()].concat(),
        None,
        &[],
    );
    assert!(
        text.stdout.contains(
            "image-name: 2 findings reaching --fail-on fail, threshold 1: over threshold"
        ),
        "{}",
        text.stdout
    );
}

#[test]
fn bad_gate_input_is_named_and_findings_are_still_reported() {
    let dir = TempDir::new("bad-baseline");
    dir.write("page.html", PAGE);
    dir.write("notes.json", r#"{"hello": "world"}"#);
    let (code, report, err) = scan(&dir, &["--baseline", "notes.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("notes.json: not a baseline"), "{err}");
    assert!(!findings(&report).is_empty());
    let (code, _, err) = scan(&dir, &["--baseline", "missing.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.json: cannot read"), "{err}");
    let (code, _, err) = scan(&dir, &["--threshold", "image-nam=2"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown rule 'image-nam'"), "{err}");
}

#[test]
fn fingerprints_agree_between_checkouts_in_different_directories() {
    let one = TempDir::new("checkout-one");
    let two = TempDir::new("checkout-two");
    one.write("site/page.html", PAGE);
    two.write("site/page.html", PAGE);
    let fps = |dir: &TempDir| -> Vec<String> {
        let out = run_with(&dir.0, &["scan", "site", "--format", "json"], None, &[]);
        findings(&out.json())
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    let a = fps(&one);
    assert!(!a.is_empty());
    assert_eq!(a, fps(&two));
}

/// Best-practice findings (a heading for the main content, technique H69) are reported
/// with `level: "best-practice"` but never fail the run; the page's AA findings still do.
#[test]
fn best_practice_findings_are_reported_but_never_gate() {
    let dir = TempDir::new("best-practice");
    // A menu, then the page's own content with no heading; a main landmark meets 2.4.1.
    // (A menu without links: a link would need layout to measure, a review of its own.)
    dir.write(
        "page.html",
        r#"<!doctype html><html lang="en"><head><title>Visits</title></head><body>
<nav><span>Riverside Health</span></nav>
<main><p>Your next visit is on Monday with the care team at the clinic.</p></main></body></html>"#,
    );
    advisory_findings_never_gate(&dir, "main-content-heading", "best-practice");
    // The same page with an image without alt fails the run on image-name alone.
    dir.write(
        "page.html",
        r#"<!doctype html><html lang="en"><head><title>Visits</title></head><body>
<nav><span>Riverside Health</span></nav>
<main><img src="/map.png"><p>Your next visit is on Monday with the care team at the clinic.</p></main></body></html>"#,
    );
    let (code, report, _) = scan(&dir, &[]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(failing_rules(&report), ["image-name"], "{report:#}");
}

/// Level AAA findings (enhanced contrast) are reported with `level: "AAA"` and counted in
/// the summary, but never fail the run, even with `--fail-on review`; the AA finding on
/// the same kind of text does.
#[test]
fn level_aaa_findings_are_reported_but_never_gate() {
    let dir = TempDir::new("aaa");
    // #767676 on white is 4.54:1: enough for AA (4.5:1), not for AAA (7:1). The sentence is
    // long enough for `page-lang-matches` to tell its language (no review).
    dir.write(
        "page.html",
        r#"<!doctype html><html lang="en"><head><title>Visits</title></head><body>
<main><p style="color:#767676">Your next visit is on Monday with the care team at the clinic.</p></main></body></html>"#,
    );
    for report in advisory_findings_never_gate(&dir, "text-contrast-enhanced", "AAA") {
        // Other findings carry no level.
        assert!(
            findings(&report)
                .iter()
                .filter(|f| f["rule"] != "text-contrast-enhanced")
                .all(|f| f.get("level").is_none()),
            "{report:#}"
        );
    }
    // The same page with AA-failing text fails the run on text-contrast alone.
    dir.write(
        "page.html",
        r#"<!doctype html><html lang="en"><head><title>Visits</title></head><body>
<main><p style="color:#999">Your next visit is on Monday</p></main></body></html>"#,
    );
    let (code, report, _) = scan(&dir, &[]);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(failing_rules(&report), ["text-contrast"], "{report:#}");
}

/// Scans the page in `dir` with `--fail-on fail` and `--fail-on review`: each time the
/// run passes, and `rule` has one finding, a fail carrying `level`. Returns the reports.
fn advisory_findings_never_gate(dir: &TempDir, rule: &str, level: &str) -> Vec<Value> {
    let mut reports = Vec::new();
    for fail_on in ["fail", "review"] {
        let (code, report, err) = scan(dir, &["--fail-on", fail_on]);
        assert_eq!(code, 0, "--fail-on {fail_on}: {err}\n{report:#}");
        let advisory: Vec<&Value> = findings(&report)
            .iter()
            .filter(|f| f["rule"] == rule)
            .collect();
        assert_eq!(advisory.len(), 1, "{report:#}");
        assert_eq!(advisory[0]["outcome"], "fail");
        assert_eq!(advisory[0]["level"], level);
        assert_eq!(report["gate"]["passed"], true, "{report:#}");
        reports.push(report);
    }
    reports
}

/// The rules the gate says failed the run.
fn failing_rules(report: &Value) -> Vec<&str> {
    report["gate"]["failing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["rule"].as_str().unwrap())
        .collect()
}
