//! The static fixture pages of issue 13's media, timing, language and nesting rules
//! (`fixtures/static/telehealth.html`, `visit-notes.html`) give their expected findings
//! through the crawler too, in real Chromium: served from a loopback server, crawled, and
//! compared with the same `<page>.expected.json` the static test reads.
//!
//! A browser knows what static HTML cannot, so a few findings differ by design and are
//! left out of the comparison (never the rules these pages plant):
//! - `target-size`: static HTML has no layout (review); Chromium measures every target;
//! - `text-contrast` and `text-contrast-enhanced` (AAA): their page-level "scripts may
//!   restyle text" review: the browser ran them;
//! - `transport-https`: the loopback server speaks plain HTTP;
//! - `focus-visible`: static HTML has no computed styles and says nothing; in the browser,
//!   without the Tab walk (`--no-tab-walk`, to keep this test short), every focusable
//!   element's focus indicator is a review.
//!
//! The server sends `Cache-Control: no-store`, as a portal must for pages with PHI, so
//! `phi-response-no-store` (a header only the crawler sees) has nothing to report.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::Value;

use crate::server::{Reply, TestServer};
use crate::support::{TempDir, crawl, report};

/// Rules whose outcome depends on what only one front-end knows (see the module docs).
const FRONT_END_FACTS: &[&str] = &[
    "target-size",
    "text-contrast",
    "text-contrast-enhanced",
    "transport-https",
    "focus-visible",
];

#[derive(Deserialize)]
struct Expectation {
    rule: String,
    outcome: String,
    selector: String,
}

/// (rule, outcome, selector).
type Key = (String, String, String);

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/static")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn expected(page: &str) -> BTreeSet<Key> {
    let list: Vec<Expectation> =
        serde_json::from_str(&fixture(&format!("{page}.expected.json"))).unwrap();
    list.into_iter()
        .filter(|e| e.outcome != "pass" && !FRONT_END_FACTS.contains(&e.rule.as_str()))
        .map(|e| (e.rule, e.outcome, e.selector))
        .collect()
}

fn reported(report: &Value, url: &str) -> BTreeSet<Key> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["url"] == url)
        .filter(|f| f["outcome"] == "fail" || f["outcome"] == "review")
        .filter(|f| !FRONT_END_FACTS.contains(&f["rule"].as_str().unwrap()))
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["outcome"].as_str().unwrap().to_string(),
                f["selector"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn telehealth_and_visit_notes_give_their_expected_findings_through_the_crawler() {
    let pages = ["telehealth", "visit-notes"];
    let server =
        TestServer::start(
            move |target| match pages.iter().find(|p| target == format!("/s/{p}")) {
                Some(page) => {
                    let mut reply = Reply::html(fixture(&format!("{page}.html")));
                    reply
                        .headers
                        .push(("Cache-Control".into(), "no-store".into()));
                    reply
                }
                None => Reply::status(404, "not found"),
            },
        );
    let dir = TempDir::new("fixture-pages");
    let seeds: Vec<String> = pages
        .iter()
        .map(|p| format!("{}/s/{p}", server.url()))
        .collect();
    let mut args: Vec<&str> = seeds.iter().map(String::as_str).collect();
    args.extend([
        "--no-tab-walk",
        "--no-sitemap",
        "--jobs",
        "1",
        "--max-depth",
        "0",
        "--format",
        "json",
    ]);
    let run = crawl(dir.path(), &args);
    let report = report(dir.path());
    let mut problems = Vec::new();
    for (page, seed) in pages.iter().zip(&seeds) {
        let want = expected(page);
        let got = reported(&report, seed);
        for key in want.difference(&got) {
            problems.push(format!("{page}: missing {key:?}"));
        }
        for key in got.difference(&want) {
            problems.push(format!("{page}: unexpected {key:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "the crawl differs from fixtures/static/*.expected.json:\n{}\nstderr:\n{}",
        problems.join("\n"),
        run.stderr
    );
}
