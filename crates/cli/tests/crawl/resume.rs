//! CRASH-RESUME: `portalscan crawl` killed with SIGKILL mid-crawl keeps every finished page
//! in its journal, and `--resume` ends with the full set without visiting them again.

use std::collections::{BTreeSet, HashMap};
use std::time::{Duration, Instant};

use crate::server::{Reply, TestServer, page};
use crate::support::{Crawl, TempDir, crawl, journal_urls, page_urls, portalscan, report};

const PAGES: usize = 8;

/// Every descendant of `pid` (Chromium and its helpers), from /proc.
fn descendants(pid: u32) -> Vec<u32> {
    let mut parent_of = HashMap::new();
    for entry in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(p) = entry.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{p}/stat")) else {
            continue;
        };
        // pid (comm) state ppid …: comm may hold spaces, so split after the last ')'.
        let after = &stat[stat.rfind(')').unwrap_or(0) + 1..];
        if let Some(ppid) = after
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse::<u32>().ok())
        {
            parent_of.insert(p, ppid);
        }
    }
    let mut out = Vec::new();
    let mut frontier = vec![pid];
    while let Some(p) = frontier.pop() {
        for (&child, &parent) in &parent_of {
            if parent == p {
                out.push(child);
                frontier.push(child);
            }
        }
    }
    out
}

/// The profile directories Chromium processes were started with (to clean up after a kill).
fn profile_dirs(pids: &[u32]) -> BTreeSet<String> {
    pids.iter()
        .filter_map(|p| std::fs::read(format!("/proc/{p}/cmdline")).ok())
        .flat_map(|c| {
            c.split(|b| *b == 0)
                .filter_map(|a| {
                    std::str::from_utf8(a)
                        .ok()?
                        .strip_prefix("--user-data-dir=")
                        .map(String::from)
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn a_killed_crawl_keeps_its_pages_and_resume_finishes_it() {
    let portal = TestServer::start(|target| {
        let links: Vec<String> = (1..=PAGES).map(|i| format!("/s/p{i}")).collect();
        match target {
            "/s/home" => Reply::html(page("Home", &links)),
            t if t.starts_with("/s/p") => {
                Reply::html(page(&format!("Page {t}"), &[])).delayed(Duration::from_millis(400))
            }
            _ => Reply::status(404, "not found"),
        }
    });
    let dir = TempDir::new("resume");
    let seed = format!("{}/s/home", portal.url());
    let args = [
        "--jobs",
        "1",
        "--no-tab-walk",
        "--no-sitemap",
        "--timeout",
        "10",
    ];
    let mut child = portalscan()
        .arg("crawl")
        .arg(&seed)
        .arg("--output-dir")
        .arg(dir.path())
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some pages are finished, then kill it mid-crawl.
    let start = Instant::now();
    while journal_urls(dir.path()).len() < 3 {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "the crawl never finished 3 pages"
        );
        assert!(
            child.try_wait().unwrap().is_none(),
            "the crawl ended before it was killed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let browser = descendants(child.id());
    let profiles = profile_dirs(&browser);
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    for pid in &browser {
        unsafe_kill(*pid);
    }
    for dir in &profiles {
        let _ = std::fs::remove_dir_all(dir);
    }
    let first = journal_urls(dir.path());
    assert!(first.len() >= 3 && first.len() < PAGES + 1, "{first:?}");

    let run: Crawl = crawl(
        dir.path(),
        &[&[seed.as_str(), "--resume"][..], &args[..]].concat(),
    );
    let report = report(dir.path());
    let pages: BTreeSet<String> = page_urls(&report).into_iter().collect();
    let mut want: BTreeSet<String> = (1..=PAGES)
        .map(|i| format!("{}/s/p{i}", portal.url()))
        .collect();
    want.insert(seed.clone());
    assert_eq!(pages, want, "{}", run.stderr);
    // Pages finished before the kill were not loaded again.
    for url in first.iter().filter(|u| **u != seed) {
        let path = url.trim_start_matches(&portal.url()).to_string();
        let n = portal
            .requests()
            .iter()
            .filter(|r| r.target == path)
            .count();
        assert_eq!(n, 1, "{path} requested {n} times");
    }
}

/// SIGKILL to a process this test started (through the crawl it spawned).
fn unsafe_kill(pid: u32) {
    let _ = std::process::Command::new("kill")
        .arg("-9")
        .arg(pid.to_string())
        .status();
}
