//! The snapshot's node tree as JSON: how [`Dom`] is read.
//!
//! Two forms are read. The array form lists the nodes, each with its computed style
//! written out; the CLI writes it. The table form, `{ "styles": [...], "nodes": [...] }`,
//! lists each distinct computed style once and lets a node name its style (and focus
//! style) by its index in `styles`; the Wasm package's collector writes it. On a portal
//! page most elements share a few dozen styles: the table form is a fifth of the text,
//! and every node naming one style shares one map (so facts memoized per style, such as
//! parsed colours, are computed once per style, not once per element).

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;

use crate::dom::{Dom, Namespace, Node, NodeData, NodeId, ScrollBox, ShadowMode, TextBackdrop};
use crate::style::{Rect, Style};

/// A [`Node`] as JSON has it: the [`NodeData`] fields beside the others, tagged by `type`.
/// Read as one flat struct rather than through `#[serde(flatten)]`, which buffers every
/// node before reading it (29 KB of the Wasm package's code, before wasm-opt). Unknown
/// fields are ignored, as they were.
#[derive(Deserialize)]
pub(crate) struct NodeWire {
    #[serde(default)]
    parent: Option<NodeId>,
    #[serde(rename = "type")]
    kind: NodeKind,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    ns: Namespace,
    #[serde(default)]
    attrs: Vec<(String, String)>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    mode: Option<ShadowMode>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    style: Option<StyleWire>,
    #[serde(default)]
    focus_style: Option<StyleWire>,
    #[serde(default)]
    rect: Option<Rect>,
    #[serde(default)]
    line: Option<u32>,
    #[serde(default)]
    column: Option<u32>,
    #[serde(default)]
    paint_order: Option<u32>,
    #[serde(default)]
    scroll: Option<ScrollBox>,
    #[serde(default)]
    modal: bool,
    #[serde(default)]
    text_backdrop: Option<TextBackdrop>,
}

#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum NodeKind {
    Document,
    Doctype,
    Element,
    Text,
    Comment,
    ShadowRoot,
    ContentDocument,
}

impl TryFrom<NodeWire> for Node {
    type Error = String;

    /// A node of the array form: its styles are written out (no table to index).
    fn try_from(w: NodeWire) -> Result<Node, String> {
        w.into_node(&[])
    }
}

impl NodeWire {
    /// The node, its styles taken from `styles` where they are given as an index into it.
    fn into_node(self, styles: &[Style]) -> Result<Node, String> {
        fn field<T>(value: Option<T>, name: &str) -> Result<T, String> {
            value.ok_or_else(|| format!("missing field `{name}`"))
        }
        let data = match self.kind {
            NodeKind::Document => NodeData::Document,
            NodeKind::Doctype => NodeData::Doctype {
                name: field(self.name, "name")?,
            },
            NodeKind::Element => NodeData::Element {
                name: field(self.name, "name")?,
                ns: self.ns,
                attrs: self.attrs,
            },
            NodeKind::Text => NodeData::Text {
                text: field(self.text, "text")?,
            },
            NodeKind::Comment => NodeData::Comment {
                text: field(self.text, "text")?,
            },
            NodeKind::ShadowRoot => NodeData::ShadowRoot {
                mode: field(self.mode, "mode")?,
            },
            NodeKind::ContentDocument => NodeData::ContentDocument {
                url: field(self.url, "url")?,
            },
        };
        Ok(Node {
            parent: self.parent,
            data,
            style: self.style.map(|s| s.resolve(styles)).transpose()?,
            focus_style: self.focus_style.map(|s| s.resolve(styles)).transpose()?,
            rect: self.rect,
            line: self.line,
            column: self.column,
            paint_order: self.paint_order,
            scroll: self.scroll,
            modal: self.modal,
            text_backdrop: self.text_backdrop,
        })
    }
}

/// A node's `style` or `focus_style` as written: the style itself, or its index in the
/// table form's `styles`.
pub(crate) enum StyleWire {
    Inline(Style),
    Index(u64),
}

impl StyleWire {
    fn resolve(self, styles: &[Style]) -> Result<Style, String> {
        match self {
            StyleWire::Inline(style) => Ok(style),
            StyleWire::Index(i) => usize::try_from(i)
                .ok()
                .and_then(|i| styles.get(i))
                .cloned()
                .ok_or_else(|| match styles.len() {
                    0 => format!(
                        "style {i} names an entry of a styles table, and there is none \
                         (a dom with styles is {{\"styles\": [...], \"nodes\": [...]}})"
                    ),
                    n => format!("style {i} is not in the styles table ({n} entries)"),
                }),
        }
    }
}

impl<'de> Deserialize<'de> for StyleWire {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StyleVisitor;
        impl<'de> Visitor<'de> for StyleVisitor {
            type Value = StyleWire;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of computed values or an index into the styles table")
            }
            fn visit_u64<E: de::Error>(self, i: u64) -> Result<StyleWire, E> {
                Ok(StyleWire::Index(i))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<StyleWire, A::Error> {
                Style::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(StyleWire::Inline)
            }
        }
        d.deserialize_any(StyleVisitor)
    }
}

impl<'de> Deserialize<'de> for Dom {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct DomVisitor;
        impl<'de> Visitor<'de> for DomVisitor {
            type Value = Dom;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array of nodes, or {\"styles\": [...], \"nodes\": [...]}")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Dom, A::Error> {
                let nodes = Vec::<Node>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Dom::from_nodes(nodes).map_err(de::Error::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dom, A::Error> {
                let mut styles: Option<Vec<Style>> = None;
                let mut wires: Option<Vec<NodeWire>> = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "styles" => styles = Some(map.next_value()?),
                        "nodes" => wires = Some(map.next_value()?),
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                let wires = wires.ok_or_else(|| de::Error::missing_field("nodes"))?;
                let styles = styles.unwrap_or_default();
                let nodes = wires
                    .into_iter()
                    .enumerate()
                    .map(|(i, w)| w.into_node(&styles).map_err(|e| format!("node {i}: {e}")))
                    .collect::<Result<Vec<Node>, String>>()
                    .map_err(de::Error::custom)?;
                Dom::from_nodes(nodes).map_err(de::Error::custom)
            }
        }
        d.deserialize_any(DomVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::css;

    const ARRAY_FORM: &str = r#"[
        {"type": "document"},
        {"parent": 0, "type": "element", "name": "html",
         "style": {"display": "block", "color": "rgb(0, 0, 0)"}},
        {"parent": 1, "type": "element", "name": "p",
         "style": {"display": "block", "color": "rgb(0, 0, 0)"},
         "focus_style": {"display": "block", "color": "rgb(255, 0, 0)"}},
        {"parent": 2, "type": "text", "text": "Hello"}
    ]"#;

    const TABLE_FORM: &str = r#"{
        "styles": [
            {"display": "block", "color": "rgb(0, 0, 0)"},
            {"display": "block", "color": "rgb(255, 0, 0)"}
        ],
        "nodes": [
            {"type": "document"},
            {"parent": 0, "type": "element", "name": "html", "style": 0},
            {"parent": 1, "type": "element", "name": "p", "style": 0, "focus_style": 1},
            {"parent": 2, "type": "text", "text": "Hello"}
        ]
    }"#;

    fn read(json: &str) -> Result<Dom, String> {
        serde_json::from_str::<Dom>(json).map_err(|e| e.to_string())
    }

    fn style_of(dom: &Dom, id: u32) -> Style {
        dom.node(NodeId(id)).style.clone().expect("a style")
    }

    #[test]
    fn the_table_form_reads_as_the_same_tree_as_the_array_form() {
        let array = read(ARRAY_FORM).unwrap();
        let table = read(TABLE_FORM).unwrap();
        assert_eq!(array, table);
        let p = table.node(NodeId(2));
        assert_eq!(
            p.focus_style.as_ref().unwrap().get(css::COLOR),
            Some("rgb(255, 0, 0)")
        );
        // And it is written back in the array form, which reads as the same tree again.
        let written = serde_json::to_string(&table).unwrap();
        assert!(written.starts_with('['), "{written}");
        assert_eq!(read(&written).unwrap(), table);
    }

    #[test]
    fn nodes_naming_one_style_share_one_map() {
        let table = read(TABLE_FORM).unwrap();
        assert!(style_of(&table, 1).ptr_eq(&style_of(&table, 2)));
        let array = read(ARRAY_FORM).unwrap();
        assert!(!style_of(&array, 1).ptr_eq(&style_of(&array, 2)));
    }

    #[test]
    fn the_styles_table_may_come_after_the_nodes() {
        let json = r#"{"nodes": [{"type": "document"},
            {"parent": 0, "type": "element", "name": "html", "style": 0}],
            "styles": [{"display": "none"}]}"#;
        let dom = read(json).unwrap();
        assert_eq!(style_of(&dom, 1).get(css::DISPLAY), Some("none"));
    }

    #[test]
    fn a_style_index_outside_the_table_is_an_error_naming_the_node() {
        let json = r#"{"styles": [{"display": "none"}], "nodes": [{"type": "document"},
            {"parent": 0, "type": "element", "name": "html", "style": 1}]}"#;
        let err = read(json).unwrap_err();
        assert!(
            err.contains("node 1: style 1 is not in the styles table (1 entries)"),
            "{err}"
        );
    }

    #[test]
    fn a_style_index_without_a_table_is_an_error() {
        let json = r#"[{"type": "document"},
            {"parent": 0, "type": "element", "name": "html", "style": 0}]"#;
        let err = read(json).unwrap_err();
        assert!(err.contains("there is none"), "{err}");
        let missing = read(r#"{"styles": []}"#).unwrap_err();
        assert!(missing.contains("missing field `nodes`"), "{missing}");
    }
}
