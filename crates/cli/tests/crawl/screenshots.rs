//! Cropped screenshots of failing elements in crawl reports: every `fail` finding about an
//! element gets a PNG crop (a valid image of at most 800×600 px), the HTML report shows
//! them, other outcomes get none, and `--no-screenshots` turns them off.

use base64::Engine;
use serde_json::Value;

use crate::server::{Reply, TestServer};
use crate::support::{TempDir, crawl, report};

const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Visits</title>
<style>.faint { color: #bbb; background: #fff; }</style></head>
<body><main><h1>Visits</h1>
<img src="/chart.png" width="60" height="30">
<button type="button"></button>
<p class="faint">Your next visit is on Monday.</p>
<p>Patient MRN 00123456</p>
</main></body></html>"#;

fn findings(report: &Value) -> Vec<Value> {
    report["findings"].as_array().unwrap().clone()
}

fn png_size(uri: &str) -> (u32, u32) {
    let data = uri
        .strip_prefix("data:image/png;base64,")
        .unwrap_or_else(|| panic!("not a PNG data URI: {}", &uri[..uri.len().min(40)]));
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .expect("base64");
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().expect("a PNG header");
    let mut buf = vec![0; reader.output_buffer_size().expect("buffer size")];
    let info = reader.next_frame(&mut buf).expect("PNG pixels");
    (info.width, info.height)
}

#[test]
fn failing_elements_get_cropped_screenshots_in_the_reports() {
    let server = TestServer::start(|target| match target {
        "/s/visits" => Reply::html(PAGE),
        _ => Reply::status(404, "not found"),
    });
    let seed = format!("{}/s/visits", server.url());
    let dir = TempDir::new("shots");
    let run = crawl(
        dir.path(),
        &[
            &seed,
            "--no-sitemap",
            "--no-tab-walk",
            "--jobs",
            "1",
            "--all",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let all = findings(&report(dir.path()));
    let element_fails: Vec<&Value> = all
        .iter()
        .filter(|f| f["outcome"] == "fail" && f["node"].is_u64())
        .filter(|f| !matches!(f["selector"].as_str(), Some("html" | "body")))
        .collect();
    let rules: Vec<&str> = element_fails
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    for rule in ["image-name", "button-name", "text-contrast"] {
        assert!(rules.contains(&rule), "{rule} not failed: {rules:?}");
    }
    for f in &element_fails {
        let uri = f["screenshot"]
            .as_str()
            .unwrap_or_else(|| panic!("no screenshot: {f:#}"));
        let (w, h) = png_size(uri);
        assert!(
            w > 0 && h > 0 && w <= 800 && h <= 600,
            "{w}x{h} for {}",
            f["rule"]
        );
    }
    // The image is 60×30 CSS px: its crop shows the page around it (the least context).
    let img = element_fails
        .iter()
        .find(|f| f["rule"] == "image-name")
        .unwrap();
    assert_eq!(png_size(img["screenshot"].as_str().unwrap()), (400, 200));
    for f in all.iter().filter(|f| f["outcome"] != "fail") {
        assert!(f.get("screenshot").is_none(), "{f:#}");
    }

    // The HTML report shows each crop.
    let html = std::fs::read_to_string(dir.path().join("report.html")).unwrap();
    let shown = html
        .matches("<img class=\"crop\" src=\"data:image/png;base64,")
        .count();
    assert_eq!(shown, element_fails.len(), "crops in report.html");
    // The journal line stays bounded (crops are small elements here).
    let journal = std::fs::metadata(dir.path().join("results.jsonl"))
        .unwrap()
        .len();
    assert!(journal < 200_000, "results.jsonl is {journal} bytes");

    // Turned off: no screenshots anywhere.
    let off = TempDir::new("shots-off");
    let run = crawl(
        off.path(),
        &[
            &seed,
            "--no-sitemap",
            "--no-tab-walk",
            "--jobs",
            "1",
            "--no-screenshots",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        findings(&report(off.path()))
            .iter()
            .all(|f| f.get("screenshot").is_none())
    );
    let html = std::fs::read_to_string(off.path().join("report.html")).unwrap();
    assert!(!html.contains("<img class=\"crop\""));
}
