//! SARIF 2.1.0, as GitHub code scanning reads it: every rule in `tool.driver.rules`,
//! each fail/review finding a result pointing at the page file and the element's line.

use serde_json::{Value, json};

use portalscan_core::rule::RuleMeta;
use portalscan_core::{Category, Outcome, rules, wcag};

use crate::act_rule_url;
use crate::{Listed, Report};
use crate::{TOOL_NAME, TOOL_VERSION};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const INFORMATION_URI: &str = "https://www.w3.org/WAI/WCAG22/quickref/";
/// The key of our first partial fingerprint (rule, artifact, selector); the `/v1` lets the
/// hashing change later. Kept so existing code-scanning alerts stay matched.
const FINGERPRINT_KEY: &str = "portalscanFinding/v1";
/// The finding's own position-independent fingerprint (`Finding::fingerprint`), the key
/// baselines use; it survives elements inserted elsewhere on the page.
const STABLE_FINGERPRINT_KEY: &str = "portalscanFingerprint/v1";

pub fn render(report: &Report) -> String {
    let metas: Vec<&'static RuleMeta> = rules::all().iter().map(|r| r.meta()).collect();
    let mut results: Vec<Value> = report
        .listed()
        .map(|listed| result(&metas, &listed))
        .collect();
    // With --all, baselined findings are results suppressed outside the code (SARIF 3.35).
    for listed in report.listed_baselined() {
        let mut r = result(&metas, &listed);
        r["suppressions"] = json!([{
            "kind": "external",
            "status": "accepted",
            "justification": format!("in baseline {}", report.baseline.as_deref().unwrap_or("")),
        }]);
        results.push(r);
    }
    let mut notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", e.input, e.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri_reference(&e.input) } } }],
            })
        })
        .collect();
    // Findings over the bound are not results: a warning per page, rule and outcome.
    notifications.extend(
        report
            .truncation_warnings()
            .map(|w| json!({ "level": "warning", "message": { "text": w } })),
    );
    let sarif = json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": TOOL_NAME,
                    "version": TOOL_VERSION,
                    "semanticVersion": TOOL_VERSION,
                    "informationUri": INFORMATION_URI,
                    "rules": metas.iter().map(|m| rule_descriptor(m)).collect::<Vec<_>>(),
                }
            },
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }]
    });
    let mut out = serde_json::to_string_pretty(&sarif).unwrap_or_default();
    out.push('\n');
    out
}

/// An input label as a URI reference (spaces and other unsafe characters escaped).
fn uri_reference(label: &str) -> String {
    let mut out = String::new();
    for b in label.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn rule_descriptor(meta: &RuleMeta) -> Value {
    let criteria: Vec<&wcag::SuccessCriterion> = meta
        .wcag
        .iter()
        .filter_map(|n| wcag::criterion(n))
        .collect();
    let help_uri = criteria
        .first()
        .map(|sc| sc.understanding_url())
        .or_else(|| meta.act.first().map(|id| act_rule_url(id)))
        .unwrap_or_else(|| INFORMATION_URI.to_string());

    let mut tags: Vec<String> = Vec::new();
    match meta.category {
        Category::Accessibility => tags.push("accessibility".into()),
        Category::Phi => {
            tags.push("security".into());
            tags.push("phi".into());
            tags.push("privacy".into());
        }
    }
    for number in meta.wcag {
        tags.push(format!("wcag{}", number.replace('.', "")));
        tags.push(format!("WCAG {number}"));
    }
    for sc in &criteria {
        tags.push(format!(
            "wcag-level-{}",
            sc.level.as_str().to_ascii_lowercase()
        ));
    }
    tags.dedup();
    if let Some(phi) = &meta.phi {
        tags.extend(phi.hipaa.iter().map(|s| format!("HIPAA {s}")));
    }

    let mut help_text = meta.help.to_string();
    let mut help_markdown = meta.help.to_string();
    for sc in &criteria {
        help_text.push_str(&format!(
            "\nWCAG {} {} (Level {}): {}",
            sc.number,
            sc.name,
            sc.level.as_str(),
            sc.understanding_url()
        ));
        help_markdown.push_str(&format!(
            "\n\n- WCAG [{} {}]({}) (Level {})",
            sc.number,
            sc.name,
            sc.understanding_url(),
            sc.level.as_str()
        ));
    }
    for id in meta.act {
        help_markdown.push_str(&format!("\n- ACT rule [{id}]({})", act_rule_url(id)));
    }

    let mut properties = json!({ "tags": tags });
    if let Some(phi) = &meta.phi {
        properties["phi"] = json!({
            "location": phi.location,
            "kinds": phi.kinds,
            "hipaa": phi.hipaa,
        });
    }
    json!({
        "id": meta.id,
        "name": meta.id,
        "shortDescription": { "text": meta.title },
        "fullDescription": { "text": format!("{}. {}", meta.title, meta.help) },
        "helpUri": help_uri,
        "help": { "text": help_text, "markdown": help_markdown },
        "defaultConfiguration": { "level": "error" },
        "properties": properties,
    })
}

/// `kind` is left at its default, `fail`: SARIF requires level `none` for every other kind,
/// and code scanning shows only results with a level. The outcome is in `properties`.
fn level(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Fail => "error",
        Outcome::Review => "warning",
        Outcome::Pass | Outcome::Inapplicable => "none",
    }
}

fn result(metas: &[&RuleMeta], listed: &Listed) -> Value {
    let f = listed.finding;
    let rule_index = metas.iter().position(|m| m.id == f.rule);
    let text = if f.message.is_empty() {
        metas
            .get(rule_index.unwrap_or(usize::MAX))
            .map(|m| m.title.to_string())
            .unwrap_or_else(|| f.rule.clone())
    } else {
        f.message.clone()
    };
    let mut physical = json!({ "artifactLocation": { "uri": listed.page.artifact } });
    if let Some(line) = listed.line.filter(|&l| l >= 1) {
        physical["region"] = json!({ "startLine": line });
        if let Some(column) = f.column.filter(|&c| c >= 1) {
            physical["region"]["startColumn"] = json!(column);
        }
        if !f.html.is_empty() {
            physical["region"]["snippet"] = json!({ "text": f.html });
        }
    }
    let mut location = json!({ "physicalLocation": physical });
    if !f.selector.is_empty() {
        location["logicalLocations"] = json!([{
            "fullyQualifiedName": f.selector,
            "kind": "element",
        }]);
    }
    let mut result = json!({
        "ruleId": f.rule,
        "level": level(f.outcome),
        "message": { "text": text },
        "locations": [location],
        "partialFingerprints": {
            FINGERPRINT_KEY: fingerprint(&f.rule, &listed.page.artifact, &f.selector),
        },
        "properties": { "outcome": f.outcome.as_str(), "url": f.url },
    });
    if matches!(f.outcome, Outcome::Pass | Outcome::Inapplicable) {
        // Only with --all: a pass is SARIF's kind `pass` (whose level must be `none`).
        result["kind"] = json!("pass");
    }
    if !f.fingerprint.is_empty() {
        result["partialFingerprints"][STABLE_FINGERPRINT_KEY] = json!(f.fingerprint);
    }
    if let Some(index) = rule_index {
        result["ruleIndex"] = json!(index);
    }
    if let Some(phi) = &f.phi {
        result["properties"]["phi"] = json!({ "location": phi.location, "kinds": phi.kinds });
    }
    if let Some(component) = &f.component {
        // The Lightning component around the element (`c-*` or `lightning-*`).
        result["properties"]["component"] = json!(component);
    }
    result
}

/// A stable hash of what identifies a finding across runs: rule, page and element. The
/// page is the artifact URI (relative for local files), not the absolute `file:` URL, so
/// the same finding matches between CI checkouts in different directories.
pub fn fingerprint(rule: &str, page: &str, selector: &str) -> String {
    // FNV-1a, 64 bit: stable across platforms and releases (unlike std's hasher).
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [rule, page, selector] {
        for b in part.bytes().chain([0u8]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_is_stable_and_separates_parts() {
        assert_eq!(
            fingerprint("document-title", "a.html", "html"),
            fingerprint("document-title", "a.html", "html")
        );
        assert_ne!(fingerprint("ab", "c", ""), fingerprint("a", "bc", ""));
        // Pinned: a change here would reopen every alert in code scanning.
        assert_eq!(fingerprint("", "", ""), "d94d12186c0f2fb7");
    }
}
