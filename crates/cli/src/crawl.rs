//! `portalscan crawl` and `portalscan demo`: crawl in Chromium, then write the reports from
//! the pages found (the same report formats as `scan`).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use portalscan_core::report::coverage::{Coverage, Gap};
use portalscan_crawl::chromium::ChromiumVisitor;
use portalscan_crawl::{ConfigFile, CrawlConfig, JournalEntry, Overrides, Progress, Style};

use crate::args::{CrawlArgs, DemoArgs, ReportFormat};
use crate::formats;
use crate::gate::GateOptions;
use crate::inputs::InputError;
use crate::pages::{self, ScannedPage};
use crate::report::{Report, exit};

pub fn run_crawl(args: &CrawlArgs) -> i32 {
    let config = match load_config(args.config.as_deref(), args.overrides.clone()) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("portalscan: {e}");
            return exit::ERROR;
        }
    };
    // Before Chromium starts or anything is written: a login that cannot log in.
    if let Err(e) = config.check_environment(|name| std::env::var(name).ok()) {
        let file = args.config.as_deref().map(Path::display);
        match file {
            Some(file) => eprintln!("portalscan: {file}: {e}"),
            None => eprintln!("portalscan: {e}"),
        }
        return exit::ERROR;
    }
    let gate = match gate_options(&args.gate, &config, args.config.as_deref()) {
        Ok(gate) => gate,
        Err(e) => {
            eprintln!("portalscan: {e}");
            return exit::ERROR;
        }
    };
    crawl_and_report(&config, &args.formats, &gate, args.all)
}

/// The flags' gate with the config's `[thresholds]` under it: a `--threshold` for the same
/// rule wins. A threshold for a rule that does not exist is an error naming the file.
fn gate_options(
    flags: &GateOptions,
    config: &CrawlConfig,
    path: Option<&Path>,
) -> Result<GateOptions, String> {
    let mut gate = flags.clone();
    for (rule, &count) in &config.thresholds {
        if flags.thresholds.contains_key(rule) {
            continue;
        }
        gate.set_threshold(rule, count).map_err(|e| {
            let file = path.map(|p| p.display().to_string()).unwrap_or_default();
            format!("{file}: [thresholds]: {}", e.0)
        })?;
    }
    Ok(gate)
}

/// Reads the config file (if any) and puts the flags over it.
fn load_config(path: Option<&Path>, overrides: Overrides) -> Result<CrawlConfig, String> {
    let (file, base) = match path {
        Some(path) => (
            ConfigFile::load(path)?,
            path.parent().map(Path::to_path_buf).unwrap_or_default(),
        ),
        None => (ConfigFile::default(), PathBuf::from(".")),
    };
    file.resolve(overrides, &base)
}

/// Serves the fixture portal on loopback and crawls it.
pub fn run_demo(args: &DemoArgs) -> i32 {
    let Some(options) = demo_portal() else {
        eprintln!(
            "portalscan: demo: this portalscan was built without the fixture portal \
             (fixtures/portal/dist was not built). In a checkout of the repository run \
             `npm ci && npm run build:portal` (or scripts/setup.sh), then build portalscan \
             again (`cargo install --path crates/cli --force`, or `cargo run -p portalscan -- demo`)"
        );
        return exit::ERROR;
    };
    let server = match portalscan_portal_fixture::start(options) {
        Ok(server) => server,
        Err(e) => {
            eprintln!("portalscan: demo: cannot start the fixture portal: {e}");
            return exit::ERROR;
        }
    };
    let mut overrides = args.overrides.clone();
    overrides.seeds = vec![format!("{}/s/home", server.url())];
    let mut config = match ConfigFile::default().resolve(overrides, Path::new(".")) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("portalscan: demo: {e}");
            return exit::ERROR;
        }
    };
    // The portal's logout ends the session on the server: Back after logout is checked.
    config.logout_url = Some(format!("{}/s/logout", server.url()));
    eprintln!(
        "portalscan: demo: fixture portal at {}/s/home",
        server.url()
    );
    let code = crawl_and_report(&config, &args.formats, &args.gate, args.all);
    drop(server);
    code
}

/// The portal built into this binary (so the demo runs from any directory and from an
/// installed binary); without one, the repository's `fixtures/portal` in the working
/// directory, if it is built there.
fn demo_portal() -> Option<portalscan_portal_fixture::ServerOptions> {
    use portalscan_portal_fixture::ServerOptions;
    ServerOptions::embedded().or_else(|| {
        let root = PathBuf::from("fixtures/portal");
        root.join("dist").is_dir().then(|| ServerOptions::new(root))
    })
}

fn crawl_and_report(
    config: &CrawlConfig,
    formats: &[ReportFormat],
    gate: &GateOptions,
    all: bool,
) -> i32 {
    let started = Instant::now();
    // A baseline that cannot be read is found before a long crawl, not after it.
    if let Some(path) = &gate.baseline
        && let Err(e) = crate::gate::Baseline::load(path)
    {
        eprintln!("portalscan: {e}");
        return exit::ERROR;
    }
    // JUnit lists rules that passed as passed testcases, so it needs the passes.
    let passes_known = all || formats.contains(&ReportFormat::Junit);
    // The crawl runs the same scan the static `scan` command does.
    let key = pages::fingerprint_key();
    let scan = |snapshot: &portalscan_core::Snapshot| {
        pages::findings(snapshot, passes_known, &key, config.max_findings_per_rule)
    };
    let visitor = match ChromiumVisitor::from_config(config) {
        Ok(visitor) => visitor,
        Err(e) => {
            eprintln!("portalscan: {e}");
            return exit::ERROR;
        }
    };
    let mut progress = Progress::new(Style::for_stderr());
    let (entries, fatal) = match portalscan_crawl::crawl(config, &visitor, &scan, &mut progress) {
        Ok(outcome) => (outcome.pages, None),
        Err(e) => {
            // Keep what was found: the journal has every finished page.
            let journal = config.output_dir.join(portalscan_crawl::journal::FILE_NAME);
            let mut pages: Vec<JournalEntry> = portalscan_crawl::journal::read_all(&journal)
                .unwrap_or_default()
                .into_iter()
                .filter(|p| p.scanned && config.shard.owns(&p.url))
                .collect();
            pages.sort_by_key(|p| p.order);
            (pages, Some(e.0))
        }
    };
    let mut report = report_from(&entries, all, passes_known);
    let crawled = report.pages.len() + report.errors.len();
    for e in &report.errors {
        eprintln!("portalscan: {e}");
    }
    if let Some(message) = fatal {
        eprintln!("portalscan: {message}");
        report.errors.push(InputError::new("crawl", message));
    }
    crate::gate::apply(&mut report, gate);
    crate::report::warn_truncated(&report);
    if let Err(code) = write_reports(&report, formats, &config.output_dir) {
        return code;
    }
    if let Err(e) = crate::gate::write_baseline_if_asked(&report, gate) {
        eprintln!("portalscan: {e}");
        return exit::ERROR;
    }
    let code = crate::gate::exit_status(&report, gate);
    let counts = report.counts();
    eprintln!(
        "portalscan: crawled {} page(s) in {:.1} s: {} fail, {} review, {} error(s); reports in {}",
        crawled,
        started.elapsed().as_secs_f64(),
        counts.fail,
        counts.review,
        report.errors.len(),
        config.output_dir.display()
    );
    code
}

/// The report of crawled pages: a page with an error is an error entry (naming its URL).
fn report_from(entries: &[JournalEntry], include_passes: bool, passes_known: bool) -> Report {
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for entry in entries {
        match &entry.error {
            Some(message) => errors.push(InputError::new(
                entry.url.clone(),
                without_url(message, &entry.url),
            )),
            None => pages.push(ScannedPage {
                input: entry.url.clone(),
                url: entry.url.clone(),
                artifact: entry.url.clone(),
                findings: entry.findings.clone(),
                truncated: entry.truncated.clone(),
                baselined: Vec::new(),
                extra: page_extra(entry),
            }),
        }
    }
    Report {
        pages,
        errors,
        include_passes,
        passes_known,
        baseline: None,
        gate: None,
    }
}

/// A page error's message without the page's URL in front (the error names the page
/// already: `http://…/s/: http://…/s/: net::ERR_CONNECTION_REFUSED` said it twice).
fn without_url<'m>(message: &'m str, url: &str) -> &'m str {
    let redacted = portalscan_core::phi::redact_url(url);
    [url, redacted.as_str()]
        .iter()
        .find_map(|u| message.strip_prefix(u)?.strip_prefix(": "))
        .unwrap_or(message)
}

/// The JSON report's additions to a crawled page's `pages[]` entry: `warnings`, the facts
/// the browser could not give there (already redacted), when there are any.
fn page_extra(entry: &JournalEntry) -> serde_json::Map<String, serde_json::Value> {
    let mut extra = serde_json::Map::new();
    if !entry.warnings.is_empty() {
        extra.insert("warnings".into(), serde_json::json!(entry.warnings));
    }
    // `pages[].coverage`: the snapshot's gaps and each browser step that failed (its
    // fact was unknown to the rules). A journal from before coverage leaves it out.
    if let Some(gaps) = &entry.coverage {
        let mut gaps = gaps.clone();
        gaps.extend(
            entry
                .warnings
                .iter()
                .map(|w| Gap::new("browser_step", w.as_str())),
        );
        extra.insert("coverage".into(), Coverage::from_gaps(gaps).to_value());
    }
    extra
}

/// The file each format is written to in the output directory.
pub fn report_file(format: ReportFormat) -> &'static str {
    match format {
        ReportFormat::Json => "report.json",
        ReportFormat::Sarif => "report.sarif",
        ReportFormat::Junit => "report.junit.xml",
        ReportFormat::Text => "report.txt",
        ReportFormat::Html => "report.html",
        ReportFormat::Summary => "summary.txt",
    }
}

fn write_reports(report: &Report, formats: &[ReportFormat], dir: &Path) -> Result<(), i32> {
    for &format in formats {
        let rendered = crate::render(report, format, false);
        let path = dir.join(report_file(format));
        if let Err(e) = std::fs::write(&path, rendered) {
            eprintln!(
                "portalscan: {}",
                InputError::io(path.display().to_string(), "cannot write", &e)
            );
            return Err(exit::ERROR);
        }
    }
    // The text report on standard output too, as `scan` prints it.
    if formats.contains(&ReportFormat::Text) {
        let colors = formats::text::Colors::for_terminal(std::io::stdout().is_terminal());
        let _ = crate::write_output(None, &formats::text::render(report, colors));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_errors_name_the_url_once() {
        let url = "http://127.0.0.1:4000/s/";
        assert_eq!(
            without_url(&format!("{url}: net::ERR_CONNECTION_REFUSED"), url),
            "net::ERR_CONNECTION_REFUSED"
        );
        assert_eq!(without_url("HTTP 404", url), "HTTP 404");
        // A URL that is not the page's stays: it says where the page went.
        let other = "http://127.0.0.1:4000/s/x: timed out";
        assert_eq!(without_url(other, url), other);
        let phi = "http://p.example/s/chart?mrn=00123456";
        let said = format!("{}: HTTP 500", portalscan_core::phi::redact_url(phi));
        assert_eq!(without_url(&said, phi), "HTTP 500");
    }
}
