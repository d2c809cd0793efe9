//! The PHI fixtures (`fixtures/phi/`): Experience Cloud-like pages, a HAR recorded on one of
//! them and a snapshot with browser storage, each with planted leaks in every location and
//! decoys (an SSN-shaped order number, invalid and example SSNs, page-update dates, opaque
//! tokens, the clinic's phone and support address). The PHI findings must be exactly the
//! expected ones: every planted leak found, nothing on a decoy.

use portalscan_core::{Category, Finding, Outcome, ScanOptions, Snapshot, har, scan};
use portalscan_html::{NoResources, snapshot_from_html};
use portalscan_tests::repo_root;
use serde_json::{Value, json};

fn read(name: &str) -> String {
    std::fs::read_to_string(repo_root().join("fixtures/phi").join(name))
        .unwrap_or_else(|e| panic!("fixtures/phi/{name}: {e}"))
}

/// (rule, outcome, selector, source, kinds) of every PHI finding that is not a pass.
fn phi_findings(findings: &[Finding]) -> Vec<Value> {
    let mut out: Vec<Value> = findings
        .iter()
        .filter(|f| f.category == Category::Phi && f.outcome != Outcome::Pass)
        .map(|f| {
            let phi = f.phi.as_ref().expect("PHI findings carry phi evidence");
            json!({
                "rule": f.rule,
                "outcome": f.outcome.as_str(),
                "selector": f.selector,
                "source": phi.source.clone().unwrap_or_default(),
                "kinds": phi.kinds,
            })
        })
        .collect();
    out.sort_by_key(|v| {
        (
            v["rule"].as_str().unwrap_or("").to_string(),
            v["selector"].as_str().unwrap_or("").to_string(),
            v["source"].as_str().unwrap_or("").to_string(),
        )
    });
    out
}

fn expected(name: &str) -> Vec<Value> {
    let mut v: Vec<Value> = serde_json::from_str(&read(name)).expect("expected findings are JSON");
    v.sort_by_key(|v| {
        (
            v["rule"].as_str().unwrap_or("").to_string(),
            v["selector"].as_str().unwrap_or("").to_string(),
            v["source"].as_str().unwrap_or("").to_string(),
        )
    });
    v
}

fn assert_exact(got: Vec<Value>, want: Vec<Value>, what: &str) {
    let missing: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
    let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: findings differ\nmissing (planted leak not found):\n{}\nextra (not planted, e.g. a decoy):\n{}",
        missing
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
        extra
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    );
}

/// The page as the CLI sees a local file: its own origin unknown.
fn chart_snapshot() -> Snapshot {
    snapshot_from_html(
        &read("chart.html"),
        "file:///fixtures/phi/chart.html",
        &NoResources,
    )
}

#[test]
fn static_page_gives_exactly_the_planted_findings() {
    let findings = scan(&chart_snapshot(), &ScanOptions::default());
    assert_exact(
        phi_findings(&findings),
        expected("chart.expected.json"),
        "chart.html",
    );
}

#[test]
fn page_with_its_har_gives_exactly_the_planted_findings() {
    let mut snapshot = chart_snapshot();
    let facts = har::parse(&read("chart.har")).expect("the fixture HAR parses");
    har::apply(&mut snapshot, facts);
    assert_eq!(
        snapshot.url, "https://portal.riverside-health.example/s/chart?mrn=00123456&tab=visits",
        "the HAR names the page's URL"
    );
    let findings = scan(&snapshot, &ScanOptions::default());
    assert_exact(
        phi_findings(&findings),
        expected("chart.har.expected.json"),
        "chart.html + chart.har",
    );
}

#[test]
fn snapshot_with_storage_gives_exactly_the_planted_findings() {
    let snapshot: Snapshot =
        serde_json::from_str(&read("messages.snapshot.json")).expect("the fixture snapshot parses");
    let findings = scan(&snapshot, &ScanOptions::default());
    assert_exact(
        phi_findings(&findings),
        expected("messages.expected.json"),
        "messages.snapshot.json",
    );
}

#[test]
fn every_location_has_a_planted_leak() {
    let mut locations: Vec<String> = Vec::new();
    for name in ["chart.har.expected.json", "messages.expected.json"] {
        for e in expected(name) {
            let rule = portalscan_core::rules::by_id(e["rule"].as_str().unwrap()).unwrap();
            let location = rule.meta().phi.as_ref().unwrap().location.to_string();
            if !locations.contains(&location) {
                locations.push(location);
            }
        }
    }
    locations.sort();
    assert_eq!(
        locations,
        [
            "cache_storage",
            "comment",
            "cookie",
            "form",
            "header",
            "hidden_input",
            "indexeddb",
            "local_storage",
            "referrer",
            "script",
            "session_storage",
            "third_party",
            "title",
            "transport",
            "url"
        ]
    );
}

#[test]
fn har_bad_input_gives_clear_errors_and_never_panics() {
    for (text, says) in [
        ("", "invalid JSON"),
        ("{\"log\":", "invalid JSON"),
        ("[]", "log.entries"),
        (r#"{"log":{"entries":{}}}"#, "log.entries"),
        (
            r#"{"log":{"entries":[{"request":{"method":"GET"}}]}}"#,
            "url",
        ),
    ] {
        let err = har::parse(text).unwrap_err().to_string();
        assert!(err.contains(says), "{text:?}: {err}");
    }
    // Odd but readable: bad percent-encoding, a huge query string, invalid base64, a
    // non-UTF-8 file, a status out of range. Scanned, not a panic.
    let huge = format!("https://p.example/s/a?q={}&mrn=%ZZ%4", "x%".repeat(300_000));
    let har_text = json!({"log": {"entries": [
        {"request": {"method": "GET", "url": huge, "headers": [{"name": "Referer", "value": "%%%"}]},
         "response": {"status": 99999, "headers": [{"name": "Set-Cookie", "value": ";;=;x"}],
                      "content": {"mimeType": "application/json", "text": "@@@", "encoding": "base64"}}},
        {"request": {"method": "GET", "url": "not a url"}, "_resourceType": "document"}
    ]}})
    .to_string();
    let facts = har::parse(&har_text).expect("readable");
    assert_eq!(facts.requests.len(), 2);
    assert_eq!(facts.page_url.as_deref(), Some("not a url"));
    let mut bytes = har_text.into_bytes();
    bytes.extend_from_slice(b"\xff\xfe");
    assert!(
        har::parse_bytes(&bytes).is_err(),
        "trailing garbage is an error, not a panic"
    );
    let mut snapshot = chart_snapshot();
    har::apply(&mut snapshot, facts);
    let _ = scan(&snapshot, &ScanOptions::with_passes());
}

/// A field's value in a finding's start tag is masked whatever it looks like (a live page's
/// typed date of birth has no label the detectors could see), while button captions stay.
#[test]
fn start_tags_mask_what_was_typed_into_fields() {
    let snapshot = snapshot_from_html(
        "<input id=dob autocomplete=bday value='04/12/1968'>\
         <textarea value='Seen for chest pain'></textarea>\
         <input type=submit value='Book visit'>",
        "https://portal.example/s/intake",
        &NoResources,
    );
    let tags: Vec<String> = snapshot
        .dom
        .elements()
        .filter(|e| matches!(e.name(), "input" | "textarea"))
        .map(portalscan_core::selector::start_tag)
        .collect();
    assert_eq!(tags.len(), 3, "{tags:?}");
    assert!(
        !tags[0].contains("1968") && !tags[0].contains("04/12"),
        "{}",
        tags[0]
    );
    assert!(!tags[1].contains("chest pain"), "{}", tags[1]);
    assert!(tags[2].contains("value=\"Book visit\""), "{}", tags[2]);
}
