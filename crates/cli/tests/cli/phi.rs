//! PHI end to end: `portalscan scan` on the PHI fixtures (a page with its HAR, a snapshot
//! with browser storage) reports exactly the expected findings, and no output of any format
//! (text, JSON, SARIF, JUnit, error messages) contains a detected value.

use serde_json::{Value, json};

use crate::support::{TempDir, findings, repo_root, run, run_with};

fn fixture(name: &str) -> String {
    repo_root()
        .join("fixtures/phi")
        .join(name)
        .display()
        .to_string()
}

/// Every planted value (and its spellings) in the fixtures.
const PLANTED: &[&str] = &[
    "00123456",
    "1961-03-14",
    "03/14/1961",
    "Maria",
    "Alvarez",
    "maria.alvarez@mail.example",
    "XKW948221003",
    "457-21-9034",
    "318-64-2207",
    "0035g00000AbCdE",
    "5005g00000XyZ12",
    "E11.9",
    "1EG4TE5MK73",
];

fn assert_no_planted_value(what: &str, text: &str) {
    for value in PLANTED {
        assert!(
            !text.contains(value),
            "{what} shows the detected value {value:?}:\n{}",
            text.lines()
                .filter(|l| l.contains(value))
                .take(5)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

/// (rule, outcome, selector, source, kinds) of the PHI findings that are not passes.
fn phi_findings(report: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = findings(report)
        .iter()
        .filter(|f| f["category"] == "phi" && f["outcome"] != "pass")
        .map(|f| {
            json!({
                "rule": f["rule"],
                "outcome": f["outcome"],
                "selector": f["selector"],
                "source": f["phi"]["source"].as_str().unwrap_or(""),
                "kinds": f["phi"]["kinds"],
            })
        })
        .collect();
    out.sort_by_key(|v| v.to_string());
    out
}

fn expected(name: &str) -> Vec<Value> {
    let text = std::fs::read_to_string(fixture(name)).expect("expected findings");
    let mut v: Vec<Value> = serde_json::from_str(&text).expect("JSON");
    v.sort_by_key(|v| v.to_string());
    v
}

#[test]
fn page_with_har_reports_exactly_the_planted_findings() {
    let out = run(&[
        "scan",
        &fixture("chart.html"),
        "--har",
        &fixture("chart.har"),
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        phi_findings(&out.json()),
        expected("chart.har.expected.json")
    );
}

#[test]
fn snapshot_with_storage_reports_exactly_the_planted_findings() {
    let out = run(&[
        "scan",
        &fixture("messages.snapshot.json"),
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(
        phi_findings(&out.json()),
        expected("messages.expected.json")
    );
}

#[test]
fn no_format_shows_a_detected_value() {
    let inputs: [&[&str]; 3] = [
        &[&fixture("chart.html"), "--har", &fixture("chart.har")],
        &[&fixture("chart.html")],
        &[&fixture("messages.snapshot.json")],
    ];
    for input in inputs {
        for format in ["text", "json", "sarif", "junit", "html", "summary"] {
            let mut args = vec!["scan", "--all", "--format", format];
            args.extend_from_slice(input);
            let out = run(&args);
            assert_eq!(out.code, 1, "{format} {input:?}: {}", out.stderr);
            assert!(out.stdout.len() > 200, "{format}: a real report");
            assert_no_planted_value(&format!("{format} report of {input:?}"), &out.stdout);
            assert_no_planted_value(&format!("{format} errors of {input:?}"), &out.stderr);
        }
    }
}

/// Merged reports, baselines and every format written from a merge: still no raw value.
#[test]
fn merge_and_baseline_outputs_show_no_detected_value() {
    let dir = TempDir::new("phi-merge");
    let shards = [
        (fixture("chart.html"), dir.path("one.json")),
        (fixture("messages.snapshot.json"), dir.path("two.json")),
    ];
    let mut paths = Vec::new();
    for (input, out) in &shards {
        let out = out.display().to_string();
        let run1 = run(&["scan", "--all", input, "--format", "json", "--output", &out]);
        assert_eq!(run1.code, 1, "{}", run1.stderr);
        paths.push(out);
    }
    let baseline = dir.path("baseline.json").display().to_string();
    for format in ["text", "json", "sarif", "junit", "html", "summary"] {
        let mut args = vec!["merge", "--all", "--format", format];
        args.extend(paths.iter().map(String::as_str));
        args.extend(["--write-baseline", &baseline]);
        let out = run(&args);
        // Writing a baseline accepts the findings: exit 0.
        assert_eq!(out.code, 0, "{format}: {}", out.stderr);
        assert!(out.stdout.len() > 200, "{format}: a real report");
        assert_no_planted_value(&format!("merged {format} report"), &out.stdout);
        assert_no_planted_value(&format!("merged {format} errors"), &out.stderr);
        let written = std::fs::read_to_string(&baseline).unwrap();
        assert!(
            written.contains("phi-"),
            "the baseline lists the PHI findings"
        );
        assert_no_planted_value("baseline file", &written);
        // Everything baselined (listed with --all): still masked.
        let out = run(&[
            "merge",
            "--all",
            "--format",
            format,
            &paths[0],
            &paths[1],
            "--baseline",
            &baseline,
        ]);
        assert_eq!(out.code, 0, "{format}: {}", out.stderr);
        assert_no_planted_value(&format!("baselined {format} report"), &out.stdout);
    }
}

#[test]
fn error_messages_show_no_detected_value() {
    let dir = TempDir::new("phi-errors");
    // A HAR whose parse error would quote a value, and a snapshot whose would.
    let har = dir.write(
        "bad.har",
        r#"{"log":{"entries":[{"request":{"url":"https://p.example/s/a?ssn=457-21-9034","method":457219034}}]}}"#,
    );
    let page = dir.write("p.html", "<p>hi</p>");
    let snapshot = dir.write(
        "bad.snapshot.json",
        r#"{"url":"https://p.example/?mrn=00123456","dom":[{"type":"document"}],"cookies":[{"name":"dob","value":19610314,"note":"1961-03-14"}],"x":"Maria Alvarez 457-21-9034"}"#,
    );
    for format in ["text", "json", "sarif", "junit"] {
        let out = run(&["scan", &page, "--har", &har, "--format", format]);
        assert_eq!(out.code, 2, "a bad HAR is an input error");
        assert!(out.stderr.contains("HAR"), "{}", out.stderr);
        assert_no_planted_value("HAR error", &out.stderr);
        assert_no_planted_value("HAR error", &out.stdout);
        assert!(!out.stderr.contains("457219034"));

        let out = run(&["scan", &snapshot, "--format", format]);
        assert_eq!(out.code, 2, "{format}: {}", out.stderr);
        assert!(
            out.stderr.contains("not a valid snapshot"),
            "{}",
            out.stderr
        );
        assert_no_planted_value("snapshot error", &out.stderr);
        assert_no_planted_value(&format!("{format} report of the error"), &out.stdout);
        assert!(!out.stderr.contains("19610314") && !out.stdout.contains("19610314"));
    }
}

#[test]
fn har_needs_exactly_one_page() {
    let out = run(&[
        "scan",
        &fixture("chart.html"),
        &fixture("chart.html"),
        "--har",
        &fixture("chart.har"),
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--har"), "{}", out.stderr);
}

/// Fingerprints of the JSON report's PHI values, in order.
fn fingerprints(report: &Value) -> Vec<String> {
    findings(report)
        .iter()
        .flat_map(|f| f["phi"]["values"].as_array().cloned().unwrap_or_default())
        .map(|v| v["fingerprint"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn fingerprints_group_values_under_one_key() {
    let args = [
        "scan",
        &fixture("messages.snapshot.json"),
        "--format",
        "json",
    ];
    let dir = repo_root().join("crates/cli");
    let with_key =
        |key: &str| run_with(&dir, &args, None, &[("PORTALSCAN_FINGERPRINT_KEY", key)]).json();
    let a = fingerprints(&with_key("team-secret"));
    let b = fingerprints(&with_key("team-secret"));
    let c = fingerprints(&with_key("other-secret"));
    assert!(
        !a.is_empty() && a.iter().all(|f| f.starts_with("hmac-sha256:")),
        "{a:?}"
    );
    assert_eq!(a, b, "the same key gives the same fingerprints");
    assert!(
        a.iter().zip(&c).all(|(x, y)| x != y),
        "another key gives other fingerprints"
    );
    // The MRN is stored twice (localStorage and Cache Storage): one fingerprint for both.
    let report = with_key("team-secret");
    let mrn: Vec<&Value> = findings(&report)
        .iter()
        .flat_map(|f| f["phi"]["values"].as_array().into_iter().flatten())
        .filter(|v| v["kinds"] == json!(["mrn"]))
        .collect();
    assert!(mrn.len() >= 2, "{mrn:?}");
    assert!(
        mrn.iter()
            .all(|v| v["fingerprint"] == mrn[0]["fingerprint"])
    );
    // Without a key each run has its own, so fingerprints differ between runs.
    let r1 = fingerprints(&run(&args).json());
    let r2 = fingerprints(&run(&args).json());
    assert_ne!(r1, r2);
}

/// Human-facing formats name PHI kinds and locations in words; the JSON keeps its
/// identifiers (a public contract).
#[test]
fn human_formats_use_words_and_json_keeps_identifiers() {
    let inputs: [&[&str]; 2] = [
        &[&fixture("chart.html"), "--har", &fixture("chart.har")],
        &[&fixture("messages.snapshot.json")],
    ];
    let identifiers = [
        "local_storage",
        "session_storage",
        "hidden_input",
        "third_party",
        "member_id",
        "record_id",
        "in header",
    ];
    let mut json = String::new();
    for input in inputs {
        for format in ["text", "html"] {
            let mut args = vec!["scan", "--format", format];
            args.extend_from_slice(input);
            let out = run(&args);
            for id in identifiers {
                let shown: Vec<&str> = out.stdout.lines().filter(|l| l.contains(id)).collect();
                assert!(shown.is_empty(), "{format} report shows {id}: {shown:?}");
            }
        }
        let mut args = vec!["scan", "--format", "json"];
        args.extend_from_slice(input);
        json.push_str(&run(&args).stdout);
    }
    let text = run(&["scan", &fixture("messages.snapshot.json")]).stdout;
    assert!(
        text.contains("PHI: medical record number, date of birth, email address in localStorage"),
        "{text}"
    );
    for id in ["\"local_storage\"", "\"third_party\"", "\"member_id\""] {
        assert!(json.contains(id), "the JSON keeps {id}");
    }
}
