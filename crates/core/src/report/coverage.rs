//! A page's coverage: what could not be evaluated on it, and why. Every report lists it
//! (`pages[].coverage`) so a page that could not be fully checked never looks the same as
//! one that passed. Built from the snapshot's unknown facts and the page's findings only:
//! front-ends add the gaps only they know (a HAR without bodies, a failed browser step).

use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Outcome};
use crate::snapshot::Snapshot;

/// One thing the scan could not evaluate on a page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// A stable name (a JSON contract value): `layout`, a snapshot fact (`response`,
    /// `cookies`, `storage`, `requests`, `console`, `keyboard`, `focus_order`,
    /// `pointer_handlers`, `viewport`), `frame`, `stylesheet`, `word_lists`, `review`, or
    /// a front-end's own (`har_body`, `browser_step`).
    pub what: String,
    /// Why, for people; never page content, URLs redacted.
    pub why: String,
    /// `review` only: the rules that answered `review` on the page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<String>,
}

impl Gap {
    pub fn new(what: impl Into<String>, why: impl Into<String>) -> Gap {
        Gap {
            what: what.into(),
            why: why.into(),
            rules: Vec::new(),
        }
    }
}

/// `pages[].coverage`: `complete` is `true` only when nothing is listed in `gaps`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Coverage {
    pub complete: bool,
    pub gaps: Vec<Gap>,
}

impl Coverage {
    pub fn from_gaps(gaps: Vec<Gap>) -> Coverage {
        Coverage {
            complete: gaps.is_empty(),
            gaps,
        }
    }

    /// The JSON value front-ends put in `pages[].coverage`.
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or_default()
    }
}

/// The snapshot facts a front-end may leave unknown (`None`), by name: the README's
/// `pages[].unknown` values.
const FACTS: &[&str] = &[
    "response",
    "cookies",
    "storage",
    "requests",
    "console",
    "focus_order",
    "keyboard",
    "pointer_handlers",
    "viewport",
];

/// Facts of a whole page that a component's source has no part in.
const PAGE_ONLY: &[&str] = &[
    "response", "cookies", "storage", "requests", "console", "viewport",
];

/// Why an unknown fact is a gap, as said for a static scan (`static_scan`) or for a
/// front-end running in the page (the Wasm collector), which cannot read headers or
/// HttpOnly cookies.
fn fact_why(name: &str, static_scan: bool) -> &'static str {
    match (name, static_scan) {
        ("response", true) => {
            "no response headers in a static scan without a HAR: caching and security \
             headers were not checked"
        }
        ("response", false) => {
            "the front-end gave no response headers (a script in the page cannot read \
             them): caching and security headers were not checked"
        }
        ("cookies", true) => {
            "no cookies in a static scan without a HAR: cookie flags (HttpOnly, Secure, \
             SameSite) and PHI in cookies were not checked"
        }
        ("cookies", false) => {
            "the front-end gave no cookies (a script in the page never sees HttpOnly \
             cookies, nor any cookie's flags): cookie flags and PHI in cookies were not \
             checked"
        }
        ("storage", _) => {
            "client storage (localStorage, sessionStorage, IndexedDB, Cache Storage) was \
             not read: PHI stored in the browser was not checked"
        }
        ("requests", _) => {
            "the page's requests are unknown: third-party code and PHI sent elsewhere were \
             not checked"
        }
        ("console", _) => "the console was not read: PHI logged to it was not checked",
        ("focus_order", _) => "the Tab order is unknown: focus order was not checked",
        ("keyboard", _) => "no live Tab walk: keyboard traps and visible focus were not checked",
        ("pointer_handlers", _) => {
            "pointer listeners are unknown: clickable elements without a role were not found"
        }
        _ => "the viewport is unknown: zoom and reflow were not checked",
    }
}

/// The snapshot facts left unknown, by name (the Wasm report's `pages[].unknown`).
pub fn unknown_facts(s: &Snapshot) -> Vec<&'static str> {
    let unknown = [
        s.response.is_none(),
        s.cookies.is_none(),
        s.storage.is_none(),
        s.requests.is_none(),
        s.console.is_none(),
        s.focus_order.is_none(),
        s.keyboard.is_none(),
        s.pointer_handlers.is_none(),
        s.viewport.is_none(),
    ];
    FACTS
        .iter()
        .zip(unknown)
        .filter(|(_, unknown)| *unknown)
        .map(|(name, _)| *name)
        .collect()
}

/// What could not be evaluated on `snapshot`'s page, given its `findings`.
pub fn page_gaps(snapshot: &Snapshot, findings: &[Finding]) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let capture = snapshot.capture();
    match capture.laid_out {
        Some(true) => {}
        Some(false) => gaps.push(Gap::new(
            "layout",
            "no layout in a static scan: element boxes, paint order, target sizes and \
             reflow were not checked",
        )),
        None => gaps.push(Gap::new(
            "layout",
            "whether the page was laid out is unknown: element boxes, paint order and \
             target sizes were not checked",
        )),
    }
    let static_scan = capture.scripts_ran == Some(false);
    let component = snapshot.component_source.as_ref();
    gaps.extend(
        unknown_facts(snapshot)
            .into_iter()
            .filter(|name| component.is_none() || !PAGE_ONLY.contains(name))
            .map(|name| Gap::new(name, fact_why(name, static_scan))),
    );
    match component {
        Some(source) => gaps.extend(component_gaps(source)),
        None if static_scan => gaps.extend(script_gaps(snapshot)),
        None => {}
    }
    gaps.extend(frame_gaps(snapshot));
    if let Some(sheets) = &snapshot.stylesheets_not_loaded {
        gaps.extend(sheets.iter().map(|href| {
            Gap::new(
                "stylesheet",
                format!(
                    "stylesheet {} could not be loaded: its styles are unknown",
                    crate::phi::redact_url(href)
                ),
            )
        }));
    }
    gaps.extend(word_lists_gap(snapshot));
    gaps.extend(review_gap(findings));
    gaps
}

/// A build without the word lists (the Wasm package) judges the language of text by
/// its writing system and function words only: said wherever a `lang` attribute makes the
/// language rules apply.
fn word_lists_gap(snapshot: &Snapshot) -> Option<Gap> {
    // The build first: a native scan never walks the page for this.
    let judged = crate::word_lists::word_lists().is_none()
        && snapshot.dom.elements().any(|e| e.has_attr("lang"));
    judged.then(|| {
        Gap::new(
            "word_lists",
            "this build has no word lists: whether text is in the language its lang \
             names was judged by its writing system and function words only",
        )
    })
}

/// SVG and MathML element names with a hyphen: not custom elements.
const NOT_CUSTOM: &[&str] = &[
    "annotation-xml",
    "color-profile",
    "font-face",
    "font-face-src",
    "font-face-uri",
    "font-face-format",
    "font-face-name",
    "missing-glyph",
];

/// A page whose scripts did not run (a static scan): what they would add is unknown, and
/// custom elements (LWC and Aura components) have no shadow tree, open or closed, unless
/// the markup declares one.
fn script_gaps(snapshot: &Snapshot) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let scripts = snapshot
        .dom
        .elements()
        .filter(|e| e.is("script"))
        .filter(|e| {
            let kind = e.attr("type").unwrap_or("").trim().to_ascii_lowercase();
            kind.is_empty() || kind == "module" || kind.contains("javascript")
        })
        .count();
    if scripts > 0 {
        gaps.push(Gap::new(
            "scripts",
            format!(
                "{scripts} script(s) did not run (a static scan): what they add to or change \
                 on the page was not checked"
            ),
        ));
    }
    let mut hosts: Vec<&str> = snapshot
        .dom
        .elements()
        .filter(|e| e.is_html() && e.name().contains('-') && !NOT_CUSTOM.contains(&e.name()))
        .filter(|e| e.shadow_root().is_none())
        .map(|e| e.name())
        .collect();
    let count = hosts.len();
    hosts.sort_unstable();
    hosts.dedup();
    if count > 0 {
        let shown = hosts.len().min(3);
        let more = if hosts.len() > shown { ", …" } else { "" };
        gaps.push(Gap::new(
            "shadow_roots",
            format!(
                "{count} custom element(s) ({}{more}) have no shadow tree in a static scan: \
                 what they render in an open or closed shadow root was not checked",
                hosts[..shown].join(", ")
            ),
        ));
    }
    gaps
}

/// A component's source: what only run time knows (see [`crate::template`]).
fn component_gaps(source: &crate::template::ComponentSource) -> Vec<Gap> {
    let mut gaps = Vec::new();
    if !source.unknown.is_empty() {
        gaps.push(Gap::new(
            "expressions",
            format!(
                "{} value(s) written as template expressions are unknown until run time",
                source.unknown.len()
            ),
        ));
    }
    if !source.conditional.is_empty() {
        gaps.push(Gap::new(
            "conditional",
            format!(
                "{} element(s) render only under a condition or once per item: whether and how often \
                 is known only at run time",
                source.conditional.len()
            ),
        ));
    }
    gaps.extend(
        source
            .opaque
            .iter()
            .map(|o| Gap::new("opaque", format!("{}: its inside was not checked", o.why))),
    );
    gaps
}

/// The page's frames (its frame documents' included) whose document the front-end did not
/// attach to the snapshot, or attached while it was still the empty document a frame
/// starts with (its page had not loaded): nothing inside them was checked. A frame with
/// neither `src` nor `srcdoc` (or `about:blank`) holds an empty document: no gap.
fn frame_gaps(snapshot: &Snapshot) -> Vec<Gap> {
    snapshot
        .dom
        .elements()
        .filter(|e| e.is("iframe") || e.is("frame"))
        .filter_map(|e| {
            let src = match (e.attr("srcdoc"), e.attr("src").map(str::trim)) {
                (Some(_), _) => "(srcdoc)".to_string(),
                (None, Some(src)) if names_a_document(src) => crate::phi::redact_url(src),
                _ => return None,
            };
            let why = match snapshot.dom.content_document(e.id) {
                None => format!("frame {src} was not attached: its document was not scanned"),
                Some(doc) if still_initial(snapshot.dom.document_url(doc)) => {
                    format!(
                        "frame {src} had not loaded when the page was captured: its document \
                         was not scanned"
                    )
                }
                Some(_) => return None,
            };
            Some(Gap::new("frame", why))
        })
        .collect()
}

/// Whether a frame's `src` loads a document (not the empty one, not a script URL).
fn names_a_document(src: &str) -> bool {
    !src.is_empty()
        && src != "about:blank"
        && !src
            .get(..11)
            .is_some_and(|scheme| scheme.eq_ignore_ascii_case("javascript:"))
}

/// Whether an attached frame document is still the `about:blank` a frame holds before its
/// `src` (or `srcdoc`, whose document is `about:srcdoc`) has loaded.
fn still_initial(url: Option<&str>) -> bool {
    url.is_some_and(|url| url.trim().eq_ignore_ascii_case("about:blank"))
}

/// The rules that answered `review` on the page: they could not decide from what the page
/// gave (each finding's message says what is missing).
fn review_gap(findings: &[Finding]) -> Option<Gap> {
    let mut rules: Vec<String> = findings
        .iter()
        .filter(|f| f.outcome == Outcome::Review)
        .map(|f| f.rule.clone())
        .collect();
    rules.sort();
    rules.dedup();
    (!rules.is_empty()).then(|| Gap {
        what: "review".into(),
        why: format!(
            "{} rule(s) answered review: the page did not give the facts to decide (each \
             finding says what is missing)",
            rules.len()
        ),
        rules,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ScanOptions, scan};

    fn snapshot(json: &str) -> Snapshot {
        serde_json::from_str(json).unwrap()
    }

    /// What the page's frame gaps say.
    fn frame_gaps_of(s: &Snapshot) -> Vec<String> {
        page_gaps(s, &[])
            .into_iter()
            .filter(|g| g.what == "frame")
            .map(|g| g.why)
            .collect()
    }

    fn whats(gaps: &[Gap]) -> Vec<&str> {
        gaps.iter().map(|g| g.what.as_str()).collect()
    }

    const STATIC: &str = r#"{"url":"file:///p.html","source":"static-html","laid_out":false,
        "scripts_ran":false,"dom":[
        {"type":"document"},
        {"parent":0,"type":"element","name":"html","attrs":[]},
        {"parent":1,"type":"element","name":"body","attrs":[]},
        {"parent":2,"type":"element","name":"iframe","attrs":[["src","https://x.example/v?mrn=123456"]]},
        {"parent":2,"type":"element","name":"iframe","attrs":[]},
        {"parent":2,"type":"element","name":"img","attrs":[["src","a.png"],["alt",""],["title","x"]]}],
        "stylesheets_not_loaded":["https://cdn.example/site.css"]}"#;

    #[test]
    fn a_static_page_lists_layout_facts_frames_and_stylesheets() {
        let s = snapshot(STATIC);
        let gaps = page_gaps(&s, &[]);
        assert_eq!(
            whats(&gaps),
            [
                "layout",
                "response",
                "cookies",
                "storage",
                "requests",
                "console",
                "focus_order",
                "keyboard",
                "pointer_handlers",
                "viewport",
                "frame",
                "stylesheet"
            ]
        );
        // The frame's URL is redacted as every URL in a report is; the empty frame is no gap.
        let frame = &gaps[10];
        assert!(frame.why.contains("https://x.example/v"), "{}", frame.why);
        assert!(!frame.why.contains("123456"), "{}", frame.why);
        assert!(gaps[11].why.contains("https://cdn.example/site.css"));
        assert!(!Coverage::from_gaps(gaps).complete);
    }

    #[test]
    fn a_page_with_lang_is_judged_by_word_lists_where_the_build_has_them() {
        let with_lang = STATIC.replace(
            r#""name":"html","attrs":[]"#,
            r#""name":"html","attrs":[["lang","en"]]"#,
        );
        let has_gap = |json: &str| {
            page_gaps(&snapshot(json), &[])
                .iter()
                .any(|g| g.what == "word_lists")
        };
        assert!(!has_gap(STATIC), "no lang: the language rules do not apply");
        assert_eq!(
            has_gap(&with_lang),
            !cfg!(feature = "word-lists"),
            "a gap exactly where the build has no word lists"
        );
    }

    #[test]
    fn only_frames_whose_document_is_not_attached_are_gaps() {
        // An attached frame, and inside its document a frame of its own that is not.
        let s = snapshot(
            r#"{"url":"https://p.example/s/","dom":[
            {"type":"document"},
            {"parent":0,"type":"element","name":"iframe","attrs":[["src","/s/pay"]]},
            {"parent":1,"type":"content_document","url":"https://p.example/s/pay"},
            {"parent":2,"type":"element","name":"iframe","attrs":[["src","https://ads.example/a?mrn=123456"]]}]}"#,
        );
        let frames = frame_gaps_of(&s);
        assert_eq!(frames.len(), 1, "{frames:?}");
        assert!(frames[0].contains("https://ads.example/a"), "{}", frames[0]);
        assert!(!frames[0].contains("123456"), "{}", frames[0]);
    }

    #[test]
    fn a_frame_captured_before_its_page_loaded_is_a_gap() {
        // Still the empty document it starts with, a loaded srcdoc frame, and an empty frame.
        let s = snapshot(
            r#"{"url":"https://p.example/s/","dom":[
            {"type":"document"},
            {"parent":0,"type":"element","name":"iframe","attrs":[["src","/s/check-in?mrn=123456"]]},
            {"parent":1,"type":"content_document","url":"about:blank"},
            {"parent":0,"type":"element","name":"iframe","attrs":[["srcdoc","<p>hi</p>"]]},
            {"parent":3,"type":"content_document","url":"about:srcdoc"},
            {"parent":0,"type":"element","name":"iframe","attrs":[]},
            {"parent":5,"type":"content_document","url":"about:blank"}]}"#,
        );
        let frames = frame_gaps_of(&s);
        assert_eq!(frames.len(), 1, "{frames:?}");
        assert!(frames[0].contains("/s/check-in"), "{}", frames[0]);
        assert!(frames[0].contains("had not loaded"), "{}", frames[0]);
        assert!(!frames[0].contains("123456"), "{}", frames[0]);
    }

    #[test]
    fn rules_that_answered_review_are_named_once() {
        let s = snapshot(STATIC);
        let findings = scan(&s, &ScanOptions::default());
        let reviews: Vec<&str> = findings
            .iter()
            .filter(|f| f.outcome == Outcome::Review)
            .map(|f| f.rule.as_str())
            .collect();
        assert!(
            !reviews.is_empty(),
            "the fixture has no review: {findings:?}"
        );
        let gap = page_gaps(&s, &findings)
            .into_iter()
            .find(|g| g.what == "review")
            .unwrap();
        for rule in &reviews {
            assert_eq!(gap.rules.iter().filter(|r| r == rule).count(), 1, "{rule}");
        }
    }

    #[test]
    fn a_static_page_says_its_scripts_and_shadow_trees_were_not_run() {
        // Two components with no shadow tree (scripts did not run), one with a declarative
        // one (no gap), a JSON data block (not a script), an empty frame (no gap).
        let s = snapshot(
            r#"{"url":"file:///p.html","laid_out":false,"scripts_ran":false,"dom":[
            {"type":"document"},
            {"parent":0,"type":"element","name":"html","attrs":[]},
            {"parent":1,"type":"element","name":"body","attrs":[]},
            {"parent":2,"type":"element","name":"c-patient-card","attrs":[]},
            {"parent":2,"type":"element","name":"c-patient-card","attrs":[]},
            {"parent":2,"type":"element","name":"c-visits","attrs":[]},
            {"parent":5,"type":"shadow_root","mode":"closed"},
            {"parent":2,"type":"element","name":"script","attrs":[["src","app.js"]]},
            {"parent":2,"type":"element","name":"script","attrs":[["type","application/json"]]},
            {"parent":2,"type":"element","name":"iframe","attrs":[["src","about:blank"]]}]}"#,
        );
        let gaps = page_gaps(&s, &[]);
        let gap = |what: &str| gaps.iter().find(|g| g.what == what);
        assert_eq!(
            gap("scripts").unwrap().why,
            "1 script(s) did not run (a static scan): what they add to or change on the page \
             was not checked"
        );
        assert_eq!(
            gap("shadow_roots").unwrap().why,
            "2 custom element(s) (c-patient-card) have no shadow tree in a static scan: what \
             they render in an open or closed shadow root was not checked"
        );
        assert!(gap("frame").is_none(), "{gaps:?}");
        // No HAR: the static wording names it.
        assert!(gap("cookies").unwrap().why.contains("without a HAR"));
    }

    #[test]
    fn a_front_end_in_the_page_says_it_cannot_see_httponly_cookies() {
        let s = snapshot(
            r#"{"url":"https://p.example/s/","source":"wasm","laid_out":true,"scripts_ran":true,
            "dom":[{"type":"document"},
            {"parent":0,"type":"element","name":"c-visits","attrs":[]}],
            "viewport":{"width":1280,"height":800},"storage":{"local":[],"session":[]}}"#,
        );
        let gaps = page_gaps(&s, &[]);
        assert_eq!(
            whats(&gaps),
            [
                "response",
                "cookies",
                "requests",
                "console",
                "focus_order",
                "keyboard",
                "pointer_handlers"
            ]
        );
        assert!(
            gaps[1].why.contains("never sees HttpOnly cookies"),
            "{}",
            gaps[1].why
        );
    }

    #[test]
    fn a_component_lists_what_only_run_time_knows_not_page_facts() {
        let s = snapshot(
            r#"{"url":"file:///c/card.html","laid_out":false,"scripts_ran":false,"dom":[
            {"type":"document"},
            {"parent":0,"type":"element","name":"c-card","attrs":[]},
            {"parent":1,"type":"element","name":"img","attrs":[["alt","{altText}"]]},
            {"parent":1,"type":"element","name":"c-avatar","attrs":[]}],
            "component_source":{"name":"c-card","framework":"lwc",
            "unknown":[{"node":2,"attr":"alt","expr":"altText"}],"conditional":[2],
            "opaque":[{"node":3,"why":"<c-avatar> renders its own content"}]}}"#,
        );
        let gaps = page_gaps(&s, &[]);
        assert_eq!(
            whats(&gaps),
            [
                "layout",
                "focus_order",
                "keyboard",
                "pointer_handlers",
                "expressions",
                "conditional",
                "opaque"
            ]
        );
        assert_eq!(
            gaps[6].why,
            "<c-avatar> renders its own content: its inside was not checked"
        );
    }

    #[test]
    fn a_page_with_every_fact_is_complete() {
        let s = snapshot(
            r#"{"url":"https://p.example/s/","source":"chromium","laid_out":true,
            "dom":[{"type":"document"}],"focus_order":[],"viewport":{"width":1280,"height":800},
            "response":{"status":200,"headers":[]},"cookies":[],"storage":{"local":[],"session":[]},
            "requests":[],"console":[],"keyboard":{"stops":[],"cycled":true,"truncated":false},"pointer_handlers":[]}"#,
        );
        let coverage = Coverage::from_gaps(page_gaps(&s, &[]));
        assert_eq!(coverage.gaps, []);
        assert!(coverage.complete);
        assert_eq!(coverage.to_value()["complete"], true);
    }
}
