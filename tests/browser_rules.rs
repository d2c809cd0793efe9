//! Browser-only rule branches: where findings land and what their messages say, on pages
//! built like the fixture portal's (rule examples only check outcomes).

use portalscan_core::{Finding, Outcome, RuleSelection, ScanOptions, rules, scan};
use portalscan_html::{NoResources, snapshot_from_html};

fn findings(rule: &str, html: &str, facts: &str) -> Vec<Finding> {
    let mut snapshot = snapshot_from_html(html, "https://portal.example/s/x", &NoResources);
    portalscan_core::example_facts::apply(facts, &mut snapshot).expect("facts");
    let rule = rules::by_id(rule).expect("rule exists");
    scan(
        &snapshot,
        &ScanOptions {
            rules: RuleSelection::of(&[rule]),
            ..ScanOptions::with_passes()
        },
    )
}

fn only(found: &[Finding], outcome: Outcome) -> Vec<(&str, &str)> {
    found
        .iter()
        .filter(|f| f.outcome == outcome)
        .map(|f| (f.selector.as_str(), f.message.as_str()))
        .collect()
}

#[test]
fn keyboard_trap_is_reported_on_the_dialog_with_the_keys_tried() {
    let found = findings(
        "keyboard-trap",
        "<main><a id=home href=/>Home</a><c-terms-modal><section id=terms role=dialog \
         aria-modal=true aria-label=Terms><div><input id=agree type=checkbox>\
         <button id=print>Print</button></div></section></c-terms-modal></main>",
        r##"{"source":"chromium","keyboard":{"stops":[{"node":"#agree"},{"node":"#print"}],
            "cycled":false,"truncated":false,
            "trap":{"nodes":["#agree","#print"],"keys_tried":["Tab","Shift+Tab","Escape"]}}}"##,
    );
    let fails = only(&found, Outcome::Fail);
    assert_eq!(fails.len(), 1, "{found:?}");
    assert_eq!(fails[0].0, "#terms");
    assert!(fails[0].1.contains("“#agree”, “#print”"), "{}", fails[0].1);
    assert!(
        fails[0].1.contains("Tab, Shift+Tab, Escape"),
        "{}",
        fails[0].1
    );
}

#[test]
fn focus_not_obscured_names_what_covers_the_focused_element() {
    let found = findings(
        "focus-not-obscured",
        "<header id=top style='position:sticky;top:0'><img id=logo alt=Riverside></header>\
         <a id=skip href=#list>Skip to appointments</a><a id=ok href=/a>A</a>",
        r##"{"source":"chromium","keyboard":{"stops":[
            {"node":"#skip","obscured":{"covered_fraction":1.0,"by":"#logo"}},
            {"node":"#ok","obscured":{"covered_fraction":0.0}}],"cycled":true,"truncated":false}}"##,
    );
    let fails = only(&found, Outcome::Fail);
    assert_eq!(fails.len(), 1, "{found:?}");
    assert_eq!(fails[0].0, "#skip");
    // The hit-tested leaf is named by the sticky header it belongs to.
    assert!(fails[0].1.contains("“#top”"), "{}", fails[0].1);
    assert_eq!(only(&found, Outcome::Pass), vec![("#ok", "")]);
    // Measured: no page-level "may cover" review besides.
    assert!(only(&found, Outcome::Review).is_empty(), "{found:?}");
}

#[test]
fn text_over_a_pale_positioned_sibling_is_measured_against_the_sibling() {
    // The fixture portal's home banner: navy section, pale absolutely positioned wash,
    // white text. The ancestors alone say white on navy (passes).
    let html = "<section id=hero style='position:relative; background:#032d60; padding:24px'>\
                <div id=wash style='position:absolute; inset:0; background:#eef4ff'></div>\
                <p id=t style='position:relative; color:#fff'>Your next visit is on Tuesday</p>\
                </section>";
    let facts = r##"{"source":"chromium","nodes":{
        "#hero":{"rect":{"x":0,"y":0,"width":600,"height":80},"paint_order":5},
        "#wash":{"rect":{"x":0,"y":0,"width":600,"height":80},"paint_order":6},
        "#t":{"rect":{"x":24,"y":24,"width":552,"height":20},"paint_order":7}}}"##;
    let found = findings("text-contrast", html, facts);
    let fails = only(&found, Outcome::Fail);
    assert_eq!(fails.len(), 1, "{found:?}");
    assert_eq!(fails[0].0, "#t");
    assert!(
        fails[0].1.contains("rgb(238, 244, 255)"),
        "the wash is the background: {}",
        fails[0].1
    );
    // The same page without layout: the static model (white on navy) passes it.
    let mut static_snapshot = snapshot_from_html(html, "https://portal.example/s/x", &NoResources);
    static_snapshot.source = "chromium".into();
    static_snapshot.scripts_ran = Some(true);
    let rule = rules::by_id("text-contrast").unwrap();
    let without = scan(
        &static_snapshot,
        &ScanOptions {
            rules: RuleSelection::of(&[rule]),
            ..ScanOptions::with_passes()
        },
    );
    assert!(
        without.iter().all(|f| f.outcome == Outcome::Pass),
        "{without:?}"
    );
}

#[test]
fn a_script_click_target_the_walk_never_reached_fails_and_its_neighbours_pass() {
    let found = findings(
        "keyboard-unreachable",
        "<article><button id=cal>Add to calendar</button>\
         <div id=toggle class=appt-toggle>Show visit details</div></article>",
        r##"{"source":"chromium","viewport":{"width":1280,"height":800},
            "pointer_handlers":["#cal","#toggle"],
            "nodes":{"#cal":{"rect":{"x":0,"y":0,"width":120,"height":32}},
                     "#toggle":{"rect":{"x":0,"y":40,"width":140,"height":20}}},
            "keyboard":{"stops":[{"node":"#cal"}],"cycled":true,"truncated":false}}"##,
    );
    assert_eq!(only(&found, Outcome::Fail).len(), 1, "{found:?}");
    assert_eq!(only(&found, Outcome::Fail)[0].0, "#toggle");
    assert_eq!(only(&found, Outcome::Pass), vec![("#cal", "")]);
}

#[test]
fn a_badge_beside_the_text_in_a_wide_block_is_not_behind_it() {
    // The paragraph's box is the column's width; its text run is not. A floated badge with
    // a background (floats paint after block backgrounds, before text) overlaps the box
    // but not the text.
    let html = "<div id=card style='background:#fff'>\
                <span id=badge style='float:right; color:#fff; background:#c23934'>New</span>\
                <p id=t style='color:#333'>Flu shot</p></div>";
    let boxes = r##""#card":{"rect":{"x":0,"y":0,"width":600,"height":60},"paint_order":1},
        "#badge":{"rect":{"x":560,"y":0,"width":40,"height":20},"paint_order":2},
        "#t":{"rect":{"x":0,"y":0,"width":600,"height":20},"paint_order":3}"##;
    let run = r##""#t::text":{"rect":{"x":0,"y":2,"width":70,"height":16},"paint_order":4}"##;
    let at_t = |nodes: String| {
        let facts = format!(r#"{{"source":"chromium","nodes":{{{nodes}}}}}"#);
        let found = findings("text-contrast", html, &facts);
        let mine: Vec<Outcome> = found
            .iter()
            .filter(|f| f.selector == "#t")
            .map(|f| f.outcome)
            .collect();
        mine
    };
    assert_eq!(at_t(format!("{boxes},{run}")), vec![Outcome::Pass]);
    // Knowing only the paragraph's box, the badge is behind part of it: review.
    assert_eq!(at_t(boxes.to_string()), vec![Outcome::Review]);
}
