//! `cargo run --release -p portalscan-bench [-- --runs N --elements N --write-page FILE --per-rule --scaling]`
//!
//! Times, best of N runs, on a generated 10,000-element portal page:
//! - the baseline: a bare html5ever parse (`scraper::Html::parse_document`);
//! - portalscan's full static scan: `snapshot_from_html` (parse + cascade) + `scan`.
//!
//! Prints both and their ratio (target ≤ 2.0), and each one's peak memory, measured in a
//! child process so the two do not share a high-water mark. Not a test: timings depend on
//! the machine; run it by hand or once in CI for the record.
//!
//! `--scaling` instead times both on pages of 10,000, 50,000 and 200,000 elements and prints
//! each one's time and peak memory per element, so growth that is not linear shows as a
//! per-element cost that rises with the page.

use std::hint::black_box;
use std::process::Command;
use std::time::{Duration, Instant};

use portalscan_bench::page::portal_page;
use portalscan_core::{RuleSelection, ScanOptions, scan};
use portalscan_html::{NoResources, snapshot_from_html};

const URL: &str = "https://portal.example/s/appointments";

struct Options {
    runs: usize,
    elements: usize,
    /// Internal: run one workload once and print this process's peak memory.
    peak_memory_of: Option<String>,
    /// Save the generated page (to look at it, or scan it with the CLI).
    write_page: Option<String>,
    /// Also time each rule on its own, to show where the rules' share goes.
    per_rule: bool,
    /// Time and peak memory at 10k, 50k and 200k elements, per element.
    scaling: bool,
}

fn parse_options() -> Result<Options, String> {
    let mut options = Options {
        runs: 20,
        elements: 10_000,
        peak_memory_of: None,
        write_page: None,
        per_rule: false,
        scaling: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = |name: &str| -> Result<usize, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .filter(|&n| n > 0)
                .ok_or_else(|| format!("{name} needs a positive number"))
        };
        match arg.as_str() {
            "--runs" => options.runs = number("--runs")?,
            "--elements" => options.elements = number("--elements")?,
            "--peak-memory-of" => options.peak_memory_of = args.next(),
            "--write-page" => options.write_page = args.next(),
            "--per-rule" => options.per_rule = true,
            "--scaling" => options.scaling = true,
            "--bench" => {} // passed by `cargo bench`-style runners; harmless
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(options)
}

fn scraper_parse(html: &str) {
    black_box(scraper::Html::parse_document(black_box(html)));
}

/// Each rule scanned alone (best of N, on-CPU). A rule alone also pays for the shared
/// per-page facts it is first to ask for (roles, hidden flags, labels), so the times add
/// up to more than `scan`; the empty scan shows the engine's own cost.
fn print_per_rule(snapshot: &portalscan_core::Snapshot, runs: usize) {
    let time = |rules: &[&dyn portalscan_core::Rule]| {
        let options = ScanOptions {
            rules: RuleSelection::of(rules),
            ..ScanOptions::default()
        };
        best_of(runs, || {
            black_box(scan(black_box(snapshot), &options));
        })
        .best()
    };
    let mut timings: Vec<(&str, Duration)> = portalscan_core::rules::all()
        .into_iter()
        .map(|rule| (rule.meta().id, time(&[rule])))
        .collect();
    timings.sort_by_key(|t| std::cmp::Reverse(t.1));
    println!(
        "each rule alone (on-CPU, slowest first; engine with no rules: {:.2} ms):",
        ms(time(&[]))
    );
    for (id, t) in timings.iter().take(15) {
        println!("  {id:<42} {:>8.2} ms", ms(*t));
    }
}

/// The page sizes `--scaling` measures.
const SCALING_SIZES: [usize; 3] = [10_000, 50_000, 200_000];

/// Times the baseline and the full scan at each of [`SCALING_SIZES`] (best of `runs` at
/// 10,000 elements, proportionally fewer runs on larger pages, at least 3), with each one's
/// peak memory, and both per element. Linear growth keeps the per-element figures flat.
fn print_scaling(runs: usize) {
    println!(
        "scaling (on-CPU time, best of N runs; peak memory above page generation, in a child process):"
    );
    println!(
        "  {:>8} {:>5} {:>10} {:>10} {:>6} {:>11} {:>11} {:>10} {:>10} {:>11}",
        "elements",
        "runs",
        "scraper",
        "portalscan",
        "ratio",
        "scraper/el",
        "scan/el",
        "scraper+",
        "scan+",
        "scan+/el"
    );
    let mut first_per_element = None;
    for n in SCALING_SIZES {
        let html = portal_page(n);
        let elements = snapshot_from_html(&html, URL, &NoResources)
            .dom
            .elements()
            .count();
        let runs = (runs * SCALING_SIZES[0] / n).max(3);
        scraper_parse(&html);
        full_scan(&html);
        let baseline = best_of(runs, || scraper_parse(&html)).best();
        let full = best_of(runs, || {
            full_scan(&html);
        })
        .best();
        drop(html);
        let base = child_peak("none", n).unwrap_or(0);
        let scraper = child_peak("scraper", n).unwrap_or(0).saturating_sub(base);
        let scan = child_peak("portalscan", n)
            .unwrap_or(0)
            .saturating_sub(base);
        let per = |d: Duration| d.as_secs_f64() * 1e6 / elements as f64;
        let first = *first_per_element.get_or_insert(per(full));
        println!(
            "  {elements:>8} {runs:>5} {:>7.1} ms {:>7.1} ms {:>6.2} {:>8.3} µs {:>8.3} µs {:>6} KiB {:>6} KiB {:>7.2} KiB   (scan/el {:.2}x the first size)",
            ms(baseline),
            ms(full),
            full.as_secs_f64() / baseline.as_secs_f64(),
            per(baseline),
            per(full),
            scraper,
            scan,
            scan as f64 / elements as f64,
            per(full) / first,
        );
    }
}

fn full_scan(html: &str) -> usize {
    let snapshot = snapshot_from_html(black_box(html), URL, &NoResources);
    let findings = scan(&snapshot, &ScanOptions::default());
    black_box(findings.len())
}

/// Best (smallest) wall-clock and on-CPU time of a workload over `runs` runs.
#[derive(Clone, Copy)]
struct Timing {
    wall: Duration,
    /// Time this thread spent on a CPU: unaffected by other processes competing for the
    /// cores (the machine is shared), so the ratio is computed from it when known.
    cpu: Option<Duration>,
}

impl Timing {
    fn best(&self) -> Duration {
        self.cpu.unwrap_or(self.wall)
    }
}

fn best_of(runs: usize, mut f: impl FnMut()) -> Timing {
    let mut best = Timing {
        wall: Duration::MAX,
        cpu: None,
    };
    for _ in 0..runs.max(1) {
        let cpu_start = thread_cpu_time();
        let start = Instant::now();
        f();
        let wall = start.elapsed();
        let cpu = match (cpu_start, thread_cpu_time()) {
            (Some(a), Some(b)) => Some(b.saturating_sub(a)),
            _ => None,
        };
        best.wall = best.wall.min(wall);
        best.cpu = match (best.cpu, cpu) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    best
}

/// This thread's time on a CPU (`CLOCK_THREAD_CPUTIME_ID`).
#[cfg(unix)]
fn thread_cpu_time() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime only writes the timespec we pass, which lives on our stack.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

#[cfg(not(unix))]
fn thread_cpu_time() -> Option<Duration> {
    None
}

/// This process's peak resident memory in KiB (Linux `/proc/self/status` VmHWM).
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs one workload in a child process and returns its peak memory in KiB.
fn child_peak(workload: &str, elements: usize) -> Option<u64> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe)
        .args([
            "--elements",
            &elements.to_string(),
            "--peak-memory-of",
            workload,
        ])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let options = match parse_options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!(
                "portalscan-bench: {e}\nusage: portalscan-bench [--runs N] [--elements N] [--write-page FILE] [--per-rule] [--scaling]"
            );
            std::process::exit(2);
        }
    };
    if options.scaling && options.peak_memory_of.is_none() {
        print_scaling(options.runs);
        return;
    }
    let html = portal_page(options.elements);
    if let Some(path) = &options.write_page {
        if let Err(e) = std::fs::write(path, &html) {
            eprintln!("portalscan-bench: {path}: cannot write: {e}");
            std::process::exit(2);
        }
        println!("wrote {path} ({} bytes)", html.len());
        return;
    }

    if let Some(workload) = &options.peak_memory_of {
        match workload.as_str() {
            "scraper" => scraper_parse(&html),
            "portalscan" => {
                full_scan(&html);
            }
            _ => {}
        }
        println!("{}", peak_rss_kib().unwrap_or(0));
        return;
    }

    let snapshot = snapshot_from_html(&html, URL, &NoResources);
    let elements = snapshot.dom.elements().count();
    let findings = scan(&snapshot, &ScanOptions::default());
    println!(
        "page: {elements} elements, {} nodes, {:.0} KB; {} findings (fail/review) from {} rules",
        snapshot.dom.len(),
        html.len() as f64 / 1024.0,
        findings.len(),
        portalscan_core::rules::all().len()
    );

    // Warm up caches and the allocator once before timing.
    scraper_parse(&html);
    full_scan(&html);
    let runs = options.runs;
    let baseline = best_of(runs, || scraper_parse(&html));
    let parse_only = best_of(runs, || {
        black_box(portalscan_html::parse_dom(black_box(&html)));
    });
    let snapshot_only = best_of(runs, || {
        black_box(snapshot_from_html(black_box(&html), URL, &NoResources));
    });
    let rules_only = best_of(runs, || {
        black_box(scan(black_box(&snapshot), &ScanOptions::default()));
    });
    let full = best_of(runs, || {
        full_scan(&html);
    });

    println!("best of {runs} runs (on-CPU time; wall clock in brackets):");
    let line = |label: &str, t: Timing| match t.cpu {
        Some(cpu) => println!("  {label:<42} {:>8.2} ms  [{:.2} ms]", ms(cpu), ms(t.wall)),
        None => println!("  {label:<42} {:>8.2} ms", ms(t.wall)),
    };
    line("scraper::Html::parse_document (baseline)", baseline);
    line("portalscan parse_dom (parse into arena)", parse_only);
    line("portalscan snapshot_from_html (+ cascade)", snapshot_only);
    line("portalscan scan (rules)", rules_only);
    line("portalscan full scan (snapshot + rules)", full);
    let ratio = full.best().as_secs_f64() / baseline.best().as_secs_f64();
    println!(
        "  {:<42} {ratio:>8.2}  (target <= 2.0: {})",
        "ratio full scan / baseline",
        if ratio <= 2.0 { "met" } else { "NOT met" }
    );

    if options.per_rule {
        print_per_rule(&snapshot, runs);
    }

    let base = child_peak("none", options.elements);
    let scraper = child_peak("scraper", options.elements);
    let scan = child_peak("portalscan", options.elements);
    if let (Some(base), Some(scraper), Some(scan)) = (base, scraper, scan) {
        println!("peak memory (process high-water mark; page generation alone: {base} KiB):");
        println!(
            "  scraper parse     {:>7} KiB (+{} KiB)",
            scraper,
            scraper.saturating_sub(base)
        );
        println!(
            "  portalscan scan   {:>7} KiB (+{} KiB)",
            scan,
            scan.saturating_sub(base)
        );
    }
}
