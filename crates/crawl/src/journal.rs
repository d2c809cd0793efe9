//! `results.jsonl`: one JSON line per finished page, appended and flushed as each page
//! finishes, so a crawl that is killed keeps every page it finished; `--resume` reads it
//! back and skips them.
//!
//! PHI: URLs are written redacted. A page whose URL had PHI in it cannot be matched on
//! resume (its real URL is not kept), so it is crawled again; links whose URL holds PHI are
//! withheld (counted), and a page with withheld links is visited again on resume for them.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use portalscan_core::Finding;
use portalscan_core::phi::redact_url;
use portalscan_core::report::bounds::Truncated;
use serde::{Deserialize, Serialize};

use crate::visitor::Timings;

pub const FILE_NAME: &str = "results.jsonl";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// The page URL, normalised and redacted.
    pub url: String,
    /// Position in the crawl's canonical order (BFS by depth, then discovery).
    pub order: usize,
    pub depth: u32,
    /// False for a page of another shard, visited only for its links.
    pub scanned: bool,
    /// Where the page ended up, redacted, when that differs from `url`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_url: Option<String>,
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Findings over `--max-findings-per-rule`, counted per rule and outcome, not listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub truncated: Vec<Truncated>,
    /// Why the page has no findings (after its retries), redacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub attempts: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timings: Option<Timings>,
    /// Wall time from the first attempt to the end, in milliseconds.
    #[serde(default)]
    pub elapsed_ms: f64,
    /// The page's in-scope links (normalised) that hold no PHI.
    #[serde(default)]
    pub links: Vec<String>,
    /// How many in-scope links were left out because their URL holds PHI.
    #[serde(default)]
    pub links_withheld: usize,
    /// Facts the browser could not give on this page (the rules answered `review` or
    /// left them out), each naming the step and the error; redacted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The page shows PHI: Back after logout is checked on it (with `[logout] url`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub shows_phi: bool,
    /// The Back-after-logout check, once done (its findings are in `findings`). The check
    /// appends the page's entry again with it: the later line is the page's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logout_check: Option<LogoutCheck>,
    /// What the rules could not evaluate on the page (`pages[].coverage`), for a scanned
    /// page; `None` in journals written before coverage existed (unknown, not complete).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coverage: Option<Vec<portalscan_core::report::coverage::Gap>>,
    /// The session controls, once run on this page (their findings are in `findings`);
    /// appended again like `logout_check`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_check: Option<SessionCheckRun>,
}

/// Which session controls ran on a page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionCheckRun {
    /// The checks made (`guest`, `replay-after-logout`, `idle`, `cookies`).
    #[serde(default)]
    pub checks: Vec<String>,
    /// Checks that could not be made (after retries), each `kind: error`, redacted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
}

/// How Back after logout went on a page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LogoutCheck {
    /// Back showed the page again after logout.
    #[serde(default)]
    pub restored: bool,
    /// How the page came back (`bfcache`, `http-cache`, `network`); absent: it did not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored_via: Option<String>,
    /// Why the check could not be made (after retries), redacted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl JournalEntry {
    /// Splits links into those safe to write and a count of the rest.
    pub fn set_links(&mut self, links: &[String]) {
        self.links.clear();
        self.links_withheld = 0;
        for link in links {
            if redact_url(link) == *link {
                self.links.push(link.clone());
            } else {
                self.links_withheld += 1;
            }
        }
    }
}

/// What an earlier run left: entries by URL (only URLs written unredacted can be matched).
#[derive(Debug, Default)]
pub struct Previous {
    by_url: HashMap<String, JournalEntry>,
    /// Lines that were not valid entries (a line cut short by a kill, say).
    pub skipped_lines: usize,
}

impl Previous {
    pub fn read(path: &Path) -> Result<Previous, String> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Previous::default()),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        let mut previous = Previous::default();
        for line in BufReader::new(file).lines() {
            let line = line.map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<JournalEntry>(&line) {
                // A later line for the same URL (a page crawled again) wins.
                Ok(entry) => {
                    previous.by_url.insert(entry.url.clone(), entry);
                }
                Err(_) => previous.skipped_lines += 1,
            }
        }
        Ok(previous)
    }

    /// The finished entry for this normalised URL, if its URL was written as is.
    pub fn get(&self, url: &str) -> Option<&JournalEntry> {
        self.by_url.get(url).filter(|e| e.url == *url)
    }

    pub fn len(&self) -> usize {
        self.by_url.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_url.is_empty()
    }
}

/// The journal being written.
pub struct Journal {
    file: File,
    path: PathBuf,
}

impl Journal {
    /// Opens `dir/results.jsonl`: appends with `resume`, otherwise starts it afresh.
    pub fn open(dir: &Path, resume: bool) -> Result<Journal, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
        let path = dir.join(FILE_NAME);
        let mut options = OpenOptions::new();
        if resume {
            options.create(true).append(true);
        } else {
            options.create(true).write(true).truncate(true);
        }
        let mut file = options
            .open(&path)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
        // A kill mid-line leaves a partial last line: start ours on a fresh one.
        if resume && file.metadata().is_ok_and(|m| m.len() > 0) {
            let _ = file.write_all(b"\n");
        }
        Ok(Journal { file, path })
    }

    /// Appends one entry and flushes it to the file before returning.
    pub fn append(&mut self, entry: &JournalEntry) -> Result<(), String> {
        let mut line = serde_json::to_string(entry).unwrap_or_default();
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.flush())
            .map_err(|e| format!("{}: cannot write: {e}", self.path.display()))
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Every page of a journal file in file order (for reports built from a finished run); a
/// page written again (its Back-after-logout check) is its latest entry, in its first place.
pub fn read_all(path: &Path) -> Result<Vec<JournalEntry>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let mut entries: Vec<JournalEntry> = Vec::new();
    let mut at: HashMap<(String, usize), usize> = HashMap::new();
    for entry in text
        .lines()
        .filter_map(|l| serde_json::from_str::<JournalEntry>(l).ok())
    {
        match at.get(&(entry.url.clone(), entry.order)) {
            Some(&i) => entries[i] = entry,
            None => {
                at.insert((entry.url.clone(), entry.order), entries.len());
                entries.push(entry);
            }
        }
    }
    Ok(entries)
}
