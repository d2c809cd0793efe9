//! `cargo run -p portalscan-bench --bin page-bench -- --elements N [--tab-walk on|off] [--runs N] [--timeout SECS]`
//!
//! The crawler on one generated portal page (the bench crate's generator, served on
//! 127.0.0.1): one crawl in one headless Chromium visits a 100-element page of the same
//! generator to warm the browser up (not counted), then the page `runs` times (as distinct
//! URLs, each in a fresh browser context, no links followed, no screenshots). Prints one JSON object: the median
//! per-visit split (own browser context, navigate, settle, snapshot, rules, Tab walk), the
//! fail/review findings of the page, and this process's peak resident memory (VmHWM).
//! On stderr, the profile of the visits (`portalscan_browser::profile`): wall time of each
//! DevTools call by method and step, per visit, longest first (the warm-up visit included).
//! `scripts/bench.mjs` runs it per page size, beside axe-core and the Wasm package. Not a
//! test: figures depend on the machine and its load.

use std::time::Duration;

use portalscan_bench::page::portal_page;
use portalscan_bench::serve::serve;
use portalscan_core::{ScanOptions, scan_bounded};
use portalscan_crawl::chromium::ChromiumVisitor;
use portalscan_crawl::config::Screenshots;
use portalscan_crawl::{CrawlConfig, Progress, Timings};

struct Options {
    elements: usize,
    tab_walk: bool,
    runs: usize,
    timeout: u64,
}

const USAGE: &str =
    "usage: page-bench --elements N [--tab-walk on|off] [--runs N] [--timeout SECS]";

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        elements: 10_000,
        tab_walk: true,
        runs: 3,
        timeout: 300,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            let value = args.next();
            value
                .as_deref()
                .and_then(|v| v.parse().ok())
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("{name} needs a positive number, not {value:?}"))
        };
        match arg.as_str() {
            "--elements" => options.elements = number("--elements")?,
            "--runs" => options.runs = number("--runs")?,
            "--timeout" => options.timeout = number("--timeout")? as u64,
            "--tab-walk" => {
                options.tab_walk = match args.next().as_deref() {
                    Some("on") => true,
                    Some("off") => false,
                    other => return Err(format!("--tab-walk takes on or off, not {other:?}")),
                }
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

/// This process's peak resident memory in KiB (Linux `/proc/self/status` VmHWM).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// The DevTools calls and local steps per measured visit, longest first, on stderr.
fn print_profile(runs: usize, entries: &[portalscan_browser::profile::Entry]) {
    eprintln!("page-bench profile (per visit, the warm-up's calls included):");
    for line in portalscan_bench::profile_lines(entries, runs, 12) {
        eprintln!("{line}");
    }
}

fn main() {
    let options = parse_options().unwrap_or_else(|e| {
        eprintln!("page-bench: {e}\n{USAGE}");
        std::process::exit(2);
    });
    let url = serve(portal_page(options.elements)).unwrap_or_else(|e| {
        eprintln!("page-bench: cannot serve the page on 127.0.0.1: {e}");
        std::process::exit(1);
    });
    // Visit 0, of a small page of the same generator, warms the browser up; visits
    // 1..=runs, of the page, are measured.
    let warm_up = serve(portal_page(100)).unwrap_or_else(|e| {
        eprintln!("page-bench: cannot serve the page on 127.0.0.1: {e}");
        std::process::exit(1);
    });
    let seeds: Vec<String> = std::iter::once(format!("{warm_up}?visit=0"))
        .chain((1..=options.runs).map(|i| format!("{url}?visit={i}")))
        .collect();
    let seed_refs: Vec<&str> = seeds.iter().map(String::as_str).collect();
    let mut config = CrawlConfig::for_seeds(&seed_refs).expect("a crawl config of loopback seeds");
    config.jobs = 1;
    config.max_pages = seeds.len();
    config.follow_links = false;
    config.sitemap = false;
    config.retries = 0;
    config.tab_walk = options.tab_walk;
    config.screenshots = Screenshots::Off;
    config.timeout = Duration::from_secs(options.timeout);
    let out = std::env::temp_dir().join(format!(
        "portalscan-page-bench-{}-{}",
        std::process::id(),
        options.elements
    ));
    config.output_dir = out.clone();
    let scan_options = ScanOptions::default();
    let scan = |s: &portalscan_core::Snapshot| scan_bounded(s, &scan_options);
    let visitor = ChromiumVisitor::from_config(&config).unwrap_or_else(|e| {
        eprintln!("page-bench: {e}");
        std::process::exit(1);
    });
    portalscan_browser::profile::enable();
    let crawled = portalscan_crawl::crawl(&config, &visitor, &scan, &mut Progress::silent());
    print_profile(options.runs, &portalscan_browser::profile::take());
    let _ = std::fs::remove_dir_all(&out);
    let outcome = crawled.unwrap_or_else(|e| {
        eprintln!("page-bench: the crawl failed: {e}");
        std::process::exit(1);
    });
    let errors: Vec<&str> = outcome
        .pages
        .iter()
        .filter_map(|p| p.error.as_deref())
        .collect();
    if let Some(error) = errors.first() {
        eprintln!(
            "page-bench: {} of {} visits of the {}-element page failed: {error}",
            errors.len(),
            outcome.pages.len(),
            options.elements
        );
        std::process::exit(1);
    }
    let measured: Vec<&portalscan_crawl::JournalEntry> = outcome
        .pages
        .iter()
        .filter(|p| !p.url.ends_with("visit=0"))
        .collect();
    let timings: Vec<Timings> = measured.iter().filter_map(|p| p.timings).collect();
    if timings.len() != options.runs {
        eprintln!(
            "page-bench: {} measured visits have timings, {} expected",
            timings.len(),
            options.runs
        );
        std::process::exit(1);
    }
    let step = |f: fn(&Timings) -> f64| median(timings.iter().map(f).collect());
    let findings = measured.first().map_or(0, |p| p.findings.len());
    let figures = serde_json_object(&[
        ("elements", options.elements as f64),
        ("tab_walk", if options.tab_walk { 1.0 } else { 0.0 }),
        ("runs", options.runs as f64),
        ("context_ms", step(|t| t.context_ms)),
        ("navigate_ms", step(|t| t.navigate_ms)),
        ("settle_ms", step(|t| t.settle_ms)),
        ("snapshot_ms", step(|t| t.snapshot_ms)),
        ("rules_ms", step(|t| t.rules_ms)),
        ("tab_walk_ms", step(|t| t.tab_walk_ms)),
        ("findings", findings as f64),
        ("peak_rss_kib", peak_rss_kib().unwrap_or(0) as f64),
    ]);
    println!("{figures}");
}

/// A flat JSON object of numbers (the crate has no serde_json of its own).
fn serde_json_object(fields: &[(&str, f64)]) -> String {
    let body: Vec<String> = fields
        .iter()
        .map(|(k, v)| format!("\"{k}\":{}", (v * 1000.0).round() / 1000.0))
        .collect();
    format!("{{{}}}", body.join(","))
}
