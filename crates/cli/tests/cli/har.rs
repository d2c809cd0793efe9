//! `scan --har` with a recorded session (fixtures/har, Playwright's recordHar of the fixture
//! portal: /s/home, then /s/records): page by page, and a page file matched to its page.

use serde_json::Value;

use crate::support::{TempDir, findings, repo_root, run};

fn har(name: &str) -> String {
    repo_root()
        .join("fixtures/har")
        .join(name)
        .display()
        .to_string()
}

const HOME: &str = "http://127.0.0.1:8080/s/home";
const RECORDS: &str = "http://127.0.0.1:8080/s/records";

fn page_urls(report: &Value) -> Vec<&str> {
    report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["url"].as_str().unwrap())
        .collect()
}

fn rules_on(report: &Value, url: &str) -> Vec<String> {
    let mut rules: Vec<String> = findings(report)
        .iter()
        .filter(|f| f["url"] == url)
        .map(|f| {
            format!(
                "{} {}",
                f["rule"].as_str().unwrap(),
                f["outcome"].as_str().unwrap()
            )
        })
        .collect();
    rules.sort();
    rules.dedup();
    rules
}

#[test]
fn a_har_alone_is_scanned_page_by_page() {
    let out = run(&[
        "scan",
        "--har",
        &har("home-then-records.har"),
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = out.json();
    assert_eq!(page_urls(&report), [HOME, RECORDS]);
    // The HAR holds no stylesheet text: every style-reading rule asks for review (the
    // orientation rule names the two stylesheets it could not read).
    for url in [HOME, RECORDS] {
        assert_eq!(
            rules_on(&report, url),
            [
                "css-orientation-lock review",
                "focus-visible review",
                "link-in-text-block review",
                "text-contrast review",
                "text-contrast-enhanced review",
                "transport-https fail"
            ],
            "{url}"
        );
    }
}

#[test]
fn a_page_file_gets_the_facts_of_its_own_har_page() {
    let dir = TempDir::new("har-match");
    // The records page's own body, as the server sent it: matched by its body.
    let session: Value =
        serde_json::from_str(&std::fs::read_to_string(har("home-then-records.har")).unwrap())
            .unwrap();
    let body = session["log"]["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["request"]["url"] == RECORDS)
        .unwrap()["response"]["content"]["text"]
        .as_str()
        .unwrap()
        .to_string();
    let file = dir.write("records.html", &body);
    let out = run(&[
        "scan",
        &file,
        "--har",
        &har("home-then-records.har"),
        "--format",
        "json",
    ]);
    assert_eq!(page_urls(&out.json()), [RECORDS], "{}", out.stderr);

    // A rendered page with PHI is no HAR body: without --url it is an error, never the first page.
    let shown = dir.write(
        "shown.html",
        "<!doctype html><html lang=en><title>Records</title><main><p>Date of birth: 03/14/1961</p></main></html>",
    );
    let out = run(&[
        "scan",
        &shown,
        "--har",
        &har("home-then-records.har"),
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 2, "{}", out.stdout);
    assert!(out.stderr.contains("--url URL"), "{}", out.stderr);
    assert!(
        out.stderr.contains(HOME) && out.stderr.contains(RECORDS),
        "{}",
        out.stderr
    );

    // Named: the records page (no Cache-Control) is blamed, not /s/home (no-store).
    let with_url = |url: &str| {
        let out = run(&[
            "scan",
            &shown,
            "--har",
            &har("home-then-records.har"),
            "--url",
            url,
            "--format",
            "json",
        ]);
        out.json()
    };
    let records = with_url(RECORDS);
    assert_eq!(page_urls(&records), [RECORDS]);
    assert!(rules_on(&records, RECORDS).contains(&"phi-response-no-store fail".to_string()));
    let home = with_url(HOME);
    assert_eq!(page_urls(&home), [HOME]);
    assert!(
        !rules_on(&home, HOME)
            .iter()
            .any(|r| r.starts_with("phi-response-no-store"))
    );
}

#[test]
fn a_har_without_bodies_says_what_was_not_checked() {
    let out = run(&["scan", "--har", &har("no-bodies.har"), "--format", "json"]);
    let report = out.json();
    assert_eq!(page_urls(&report), [HOME, RECORDS]);
    assert!(findings(&report).is_empty());
    for page in report["pages"].as_array().unwrap() {
        let warning = page["warnings"][0].as_str().unwrap();
        assert!(
            warning.starts_with("the HAR holds no body for this document"),
            "{warning}"
        );
        // Its coverage says nothing on it was checked: never a complete, clean page.
        let coverage = &page["coverage"];
        assert_eq!(coverage["complete"], false, "{coverage:#}");
        assert_eq!(coverage["gaps"][0]["what"], "har_body", "{coverage:#}");
        assert_eq!(coverage["gaps"][0]["why"].as_str().unwrap(), warning);
    }
    assert_eq!(
        out.stderr.matches("holds no body").count(),
        2,
        "{}",
        out.stderr
    );
}
