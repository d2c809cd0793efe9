//! Finding and starting Chromium.
//!
//! We never download a browser: the path comes from the caller (`--chrome`), `$CHROME`, or
//! the usual install locations, and a missing browser is an error naming every place tried.
//! Each [`Browser`] runs with its own fresh profile directory, removed when the `Browser` is
//! dropped — also when Chromium crashed or was killed — so runs never share cookies, caches
//! or storage and never leave profiles behind.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::Duration;

use std::sync::Arc;

use headless_chrome::protocol::cdp::Target::CreateTarget;

use crate::BrowserError;
use crate::context::{BrowserContext, Control};
use crate::page::Page;

/// The flags every Chromium we start gets (on top of headless_chrome's defaults, which
/// only turn things off: background networking, sync, component extensions, crash
/// reporting, throttling of background tabs; none of them phones home).
pub const CHROME_ARGS: &[&str] = &[
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
];

#[derive(Clone, Debug, PartialEq)]
pub struct LaunchOptions {
    /// An explicit Chromium binary (`--chrome`); otherwise [`find_chrome`] looks.
    pub chrome: Option<PathBuf>,
    /// Window (and so layout viewport) size in CSS px.
    pub window: (u32, u32),
    /// How long the DevTools connection may stay silent before it is considered dead
    /// (also the longest a single protocol call may take).
    pub idle_timeout: Duration,
}

impl Default for LaunchOptions {
    fn default() -> Self {
        LaunchOptions {
            chrome: None,
            window: (1280, 800),
            idle_timeout: Duration::from_secs(60),
        }
    }
}

/// Names looked up on `PATH` after the fixed locations.
const PATH_NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];
const FIXED: &[&str] = &["/usr/bin/chromium", "/usr/bin/chromium-browser"];

/// Finds the Chromium binary: `explicit` (must exist), else `$CHROME` (must exist when
/// set), else `/usr/bin/chromium`, `/usr/bin/chromium-browser`, then `chromium`,
/// `chromium-browser`, `google-chrome`, `google-chrome-stable` on `PATH`.
pub fn find_chrome(explicit: Option<&Path>) -> Result<PathBuf, BrowserError> {
    find_chrome_in(
        explicit,
        std::env::var_os("CHROME"),
        FIXED,
        std::env::var_os("PATH"),
    )
}

fn find_chrome_in(
    explicit: Option<&Path>,
    env_chrome: Option<OsString>,
    fixed: &[&str],
    path_var: Option<OsString>,
) -> Result<PathBuf, BrowserError> {
    if let Some(path) = explicit {
        return executable(path).ok_or_else(|| {
            BrowserError::NotFound(format!("{} (given explicitly)", path.display()))
        });
    }
    if let Some(env) = env_chrome.filter(|v| !v.is_empty()) {
        let path = PathBuf::from(&env);
        return executable(&path)
            .ok_or_else(|| BrowserError::NotFound(format!("CHROME={}", path.display())));
    }
    let mut tried = Vec::new();
    for fixed in fixed {
        if let Some(found) = executable(Path::new(fixed)) {
            return Ok(found);
        }
        tried.push(fixed.to_string());
    }
    let dirs: Vec<PathBuf> = path_var
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    for name in PATH_NAMES {
        for dir in &dirs {
            if let Some(found) = executable(&dir.join(name)) {
                return Ok(found);
            }
        }
        tried.push(format!("{name} on PATH"));
    }
    Err(BrowserError::NotFound(format!(
        "$CHROME unset, {}; pass --chrome PATH or set CHROME",
        tried.join(", ")
    )))
}

/// The path when it is an executable file.
fn executable(path: &Path) -> Option<PathBuf> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o111 == 0 {
            return None;
        }
    }
    Some(path.to_path_buf())
}

/// A running headless Chromium with its own profile directory.
pub struct Browser {
    /// `None` only while dropping (Chromium must be gone before its profile is removed).
    inner: Option<headless_chrome::Browser>,
    profile: Option<tempfile::TempDir>,
    pid: Option<u32>,
    idle_timeout: Duration,
    /// Our own browser-level DevTools connection (browser contexts).
    control: Arc<Control>,
}

impl Browser {
    /// Starts Chromium headless (no sandbox, no GPU, nothing phoning home) with a fresh
    /// profile directory.
    pub fn launch(opts: &LaunchOptions) -> Result<Browser, BrowserError> {
        let chrome = find_chrome(opts.chrome.as_deref())?;
        let profile = tempfile::Builder::new()
            .prefix("portalscan-profile-")
            .tempdir()
            .map_err(|e| BrowserError::Launch(format!("cannot create a profile directory: {e}")))?;
        let args: Vec<&OsStr> = CHROME_ARGS.iter().map(OsStr::new).collect();
        let launch = headless_chrome::LaunchOptions {
            path: Some(chrome.clone()),
            headless: true,
            sandbox: false,
            enable_gpu: false,
            window_size: Some(opts.window),
            idle_browser_timeout: opts.idle_timeout,
            user_data_dir: Some(profile.path().to_path_buf()),
            args,
            ..headless_chrome::LaunchOptions::default()
        };
        let inner = headless_chrome::Browser::new(launch)
            .map_err(|e| BrowserError::Launch(format!("{}: {e}", chrome.display())))?;
        let pid = inner.get_process_id();
        let control = Arc::new(Control::new(inner.get_ws_url()));
        Ok(Browser {
            inner: Some(inner),
            profile: Some(profile),
            pid,
            idle_timeout: opts.idle_timeout,
            control,
        })
    }

    fn inner(&self) -> &headless_chrome::Browser {
        self.inner.as_ref().expect("present until drop")
    }

    /// Opens a new tab.
    pub fn new_page(&self) -> Result<Page, BrowserError> {
        if !self.process_running() {
            return Err(self.crashed());
        }
        // A window of its own: a tab in the background of a shared window is not
        // rendered, and a screenshot of it (the Tab walk's focus indicator) can wait for a
        // frame that never comes while another tab is in front.
        let tab = self
            .inner()
            .new_tab_with_options(CreateTarget {
                url: "about:blank".into(),
                left: None,
                top: None,
                width: None,
                height: None,
                window_state: None,
                browser_context_id: None,
                enable_begin_frame_control: None,
                new_window: Some(true),
                background: None,
                for_tab: None,
                hidden: None,
            })
            .map_err(|e| self.classify("opening a tab", e))?;
        tab.set_default_timeout(self.idle_timeout);
        Page::new(tab, self.liveness())
    }

    /// Opens a tab in a browser context of its own: no cookies, storage or cache shared
    /// with any other tab. The context is disposed when the page is dropped.
    pub fn new_isolated_page(&self) -> Result<Page, BrowserError> {
        if !self.process_running() {
            return Err(self.crashed());
        }
        let recheck = |e: BrowserError| {
            if self.process_running() {
                e
            } else {
                self.crashed()
            }
        };
        let context = BrowserContext::create(&self.control).map_err(recheck)?;
        let target = context.create_target().map_err(recheck)?;
        // headless_chrome attaches to every new page target on its own; wait for its tab.
        let started = std::time::Instant::now();
        let tab = loop {
            let found = self
                .inner()
                .get_tabs()
                .lock()
                .map_err(|_| BrowserError::Protocol("the tab list is poisoned".into()))?
                .iter()
                .find(|t| *t.get_target_id() == target)
                .cloned();
            if let Some(tab) = found {
                break tab;
            }
            if started.elapsed() > self.idle_timeout {
                return Err(recheck(BrowserError::Protocol(
                    "a tab opened in a browser context never attached".into(),
                )));
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        tab.set_default_timeout(self.idle_timeout);
        Page::in_context(tab, self.liveness(), context)
    }

    /// Whether Chromium is still running and answering on its DevTools connection.
    pub fn is_alive(&self) -> bool {
        self.process_running() && self.inner().get_version().is_ok()
    }

    /// The Chromium process id.
    pub fn pid(&self) -> Option<u32> {
        self.pid
    }

    /// Kills Chromium at once (SIGKILL), for a browser that stopped answering: dropping it
    /// would first wait for its answer to `Browser.close`. Best effort; Linux and other
    /// systems with `kill`.
    pub fn kill(&self) {
        if let Some(pid) = self.pid.filter(|_| self.process_running()) {
            let _ = std::process::Command::new("kill")
                .args(["-KILL", &pid.to_string()])
                .status();
        }
    }

    /// The profile directory (removed when the `Browser` is dropped).
    pub fn profile_dir(&self) -> &Path {
        self.profile.as_ref().expect("present until drop").path()
    }

    /// The main Chromium process: the DevTools error a dead browser gives varies (closed
    /// connection, timeout), so liveness is checked on the process itself.
    fn process_running(&self) -> bool {
        self.liveness().process_running()
    }

    pub(crate) fn liveness(&self) -> Liveness {
        Liveness { pid: self.pid }
    }

    fn crashed(&self) -> BrowserError {
        BrowserError::Crashed(match self.pid {
            Some(pid) => format!("Chromium (pid {pid}) is not running"),
            None => "Chromium is not running".into(),
        })
    }

    fn classify(&self, step: &str, error: anyhow::Error) -> BrowserError {
        self.liveness().classify(step, error)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // Kills Chromium and waits for it (headless_chrome's process guard), then removes
        // the profile. Chromium's helper processes may still be writing for a moment after
        // the main process is gone, so removal is retried briefly.
        drop(self.inner.take());
        if let Some(profile) = self.profile.take() {
            let path = profile.keep();
            for attempt in 0..20 {
                match std::fs::remove_dir_all(&path) {
                    Ok(()) => return,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
                    Err(_) => std::thread::sleep(Duration::from_millis(25 * (attempt + 1))),
                }
            }
        }
    }
}

/// What a page needs to tell a crashed browser from an ordinary protocol error.
#[derive(Clone, Debug)]
pub(crate) struct Liveness {
    pid: Option<u32>,
}

impl Liveness {
    /// Whether the main Chromium process exists and is not a zombie (Linux `/proc`; on
    /// other systems we cannot tell and say yes).
    pub(crate) fn process_running(&self) -> bool {
        let Some(pid) = self.pid else { return true };
        if !Path::new("/proc").exists() {
            return true;
        }
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            // Field 3 (after the parenthesised command name) is the state; Z and X are dead.
            Ok(stat) => stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next())
                .is_some_and(|state| !matches!(state, "Z" | "X" | "x")),
            Err(_) => false,
        }
    }

    /// Maps a DevTools failure to `Crashed` when the browser or its connection is gone.
    pub(crate) fn classify(&self, step: &str, error: anyhow::Error) -> BrowserError {
        let closed = error
            .downcast_ref::<headless_chrome::browser::transport::ConnectionClosed>()
            .is_some();
        if closed || !self.process_running() {
            return BrowserError::Crashed(format!("while {step}: {error}"));
        }
        BrowserError::protocol(step, error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_path_must_exist() {
        let err =
            find_chrome_in(Some(Path::new("/nonexistent/chrome")), None, FIXED, None).unwrap_err();
        assert_eq!(
            err,
            BrowserError::NotFound("/nonexistent/chrome (given explicitly)".into())
        );
    }

    #[test]
    fn chrome_variable_must_exist_when_set() {
        let err = find_chrome_in(None, Some("/nope/chromium".into()), FIXED, None).unwrap_err();
        assert_eq!(err, BrowserError::NotFound("CHROME=/nope/chromium".into()));
    }

    #[test]
    fn path_lookup_finds_an_executable_and_skips_plain_files() {
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("chromium");
        std::fs::write(&plain, "not executable").unwrap();
        let chrome = dir.path().join("google-chrome");
        std::fs::write(&chrome, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&chrome, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let missing = ["/nonexistent/chromium"];
        let path = Some(dir.path().as_os_str().to_owned());
        let found = find_chrome_in(None, None, &missing, path.clone()).unwrap();
        assert_eq!(found, chrome);
        // A fixed location that exists wins over PATH.
        let fixed = [chrome.to_str().unwrap()];
        let other = tempfile::tempdir().unwrap();
        let found = find_chrome_in(None, None, &fixed, Some(other.path().into())).unwrap();
        assert_eq!(found, chrome);
    }

    #[test]
    fn nothing_found_lists_every_place_tried() {
        let dir = tempfile::tempdir().unwrap();
        let missing = ["/nonexistent/chromium", "/nonexistent/chromium-browser"];
        let path = Some(dir.path().as_os_str().to_owned());
        let err = find_chrome_in(None, None, &missing, path).unwrap_err();
        let BrowserError::NotFound(tried) = err else {
            panic!("wrong error")
        };
        for place in missing.iter().chain(PATH_NAMES) {
            assert!(tried.contains(place), "{tried} lacks {place}");
        }
    }
}
