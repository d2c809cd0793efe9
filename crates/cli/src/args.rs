//! Command-line parsing, by hand: three subcommands with a handful of flags do not need a
//! parser crate, and keeping the CLI's dependency tree small keeps CI builds short on the
//! 2-core machines (clap would add ~10 crates and its proc-macro build).

use std::ffi::OsString;
use std::path::PathBuf;

use crate::gate::GateOptions;
use portalscan_crawl::{Overrides, Shard};

pub const USAGE: &str = "\
usage:
  portalscan scan <file|dir|snapshot.json|->... [--format text|json|sarif|junit|html|summary]
                  [--output FILE] [--fail-on fail|review|never] [--all] [--har FILE]
                  [--baseline FILE] [--write-baseline FILE] [--threshold RULE=N]...
  portalscan merge <report.json>... [--format json|text|sarif|junit|html|summary]
                   [--output FILE] [--all] [--fail-on ...] [--baseline FILE] [--threshold RULE=N]...
  portalscan snapshot <file.html> [--output page.snapshot.json]
  portalscan rules [--format text|markdown|json]
  portalscan crawl <url>... [--config portalscan.toml] [--output-dir DIR]
                  [--format json,sarif,junit,text,html] [--fail-on fail|review|never] [--all]
                  [--baseline FILE] [--write-baseline FILE] [--threshold RULE=N]...
                  [--max-pages N] [--max-depth N] [--max-time SECS] [--jobs N]
                  [--timeout SECS] [--retries N] [--shard i/n] [--resume]
                  [--storage-state FILE] [--chrome PATH] [--no-sitemap] [--no-tab-walk]
                  [--no-screenshots]
  portalscan demo [--output-dir DIR] [--format ...] [--jobs N] [--chrome PATH]
  portalscan --help | --version

Directories are walked for *.html, *.htm and *.snapshot.json files; `-` reads HTML from
standard input. --har adds what a browser session recorded (HAR 1.2 from DevTools or
Playwright: response headers, requests, cookies) to the one page scanned. PHI evidence is
fingerprinted with PORTALSCAN_FINGERPRINT_KEY, or a random key per run.
crawl visits pages in headless Chromium (--chrome, $CHROME or the usual places), stays in
the seeds' origin and directory, appends each page to DIR/results.jsonl and writes the
reports (report.json, report.sarif, report.junit.xml, report.txt) to DIR
(default portalscan-report). demo serves the bundled fixture portal on 127.0.0.1 and
crawls it.
Exit status: 0 nothing reached --fail-on, 1 something did, 2 usage or input error.";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    Text,
    Json,
    Sarif,
    Junit,
    Html,
    /// Per-rule counts, worst pages, errors: what a crawl prints on the terminal.
    Summary,
}

impl ReportFormat {
    pub fn parse(value: &str) -> Result<ReportFormat, UsageError> {
        one_of(
            "--format",
            value,
            &[
                ("text", ReportFormat::Text),
                ("json", ReportFormat::Json),
                ("sarif", ReportFormat::Sarif),
                ("junit", ReportFormat::Junit),
                ("html", ReportFormat::Html),
                ("summary", ReportFormat::Summary),
            ],
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RulesFormat {
    Text,
    Markdown,
    Json,
}

/// The least severe outcome that makes the exit status 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
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

    pub fn parse(value: &str) -> Result<FailOn, UsageError> {
        one_of(
            "--fail-on",
            value,
            &[
                ("fail", FailOn::Fail),
                ("review", FailOn::Review),
                ("never", FailOn::Never),
            ],
        )
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
    /// A HAR file recorded while the (single) page was loaded.
    pub har: Option<PathBuf>,
}

#[derive(Debug)]
pub struct MergeArgs {
    pub reports: Vec<PathBuf>,
    pub format: ReportFormat,
    pub output: Option<PathBuf>,
    pub gate: GateOptions,
    pub all: bool,
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
    Help,
    Version,
}

/// A usage error: the message to print before the usage text.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError(pub String);

/// Splits `--flag=value` and `--flag value`; everything else is positional.
pub(crate) struct ArgIter {
    args: std::vec::IntoIter<OsString>,
    pending_value: Option<OsString>,
    options_ended: bool,
}

enum Arg {
    Flag(String),
    Positional(OsString),
}

impl ArgIter {
    fn new(args: Vec<OsString>) -> ArgIter {
        ArgIter {
            args: args.into_iter(),
            pending_value: None,
            options_ended: false,
        }
    }

    fn next_arg(&mut self) -> Result<Option<Arg>, UsageError> {
        if let Some(v) = self.pending_value.take() {
            return Err(UsageError(format!(
                "unexpected value {}",
                v.to_string_lossy()
            )));
        }
        let Some(arg) = self.args.next() else {
            return Ok(None);
        };
        if self.options_ended {
            return Ok(Some(Arg::Positional(arg)));
        }
        let Some(text) = arg.to_str() else {
            return Ok(Some(Arg::Positional(arg)));
        };
        if text == "--" {
            self.options_ended = true;
            return self.next_arg();
        }
        if text.starts_with("--") {
            if let Some((flag, value)) = text.split_once('=') {
                self.pending_value = Some(OsString::from(value));
                return Ok(Some(Arg::Flag(flag.to_string())));
            }
            return Ok(Some(Arg::Flag(text.to_string())));
        }
        if text.starts_with('-') && text != "-" {
            return Ok(Some(Arg::Flag(text.to_string())));
        }
        Ok(Some(Arg::Positional(arg)))
    }

    fn value(&mut self, flag: &str) -> Result<OsString, UsageError> {
        if let Some(v) = self.pending_value.take() {
            return Ok(v);
        }
        self.args
            .next()
            .ok_or_else(|| UsageError(format!("{flag} needs a value")))
    }

    fn text_value(&mut self, flag: &str) -> Result<String, UsageError> {
        self.value(flag)?
            .into_string()
            .map_err(|v| UsageError(format!("{flag}: invalid value {}", v.to_string_lossy())))
    }

    /// For flags that take no value: `--all=yes` is an error.
    fn no_value(&mut self, flag: &str) -> Result<(), UsageError> {
        match self.pending_value.take() {
            Some(_) => Err(UsageError(format!("{flag} takes no value"))),
            None => Ok(()),
        }
    }
}

fn one_of<T: Copy>(flag: &str, value: &str, choices: &[(&str, T)]) -> Result<T, UsageError> {
    choices
        .iter()
        .find(|(name, _)| *name == value)
        .map(|(_, v)| *v)
        .ok_or_else(|| {
            let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
            UsageError(format!(
                "{flag}: unknown value '{value}' (expected one of: {})",
                names.join(", ")
            ))
        })
}

pub fn parse(args: Vec<OsString>) -> Result<Command, UsageError> {
    let mut it = ArgIter::new(args);
    let Some(first) = it.next_arg()? else {
        return Err(UsageError("no command given".into()));
    };
    match first {
        Arg::Flag(f) if f == "--help" || f == "-h" => Ok(Command::Help),
        Arg::Flag(f) if f == "--version" || f == "-V" => Ok(Command::Version),
        Arg::Flag(f) => Err(UsageError(format!("unknown option {f}"))),
        Arg::Positional(cmd) => match cmd.to_str() {
            Some("scan") => parse_scan(it),
            Some("merge") => parse_merge(it),
            Some("snapshot") => parse_snapshot(it),
            Some("rules") => parse_rules(it),
            Some("crawl") => parse_crawl(it, false),
            Some("demo") => parse_crawl(it, true),
            Some("help") => Ok(Command::Help),
            _ => Err(UsageError(format!(
                "unknown command '{}'",
                cmd.to_string_lossy()
            ))),
        },
    }
}

fn parse_scan(mut it: ArgIter) -> Result<Command, UsageError> {
    let mut scan = ScanArgs {
        inputs: Vec::new(),
        format: ReportFormat::Text,
        output: None,
        gate: GateOptions::default(),
        all: false,
        har: None,
    };
    while let Some(arg) = it.next_arg()? {
        match arg {
            Arg::Positional(p) => scan.inputs.push(PathBuf::from(p)),
            Arg::Flag(f) => match f.as_str() {
                "--format" | "-f" => scan.format = ReportFormat::parse(&it.text_value(&f)?)?,
                "--output" | "-o" => scan.output = Some(PathBuf::from(it.value(&f)?)),
                _ if gate_flag(&mut it, &f, &mut scan.gate)? => {}
                "--all" => {
                    it.no_value(&f)?;
                    scan.all = true;
                }
                "--har" => scan.har = Some(PathBuf::from(it.value(&f)?)),
                "--help" | "-h" => return Ok(Command::Help),
                _ => return Err(UsageError(format!("scan: unknown option {f}"))),
            },
        }
    }
    if scan.inputs.is_empty() {
        return Err(UsageError(
            "scan: give at least one file, directory or - (standard input)".into(),
        ));
    }
    if scan.har.is_some() && scan.inputs.len() != 1 {
        return Err(UsageError(
            "scan: --har records one page; give exactly one page with it".into(),
        ));
    }
    Ok(Command::Scan(scan))
}

/// The gate's flags, shared by `scan`, `crawl` and `merge`: `--fail-on`, `--threshold
/// RULE=N` (repeatable), `--baseline FILE`, `--write-baseline FILE`. Returns whether `flag`
/// was one of them (its value is then taken).
pub(crate) fn gate_flag(
    it: &mut ArgIter,
    flag: &str,
    gate: &mut GateOptions,
) -> Result<bool, UsageError> {
    match flag {
        "--fail-on" => gate.fail_on = FailOn::parse(&it.text_value(flag)?)?,
        "--threshold" => gate.add_threshold(&it.text_value(flag)?)?,
        "--baseline" => gate.baseline = Some(PathBuf::from(it.value(flag)?)),
        "--write-baseline" => gate.write_baseline = Some(PathBuf::from(it.value(flag)?)),
        _ => return Ok(false),
    }
    Ok(true)
}

fn parse_merge(mut it: ArgIter) -> Result<Command, UsageError> {
    let mut merge = MergeArgs {
        reports: Vec::new(),
        format: ReportFormat::Json,
        output: None,
        gate: GateOptions::default(),
        all: false,
    };
    while let Some(arg) = it.next_arg()? {
        match arg {
            Arg::Positional(p) => merge.reports.push(PathBuf::from(p)),
            Arg::Flag(f) => match f.as_str() {
                "--format" | "-f" => merge.format = ReportFormat::parse(&it.text_value(&f)?)?,
                "--output" | "-o" => merge.output = Some(PathBuf::from(it.value(&f)?)),
                "--all" => {
                    it.no_value(&f)?;
                    merge.all = true;
                }
                _ if gate_flag(&mut it, &f, &mut merge.gate)? => {}
                "--help" | "-h" => return Ok(Command::Help),
                _ => return Err(UsageError(format!("merge: unknown option {f}"))),
            },
        }
    }
    if merge.reports.is_empty() {
        return Err(UsageError(
            "merge: give the JSON reports to merge (portalscan scan/crawl --format json)".into(),
        ));
    }
    Ok(Command::Merge(merge))
}

const FORMATS: [(&str, ReportFormat); 5] = [
    ("html", ReportFormat::Html),
    ("text", ReportFormat::Text),
    ("json", ReportFormat::Json),
    ("sarif", ReportFormat::Sarif),
    ("junit", ReportFormat::Junit),
];

/// A whole number for `flag`; `min` is the least allowed.
fn number<T: std::str::FromStr + PartialOrd + std::fmt::Display + Copy>(
    flag: &str,
    value: &str,
    min: T,
) -> Result<T, UsageError> {
    match value.trim().parse::<T>() {
        Ok(n) if n >= min => Ok(n),
        _ => Err(UsageError(format!(
            "{flag}: expected a whole number of at least {min}, got '{value}'"
        ))),
    }
}

/// `crawl` (and `demo`, which takes no URLs or config: it crawls the fixture portal).
fn parse_crawl(mut it: ArgIter, demo: bool) -> Result<Command, UsageError> {
    let name = if demo { "demo" } else { "crawl" };
    let mut config = None;
    let mut o = Overrides::default();
    let mut formats: Vec<ReportFormat> = Vec::new();
    let mut gate = GateOptions::default();
    let mut all = false;
    while let Some(arg) = it.next_arg()? {
        let f = match arg {
            Arg::Positional(p) if !demo => {
                let url = p.into_string().map_err(|p| {
                    UsageError(format!("crawl: not a URL: {}", p.to_string_lossy()))
                })?;
                o.seeds.push(url);
                continue;
            }
            Arg::Positional(p) => {
                return Err(UsageError(format!(
                    "demo: takes no arguments (got {})",
                    p.to_string_lossy()
                )));
            }
            Arg::Flag(f) => f,
        };
        match f.as_str() {
            "--format" | "-f" => {
                let v = it.text_value(&f)?;
                for one in v.split(',').filter(|s| !s.is_empty()) {
                    let format = one_of("--format", one.trim(), &FORMATS)?;
                    if !formats.contains(&format) {
                        formats.push(format);
                    }
                }
            }
            _ if gate_flag(&mut it, &f, &mut gate)? => {}
            "--output-dir" | "-o" => o.output_dir = Some(PathBuf::from(it.value(&f)?)),
            "--chrome" => o.chrome = Some(PathBuf::from(it.value(&f)?)),
            "--jobs" | "-j" => o.jobs = Some(number(&f, &it.text_value(&f)?, 1)?),
            "--max-pages" if !demo => o.max_pages = Some(number(&f, &it.text_value(&f)?, 1)?),
            "--max-depth" if !demo => o.max_depth = Some(number(&f, &it.text_value(&f)?, 0)?),
            "--max-time" if !demo => o.max_time_secs = Some(number(&f, &it.text_value(&f)?, 1)?),
            "--timeout" => o.timeout_secs = Some(number(&f, &it.text_value(&f)?, 1)?),
            "--retries" => o.retries = Some(number(&f, &it.text_value(&f)?, 0)?),
            "--shard" if !demo => {
                o.shard = Some(
                    Shard::parse(&it.text_value(&f)?)
                        .map_err(|e| UsageError(format!("--shard: {e}")))?,
                )
            }
            "--resume" if !demo => {
                it.no_value(&f)?;
                o.resume = true;
            }
            "--storage-state" if !demo => o.storage_state = Some(PathBuf::from(it.value(&f)?)),
            "--config" | "-c" if !demo => config = Some(PathBuf::from(it.value(&f)?)),
            "--no-sitemap" if !demo => {
                it.no_value(&f)?;
                o.sitemap = Some(false);
            }
            "--no-tab-walk" => {
                it.no_value(&f)?;
                o.tab_walk = Some(false);
            }
            "--no-screenshots" => {
                it.no_value(&f)?;
                o.screenshots = Some(false);
            }
            "--all" => {
                it.no_value(&f)?;
                all = true;
            }
            "--help" | "-h" => return Ok(Command::Help),
            _ => return Err(UsageError(format!("{name}: unknown option {f}"))),
        }
    }
    if formats.is_empty() {
        formats = ALL_FORMATS.to_vec();
    }
    if demo {
        return Ok(Command::Demo(DemoArgs {
            overrides: o,
            formats,
            gate,
        }));
    }
    if o.seeds.is_empty() && config.is_none() {
        return Err(UsageError(
            "crawl: give at least one URL, or a --config with seeds".into(),
        ));
    }
    Ok(Command::Crawl(CrawlArgs {
        config,
        overrides: o,
        formats,
        gate,
        all,
    }))
}

fn parse_snapshot(mut it: ArgIter) -> Result<Command, UsageError> {
    let mut input = None;
    let mut output = None;
    while let Some(arg) = it.next_arg()? {
        match arg {
            Arg::Positional(p) if input.is_none() => input = Some(PathBuf::from(p)),
            Arg::Positional(p) => {
                return Err(UsageError(format!(
                    "snapshot: takes one HTML file (got a second: {})",
                    p.to_string_lossy()
                )));
            }
            Arg::Flag(f) => match f.as_str() {
                "--output" | "-o" => output = Some(PathBuf::from(it.value(&f)?)),
                "--help" | "-h" => return Ok(Command::Help),
                _ => return Err(UsageError(format!("snapshot: unknown option {f}"))),
            },
        }
    }
    let input = input.ok_or_else(|| UsageError("snapshot: give one HTML file".into()))?;
    Ok(Command::Snapshot(SnapshotArgs { input, output }))
}

fn parse_rules(mut it: ArgIter) -> Result<Command, UsageError> {
    let mut rules = RulesArgs {
        format: RulesFormat::Text,
        output: None,
    };
    while let Some(arg) = it.next_arg()? {
        match arg {
            Arg::Positional(p) => {
                return Err(UsageError(format!(
                    "rules: unexpected argument {}",
                    p.to_string_lossy()
                )));
            }
            Arg::Flag(f) => match f.as_str() {
                "--format" | "-f" => {
                    let v = it.text_value(&f)?;
                    rules.format = one_of(
                        "--format",
                        &v,
                        &[
                            ("text", RulesFormat::Text),
                            ("markdown", RulesFormat::Markdown),
                            ("json", RulesFormat::Json),
                        ],
                    )?;
                }
                "--output" | "-o" => rules.output = Some(PathBuf::from(it.value(&f)?)),
                "--help" | "-h" => return Ok(Command::Help),
                _ => return Err(UsageError(format!("rules: unknown option {f}"))),
            },
        }
    }
    Ok(Command::Rules(rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(args: &[&str]) -> Result<Command, UsageError> {
        parse(args.iter().map(OsString::from).collect())
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
    fn usage_errors_name_the_problem() {
        let err = parse_str(&["scan", "a.html", "--format", "nope"]).unwrap_err();
        assert!(
            err.0.contains("'nope'") && err.0.contains("sarif"),
            "{}",
            err.0
        );
        assert!(parse_str(&["scan"]).unwrap_err().0.contains("at least one"));
        assert!(
            parse_str(&["scan", "a", "--format"])
                .unwrap_err()
                .0
                .contains("needs a value")
        );
        assert!(parse_str(&["scan", "a", "--all=1"]).is_err());
        assert!(parse_str(&["frobnicate"]).is_err());
        assert!(parse_str(&[]).is_err());
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
        assert!(c.overrides.resume);
        assert_eq!(c.formats, [ReportFormat::Json, ReportFormat::Sarif]);
        let Command::Demo(d) = parse_str(&["demo", "-o", "out"]).unwrap() else {
            panic!("not demo")
        };
        assert_eq!(d.overrides.output_dir, Some(PathBuf::from("out")));
        assert_eq!(d.formats, ALL_FORMATS);
    }

    #[test]
    fn crawl_usage_errors() {
        for (args, needle) in [
            (&["crawl"][..], "at least one URL"),
            (&["crawl", "http://x/", "--jobs", "0"], "--jobs: expected"),
            (&["crawl", "http://x/", "--max-pages", "ten"], "'ten'"),
            (&["crawl", "http://x/", "--shard", "4/3"], "--shard"),
            (&["crawl", "http://x/", "--format", "pdf"], "'pdf'"),
            (
                &["crawl", "http://x/", "--frobnicate"],
                "unknown option --frobnicate",
            ),
            (&["crawl", "http://x/", "--resume=yes"], "takes no value"),
            (
                &["crawl", "http://x/", "--threshold", "nope=1"],
                "unknown rule",
            ),
            (&["demo", "http://x/"], "takes no arguments"),
            (&["demo", "--shard", "1/2"], "unknown option --shard"),
        ] {
            let err = parse_str(args).unwrap_err();
            assert!(err.0.contains(needle), "{args:?}: {}", err.0);
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
}
