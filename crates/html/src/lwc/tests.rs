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
    // Line 2 is named (a hidden label still counts) and the icon on line 5 is decorative; the
    // birth-date field's one fail is its missing `autocomplete="bday"` (1.3.5), a true finding.
    assert!(
        found.contains(&("autocomplete-personal-data".into(), "2:1".into())),
        "{found:?}"
    );
    assert!(
        !found
            .iter()
            .any(|f| (f.1 == "2:1" && f.0 != "autocomplete-personal-data") || f.1 == "5:1"),
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

/// (rule, line:column) of every review.
fn reviews(files: &ComponentFiles) -> Vec<(String, String)> {
    findings(files)
        .into_iter()
        .filter(|f| f.1 == Outcome::Review)
        .map(|f| (f.0, f.2))
        .collect()
}

/// The attributes of the first element named `tag` whose attribute `attr` is `value`.
fn element_attrs(files: &ComponentFiles, tag: &str, attr: (&str, &str)) -> Vec<(String, String)> {
    let snapshot = snapshot_from_component(files, "file:///p/patientCard.html");
    let el = snapshot
        .dom
        .elements()
        .find(|e| e.is(tag) && e.attr(attr.0) == Some(attr.1))
        .unwrap_or_else(|| panic!("no <{tag} {}={}>", attr.0, attr.1));
    match &el.node().data {
        NodeData::Element { attrs, .. } => attrs.clone(),
        _ => unreachable!(),
    }
}

fn has_attr(attrs: &[(String, String)], k: &str, v: &str) -> bool {
    attrs.iter().any(|(a, b)| a == k && b == v)
}

#[test]
fn a_card_title_is_its_heading() {
    let files = component(
        "<template>\n<lightning-card title=\"Upcoming visits\"><p>None</p></lightning-card>\n<lightning-card title={heading}></lightning-card>\n<lightning-card></lightning-card>\n</template>",
        None,
    );
    let snapshot = snapshot_from_component(&files, "file:///p/patientCard.html");
    let headings: Vec<_> = snapshot.dom.elements().filter(|e| e.is("h2")).collect();
    assert_eq!(headings.len(), 2, "one heading per card with a title");
    assert_eq!(headings[0].attr("aria-label"), Some("Upcoming visits"));
    assert_eq!(headings[0].parent_element().unwrap().name(), "article");
    assert_eq!(
        (headings[0].node().line, headings[0].node().column),
        (Some(2), Some(1))
    );
    // The card's slotted content follows its header.
    let p = snapshot.dom.elements().find(|e| e.is("p")).unwrap();
    assert_eq!(p.parent_element().unwrap().name(), "article");
    assert!(fails(&files).is_empty(), "{:?}", findings(&files));
    let found = findings(&files);
    let heading_name = |at: &str| {
        found
            .iter()
            .find(|f| f.0 == "heading-name" && f.2 == at)
            .map(|f| f.1)
    };
    // (Passes are not among the findings: the titled card's heading neither fails nor is review.)
    assert_eq!(heading_name("2:1"), None, "{found:?}");
    // title={heading}: the heading's name is known at run time.
    assert_eq!(heading_name("3:1"), Some(Outcome::Review), "{found:?}");
}

#[test]
fn radio_and_checkbox_groups_are_named_fieldsets_of_run_time_options() {
    let files = component(
        "<template>\n<lightning-radio-group label=\"Contact method\" options={methods} value={method} required></lightning-radio-group>\n<lightning-checkbox-group label=\"Reminders\" variant=\"label-hidden\" options={reminders}></lightning-checkbox-group>\n</template>",
        None,
    );
    let group = element_attrs(&files, "fieldset", ("aria-label", "Contact method"));
    assert!(has_attr(&group, "data-lightning", "lightning-radio-group"));
    let radio = element_attrs(&files, "input", ("type", "radio"));
    assert!(radio.iter().any(|(k, _)| k == "required"), "{radio:?}");
    element_attrs(&files, "fieldset", ("aria-label", "Reminders"));
    let checkbox = element_attrs(&files, "input", ("type", "checkbox"));
    assert!(!checkbox.iter().any(|(k, _)| k == "required"));
    // No fail: each option is named by its label at run time (review, saying so).
    assert!(fails(&files).is_empty(), "{:?}", findings(&files));
    let found = findings(&files);
    let option_names: Vec<_> = found.iter().filter(|f| f.0 == "form-field-name").collect();
    assert_eq!(option_names.len(), 2, "{found:?}");
    for f in option_names {
        assert_eq!(f.1, Outcome::Review);
        assert!(f.3.contains("from its options at run time"), "{}", f.3);
    }
}

#[test]
fn a_dual_listbox_is_a_group_of_two_named_listboxes() {
    let files = component(
        "<template>\n<lightning-dual-listbox label=\"Languages\" source-label=\"Available\" selected-label=\"Spoken\" options={languages}></lightning-dual-listbox>\n<lightning-dual-listbox label=\"Clinics\" options={clinics}></lightning-dual-listbox>\n</template>",
        None,
    );
    let group = element_attrs(&files, "div", ("aria-label", "Languages"));
    assert!(has_attr(&group, "role", "group"));
    element_attrs(&files, "ul", ("aria-label", "Available"));
    element_attrs(&files, "ul", ("aria-label", "Spoken"));
    // The second one's listboxes have no name: two fails at its line; options are review.
    assert_eq!(
        fails(&files),
        [
            ("form-field-name".to_string(), "3:1".to_string()),
            ("form-field-name".to_string(), "3:1".to_string())
        ]
    );
    assert!(
        !fails(&files)
            .iter()
            .any(|f| f.0 == "aria-required-children"),
        "the listboxes hold their options"
    );
}

#[test]
fn a_datatable_is_a_grid_named_by_aria_label() {
    let files = component(
        "<template>\n<lightning-datatable aria-label=\"Lab results\" key-field=\"id\" columns={columns} data={rows}></lightning-datatable>\n<lightning-datatable key-field=\"id\" columns={columns} data={rows}></lightning-datatable>\n</template>",
        None,
    );
    element_attrs(&files, "table", ("aria-label", "Lab results"));
    // Only the unnamed grid fails; its headers and cells come from columns and data.
    assert_eq!(
        fails(&files),
        [("aria-widget-name".to_string(), "3:1".to_string())]
    );
    let found = findings(&files);
    let th = found
        .iter()
        .find(|f| f.0 == "th-empty")
        .unwrap_or_else(|| panic!("{found:?}"));
    assert_eq!(th.1, Outcome::Review);
    assert!(th.3.contains("from its columns at run time"), "{}", th.3);
    // The named grid passes (passes are not among the findings).
    assert!(
        !found
            .iter()
            .any(|f| f.0 == "aria-widget-name" && f.2 == "2:1"),
        "{found:?}"
    );
}

#[test]
fn the_component_css_is_not_template_content() {
    // Its `{ … }` blocks are CSS, not expressions (found by the parity test: they made the
    // page's PHI rules answer review "depends on the text {display: block; …}").
    let files = component(
        "<template>\n<p>Clinic hours</p>\n</template>",
        Some(":host { display: block; background: #fff; color: #111 }"),
    );
    let snapshot = snapshot_from_component(&files, "file:///p/patientCard.html");
    let source = snapshot.component_source.as_ref().unwrap();
    assert!(source.unknown.is_empty(), "{:?}", source.unknown);
    assert!(reviews(&files).is_empty(), "{:?}", findings(&files));
}
