//! `scan --har`: a recorded session as pages. Without a page file, every top-level HTML
//! document in the HAR is scanned as a page of its own (its body is in the HAR); with one
//! file, the file is matched to the HAR's page it shows, never silently to the first.

use std::path::Path;

use portalscan_core::Snapshot;
use portalscan_core::har::{self, HarFacts, HarPage};
use portalscan_core::phi::{self, FingerprintKey};
use portalscan_core::report::coverage::{Gap, page_gaps};
use portalscan_html::{ResourceLoader, decode_html_bytes, snapshot_from_html};

use crate::inputs::{Input, InputError};
use crate::pages::{self, ScannedPage};

/// A HAR file, read as one page load and as a session of pages.
pub struct HarFile {
    pub label: String,
    /// The whole HAR as one page's facts (what a one-page HAR gives a page file).
    pub whole: HarFacts,
    pub pages: Vec<HarPage>,
}

/// Reads `--har`.
pub fn load(path: &Path) -> Result<HarFile, InputError> {
    let label = path.display().to_string();
    let bytes = pages::read_file_limited(path)?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = String::from_utf8_lossy(bytes);
    let error = |e: har::HarError| InputError::new(&label, e.to_string());
    Ok(HarFile {
        whole: har::parse(&text).map_err(error)?,
        pages: har::parse_session(&text).map_err(error)?,
        label,
    })
}

/// What a page whose document body the HAR lacks could not be checked for.
pub const NO_BODY: &str = "the HAR holds no body for this document (the browser did not \
     record it), so the page was not checked: neither its HTML (accessibility, PHI shown on \
     the page) nor its headers, cookies and requests; record the HAR with content (Playwright: \
     recordHar content \"embed\"; DevTools: \"Save all as HAR (with content)\")";

/// Every page of the session, scanned. Pages without a body are listed, unscanned, with a
/// warning (also on standard error).
pub fn scan_session(
    har: &HarFile,
    include_passes: bool,
    key: &FingerprintKey,
    max_findings_per_rule: Option<usize>,
) -> Result<Vec<ScannedPage>, InputError> {
    if har.pages.is_empty() {
        return Err(InputError::new(
            &har.label,
            "no HTML document in the HAR: nothing to scan as a page (give the page's HTML file with it)",
        ));
    }
    let mut scanned = Vec::new();
    for page in &har.pages {
        let url = page.facts.page_url.clone().unwrap_or_default();
        let mut out = ScannedPage {
            input: har.label.clone(),
            url: phi::redact_url(&url),
            artifact: phi::redact_url(&url),
            findings: Vec::new(),
            baselined: Vec::new(),
            truncated: Vec::new(),
            extra: serde_json::Map::new(),
        };
        match &page.body {
            Some(body) => {
                let html = decode_html_bytes(body.as_bytes());
                let mut snapshot = snapshot_from_html(&html, &url, &HarLoader(&page.facts));
                har::apply(&mut snapshot, page.facts.clone());
                let scanned =
                    pages::findings(&snapshot, include_passes, key, max_findings_per_rule);
                out.findings = scanned.findings;
                out.truncated = scanned.truncated;
                out.set_coverage(page_gaps(&snapshot, &out.findings));
            }
            None => {
                eprintln!("portalscan: {}: {}: {NO_BODY}", har.label, out.url);
                out.extra
                    .insert("warnings".into(), serde_json::json!([NO_BODY]));
                // Nothing on the page was checked: its coverage says so, not "complete".
                out.set_coverage(vec![Gap::new("har_body", NO_BODY)]);
            }
        }
        scanned.push(out);
    }
    Ok(scanned)
}

/// The HAR facts for one page file: the whole HAR when it holds one page (or none), else
/// the page named by `--url`, the page whose URL a saved snapshot has, or the page whose
/// body is the file's HTML. Several candidates or none is an error saying how to choose.
pub fn facts_for(
    har: &HarFile,
    input: &Input,
    snapshot: &Snapshot,
    url: Option<&str>,
) -> Result<HarFacts, InputError> {
    let page_url = |p: &HarPage| p.facts.page_url.clone().unwrap_or_default();
    if let Some(url) = url {
        return har
            .pages
            .iter()
            .find(|p| page_url(p) == url)
            .map(|p| p.facts.clone())
            .ok_or_else(|| {
                InputError::new(
                    &har.label,
                    format!(
                        "--url {}: no such page in the HAR (its pages: {})",
                        phi::redact_url(url),
                        listing(har)
                    ),
                )
            });
    }
    if har.pages.len() <= 1 {
        return Ok(har.whole.clone());
    }
    let by_url: Vec<&HarPage> = har
        .pages
        .iter()
        .filter(|p| page_url(p) == snapshot.url)
        .collect();
    if by_url.len() == 1 {
        return Ok(by_url[0].facts.clone());
    }
    let html = file_html(input);
    let by_body: Vec<&HarPage> = har
        .pages
        .iter()
        .filter(|p| {
            let body = p.body.as_deref().map(str::trim);
            body.is_some() && body == html.as_deref().map(str::trim)
        })
        .collect();
    match by_body.as_slice() {
        [page] => Ok(page.facts.clone()),
        [] => Err(InputError::new(
            input.label(),
            format!(
                "the HAR {} holds {} pages and none has this file's HTML as its body; say which page the file is with --url URL (the HAR's pages: {})",
                har.label,
                har.pages.len(),
                listing(har)
            ),
        )),
        _ => Err(InputError::new(
            input.label(),
            format!(
                "the HAR {} holds {} pages with this file's HTML as their body; say which with --url URL (the HAR's pages: {})",
                har.label,
                by_body.len(),
                listing(har)
            ),
        )),
    }
}

/// The HAR's page URLs, redacted, for messages.
fn listing(har: &HarFile) -> String {
    har.pages
        .iter()
        .map(|p| phi::redact_url(p.facts.page_url.as_deref().unwrap_or_default()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A page file's HTML as the scanner read it; `None` for standard input (already read) and
/// snapshots (no HTML).
fn file_html(input: &Input) -> Option<String> {
    match input {
        Input::File { path, kind } if *kind == crate::inputs::InputKind::Html => {
            let bytes = std::fs::read(path).ok()?;
            Some(decode_html_bytes(&bytes))
        }
        _ => None,
    }
}

/// Stylesheets from the HAR's own response bodies (never the network).
struct HarLoader<'a>(&'a HarFacts);

impl ResourceLoader for HarLoader<'_> {
    fn stylesheet(&self, href: &str) -> Option<String> {
        let base = self.0.page_url.as_deref()?;
        let url = portalscan_core::url::resolve(base, href)?;
        self.0
            .requests
            .iter()
            .find(|r| r.url == url && r.status.is_some_and(|s| (200..300).contains(&s)))
            .and_then(|r| r.response_body.clone())
    }
}
