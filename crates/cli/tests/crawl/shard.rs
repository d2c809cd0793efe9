//! `--shard 1/2` and `--shard 2/2` crawls of one site, joined with `portalscan merge`, give
//! the pages and findings of one unsharded crawl, in real Chromium.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::server::{Reply, TestServer, page};
use crate::support::{Crawl, TempDir, crawl, page_urls, portalscan, report};

/// Pages are many enough that both shards get some whatever the port (the shard is a
/// hash of the URL): the chance that all 17 land in one is 2 in 2^17.
const PAGES: usize = 16;

fn site() -> TestServer {
    TestServer::start(|target| {
        if target == "/s/home" {
            let links: Vec<String> = (0..PAGES).map(|i| format!("/s/p{i}")).collect();
            return Reply::html(page("Home", &links));
        }
        let Some(n) = target
            .strip_prefix("/s/p")
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| *n < PAGES)
        else {
            return Reply::status(404, "not found");
        };
        // Every other page has an image without a text alternative and a link back.
        let mut body = page(&format!("Page {n}"), &["/s/home".to_string()]);
        if n % 2 == 0 {
            body = body.replace(
                "</h1>",
                "</h1><img src=\"/chart.png\" width=\"20\" height=\"20\">",
            );
        }
        Reply::html(body)
    })
}

/// (page, rule, outcome, selector) → how many times.
fn keys(report: &Value) -> BTreeMap<(String, String, String, String), usize> {
    let mut out = BTreeMap::new();
    for f in report["findings"].as_array().unwrap() {
        let s = |k: &str| f[k].as_str().unwrap_or_default().to_string();
        *out.entry((s("url"), s("rule"), s("outcome"), s("selector")))
            .or_default() += 1;
    }
    out
}

fn run(out: &Path, seed: &str, extra: &[&str]) -> Crawl {
    let mut args = vec![
        seed,
        "--no-sitemap",
        "--no-tab-walk",
        "--no-screenshots",
        "--jobs",
        "1",
        "--all",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    crawl(out, &args)
}

#[test]
fn merged_shards_are_the_unsharded_crawl() {
    let server = site();
    let seed = format!("{}/s/home", server.url());
    let dir = TempDir::new("shard");
    let whole_dir = dir.path().join("whole");
    let one_dir = dir.path().join("one");
    let two_dir = dir.path().join("two");

    let whole = run(&whole_dir, &seed, &[]);
    assert_eq!(whole.code, 1, "{}", whole.stderr);
    let one = run(&one_dir, &seed, &["--shard", "1/2"]);
    assert_eq!(one.code, 1, "{}", one.stderr);
    let two = run(&two_dir, &seed, &["--shard", "2/2"]);
    assert!(matches!(two.code, 0 | 1), "{}", two.stderr);

    let whole = report(&whole_dir);
    let mut all_pages = page_urls(&whole);
    assert_eq!(all_pages.len(), PAGES + 1, "{all_pages:?}");
    let pages_one = page_urls(&report(&one_dir));
    let pages_two = page_urls(&report(&two_dir));
    assert!(
        !pages_one.is_empty() && !pages_two.is_empty(),
        "{pages_one:?} {pages_two:?}"
    );
    assert!(
        pages_one.iter().all(|p| !pages_two.contains(p)),
        "shards overlap: {pages_one:?} {pages_two:?}"
    );

    let merged_path = dir.path().join("merged.json");
    let merge = Crawl::from(
        portalscan()
            .arg("merge")
            .arg(one_dir.join("report.json"))
            .arg(two_dir.join("report.json"))
            .args(["--all", "--format", "json", "--output"])
            .arg(&merged_path)
            .output()
            .unwrap(),
    );
    assert_eq!(merge.code, 1, "{}", merge.stderr);
    let merged: Value =
        serde_json::from_str(&std::fs::read_to_string(&merged_path).unwrap()).unwrap();
    let mut merged_pages = page_urls(&merged);
    all_pages.sort();
    merged_pages.sort();
    assert_eq!(merged_pages, all_pages);
    let (whole_keys, merged_keys) = (keys(&whole), keys(&merged));
    assert!(
        whole_keys
            .keys()
            .any(|k| k.1 == "image-name" && k.2 == "fail"),
        "{whole_keys:#?}"
    );
    assert_eq!(merged_keys, whole_keys);
    assert_eq!(merged["summary"]["fail"], whole["summary"]["fail"]);
}
