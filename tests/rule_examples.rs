//! Every rule's own examples, scanned from static HTML, give exactly their declared outcome.

use portalscan_core::rule::Example;
use portalscan_core::{Outcome, RuleSelection, ScanOptions, rules, scan};
use portalscan_html::{NoResources, snapshot_from_html};

fn outcome_of(rule: &'static dyn portalscan_core::Rule, example: &Example) -> Result<(), String> {
    let mut snapshot =
        snapshot_from_html(example.html, "https://portal.example/test", &NoResources);
    example
        .apply_facts(&mut snapshot)
        .map_err(|e| format!("rule {}: bad example facts: {e}", rule.meta().id))?;
    let findings = scan(
        &snapshot,
        &ScanOptions {
            rules: RuleSelection::of(&[rule]),
            ..ScanOptions::with_passes()
        },
    );
    // Messages are read as plain text (terminal, HTML, JUnit): no markdown backticks.
    if let Some(f) = findings.iter().find(|f| f.message.contains('`')) {
        return Err(format!(
            "rule {}: message shows a backtick: {}",
            rule.meta().id,
            f.message
        ));
    }
    let has = |o: Outcome| findings.iter().any(|f| f.outcome == o);
    let ok = match example.outcome {
        Outcome::Fail => has(Outcome::Fail),
        Outcome::Review => has(Outcome::Review) && !has(Outcome::Fail),
        Outcome::Pass => has(Outcome::Pass) && !has(Outcome::Fail) && !has(Outcome::Review),
        Outcome::Inapplicable => findings.is_empty(),
    };
    if ok {
        return Ok(());
    }
    let got: Vec<String> = findings
        .iter()
        .map(|f| format!("{} at {} ({})", f.outcome.as_str(), f.selector, f.message))
        .collect();
    Err(format!(
        "rule {}: expected {} for\n    {}\n  got: {:?}",
        rule.meta().id,
        example.outcome.as_str(),
        example.html,
        got
    ))
}

/// One test per rule, named after it (`examples::phi_in_url`), generated from the rule
/// files by `tools/rule_example_tests.rs`.
mod examples {
    include!(concat!(env!("OUT_DIR"), "/rule_example_tests.rs"));
}

/// Every example of the rule `id` gives its declared outcome.
fn check_examples(id: &str) {
    let rule = rules::by_id(id)
        .unwrap_or_else(|| panic!("the file of rule {id} declares no rule with that id"));
    let examples = rule.meta().examples;
    assert!(!examples.is_empty(), "rule {id} declares no examples");
    let failures: Vec<String> = examples
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            outcome_of(rule, e)
                .err()
                .map(|m| format!("example {}: {m}", i + 1))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "rule {id}: {} of {} examples wrong:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
}

/// A rule's id is its file name, and every rule has its examples test.
#[test]
fn every_rule_lives_in_the_file_named_after_its_id() {
    let mut ids: Vec<&str> = rules::all().iter().map(|r| r.meta().id).collect();
    ids.sort_unstable();
    let mut files = examples::RULE_FILES.to_vec();
    files.sort_unstable();
    assert_eq!(ids, files);
}

#[test]
fn every_rule_declares_a_failing_and_a_passing_example() {
    for rule in rules::all() {
        let meta = rule.meta();
        let has = |o: Outcome| meta.examples.iter().any(|e| e.outcome == o);
        assert!(
            has(Outcome::Fail) || has(Outcome::Review),
            "rule {} has no fail or review example",
            meta.id
        );
        assert!(has(Outcome::Pass), "rule {} has no pass example", meta.id);
    }
}

#[test]
fn rule_ids_are_unique_kebab_case() {
    let mut seen = std::collections::HashSet::new();
    for rule in rules::all() {
        let id = rule.meta().id;
        assert!(seen.insert(id), "duplicate rule id {id}");
        assert!(
            id.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "rule id {id} is not kebab-case"
        );
    }
}

/// Titles and help are shown as plain text in every report: no markdown backticks.
#[test]
fn rule_titles_and_help_show_no_backticks() {
    for rule in rules::all() {
        let meta = rule.meta();
        assert!(
            !meta.help.contains('`') && !meta.title.contains('`'),
            "rule {} shows a backtick in its title or help",
            meta.id
        );
    }
}

/// `phi-response-no-store` on a page says the PHI was found in the page text, not in a header
/// (its location is the missing `Cache-Control` header; its source is where the PHI is).
#[test]
fn no_store_on_a_page_says_the_phi_is_in_the_page_text() {
    let rule = rules::by_id("phi-response-no-store").expect("the rule");
    let example = &rule.meta().examples[0];
    let mut snapshot =
        snapshot_from_html(example.html, "https://portal.example/test", &NoResources);
    example.apply_facts(&mut snapshot).expect("facts");
    let findings = scan(
        &snapshot,
        &ScanOptions {
            rules: RuleSelection::of(&[rule]),
            ..ScanOptions::default()
        },
    );
    let phi = findings[0].phi.as_ref().expect("PHI evidence");
    assert_eq!(phi.source.as_deref(), Some("page text"));
    assert_eq!(phi.kinds, vec!["dob"], "the JSON keeps identifiers");
    assert!(
        findings[0]
            .message
            .starts_with("The page carries PHI (date of birth)"),
        "{}",
        findings[0].message
    );
}
