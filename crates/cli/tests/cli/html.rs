//! The HTML report: self-contained, XSS-proof (a page's markup is shown, never run) and
//! accessible enough that portalscan finds no failure in it.

use std::path::Path;
use std::process::Command;

use crate::support::{TempDir, repo_root, run, run_with};

/// Markup in every place a finding copies from the page: title, attribute values, text.
const HOSTILE: &str = r#"<!doctype html><html lang="en"><head>
<title>Visits &lt;/title&gt;&lt;script&gt;document.body.setAttribute('data-pwned','title')&lt;/script&gt;</title></head>
<body><main>
<img src="x.png" data-x='"><script>document.body.setAttribute("data-pwned","attr")</script>'
     class="</pre><script>document.body.setAttribute('data-pwned','class')</script>">
<a href="javascript:document.body.setAttribute('data-pwned','href')" title="<img src=x onerror=document.body.setAttribute('data-pwned','img')>"></a>
<button aria-label="</code><svg onload=document.body.setAttribute('data-pwned','svg')>" style="color:#eee;background:#fff">x</button>
<p lang="x&quot;><script>document.body.setAttribute('data-pwned','lang')</script>">Hi</p>
</main></body></html>"#;

fn html_report(dir: &TempDir) -> String {
    dir.write("hostile.html", HOSTILE);
    let run = run_with(
        &dir.0,
        &[
            "scan",
            "hostile.html",
            "--format",
            "html",
            "--output",
            "report.html",
        ],
        None,
        &[],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    std::fs::read_to_string(dir.path("report.html")).unwrap()
}

#[test]
fn page_markup_is_escaped_and_nothing_is_loaded() {
    let dir = TempDir::new("html-xss");
    let report = html_report(&dir);
    assert!(report.starts_with("<!doctype html>"));
    // The findings are there, with their markup as text.
    assert!(report.contains("image-name"), "{report}");
    assert!(report.contains("&lt;script&gt;"), "{report}");
    // Exactly one script element: the report's own.
    assert_eq!(report.matches("<script").count(), 1, "{report}");
    assert!(!report.contains("<svg"), "{report}");
    assert!(!report.contains("<img src=x"), "{report}");
    // No real tag carries an event handler attribute (escaped text may mention one).
    for tag in tags(&report) {
        let lower = tag.to_ascii_lowercase();
        assert!(
            !lower
                .split_whitespace()
                .any(|a| a.starts_with("on") && a.contains('=')),
            "event handler in {tag}"
        );
    }
    // Self-contained: no resource from anywhere (links to the W3C are not requests).
    for attr in [
        "src=\"http",
        "src=\"//",
        "href=\"javascript",
        "<link",
        "@import",
        "url(",
    ] {
        assert!(!report.contains(attr), "{attr} in report");
    }
    // And a policy that would stop them anyway.
    assert!(report.contains(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; img-src data:;"
    ));
    // Filters by rule, page, criterion, outcome and category, each labelled.
    for name in ["rule", "page", "wcag", "outcome", "category"] {
        assert!(
            report.contains(&format!("<label for=\"filter-{name}\">")),
            "{name}"
        );
        assert!(
            report.contains(&format!("<select id=\"filter-{name}\"")),
            "{name}"
        );
    }
}

/// The start tags of the document (escaped markup starts with `&lt;`, not `<`).
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .filter(|t| t.starts_with(|c: char| c.is_ascii_alphabetic()))
        .map(|t| t.split('>').next().unwrap_or(t))
        .collect()
}

#[test]
fn portalscan_finds_no_failure_in_its_own_report() {
    let dir = TempDir::new("html-self");
    html_report(&dir);
    let run = run_with(
        &dir.0,
        &["scan", "report.html", "--format", "json"],
        None,
        &[],
    );
    let json = run.json();
    assert_eq!(json["summary"]["fail"], 0, "{json:#}");
    assert_eq!(run.code, 0, "{}", run.stderr);
}

fn chromium() -> Option<String> {
    let explicit = std::env::var("CHROME").ok().filter(|c| !c.is_empty());
    explicit
        .into_iter()
        .chain([
            "/usr/bin/chromium".to_string(),
            "/usr/bin/chromium-browser".to_string(),
        ])
        .find(|p| Path::new(p).exists())
}

/// In a real browser: the report's own script runs under its CSP (the filter's reset
/// button is shown by it), and no planted script ran.
#[test]
fn in_chromium_only_the_reports_own_script_runs() {
    let Some(chrome) = chromium() else {
        eprintln!("skipped: no Chromium (set CHROME)");
        return;
    };
    let dir = TempDir::new("html-chromium");
    html_report(&dir);
    let profile = dir.path("profile");
    let out = Command::new(chrome)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.display()),
            "--dump-dom",
            &format!("file://{}", dir.path("report.html").display()),
        ])
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(
        dom.contains("id=\"shown\""),
        "no DOM dumped: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !dom.contains("data-pwned=\""),
        "a planted script ran:\n{dom}"
    );
    assert!(
        dom.contains("<button type=\"button\" id=\"reset\">"),
        "the report's script did not run (CSP hash?)"
    );
}

/// The report of the static fixture pages (five pages, components, PHI).
fn fixtures_report() -> String {
    let fixtures = repo_root().join("fixtures/static");
    let out = run(&["scan", fixtures.to_str().unwrap(), "--format", "html"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stdout
}

/// What a reader needs first comes first: the summary (rules linked to their sections),
/// the per-page table (pages linked to their first finding), then filters and findings;
/// every in-page link has its target.
#[test]
fn summary_and_pages_come_first_and_every_link_has_a_target() {
    let report = fixtures_report();
    let at = |needle: &str| {
        report
            .find(needle)
            .unwrap_or_else(|| panic!("{needle} missing"))
    };
    let order = [
        at("id=\"summary-title\""),
        at("id=\"by-page\""),
        at("id=\"filters-title\""),
        at("id=\"by-rule\""),
    ];
    assert!(order.is_sorted(), "sections out of order: {order:?}");

    let links: Vec<&str> = report
        .split("href=\"#")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap())
        .collect();
    assert!(links.len() > 10, "{links:?}");
    for target in &links {
        assert!(
            report.contains(&format!("id=\"{target}\"")),
            "link #{target} has no target"
        );
    }
    // Each rule with findings is linked from the summary, before the filters.
    let summary = &report[order[0]..order[2]];
    for rule in ["form-field-name", "image-name", "positive-tabindex"] {
        assert!(
            summary.contains(&format!("href=\"#rule-{rule}\"")),
            "{rule} not in the summary"
        );
    }
    // Each page row links to a finding.
    let table = &report[order[1]..order[2]];
    for page in ["appointment.html", "care-team.html", "messages.html"] {
        let row = table
            .lines()
            .find(|l| l.contains(page))
            .unwrap_or_else(|| panic!("{page} has no row"));
        assert!(row.contains("<a href=\"#finding-"), "{row}");
    }
    // The component around a finding's element is shown.
    assert!(report.contains("<dt>Component</dt><dd><code>c-care-team-card</code>"));
}

/// WCAG criteria are listed in numeric order (1.4.3 before 1.4.11), not string order.
#[test]
fn wcag_criteria_are_in_numeric_order() {
    let report = fixtures_report();
    let select = report
        .split("<select id=\"filter-wcag\"")
        .nth(1)
        .and_then(|s| s.split("</select>").next())
        .expect("the WCAG filter");
    let numbers: Vec<Vec<u32>> = select
        .split("<option value=\"")
        .skip(2) // before the first option, and "All criteria"
        .map(|o| {
            o.split('"')
                .next()
                .unwrap()
                .split('.')
                .map(|n| n.parse().unwrap())
                .collect()
        })
        .collect();
    assert!(numbers.len() >= 5, "{numbers:?}");
    assert!(numbers.is_sorted(), "{numbers:?}");
}

/// The per-page table shows a page's URL redacted, as the findings do.
#[test]
fn page_table_shows_the_url_redacted() {
    let dir = TempDir::new("html-page-url");
    let snapshot = std::fs::read_to_string(repo_root().join("fixtures/phi/messages.snapshot.json"))
        .unwrap()
        .replacen(
            "https://portal.riverside-health.example/s/messages",
            "https://portal.riverside-health.example/s/messages?mrn=00123456",
            1,
        );
    dir.write("page.snapshot.json", &snapshot);
    let out = run_with(
        &dir.0,
        &["scan", "page.snapshot.json", "--format", "html"],
        None,
        &[],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stdout.contains("00123456"), "the MRN is shown");
    let table = out.stdout.split("id=\"by-page\"").nth(1).unwrap();
    assert!(table.contains("/s/messages?mrn="), "the page is listed");
}
