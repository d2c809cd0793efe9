//! The benchmark page: a deterministic Experience-Cloud-like patient portal page, and a
//! loopback server for it.

pub mod page;
pub mod serve;

/// Lines of a DevTools call profile (`portalscan_browser::profile`), the `limit` longest,
/// each divided by `per` (pages or visits): time, calls, method, step.
pub fn profile_lines(
    entries: &[portalscan_browser::profile::Entry],
    per: usize,
    limit: usize,
) -> Vec<String> {
    let per = per.max(1) as f64;
    entries
        .iter()
        .take(limit)
        .map(|e| {
            format!(
                "  {:>7.1} ms {:>6.1} calls  {:<34} {}",
                e.total.as_secs_f64() * 1000.0 / per,
                f64::from(e.calls) / per,
                e.method,
                e.step
            )
        })
        .collect()
}
