//! Finding fingerprints are the key baselines match on: they must not change between runs,
//! nor when unrelated content is added to a page, and must tell different findings apart.

use std::collections::BTreeMap;

use portalscan_core::phi::FingerprintKey;
use portalscan_core::{Finding, ScanOptions};
use portalscan_html::snapshot_from_html;

const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Visits</title></head><body>
<header><nav><a href="/s/">Home</a><a href="/s/x"></a></nav></header>
<main>
  <form id="intake">
    <input name="first">
    <input name="last">
    <input type="email" name="mail">
  </form>
  <div class="cards">
    <img src="a.png"><img src="b.png">
  </div>
  <input type="hidden" name="mrn" value="00123456">
</main></body></html>"#;

fn scan(html: &str, url: &str, key: &[u8]) -> Vec<Finding> {
    let snapshot = snapshot_from_html(html, url, &portalscan_html::NoResources);
    portalscan_core::scan(
        &snapshot,
        &ScanOptions {
            fingerprint_key: Some(FingerprintKey::new(key.to_vec())),
            ..ScanOptions::default()
        },
    )
}

/// (rule, selector) -> fingerprint
fn by_place(findings: &[Finding]) -> BTreeMap<(String, String), String> {
    findings
        .iter()
        .map(|f| ((f.rule.clone(), f.selector.clone()), f.fingerprint.clone()))
        .collect()
}

#[test]
fn same_page_twice_gives_the_same_fingerprints() {
    let url = "https://portal.example/s/visits?session=abc";
    let a = scan(PAGE, url, b"key one");
    // Another run: another PHI key, another session in the query.
    let b = scan(
        PAGE,
        "https://portal.example/s/visits?session=xyz#top",
        b"key two",
    );
    assert!(a.len() >= 5, "{a:#?}");
    let fa: Vec<&str> = a.iter().map(|f| f.fingerprint.as_str()).collect();
    let fb: Vec<&str> = b.iter().map(|f| f.fingerprint.as_str()).collect();
    assert_eq!(fa, fb);
    for f in &fa {
        assert_eq!(f.len(), 32, "{f}");
        assert!(f.bytes().all(|b| b.is_ascii_hexdigit()));
    }
}

#[test]
fn fingerprints_are_unique_within_a_page() {
    let findings = scan(PAGE, "https://portal.example/s/visits", b"k");
    let mut seen = std::collections::HashSet::new();
    for f in &findings {
        assert!(seen.insert(&f.fingerprint), "duplicate: {f:#?}");
    }
    // The two unnamed images share an element key and are told apart by order.
    let images: Vec<&Finding> = findings.iter().filter(|f| f.rule == "image-name").collect();
    assert_eq!(images.len(), 2, "{findings:#?}");
}

#[test]
fn inserting_an_unrelated_element_keeps_the_other_fingerprints() {
    let url = "https://portal.example/s/visits";
    let before = by_place(&scan(PAGE, url, b"k"));
    // A new section before the form and a new link in the nav shift :nth-child positions.
    let changed = PAGE
        .replace(
            "<main>",
            "<main><section><p>News</p><button></button></section>",
        )
        .replace("<nav>", "<nav><a href=\"/s/new\">New</a>");
    let after_findings = scan(&changed, url, b"k");
    let after: Vec<&String> = after_findings.iter().map(|f| &f.fingerprint).collect();
    // The new unnamed button is a new finding with a new fingerprint...
    let button = after_findings
        .iter()
        .find(|f| f.rule == "button-name")
        .expect("new button finding");
    assert!(!before.values().any(|fp| *fp == button.fingerprint));
    // ...and every old finding keeps its fingerprint although its selector may have moved.
    for ((rule, selector), fp) in &before {
        assert!(
            after.contains(&fp),
            "{rule} at {selector} lost its fingerprint"
        );
    }
}

#[test]
fn different_pages_rules_and_elements_differ() {
    let a = scan(PAGE, "https://portal.example/s/visits", b"k");
    let b = scan(PAGE, "https://portal.example/s/records", b"k");
    let fa: std::collections::HashSet<&String> = a.iter().map(|f| &f.fingerprint).collect();
    assert!(b.iter().all(|f| !fa.contains(&f.fingerprint)));
}

#[test]
fn phi_fingerprints_never_hold_the_value_and_ignore_it() {
    let a = scan(PAGE, "https://portal.example/s/visits", b"k");
    let other_patient = PAGE.replace("00123456", "00987654");
    let b = scan(&other_patient, "https://portal.example/s/visits", b"k");
    let hidden = |fs: &[Finding]| {
        fs.iter()
            .find(|f| f.rule == "phi-in-hidden-field")
            .map(|f| f.fingerprint.clone())
            .expect("hidden field finding")
    };
    // Same place, another patient's value: the same finding for a baseline.
    assert_eq!(hidden(&a), hidden(&b));
    let json = serde_json::to_string(&a).unwrap();
    assert!(!json.contains("00123456"));
}

#[test]
fn a_loopback_server_s_port_does_not_change_fingerprints() {
    // The demo and CI jobs serve on a random loopback port: a baseline from one run must
    // hold on the next.
    for (one, other) in [
        (
            "http://127.0.0.1:41234/s/home",
            "http://127.0.0.1:39001/s/home",
        ),
        (
            "http://localhost:3000/s/home",
            "http://LOCALHOST:8080/s/home",
        ),
        ("http://[::1]:5000/s/home", "http://[::1]:5001/s/home"),
    ] {
        let a = scan(PAGE, one, b"k");
        let b = scan(PAGE, other, b"k");
        assert_eq!(by_place(&a), by_place(&b), "{one} vs {other}");
    }
    // Anywhere else the port names another server.
    let a = scan(PAGE, "https://portal.example:8443/s/home", b"k");
    let b = scan(PAGE, "https://portal.example:9443/s/home", b"k");
    assert_ne!(by_place(&a), by_place(&b));
    assert_eq!(
        portalscan_core::fingerprint::page_key("http://127.0.0.1:41234/s/home?mrn=1"),
        "http://127.0.0.1/s/home?mrn"
    );
    assert_eq!(
        portalscan_core::fingerprint::page_key("http://10.0.0.1:8080/s/"),
        "http://10.0.0.1:8080/s/"
    );
}
