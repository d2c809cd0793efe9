//! Lightning base components as what they render for assistive technology.
//!
//! A `<lightning-input label="Date of birth">` is, once rendered, a labelled `<input>`;
//! the rules know native elements, so each base component whose accessible contract is
//! documented becomes the equivalent native element here, with its name as `aria-label`
//! (the name the rendered component exposes). The contracts, from the Lightning Component
//! Library (developer.salesforce.com/docs/component-library, "Accessibility" section of
//! each component):
//! - `lightning-input`: a native input named by `label`; `variant="label-hidden"` hides the
//!   label visually but keeps it as the accessible name. Types `checkbox`, `toggle`,
//!   `checkbox-button` render a checkbox.
//! - `lightning-textarea`: a `<textarea>` named by `label` (same `label-hidden` rule).
//! - `lightning-combobox`: an input with `role="combobox"`, named by `label`.
//! - `lightning-slider`: an `<input type="range">` named by `label` (same `label-hidden`
//!   rule).
//! - `lightning-button`: a `<button>` whose text is `label` (an icon-only one has none).
//! - `lightning-button-icon`, `lightning-button-icon-stateful`: a `<button>` named by
//!   `alternative-text`; none means an unnamed button.
//! - `lightning-icon`: an image named by `alternative-text`; without it, decorative
//!   (hidden from assistive technology).
//! - `lightning-spinner`: a `role="status"` named by `alternative-text`.
//! - `lightning-card`: an `<article>` (its `title` is a heading).
//! - `lightning-formatted-*`, `lightning-badge`: text in a `<span>`.
//!
//! Any other `lightning-*` is left as it is; [`super::directives`] reports it opaque.

use portalscan_core::dom::{Namespace, Node, NodeData};

/// What a base component renders as: the native tag, extra attributes, and which of the
/// component's attributes becomes `aria-label`.
struct Contract {
    tag: &'static str,
    attrs: &'static [(&'static str, &'static str)],
    name_from: Option<&'static str>,
}

fn contract(component: &str, attrs: &[(String, String)]) -> Option<Contract> {
    let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    let c = |tag, attrs, name_from| {
        Some(Contract {
            tag,
            attrs,
            name_from,
        })
    };
    match component {
        "lightning-input" => match attr("type").unwrap_or("text") {
            "checkbox" | "toggle" | "checkbox-button" => {
                c("input", &[("type", "checkbox")], Some("label"))
            }
            _ => c("input", &[], Some("label")),
        },
        "lightning-textarea" => c("textarea", &[], Some("label")),
        "lightning-combobox" => c(
            "input",
            &[("role", "combobox"), ("aria-expanded", "false")],
            Some("label"),
        ),
        "lightning-slider" => c("input", &[("type", "range")], Some("label")),
        "lightning-button" => c("button", &[("type", "button")], Some("label")),
        "lightning-button-icon" | "lightning-button-icon-stateful" => {
            c("button", &[("type", "button")], Some("alternative-text"))
        }
        "lightning-icon" if attr("alternative-text").is_some() => {
            c("span", &[("role", "img")], Some("alternative-text"))
        }
        "lightning-icon" => c("span", &[("aria-hidden", "true")], None),
        "lightning-spinner" => c("div", &[("role", "status")], Some("alternative-text")),
        "lightning-card" => c("article", &[], None),
        "lightning-badge" => c("span", &[], Some("label")),
        name if name.starts_with("lightning-formatted-") => c("span", &[], None),
        _ => None,
    }
}

/// Turns every mapped base component in `nodes` into its native equivalent. The original
/// attributes stay (the report's snippet then still shows `label="…"`), and
/// `data-lightning` names the component.
pub fn map_base_components(nodes: &mut [Node]) {
    for node in nodes.iter_mut() {
        let NodeData::Element {
            name,
            ns: Namespace::Html,
            attrs,
        } = &mut node.data
        else {
            continue;
        };
        // Aura's `lightning:buttonIcon` (lower-cased by the parser) is `lightning-button-icon`.
        if let Some(aura) = name.strip_prefix("lightning:") {
            let lwc = match aura {
                "buttonicon" => "button-icon",
                "buttoniconstateful" => "button-icon-stateful",
                other => other,
            };
            *name = format!("lightning-{lwc}");
        }
        let Some(contract) = contract(name, attrs) else {
            continue;
        };
        let label = contract
            .name_from
            .and_then(|from| attrs.iter().find(|(k, _)| k == from))
            .map(|(_, v)| v.clone());
        if contract.tag != "input" {
            attrs.retain(|(k, _)| k != "type");
        }
        for (k, v) in contract.attrs {
            attrs.retain(|(old, _)| old != k);
            attrs.push((k.to_string(), v.to_string()));
        }
        if let Some(label) = label {
            attrs.push(("aria-label".into(), label));
        }
        attrs.push(("data-lightning".into(), name.clone()));
        *name = contract.tag.to_string();
    }
}
