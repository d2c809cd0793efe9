//! Template syntax: what LWC and Aura markup means beyond HTML.
//!
//! - [`splice`]: `<template>` fragments (`lwc:if`, `for:each`, `iterator:*`, plain
//!   fragments) and Aura's `aura:if` / `aura:iteration` render their children in place, so
//!   the wrapper goes and its children are walked as possible content, marked conditional.
//! - [`facts`]: `{expression}` values (LWC `{x}`, Aura `{!v.x}`) are unknown, never empty;
//!   `lwc:spread`, `lwc:dom="manual"`, Aura `ui:*` and unmapped `c-*` / `lightning-*`
//!   children hide what they render (opaque).

use portalscan_core::dom::{Namespace, Node, NodeData, NodeId};
use portalscan_core::template::{ComponentSource, Opaque, UnknownValue};

use super::base;

/// Directives that make a fragment's content render only sometimes or many times.
fn is_conditional_attr(name: &str) -> bool {
    matches!(
        name,
        "lwc:if" | "lwc:elseif" | "lwc:else" | "if:true" | "if:false" | "for:each"
    ) || name.starts_with("iterator:")
}

/// Elements that are markup structure, not content: they render their children in place.
fn is_fragment(name: &str, ns: &Namespace) -> bool {
    *ns == Namespace::Html
        && matches!(
            name,
            "template" | "aura:if" | "aura:iteration" | "aura:renderif" | "aura:set"
        )
}

fn is_conditional_fragment(name: &str, attrs: &[(String, String)]) -> bool {
    matches!(name, "aura:if" | "aura:iteration" | "aura:renderif")
        || attrs.iter().any(|(k, _)| is_conditional_attr(k))
}

/// Removes fragment elements below `nodes[from]`, their children taking their place
/// (pre-order is kept, parents renumbered). Returns the new nodes and, per new node,
/// whether it renders only under a condition or per item.
pub fn splice(nodes: Vec<Node>, from: usize) -> (Vec<Node>, Vec<bool>) {
    let n = nodes.len();
    // For each old node: its new id when kept, else the new id of its nearest kept
    // ancestor (where its children go).
    let mut target: Vec<Option<NodeId>> = vec![None; n];
    let mut conditional_old = vec![false; n];
    let mut out = Vec::with_capacity(n);
    let mut conditional = Vec::with_capacity(n);
    for (i, mut node) in nodes.into_iter().enumerate() {
        let parent = node.parent.map(|p| p.index());
        let inherited = parent.is_some_and(|p| conditional_old[p]);
        let new_parent = parent.and_then(|p| target[p]);
        if let NodeData::Element { name, ns, attrs } = &node.data
            && i > from
            && is_fragment(name, ns)
        {
            conditional_old[i] = inherited || is_conditional_fragment(name, attrs);
            target[i] = new_parent;
            continue;
        }
        conditional_old[i] = inherited;
        node.parent = new_parent;
        target[i] = Some(NodeId(out.len() as u32));
        out.push(node);
        conditional.push(inherited);
    }
    (out, conditional)
}

/// An attribute or text written as `{…}`: the expression inside, trimmed of Aura's `!`/`#`.
fn expression(value: &str) -> Option<String> {
    let start = value.find('{')?;
    let end = start + value[start..].find('}')?;
    let inner = value[start + 1..end].trim();
    let inner = inner
        .strip_prefix('!')
        .or_else(|| inner.strip_prefix('#'))
        .unwrap_or(inner);
    Some(inner.trim().to_string())
}

/// Fills the source's unknown values, conditional elements and opaque children for
/// `nodes` (after [`splice`]); elements before `host` are the parser's page around it.
/// Elements the wrapper adds (the component's `<style>`, the SLDS `<link>`) and their text
/// (CSS, whose `{…}` blocks are not template expressions) are not template content.
pub fn facts(nodes: &[Node], conditional: &[bool], host: usize, source: &mut ComponentSource) {
    let injected = |n: &Node| match &n.data {
        NodeData::Element { attrs, .. } => attrs.iter().any(|(k, _)| k == "data-portalscan"),
        _ => false,
    };
    for (i, node) in nodes.iter().enumerate().skip(host + 1) {
        let id = NodeId(i as u32);
        if injected(node) || node.parent.is_some_and(|p| injected(&nodes[p.index()])) {
            continue;
        }
        match &node.data {
            NodeData::Element { name, ns, attrs } => {
                // Only the topmost conditional element: its descendants follow from it.
                let parent_conditional = node.parent.is_some_and(|p| conditional[p.index()]);
                if conditional[i] && !parent_conditional {
                    source.conditional.push(id);
                }
                let component = attrs
                    .iter()
                    .find(|(k, _)| k == "data-lightning")
                    .map(|(_, v)| v.as_str());
                for (k, v) in attrs {
                    if component.is_some_and(|c| base::is_data_attr(c, k)) {
                        continue;
                    }
                    if let Some(expr) = expression(v) {
                        source.unknown.push(UnknownValue {
                            node: id,
                            attr: Some(k.clone()),
                            expr,
                        });
                    }
                }
                if let Some((_, part)) = attrs.iter().find(|(k, _)| k == base::PART_ATTR) {
                    let (component, data) = part.split_once(' ').unwrap_or((part, ""));
                    source.opaque.push(Opaque {
                        node: id,
                        why: format!("<{component}> renders this from its {data} at run time"),
                        data_only: true,
                    });
                } else if let Some(why) = opacity(name, ns, attrs) {
                    source.opaque.push(Opaque {
                        node: id,
                        why,
                        data_only: false,
                    });
                }
            }
            NodeData::Text { text } => {
                if let (Some(expr), Some(parent)) = (expression(text), node.parent) {
                    source.unknown.push(UnknownValue {
                        node: parent,
                        attr: None,
                        expr,
                    });
                }
            }
            _ => {}
        }
    }
}

/// Why an element's rendered inside is not in this template, if it is not.
fn opacity(name: &str, ns: &Namespace, attrs: &[(String, String)]) -> Option<String> {
    let attr = |n: &str| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
    if attr("lwc:spread").is_some() {
        return Some(format!(
            "<{name} lwc:spread> takes attributes set at run time"
        ));
    }
    if attr("lwc:dom") == Some("manual") {
        return Some(format!(
            "<{name} lwc:dom=\"manual\"> gets its content from script"
        ));
    }
    if *ns != Namespace::Html {
        return None;
    }
    if let Some(component) = name.strip_prefix("ui:") {
        return Some(format!(
            "<ui:{component}> is a legacy Aura component whose markup is not known"
        ));
    }
    let custom = name.contains('-') || name.contains(':');
    let mapped = attr("data-lightning").is_some();
    (custom && !mapped && !name.starts_with("aura:"))
        .then(|| format!("<{name}> renders its own content, not shown in this template"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_lwc_and_aura() {
        assert_eq!(expression("{altText}").as_deref(), Some("altText"));
        assert_eq!(
            expression("{!v.patient.name}").as_deref(),
            Some("v.patient.name")
        );
        assert_eq!(expression("Hello { name }!").as_deref(), Some("name"));
        assert_eq!(expression("plain"), None);
    }
}
