//! Reads one input and turns it into a snapshot, then into findings.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use portalscan_core::phi::{self, FingerprintKey};
use portalscan_core::report::coverage::page_gaps;
use portalscan_core::snapshot::SNAPSHOT_VERSION;
use portalscan_core::{ScanOptions, Scanned, Snapshot};
use portalscan_html::{decode_html_bytes, snapshot_from_html};

use crate::inputs::{Input, InputError, InputKind};
use crate::loader::{FileLoader, dir_url, file_url, path_from_file_url};

pub use portalscan_report::ScannedPage;

/// How many leading bytes are looked at to tell a binary file from a page.
const SNIFF_BYTES: usize = 1024;

/// Inputs larger than this are refused rather than risking the machine's memory (the
/// snapshot of a page takes several times its size). Also stops `/dev/zero`-like inputs.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Reads at most [`MAX_INPUT_BYTES`]; more is an error naming the limit.
fn read_limited(label: &str, reader: impl Read) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::io(label, "cannot read", &e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::new(
            label,
            format!(
                "too large: over {} MiB, not scanned",
                MAX_INPUT_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(bytes)
}

/// Reads an input into a snapshot.
pub fn load(input: &Input, slds: &Slds) -> Result<Snapshot, InputError> {
    load_noting(input, slds).map(|(snapshot, _)| snapshot)
}

/// What an empty page input is noted with (it is still scanned: an empty page is a page).
pub const EMPTY_NOTE: &str = "empty file: scanned as an empty page";

/// What a component that uses SLDS is noted with when no SLDS stylesheet was found: the
/// cascade then leaves the component's styles unknown, so every rule that reads a style
/// answers `review` rather than guessing.
pub const NO_SLDS_NOTE: &str = "uses SLDS (slds-* classes or lightning-* base components) but no SLDS stylesheet was found (give --slds PATH or PORTALSCAN_SLDS, or npm install @salesforce-ux/design-system): its styles are unknown, so colour contrast, focus visibility, target size and other style-dependent checks answer review";

/// Reads an input into a snapshot, with a note when the page was empty ([`EMPTY_NOTE`]) or
/// a component's SLDS styles are unknown ([`NO_SLDS_NOTE`]).
pub fn load_noting(
    input: &Input,
    slds: &Slds,
) -> Result<(Snapshot, Option<&'static str>), InputError> {
    let label = input.label();
    let (bytes, url) = match input {
        Input::Stdin => {
            let bytes = read_limited(&label, std::io::stdin().lock())?;
            // Relative stylesheet links from standard input resolve against the working
            // directory, as if the page were saved there.
            let cwd =
                std::env::current_dir().map_err(|e| InputError::io(&label, "cannot read", &e))?;
            (bytes, dir_url(&cwd))
        }
        Input::File { path, kind } => {
            let bytes =
                std::fs::read(path).map_err(|e| InputError::io(&label, "cannot read", &e))?;
            if *kind == InputKind::Snapshot {
                return Ok((parse_snapshot(&label, &bytes)?, None));
            }
            if let Some(component) = component_snapshot(path, &bytes, slds) {
                return Ok(component);
            }
            (bytes, file_url(path))
        }
    };
    let empty = bytes.iter().all(u8::is_ascii_whitespace);
    let snapshot = html_snapshot(&label, &bytes, &url)?;
    Ok((snapshot, empty.then_some(EMPTY_NOTE)))
}

/// A Lightning component's source (an LWC template: root `<template>`, no `<html>`; an
/// Aura `.cmp`) as the component's snapshot, with its `<name>.css`, light-DOM mode from
/// its `<name>.js`, and SLDS when found (see [`Slds`]); noted when it needs SLDS and none
/// was found. `None`: a page.
fn component_snapshot(
    path: &Path,
    bytes: &[u8],
    slds: &Slds,
) -> Option<(Snapshot, Option<&'static str>)> {
    use portalscan_html::lwc::{self, ComponentFiles, Framework};
    let text = decode_html_bytes(bytes);
    let framework = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("cmp"))
    {
        Framework::Aura
    } else if lwc::is_component_template(&text) {
        Framework::Lwc
    } else {
        return None;
    };
    let stem = path.file_stem()?.to_string_lossy().to_string();
    let sibling = |ext: &str| std::fs::read(path.with_extension(ext)).ok();
    let css = sibling("css").map(|b| decode_html_bytes(&b));
    let light_dom =
        sibling("js").is_some_and(|b| lwc::declares_light_dom(&String::from_utf8_lossy(&b)));
    let needs_slds = lwc::uses_slds(&text);
    let stylesheet = needs_slds.then(|| slds.for_component(path)).flatten();
    let files = ComponentFiles {
        name: lwc::host_tag(&stem),
        framework,
        template: &text,
        css: css.as_deref(),
        slds: stylesheet.as_deref(),
        light_dom,
    };
    let snapshot = lwc::snapshot_from_component(&files, &file_url(path));
    let note = (needs_slds && stylesheet.is_none()).then_some(NO_SLDS_NOTE);
    Some((snapshot, note))
}

/// Where component templates get the SLDS stylesheet from, decided once per run.
pub enum Slds {
    /// `--slds PATH`, else `PORTALSCAN_SLDS`: read and checked before anything is scanned.
    File(String),
    /// The project's own install, looked up from each component's folder (see
    /// [`Slds::for_component`]).
    Lookup,
}

/// The SLDS stylesheet inside an `@salesforce-ux/design-system` install.
const SLDS_IN_MODULES: &str = "node_modules/@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.min.css";

impl Slds {
    /// `--slds PATH` wins over `PORTALSCAN_SLDS` (an empty value counts as unset); either
    /// names a file that must be a readable stylesheet: a wrong path is an error naming
    /// it, never a silent scan without SLDS. Neither: [`Slds::Lookup`].
    pub fn resolve(flag: Option<&Path>) -> Result<Slds, InputError> {
        let env = std::env::var_os("PORTALSCAN_SLDS").filter(|v| !v.is_empty());
        let (path, given_by) = match (flag, env) {
            (Some(path), _) => (path.to_path_buf(), "--slds"),
            (None, Some(env)) => (std::path::PathBuf::from(env), "PORTALSCAN_SLDS"),
            (None, None) => return Ok(Slds::Lookup),
        };
        let label = path.display().to_string();
        let what = format!("cannot read the SLDS stylesheet given by {given_by}");
        let file = std::fs::File::open(&path).map_err(|e| InputError::io(&label, &what, &e))?;
        let bytes = read_limited(&label, file)?;
        let text = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(why) = portalscan_html::lwc::not_a_stylesheet(&text) {
            return Err(InputError::new(
                label,
                format!("not an SLDS stylesheet (given by {given_by}): {why}"),
            ));
        }
        Ok(Slds::File(text))
    }

    /// The stylesheet for the component at `path`: the given file, else
    /// [`SLDS_IN_MODULES`] in the component's folder or any folder above it (a DX
    /// project's own install), else in the working directory. `None`: not found.
    fn for_component(&self, path: &Path) -> Option<Cow<'_, str>> {
        if let Slds::File(text) = self {
            return Some(Cow::Borrowed(text));
        }
        let absolute = std::path::absolute(path).ok()?;
        let cwd = std::env::current_dir().ok();
        absolute
            .ancestors()
            .skip(1)
            .map(Path::to_path_buf)
            .chain(cwd)
            .find_map(|dir| std::fs::read_to_string(dir.join(SLDS_IN_MODULES)).ok())
            .map(Cow::Owned)
    }
}

/// Parses page bytes into the static snapshot, with linked local stylesheets.
pub fn html_snapshot(label: &str, bytes: &[u8], url: &str) -> Result<Snapshot, InputError> {
    if looks_binary(bytes) {
        return Err(InputError::new(
            label,
            "not an HTML page: contains NUL bytes (a binary file?)",
        ));
    }
    let html = decode_html_bytes(bytes);
    Ok(snapshot_from_html(&html, url, &FileLoader::new(url)))
}

/// NUL bytes near the start mean a binary file (as git and grep judge), unless a UTF-16
/// byte order mark says the zero bytes are half of UTF-16 code units.
fn looks_binary(bytes: &[u8]) -> bool {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    !utf16 && bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0)
}

/// A saved snapshot; the error names the line and column where the JSON went wrong.
pub fn parse_snapshot(label: &str, bytes: &[u8]) -> Result<Snapshot, InputError> {
    let snapshot: Snapshot = serde_json::from_slice(bytes).map_err(|e| {
        if is_report(bytes) {
            return InputError::new(
                label,
                "a portalscan JSON report, not a snapshot: scan the pages, or join reports with `portalscan merge`",
            );
        }
        // Parser messages quote the input's values, which may be PHI.
        let e = phi::redact_parser_message(&e.to_string());
        InputError::new(label, format!("not a valid snapshot: {e}"))
    })?;
    if snapshot.version > SNAPSHOT_VERSION {
        return Err(InputError::new(
            label,
            format!(
                "snapshot version {} is newer than this portalscan reads (up to {SNAPSHOT_VERSION})",
                snapshot.version
            ),
        ));
    }
    Ok(snapshot)
}

/// Whether JSON bytes are a portalscan report (what `scan --format json` and `crawl`
/// write): `tool.name` says so.
fn is_report(bytes: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Tool {
        name: String,
    }
    #[derive(serde::Deserialize)]
    struct Head {
        tool: Tool,
        findings: serde::de::IgnoredAny,
    }
    serde_json::from_slice::<Head>(bytes).is_ok_and(|h| {
        let _ = h.findings;
        h.tool.name == "portalscan"
    })
}

/// Scans a loaded snapshot with every rule. Passes are only collected when a report needs
/// them (`--all`, JUnit's passed testcases): each costs a selector, which is not free on
/// very deep pages.
pub fn scan_page(
    input: &Input,
    snapshot: &Snapshot,
    include_passes: bool,
    key: &FingerprintKey,
    max_findings_per_rule: Option<usize>,
) -> ScannedPage {
    // A page URL can carry PHI (`?mrn=…`): reports show it redacted.
    let url = phi::redact_url(&snapshot.url);
    let artifact = match input {
        Input::Stdin => "stdin".to_string(),
        Input::File { path, .. } => artifact_for(&url, path),
    };
    // A local page's fingerprints use its path relative to the working directory, so
    // baselines made in one checkout match in another (the absolute `file:` URL differs).
    let page_key = (url.starts_with("file:") && !artifact.contains("://")).then_some(&artifact);
    let options = ScanOptions {
        page_key: page_key.cloned(),
        ..scan_options(include_passes, key, max_findings_per_rule)
    };
    let scanned = portalscan_core::scan_bounded(snapshot, &options);
    let gaps = page_gaps(snapshot, &scanned.findings);
    let mut page = ScannedPage {
        input: input.label(),
        artifact,
        url,
        findings: scanned.findings,
        truncated: scanned.truncated,
        baselined: Vec::new(),
        extra: serde_json::Map::new(),
    };
    page.set_coverage(gaps);
    page
}

/// The findings of a snapshot: every rule, PHI fingerprints keyed with `key`, at most
/// `max_findings_per_rule` of one rule and outcome. What `crawl` and HAR pages run;
/// [`scan_page`] adds a local file's page key to the same options.
pub fn findings(
    snapshot: &Snapshot,
    include_passes: bool,
    key: &FingerprintKey,
    max_findings_per_rule: Option<usize>,
) -> Scanned {
    portalscan_core::scan_bounded(
        snapshot,
        &scan_options(include_passes, key, max_findings_per_rule),
    )
}

/// The scan options every CLI page scan shares.
fn scan_options(
    include_passes: bool,
    key: &FingerprintKey,
    max_findings_per_rule: Option<usize>,
) -> ScanOptions {
    ScanOptions {
        include_passes,
        fingerprint_key: Some(key.clone()),
        max_findings_per_rule,
        ..ScanOptions::default()
    }
}

/// Reads a file of at most [`MAX_INPUT_BYTES`] (a HAR, which is not a page input).
pub fn read_file_limited(path: &Path) -> Result<Vec<u8>, InputError> {
    let label = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| InputError::io(&label, "cannot read", &e))?;
    read_limited(&label, file)
}

/// The key for PHI fingerprints: `PORTALSCAN_FINGERPRINT_KEY` (to group values across runs),
/// otherwise a random key for this run (fingerprints group values within one report).
pub fn fingerprint_key() -> FingerprintKey {
    if let Some(key) = std::env::var_os("PORTALSCAN_FINGERPRINT_KEY").filter(|k| !k.is_empty()) {
        return FingerprintKey::new(key.into_encoded_bytes());
    }
    let mut bytes = vec![0u8; 32];
    let from_os = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .is_ok();
    if !from_os {
        // No /dev/urandom: the standard library's per-process random hash keys.
        use std::hash::{BuildHasher, Hasher};
        for (i, chunk) in bytes.chunks_mut(8).enumerate() {
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_usize(i);
            chunk.copy_from_slice(&h.finish().to_le_bytes());
        }
    }
    FingerprintKey::new(bytes)
}

/// A page URL as a SARIF artifact: local files relative to the working directory (so code
/// scanning links them to the repository), other URLs as they are. A snapshot whose URL
/// is not a file falls back to the snapshot's own path.
pub fn artifact_for(url: &str, input_path: &Path) -> String {
    if let Some(path) = path_from_file_url(url) {
        return relative_uri(&path).unwrap_or_else(|| url.to_string());
    }
    if url.contains("://") {
        return url.to_string();
    }
    relative_uri(input_path).unwrap_or_else(|| file_url(input_path))
}

/// The path relative to the working directory as a URI reference (`/` separators,
/// percent-encoded), or `None` when it is outside it.
fn relative_uri(path: &Path) -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let absolute = std::path::absolute(path).ok()?;
    let relative = absolute.strip_prefix(&cwd).ok()?;
    // Encode as a file URL does, then drop the `file:///` prefix.
    let url = file_url(&Path::new("/").join(relative));
    Some(url.trim_start_matches("file:///").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endless_input_stops_at_the_limit() {
        let endless = std::io::repeat(b'a');
        let err = read_limited("/dev/zero", endless).unwrap_err();
        assert_eq!(err.message, "too large: over 256 MiB, not scanned");
    }

    #[test]
    fn binary_is_told_from_utf16() {
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!looks_binary(b"<p>hi</p>"));
        assert!(!looks_binary(b"\xFF\xFE<\0p\0>\0"));
    }

    #[test]
    fn snapshot_errors_name_line_and_column() {
        let err = parse_snapshot("x.json", b"{\n  \"url\": 5\n}").unwrap_err();
        assert_eq!(err.input, "x.json");
        assert!(err.message.contains("line 2"), "{}", err.message);
        assert!(err.message.contains("column"), "{}", err.message);
    }

    #[test]
    fn snapshots_in_the_table_form_are_read_and_bad_style_indexes_named() {
        // What the Wasm package's snapshotJson() writes: each style once, nodes by index.
        let json = br#"{"url": "https://p.example/", "dom": {
            "styles": [{"display": "block"}],
            "nodes": [{"type": "document"},
                      {"parent": 0, "type": "element", "name": "html", "style": 0}]}}"#;
        let snapshot = parse_snapshot("page.snapshot.json", json).unwrap();
        let html = snapshot.dom.node(portalscan_core::NodeId(1));
        assert_eq!(
            html.style
                .as_ref()
                .and_then(|s| s.get(portalscan_core::css::DISPLAY)),
            Some("block")
        );
        let bad = String::from_utf8_lossy(json).replace(r#""style": 0"#, r#""style": 7"#);
        let err = parse_snapshot("page.snapshot.json", bad.as_bytes()).unwrap_err();
        assert_eq!(err.input, "page.snapshot.json");
        assert!(
            err.message
                .contains("node 1: style 7 is not in the styles table (1 entries)"),
            "{}",
            err.message
        );
    }

    #[test]
    fn newer_snapshot_versions_are_refused() {
        let json =
            br#"{"version": 99, "url": "https://p.example/", "dom": [{"type": "document"}]}"#;
        let err = parse_snapshot("x.json", json).unwrap_err();
        assert!(err.message.contains("newer"), "{}", err.message);
    }
}
