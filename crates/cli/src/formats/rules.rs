//! `portalscan rules`: every rule, generated from its declaration (`RuleMeta`). The README's
//! rule table is this module's markdown output.

use std::fmt::Write;

use serde::Serialize;

pub use portalscan_report::act_rule_url;

use portalscan_core::rule::RuleMeta;
use portalscan_core::{Category, rules, wcag};

use crate::args::RulesFormat;

pub fn render(format: RulesFormat) -> String {
    let metas: Vec<&'static RuleMeta> = rules::all().iter().map(|r| r.meta()).collect();
    match format {
        RulesFormat::Text => text(&metas),
        RulesFormat::Markdown => markdown(&metas),
        RulesFormat::Json => json(&metas),
    }
}

/// `1.4.3 Contrast (Minimum) (AA)`, or the bare number for a criterion not in WCAG 2.2.
fn criterion_label(number: &str) -> String {
    match wcag::criterion(number) {
        Some(sc) => format!("{} {} ({})", sc.number, sc.name, sc.level.as_str()),
        None => number.to_string(),
    }
}

fn text(metas: &[&RuleMeta]) -> String {
    let mut out = String::new();
    for m in metas {
        let _ = writeln!(out, "{}  {}", m.id, m.title);
        let category = match m.category {
            Category::Accessibility => "accessibility",
            Category::Phi => "phi",
        };
        let _ = writeln!(out, "  category: {category}");
        for number in m.wcag {
            let _ = writeln!(out, "  WCAG {}", criterion_label(number));
        }
        if !m.act.is_empty() {
            let _ = writeln!(out, "  ACT: {}", m.act.join(", "));
        }
        if let Some(phi) = &m.phi {
            let location = portalscan_core::phi::location_label(phi.location);
            // Exposure rules (HTTPS, HSTS, cookie flags, SRI) find no PHI themselves.
            if phi.kinds.is_empty() {
                let _ = writeln!(out, "  Exposure: {location}");
            } else {
                let _ = writeln!(out, "  PHI in: {location}");
                let _ = writeln!(
                    out,
                    "  PHI kinds: {}",
                    portalscan_core::phi::join(phi.kinds.iter())
                );
            }
            let _ = writeln!(out, "  HIPAA: {}", phi.hipaa.join(", "));
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{} rules", metas.len());
    out
}

/// Text safe inside a markdown table cell.
fn cell(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('\n', " ")
}

fn markdown(metas: &[&RuleMeta]) -> String {
    let mut out = String::new();
    let accessibility: Vec<_> = metas
        .iter()
        .filter(|m| m.category == Category::Accessibility)
        .collect();
    let phi: Vec<_> = metas
        .iter()
        .filter(|m| m.category == Category::Phi)
        .collect();

    let _ = writeln!(out, "#### Accessibility rules ({})\n", accessibility.len());
    if accessibility.is_empty() {
        out.push_str("_None yet._\n");
    } else {
        out.push_str("| Rule | What must hold | WCAG 2.2 | ACT rules |\n");
        out.push_str("| --- | --- | --- | --- |\n");
        for m in accessibility {
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} |",
                m.id,
                cell(m.title),
                wcag_links(m.wcag),
                act_links(m.act)
            );
        }
    }

    let _ = writeln!(out, "\n#### PHI exposure rules ({})\n", phi.len());
    if phi.is_empty() {
        out.push_str("_None yet._\n");
    } else {
        out.push_str("| Rule | What must hold | Where | PHI kinds | HIPAA |\n");
        out.push_str("| --- | --- | --- | --- | --- |\n");
        for m in phi {
            let (location, kinds, hipaa) = match &m.phi {
                Some(p) => (
                    portalscan_core::phi::location_label(p.location),
                    portalscan_core::phi::join(p.kinds.iter()),
                    p.hipaa.join(", "),
                ),
                None => (String::new(), String::new(), String::new()),
            };
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                m.id,
                cell(m.title),
                cell(&location),
                cell(&kinds),
                cell(&hipaa)
            );
        }
    }
    out
}

fn wcag_links(numbers: &[&str]) -> String {
    let links: Vec<String> = numbers
        .iter()
        .map(|n| match wcag::criterion(n) {
            Some(sc) => format!(
                "[{} {}]({}) ({})",
                sc.number,
                cell(sc.name),
                sc.understanding_url(),
                sc.level.as_str()
            ),
            None => cell(n),
        })
        .collect();
    links.join("<br>")
}

fn act_links(ids: &[&str]) -> String {
    let links: Vec<String> = ids
        .iter()
        .map(|id| format!("[{}]({})", cell(id), act_rule_url(id)))
        .collect();
    links.join(", ")
}

#[derive(Serialize)]
struct JsonRules {
    version: u32,
    rules: Vec<JsonRule>,
}

#[derive(Serialize)]
struct JsonRule {
    id: &'static str,
    title: &'static str,
    category: Category,
    wcag: Vec<JsonCriterion>,
    act: &'static [&'static str],
    help: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    phi: Option<JsonPhi>,
}

#[derive(Serialize)]
struct JsonCriterion {
    number: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    level: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct JsonPhi {
    location: &'static str,
    kinds: portalscan_core::phi::KindSet,
    hipaa: &'static [&'static str],
}

fn json(metas: &[&RuleMeta]) -> String {
    let rules = metas
        .iter()
        .map(|m| JsonRule {
            id: m.id,
            title: m.title,
            category: m.category,
            wcag: m
                .wcag
                .iter()
                .map(|&number| {
                    let sc = wcag::criterion(number);
                    JsonCriterion {
                        number,
                        name: sc.map(|s| s.name),
                        level: sc.map(|s| s.level.as_str()),
                        url: sc.map(|s| s.understanding_url()),
                    }
                })
                .collect(),
            act: m.act,
            help: m.help,
            phi: m.phi.as_ref().map(|p| JsonPhi {
                location: p.location,
                kinds: p.kinds,
                hipaa: p.hipaa,
            }),
        })
        .collect();
    let mut out =
        serde_json::to_string_pretty(&JsonRules { version: 1, rules }).unwrap_or_default();
    out.push('\n');
    out
}
