//! The `portalscan` command: scan pages and snapshots, write snapshots, list rules.

mod args;
mod crawl;
mod formats;
mod gate;
mod har_session;
mod inputs;
mod loader;
mod merge;
mod pages;
mod report;

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::Path;

use args::{Command, GroupBy, MergeArgs, ReportFormat, RulesArgs, ScanArgs, SnapshotArgs};
use inputs::{Input, InputError, InputKind};
use report::{Report, exit};

fn main() {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    std::process::exit(run(args));
}

fn run(args: Vec<OsString>) -> i32 {
    use clap::error::ErrorKind;
    let command = match args::parse(args.clone()) {
        Ok(command) => command,
        // `--help`, `help <command>`, `--version`: on standard output, exit 0.
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = write_output(None, &e.render().to_string());
            return exit::CLEAN;
        }
        // No command at all: the overview, as a usage error.
        Err(e) if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", e.render());
            return exit::ERROR;
        }
        Err(e) => {
            eprint!("{}", args::usage_error(&e, &args));
            return exit::ERROR;
        }
    };
    match command {
        Command::Completions(shell) => match write_output(None, &args::completions(shell)) {
            Ok(()) => exit::CLEAN,
            Err(code) => code,
        },
        Command::Scan(scan) => run_scan(&scan),
        Command::Merge(merge) => run_merge(&merge),
        Command::Snapshot(snapshot) => run_snapshot(&snapshot),
        Command::Rules(rules) => run_rules(&rules),
        Command::Crawl(args) => crawl::run_crawl(&args),
        Command::Demo(args) => crawl::run_demo(&args),
    }
}

fn report_error(error: &InputError) {
    eprintln!("portalscan: {error}");
}

fn run_scan(args: &ScanArgs) -> i32 {
    let (inputs, mut errors) = inputs::expand(&args.inputs);
    // JUnit lists rules that passed as passed testcases, so it needs the passes.
    let passes_known = args.all || args.format == ReportFormat::Junit;
    let key = pages::fingerprint_key();
    let har = match args.har.as_deref().map(har_session::load).transpose() {
        Ok(har) => har,
        Err(e) => {
            report_error(&e);
            return exit::ERROR;
        }
    };
    let slds = match pages::Slds::resolve(args.slds.as_deref()) {
        Ok(slds) => slds,
        Err(e) => {
            report_error(&e);
            return exit::ERROR;
        }
    };
    // Said once on standard error, however many components lack it (each page's
    // `warnings` says it too).
    let mut no_slds_said = false;
    let mut pages = Vec::new();
    // `--har` alone: the session's pages.
    if let Some(har) = har.as_ref().filter(|_| args.inputs.is_empty()) {
        match har_session::scan_session(har, passes_known, &key, args.max_findings_per_rule) {
            Ok(scanned) => pages = scanned,
            Err(e) => errors.push(e),
        }
    }
    for input in &inputs {
        match pages::load_noting(input, &slds) {
            Ok((mut snapshot, note)) => {
                if let Some(har) = &har {
                    match har_session::facts_for(har, input, &snapshot, args.url.as_deref()) {
                        Ok(facts) => portalscan_core::har::apply(&mut snapshot, facts),
                        Err(e) => {
                            errors.push(e);
                            continue;
                        }
                    }
                }
                let mut page = pages::scan_page(
                    input,
                    &snapshot,
                    passes_known,
                    &key,
                    args.max_findings_per_rule,
                );
                // Scanned, but said: an empty file is more often a mistake than a page.
                if let Some(note) = note {
                    if note != pages::NO_SLDS_NOTE || !std::mem::replace(&mut no_slds_said, true) {
                        eprintln!("portalscan: {}: {note}", input.label());
                    }
                    page.extra
                        .insert("warnings".into(), serde_json::json!([note]));
                }
                pages.push(page);
            }
            Err(e) => errors.push(e),
        }
    }
    if inputs.is_empty() && errors.is_empty() && har.is_none() {
        errors.push(InputError::new(
            args.inputs
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" "),
            "no *.html, *.htm or *.snapshot.json files found",
        ));
    }
    for e in &errors {
        report_error(e);
    }
    let report = Report {
        pages,
        errors,
        include_passes: args.all,
        passes_known,
        baseline: None,
        gate: None,
    };
    finish(
        report,
        args.format,
        args.output.as_deref(),
        &args.gate,
        args.group_by,
    )
}

fn run_merge(args: &MergeArgs) -> i32 {
    let report = merge::merge(&args.reports, args.all);
    for e in &report.errors {
        report_error(e);
    }
    finish(
        report,
        args.format,
        args.output.as_deref(),
        &args.gate,
        args.group_by,
    )
}

/// The end every report-writing command shares (`scan`, `merge`, `crawl`): the gate
/// (baseline, thresholds), the report in the asked format, `--write-baseline`, the exit status.
pub fn finish(
    mut report: Report,
    format: ReportFormat,
    output: Option<&Path>,
    gate_options: &gate::GateOptions,
    group_by: GroupBy,
) -> i32 {
    gate::apply(&mut report, gate_options);
    report::warn_truncated(&report);
    let rendered = match format {
        ReportFormat::Text if group_by == GroupBy::Component => {
            let to_terminal = output.is_none() && std::io::stdout().is_terminal();
            formats::text::render_by_component(
                &report,
                formats::text::Colors::for_terminal(to_terminal),
            )
        }
        _ => render(&report, format, output.is_none()),
    };
    if let Err(code) = write_output(output, &rendered) {
        return code;
    }
    if let Err(e) = gate::write_baseline_if_asked(&report, gate_options) {
        report_error(&e);
        return exit::ERROR;
    }
    gate::exit_status(&report, gate_options)
}

/// The report in one format; `to_stdout` decides whether text may be coloured.
pub fn render(report: &Report, format: ReportFormat, to_stdout: bool) -> String {
    match format {
        ReportFormat::Text => {
            let to_terminal = to_stdout && std::io::stdout().is_terminal();
            formats::text::render(report, formats::text::Colors::for_terminal(to_terminal))
        }
        ReportFormat::Json => formats::json::render(report),
        ReportFormat::Sarif => formats::sarif::render(report),
        ReportFormat::Junit => formats::junit::render(report),
        ReportFormat::Html => formats::html::render(report),
        ReportFormat::Summary => {
            let to_terminal = to_stdout && std::io::stdout().is_terminal();
            formats::summary::render(report, formats::text::Colors::for_terminal(to_terminal))
        }
    }
}

fn run_snapshot(args: &SnapshotArgs) -> i32 {
    let input = if args.input.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File {
            path: args.input.clone(),
            kind: InputKind::Html,
        }
    };
    let loaded = pages::Slds::resolve(None).and_then(|slds| pages::load(&input, &slds));
    let mut snapshot = match loaded {
        Ok(snapshot) => snapshot,
        Err(e) => {
            report_error(&e);
            return exit::ERROR;
        }
    };
    // A snapshot keeps the page's text and values unmasked (it must, to be scanned
    // again): marked, written owner-only, and said.
    snapshot.contains_phi = Some(true);
    let mut json = match serde_json::to_string_pretty(&snapshot) {
        Ok(json) => json,
        Err(e) => {
            report_error(&InputError::new(
                input.label(),
                format!("cannot write snapshot: {e}"),
            ));
            return exit::ERROR;
        }
    };
    json.push('\n');
    let written = match args.output.as_deref() {
        Some(path) => write_file(path, &json, true),
        None => write_output(None, &json),
    };
    if let Err(code) = written {
        return code;
    }
    let place = match args.output.as_deref() {
        Some(path) => format!("{} (readable by its owner only)", path.display()),
        None => "standard output".to_string(),
    };
    eprintln!(
        "portalscan: the snapshot holds the page's text and values unmasked, PHI included; \
         keep it as you keep the page (written to {place})"
    );
    exit::CLEAN
}

fn run_rules(args: &RulesArgs) -> i32 {
    let rendered = formats::rules::render(args.format);
    match write_output(args.output.as_deref(), &rendered) {
        Ok(()) => exit::CLEAN,
        Err(code) => code,
    }
}

/// Writes `text` to `path`, creating missing folders; `private` files are readable by
/// their owner only (0600 on unix), also when they existed before.
pub(crate) fn write_file(path: &Path, text: &str, private: bool) -> Result<(), i32> {
    let written = (|| {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(0o600);
            // `mode` applies to a new file only.
            if path.exists() {
                std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
            }
        }
        #[cfg(not(unix))]
        let _ = private;
        options.open(path)?.write_all(text.as_bytes())
    })();
    written.map_err(|e| {
        report_error(&InputError::io(
            path.display().to_string(),
            "cannot write",
            &e,
        ));
        exit::ERROR
    })
}

/// Writes to the file (missing folders created), or to standard output. A closed pipe
/// (`| head`) is not an error.
pub(crate) fn write_output(path: Option<&Path>, text: &str) -> Result<(), i32> {
    match path {
        Some(path) => write_file(path, text, false),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => {
                    report_error(&InputError::io("standard output", "cannot write", &e));
                    Err(exit::ERROR)
                }
            }
        }
    }
}
