//! `cargo run -p portalscan-bench --bin crawl-bench [-- --runs N --tab-walk on|off]`
//!
//! Crawls the fixture portal (fixtures/portal on loopback) in headless Chromium with
//! `--jobs 1` and then `--jobs 2`, and prints for each: pages per minute (wall clock), the
//! mean per-page split (opening the page's own browser context with the login state,
//! navigate, settle, snapshot, rules, Tab walk), the ratio
//! (snapshot + rules) / (navigate + settle) — what portalscan adds over the page's own load,
//! target below 1 — and the scaling ratio of pages/min with 2 jobs over 1 (target near 2 on
//! two cores). Not a test: figures depend on the machine and its load.
//!
//! Then the profile of the `--jobs 1` run (`portalscan_browser::profile`): wall time per
//! page of each DevTools call by method and step, longest first, so the split above can
//! be read down to the calls that make it.

use std::path::Path;
use std::time::Instant;

use portalscan_core::phi::FingerprintKey;
use portalscan_core::{ScanOptions, scan_bounded};
use portalscan_crawl::chromium::ChromiumVisitor;
use portalscan_crawl::{CrawlConfig, Progress, Timings};

struct Figures {
    pages: usize,
    errors: usize,
    per_minute: f64,
    mean: Timings,
}

fn run(seed: &str, jobs: usize, tab_walk: bool, out: &Path) -> Figures {
    let mut config = CrawlConfig::for_seeds(&[seed]).expect("config");
    config.jobs = jobs;
    config.tab_walk = tab_walk;
    config.output_dir = out.to_path_buf();
    let key = FingerprintKey::new(b"crawl-bench".to_vec());
    let options = ScanOptions {
        fingerprint_key: Some(key),
        ..ScanOptions::default()
    };
    let scan = |s: &portalscan_core::Snapshot| scan_bounded(s, &options);
    let visitor = ChromiumVisitor::from_config(&config).expect("options");
    let start = Instant::now();
    let outcome = portalscan_crawl::crawl(&config, &visitor, &scan, &mut Progress::silent())
        .unwrap_or_else(|e| panic!("crawl failed: {e}"));
    let wall = start.elapsed().as_secs_f64();
    let ok: Vec<Timings> = outcome.pages.iter().filter_map(|p| p.timings).collect();
    let n = ok.len().max(1) as f64;
    let sum = |f: fn(&Timings) -> f64| ok.iter().map(f).sum::<f64>() / n;
    Figures {
        pages: outcome.pages.len(),
        errors: outcome.pages.iter().filter(|p| p.error.is_some()).count(),
        per_minute: outcome.pages.len() as f64 / wall * 60.0,
        mean: Timings {
            navigate_ms: sum(|t| t.navigate_ms),
            settle_ms: sum(|t| t.settle_ms),
            snapshot_ms: sum(|t| t.snapshot_ms),
            rules_ms: sum(|t| t.rules_ms),
            tab_walk_ms: sum(|t| t.tab_walk_ms),
            screenshots_ms: sum(|t| t.screenshots_ms),
            context_ms: sum(|t| t.context_ms),
        },
    }
}

/// The `--jobs 1` run's DevTools calls and local steps, per page, longest first.
fn print_profile(pages: usize, entries: &[portalscan_browser::profile::Entry]) {
    let total: f64 = entries.iter().map(|e| e.total.as_secs_f64()).sum();
    println!(
        "profile (--jobs 1, per page, {:.0} ms of calls in all):",
        total * 1000.0 / pages.max(1) as f64
    );
    for line in portalscan_bench::profile_lines(entries, pages, PROFILE_LINES) {
        println!("{line}");
    }
}

const PROFILE_LINES: usize = 20;

fn print(label: &str, f: &Figures) {
    let t = &f.mean;
    println!(
        "{label}: {} pages ({} errors), {:.1} pages/min; per page: own browser context {:.0} ms, navigate {:.0} ms, settle {:.0} ms, snapshot {:.0} ms, rules {:.0} ms, Tab walk {:.0} ms, screenshots {:.0} ms",
        f.pages,
        f.errors,
        f.per_minute,
        t.context_ms,
        t.navigate_ms,
        t.settle_ms,
        t.snapshot_ms,
        t.rules_ms,
        t.tab_walk_ms,
        t.screenshots_ms
    );
    println!(
        "{label}: (snapshot + rules) / (navigate + settle) = {:.2}",
        (t.snapshot_ms + t.rules_ms) / (t.navigate_ms + t.settle_ms).max(0.001)
    );
}

fn main() {
    let mut runs = 1;
    let mut tab_walk = true;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().and_then(|v| v.parse().ok()).unwrap_or(1),
            "--tab-walk" => tab_walk = args.next().as_deref() != Some("off"),
            _ => {
                eprintln!("usage: crawl-bench [--runs N] [--tab-walk on|off]");
                std::process::exit(2);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/portal");
    let server =
        portalscan_portal_fixture::start(portalscan_portal_fixture::ServerOptions::new(&root))
            .unwrap_or_else(|e| panic!("fixture portal: {e} (run scripts/setup.sh)"));
    let seed = format!("{}/s/home", server.url());
    portalscan_browser::profile::enable();
    let out = std::env::temp_dir().join(format!("portalscan-crawl-bench-{}", std::process::id()));
    let mut best = [0.0f64; 2];
    for r in 0..runs {
        for (i, jobs) in [1usize, 2].into_iter().enumerate() {
            let f = run(&seed, jobs, tab_walk, &out);
            let profile = portalscan_browser::profile::take();
            print(&format!("run {} --jobs {jobs}", r + 1), &f);
            if jobs == 1 && r == 0 {
                print_profile(f.pages, &profile);
            }
            best[i] = best[i].max(f.per_minute);
        }
    }
    let _ = std::fs::remove_dir_all(&out);
    println!(
        "scaling: pages/min with --jobs 2 / --jobs 1 = {:.2} (best of {runs})",
        best[1] / best[0].max(0.001)
    );
}
