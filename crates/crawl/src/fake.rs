//! A fake [`Visitor`] over a synthetic link graph, for testing crawl logic without a
//! browser: pages can redirect, fail a number of times, time out, or crash the browser.
//! Public so the CLI's and bench's tests can use it too.

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use portalscan_core::dom::{Dom, Node, NodeData, NodeId};
use portalscan_core::snapshot::{CookieLifetime, RestoredPage, SessionCheck};
use portalscan_core::{Category, Finding, Outcome, Scanned, Snapshot};

use crate::visitor::{SessionProbe, Timings, VisitError, VisitedPage, Visitor};

/// The warning a visit captured before its load event carries.
pub const UNFINISHED: &str = "the load event did not come within 30 s";

#[derive(Clone, Debug, Default)]
pub struct FakePage {
    pub links: Vec<String>,
    /// The page's final URL when it redirects.
    pub redirect: Option<String>,
    /// Fail this many visits first (then load).
    pub fail_first: u32,
    /// Time out this many visits first.
    pub timeout_first: u32,
    /// Crash the browser on this many visits first.
    pub crash_first: u32,
    /// Capture the page before its load event on this many visits first (after the
    /// failures above), with this warning and none of the page's links.
    pub unfinished_first: u32,
    /// Facts the fake browser "could not give" on every visit (a failed Tab walk, say).
    pub warnings: Vec<String>,
    /// The page's text shows PHI (an MRN), so the core's `shows_phi` says yes and Back
    /// after logout is checked on it.
    pub shows_phi: bool,
    /// Back after logout shows it again (with its PHI: one `phi-restored-after-logout`
    /// fail from [`FakeSite::scan`]).
    pub restored: bool,
    /// Back-after-logout checks fail this many times first.
    pub logout_fail_first: u32,
    /// A guest (no session) is shown the page, PHI and all.
    pub guest_open: bool,
    /// Session checks on this page fail this many times first.
    pub session_fail_first: u32,
    /// The page's fetch GET requests (absolute URLs).
    pub fetches: Vec<String>,
}

#[derive(Default)]
pub struct FakeSite {
    pub pages: HashMap<String, FakePage>,
    pub sitemaps: HashMap<String, String>,
    /// Every visit in the order made: (url, scan).
    pub visits: Mutex<Vec<(String, bool)>>,
    /// Every fetch_text URL.
    pub fetches: Mutex<Vec<String>>,
    pub starts: AtomicUsize,
    alive: AtomicBool,
    counts: Mutex<HashMap<String, u32>>,
    /// Crash on the n-th visit overall (1-based), once: a browser killed mid-crawl.
    pub crash_on_visit: Option<usize>,
    /// Every Back-after-logout check in the order made.
    pub logout_checks: Mutex<Vec<String>>,
    /// Every session check in the order made: (kind, url, the requests to replay).
    pub session_checks: Mutex<Vec<(String, String, Vec<String>)>>,
    /// The login's cookies, as [`Visitor::login_cookies`] gives them.
    pub login_cookies: Option<Vec<CookieLifetime>>,
}

impl FakeSite {
    pub fn new() -> FakeSite {
        FakeSite::default()
    }

    /// Adds a page with these links (absolute or relative).
    pub fn page(mut self, url: &str, links: &[&str]) -> FakeSite {
        self.pages.insert(
            url.to_string(),
            FakePage {
                links: links.iter().map(|l| l.to_string()).collect(),
                ..FakePage::default()
            },
        );
        self
    }

    pub fn with(mut self, url: &str, edit: impl FnOnce(&mut FakePage)) -> FakeSite {
        edit(self.pages.entry(url.to_string()).or_default());
        self
    }

    pub fn visited(&self) -> Vec<String> {
        self.visits
            .lock()
            .unwrap()
            .iter()
            .map(|(u, _)| u.clone())
            .collect()
    }

    pub fn scanned(&self) -> Vec<String> {
        self.visits
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, s)| *s)
            .map(|(u, _)| u.clone())
            .collect()
    }

    /// The fake's rules: one `fake-rule` fail on every page, and on a page Back showed
    /// after logout that shows PHI (the core's `shows_phi`), a `phi-restored-after-logout`
    /// fail. What the crawl keeps of each is the crawl's logic under test.
    pub fn scan(snapshot: &Snapshot) -> Scanned {
        let mut findings = vec![FakeSite::finding(&snapshot.url)];
        if snapshot.restored_after_logout.is_some() && portalscan_core::phi::shows_phi(snapshot) {
            let mut finding = FakeSite::finding(&snapshot.url);
            finding.rule = "phi-restored-after-logout".into();
            finding.category = Category::Phi;
            findings.push(finding);
        }
        // The session checks' rules, as simply: a guest shown PHI, a cookie with a lifetime.
        if let Some(check) = &snapshot.session_check {
            let mut phi = |rule: &str| {
                let mut finding = FakeSite::finding(&snapshot.url);
                finding.rule = rule.into();
                finding.category = Category::Phi;
                findings.push(finding);
            };
            if check.kind == "guest" && portalscan_core::phi::shows_phi(snapshot) {
                phi("phi-guest-access");
            }
            if check
                .login_cookies
                .iter()
                .any(|c| c.lifetime_secs.is_some())
            {
                phi("session-cookie-lifetime");
            }
        }
        Scanned {
            findings,
            truncated: Vec::new(),
        }
    }

    /// A page whose body is `text`.
    pub fn snapshot(url: &str, text: &str) -> Snapshot {
        let element = |parent: u32, name: &str| {
            Node::new(
                Some(NodeId(parent)),
                NodeData::Element {
                    name: name.into(),
                    ns: Default::default(),
                    attrs: Vec::new(),
                },
            )
        };
        let nodes = vec![
            Node::new(None, NodeData::Document),
            element(0, "html"),
            element(1, "body"),
            Node::new(Some(NodeId(2)), NodeData::Text { text: text.into() }),
        ];
        let dom = Dom::from_nodes(nodes).expect("a well-formed tree");
        Snapshot::new(url, "fake", dom)
    }

    fn page_text(page: &FakePage) -> &'static str {
        if page.shows_phi {
            "Visit summary for MRN 00123456"
        } else {
            "Welcome to the portal"
        }
    }

    /// A finding the fake reports on every scanned page (one fail per page).
    pub fn finding(url: &str) -> Finding {
        Finding {
            rule: "fake-rule".into(),
            outcome: Outcome::Fail,
            category: Category::Accessibility,
            wcag: vec![],
            act: vec![],
            url: portalscan_core::phi::redact_url(url),
            selector: "html".into(),
            html: "<html>".into(),
            message: "fake".into(),
            help: String::new(),
            phi: None,
            node: None,
            fingerprint: format!("{:032x}", crate::shard::fnv1a64(url.as_bytes())),
            line: None,
            column: None,
            component: None,
            level: None,
            screenshot: None,
        }
    }
}

impl Visitor for FakeSite {
    fn start(&self, _tabs: usize) -> Result<(), VisitError> {
        self.starts.fetch_add(1, Ordering::SeqCst);
        self.alive.store(true, Ordering::SeqCst);
        Ok(())
    }

    fn visit(&self, _tab: usize, url: &str, scan: bool) -> Result<VisitedPage, VisitError> {
        if !self.alive.load(Ordering::SeqCst) {
            return Err(VisitError::Failed("tab is gone".into()));
        }
        let n = {
            let mut visits = self.visits.lock().unwrap();
            visits.push((url.to_string(), scan));
            visits.len()
        };
        if self.crash_on_visit == Some(n) {
            self.alive.store(false, Ordering::SeqCst);
            return Err(VisitError::Crashed("killed".into()));
        }
        let Some(page) = self.pages.get(url) else {
            return Err(VisitError::Failed(format!("{url}: HTTP 404")));
        };
        let attempt = {
            let mut counts = self.counts.lock().unwrap();
            let c = counts.entry(url.to_string()).or_default();
            *c += 1;
            *c
        };
        if attempt <= page.crash_first {
            self.alive.store(false, Ordering::SeqCst);
            return Err(VisitError::Crashed("renderer crashed".into()));
        }
        if attempt <= page.crash_first + page.fail_first {
            return Err(VisitError::Failed(format!(
                "{url}: net::ERR_CONNECTION_RESET"
            )));
        }
        if attempt <= page.crash_first + page.fail_first + page.timeout_first {
            return Err(VisitError::Timeout(format!("{url}: waiting for load")));
        }
        let unfinished = attempt
            <= page.crash_first + page.fail_first + page.timeout_first + page.unfinished_first;
        let final_url = page.redirect.clone().unwrap_or_else(|| url.to_string());
        let mut snapshot = FakeSite::snapshot(&final_url, FakeSite::page_text(page));
        snapshot.requests = Some(
            page.fetches
                .iter()
                .map(|u| portalscan_core::snapshot::Request {
                    url: u.clone(),
                    method: "GET".into(),
                    resource_type: "fetch".into(),
                    ..Default::default()
                })
                .collect(),
        );
        let mut warnings = page.warnings.clone();
        if unfinished {
            warnings.push(UNFINISHED.to_string());
        }
        Ok(VisitedPage {
            snapshot,
            final_url,
            links: if unfinished {
                Vec::new()
            } else {
                page.links.clone()
            },
            timings: Timings {
                navigate_ms: 1.0,
                ..Timings::default()
            },
            warnings,
            load_finished: !unfinished,
            live: None,
        })
    }

    fn restored_after_logout(
        &self,
        _tab: usize,
        url: &str,
    ) -> Result<Option<Snapshot>, VisitError> {
        let n = {
            let mut checks = self.logout_checks.lock().unwrap();
            checks.push(url.to_string());
            checks.iter().filter(|u| *u == url).count() as u32
        };
        let page = self.pages.get(url).cloned().unwrap_or_default();
        if n <= page.logout_fail_first {
            return Err(VisitError::Failed(format!("{url}: going back timed out")));
        }
        if !page.restored {
            return Ok(None);
        }
        let mut shown = FakeSite::snapshot(url, FakeSite::page_text(&page));
        shown.restored_after_logout = Some(RestoredPage {
            logout_url: String::new(),
            via: "bfcache".into(),
        });
        Ok(Some(shown))
    }

    fn session_check(&self, _tab: usize, probe: &SessionProbe) -> Result<Snapshot, VisitError> {
        let (url, replay) = match probe {
            SessionProbe::Guest { url, replay } => (url, replay.clone()),
            SessionProbe::AfterLogout { url, .. } | SessionProbe::Idle { url, .. } => {
                (url, Vec::new())
            }
        };
        let n = {
            let mut checks = self.session_checks.lock().unwrap();
            checks.push((probe.kind().into(), url.clone(), replay));
            checks
                .iter()
                .filter(|(k, u, _)| k == probe.kind() && u == url)
                .count() as u32
        };
        let page = self.pages.get(url).cloned().unwrap_or_default();
        if n <= page.session_fail_first {
            return Err(VisitError::Failed(format!("{url}: the check timed out")));
        }
        let text = if probe.kind() == "guest" && page.guest_open {
            FakeSite::page_text(&page)
        } else {
            "Log in to your patient portal"
        };
        let mut shown = FakeSite::snapshot(url, text);
        shown.session_check = Some(SessionCheck {
            kind: probe.kind().into(),
            ..SessionCheck::default()
        });
        Ok(shown)
    }

    fn login_cookies(&self) -> Option<Vec<CookieLifetime>> {
        self.login_cookies.clone()
    }

    fn fetch_text(&self, _tab: usize, url: &str) -> Result<String, VisitError> {
        self.fetches.lock().unwrap().push(url.to_string());
        self.sitemaps
            .get(url)
            .cloned()
            .ok_or_else(|| VisitError::Failed("HTTP 404".into()))
    }

    fn is_alive(&self) -> bool {
        self.alive.load(Ordering::SeqCst)
    }
}
