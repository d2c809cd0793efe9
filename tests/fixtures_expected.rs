//! The Experience Cloud-like pages in `fixtures/static/` give exactly the fail and review
//! findings their `<page>.expected.json` lists: every planted failure found, no look-alike
//! reported, nothing else. Entries with outcome `pass` name look-alikes that a rule must
//! actively pass (not merely skip); other passes are not compared.
//!
//! An expectation may carry `"known_gap": "<reason>"`: a finding that is right by design
//! but that a rule does not give yet (or gives wrongly). It is tolerated either way and
//! reported loudly, so it can be fixed and removed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use portalscan_core::selector::unique_selector;
use portalscan_core::{Finding, Outcome, ScanOptions, rules, scan};
use portalscan_html::{NoResources, snapshot_from_html};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectation {
    rule: String,
    outcome: Outcome,
    selector: String,
    /// Why it is expected (which planted failure it is).
    #[serde(default)]
    note: String,
    #[serde(default)]
    known_gap: Option<String>,
}

/// What a finding is compared on.
type Key = (String, Outcome, String);

fn fixtures_dir() -> PathBuf {
    portalscan_tests::repo_root().join("fixtures/static")
}

fn pages() -> Vec<PathBuf> {
    let mut pages: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures/static exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .collect();
    pages.sort();
    pages
}

fn expectations_for(page: &Path) -> Vec<Expectation> {
    let path = page.with_extension("expected.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: every fixture page needs one: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn page_url(page: &Path) -> String {
    let stem = page.file_stem().and_then(|s| s.to_str()).unwrap_or("page");
    format!("https://riverside-health.my.site.com/patients/s/{stem}")
}

/// The page's findings (passes included), and the selector of every element in it.
fn scan_page(page: &Path) -> (Vec<Finding>, BTreeSet<String>) {
    let html = std::fs::read_to_string(page).expect("fixture page is readable");
    let snapshot = snapshot_from_html(&html, &page_url(page), &NoResources);
    let findings = scan(&snapshot, &ScanOptions::with_passes());
    let selectors = snapshot.dom.elements().map(unique_selector).collect();
    (findings, selectors)
}

fn key_of(f: &Finding) -> Key {
    (f.rule.clone(), f.outcome, f.selector.clone())
}

fn show(key: &Key) -> String {
    format!("{} {} at `{}`", key.0, key.1.as_str(), key.2)
}

/// Compares one page; returns (mismatch report lines, known-gap report lines).
fn compare(page: &Path) -> (Vec<String>, Vec<String>) {
    let expectations = expectations_for(page);
    let (findings, selectors) = scan_page(page);
    let found: BTreeSet<Key> = findings.iter().map(key_of).collect();
    let known_rules: BTreeSet<&str> = rules::all().iter().map(|r| r.meta().id).collect();

    let mut problems = Vec::new();
    let mut gaps = Vec::new();
    let mut expected_keys = BTreeSet::new();
    for e in &expectations {
        let key = (e.rule.clone(), e.outcome, e.selector.clone());
        let present = found.contains(&key);
        // A typo in a selector would otherwise look like a rule that misses its target.
        if !e.selector.is_empty() && !selectors.contains(&e.selector) {
            problems.push(format!(
                "  bad expectation: no element in the page has selector `{}`",
                e.selector
            ));
        }
        expected_keys.insert(key.clone());
        match (&e.known_gap, present) {
            (Some(reason), _) => gaps.push(format!(
                "  KNOWN GAP {} ({}): {reason}",
                show(&key),
                if present {
                    "now reported"
                } else {
                    "not reported"
                }
            )),
            (None, true) => {}
            (None, false) => {
                let why = if known_rules.contains(e.rule.as_str()) {
                    String::new()
                } else {
                    " [no rule with this id exists]".to_string()
                };
                let label = if e.outcome == Outcome::Pass {
                    "look-alike not passed:"
                } else {
                    "missing:"
                };
                problems.push(format!("  {label} {}{why}  -- {}", show(&key), e.note));
            }
        }
    }
    let fail_or_review = findings
        .iter()
        .filter(|f| matches!(f.outcome, Outcome::Fail | Outcome::Review));
    for f in fail_or_review {
        let key = key_of(f);
        if !expected_keys.contains(&key) {
            problems.push(format!("  unexpected: {}  -- {}", show(&key), f.message));
            expected_keys.insert(key); // report each once
        }
    }
    (problems, gaps)
}

#[test]
fn fixture_pages_give_exactly_their_expected_findings() {
    let pages = pages();
    assert!(
        pages.len() >= 5,
        "expected the five fixture pages in fixtures/static"
    );
    let mut report = Vec::new();
    let mut gaps = Vec::new();
    for page in &pages {
        let name = page.file_name().unwrap_or_default().to_string_lossy();
        let (problems, page_gaps) = compare(page);
        if !page_gaps.is_empty() {
            gaps.push(format!("{name}:\n{}", page_gaps.join("\n")));
        }
        if !problems.is_empty() {
            report.push(format!("{name}:\n{}", problems.join("\n")));
        }
    }
    if !gaps.is_empty() {
        println!(
            "!!! {} fixture page(s) have KNOWN GAPS (tolerated, must be fixed):\n{}",
            gaps.len(),
            gaps.join("\n")
        );
    }
    assert!(
        report.is_empty(),
        "fixture findings differ from fixtures/static/*.expected.json \
         (missing = expected but not reported; unexpected = reported but not expected):\n{}",
        report.join("\n")
    );
}

/// Each page documents its planted failures and look-alikes in a comment, and each
/// expectation says which planted failure it is.
#[test]
fn fixture_pages_document_their_plants() {
    for page in pages() {
        let html = std::fs::read_to_string(&page).expect("readable");
        let name = page.display();
        assert!(
            html.contains("Planted failures"),
            "{name}: no 'Planted failures' comment"
        );
        assert!(
            html.contains("Look-alikes"),
            "{name}: no 'Look-alikes' comment"
        );
        for e in expectations_for(&page) {
            assert!(
                !e.note.is_empty(),
                "{name}: expectation {} has no note",
                e.rule
            );
        }
    }
}

/// Every finding names the Lightning component around its element (`component`): the host
/// of the innermost shadow tree holding it (`c-care-team-card` inside `c-care-team-list`),
/// none outside components. The selector says the same independently: its part before the
/// last ` >>> ` selects that host.
#[test]
fn fixture_findings_name_the_component_around_them() {
    let mut in_components = 0;
    for page in pages() {
        let html = std::fs::read_to_string(&page).expect("fixture page is readable");
        let snapshot = snapshot_from_html(&html, &page_url(&page), &NoResources);
        let tag_of: std::collections::BTreeMap<String, &str> = snapshot
            .dom
            .elements()
            .map(|el| (unique_selector(el), el.name()))
            .collect();
        let findings = scan(&snapshot, &ScanOptions::default());
        for f in &findings {
            let host = f.selector.rsplit_once(" >>> ").map(|(host, _)| {
                *tag_of
                    .get(host)
                    .unwrap_or_else(|| panic!("no element has selector {host}"))
            });
            assert_eq!(
                f.component.as_deref(),
                host,
                "{}: {} at {}",
                page.display(),
                f.rule,
                f.selector
            );
            in_components += usize::from(f.component.is_some());
        }
    }
    assert!(
        in_components >= 10,
        "only {in_components} findings in components"
    );
}
