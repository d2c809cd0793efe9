//! Writes `docs/act-conformance.md` from a run of the W3C ACT test suite, or with
//! `--chromium` `docs/act-chromium.md` from a crawl of every case in headless Chromium.
//! Usage: `PORTALSCAN_ACT_DIR=/path/to/act cargo run -p portalscan-tests --bin act-report [-- --chromium]`.

use std::process::ExitCode;

use portalscan_tests::act::{Suite, case_result, run_suite, run_suite_with};
use portalscan_tests::act_chromium::{case_url, crawl_cases, serve};
use portalscan_tests::act_report::{Front, chromium_report_path, render, render_for, report_path};

fn main() -> ExitCode {
    let chromium = match std::env::args().nth(1).as_deref() {
        None => false,
        Some("--chromium") => true,
        Some(other) => {
            eprintln!("act-report: unknown argument {other} (usage: act-report [--chromium])");
            return ExitCode::from(2);
        }
    };
    let Some(dir) = portalscan_tests::act_dir() else {
        eprintln!(
            "act-report: the W3C ACT suite was not found (set PORTALSCAN_ACT_DIR, or place it at ../shared/act)"
        );
        return ExitCode::FAILURE;
    };
    let suite = match Suite::load(&dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("act-report: {e}");
            return ExitCode::FAILURE;
        }
    };
    let (report, path) = if chromium {
        match chromium_report(&suite, &dir) {
            Ok(report) => (report, chromium_report_path()),
            Err(e) => {
                eprintln!("act-report: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        (render(&suite, &run_suite(&suite)), report_path())
    };
    if let Err(e) = std::fs::write(&path, report) {
        eprintln!("act-report: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {}", path.display());
    ExitCode::SUCCESS
}

/// Crawls every case in Chromium, then judges each ACT rule by its cases' findings.
fn chromium_report(suite: &Suite, dir: &std::path::Path) -> Result<String, String> {
    let origin = serve(dir).map_err(|e| format!("cannot serve the suite on 127.0.0.1: {e}"))?;
    let cases: Vec<_> = suite.cases.iter().collect();
    eprintln!(
        "act-report: crawling {} test cases in Chromium",
        cases.len()
    );
    let started = std::time::Instant::now();
    let crawled = crawl_cases(suite, &origin, &cases)?;
    let (findings, errors) = (&crawled.findings, &crawled.errors);
    let results = run_suite_with(suite, |case, rules| {
        findings
            .get(&case_url(&origin, case))
            .map(|found| case_result(case, found, rules))
    });
    let chrome = std::process::Command::new(
        std::env::var("CHROME").unwrap_or_else(|_| "/usr/bin/chromium".into()),
    )
    .arg("--version")
    .output()
    .ok()
    .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
    .unwrap_or_else(|| "Chromium".into());
    let measured = format!(
        "Measured {} with {chrome}: {} cases crawled in {:.0} s (2 tabs); {} could not be \
         visited{}",
        utc_now(),
        findings.len(),
        started.elapsed().as_secs_f64(),
        errors.len(),
        if errors.is_empty() {
            ".".to_string()
        } else {
            format!(" (counted as missing): {}", errors.join("; "))
        }
    );
    Ok(render_for(
        Front::Chromium {
            measured: &measured,
        },
        suite,
        &results,
    ))
}

/// The date and hour, UTC, from the system clock (no date crate needed for one line).
fn utc_now() -> String {
    std::process::Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default()
}
