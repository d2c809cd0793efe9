//! The command line, parsed by `clap` (derive): each command has its own `--help`, a
//! mistyped flag or command gets a suggestion (`--jbos` → `--jobs`), and `portalscan
//! completions <shell>` prints shell completions (`clap_complete`). What the commands
//! run with is the plain structs below ([`ScanArgs`], …), built from clap's after the
//! checks clap cannot express (one page with `--har`, `--threshold RULE=N`).
//!
//! A usage error is one line (`portalscan: …`, with clap's suggestion), the command's
//! usage line and a hint, on standard error, exit status 2 ([`usage_error`]).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::gate::GateOptions;
use portalscan_crawl::{Overrides, Screenshots, Shard};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Sarif,
    Junit,
    Html,
    /// Per-rule counts, worst pages, errors: what a crawl prints on the terminal.
    Summary,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Markdown,
    Json,
}

/// How the text report groups findings (`--group-by`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, ValueEnum)]
pub enum GroupBy {
    /// Each rule with its criteria and fix, then its findings
    #[default]
    Rule,
    /// The Lightning component around each element (`c-*`, `lightning-*`)
    Component,
}

/// The least severe outcome that makes the exit status 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, ValueEnum)]
pub enum FailOn {
    #[default]
    Fail,
    Review,
    Never,
}

impl FailOn {
    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Fail => "fail",
            FailOn::Review => "review",
            FailOn::Never => "never",
        }
    }
}

#[derive(Debug)]
pub struct ScanArgs {
    pub inputs: Vec<PathBuf>,
    pub format: ReportFormat,
    pub output: Option<PathBuf>,
    /// `--fail-on`, `--threshold`, `--baseline`, `--write-baseline`.
    pub gate: GateOptions,
    /// Also list `pass` findings (and baselined ones).
    pub all: bool,
    /// A HAR file: the session recorded while the pages were loaded.
    pub har: Option<PathBuf>,
    /// With `--har`: the URL of the HAR page the one page file shows.
    pub url: Option<String>,
    /// How the text report groups findings.
    pub group_by: GroupBy,
    /// `--slds PATH`: the SLDS stylesheet component templates are styled with.
    pub slds: Option<PathBuf>,
    /// Findings of one rule and outcome a page lists (`None`: all); the rest are counted.
    pub max_findings_per_rule: Option<usize>,
}

#[derive(Debug)]
pub struct MergeArgs {
    pub reports: Vec<PathBuf>,
    pub format: ReportFormat,
    pub output: Option<PathBuf>,
    pub gate: GateOptions,
    pub all: bool,
    pub group_by: GroupBy,
}

#[derive(Debug)]
pub struct SnapshotArgs {
    pub input: PathBuf,
    pub output: Option<PathBuf>,
}

#[derive(Debug)]
pub struct RulesArgs {
    pub format: RulesFormat,
    pub output: Option<PathBuf>,
}

#[derive(Debug)]
pub struct CrawlArgs {
    pub config: Option<PathBuf>,
    /// Flags over the config file (seeds are the positional URLs).
    pub overrides: Overrides,
    /// Report files to write into the output directory.
    pub formats: Vec<ReportFormat>,
    /// `--fail-on`, `--threshold`, `--baseline`, `--write-baseline` (thresholds from the
    /// config's `[thresholds]` are added when the config is read; a flag wins).
    pub gate: GateOptions,
    pub all: bool,
}

#[derive(Debug)]
pub struct DemoArgs {
    pub overrides: Overrides,
    pub formats: Vec<ReportFormat>,
    pub gate: GateOptions,
    pub all: bool,
}

/// What `crawl` and `demo` write by default: every format.
pub const ALL_FORMATS: [ReportFormat; 5] = [
    ReportFormat::Json,
    ReportFormat::Sarif,
    ReportFormat::Junit,
    ReportFormat::Text,
    ReportFormat::Html,
];

#[derive(Debug)]
pub enum Command {
    Scan(ScanArgs),
    Merge(MergeArgs),
    Crawl(CrawlArgs),
    Demo(DemoArgs),
    Snapshot(SnapshotArgs),
    Rules(RulesArgs),
    Completions(clap_complete::Shell),
}

/// A usage error: the message, and the command it is about (for its usage line).
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

const AFTER_HELP: &str = "\
Examples:
  portalscan scan site/ --format html --output report.html
  portalscan scan page.html --write-baseline portalscan-baseline.json
  portalscan crawl https://portal.example.com/s/ --config portalscan.toml
  portalscan merge shard-*.json --format sarif --output portal.sarif
  portalscan demo

PHI evidence is fingerprinted with PORTALSCAN_FINGERPRINT_KEY, or a random key per run.
Exit status: 0 nothing reached --fail-on, 1 something did, 2 usage or input error.
Each command has its own help: portalscan <command> --help.";

/// portalscan: WCAG 2.2 AA and PHI-exposure checks for Salesforce Experience Cloud portals.
#[derive(Debug, Parser)]
#[command(
    name = "portalscan",
    version,
    after_help = AFTER_HELP,
    subcommand_required = true,
    arg_required_else_help = true
)]
struct Cli {
    #[command(subcommand)]
    command: Cli2,
}

#[derive(Debug, Subcommand)]
enum Cli2 {
    /// Scan HTML pages and saved snapshots (no browser)
    #[command(after_help = "\
Directories are walked for *.html, *.htm and *.snapshot.json files, in sorted order; `-`
reads HTML from standard input (once). An empty file is scanned, with a note.
With --write-baseline the run accepts its findings: it exits 0 unless an input or the
write fails.")]
    Scan(ScanCli),
    /// Join JSON reports (shards, runs) into one report in any format
    Merge(MergeCli),
    /// Write the static snapshot of a page as JSON (it holds the page's PHI unmasked)
    Snapshot(SnapshotCli),
    /// List the rules
    Rules(RulesCli),
    /// Crawl a live portal in headless Chromium
    #[command(after_help = "\
Writes report.json, report.sarif, report.junit.xml, report.txt and report.html (every
--format asked) and the page journal results.jsonl to the output directory (default
portalscan-report), and prints the text report. Chromium: --chrome, $CHROME or the usual
places. Scan a saved folder with `portalscan scan DIR` instead of crawling file:// URLs.")]
    Crawl(CrawlCli),
    /// Serve the bundled fixture portal on 127.0.0.1 and crawl it
    Demo(DemoCli),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// `--fail-on`, `--threshold`, `--baseline`, `--write-baseline`: `scan`, `merge`, `crawl`.
#[derive(Debug, Args)]
struct GateCli {
    /// The least severe outcome that makes the exit status 1
    #[arg(long, value_enum, value_name = "OUTCOME", default_value_t = FailOn::Fail)]
    fail_on: FailOn,
    /// A rule fails the run only with more than N findings (repeatable)
    #[arg(long, value_name = "RULE=N")]
    threshold: Vec<String>,
    /// Findings whose fingerprint is in FILE (a baseline or JSON report) are accepted
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write this run's fail and review fingerprints as a baseline (the run then exits 0)
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Fail (exit 1) when a page could not be fully evaluated (see pages[].coverage)
    #[arg(long)]
    fail_on_gaps: bool,
}

impl GateCli {
    fn into_options(self) -> Result<GateOptions, UsageError> {
        let mut gate = GateOptions {
            fail_on: self.fail_on,
            baseline: self.baseline,
            write_baseline: self.write_baseline,
            fail_on_gaps: self.fail_on_gaps,
            ..GateOptions::default()
        };
        for spec in &self.threshold {
            gate.add_threshold(spec)?;
        }
        Ok(gate)
    }
}

#[derive(Debug, Args)]
struct ScanCli {
    /// HTML files, directories, snapshot JSON files, or - (standard input); none with
    /// --har scans every page the HAR recorded
    #[arg(required_unless_present = "har", value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Write the report to FILE (missing folders are created) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    gate: GateCli,
    /// Also list pass findings (and count them)
    #[arg(long)]
    all: bool,
    /// A HAR file of the session: alone, every HTML page in it is scanned; with one page
    /// file, that page gets the headers, cookies and requests of its HAR page
    #[arg(long, value_name = "FILE")]
    har: Option<PathBuf>,
    /// With --har and a page file: the URL of the HAR page the file shows (otherwise the
    /// page whose body is the file)
    #[arg(long, value_name = "URL", requires = "har")]
    url: Option<String>,
    /// Group the text report by rule or by the Lightning component around each element
    #[arg(long, value_enum, value_name = "BY", default_value_t = GroupBy::Rule)]
    group_by: GroupBy,
    /// The SLDS stylesheet (salesforce-lightning-design-system.css) that styles component
    /// templates' slds-* classes and base components [default: PORTALSCAN_SLDS, else
    /// @salesforce-ux/design-system in node_modules]
    #[arg(long, value_name = "PATH")]
    slds: Option<PathBuf>,
    /// List at most N findings of one rule and outcome per page and count the rest, with a
    /// warning (0: list all) [default: 500]
    #[arg(long, value_name = "N", value_parser = at_least::<0, usize>)]
    max_findings_per_rule: Option<usize>,
}

#[derive(Debug, Args)]
struct MergeCli {
    /// JSON reports (portalscan scan/crawl --format json)
    #[arg(required = true, value_name = "REPORT")]
    reports: Vec<PathBuf>,
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Json)]
    format: ReportFormat,
    /// Write the report to FILE (missing folders are created) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Also list pass findings (and count them)
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    gate: GateCli,
    /// Group the text report by rule or by the Lightning component around each element
    #[arg(long, value_enum, value_name = "BY", default_value_t = GroupBy::Rule)]
    group_by: GroupBy,
}

#[derive(Debug, Args)]
struct SnapshotCli {
    /// The HTML page, or - (standard input)
    #[arg(value_name = "PAGE")]
    input: PathBuf,
    /// Write to FILE (owner-only; missing folders are created) instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct RulesCli {
    #[arg(short, long, value_enum, default_value_t = RulesFormat::Text)]
    format: RulesFormat,
    /// Write to FILE instead of standard output
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Flags `crawl` and `demo` share: reports, browser, screenshots.
#[derive(Debug, Args)]
struct BrowserCli {
    /// Where the reports and results.jsonl go [default: portalscan-report]
    #[arg(short, long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Report files to write, comma-separated [default: every one]
    #[arg(short, long, value_enum, value_name = "FORMATS", value_delimiter = ',')]
    format: Vec<FileFormat>,
    /// Also list pass findings (and count them)
    #[arg(long)]
    all: bool,
    /// Tabs in parallel [default: cores, at most 4]
    #[arg(short, long, value_name = "N", value_parser = at_least::<1, usize>)]
    jobs: Option<usize>,
    /// Chromium to run [default: $CHROME or the usual places]
    #[arg(long, value_name = "PATH")]
    chrome: Option<PathBuf>,
    /// Seconds a page may take [default: 30]
    #[arg(long, value_name = "SECS", value_parser = at_least::<1, u64>)]
    timeout: Option<u64>,
    /// Retries of a page that failed [default: 1]
    #[arg(long, value_name = "N", value_parser = at_least::<0, u32>)]
    retries: Option<u32>,
    /// Skip the live keyboard walk
    #[arg(long)]
    no_tab_walk: bool,
    /// Crops of failing elements: masked (default; on a page with PHI only the element's
    /// own text and label are readable), unmasked (clinical text readable: the
    /// screenshots carry PHI), off
    #[arg(long, value_enum, value_name = "MODE")]
    screenshots: Option<ScreenshotsCli>,
    /// No screenshots (--screenshots off)
    #[arg(long, conflicts_with = "screenshots")]
    no_screenshots: bool,
    /// List at most N findings of one rule and outcome per page and count the rest, with a
    /// warning (0: list all) [default: 500]
    #[arg(long, value_name = "N", value_parser = at_least::<0, usize>)]
    max_findings_per_rule: Option<usize>,
}

/// The report files a crawl writes (`summary` is for the terminal).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum FileFormat {
    Json,
    Sarif,
    Junit,
    Text,
    Html,
}

impl From<FileFormat> for ReportFormat {
    fn from(f: FileFormat) -> ReportFormat {
        match f {
            FileFormat::Json => ReportFormat::Json,
            FileFormat::Sarif => ReportFormat::Sarif,
            FileFormat::Junit => ReportFormat::Junit,
            FileFormat::Text => ReportFormat::Text,
            FileFormat::Html => ReportFormat::Html,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ScreenshotsCli {
    Masked,
    Unmasked,
    Off,
}

#[derive(Debug, Args)]
struct CrawlCli {
    /// Seed URLs (http or https)
    #[arg(value_name = "URL")]
    seeds: Vec<String>,
    /// A portalscan.toml (flags override it)
    #[arg(short, long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    browser: BrowserCli,
    #[command(flatten)]
    gate: GateCli,
    /// At most N pages [default: 500]
    #[arg(long, value_name = "N", value_parser = at_least::<1, usize>)]
    max_pages: Option<usize>,
    /// At most N links from a seed [default: 10]
    #[arg(long, value_name = "N", value_parser = at_least::<0, u32>)]
    max_depth: Option<u32>,
    /// Stop after SECS seconds
    #[arg(long, value_name = "SECS", value_parser = at_least::<1, u64>)]
    max_time: Option<u64>,
    /// Scan only shard i of n (1-based), e.g. 2/4
    #[arg(long, value_name = "i/n", value_parser = |s: &str| Shard::parse(s))]
    shard: Option<Shard>,
    /// Continue a killed crawl from DIR/results.jsonl
    #[arg(long)]
    resume: bool,
    /// A Playwright storageState JSON applied before the crawl
    #[arg(long, value_name = "FILE")]
    storage_state: Option<PathBuf>,
    /// Do not read /sitemap.xml
    #[arg(long)]
    no_sitemap: bool,
}

#[derive(Debug, Args)]
struct DemoCli {
    #[command(flatten)]
    browser: BrowserCli,
    #[command(flatten)]
    gate: GateCli,
}

/// A whole number of at least `MIN` (clap names the flag and the value in the error).
fn at_least<const MIN: u64, T: TryFrom<u64>>(value: &str) -> Result<T, String> {
    match value.trim().parse::<u64>() {
        Ok(n) if n >= MIN => T::try_from(n).map_err(|_| format!("{n} is too large")),
        _ => Err(format!("expected a whole number of at least {MIN}")),
    }
}

impl BrowserCli {
    /// The shared flags into the crawl's overrides; the formats (every one by default).
    fn apply(self, o: &mut Overrides) -> Vec<ReportFormat> {
        o.output_dir = self.output_dir;
        o.chrome = self.chrome;
        o.jobs = self.jobs;
        o.timeout_secs = self.timeout;
        o.retries = self.retries;
        o.max_findings_per_rule = self.max_findings_per_rule;
        if self.no_tab_walk {
            o.tab_walk = Some(false);
        }
        o.screenshots = match (self.no_screenshots, self.screenshots) {
            (true, _) | (_, Some(ScreenshotsCli::Off)) => Some(Screenshots::Off),
            (_, Some(ScreenshotsCli::Masked)) => Some(Screenshots::Masked),
            (_, Some(ScreenshotsCli::Unmasked)) => Some(Screenshots::Unmasked),
            (false, None) => None,
        };
        let mut formats: Vec<ReportFormat> = Vec::new();
        for f in self.format.into_iter().map(ReportFormat::from) {
            if !formats.contains(&f) {
                formats.push(f);
            }
        }
        if formats.is_empty() {
            formats = ALL_FORMATS.to_vec();
        }
        formats
    }
}

/// Parses the arguments (without the program name). Help and version are clap's
/// `DisplayHelp`/`DisplayVersion` errors, printed by the caller with exit status 0.
pub fn parse(args: Vec<OsString>) -> Result<Command, clap::Error> {
    let argv = std::iter::once(OsString::from("portalscan")).chain(args.iter().cloned());
    let cli = Cli::try_parse_from(argv)?;
    convert(cli.command).map_err(|UsageError(message)| {
        // Our own checks, worded like clap's, with the command's usage.
        let name = subcommand_name(&args);
        let mut cmd = Cli::command();
        let sub = match name.as_deref() {
            Some(name) => cmd.find_subcommand_mut(name).cloned(),
            None => None,
        };
        match sub {
            Some(sub) => sub
                .bin_name(format!("portalscan {}", name.unwrap_or_default()))
                .error(clap::error::ErrorKind::ValueValidation, message),
            None => cmd.error(clap::error::ErrorKind::ValueValidation, message),
        }
    })
}

fn convert(command: Cli2) -> Result<Command, UsageError> {
    Ok(match command {
        Cli2::Scan(s) => {
            if s.har.is_some() && s.inputs.len() > 1 {
                return Err(UsageError(
                    "--har with page files takes one page (or none, to scan every page in the HAR)"
                        .into(),
                ));
            }
            if s.url.is_some() && s.inputs.len() != 1 {
                return Err(UsageError(
                    "--url names the HAR page of one page file; give exactly one page with it"
                        .into(),
                ));
            }
            if s.inputs.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
                return Err(UsageError(
                    "- (standard input) can be read only once; give it once".into(),
                ));
            }
            Command::Scan(ScanArgs {
                inputs: s.inputs,
                format: s.format,
                output: s.output,
                gate: s.gate.into_options()?,
                all: s.all,
                har: s.har,
                url: s.url,
                group_by: s.group_by,
                slds: s.slds,
                max_findings_per_rule: portalscan_core::report::bounds::limit(
                    s.max_findings_per_rule,
                ),
            })
        }
        Cli2::Merge(m) => Command::Merge(MergeArgs {
            reports: m.reports,
            format: m.format,
            output: m.output,
            gate: m.gate.into_options()?,
            all: m.all,
            group_by: m.group_by,
        }),
        Cli2::Snapshot(s) => Command::Snapshot(SnapshotArgs {
            input: s.input,
            output: s.output,
        }),
        Cli2::Rules(r) => Command::Rules(RulesArgs {
            format: r.format,
            output: r.output,
        }),
        Cli2::Crawl(c) => {
            if c.seeds.is_empty() && c.config.is_none() {
                return Err(UsageError(
                    "give at least one URL, or a --config with seeds".into(),
                ));
            }
            if let Some(seed) = c.seeds.iter().find(|s| is_file_url(s)) {
                return Err(UsageError(format!(
                    "'{}': crawl visits http(s) portals; scan the folder instead (portalscan scan DIR)",
                    portalscan_core::phi::redact_url(seed)
                )));
            }
            let mut o = Overrides {
                seeds: c.seeds,
                max_pages: c.max_pages,
                max_depth: c.max_depth,
                max_time_secs: c.max_time,
                shard: c.shard,
                resume: c.resume,
                storage_state: c.storage_state,
                ..Overrides::default()
            };
            if c.no_sitemap {
                o.sitemap = Some(false);
            }
            let all = c.browser.all;
            let formats = c.browser.apply(&mut o);
            Command::Crawl(CrawlArgs {
                config: c.config,
                overrides: o,
                formats,
                gate: c.gate.into_options()?,
                all,
            })
        }
        Cli2::Demo(d) => {
            let mut o = Overrides::default();
            let all = d.browser.all;
            let formats = d.browser.apply(&mut o);
            Command::Demo(DemoArgs {
                overrides: o,
                formats,
                gate: d.gate.into_options()?,
                all,
            })
        }
        Cli2::Completions { shell } => Command::Completions(shell),
    })
}

fn is_file_url(seed: &str) -> bool {
    seed.get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("file:"))
}

/// The subcommand the arguments name, if any (for its usage line in errors).
fn subcommand_name(args: &[OsString]) -> Option<String> {
    let cmd = Cli::command();
    args.iter()
        .filter_map(|a| a.to_str())
        .find(|a| !a.starts_with('-'))
        .filter(|a| cmd.find_subcommand(a).is_some())
        .map(str::to_string)
}

/// A usage error as printed on standard error: one line (`portalscan: …`, clap's
/// suggestion or possible values after it), the usage line, and where the help is.
pub fn usage_error(error: &clap::Error, args: &[OsString]) -> String {
    let rendered = error.render().to_string();
    let mut message = String::new();
    let mut usage = String::new();
    for line in rendered.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(m) = line.strip_prefix("error: ") {
            message = m.to_string();
        } else if let Some(u) = line.strip_prefix("Usage: ") {
            usage = u.to_string();
        } else if let Some(tip) = line.strip_prefix("tip: ") {
            message = format!("{message} ({tip})");
        } else if line.starts_with('[') {
            // "[possible values: text, json, …]"
            message = format!("{message} {line}");
        } else if !line.starts_with("For more information") && usage.is_empty() {
            message = format!("{message} {line}");
        }
    }
    if usage.is_empty() {
        // Clap leaves it out of some errors (an invalid value): the command's own.
        let mut cmd = Cli::command();
        cmd.build();
        let sub = subcommand_name(args).and_then(|n| cmd.find_subcommand_mut(&n).cloned());
        let rendered = match sub {
            Some(mut sub) => sub.render_usage().to_string(),
            None => cmd.render_usage().to_string(),
        };
        usage = rendered.trim().trim_start_matches("Usage: ").to_string();
    }
    let help = match subcommand_name(args) {
        Some(name) => format!("portalscan {name} --help"),
        None => "portalscan --help".into(),
    };
    format!("portalscan: {message}\nusage: {usage}\nhint: see '{help}' for every option\n")
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> String {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "portalscan", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(args: &[&str]) -> Result<Command, clap::Error> {
        parse(args.iter().map(OsString::from).collect())
    }

    fn error(args: &[&str]) -> String {
        let args: Vec<OsString> = args.iter().map(OsString::from).collect();
        usage_error(&parse(args.clone()).unwrap_err(), &args)
    }

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn scan_defaults_and_flags() {
        let Command::Scan(s) = parse_str(&["scan", "a.html", "-"]).unwrap() else {
            panic!("not scan")
        };
        assert_eq!(s.format, ReportFormat::Text);
        assert_eq!(s.gate.fail_on, FailOn::Fail);
        assert!(!s.all);
        assert_eq!(s.inputs, vec![PathBuf::from("a.html"), PathBuf::from("-")]);

        let Command::Scan(s) = parse_str(&[
            "scan",
            "--format=sarif",
            "dir",
            "--fail-on",
            "review",
            "--all",
            "-o",
            "out.sarif",
        ])
        .unwrap() else {
            panic!("not scan")
        };
        assert_eq!(s.format, ReportFormat::Sarif);
        assert_eq!(s.gate.fail_on, FailOn::Review);
        assert!(s.all);
        assert_eq!(s.output, Some(PathBuf::from("out.sarif")));
    }

    #[test]
    fn usage_errors_are_one_line_with_the_usage_and_a_hint() {
        let err = error(&["scan", "a.html", "--format", "nope"]);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert!(
            lines[0].starts_with("portalscan: ") && lines[0].contains("'nope'"),
            "{err}"
        );
        assert!(lines[0].contains("sarif"), "{err}");
        assert!(lines[1].starts_with("usage: portalscan scan "), "{err}");
        assert_eq!(
            lines[2],
            "hint: see 'portalscan scan --help' for every option"
        );

        assert!(error(&["scan"]).contains("<INPUT>"), "{}", error(&["scan"]));
        assert!(error(&["scan", "a", "--format"]).contains("--format"));
        assert!(error(&["scan", "a", "--all=1"]).contains("--all"));
        assert!(parse_str(&["frobnicate"]).is_err());
        assert!(parse_str(&[]).is_err());
    }

    #[test]
    fn typos_get_a_suggestion() {
        let err = error(&["crawl", "http://x/", "--jbos", "2"]);
        assert!(
            err.contains("'--jbos'") && err.contains("'--jobs'"),
            "{err}"
        );
        assert!(err.lines().next().unwrap().contains("--jobs"), "{err}");
        let err = error(&["sacn", "a.html"]);
        assert!(err.contains("'scan'"), "{err}");
    }

    #[test]
    fn help_and_version_are_not_usage_errors() {
        for args in [&["--help"][..], &["scan", "--help"], &["help", "crawl"]] {
            let e = parse_str(args).unwrap_err();
            assert_eq!(e.kind(), clap::error::ErrorKind::DisplayHelp, "{args:?}");
        }
        let scan_help = parse_str(&["scan", "--help"]).unwrap_err().to_string();
        assert!(scan_help.contains("--har"), "{scan_help}");
        assert!(!scan_help.contains("--max-pages"), "{scan_help}");
        let crawl_help = parse_str(&["crawl", "--help"]).unwrap_err().to_string();
        assert!(crawl_help.contains("report.html"), "{crawl_help}");
        assert_eq!(
            parse_str(&["--version"]).unwrap_err().kind(),
            clap::error::ErrorKind::DisplayVersion
        );
    }

    #[test]
    fn crawl_flags() {
        let Command::Crawl(c) = parse_str(&[
            "crawl",
            "http://127.0.0.1:8080/s/home",
            "--max-pages=20",
            "--jobs",
            "2",
            "--shard",
            "2/3",
            "--format",
            "json,sarif",
            "--resume",
            "--timeout",
            "15",
            "--threshold",
            "target-size=3",
            "--baseline",
            "b.json",
            "--write-baseline=new.json",
            "--fail-on",
            "review",
            "--screenshots",
            "unmasked",
        ])
        .unwrap() else {
            panic!("not crawl")
        };
        assert_eq!(c.gate.thresholds["target-size"], 3);
        assert_eq!(c.gate.baseline, Some(PathBuf::from("b.json")));
        assert_eq!(c.gate.write_baseline, Some(PathBuf::from("new.json")));
        assert_eq!(c.gate.fail_on, FailOn::Review);
        assert_eq!(c.overrides.seeds, ["http://127.0.0.1:8080/s/home"]);
        assert_eq!(c.overrides.max_pages, Some(20));
        assert_eq!(c.overrides.jobs, Some(2));
        assert_eq!(c.overrides.shard, Some(Shard { index: 2, count: 3 }));
        assert_eq!(c.overrides.timeout_secs, Some(15));
        assert_eq!(c.overrides.screenshots, Some(Screenshots::Unmasked));
        assert!(c.overrides.resume);
        assert_eq!(c.formats, [ReportFormat::Json, ReportFormat::Sarif]);
        let Command::Demo(d) = parse_str(&["demo", "-o", "out", "--no-screenshots"]).unwrap()
        else {
            panic!("not demo")
        };
        assert_eq!(d.overrides.output_dir, Some(PathBuf::from("out")));
        assert_eq!(d.overrides.screenshots, Some(Screenshots::Off));
        assert_eq!(d.formats, ALL_FORMATS);
    }

    #[test]
    fn crawl_usage_errors() {
        for (args, needle) in [
            (&["crawl"][..], "at least one URL"),
            (&["crawl", "http://x/", "--jobs", "0"], "at least 1"),
            (&["crawl", "http://x/", "--max-pages", "ten"], "'ten'"),
            (&["crawl", "http://x/", "--shard", "4/3"], "shard"),
            (&["crawl", "http://x/", "--format", "pdf"], "'pdf'"),
            (&["crawl", "http://x/", "--frobnicate"], "'--frobnicate'"),
            (&["crawl", "http://x/", "--resume=yes"], "--resume"),
            (
                &["crawl", "http://x/", "--threshold", "nope=1"],
                "unknown rule",
            ),
            (&["crawl", "file:///tmp/site/"], "scan the folder instead"),
            (
                &[
                    "crawl",
                    "http://x/",
                    "--screenshots",
                    "off",
                    "--no-screenshots",
                ],
                "--no-screenshots",
            ),
            (&["demo", "http://x/"], "'http://x/'"),
            (&["demo", "--shard", "1/2"], "'--shard'"),
            (&["scan", "-", "-"], "only once"),
            (&["scan", "a.html", "b.html", "--har", "x.har"], "--har"),
        ] {
            let err = error(args);
            assert!(err.contains(needle), "{args:?}: {err}");
            assert!(err.starts_with("portalscan: "), "{args:?}: {err}");
        }
    }

    #[test]
    fn double_dash_ends_options() {
        let Command::Scan(s) = parse_str(&["scan", "--", "--all"]).unwrap() else {
            panic!("not scan")
        };
        assert_eq!(s.inputs, vec![PathBuf::from("--all")]);
        assert!(!s.all);
    }

    #[test]
    fn completions_for_every_shell() {
        let Command::Completions(shell) = parse_str(&["completions", "bash"]).unwrap() else {
            panic!("not completions")
        };
        let script = completions(shell);
        assert!(script.contains("portalscan") && script.contains("--write-baseline"));
        assert!(parse_str(&["completions", "tcsh"]).is_err());
    }
}
