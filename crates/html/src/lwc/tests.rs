use portalscan_core::{Outcome, ScanOptions, scan};

use super::*;

fn component<'a>(template: &'a str, css: Option<&'a str>) -> ComponentFiles<'a> {
    ComponentFiles {
        name: "c-patient-card".into(),
        framework: Framework::Lwc,
        template,
        css,
        slds: None,
        light_dom: false,
    }
}

/// (rule, outcome, line:column, message) of every finding that is not a pass.
fn findings(files: &ComponentFiles) -> Vec<(String, Outcome, String, String)> {
    let snapshot = snapshot_from_component(files, "file:///p/patientCard.html");
    scan(&snapshot, &ScanOptions::default())
        .into_iter()
        .map(|f| {
            let at = format!("{}:{}", f.line.unwrap_or(0), f.column.unwrap_or(0));
            (f.rule, f.outcome, at, f.message)
        })
        .collect()
}

/// (rule, line:column) of every fail.
fn fails(files: &ComponentFiles) -> Vec<(String, String)> {
    findings(files)
        .into_iter()
        .filter(|f| f.1 == Outcome::Fail)
        .map(|f| (f.0, f.2))
        .collect()
}

#[test]
fn recognises_templates_and_host_names() {
    assert!(is_component_template(
        "<!-- c -->\n<template>\n<p>x</p></template>"
    ));
    assert!(!is_component_template("<html><template></template></html>"));
    assert!(!is_component_template("<templates>"));
    assert_eq!(host_tag("patientCard"), "c-patient-card");
    assert!(declares_light_dom(
        "export default class A extends LightningElement {\n  static renderMode = 'light';\n}"
    ));
    assert!(!declares_light_dom("// renderMode = 'light' elsewhere"));
}

#[test]
fn shadow_tree_under_the_host_and_no_page_rules() {
    let files = component("<template>\n  <img src={photoUrl}>\n</template>", None);
    let snapshot = snapshot_from_component(&files, "file:///p/patientCard.html");
    let img = snapshot.dom.elements().find(|e| e.is("img")).unwrap();
    assert!(snapshot.dom.is_in_shadow_tree(img.id));
    assert_eq!((img.node().line, img.node().column), (Some(2), Some(3)));
    let found = findings(&files);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "image-name");
    assert_eq!(found[0].1, Outcome::Fail);
    assert_eq!(found[0].2, "2:3");
}

#[test]
fn expressions_are_unknown_and_conditionals_are_walked() {
    let files = component(
        "<template>\n<template lwc:if={show}>\n  <img src={u} alt={altText}>\n  <img src=\"a.png\">\n</template>\n<button onclick={go}>{label}</button>\n</template>",
        None,
    );
    let found = findings(&files);
    let img = found
        .iter()
        .find(|f| f.2 == "3:3")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(img.1, Outcome::Review, "{found:?}");
    assert!(img.3.contains("alt={altText}"), "{}", img.3);
    let bare = found.iter().find(|f| f.2 == "4:3").unwrap();
    assert_eq!(bare.1, Outcome::Fail);
    assert!(bare.3.contains("conditional"), "{}", bare.3);
    let button = found.iter().find(|f| f.0 == "button-name").unwrap();
    assert_eq!(button.1, Outcome::Review);
}

#[test]
fn base_components_by_their_contract() {
    let files = component(
        "<template>\n<lightning-input label=\"Date of birth\" variant=\"label-hidden\"></lightning-input>\n<lightning-input name=\"mrn\"></lightning-input>\n<lightning-button-icon icon-name=\"utility:close\"></lightning-button-icon>\n<lightning-icon icon-name=\"utility:info\"></lightning-icon>\n</template>",
        None,
    );
    let found = fails(&files);
    assert!(
        found.contains(&("form-field-name".into(), "3:1".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&("button-name".into(), "4:1".into())),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|f| f.1 == "2:1" || f.1 == "5:1"),
        "{found:?}"
    );
}

#[test]
fn a_slider_is_a_range_input_named_by_its_label() {
    let files = component(
        "<template>\n<lightning-slider label=\"Pain level\" variant=\"label-hidden\"></lightning-slider>\n<lightning-slider min=\"0\" max=\"10\"></lightning-slider>\n</template>",
        None,
    );
    assert_eq!(
        fails(&files),
        [("form-field-name".to_string(), "3:1".to_string())]
    );
}

#[test]
fn opaque_children_make_fails_review() {
    let files = component(
        "<template>\n<button><c-icon-label></c-icon-label></button>\n</template>",
        None,
    );
    let found = findings(&files);
    let b = found.iter().find(|f| f.0 == "button-name").unwrap();
    assert_eq!(b.1, Outcome::Review);
    assert!(b.3.contains("<c-icon-label>"), "{}", b.3);
}

#[test]
fn component_css_and_host_styles_apply() {
    let files = component(
        "<template>\n<p class=\"weak\">Next visit</p>\n</template>",
        Some(":host { background: #fff }\n.weak { color: #bbb }"),
    );
    let found = findings(&files);
    assert!(
        found
            .iter()
            .any(|f| f.0 == "text-contrast" && f.1 == Outcome::Fail && f.2 == "2:1"),
        "{found:?}"
    );
}
