//! Where the rules' time goes on one saved snapshot: reading it, every rule in one scan,
//! and each rule scanned alone (which includes the page facts it is first to need, such as
//! the flat tree or the paint layers), slowest first.
//!
//!   cargo run -p portalscan-bench --example rule_times -- page.snapshot.json [N]
//!
//! N: how many rules to list (default 25). The Wasm package's `snapshotJson()` of a live
//! page makes such a file (it holds the page's raw text: keep it owner-only). For a
//! profiler, `PORTALSCAN_RULE_TIMES_LOOP=20` scans every rule that many times and lists
//! nothing.
use portalscan_core::{RuleSelection, ScanOptions, Snapshot, scan};
use std::time::{Duration, Instant};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: rule_times SNAPSHOT.json [N]");
        std::process::exit(2);
    };
    let listed: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(25);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("rule_times: {path}: {e}");
        std::process::exit(1);
    });
    let started = Instant::now();
    let snapshot: Snapshot = serde_json::from_str(&text).unwrap_or_else(|e| {
        eprintln!("rule_times: {path}: not a snapshot: {e}");
        std::process::exit(1);
    });
    println!("read the snapshot: {:.1?}", started.elapsed());

    if let Some(loops) = std::env::var("PORTALSCAN_RULE_TIMES_LOOP")
        .ok()
        .and_then(|n| n.parse::<u32>().ok())
    {
        for _ in 0..loops {
            scan(&snapshot, &ScanOptions::default());
        }
        return;
    }
    let started = Instant::now();
    let findings = scan(&snapshot, &ScanOptions::default()).len();
    println!(
        "every rule, one scan: {:.1?} ({findings} findings)",
        started.elapsed()
    );

    let mut times: Vec<(Duration, &str)> = portalscan_core::rules::all()
        .into_iter()
        .map(|rule| {
            let id = rule.meta().id;
            let options = ScanOptions {
                rules: RuleSelection::only([id]),
                ..ScanOptions::default()
            };
            let started = Instant::now();
            scan(&snapshot, &options);
            (started.elapsed(), id)
        })
        .collect();
    times.sort_by(|a, b| b.cmp(a));
    println!("each rule alone, slowest first:");
    for (time, id) in times.iter().take(listed) {
        println!("{time:>10.1?}  {id}");
    }
}
