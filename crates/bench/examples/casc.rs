use portalscan_bench::page::portal_page;
use portalscan_html::{NoResources, parse_dom, snapshot_from_html};
fn main() {
    let html = portal_page(10_000);
    let mode = std::env::var("MODE").unwrap_or_default();
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    for _ in 0..n {
        if mode == "parse" {
            std::hint::black_box(parse_dom(&html));
        } else {
            std::hint::black_box(snapshot_from_html(
                &html,
                "https://p.example/",
                &NoResources,
            ));
        }
    }
}
