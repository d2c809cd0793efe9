//! The JSON report's shape: a public contract (see the README), shared by every front-end
//! that writes one (the CLI's `--format json`, the Wasm package's `scan()`), so the two can
//! never drift. Serialization only: no I/O. Fields are only ever added, never renamed.

use serde::Serialize;

use crate::finding::Finding;
use crate::report::bounds::Truncated;

/// The report format version; bump only on an incompatible change.
pub const REPORT_VERSION: u32 = 1;

/// The whole report. `G` is the CLI's exit gate (a CLI-only fact; other front-ends use
/// [`NoGate`]).
#[derive(Serialize)]
pub struct JsonReport<'a, G: Serialize = NoGate> {
    pub version: u32,
    pub tool: Tool,
    pub findings: Vec<&'a Finding>,
    /// Findings the baseline accepted: only with `--all`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baselined: Option<Vec<&'a Finding>>,
    pub errors: Vec<JsonError<'a>>,
    pub summary: Summary,
    pub pages: Vec<Page<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gate: Option<G>,
}

/// A gate that is never there (front-ends without an exit status).
#[derive(Serialize)]
pub enum NoGate {}

#[derive(Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

#[derive(Serialize)]
pub struct JsonError<'a> {
    pub input: &'a str,
    pub message: &'a str,
}

#[derive(Serialize)]
pub struct Summary {
    pub pages: usize,
    pub fail: usize,
    pub review: usize,
    /// Only with `--all` (passes are not collected otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pass: Option<usize>,
    pub errors: usize,
    /// Findings the baseline accepted; only when a baseline was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baselined: Option<usize>,
    /// Findings over the bound per rule and page, not listed (the sum of every
    /// `pages[].truncated[].omitted`); only when some were left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub truncated: Option<usize>,
}

impl Summary {
    /// `truncated` as the summary states it: absent when nothing was left out.
    pub fn truncated<'t>(pages: impl IntoIterator<Item = &'t [Truncated]>) -> Option<usize> {
        let sum: usize = pages.into_iter().flatten().map(|t| t.omitted).sum();
        (sum > 0).then_some(sum)
    }
}

/// One scanned page. `extra` holds front-end facts flattened into the page object (the
/// CLI's crawl facts; the Wasm package's `unknown`: the facts the page could not know).
#[derive(Serialize)]
pub struct Page<'a> {
    pub input: &'a str,
    pub url: &'a str,
    /// Findings of one rule and outcome over the bound (`--max-findings-per-rule`):
    /// counted, not listed. Absent when the page listed everything.
    #[serde(skip_serializing_if = "<[Truncated]>::is_empty")]
    pub truncated: &'a [Truncated],
    #[serde(flatten)]
    pub extra: &'a serde_json::Map<String, serde_json::Value>,
}
