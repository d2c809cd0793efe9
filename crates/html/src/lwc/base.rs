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
//! - `lightning-card`: an `<article>` whose `title` is an `<h2>` heading.
//! - `lightning-radio-group`, `lightning-checkbox-group`: a `<fieldset>` named by `label`
//!   (its legend; `label-hidden` keeps it as assistive text), holding one radio or
//!   checkbox per item of `options` (each named by its option's label, known at run time),
//!   each `required` when the group is.
//! - `lightning-dual-listbox`: a `role="group"` named by `label`, holding two listboxes
//!   named by `source-label` and `selected-label`, whose options come from `options` and
//!   `value` (its move buttons are named by defaults, and are not modelled).
//! - `lightning-datatable`: a `<table role="grid">` named by `aria-label`, its column
//!   headers (`<th scope="col">`) and cells from `columns` and `data` at run time; a cell
//!   takes Tab and arrow keys move between cells (the grid pattern's roving tabindex).
//! - `lightning-formatted-*`, `lightning-badge`: text in a `<span>`.
//!
//! What a component renders from its run-time data (options, rows, columns) is a *part*: an
//! element of the right role (so the structure rules see a grid with rows, a listbox with
//! options) marked `data-lightning-part`, which [`super::directives`] records as opaque
//! data: its own answers are unknown (review), but it names nothing around it. The
//! attributes holding that data (`options={…}`, `columns={…}`) are the component's, not
//! the rendered element's, so their run-time values do not make its other answers unknown.
//!
//! Any other `lightning-*` is left as it is; [`super::directives`] reports it opaque.

use portalscan_core::dom::{Namespace, Node, NodeData, NodeId};

/// What a base component renders as: the native tag, extra attributes, which of the
/// component's attributes becomes `aria-label`, what it renders inside, and which of its
/// attributes are its run-time data.
struct Contract {
    tag: &'static str,
    attrs: &'static [(&'static str, &'static str)],
    name_from: Option<&'static str>,
    parts: &'static [Part],
    data: &'static [&'static str],
}

/// An element a base component renders inside itself, before its slotted content.
struct Part {
    /// 0: a child of the component; 1: a child of the part at depth 0 before it.
    depth: u8,
    tag: &'static str,
    attrs: &'static [(&'static str, &'static str)],
    /// The component's attribute that names it (`aria-label`), when it has one.
    name_from: Option<&'static str>,
    /// The component's attributes it carries too (`required`, `disabled`).
    copy: &'static [&'static str],
    /// The component's attribute whose run-time data it stands for (`options`).
    data: Option<&'static str>,
    /// Rendered only when the component has this attribute.
    when: Option<&'static str>,
}

const fn part(
    depth: u8,
    tag: &'static str,
    attrs: &'static [(&'static str, &'static str)],
) -> Part {
    Part {
        depth,
        tag,
        attrs,
        name_from: None,
        copy: &[],
        data: None,
        when: None,
    }
}

const CARD_PARTS: &[Part] = &[Part {
    name_from: Some("title"),
    when: Some("title"),
    ..part(0, "h2", &[])
}];
const RADIO_PARTS: &[Part] = &[Part {
    copy: &["required", "disabled"],
    data: Some("options"),
    ..part(0, "input", &[("type", "radio")])
}];
const CHECKBOX_PARTS: &[Part] = &[Part {
    copy: &["required", "disabled"],
    data: Some("options"),
    ..part(0, "input", &[("type", "checkbox")])
}];
const DUAL_LISTBOX_PARTS: &[Part] = &[
    Part {
        name_from: Some("source-label"),
        ..part(0, "ul", &[("role", "listbox"), ("tabindex", "0")])
    },
    Part {
        data: Some("options"),
        ..part(1, "li", &[("role", "option")])
    },
    Part {
        name_from: Some("selected-label"),
        ..part(0, "ul", &[("role", "listbox"), ("tabindex", "0")])
    },
    Part {
        data: Some("value"),
        ..part(1, "li", &[("role", "option")])
    },
];
const DATATABLE_PARTS: &[Part] = &[
    part(0, "tr", &[]),
    // The grid's keyboard entry point: one cell takes Tab (roving tabindex).
    Part {
        data: Some("columns"),
        ..part(1, "th", &[("scope", "col"), ("tabindex", "0")])
    },
    part(0, "tr", &[]),
    Part {
        data: Some("data"),
        ..part(1, "td", &[])
    },
];

fn contract(component: &str, attrs: &[(String, String)]) -> Option<Contract> {
    let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    let c = |tag, attrs, name_from| {
        Some(Contract {
            tag,
            attrs,
            name_from,
            parts: &[],
            data: &[],
        })
    };
    let with = |tag, attrs, name_from, parts, data| {
        Some(Contract {
            tag,
            attrs,
            name_from,
            parts,
            data,
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
        "lightning-combobox" => with(
            "input",
            &[("role", "combobox"), ("aria-expanded", "false")],
            Some("label"),
            &[],
            &["options"],
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
        "lightning-card" => with("article", &[], None, CARD_PARTS, &[]),
        "lightning-radio-group" => with(
            "fieldset",
            &[],
            Some("label"),
            RADIO_PARTS,
            &["options", "value"],
        ),
        "lightning-checkbox-group" => with(
            "fieldset",
            &[],
            Some("label"),
            CHECKBOX_PARTS,
            &["options", "value"],
        ),
        "lightning-dual-listbox" => with(
            "div",
            &[("role", "group")],
            Some("label"),
            DUAL_LISTBOX_PARTS,
            &["options", "value", "required-options"],
        ),
        "lightning-datatable" => with(
            "table",
            &[("role", "grid")],
            None,
            DATATABLE_PARTS,
            &["columns", "data", "key-field", "selected-rows", "sorted-by"],
        ),
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

/// Whether `attr` of the base component `component` (as `data-lightning` names it) is its
/// run-time data rather than an attribute of what it renders.
pub fn is_data_attr(component: &str, attr: &str) -> bool {
    contract(component, &[]).is_some_and(|c| c.data.contains(&attr))
}

/// The attribute a part carries: which component and which of its attributes it renders
/// from (`lightning-radio-group options`).
pub const PART_ATTR: &str = "data-lightning-part";

/// Inserts each mapped base component's parts (see the module docs) as its first
/// children, at the component's line and column. Nodes up to `from` are left as they are.
pub fn insert_parts(nodes: Vec<Node>, from: usize) -> Vec<Node> {
    let mut new_id: Vec<u32> = Vec::with_capacity(nodes.len());
    let mut out: Vec<Node> = Vec::with_capacity(nodes.len());
    for (i, mut node) in nodes.into_iter().enumerate() {
        node.parent = node.parent.map(|p| NodeId(new_id[p.index()]));
        let me = out.len() as u32;
        new_id.push(me);
        let parts = if i > from {
            parts_of(&node)
        } else {
            Vec::new()
        };
        out.push(node);
        let mut top = me;
        for (depth, mut part) in parts {
            part.parent = Some(NodeId(if depth == 0 { me } else { top }));
            if depth == 0 {
                top = out.len() as u32;
            }
            out.push(part);
        }
    }
    out
}

/// The part nodes of a mapped component (parents left for [`insert_parts`]), with depth.
fn parts_of(node: &Node) -> Vec<(u8, Node)> {
    let NodeData::Element { attrs, .. } = &node.data else {
        return Vec::new();
    };
    let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    let Some(component) = attr("data-lightning") else {
        return Vec::new();
    };
    let Some(contract) = contract(component, attrs) else {
        return Vec::new();
    };
    contract
        .parts
        .iter()
        .filter(|p| p.when.is_none_or(|w| attr(w).is_some()))
        .map(|p| {
            let mut part_attrs: Vec<(String, String)> = p
                .attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            for copied in p.copy {
                if let Some(v) = attr(copied) {
                    part_attrs.push((copied.to_string(), v.to_string()));
                }
            }
            if let Some(name) = p.name_from.and_then(attr) {
                part_attrs.push(("aria-label".into(), name.to_string()));
            }
            if let Some(data) = p.data {
                part_attrs.push((PART_ATTR.into(), format!("{component} {data}")));
            }
            let mut n = Node::new(
                None,
                NodeData::Element {
                    name: p.tag.into(),
                    ns: Namespace::Html,
                    attrs: part_attrs,
                },
            );
            n.line = node.line;
            n.column = node.column;
            (p.depth, n)
        })
        .collect()
}
