//! An opt-in profile of where a visit's time goes: wall time per DevTools call (by method
//! and the step that made it) and per local step (decoding screenshots). Off unless
//! [`enable`]d, so a crawl pays one atomic load per call; `crawl-bench` turns it on and
//! prints the table, which is how issue 14's "where the time goes" is measured, not guessed.
//!
//! Totals are process-wide: with several jobs they add up the time of every thread.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

static ENABLED: AtomicBool = AtomicBool::new(false);
/// (method, step) → (calls, total wall time).
type Totals = HashMap<(String, String), (u32, Duration)>;
static TOTALS: Mutex<Option<Totals>> = Mutex::new(None);

/// One line of the profile: what ran, how often, and its wall time in all.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The DevTools method (`Page.captureScreenshot`) or `local` for work of our own.
    pub method: String,
    /// The step that made the call, as its error message would name it.
    pub step: String,
    pub calls: u32,
    pub total: Duration,
}

/// Starts recording (from now on, process-wide).
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

pub(crate) fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

/// Adds one call's time; a no-op unless enabled.
pub(crate) fn record(method: &str, step: &str, elapsed: Duration) {
    if !enabled() {
        return;
    }
    let mut totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    let entry = totals
        .get_or_insert_with(HashMap::new)
        .entry((method.to_string(), step.to_string()))
        .or_insert((0, Duration::ZERO));
    entry.0 += 1;
    entry.1 += elapsed;
}

/// Runs `work` and records its time under `local`/`step` when enabled.
pub(crate) fn time<T>(step: &str, work: impl FnOnce() -> T) -> T {
    if !enabled() {
        return work();
    }
    let start = Instant::now();
    let out = work();
    record("local", step, start.elapsed());
    out
}

/// Everything recorded so far, longest total first, and clears it.
pub fn take() -> Vec<Entry> {
    let mut totals = TOTALS.lock().unwrap_or_else(|e| e.into_inner());
    let mut entries: Vec<Entry> = totals
        .take()
        .unwrap_or_default()
        .into_iter()
        .map(|((method, step), (calls, total))| Entry {
            method,
            step,
            calls,
            total,
        })
        .collect();
    entries.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.step.cmp(&b.step)));
    entries
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_only_when_enabled_and_sums_by_method_and_step() {
        // One test touches the global state, so the order of events is its own.
        record(
            "Page.captureScreenshot",
            "before enabling",
            Duration::from_millis(5),
        );
        enable();
        record(
            "Page.captureScreenshot",
            "taking a screenshot",
            Duration::from_millis(30),
        );
        record(
            "Page.captureScreenshot",
            "taking a screenshot",
            Duration::from_millis(12),
        );
        let doubled = time("decoding", || 21 * 2);
        record(
            "Input.dispatchKeyEvent",
            "pressing Tab",
            Duration::from_millis(40),
        );
        assert_eq!(doubled, 42);
        let entries = take();
        assert_eq!(entries.len(), 3, "{entries:?}");
        assert_eq!(
            (entries[0].step.as_str(), entries[0].calls, entries[0].total),
            ("taking a screenshot", 2, Duration::from_millis(42))
        );
        assert_eq!(entries[1].method, "Input.dispatchKeyEvent");
        assert_eq!((entries[2].method.as_str(), entries[2].calls), ("local", 1));
        assert!(take().is_empty(), "take clears the totals");
    }
}
