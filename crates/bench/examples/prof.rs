use portalscan_bench::page::portal_page;
use portalscan_core::{ScanOptions, rules, scan};
use portalscan_html::{NoResources, parse_dom, snapshot_from_html};
use std::time::{Duration, Instant};

fn main() {
    let html = portal_page(10_000);
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(15);
    let (mut parse, mut snap, mut tc, mut all) =
        (Duration::MAX, Duration::MAX, Duration::MAX, Duration::MAX);
    let rule = rules::by_id("text-contrast").unwrap();
    for _ in 0..n {
        let t = Instant::now();
        let _d = parse_dom(&html);
        parse = parse.min(t.elapsed());
        let t = Instant::now();
        let s = snapshot_from_html(&html, "https://p.example/", &NoResources);
        snap = snap.min(t.elapsed());
        let t = Instant::now();
        let _ = scan(&s, &[rule], ScanOptions::default());
        tc = tc.min(t.elapsed());
        let t = Instant::now();
        let _ = portalscan_core::scan_all(&s, ScanOptions::default());
        all = all.min(t.elapsed());
    }
    println!(
        "parse {:?} snapshot {:?} cascade {:?} text-contrast {:?} all rules {:?}",
        parse,
        snap,
        snap - parse,
        tc,
        all
    );
}
