//! `fixtures/portal/expected.json` stays well-formed without a browser: every rule it names
//! exists, outcomes are fail, review or pass, every page is one the server serves, and
//! every entry says why.

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

fn manifest() -> Value {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/portal/expected.json");
    let text = std::fs::read_to_string(&path).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_manifest_names_real_rules_pages_and_outcomes() {
    let rules: BTreeSet<&str> = portalscan_core::rules::all()
        .iter()
        .map(|r| r.meta().id)
        .collect();
    let pages = manifest()["pages"].as_object().expect("pages").clone();
    let names: Vec<&str> = pages.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "/s/appointments",
            "/s/home",
            "/s/intake",
            "/s/login",
            "/s/messages",
            "/s/records"
        ]
    );
    for (page, list) in &pages {
        for e in list.as_array().expect("a list per page") {
            let rule = e["rule"].as_str().unwrap_or_default();
            assert!(rules.contains(rule), "{page}: no rule named {rule:?}");
            let outcome = e["outcome"].as_str().unwrap_or_default();
            assert!(
                matches!(outcome, "fail" | "review" | "pass"),
                "{page} {rule}: outcome {outcome:?}"
            );
            assert!(e["selector"].is_string(), "{page} {rule}: selector");
            let why = e["why"].as_str().unwrap_or_default();
            assert!(!why.trim().is_empty(), "{page} {rule}: say why");
        }
    }
}

#[test]
fn every_page_is_served_over_http_so_each_fails_transport_https() {
    for (page, list) in manifest()["pages"].as_object().unwrap() {
        let list = list.as_array().unwrap();
        assert!(
            list.iter()
                .any(|e| e["rule"] == "transport-https" && e["outcome"] == "fail"),
            "{page}"
        );
    }
}
