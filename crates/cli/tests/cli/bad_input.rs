//! Inputs that are broken, odd or huge: each gives a clear message or a normal report,
//! never a panic, and one bad input never hides the findings of the others.

use std::fmt::Write;

use crate::support::{TempDir, data, findings, run, triples};

/// An error line names the input and the problem, as `portalscan: <input>: <problem>`.
fn assert_error_line(stderr: &str, input: &str, problem: &str) {
    let expected = format!("portalscan: {input}: {problem}");
    assert!(
        stderr.lines().any(|l| l.starts_with(&expected)),
        "expected a line starting with {expected:?} in stderr:\n{stderr}"
    );
}

#[test]
fn binary_file_is_refused_with_a_reason() {
    let dir = TempDir::new("binary");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01".to_vec();
    png.extend((0..4096u32).map(|i| (i * 7 % 256) as u8));
    let path = dir.write("photo.html", &png);
    let out = run(&["scan", &path, "--format", "json"]);
    assert_eq!(out.code, 2, "stdout: {}", out.stdout);
    assert_error_line(&out.stderr, &path, "not an HTML page");
    let report = out.json();
    assert_eq!(report["errors"][0]["input"], path.as_str());
    assert_eq!(report["summary"]["pages"], 0);
}

#[test]
fn invalid_utf8_is_decoded_with_replacement_characters() {
    let dir = TempDir::new("utf8");
    let path = dir.write(
        "latin1.html",
        b"<html lang=\"fr\"><head><title>Caf\xE9 \xFF\xFE</title></head><body><p>R\xE9sum\xE9</p></body></html>",
    );
    let out = run(&["scan", &path, "--format", "json", "--all"]);
    assert_ne!(out.code, 2, "stderr: {}", out.stderr);
    let report = out.json();
    assert_eq!(report["errors"].as_array().unwrap().len(), 0);
    assert_eq!(report["summary"]["pages"], 1);
    // The title is there, so the page-title rule passes ...
    assert!(
        triples(&report)
            .iter()
            .any(|(rule, outcome, _)| rule == "document-title" && outcome == "pass"),
        "{:?}",
        triples(&report)
    );
    // ... and its invalid bytes became U+FFFD, as a browser decodes them.
    let snapshot = run(&["snapshot", &path]);
    assert_eq!(snapshot.code, 0, "{}", snapshot.stderr);
    assert!(
        snapshot.stdout.contains("Caf\u{FFFD} \u{FFFD}\u{FFFD}"),
        "{}",
        snapshot.stdout
    );
}

#[test]
fn empty_file_is_scanned_as_an_empty_page() {
    let dir = TempDir::new("empty");
    let path = dir.write("empty.html", b"");
    let out = run(&["scan", &path, "--format", "json"]);
    assert_eq!(out.code, 1, "an empty page has no title: {}", out.stderr);
    let report = out.json();
    assert_eq!(report["summary"]["pages"], 1);
    assert!(
        triples(&report)
            .iter()
            .any(|(r, o, _)| r == "document-title" && o == "fail")
    );
}

#[test]
fn missing_and_unreadable_paths_are_named() {
    let out = run(&["scan", "no/such/page.html"]);
    assert_eq!(out.code, 2);
    assert_error_line(
        &out.stderr,
        "no/such/page.html",
        "cannot read: no such file or directory",
    );

    let dir = TempDir::new("unreadable");
    let path = dir.write("locked.html", b"<title>x</title>");
    set_mode(&path, 0o000);
    let readable_anyway = std::fs::read(&path).is_ok(); // root reads everything
    let out = run(&["scan", &path]);
    set_mode(&path, 0o644);
    if readable_anyway {
        assert_ne!(out.code, 2, "running as root: the file is readable");
    } else {
        assert_eq!(out.code, 2);
        assert_error_line(&out.stderr, &path, "cannot read: permission denied");
    }
}

#[cfg(unix)]
fn set_mode(path: &str, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[cfg(not(unix))]
fn set_mode(_path: &str, _mode: u32) {}

#[test]
fn malformed_snapshot_json_names_file_line_and_column() {
    let dir = TempDir::new("snapshot");
    let path = dir.write(
        "broken.snapshot.json",
        b"{\n  \"url\": \"https://portal.example/\",\n  \"dom\": [\n    {\"type\": \"document\"},\n    {\"type\": \"element\" \"name\": \"html\"}\n  ]\n}\n",
    );
    let out = run(&["scan", &path]);
    assert_eq!(out.code, 2);
    assert_error_line(&out.stderr, &path, "not a valid snapshot");
    assert!(out.stderr.contains("line 5 column"), "{}", out.stderr);

    // Well-formed JSON that breaks the arena's rules is refused too.
    let path = dir.write(
        "orphan.snapshot.json",
        br#"{"url": "https://portal.example/", "dom": [{"type": "document"}, {"type": "element", "name": "p", "parent": 7}]}"#,
    );
    let out = run(&["scan", &path]);
    assert_eq!(out.code, 2);
    assert_error_line(&out.stderr, &path, "not a valid snapshot");
}

#[test]
fn one_bad_input_among_good_ones_still_reports_the_good_ones() {
    let dir = TempDir::new("mixed");
    let bad = dir.write("bad.snapshot.json", b"{ not json");
    let good = data("pages/no-title.html");
    let titled = data("pages/titled.html");
    let out = run(&["scan", &good, &bad, &titled, "--format", "json"]);
    assert_eq!(out.code, 2, "an input error wins over findings");
    let report = out.json();
    assert_eq!(report["summary"]["pages"], 2);
    assert_eq!(report["errors"].as_array().unwrap().len(), 1);
    assert_eq!(report["errors"][0]["input"], bad.as_str());
    assert!(
        findings(&report)
            .iter()
            .any(|f| f["rule"] == "document-title"
                && f["url"].as_str().unwrap().ends_with("no-title.html")),
        "the good page's finding is still reported"
    );
    // The text report is still written too.
    let text = run(&["scan", &good, &bad]);
    assert_eq!(text.code, 2);
    assert!(text.stdout.contains("document-title"), "{}", text.stdout);
    assert!(
        text.stdout.contains("1 input could not be scanned"),
        "{}",
        text.stdout
    );
}

#[test]
fn a_50_mb_page_is_scanned() {
    let dir = TempDir::new("large");
    let mut html = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Visit history</title></head><body><main>",
    );
    let mut i = 0;
    while html.len() < 50 * 1024 * 1024 {
        let _ = writeln!(
            html,
            "<article class=\"slds-card\"><h2>Visit {i}</h2><p>{}</p></article>",
            "Follow-up notes about the visit and the care plan. ".repeat(20)
        );
        i += 1;
    }
    html.push_str("</main></body></html>");
    let path = dir.write("large.html", &html);
    let out = run(&["scan", &path, "--format", "json"]);
    assert_ne!(out.code, 2, "stderr: {}", out.stderr);
    assert_eq!(out.json()["summary"]["pages"], 1);
}

#[test]
fn a_page_of_100000_nested_elements_is_scanned() {
    // html5ever's scope checks make this O(depth²) (~12 s in release); keep it the only one.
    let dir = TempDir::new("deep");
    let depth = 100_000;
    let mut html = String::with_capacity(depth * 11 + 100);
    html.push_str("<!DOCTYPE html><html lang=\"en\"><head><title>Deep</title></head><body>");
    html.push_str(&"<div>".repeat(depth));
    html.push_str("<p>bottom</p>");
    html.push_str(&"</div>".repeat(depth));
    html.push_str("</body></html>");
    let path = dir.write("deep.html", &html);
    let out = run(&["scan", &path, "--format", "json"]);
    assert_ne!(out.code, 2, "stderr: {}", out.stderr);
    assert_eq!(out.json()["summary"]["pages"], 1);
}

#[test]
fn a_directory_without_pages_is_an_input_error() {
    let dir = TempDir::new("no-pages");
    dir.write("notes.txt", b"not a page");
    dir.write("data.json", b"{}"); // only *.snapshot.json counts when walking
    let path = dir.0.display().to_string();
    let out = run(&["scan", &path, "--format", "json"]);
    assert_eq!(out.code, 2);
    assert_error_line(
        &out.stderr,
        &path,
        "no *.html, *.htm or *.snapshot.json files found",
    );
    assert_eq!(out.json()["summary"]["pages"], 0);
}

#[test]
fn snapshots_are_marked_as_phi_and_written_owner_only() {
    let dir = TempDir::new("snapshot-phi");
    let page = dir.write("p.html", b"<title>MRN 00123456</title>");
    let out_path = dir.path("saved/p.snapshot.json");
    let out = run(&["snapshot", &page, "-o", out_path.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("PHI"), "{}", out.stderr);
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(json["contains_phi"], true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out_path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
}

#[test]
fn a_report_given_to_scan_points_at_merge_and_an_empty_page_is_noted() {
    let dir = TempDir::new("report-input");
    let page = dir.write("p.html", b"<title>x</title>");
    let report = run(&["scan", &page, "--format", "json"]);
    let saved = dir.write("report.json", report.stdout.as_bytes());
    let out = run(&["scan", &saved]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("portalscan merge"), "{}", out.stderr);
    let empty = dir.write("empty.html", b"");
    let out = run(&["scan", &empty]);
    assert!(
        out.stderr.contains("empty.html: empty file"),
        "{}",
        out.stderr
    );
    let twice = run(&["scan", "-", "-"]);
    assert_eq!(twice.code, 2);
    assert!(twice.stderr.contains("only once"), "{}", twice.stderr);
}
