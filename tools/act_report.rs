//! Writes `docs/act-conformance.md` from a run of the W3C ACT test suite.
//! Usage: `PORTALSCAN_ACT_DIR=/path/to/act cargo run -p portalscan-tests --bin act-report`.

use std::process::ExitCode;

use portalscan_tests::act::{Suite, run_suite};
use portalscan_tests::act_report::{render, report_path};

fn main() -> ExitCode {
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
    let report = render(&suite, &run_suite(&suite));
    let path = report_path();
    if let Err(e) = std::fs::write(&path, report) {
        eprintln!("act-report: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {}", path.display());
    ExitCode::SUCCESS
}
