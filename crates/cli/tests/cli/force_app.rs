//! `portalscan scan fixtures/force-app/`: a DX project's components scanned from source give
//! exactly `fixtures/force-app/expected.json`, with template line and column, and no page
//! rule (title, lang) on any template.

use serde_json::Value;

use crate::support::{TempDir, repo_root, run_with};

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

/// The SLDS stylesheet as this repository installs it (package.json pins the version).
const SLDS: &str = "node_modules/@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.min.css";

/// A DX project outside the repository (no `node_modules` above it) whose one component
/// styles its text with SLDS only.
fn weak_text_project() -> TempDir {
    let dir = TempDir::new("slds");
    dir.write(
        "force-app/main/default/lwc/weakText/weakText.html",
        "<template>\n  <p class=\"slds-text-color_weak\">Next visit</p>\n</template>\n",
    );
    dir
}

/// The `text-contrast` outcomes and the pages' warnings of a scan of the project.
fn contrast_and_warnings(run: &crate::support::Run) -> (Vec<String>, Vec<Value>) {
    let report = run.json();
    let outcomes = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "text-contrast")
        .map(|f| f["outcome"].as_str().unwrap().to_string())
        .collect();
    let warnings = report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["warnings"].as_array().cloned().unwrap_or_default())
        .collect();
    (outcomes, warnings)
}

#[test]
fn slds_from_the_flag_styles_the_component_and_its_absence_is_said() {
    let dir = weak_text_project();
    let scan = |extra: &[&str]| {
        let mut args = vec!["scan", "force-app/", "--format", "json", "--all"];
        args.extend_from_slice(extra);
        run_with(&dir.0, &args, None, &[("PORTALSCAN_SLDS", "")])
    };
    // Nothing found: contrast is review (never a guess), and the report says why, once on
    // standard error and in the page's warnings.
    let none = scan(&[]);
    let (outcomes, warnings) = contrast_and_warnings(&none);
    assert_eq!(outcomes, ["review"], "{}", none.stdout);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0]
            .as_str()
            .unwrap()
            .contains("no SLDS stylesheet was found"),
        "{warnings:?}"
    );
    assert_eq!(
        none.stderr.matches("no SLDS stylesheet").count(),
        1,
        "{}",
        none.stderr
    );

    // The real SLDS: its weak text colour passes on white, and nothing is warned.
    let real = repo_root().join(SLDS);
    let real = scan(&["--slds", real.to_str().unwrap()]);
    let (outcomes, warnings) = contrast_and_warnings(&real);
    assert_eq!(outcomes, ["pass"], "{}{}", real.stdout, real.stderr);
    assert!(warnings.is_empty(), "{warnings:?}");

    // Another stylesheet given by the flag is the one used.
    let pale = dir.write("pale.css", ".slds-text-color_weak { color: #cccccc; }\n");
    let (outcomes, _) = contrast_and_warnings(&scan(&["--slds", &pale]));
    assert_eq!(outcomes, ["fail"]);
}

#[test]
fn a_wrong_slds_path_is_an_error_naming_it_and_nothing_is_written() {
    let dir = weak_text_project();
    let page = dir.write("page.html", "<!doctype html><title>t</title><p>x</p>\n");
    let out = dir.path("report.json");
    let out = out.to_str().unwrap();
    let cases = [
        (
            vec!["--slds", "missing/slds.css"],
            vec![],
            "missing/slds.css",
            "no such file",
        ),
        (
            vec!["--slds", &page],
            vec![],
            page.as_str(),
            "not an SLDS stylesheet",
        ),
        (
            vec![],
            vec![("PORTALSCAN_SLDS", "gone.css")],
            "gone.css",
            "PORTALSCAN_SLDS",
        ),
    ];
    for (flags, env, named, why) in cases {
        let mut args = vec!["scan", "force-app/", "--format", "json", "--output", out];
        args.extend(flags);
        let run = run_with(&dir.0, &args, None, &env);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(named) && run.stderr.contains(why),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!dir.path("report.json").exists(), "{args:?} wrote a report");
    }
}
