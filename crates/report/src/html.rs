//! The HTML report: one self-contained file (inline CSS and one inline script, images as
//! `data:` URIs, no request to anywhere), findings grouped by rule with a per-page table,
//! and filters by rule, page, WCAG criterion, outcome and category.
//!
//! Safety: every text and attribute value from a page is escaped ([`esc`]); screenshots are
//! accepted only as base64 PNG `data:` URIs. The report also carries its own
//! Content-Security-Policy (`default-src 'none'`, the style and the script allowed by
//! hash), so even a mistake in escaping could not run a script or load anything. No
//! inline event handler attributes: the script attaches its listeners itself.
//!
//! Accessibility: landmarks, one `h1` and nested headings, labelled filter controls, a
//! live count of shown findings, tables labelled by their heading, with header cells, text contrast of
//! at least 4.5:1 (the report is scanned with portalscan itself in the tests).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use sha2::{Digest, Sha256};

use portalscan_core::{Category, Finding, Outcome, rules, wcag};

use crate::rule_order;
use crate::{Listed, Report};
use crate::{TOOL_NAME, TOOL_VERSION, base64};

const STYLE: &str = r#"
:root { color: #1b1b1b; background: #ffffff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1rem 2rem; }
a { color: #0645ad; }
a:focus-visible, select:focus-visible, button:focus-visible { outline: 3px solid #0645ad; outline-offset: 2px; }
header { border-bottom: 2px solid #1b1b1b; margin-bottom: 1rem; }
h1 { font-size: 1.75rem; margin: 1rem 0 0.25rem; }
h2 { font-size: 1.4rem; margin-top: 2rem; }
h3 { font-size: 1.15rem; margin: 1.5rem 0 0.25rem; }
h4 { font-size: 1rem; margin: 0 0 0.25rem; }
.counts { display: flex; flex-wrap: wrap; gap: 1rem; padding: 0; list-style: none; }
.counts li { border: 1px solid #595959; border-radius: 4px; padding: 0.25rem 0.75rem; }
.filters { display: flex; flex-wrap: wrap; gap: 0.75rem 1.5rem; align-items: end; border: 1px solid #595959; border-radius: 4px; padding: 0.75rem 1rem; }
.filters div { display: flex; flex-direction: column; }
.filters label { font-weight: 600; }
select, button { font: inherit; color: #1b1b1b; background: #ffffff; border: 1px solid #595959; border-radius: 4px; min-height: 2.25rem; padding: 0.25rem 0.5rem; }
.rule { border-top: 1px solid #595959; }
.finding { border-left: 4px solid #595959; padding: 0.5rem 0 0.5rem 0.75rem; margin: 0.75rem 0; }
.finding.fail { border-left-color: #b00020; }
.finding.review { border-left-color: #7a4a00; }
.outcome { font-weight: 700; }
.fail .outcome { color: #b00020; }
.review .outcome { color: #7a4a00; }
.pass .outcome { color: #185a2a; }
.baselined .outcome { color: #4a4a4a; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.25rem 0; }
dt { font-weight: 600; }
dd { margin: 0; min-width: 0; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9rem; }
pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; background: #f3f3f3; color: #1b1b1b; padding: 0.25rem 0.5rem; }
code { overflow-wrap: anywhere; }
img.crop { max-width: 100%; height: auto; border: 1px solid #595959; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #595959; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; }
footer { margin-top: 2rem; border-top: 1px solid #595959; font-size: 0.9rem; }
.hint { color: #4a4a4a; }
"#;

const SCRIPT: &str = r#"
(function () {
  var form = document.getElementById("filters");
  if (!form) { return; }
  var selects = form.querySelectorAll("select");
  var findings = document.querySelectorAll("article.finding");
  var groups = document.querySelectorAll("section.rule");
  var status = document.getElementById("shown");
  function matches(el) {
    for (var i = 0; i < selects.length; i++) {
      var s = selects[i];
      var want = s.value;
      if (!want) { continue; }
      var have = (el.getAttribute("data-" + s.name) || "").split(" ");
      if (have.indexOf(want) < 0) { return false; }
    }
    return true;
  }
  function apply() {
    var shown = 0;
    for (var i = 0; i < findings.length; i++) {
      var ok = matches(findings[i]);
      findings[i].hidden = !ok;
      if (ok) { shown++; }
    }
    for (var j = 0; j < groups.length; j++) {
      groups[j].hidden = groups[j].querySelector("article.finding:not([hidden])") === null;
    }
    status.textContent = shown + " of " + findings.length + " findings shown";
  }
  for (var k = 0; k < selects.length; k++) { selects[k].addEventListener("change", apply); }
  var reset = document.getElementById("reset");
  reset.hidden = false;
  reset.addEventListener("click", function () {
    for (var i = 0; i < selects.length; i++) { selects[i].value = ""; }
    apply();
  });
  apply();
})();
"#;

/// Escapes text for HTML content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than whitespace are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\n' | '\t') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A value for a space-separated `data-` attribute that the filter splits: spaces inside
/// one value would split it, so they become `_`.
fn token(text: &str) -> String {
    esc(&text.replace(char::is_whitespace, "_"))
}

fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// A screenshot the report may show: a base64 PNG data URI, nothing else.
fn safe_png(uri: &str) -> Option<&str> {
    let data = uri.strip_prefix("data:image/png;base64,")?;
    let ok = !data.is_empty()
        && data
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='));
    ok.then_some(uri)
}

fn outcome_label(o: Outcome) -> &'static str {
    match o {
        Outcome::Fail => "Fail",
        Outcome::Review => "Review",
        Outcome::Pass => "Pass",
        Outcome::Inapplicable => "Inapplicable",
    }
}

fn category_name(c: Category) -> &'static str {
    match c {
        Category::Accessibility => "accessibility",
        Category::Phi => "phi",
    }
}

/// A finding in the report: listed normally, or baselined (shown with `--all`).
struct Item<'a> {
    listed: Listed<'a>,
    baselined: bool,
}

impl Item<'_> {
    fn outcome_key(&self) -> &'static str {
        if self.baselined {
            "baselined"
        } else {
            self.listed.finding.outcome.as_str()
        }
    }
}

pub fn render(report: &Report) -> String {
    let order = rule_order();
    let mut items: Vec<Item> = report
        .listed()
        .map(|listed| Item {
            listed,
            baselined: false,
        })
        .chain(report.listed_baselined().map(|listed| Item {
            listed,
            baselined: true,
        }))
        .collect();
    items.sort_by_key(|i| {
        order
            .get(i.listed.finding.rule.as_str())
            .copied()
            .unwrap_or(usize::MAX)
    });

    let mut body = String::new();
    write_header(&mut body, report);
    body.push_str("<main id=\"main\">\n");
    // What a reader needs first: the rules and pages with links to their findings, then
    // the filters and the findings themselves (one long list).
    write_summary(&mut body, &items, report.pages_with_gaps());
    write_pages(&mut body, report, &items);
    write_filters(&mut body, &items);
    write_by_rule(&mut body, &items);
    write_errors(&mut body, report);
    body.push_str("</main>\n");
    let _ = writeln!(
        body,
        "<footer><p>Written by {TOOL_NAME} {TOOL_VERSION}. PHI is shown only masked, with \
         keyed fingerprints; screenshots were taken after PHI on the page was replaced by \
         its masked form.</p></footer>"
    );

    let csp = format!(
        "default-src 'none'; img-src data:; style-src {}; script-src {}; base-uri 'none'; form-action 'none'",
        csp_hash(STYLE),
        csp_hash(SCRIPT)
    );
    let mut out = String::with_capacity(body.len() + STYLE.len() + SCRIPT.len() + 512);
    out.push_str("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        esc(&csp)
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    let _ = writeln!(out, "<title>{TOOL_NAME} report</title>");
    let _ = writeln!(out, "<style>{STYLE}</style>\n</head>\n<body>");
    out.push_str(&body);
    let _ = writeln!(out, "<script>{SCRIPT}</script>\n</body>\n</html>");
    out
}

fn write_header(out: &mut String, report: &Report) {
    let counts = report.counts();
    out.push_str("<header>\n<h1>portalscan report</h1>\n<ul class=\"counts\">\n");
    let pages = report.pages.len();
    let mut items = vec![
        format!("{pages} page{}", if pages == 1 { "" } else { "s" }),
        format!("{} fail", counts.fail),
        format!("{} review", counts.review),
    ];
    if let Some(pass) = counts.pass {
        items.push(format!("{pass} pass"));
    }
    if let Some(n) = report.baselined() {
        items.push(format!("{n} baselined"));
    }
    // A page with gaps is never shown as clean without saying so.
    let gaps = report.pages_with_gaps();
    if gaps > 0 {
        items.push(format!(
            "{gaps} page{} not fully evaluated",
            if gaps == 1 { "" } else { "s" }
        ));
    }
    let truncated = report.truncated();
    if truncated > 0 {
        items.push(format!("{truncated} not listed"));
    }
    items.push(format!(
        "{} error{}",
        report.errors.len(),
        if report.errors.len() == 1 { "" } else { "s" }
    ));
    for item in items {
        let _ = writeln!(out, "<li>{}</li>", esc(&item));
    }
    out.push_str("</ul>\n");
    // Findings over --max-findings-per-rule: said where the counts are, so nobody reads
    // the listed findings as all there are.
    let warnings: Vec<String> = report.truncation_warnings().collect();
    if !warnings.is_empty() {
        out.push_str("<ul class=\"warnings\">\n");
        for warning in warnings {
            let _ = writeln!(out, "<li>Warning: {}</li>", esc(&warning));
        }
        out.push_str("</ul>\n");
    }
    if let Some(verdict) = &report.gate {
        let failing: Vec<String> = verdict
            .failing()
            .map(|r| match r.threshold {
                0 => format!("{} ({})", r.rule, r.count),
                t => format!("{} ({} over threshold {t})", r.rule, r.count),
            })
            .collect();
        let mut failing = failing;
        if let Some(n) = verdict.pages_with_gaps.filter(|&n| n > 0) {
            failing.push(format!(
                "--fail-on-gaps ({n} page{})",
                if n == 1 { "" } else { "s" }
            ));
        }
        let text = if !report.errors.is_empty() {
            "Result: some inputs could not be scanned.".to_string()
        } else if failing.is_empty() && gaps > 0 {
            format!(
                "Result: passed (--fail-on {}), but {gaps} page{} could not be fully evaluated \
                 (see Not evaluated under Findings by page).",
                verdict.fail_on,
                if gaps == 1 { "" } else { "s" }
            )
        } else if failing.is_empty() {
            format!("Result: passed (--fail-on {}).", verdict.fail_on)
        } else {
            format!(
                "Result: failed (--fail-on {}) by {}.",
                verdict.fail_on,
                failing.join(", ")
            )
        };
        let _ = writeln!(out, "<p>{}</p>", esc(&text));
    }
    out.push_str("</header>\n");
}

fn write_select<'v>(
    out: &mut String,
    name: &str,
    label: &str,
    all: &str,
    values: impl IntoIterator<Item = &'v (String, String)>,
) {
    let _ = writeln!(
        out,
        "<div><label for=\"filter-{name}\">{label}</label><select id=\"filter-{name}\" name=\"{name}\">\
         <option value=\"\">{all}</option>"
    );
    for (value, text) in values {
        let _ = writeln!(
            out,
            "<option value=\"{}\">{}</option>",
            token(value),
            esc(text)
        );
    }
    out.push_str("</select></div>\n");
}

/// A WCAG criterion's sort key: its numbers (`1.4.11` → `[1, 4, 11]`); anything that is
/// not a number sorts after them.
fn criterion_key(sc: &str) -> Vec<u32> {
    sc.split('.')
        .map(|part| part.parse().unwrap_or(u32::MAX))
        .collect()
}

/// The anchor of a rule's section.
fn rule_anchor(rule: &str) -> String {
    format!("rule-{}", token(rule))
}

/// The summary at the top: each rule with findings, its tally, linked to its section.
fn write_summary(out: &mut String, items: &[Item], pages_with_gaps: usize) {
    out.push_str(
        "<nav aria-labelledby=\"summary-title\">\n<h2 id=\"summary-title\">Summary</h2>\n",
    );
    if items.is_empty() && pages_with_gaps > 0 {
        // No findings is not a clean page when something could not be evaluated.
        let _ = writeln!(
            out,
            "<p>No findings, but {pages_with_gaps} page{} could not be fully evaluated (see \
             Not evaluated under Findings by page).</p>\n</nav>",
            if pages_with_gaps == 1 { "" } else { "s" }
        );
        return;
    }
    if items.is_empty() {
        out.push_str("<p>No findings.</p>\n</nav>\n");
        return;
    }
    out.push_str("<ul class=\"summary\">\n");
    for group in items.chunk_by(|a, b| a.listed.finding.rule == b.listed.finding.rule) {
        let rule = &group[0].listed.finding.rule;
        let title = rules::by_id(rule).map(|r| r.meta().title).unwrap_or("");
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\"><code>{}</code></a> {} ({})</li>",
            rule_anchor(rule),
            esc(rule),
            esc(title),
            esc(&tally(group))
        );
    }
    out.push_str("</ul>\n</nav>\n");
}

/// "2 fail, 1 review": a group's findings by outcome (baselined apart).
fn tally(group: &[Item]) -> String {
    let count = |key: &str| group.iter().filter(|i| i.outcome_key() == key).count();
    ["fail", "review", "pass", "baselined"]
        .into_iter()
        .filter(|k| count(k) > 0)
        .map(|k| format!("{} {k}", count(k)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn write_filters(out: &mut String, items: &[Item]) {
    let mut rules_seen = BTreeSet::new();
    let mut pages = BTreeSet::new();
    let mut criteria = BTreeSet::new();
    let mut outcomes = BTreeSet::new();
    let mut categories = BTreeSet::new();
    for item in items {
        let f = item.listed.finding;
        rules_seen.insert((f.rule.clone(), f.rule.clone()));
        pages.insert((f.url.clone(), f.url.clone()));
        for sc in &f.wcag {
            let text = match wcag::criterion(sc) {
                Some(c) => format!("{} {}", c.number, c.name),
                None => sc.clone(),
            };
            criteria.insert((sc.clone(), text));
        }
        outcomes.insert((
            item.outcome_key().to_string(),
            item.outcome_key().to_string(),
        ));
        let c = category_name(f.category);
        categories.insert((c.to_string(), c.to_string()));
    }
    // Criteria in numeric order (1.4.3 before 1.4.11), not string order.
    let mut criteria: Vec<(String, String)> = criteria.into_iter().collect();
    criteria.sort_by_key(|(sc, _)| criterion_key(sc));
    out.push_str(
        "<section aria-labelledby=\"filters-title\">\n<h2 id=\"filters-title\">Filter findings</h2>\n\
         <form id=\"filters\" class=\"filters\" role=\"search\" aria-label=\"Filter findings\">\n",
    );
    write_select(out, "rule", "Rule", "All rules", &rules_seen);
    write_select(out, "page", "Page", "All pages", &pages);
    write_select(out, "wcag", "WCAG criterion", "All criteria", &criteria);
    write_select(out, "outcome", "Outcome", "All outcomes", &outcomes);
    write_select(out, "category", "Category", "All categories", &categories);
    out.push_str(
        "<div><button type=\"button\" id=\"reset\" hidden>Show all</button></div>\n</form>\n",
    );
    let _ = writeln!(
        out,
        "<p id=\"shown\" role=\"status\">{n} of {n} findings shown</p>\n</section>",
        n = items.len()
    );
}

fn write_by_rule(out: &mut String, items: &[Item]) {
    out.push_str(
        "<section aria-labelledby=\"by-rule\">\n<h2 id=\"by-rule\">Findings by rule</h2>\n",
    );
    if items.is_empty() {
        out.push_str("<p>No findings.</p>\n");
    }
    let mut start = 0;
    for group in items.chunk_by(|a, b| a.listed.finding.rule == b.listed.finding.rule) {
        write_rule(out, group, start);
        start += group.len();
    }
    out.push_str("</section>\n");
}

/// The anchor of the `index`th finding in report order (pages link to their first).
fn finding_anchor(index: usize) -> String {
    format!("finding-{}", index + 1)
}

/// A rule's section; `start` is the index of its first finding in report order.
fn write_rule(out: &mut String, group: &[Item], start: usize) {
    let first = group[0].listed.finding;
    let meta = rules::by_id(&first.rule).map(|r| r.meta());
    let title = meta.map(|m| m.title).unwrap_or("");
    let id = rule_anchor(&first.rule);
    let _ = writeln!(
        out,
        "<section class=\"rule\" aria-labelledby=\"{id}\">\n<h3 id=\"{id}\"><code>{}</code> {} ({})</h3>",
        esc(&first.rule),
        esc(title),
        esc(&tally(group))
    );
    if !first.wcag.is_empty() {
        out.push_str("<p>WCAG 2.2: ");
        let mut numbers: Vec<&String> = first.wcag.iter().collect();
        numbers.sort_by_key(|n| criterion_key(n));
        let links: Vec<String> = numbers
            .into_iter()
            .map(|n| match wcag::criterion(n) {
                Some(sc) => format!(
                    "<a href=\"{}\">{} {}</a> (Level {})",
                    esc(&sc.understanding_url()),
                    esc(sc.number),
                    esc(sc.name),
                    sc.level.as_str()
                ),
                None => esc(n),
            })
            .collect();
        out.push_str(&links.join("; "));
        out.push_str("</p>\n");
    }
    if let Some(phi) = meta.and_then(|m| m.phi.as_ref()) {
        let _ = writeln!(out, "<p>HIPAA: {}</p>", esc(&phi.hipaa.join(", ")));
    }
    if !first.help.is_empty() {
        let _ = writeln!(
            out,
            "<p><strong>How to fix:</strong> {}</p>",
            esc(&first.help)
        );
    }
    for (i, item) in group.iter().enumerate() {
        write_finding(out, item, start + i);
    }
    out.push_str("</section>\n");
}

fn write_finding(out: &mut String, item: &Item, index: usize) {
    let f: &Finding = item.listed.finding;
    let key = item.outcome_key();
    let _ = writeln!(
        out,
        "<article id=\"{}\" class=\"finding {key}\" data-rule=\"{}\" data-page=\"{}\" data-wcag=\"{}\" \
         data-outcome=\"{key}\" data-category=\"{}\">",
        finding_anchor(index),
        token(&f.rule),
        token(&f.url),
        f.wcag
            .iter()
            .map(|s| token(s))
            .collect::<Vec<_>>()
            .join(" "),
        category_name(f.category),
    );
    let label = if item.baselined {
        format!("{} (baselined)", outcome_label(f.outcome))
    } else {
        outcome_label(f.outcome).to_string()
    };
    let _ = writeln!(
        out,
        "<h4><span class=\"outcome\">{}</span> on {}</h4>",
        esc(&label),
        esc(&crate::place(&item.listed))
    );
    out.push_str("<dl>\n");
    let mut row = |term: &str, html: String| {
        let _ = writeln!(out, "<dt>{term}</dt><dd>{html}</dd>");
    };
    if !f.message.is_empty() {
        row("Message", esc(&f.message));
    }
    if let Some(component) = &f.component {
        row("Component", format!("<code>{}</code>", esc(component)));
    }
    if !f.selector.is_empty() {
        row("Selector", format!("<code>{}</code>", esc(&f.selector)));
    }
    if !f.html.is_empty() {
        row("HTML", format!("<pre><code>{}</code></pre>", esc(&f.html)));
    }
    if let Some(phi) = &f.phi {
        let (label, text) = crate::phi_summary(phi);
        let mut html = esc(&text);
        if !phi.values.is_empty() {
            html.push_str("<ul>");
            for v in &phi.values {
                let _ = write!(
                    html,
                    "<li><code>{}</code> {} ({} confidence){}</li>",
                    esc(&v.masked),
                    esc(&portalscan_core::phi::kind_labels(&v.kinds)),
                    esc(&v.confidence),
                    v.fingerprint
                        .as_deref()
                        .map(|fp| format!(" <code>{}</code>", esc(fp)))
                        .unwrap_or_default()
                );
            }
            html.push_str("</ul>");
        }
        row(label, html);
    }
    if !f.fingerprint.is_empty() {
        row(
            "Fingerprint",
            format!("<code>{}</code>", esc(&f.fingerprint)),
        );
    }
    if let Some(uri) = f.screenshot.as_deref().and_then(safe_png) {
        row(
            "Screenshot",
            format!(
                "<img class=\"crop\" src=\"{}\" alt=\"The element outlined in magenta, with the page around it or its whole dialog (PHI masked before capture)\">",
                esc(uri)
            ),
        );
    }
    out.push_str("</dl>\n</article>\n");
}

/// The per-page table, near the top: each page (named as its findings name it: the path
/// given, or the redacted URL) linked to its first finding, with its counts and rules.
fn write_pages(out: &mut String, report: &Report, items: &[Item]) {
    out.push_str(
        "<section aria-labelledby=\"by-page\">\n<h2 id=\"by-page\">Findings by page</h2>\n\
         <p id=\"by-page-note\">Fail and review findings on each page scanned.</p>\n\
         <table aria-labelledby=\"by-page\" aria-describedby=\"by-page-note\">\n<thead><tr>\
         <th scope=\"col\">Page</th><th scope=\"col\" class=\"num\">Fail</th>\
         <th scope=\"col\" class=\"num\">Review</th><th scope=\"col\">Rules</th>\
         <th scope=\"col\">Not evaluated</th></tr></thead>\n<tbody>\n",
    );
    for page in &report.pages {
        let mut fail = 0;
        let mut review = 0;
        let mut by_rule: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &page.findings {
            match f.outcome {
                Outcome::Fail => fail += 1,
                Outcome::Review => review += 1,
                _ => continue,
            }
            *by_rule.entry(&f.rule).or_default() += 1;
        }
        let rules_html: Vec<String> = by_rule
            .iter()
            .map(|(r, n)| format!("<a href=\"#{}\">{}</a> ({n})", rule_anchor(r), esc(r)))
            .collect();
        let name = esc(&page.name());
        let first = items
            .iter()
            .position(|i| std::ptr::eq(i.listed.page, page) && !i.baselined);
        let cell = match first {
            Some(index) => format!("<a href=\"#{}\">{name}</a>", finding_anchor(index)),
            None => name,
        };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{cell}</th><td class=\"num\">{fail}</td><td class=\"num\">{review}</td><td>{}</td><td>{}</td></tr>",
            rules_html.join(", "),
            coverage_cell(page)
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

/// What could not be evaluated on a page, each with why: "nothing" only when the page's
/// coverage is complete, "unknown" for a report without coverage (an older portalscan).
fn coverage_cell(page: &crate::ScannedPage) -> String {
    if !page.extra.contains_key("coverage") {
        return "unknown".into();
    }
    let gaps = page.gaps();
    if gaps.is_empty() {
        return "nothing".into();
    }
    let mut cell = format!(
        "<details><summary>{} gap{}</summary><ul>",
        gaps.len(),
        if gaps.len() == 1 { "" } else { "s" }
    );
    for gap in &gaps {
        let rules = if gap.rules.is_empty() {
            String::new()
        } else {
            format!(" ({})", gap.rules.join(", "))
        };
        let _ = write!(
            cell,
            "<li><code>{}</code>: {}{}</li>",
            esc(&gap.what),
            esc(&gap.why),
            esc(&rules)
        );
    }
    cell.push_str("</ul></details>");
    cell
}

fn write_errors(out: &mut String, report: &Report) {
    if report.errors.is_empty() {
        return;
    }
    out.push_str("<section aria-labelledby=\"errors\">\n<h2 id=\"errors\">Inputs that could not be scanned</h2>\n<ul>\n");
    for e in &report.errors {
        let _ = writeln!(
            out,
            "<li><code>{}</code>: {}</li>",
            esc(&e.input),
            esc(&e.message)
        );
    }
    out.push_str("</ul>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(token("a b\"c"), "a_b&quot;c");
    }

    #[test]
    fn only_base64_png_data_uris_are_shown() {
        assert!(safe_png("data:image/png;base64,iVBORw0KGgo=").is_some());
        assert!(safe_png("https://tracker.example/x.png").is_none());
        assert!(safe_png("data:image/png;base64,\"><script>").is_none());
        assert!(safe_png("data:image/svg+xml;base64,PHN2Zz4=").is_none());
    }
}
