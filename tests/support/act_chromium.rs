//! The ACT suite through the crawler: every test case served on 127.0.0.1 and crawled in
//! headless Chromium (a fresh browser context per case, the live Tab walk on, no links
//! followed), so rules that need a browser's facts (layout, scripts run, the walk) are
//! judged on what Chromium made of the page. `act-report --chromium` writes
//! `docs/act-chromium.md` from it; `tests/act_chromium.rs` runs a few rules' cases.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::time::Duration;

use portalscan_core::{Finding, ScanOptions, scan_bounded};
use portalscan_crawl::chromium::ChromiumVisitor;
use portalscan_crawl::{CrawlConfig, Progress, Screenshots};

use crate::act::{Suite, TestCase};

/// Where test cases ask for the suite's files (`/WAI/content-assets/...`).
const ASSET_PREFIX: &str = "/WAI/content-assets/";

/// Serves the suite folder on 127.0.0.1 (`/WAI/content-assets/` is `content-assets/`),
/// for as long as the process runs; returns its origin.
pub fn serve(dir: &Path) -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let origin = format!("http://{}", listener.local_addr()?);
    let root = dir.join("content-assets");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || answer(stream, &root));
        }
    });
    Ok(origin)
}

/// One request: the file under `root` the path names, or 404.
fn answer(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // The headers are not needed; read them so the client is not reset.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let file = path
        .strip_prefix(ASSET_PREFIX)
        .filter(|rest| !rest.split('/').any(|part| part == ".."))
        .map(|rest| root.join(rest));
    let (status, body, kind) = match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b))) {
        Some((f, body)) => ("200 OK", body, content_type(&f)),
        None => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "css" => "text/css",
        "js" => "text/javascript",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "vtt" => "text/vtt",
        _ => "application/octet-stream",
    }
}

/// The URL of a case's file on the server at `origin`.
pub fn case_url(origin: &str, case: &TestCase) -> String {
    format!(
        "{origin}{ASSET_PREFIX}wcag-act-rules/{}",
        case.relative_path.trim_start_matches('/')
    )
}

/// What a crawl of test cases found.
#[derive(Debug, Default)]
pub struct Crawled {
    /// Every finding (passes included) by case URL.
    pub findings: HashMap<String, Vec<Finding>>,
    /// Cases that could not be visited, with why: they have no entry in `findings`.
    pub errors: Vec<String>,
}

/// Crawls `cases` (those with a file) in one headless Chromium, two tabs at a time.
pub fn crawl_cases(suite: &Suite, origin: &str, cases: &[&TestCase]) -> Result<Crawled, String> {
    let seeds: Vec<String> = cases
        .iter()
        .filter(|c| suite.case_file(c).is_some())
        .map(|c| case_url(origin, c))
        .collect();
    if seeds.is_empty() {
        return Ok(Crawled::default());
    }
    let seed_refs: Vec<&str> = seeds.iter().map(String::as_str).collect();
    let mut config = CrawlConfig::for_seeds(&seed_refs).map_err(|e| e.to_string())?;
    config.jobs = 2;
    config.max_pages = seeds.len();
    config.follow_links = false;
    config.sitemap = false;
    config.retries = 1;
    config.tab_walk = true;
    config.screenshots = Screenshots::Off;
    config.output_dir = scratch_dir();
    let options = ScanOptions::with_passes();
    let scan = |s: &portalscan_core::Snapshot| scan_bounded(s, &options);
    let visitor = ChromiumVisitor::from_config(&config).map_err(|e| e.to_string())?;
    let outcome = portalscan_crawl::crawl(&config, &visitor, &scan, &mut Progress::silent());
    let _ = std::fs::remove_dir_all(&config.output_dir);
    let outcome = outcome.map_err(|e| e.to_string())?;
    let mut crawled = Crawled::default();
    for page in outcome.pages {
        match page.error {
            Some(error) => crawled.errors.push(format!("{}: {error}", page.url)),
            None => {
                crawled.findings.insert(page.url, page.findings);
            }
        }
    }
    Ok(crawled)
}

fn scratch_dir() -> PathBuf {
    std::env::temp_dir().join(format!("portalscan-act-chromium-{}", std::process::id()))
}
