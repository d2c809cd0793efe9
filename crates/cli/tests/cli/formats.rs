//! The report formats, each from the same findings.

use serde_json::Value;

use crate::support::{TempDir, crate_dir, data, findings, repo_root, run, run_with};

const FINDING_FIELDS: [&str; 10] = [
    "rule", "outcome", "category", "wcag", "act", "url", "selector", "html", "message", "help",
];

#[test]
fn json_report_keeps_its_contract() {
    let out = run(&["scan", &data("pages/no-title.html"), "--format", "json"]);
    let report = out.json();
    assert_eq!(report["version"], 1);
    assert_eq!(report["tool"]["name"], "portalscan");
    assert_eq!(report["tool"]["version"], env!("CARGO_PKG_VERSION"));
    assert!(report["errors"].as_array().unwrap().is_empty());
    for key in ["pages", "fail", "review", "errors"] {
        assert!(report["summary"][key].is_u64(), "summary.{key}");
    }
    // Passes are not collected without --all, so they are not counted either.
    assert!(report["summary"].get("pass").is_none());
    let title = findings(&report)
        .iter()
        .find(|f| f["rule"] == "document-title")
        .expect("document-title finding");
    for field in FINDING_FIELDS {
        assert!(title.get(field).is_some(), "finding lacks {field}: {title}");
    }
    assert_eq!(title["outcome"], "fail");
    assert_eq!(title["category"], "accessibility");
    assert_eq!(title["wcag"], serde_json::json!(["2.4.2"]));
    assert_eq!(title["selector"], "html");
    assert_eq!(title["html"], "<html lang=\"en\">");
    assert!(title["node"].is_u64());
    // Without --all, no passes; with it, passes are listed and counted.
    assert!(findings(&report).iter().all(|f| f["outcome"] != "pass"));
    let all = run(&[
        "scan",
        &data("pages/titled.html"),
        "--format",
        "json",
        "--all",
    ])
    .json();
    assert!(findings(&all).iter().any(|f| f["outcome"] == "pass"));
    assert!(all["summary"]["pass"].as_u64().unwrap() >= 1);
}

#[test]
fn text_report_groups_by_rule_with_criteria_and_fix() {
    let page = data("pages/no-title.html");
    let out = run(&["scan", &page]);
    let text = &out.stdout;
    assert!(
        text.contains("document-title The page has a non-empty title"),
        "{text}"
    );
    assert!(text.contains("WCAG 2.4.2 Page Titled (Level A)"), "{text}");
    assert!(text.contains("https://www.w3.org/WAI/WCAG22/Understanding/page-titled"));
    assert!(text.contains("How to fix: Give every page a <title>"));
    // Where: the input path and the element's line, selector, start tag, message.
    assert!(text.contains(&format!("FAIL   {page}:2")), "{text}");
    assert!(text.contains("at html\n"));
    assert!(text.contains("<html lang=\"en\">"));
    assert!(text.contains("The page has no <title> element."));
    assert!(
        text.lines().last().unwrap().starts_with("1 page scanned: "),
        "{text}"
    );
    // Not a terminal: no colour codes.
    assert!(!text.contains('\x1b'));
}

#[test]
fn output_flag_writes_the_report_to_a_file() {
    let dir = TempDir::new("output");
    let file = dir.path("report.json");
    let out = run(&[
        "scan",
        &data("pages/no-title.html"),
        "--format",
        "json",
        "--output",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stdout.is_empty());
    let report: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(report["summary"]["pages"], 1);

    // Missing folders are created.
    let nested = dir.path("new/folder/out.json");
    let made = run(&[
        "scan",
        &data("pages/titled.html"),
        "--format",
        "json",
        "-o",
        nested.to_str().unwrap(),
    ]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    assert!(nested.is_file());
    // A folder that cannot be made (a file is in the way): a write error naming the file.
    let blocker = dir.write("file.txt", b"x");
    let bad_path = format!("{blocker}/out.txt");
    let bad = run(&["scan", &data("pages/titled.html"), "-o", &bad_path]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains(&format!("{bad_path}: cannot write")),
        "{}",
        bad.stderr
    );
}

#[test]
fn directories_are_walked_in_sorted_order_and_stdin_is_read() {
    let out = run(&[
        "scan",
        &data("pages"),
        "--format",
        "json",
        "--fail-on",
        "never",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let inputs: Vec<String> = out.json()["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["input"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        inputs,
        ["no-title.html", "portal.html", "titled.html"].map(|p| format!("tests/data/pages/{p}"))
    );

    let html = std::fs::read(crate_dir().join("tests/data/pages/no-title.html")).unwrap();
    let out = run_with(
        &crate_dir(),
        &["scan", "-", "--format", "json"],
        Some(&html),
        &[],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(out.json()["pages"][0]["input"], "-");
}

#[test]
fn sarif_report_is_valid_sarif_2_1_0() {
    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string(crate_dir().join("tests/data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    // The official schema's `language` patterns have a stray `]`, legal in ECMAScript
    // regexes (a literal) but refused by Rust's regex engine; escaping it keeps the meaning.
    let fixed = escape_stray_bracket(&mut schema);
    assert!(
        fixed >= 2,
        "the schema changed: {fixed} language patterns found"
    );
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");

    let dir = TempDir::new("sarif");
    let bad = dir.write("bad.snapshot.json", b"[]");
    let out = run(&["scan", &data("pages"), &bad, "--format", "sarif"]);
    assert_eq!(out.code, 2);
    let sarif = out.json();
    let problems: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        problems.is_empty(),
        "SARIF schema violations:\n{}",
        problems.join("\n")
    );
    // The validator does reject what SARIF forbids.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));

    let run0 = &sarif["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), portalscan_core::rules::all().len());
    let results = run0["results"].as_array().unwrap();
    let title = results
        .iter()
        .find(|r| r["ruleId"] == "document-title")
        .expect("document-title result");
    let index = title["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "document-title");
    assert_eq!(title["level"], "error");
    let location = &title["locations"][0];
    assert_eq!(
        location["physicalLocation"]["artifactLocation"]["uri"],
        "tests/data/pages/no-title.html"
    );
    assert_eq!(location["physicalLocation"]["region"]["startLine"], 2);
    assert_eq!(
        location["logicalLocations"][0]["fullyQualifiedName"],
        "html"
    );
    assert!(title["partialFingerprints"]["portalscanFinding/v1"].is_string());
    let tags = rules[index]["properties"]["tags"].as_array().unwrap();
    assert!(tags.contains(&Value::from("WCAG 2.4.2")));
    // Review findings are warnings; the unreadable input is a tool notification.
    assert!(
        results
            .iter()
            .all(|r| r["level"] == "error" || r["level"] == "warning")
    );
    assert_eq!(run0["invocations"][0]["executionSuccessful"], false);
    let note = &run0["invocations"][0]["toolExecutionNotifications"][0];
    assert!(
        note["message"]["text"]
            .as_str()
            .unwrap()
            .contains("bad.snapshot.json")
    );

    // With --all, passes are results of kind `pass` and level `none`, still valid SARIF.
    let all = run(&[
        "scan",
        &data("pages/titled.html"),
        "--format",
        "sarif",
        "--all",
    ])
    .json();
    assert!(validator.is_valid(&all));
    let results = all["runs"][0]["results"].as_array().unwrap();
    let pass = results
        .iter()
        .find(|r| r["ruleId"] == "document-title")
        .expect("document-title pass");
    assert_eq!(pass["kind"], "pass");
    assert_eq!(pass["level"], "none");
}

/// Escapes the stray `]` in the schema's language-tag patterns; returns how many it fixed.
fn escape_stray_bracket(schema: &mut Value) -> usize {
    const BAD: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";
    const GOOD: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}\\]?$";
    let mut fixed = 0;
    let mut pending = vec![schema];
    while let Some(value) = pending.pop() {
        match value {
            Value::Object(map) => {
                for (key, child) in map.iter_mut() {
                    if key == "pattern" && child == BAD {
                        *child = Value::from(GOOD);
                        fixed += 1;
                    } else {
                        pending.push(child);
                    }
                }
            }
            Value::Array(items) => pending.extend(items.iter_mut()),
            _ => {}
        }
    }
    fixed
}

#[test]
fn junit_report_has_a_suite_per_page_and_a_failure_per_fail() {
    let dir = TempDir::new("junit");
    let bad = dir.write("bad.snapshot.json", b"{");
    let out = run(&[
        "scan",
        &data("pages/no-title.html"),
        &data("pages/titled.html"),
        &bad,
        "--format",
        "junit",
    ]);
    assert_eq!(out.code, 2);
    let xml = &out.stdout;
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites "));
    assert_eq!(xml.matches("<testsuite ").count(), 3, "{xml}");
    assert!(xml.contains("<testsuite name=\"tests/data/pages/no-title.html\""));
    // The title rule applied to both pages: failed on one, passed on the other.
    assert_eq!(
        xml.matches("name=\"document-title: The page has a non-empty title\"")
            .count(),
        2,
        "{xml}"
    );
    assert!(
        xml.contains("<failure type=\"fail\" message=\"The page has no &lt;title&gt; element.\">")
    );
    assert!(xml.contains("<error type=\"input\" message=\"not a valid snapshot"));
    assert!(!xml.contains("<title>"), "markup in messages is escaped");
    assert_eq!(
        xml.matches("<testsuite ").count(),
        xml.matches("</testsuite>").count()
    );
    assert_eq!(
        xml.matches("<testcase ").count(),
        xml.matches("</testcase>").count()
    );
}

#[test]
fn rules_command_lists_every_declared_rule() {
    let all = portalscan_core::rules::all();
    let json = run(&["rules", "--format", "json"]);
    assert_eq!(json.code, 0);
    let listed = json.json();
    let ids: Vec<&str> = listed["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let declared: Vec<&str> = all.iter().map(|r| r.meta().id).collect();
    assert_eq!(ids, declared);
    let title = &listed["rules"][0];
    assert_eq!(title["id"], "document-title");
    assert_eq!(title["wcag"][0]["name"], "Page Titled");
    assert_eq!(title["wcag"][0]["level"], "A");

    let text = run(&["rules"]).stdout;
    let markdown = run(&["rules", "--format", "markdown"]).stdout;
    for id in declared {
        assert!(
            text.contains(id) && markdown.contains(&format!("`{id}`")),
            "{id}"
        );
    }
}

#[test]
fn text_report_is_coloured_only_on_a_terminal_without_no_color() {
    // `script` (util-linux) runs the command on a pseudo-terminal.
    let has_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        eprintln!("skipped: `script` is not installed, no way to get a terminal");
        return;
    }
    let command = format!(
        "'{}' scan tests/data/pages/no-title.html",
        env!("CARGO_BIN_EXE_portalscan").replace('\'', r"'\''")
    );
    let on_terminal = |no_color: Option<&str>| {
        let mut script = std::process::Command::new("script");
        script
            .args(["-qec", &command, "/dev/null"])
            .current_dir(crate_dir())
            .env_remove("NO_COLOR");
        if let Some(value) = no_color {
            script.env("NO_COLOR", value);
        }
        let out = script.output().expect("run script");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let coloured = on_terminal(None);
    assert!(coloured.contains("\x1b[1;31mFAIL"), "{coloured:?}");
    let plain = on_terminal(Some("1"));
    assert!(plain.contains("FAIL"), "{plain:?}");
    assert!(!plain.contains('\x1b'), "{plain:?}");
    // An empty NO_COLOR does not count (no-color.org).
    assert!(on_terminal(Some("")).contains('\x1b'));
}

/// `portalscan rules` in words: exposure rules (HTTPS, HSTS, cookie flags, SRI) carry no PHI
/// and say what they expose instead of an empty "PHI kinds:".
#[test]
fn rules_text_names_locations_in_words_and_lists_no_empty_kinds() {
    let text = run(&["rules"]).stdout;
    assert!(
        !text.lines().any(|l| l.trim_end() == "PHI kinds:"),
        "{text}"
    );
    assert!(!text.contains("local_storage") && !text.contains("third_party"));
    let https = text
        .split("\n\n")
        .find(|block| block.starts_with("transport-https "))
        .expect("transport-https is listed");
    assert!(https.contains("Exposure: the connection"), "{https}");
    assert!(!https.contains("PHI"), "{https}");
    let storage = text
        .split("\n\n")
        .find(|block| block.starts_with("phi-in-local-storage "))
        .expect("phi-in-local-storage is listed");
    assert!(storage.contains("PHI in: localStorage"), "{storage}");
    assert!(storage.contains("date of birth"), "{storage}");
}

/// `component` (issue 13): JSON carries it only on findings inside a component, SARIF as a
/// result property, and `--group-by component` groups the text report by it.
#[test]
fn component_is_in_json_sarif_and_groups_the_text_report() {
    let page = repo_root().join("fixtures/static/care-team.html");
    let page = page.to_str().unwrap();
    let json = run(&["scan", page, "--format", "json"]).json();
    let all = findings(&json);
    let components: Vec<Option<&str>> = all.iter().map(|f| f["component"].as_str()).collect();
    assert!(
        components.contains(&Some("c-care-team-card")),
        "{components:?}"
    );
    // Absent (not null) outside components.
    let outside = all
        .iter()
        .find(|f| !f["selector"].as_str().unwrap().contains(">>>"))
        .expect("a finding outside components");
    assert!(outside.get("component").is_none(), "{outside}");

    let sarif = run(&["scan", page, "--format", "sarif"]).json();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(
        results
            .iter()
            .any(|r| r["properties"]["component"] == "c-care-team-card")
    );

    let text = run(&["scan", page, "--group-by", "component"]).stdout;
    let card = text
        .find("c-care-team-card  (")
        .expect("a group per component");
    let outside = text.find("Outside components  (").expect("the rest last");
    assert!(card < outside, "{text}");
    // Each finding under its component names its rule.
    assert!(text[card..outside].contains("image-name"), "{text}");
    assert!(
        text.contains("pages scanned") || text.contains("page scanned"),
        "{text}"
    );
    let bad = run(&["scan", page, "--group-by", "page"]);
    assert_eq!(bad.code, 2);
}

/// `--group-by component` says whose fix each group is (issue 13): a team's `c-*` code, a
/// Salesforce base component (`lightning-*`: check its documented attributes first), or
/// the page's own markup.
#[test]
fn component_groups_say_whose_fix_they_are() {
    let dir = TempDir::new("whose-fix");
    let page = dir.path("page.html");
    std::fs::write(
        &page,
        "<!doctype html><html lang=\"en\"><head><title>Visits</title></head><body><main>\
         <h1>Your visits and the results of your tests</h1>\
         <img src=\"outside.png\">\
         <c-visit-list><template shadowrootmode=\"open\"><img src=\"team.png\"></template></c-visit-list>\
         <lightning-input><template shadowrootmode=\"open\"><input type=\"text\"></template></lightning-input>\
         </main></body></html>",
    )
    .unwrap();
    let text = run(&["scan", page.to_str().unwrap(), "--group-by", "component"]).stdout;
    let heading = |name: &str| -> String {
        let at = text
            .find(&format!("{name}  ("))
            .unwrap_or_else(|| panic!("no group {name}:\n{text}"));
        text[at..].lines().nth(1).unwrap_or("").trim().to_string()
    };
    assert_eq!(heading("c-visit-list"), "Whose fix: your team's code");
    assert_eq!(
        heading("lightning-input"),
        "Whose fix: a Salesforce base component: check its documented attributes before \
         filing a case"
    );
    assert_eq!(
        heading("Outside components"),
        "Whose fix: page markup: the site's own templates and content"
    );
}
