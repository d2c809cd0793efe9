//! End to end, in real Chromium: `portalscan crawl` over the fixture portal
//! (fixtures/portal, served by crates/portal-fixture) gives exactly the findings
//! `fixtures/portal/expected.json` lists, page by page — every planted problem, no
//! look-alike, nothing else — and never goes to the out-of-scope origin the pages link to.
//!
//! Chromium is required: without it this test fails (CI installs it in .ci/run); it never
//! skips.

#[path = "common/chrome.rs"]
mod chrome;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use chrome::chrome;
use portalscan_portal_fixture::{ServerOptions, Sessions, start, start_outside};
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Manifest {
    #[allow(dead_code)]
    about: String,
    pages: BTreeMap<String, Vec<Expectation>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expectation {
    rule: String,
    outcome: String,
    selector: String,
    #[allow(dead_code)]
    why: String,
}

/// What a finding is compared on: page path, rule, outcome, selector.
type Key = (String, String, String, String);

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The page a finding's URL belongs to: its path, without origin or query.
fn page_path(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = rest.find('/').map_or("/", |i| &rest[i..]);
    path.split(['?', '#']).next().unwrap_or(path).to_string()
}

fn manifest() -> Manifest {
    let path = repo_root().join("fixtures/portal/expected.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Counts of each key (findings can repeat: two pixels, two cookies).
fn count(keys: impl IntoIterator<Item = Key>) -> BTreeMap<Key, usize> {
    let mut counts = BTreeMap::new();
    for key in keys {
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

fn show(key: &Key) -> String {
    format!("{} {} {} at `{}`", key.0, key.1, key.2, key.3)
}

/// Compares the report with the manifest: every expected fail/review reported as many
/// times as listed and nothing else; every listed pass reported when passes are in the
/// report. Returns one line per difference.
fn compare(report: &Value, manifest: &Manifest, with_passes: bool) -> Vec<String> {
    let findings = report["findings"].as_array().expect("report.findings");
    let key_of = |f: &Value| -> Key {
        (
            page_path(f["url"].as_str().unwrap_or("")),
            f["rule"].as_str().unwrap_or("").to_string(),
            f["outcome"].as_str().unwrap_or("").to_string(),
            f["selector"].as_str().unwrap_or("").to_string(),
        )
    };
    let reported = count(
        findings
            .iter()
            .map(key_of)
            .filter(|k| k.2 == "fail" || k.2 == "review"),
    );
    let passes = count(findings.iter().map(key_of).filter(|k| k.2 == "pass"));
    let expected = count(manifest.pages.iter().flat_map(|(page, list)| {
        list.iter().filter(|e| e.outcome != "pass").map(move |e| {
            (
                page.clone(),
                e.rule.clone(),
                e.outcome.clone(),
                e.selector.clone(),
            )
        })
    }));
    let mut problems = Vec::new();
    for (key, n) in &expected {
        let got = reported.get(key).copied().unwrap_or(0);
        if got < *n {
            problems.push(format!("missing ({got} of {n}): {}", show(key)));
        }
    }
    for (key, n) in &reported {
        let want = expected.get(key).copied().unwrap_or(0);
        if *n > want {
            let message = findings
                .iter()
                .find(|f| key_of(f) == *key)
                .and_then(|f| f["message"].as_str())
                .unwrap_or("");
            problems.push(format!(
                "unexpected ({n}, expected {want}): {} — {message}",
                show(key)
            ));
        }
    }
    if with_passes {
        for (page, list) in &manifest.pages {
            for e in list.iter().filter(|e| e.outcome == "pass") {
                let key = (
                    page.clone(),
                    e.rule.clone(),
                    "pass".into(),
                    e.selector.clone(),
                );
                if !passes.contains_key(&key) {
                    problems.push(format!("look-alike not passed: {}", show(&key)));
                }
            }
        }
    }
    // Every page in the manifest was crawled.
    let pages: Vec<String> = report["pages"]
        .as_array()
        .map(|p| {
            p.iter()
                .filter_map(|p| p["url"].as_str())
                .map(page_path)
                .collect()
        })
        .unwrap_or_default();
    for page in manifest.pages.keys() {
        if !pages.contains(page) {
            problems.push(format!("page not crawled: {page}"));
        }
    }
    problems
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("portalscan-crawl-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn crawl(origin: &str, jobs: usize, dir: &Path) -> (Value, String) {
    let config =
        format!("[scope]\nexclude = [\"*/logout*\"]\n\n[logout]\nurl = \"{origin}/s/logout\"\n");
    run_crawl(dir, &config, &[format!("{origin}/s/home")], jobs, &[])
}

/// `portalscan crawl SEEDS --config <config> --jobs N`, with `env` set; the JSON report
/// and standard error.
fn run_crawl(
    dir: &Path,
    config_text: &str,
    seeds: &[String],
    jobs: usize,
    env: &[(&str, &str)],
) -> (Value, String) {
    let config = dir.join("portalscan.toml");
    std::fs::write(&config, config_text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_portalscan"))
        .arg("crawl")
        .args(seeds)
        .arg("--config")
        .arg(&config)
        .envs(env.iter().copied())
        .arg("--chrome")
        .arg(chrome())
        .args(["--jobs", &jobs.to_string()])
        .args(["--format", "json", "--all", "--output-dir"])
        .arg(dir.join("out"))
        .output()
        .expect("portalscan runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let path = dir.join("out/report.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; exit {:?}\nstderr:\n{stderr}",
            path.display(),
            out.status.code()
        )
    });
    let report: Value = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e})\nstderr:\n{stderr}", path.display()));
    (report, stderr)
}

/// Per page, where the visit's time went, its attempts, warnings and coverage gaps (from the
/// journal and the report): what a failure needs to be understood on a machine we cannot
/// look at.
fn page_diagnostics(dir: &Path, report: &Value) -> String {
    let journal = std::fs::read_to_string(dir.join("out/results.jsonl")).unwrap_or_default();
    let mut lines = Vec::new();
    for entry in journal
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
    {
        let url = entry["url"].as_str().unwrap_or("");
        let gaps = report["pages"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|p| p["url"] == url)
            .map(|p| p["coverage"]["gaps"].clone())
            .unwrap_or(Value::Null);
        lines.push(format!(
            "  {url}: attempts {}, timings {}, warnings {}, gaps {gaps}",
            entry["attempts"], entry["timings"], entry["warnings"]
        ));
    }
    lines.join("\n")
}

/// Every frame is attached, the appointments page's payment frame from another site (an
/// out-of-process frame, captured over its own DevTools target) included: no page lists a
/// frame gap, and expected.json's findings inside that frame show its document was scanned.
fn assert_no_frame_gap(report: &Value) {
    let pages = report["pages"].as_array().expect("report.pages");
    for page in pages {
        let url = page["url"].as_str().unwrap_or("");
        let frames: Vec<&str> = page["coverage"]["gaps"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|g| g["what"] == "frame")
            .filter_map(|g| g["why"].as_str())
            .collect();
        assert!(frames.is_empty(), "{url}: {frames:?}");
    }
}

/// One crawl per tab count: each page is visited in a browser context of its own (the
/// profile cache home writes to localStorage is not seen on later pages, whichever tab
/// visits them), and Back after logout runs on the pages that show PHI.
#[test]
fn crawling_the_fixture_portal_gives_exactly_the_expected_findings() {
    let outside = start_outside().expect("out-of-scope origin starts");
    let mut opts = ServerOptions::new(repo_root().join("fixtures/portal"));
    opts.linked_origin = Some(outside.url());
    let server = start(opts).expect("the portal is built (npm ci && npm run build:portal)");
    for jobs in [2, 1] {
        let dir = scratch(&format!("portal-jobs{jobs}"));
        let (report, stderr) = crawl(&server.url(), jobs, &dir);
        let problems = compare(&report, &manifest(), true);
        assert!(
            problems.is_empty(),
            "with --jobs {jobs}, the crawl differs from fixtures/portal/expected.json:\n  {}\nstderr:\n{stderr}\npages:\n{}",
            problems.join("\n  "),
            page_diagnostics(&dir, &report)
        );
        assert_no_frame_gap(&report);
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(
        outside.requests().is_empty(),
        "the crawler went out of scope: {:?}",
        outside.requests()
    );
    // The records page really sent its pixel (and the MRN with it) to the other site.
    assert!(
        server
            .third_party_requests()
            .iter()
            .any(|r| r.referer.as_deref().is_some_and(|r| r.contains("c__mrn="))),
        "{:?}",
        server.third_party_requests()
    );
}

/// The session controls' rules.
const SESSION_RULES: &[&str] = &[
    "phi-guest-access",
    "session-survives-logout",
    "phi-storage-after-logout",
    "session-cookie-lifetime",
    "session-idle-timeout",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionManifests {
    #[allow(dead_code)]
    about: String,
    modes: BTreeMap<String, Manifest>,
}

/// The HIPAA session controls, in real Chromium, with a form login: the portal in its
/// strict mode (every control right) gives passes only where it should, and in its lax
/// mode (the session survives logout, storage is kept, a 30-day session cookie, no idle
/// logoff) each planted failure; in both, a PHI page a guest can open and a data request
/// that answers guests fail. Exactly `fixtures/portal/expected-sessions.json`, and the
/// password never appears in any output.
#[test]
fn session_controls_give_exactly_the_expected_findings() {
    const PASSWORD: &str = "Riverside-test-pw-7731";
    let path = repo_root().join("fixtures/portal/expected-sessions.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let manifests: SessionManifests =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let modes = [
        (
            "strict",
            Sessions::Strict {
                idle: std::time::Duration::from_secs(8),
            },
        ),
        ("lax", Sessions::Lax),
    ];
    for (name, mode) in modes {
        let mut opts = ServerOptions::new(repo_root().join("fixtures/portal"));
        opts.sessions = mode;
        let server = start(opts).expect("the portal is built (npm ci && npm run build:portal)");
        let origin = server.url();
        let dir = scratch(&format!("sessions-{name}"));
        let config = format!(
            "sitemap = false\nfollow_links = false\n\n[scope]\nexclude = [\"*/logout*\"]\n\n\
             [browser]\ntab_walk = false\n\n\
             [login]\nurl = \"{origin}/s/login\"\nusername_selector = \"#username\"\n\
             password_selector = \"#password\"\nsubmit_selector = \"#login-submit\"\n\
             username_env = \"PORTAL_TEST_USER\"\npassword_env = \"PORTAL_TEST_PASSWORD\"\n\
             success_url_contains = \"/s/home\"\n\n\
             [logout]\nurl = \"{origin}/s/logout\"\n\n\
             [session]\nidle_timeout_secs = 9\ncheck_idle = true\n"
        );
        let seeds: Vec<String> = ["home", "records", "visit-summary", "guest-records"]
            .iter()
            .map(|p| format!("{origin}/s/{p}"))
            .collect();
        let (mut report, stderr) = run_crawl(
            &dir,
            &config,
            &seeds,
            1,
            &[
                ("PORTAL_TEST_USER", "maria.alvarez@mail.example"),
                ("PORTAL_TEST_PASSWORD", PASSWORD),
            ],
        );
        let journal = std::fs::read_to_string(dir.join("out/results.jsonl")).unwrap_or_default();
        for (what, text) in [
            ("the report", report.to_string()),
            ("stderr", stderr.clone()),
            ("the journal", journal),
        ] {
            assert!(
                !text.contains(PASSWORD),
                "{name}: the password is in {what}"
            );
        }
        // Only the session controls' findings are compared here (the rest of each page is
        // expected.json's business).
        let findings = report["findings"].as_array_mut().expect("report.findings");
        findings.retain(|f| SESSION_RULES.contains(&f["rule"].as_str().unwrap_or("")));
        let problems = compare(&report, &manifests.modes[name], true);
        assert!(
            problems.is_empty(),
            "{name} sessions: the crawl differs from fixtures/portal/expected-sessions.json:\n  {}\nstderr:\n{stderr}",
            problems.join("\n  ")
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn the_comparison_catches_missing_and_unexpected_findings() {
    let manifest: Manifest = serde_json::from_str(
        r#"{"about":"","pages":{"/s/a":[
            {"rule":"r1","outcome":"fail","selector":"x","why":""},
            {"rule":"r1","outcome":"fail","selector":"x","why":""},
            {"rule":"r2","outcome":"pass","selector":"y","why":""}]}}"#,
    )
    .unwrap();
    let finding = |rule: &str, outcome: &str, sel: &str| serde_json::json!({"url":"http://127.0.0.1:1/s/a?q=1","rule":rule,"outcome":outcome,"selector":sel,"message":"m"});
    let pages = serde_json::json!([{"url":"http://127.0.0.1:1/s/a"}]);
    let exact = serde_json::json!({"findings":[finding("r1","fail","x"),finding("r1","fail","x"),finding("r2","pass","y")],"pages":pages});
    assert!(compare(&exact, &manifest, true).is_empty());
    let one_short = serde_json::json!({"findings":[finding("r1","fail","x"),finding("r2","pass","y"),finding("r3","review","z")],"pages":pages});
    let problems = compare(&one_short, &manifest, true);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("missing (1 of 2)"));
    assert!(problems[1].starts_with("unexpected"));
    let no_pass = serde_json::json!({"findings":[finding("r1","fail","x"),finding("r1","fail","x")],"pages":[]});
    let problems = compare(&no_pass, &manifest, true);
    assert_eq!(
        problems,
        vec![
            "look-alike not passed: /s/a r2 pass at `y`".to_string(),
            "page not crawled: /s/a".to_string()
        ]
    );
}
