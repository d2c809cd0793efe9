//! `portalscan scan fixtures/force-app/`: a DX project's components scanned from source give
//! exactly `fixtures/force-app/expected.json`, with template line and column, and no page
//! rule (title, lang) on any template.

use serde_json::Value;

use crate::support::{repo_root, run_with};

type Key = (
    String,
    String,
    String,
    Option<u64>,
    Option<u64>,
    Option<String>,
);

fn key(file: &str, f: &Value) -> Key {
    (
        file.to_string(),
        f["rule"].as_str().unwrap().to_string(),
        f["outcome"].as_str().unwrap().to_string(),
        f["line"].as_u64(),
        f["column"].as_u64(),
        f["component"].as_str().map(str::to_string),
    )
}

#[test]
fn force_app_gives_exactly_the_expected_findings() {
    let root = repo_root();
    let run = run_with(
        &root,
        &["scan", "fixtures/force-app/", "--format", "json"],
        None,
        &[],
    );
    let report: Value = serde_json::from_str(&run.stdout).expect(&run.stderr);
    let mut got: Vec<Key> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let url = f["url"].as_str().unwrap();
            let file = url.split("fixtures/force-app/").nth(1).unwrap();
            key(file, f)
        })
        .collect();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("fixtures/force-app/expected.json")).unwrap(),
    )
    .unwrap();
    let mut want: Vec<Key> = expected["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| key(f["file"].as_str().unwrap(), f))
        .collect();
    got.sort();
    want.sort();
    let missing: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
    let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:#?}\nextra {extra:#?}"
    );
    assert!(
        !got.iter()
            .any(|k| k.1 == "document-title" || k.1 == "html-has-lang"),
        "a page rule answered on a template"
    );
    // The text report names the template with line and column.
    let text = run_with(&root, &["scan", "fixtures/force-app/"], None, &[]);
    assert!(
        text.stdout
            .contains("force-app/main/default/lwc/patientCard/patientCard.html:3:5"),
        "{}",
        text.stdout
    );
}
