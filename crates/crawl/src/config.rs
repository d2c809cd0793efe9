//! The crawl's settings: `portalscan.toml`, then command-line flags over it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::scope::{self, Pattern, Scope};
use crate::shard::Shard;

/// `portalscan.toml` as written. Every key is optional; unknown keys are errors (a typo must
/// not silently widen the crawl).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub seeds: Vec<String>,
    pub output_dir: Option<PathBuf>,
    /// Read `/sitemap.xml` of each seed origin (default true).
    pub sitemap: Option<bool>,
    /// Follow links found in pages (default true); false crawls seeds and sitemap only.
    pub follow_links: Option<bool>,
    /// A Playwright `storageState` JSON file applied before the crawl.
    pub storage_state: Option<PathBuf>,
    #[serde(default)]
    pub scope: ScopeSection,
    #[serde(default)]
    pub limits: LimitsSection,
    #[serde(default)]
    pub browser: BrowserSection,
    pub login: Option<FormLogin>,
    /// `[thresholds]`: rule id = how many findings it may have before it fails the run
    /// (the CLI's `--threshold RULE=N`, which wins for the same rule).
    #[serde(default)]
    pub thresholds: BTreeMap<String, usize>,
    pub logout: Option<LogoutSection>,
    #[serde(default)]
    pub session: SessionSection,
}

/// `[session]`: the limits of the HIPAA session controls (automatic logoff).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionSection {
    /// The idle limit: the longest a session cookie may live, and how long the idle
    /// check waits (default 900).
    pub idle_timeout_secs: Option<u64>,
    /// Leave one PHI page idle for `idle_timeout_secs`, then check it shows no PHI
    /// (default false: the wait is as long as the limit).
    pub check_idle: Option<bool>,
}

/// `[logout]`: where to log out for the Back-after-logout check.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogoutSection {
    pub url: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeSection {
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsSection {
    pub max_pages: Option<usize>,
    pub max_depth: Option<u32>,
    pub max_time_secs: Option<u64>,
    /// Findings of one rule and outcome a page lists; the rest are counted (0: no bound).
    pub max_findings_per_rule: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BrowserSection {
    pub chrome: Option<PathBuf>,
    pub jobs: Option<usize>,
    pub timeout_secs: Option<u64>,
    pub retries: Option<u32>,
    pub settle_ms: Option<u64>,
    pub tab_walk: Option<bool>,
    pub max_tab_presses: Option<u32>,
    /// Cropped screenshots of failing elements in the reports: `true` (default, masked),
    /// `false`, or `"masked"`, `"unmasked"`, `"off"` (see [`Screenshots`]).
    pub screenshots: Option<ScreenshotsSetting>,
}

/// Cropped screenshots of failing elements in the reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Screenshots {
    /// On a page that shows PHI, a crop shows only the element's own text and its labels
    /// (every other text hidden; PHI values masked everywhere).
    #[default]
    Masked,
    /// Only detected PHI values masked: clinical free text stays readable, so these
    /// screenshots carry PHI.
    Unmasked,
    Off,
}

impl Screenshots {
    /// The core's masking policy, or `None` when no screenshots are taken.
    pub fn policy(self) -> Option<portalscan_core::phi::screen::Policy> {
        use portalscan_core::phi::screen::Policy;
        match self {
            Screenshots::Masked => Some(Policy::HideText),
            Screenshots::Unmasked => Some(Policy::IdentifiersOnly),
            Screenshots::Off => None,
        }
    }
}

/// `screenshots` in the config: a switch (as before) or a mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum ScreenshotsSetting {
    Switch(bool),
    Mode(Screenshots),
}

impl From<ScreenshotsSetting> for Screenshots {
    fn from(s: ScreenshotsSetting) -> Screenshots {
        match s {
            ScreenshotsSetting::Switch(true) => Screenshots::Masked,
            ScreenshotsSetting::Switch(false) => Screenshots::Off,
            ScreenshotsSetting::Mode(mode) => mode,
        }
    }
}

/// A form login (`[login]`): defined beside the browser code that performs it.
pub use portalscan_browser::session::FormLogin;

/// Command-line flags, which override the file.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub seeds: Vec<String>,
    pub output_dir: Option<PathBuf>,
    pub chrome: Option<PathBuf>,
    pub shard: Option<Shard>,
    pub max_pages: Option<usize>,
    pub max_depth: Option<u32>,
    pub max_time_secs: Option<u64>,
    pub jobs: Option<usize>,
    pub timeout_secs: Option<u64>,
    pub retries: Option<u32>,
    pub resume: bool,
    pub storage_state: Option<PathBuf>,
    pub sitemap: Option<bool>,
    pub tab_walk: Option<bool>,
    pub screenshots: Option<Screenshots>,
    pub max_findings_per_rule: Option<usize>,
}

/// Everything a crawl needs, resolved and checked.
#[derive(Debug, Clone)]
pub struct CrawlConfig {
    /// Normalised seed URLs, in the order given.
    pub seeds: Vec<String>,
    pub scope: Scope,
    pub sitemap: bool,
    pub follow_links: bool,
    pub max_pages: usize,
    pub max_depth: u32,
    pub max_time: Option<Duration>,
    pub jobs: usize,
    pub timeout: Duration,
    pub retries: u32,
    pub settle: Duration,
    pub tab_walk: bool,
    pub max_tab_presses: u32,
    pub screenshots: Screenshots,
    pub shard: Shard,
    pub resume: bool,
    pub output_dir: PathBuf,
    pub chrome: Option<PathBuf>,
    pub storage_state: Option<PathBuf>,
    pub login: Option<FormLogin>,
    /// From `[thresholds]`, unchecked: the gate (in the CLI) checks the rule ids.
    pub thresholds: BTreeMap<String, usize>,
    /// Findings of one rule and outcome a page lists (the rest are counted); `None`: all.
    pub max_findings_per_rule: Option<usize>,
    /// Normalised; after the crawl, every page that shows PHI is opened, this URL visited,
    /// and Back pressed (the page itself is never crawled: logout pages are out of scope).
    pub logout_url: Option<String>,
    /// `[session] idle_timeout_secs` (default [`DEFAULT_IDLE_TIMEOUT_SECS`]).
    pub idle_timeout: Duration,
    /// `[session] check_idle`: run the idle-logoff check.
    pub check_idle: bool,
}

pub use portalscan_core::snapshot::DEFAULT_IDLE_TIMEOUT_SECS;

/// Always excluded: logout pages (`/logout`, `/s/logout`, `/secur/logout.jsp`, `signout`, …).
pub const LOGOUT_PATTERN: &str = r"re:(?i)/(secur/)?(log-?out|sign-?out|log-?off)([./?]|$)";

pub const DEFAULT_OUTPUT_DIR: &str = "portalscan-report";
pub const DEFAULT_MAX_PAGES: usize = 500;
pub const DEFAULT_MAX_DEPTH: u32 = 10;

/// One page in parallel per core, at most 4 (each tab costs memory and the machine still
/// has to run the rules).
pub fn default_jobs() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 4)
}

impl ConfigFile {
    /// Reads and parses a config file; errors name the file and, for TOML errors, the line.
    pub fn load(path: &Path) -> Result<ConfigFile, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        ConfigFile::parse(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse(text: &str) -> Result<ConfigFile, String> {
        toml::from_str(text).map_err(|e| {
            // The TOML error quotes the offending line, which could be anything the user
            // pasted; keep its position and message, redacted.
            portalscan_core::phi::redact(e.to_string().trim())
        })
    }

    /// Applies the flags and checks the result. Relative paths in the file are taken
    /// relative to `base` (the config file's directory).
    pub fn resolve(self, flags: Overrides, base: &Path) -> Result<CrawlConfig, String> {
        let rel = |p: PathBuf| if p.is_absolute() { p } else { base.join(p) };
        let raw_seeds = if flags.seeds.is_empty() {
            self.seeds
        } else {
            flags.seeds
        };
        if raw_seeds.is_empty() {
            return Err(
                "no seed URL: give one on the command line or as `seeds` in the config".into(),
            );
        }
        let mut seeds = Vec::new();
        for raw in &raw_seeds {
            let seed = scope::normalize(raw).ok_or_else(|| {
                format!(
                    "seed '{}': not an http(s) URL",
                    portalscan_core::phi::redact_url(raw)
                )
            })?;
            if !seeds.contains(&seed) {
                seeds.push(seed);
            }
        }
        let patterns = |list: Vec<String>| -> Result<Vec<Pattern>, String> {
            list.iter().map(|p| Pattern::parse(p)).collect()
        };
        // Logging out mid-crawl would end the session for every later page.
        let mut exclude = vec![LOGOUT_PATTERN.to_string()];
        exclude.extend(self.scope.exclude);
        let scope = Scope::from_seeds(&seeds, patterns(self.scope.include)?, patterns(exclude)?)?;
        let jobs = flags
            .jobs
            .or(self.browser.jobs)
            .unwrap_or_else(default_jobs);
        if jobs == 0 {
            return Err("jobs must be at least 1".into());
        }
        let timeout = flags
            .timeout_secs
            .or(self.browser.timeout_secs)
            .unwrap_or(30);
        if timeout == 0 {
            return Err("timeout must be at least 1 second".into());
        }
        let max_pages = flags
            .max_pages
            .or(self.limits.max_pages)
            .unwrap_or(DEFAULT_MAX_PAGES);
        if max_pages == 0 {
            return Err("max pages must be at least 1".into());
        }
        if let Some(login) = &self.login
            && scope::normalize(&login.url).is_none_or(|u| !scope.same_origin(&u))
        {
            return Err(format!(
                "login.url '{}' must be an http(s) URL on a seed's origin",
                portalscan_core::phi::redact_url(&login.url)
            ));
        }
        let logout_url = match &self.logout {
            Some(logout) => Some(
                scope::normalize(&logout.url)
                    .filter(|u| scope.same_origin(u))
                    .ok_or_else(|| {
                        format!(
                            "logout.url '{}' must be an http(s) URL on a seed's origin",
                            portalscan_core::phi::redact_url(&logout.url)
                        )
                    })?,
            ),
            None => None,
        };
        let idle_timeout = self
            .session
            .idle_timeout_secs
            .unwrap_or(DEFAULT_IDLE_TIMEOUT_SECS);
        if idle_timeout == 0 {
            return Err("session.idle_timeout_secs must be at least 1".into());
        }
        Ok(CrawlConfig {
            seeds,
            scope,
            sitemap: flags.sitemap.or(self.sitemap).unwrap_or(true),
            follow_links: self.follow_links.unwrap_or(true),
            max_pages,
            max_depth: flags
                .max_depth
                .or(self.limits.max_depth)
                .unwrap_or(DEFAULT_MAX_DEPTH),
            max_time: flags
                .max_time_secs
                .or(self.limits.max_time_secs)
                .map(Duration::from_secs),
            jobs,
            timeout: Duration::from_secs(timeout),
            retries: flags.retries.or(self.browser.retries).unwrap_or(1),
            settle: Duration::from_millis(self.browser.settle_ms.unwrap_or(500)),
            tab_walk: flags.tab_walk.or(self.browser.tab_walk).unwrap_or(true),
            max_tab_presses: self.browser.max_tab_presses.unwrap_or(200),
            screenshots: flags
                .screenshots
                .or(self.browser.screenshots.map(Screenshots::from))
                .unwrap_or_default(),
            shard: flags.shard.unwrap_or_default(),
            resume: flags.resume,
            output_dir: flags
                .output_dir
                .or(self.output_dir.map(rel))
                .unwrap_or_else(|| PathBuf::from(DEFAULT_OUTPUT_DIR)),
            chrome: flags.chrome.or(self.browser.chrome.map(rel)),
            storage_state: flags.storage_state.or(self.storage_state.map(rel)),
            login: self.login,
            thresholds: self.thresholds,
            max_findings_per_rule: portalscan_core::report::bounds::limit(
                flags
                    .max_findings_per_rule
                    .or(self.limits.max_findings_per_rule),
            ),
            logout_url,
            idle_timeout: Duration::from_secs(idle_timeout),
            check_idle: self.session.check_idle.unwrap_or(false),
        })
    }
}

impl CrawlConfig {
    /// Checks what the config takes from the environment, before anything starts: each
    /// variable a `[login]` names must be set (and not empty). The error names the
    /// variable and its key, never a value. `lookup` reads a variable (`std::env::var`
    /// outside tests).
    pub fn check_environment(&self, lookup: impl Fn(&str) -> Option<String>) -> Result<(), String> {
        let Some(login) = &self.login else {
            return Ok(());
        };
        for (key, name) in [
            ("username_env", &login.username_env),
            ("password_env", &login.password_env),
        ] {
            if lookup(name).is_none_or(|v| v.is_empty()) {
                return Err(format!(
                    "[login] {key}: environment variable {name} is not set (set it to the \
                     login's {} before crawling)",
                    key.trim_end_matches("_env")
                ));
            }
        }
        Ok(())
    }

    /// A config for these seeds with every default (tests, the demo).
    pub fn for_seeds(seeds: &[&str]) -> Result<CrawlConfig, String> {
        ConfigFile::default().resolve(
            Overrides {
                seeds: seeds.iter().map(|s| s.to_string()).collect(),
                ..Overrides::default()
            },
            Path::new("."),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXAMPLE: &str = r##"
seeds = ["https://portal.example/s/"]
output_dir = "out"
sitemap = false

[scope]
exclude = ["*/logout*", 're:\.pdf$']

[limits]
max_pages = 50
max_depth = 3
max_time_secs = 600

[browser]
jobs = 2
timeout_secs = 20
retries = 2
settle_ms = 300
tab_walk = false
screenshots = false

[login]
url = "https://portal.example/s/login"
username_selector = "#username"
password_selector = "#password"
submit_selector = "button[type=submit]"
username_env = "PORTAL_USER"
password_env = "PORTAL_PASSWORD"
success_url_contains = "/s/home"

[thresholds]
target-size = 5
text-contrast = 0

[logout]
url = "https://portal.example/secur/logout.jsp"
"##;

    #[test]
    fn login_variables_are_checked_before_the_crawl_and_never_shown() {
        let c = ConfigFile::parse(EXAMPLE)
            .unwrap()
            .resolve(Overrides::default(), Path::new("/cfg"))
            .unwrap();
        let only_user = |name: &str| (name == "PORTAL_USER").then(|| "s3cret-user".to_string());
        let err = c.check_environment(only_user).unwrap_err();
        assert!(err.contains("PORTAL_PASSWORD"), "{err}");
        assert!(err.contains("password_env"), "{err}");
        assert!(!err.contains("s3cret"), "{err}");
        let empty = |_: &str| Some(String::new());
        assert!(
            c.check_environment(empty)
                .unwrap_err()
                .contains("PORTAL_USER")
        );
        let both = |_: &str| Some("x".to_string());
        assert_eq!(c.check_environment(both), Ok(()));
        // No [login]: nothing to check.
        let plain = CrawlConfig::for_seeds(&["https://portal.example/s/"]).unwrap();
        assert_eq!(plain.check_environment(|_| None), Ok(()));
    }

    #[test]
    fn the_sample_config_in_the_repository_parses() {
        // portalscan.toml.example is the README's example, kept as a file to copy.
        let text = include_str!("../../../portalscan.toml.example");
        let c = ConfigFile::parse(text)
            .unwrap()
            .resolve(Overrides::default(), Path::new("."))
            .unwrap();
        assert_eq!(c.seeds, ["https://portal.example.com/s/"]);
        assert!(c.login.is_some() && c.logout_url.is_some());
        let readme = include_str!("../../../README.md");
        assert!(
            readme.contains(text.trim()),
            "README's example differs from the file"
        );
    }

    #[test]
    fn screenshots_take_a_switch_or_a_mode() {
        for (value, mode) in [
            ("true", Screenshots::Masked),
            ("false", Screenshots::Off),
            ("\"masked\"", Screenshots::Masked),
            ("\"unmasked\"", Screenshots::Unmasked),
            ("\"off\"", Screenshots::Off),
        ] {
            let file = ConfigFile::parse(&format!(
                "seeds = [\"https://p.example/\"]\n[browser]\nscreenshots = {value}"
            ))
            .unwrap();
            let c = file.resolve(Overrides::default(), Path::new(".")).unwrap();
            assert_eq!(c.screenshots, mode, "{value}");
        }
        assert!(ConfigFile::parse("[browser]\nscreenshots = \"blurry\"").is_err());
    }

    #[test]
    fn session_limits_default_to_fifteen_minutes_and_no_idle_check() {
        let c = CrawlConfig::for_seeds(&["https://p.example/s/"]).unwrap();
        assert_eq!(c.idle_timeout, Duration::from_secs(900));
        assert!(!c.check_idle);
        let file = ConfigFile::parse(
            "seeds = [\"https://p.example/\"]\n[session]\nidle_timeout_secs = 5\ncheck_idle = true",
        )
        .unwrap();
        let c = file.resolve(Overrides::default(), Path::new(".")).unwrap();
        assert_eq!(c.idle_timeout, Duration::from_secs(5));
        assert!(c.check_idle);
        let zero =
            ConfigFile::parse("seeds = [\"https://p.example/\"]\n[session]\nidle_timeout_secs = 0")
                .unwrap()
                .resolve(Overrides::default(), Path::new("."));
        assert!(zero.unwrap_err().contains("idle_timeout_secs"));
        // A typo is an error, not a silently ignored key.
        assert!(ConfigFile::parse("[session]\nidle_timeout = 5").is_err());
    }

    #[test]
    fn file_then_flags() {
        let file = ConfigFile::parse(EXAMPLE).unwrap();
        let c = file
            .resolve(
                Overrides {
                    max_pages: Some(7),
                    jobs: Some(1),
                    ..Overrides::default()
                },
                Path::new("/cfg"),
            )
            .unwrap();
        assert_eq!(c.seeds, ["https://portal.example/s/"]);
        assert_eq!(c.max_pages, 7);
        assert_eq!(c.jobs, 1);
        assert_eq!(c.max_depth, 3);
        assert_eq!(c.retries, 2);
        assert_eq!(c.timeout, Duration::from_secs(20));
        assert_eq!(c.max_time, Some(Duration::from_secs(600)));
        assert!(!c.sitemap && !c.tab_walk);
        assert_eq!(c.screenshots, Screenshots::Off);
        assert_eq!(c.output_dir, PathBuf::from("/cfg/out"));
        assert!(!c.scope.allows("https://portal.example/s/logout"));
        assert!(!c.scope.allows("https://portal.example/s/SignOut?x=1"));
        assert!(!c.scope.allows("https://portal.example/secur/logout.jsp"));
        assert_eq!(c.login.unwrap().password_env, "PORTAL_PASSWORD");
        assert_eq!(c.thresholds["target-size"], 5);
        assert_eq!(c.thresholds["text-contrast"], 0);
        assert_eq!(
            c.logout_url.as_deref(),
            Some("https://portal.example/secur/logout.jsp")
        );
    }

    #[test]
    fn bad_configs_say_what_is_wrong() {
        let e = ConfigFile::parse("seeds = [\"a\"]\nmax_page = 3\n").unwrap_err();
        assert!(e.contains("max_page"), "{e}");
        assert!(e.contains("line 2"), "{e}");
        let e = ConfigFile::parse("[thresholds]\ntarget-size = -1\n").unwrap_err();
        assert!(e.contains("line 2") && e.contains("target-size"), "{e}");
        let e = ConfigFile::parse("[thresholds]\ntarget-size = \"5\"\n").unwrap_err();
        assert!(e.contains("line 2"), "{e}");
        let e = ConfigFile::default()
            .resolve(Overrides::default(), Path::new("."))
            .unwrap_err();
        assert!(e.contains("no seed"), "{e}");
        let e = CrawlConfig::for_seeds(&["ftp://x.example/"]).unwrap_err();
        assert!(e.contains("not an http(s) URL"), "{e}");
        let file = ConfigFile::parse(&EXAMPLE.replace(
            "url = \"https://portal.example/s/login\"",
            "url = \"https://evil.example/login\"",
        ))
        .unwrap();
        let e = file
            .resolve(Overrides::default(), Path::new("."))
            .unwrap_err();
        assert!(e.contains("login.url"), "{e}");
        let file = ConfigFile::parse(&EXAMPLE.replace(
            "url = \"https://portal.example/secur/logout.jsp\"",
            "url = \"https://idp.example/logout\"",
        ))
        .unwrap();
        let e = file
            .resolve(Overrides::default(), Path::new("."))
            .unwrap_err();
        assert!(e.contains("logout.url"), "{e}");
        let e = ConfigFile::parse("[logout]\nurl = \"https://p.example/logout\"\nwhen = 1\n")
            .unwrap_err();
        assert!(e.contains("when"), "{e}");
    }

    /// The README's example config is a valid config, `[logout]` and all.
    #[test]
    fn the_readme_example_parses() {
        let readme = include_str!("../../../README.md");
        let start = readme.find("```toml\n").expect("a toml block") + "```toml\n".len();
        let end = start + readme[start..].find("```").expect("its end");
        let c = ConfigFile::parse(&readme[start..end])
            .unwrap()
            .resolve(Overrides::default(), Path::new("."))
            .unwrap();
        assert!(c.logout_url.is_some_and(|u| !c.scope.allows(&u)));
    }

    #[test]
    fn defaults() {
        let c = CrawlConfig::for_seeds(&["http://127.0.0.1:1/"]).unwrap();
        assert!(c.sitemap && c.follow_links && c.tab_walk);
        assert_eq!(c.screenshots, Screenshots::Masked);
        assert!((1..=4).contains(&c.jobs));
        assert_eq!(c.shard, Shard::default());
        assert_eq!(c.output_dir, PathBuf::from(DEFAULT_OUTPUT_DIR));
        assert!(!c.scope.allows("http://127.0.0.1:1/s/logout"));
        assert!(c.scope.allows("http://127.0.0.1:1/s/logout-help-article"));
    }
}
