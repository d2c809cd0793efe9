//! The same page gives the same findings whether scanned from HTML or from the snapshot
//! `portalscan snapshot` saved of it (both front-ends know the same facts).

use std::path::PathBuf;

use crate::support::{Run, TempDir, crate_dir, data, repo_root, run, run_with};

/// Our own pages plus the shared fixture pages, when they exist.
fn pages() -> Vec<String> {
    let mut pages: Vec<String> = [
        "pages/portal.html",
        "pages/no-title.html",
        "pages/titled.html",
    ]
    .iter()
    .map(|p| data(p))
    .collect();
    let fixtures = repo_root().join("fixtures/static");
    if let Ok(entries) = std::fs::read_dir(&fixtures) {
        let mut found: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        found.sort();
        pages.extend(found.iter().map(|p| p.display().to_string()));
    }
    pages
}

/// Scans with a fixed PHI fingerprint key (without one, each run has its own).
fn scan(args: &[&str]) -> Run {
    run_with(
        &crate_dir(),
        args,
        None,
        &[("PORTALSCAN_FINGERPRINT_KEY", "round-trip")],
    )
}

#[test]
fn html_and_its_saved_snapshot_give_identical_findings() {
    let dir = TempDir::new("round-trip");
    for (i, page) in pages().iter().enumerate() {
        let direct = scan(&[
            "scan",
            page,
            "--format",
            "json",
            "--all",
            "--fail-on",
            "never",
        ]);
        assert_eq!(direct.code, 0, "{page}: {}", direct.stderr);

        let saved = dir.path(&format!("page{i}.snapshot.json"));
        let saved = saved.to_str().unwrap();
        let snap = run(&["snapshot", page, "--output", saved]);
        assert_eq!(snap.code, 0, "{page}: {}", snap.stderr);

        let again = scan(&[
            "scan",
            saved,
            "--format",
            "json",
            "--all",
            "--fail-on",
            "never",
        ]);
        assert_eq!(again.code, 0, "{page}: {}", again.stderr);

        let (a, b) = (direct.json(), again.json());
        assert!(
            !a["findings"].as_array().unwrap().is_empty(),
            "{page}: no findings at all"
        );
        assert_eq!(a["findings"], b["findings"], "{page}: findings differ");
        assert_eq!(a["summary"], b["summary"], "{page}");
    }
}

#[test]
fn snapshot_records_the_file_url_and_source_lines() {
    let out = run(&["snapshot", &data("pages/portal.html")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let snapshot: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(snapshot["source"], "static-html");
    let url = snapshot["url"].as_str().unwrap();
    let expected = crate_dir().join("tests/data/pages/portal.html");
    assert!(
        url.starts_with("file:///") && url.ends_with("/tests/data/pages/portal.html"),
        "{url}"
    );
    assert!(std::path::Path::new(&expected).is_file());
    // Every element records its source line (SARIF regions come from it).
    let dom = snapshot["dom"].as_array().unwrap();
    let html = dom
        .iter()
        .find(|n| n["type"] == "element" && n["name"] == "html")
        .unwrap();
    assert_eq!(html["line"], 2);
}

#[test]
fn linked_local_stylesheets_are_read_for_the_cascade() {
    let out = run(&["snapshot", &data("pages/portal.html")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let snapshot: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let element_with_class = |class: &str| {
        snapshot["dom"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| {
                n["type"] == "element"
                    && n["attrs"].as_array().is_some_and(|attrs| {
                        attrs
                            .iter()
                            .any(|a| a[0] == "class" && a[1].as_str().unwrap().contains(class))
                    })
            })
            .unwrap_or_else(|| panic!("no element with class {class}"))
            .clone()
    };
    // `.muted` is styled only by css/portal.css, linked relative to the page.
    let muted = element_with_class("muted");
    assert_eq!(muted["style"]["color"], "rgb(170, 170, 170)", "{muted}");
    // The document's stylesheet does not reach into a shadow root.
    let brand = element_with_class("slds-button_brand");
    assert_ne!(
        brand["style"]["background-color"], "rgb(1, 118, 211)",
        "{brand}"
    );
}
