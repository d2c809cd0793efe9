//! Running `portalscan crawl` and reading what it wrote.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "portalscan-crawl-it-{name}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn portalscan() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_portalscan"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd.env_remove("NO_COLOR");
    cmd
}

pub struct Crawl {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Crawl {
    pub fn from(out: Output) -> Crawl {
        Crawl {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// `portalscan crawl <args>`, killed (and the test failed) if it is still running after
/// `limit`: a guard for tests of hangs, so a regression fails instead of hanging the suite.
/// It asserts nothing about speed; the limit is far above what the crawl should take.
pub fn crawl_bounded(out: &Path, args: &[&str], limit: std::time::Duration) -> Crawl {
    let stdout = out.join("stdout.txt");
    let stderr = out.join("stderr.txt");
    let mut child = portalscan()
        .arg("crawl")
        .arg("--output-dir")
        .arg(out)
        .args(args)
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .expect("run portalscan");
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "the crawl was still running after {limit:?}: it hangs\n{}",
                std::fs::read_to_string(&stderr).unwrap_or_default()
            );
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    Crawl {
        code: status.code().unwrap_or(-1),
        stdout: std::fs::read_to_string(&stdout).unwrap_or_default(),
        stderr: std::fs::read_to_string(&stderr).unwrap_or_default(),
    }
}

/// `portalscan crawl <args>` (the output dir is the first argument).
pub fn crawl(out: &Path, args: &[&str]) -> Crawl {
    let out = portalscan()
        .arg("crawl")
        .arg("--output-dir")
        .arg(out)
        .args(args)
        .output()
        .expect("run portalscan");
    Crawl::from(out)
}

pub fn report(dir: &Path) -> Value {
    let path = dir.join("report.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

/// Page URLs in the JSON report.
pub fn page_urls(report: &Value) -> Vec<String> {
    report["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["url"].as_str().unwrap().to_string())
        .collect()
}

/// (input, message) of the report's errors.
pub fn errors(report: &Value) -> Vec<(String, String)> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["input"].as_str().unwrap().to_string(),
                e["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

pub fn journal_urls(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join("results.jsonl")).unwrap_or_default();
    text.lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["scanned"] == Value::Bool(true))
        .map(|v| v["url"].as_str().unwrap().to_string())
        .collect()
}
