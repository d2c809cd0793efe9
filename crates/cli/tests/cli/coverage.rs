//! `pages[].coverage`: every report says what could not be evaluated on each page and why,
//! and `--fail-on-gaps` makes such a page fail the run.

use serde_json::Value;

use crate::support::{TempDir, run_with};

/// No failure (named frame, title, language), but a frame, a stylesheet that is not
/// there, a script and a component that did not run, and a static scan's unknown layout
/// and headers.
const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Visits</title>
<link rel="stylesheet" href="missing.css"><script src="app.js"></script></head><body><main>
<h1>Visits</h1>
<c-visit-list></c-visit-list>
<iframe title="Video visit" src="https://video.example/room"></iframe>
</main></body></html>"#;

/// Every fact a browser gives, on a page with nothing to check.
const COMPLETE: &str = r#"{"url":"https://p.example/s/","source":"chromium","laid_out":true,
"scripts_ran":true,"dom":[{"type":"document"}],"focus_order":[],
"viewport":{"width":1280,"height":800},"response":{"status":200,"headers":[]},"cookies":[],
"storage":{"local":[],"session":[]},"requests":[],"console":[],
"keyboard":{"stops":[],"cycled":true,"truncated":false},"pointer_handlers":[]}"#;

fn gaps(report: &Value) -> &Vec<Value> {
    report["pages"][0]["coverage"]["gaps"].as_array().unwrap()
}

fn whats(report: &Value) -> Vec<&str> {
    gaps(report)
        .iter()
        .map(|g| g["what"].as_str().unwrap())
        .collect()
}

#[test]
fn a_static_page_lists_what_was_not_evaluated_in_every_format() {
    let dir = TempDir::new("coverage");
    dir.write("page.html", PAGE);
    let out = run_with(
        &dir.0,
        &["scan", "page.html", "--format", "json"],
        None,
        &[],
    );
    let report = out.json();
    assert_eq!(report["summary"]["fail"], 0, "{report:#}");
    let coverage = &report["pages"][0]["coverage"];
    assert_eq!(coverage["complete"], false);
    let whats = whats(&report);
    for what in [
        "layout",
        "response",
        "cookies",
        "requests",
        "keyboard",
        "frame",
        "stylesheet",
        "scripts",
        "shadow_roots",
    ] {
        assert!(whats.contains(&what), "{what} missing: {coverage:#}");
    }
    let why = |what: &str| {
        gaps(&report).iter().find(|g| g["what"] == what).unwrap()["why"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // The frame is named by its URL (redacted as every URL in a report: core's tests).
    assert!(
        why("frame").contains("https://video.example/room"),
        "{}",
        why("frame")
    );
    assert!(
        why("stylesheet").contains("missing.css"),
        "{}",
        why("stylesheet")
    );
    assert!(why("shadow_roots").contains("(c-visit-list)"));
    // No headers and no cookies without a HAR, HttpOnly ones included.
    assert!(why("response").contains("without a HAR"));
    assert!(why("cookies").contains("HttpOnly"));
    // The gate passes without --fail-on-gaps: gaps are said, not failed.
    assert_eq!(out.code, 0, "{}", out.stderr);

    // The text report lists the page's gaps and says the page was not fully evaluated.
    let text = run_with(&dir.0, &["scan", "page.html"], None, &[]).stdout;
    assert!(
        text.contains(
            "Not evaluated (1 page)\n  layout: no layout in a static scan: element boxes, \
             paint order, target sizes and reflow were not checked\n    on page.html\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("  stylesheet: stylesheet file://") && text.contains("/missing.css could"),
        "{text}"
    );
    assert!(
        text.contains("1 page not fully evaluated (see Not evaluated)"),
        "{text}"
    );

    // The HTML report: a count in the header and the gaps with why on the page's row.
    let html = run_with(
        &dir.0,
        &["scan", "page.html", "--format", "html"],
        None,
        &[],
    )
    .stdout;
    assert!(html.contains("1 page not fully evaluated"));
    // No finding and a passed gate are not shown as a clean page.
    assert!(
        html.contains("<p>Result: passed (--fail-on fail), but 1 page could not be fully"),
        "{html}"
    );
    assert!(html.contains("<th scope=\"col\">Not evaluated</th>"));
    assert!(
        html.contains("<li><code>stylesheet</code>: stylesheet "),
        "{html}"
    );
}

#[test]
fn fail_on_gaps_fails_a_page_that_could_not_be_fully_evaluated() {
    let dir = TempDir::new("fail-on-gaps");
    dir.write("page.html", PAGE);
    let args = ["scan", "page.html", "--format", "json", "--fail-on-gaps"];
    let out = run_with(&dir.0, &args, None, &[]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = out.json();
    assert_eq!(report["gate"]["pages_with_gaps"], 1);
    assert_eq!(report["gate"]["passed"], false);
    let text = run_with(&dir.0, &["scan", "page.html", "--fail-on-gaps"], None, &[]).stdout;
    assert!(
        text.contains("--fail-on-gaps: 1 page not fully evaluated: fails the run"),
        "{text}"
    );
}

#[test]
fn a_page_with_every_fact_is_complete_and_passes_fail_on_gaps() {
    let dir = TempDir::new("coverage-complete");
    dir.write("page.snapshot.json", COMPLETE);
    let args = [
        "scan",
        "page.snapshot.json",
        "--format",
        "json",
        "--fail-on",
        "never",
        "--fail-on-gaps",
    ];
    let out = run_with(&dir.0, &args, None, &[]);
    let report = out.json();
    assert_eq!(
        report["pages"][0]["coverage"]["complete"], true,
        "{report:#}"
    );
    assert!(gaps(&report).is_empty());
    assert_eq!(report["gate"]["pages_with_gaps"], 0);
    assert_eq!(out.code, 0, "{}", out.stderr);
}
