//! What a person at the screen sees of a page (rendered text, the values of shown text
//! fields), and whether that shows PHI. One answer for the `phi-restored-after-logout`
//! rule, which reports it on a page Back showed after logout, and for the crawler, which
//! asks it on every visited page to know which pages are worth that check.

use crate::a11y::PageA11y;
use crate::dom::{Dom, ElementRef, NodeData};
use crate::phi::{Summary, detect, detect_in_value};
use crate::snapshot::Snapshot;

/// Elements whose text is not shown.
const NOT_SHOWN: &[&str] = &["script", "style", "template", "noscript", "title", "head"];

/// A rendered text field or text area with a value: its name (or id) and the value.
pub struct ShownField<'d> {
    pub name: &'d str,
    pub value: &'d str,
}

/// The text of rendered elements, one text node a line.
pub fn visible_text(dom: &Dom, a11y: &PageA11y) -> String {
    let mut text = String::new();
    for id in dom.ids() {
        let NodeData::Text { text: t } = &dom.node(id).data else {
            continue;
        };
        let shown = dom
            .flat_parent_element(id)
            .and_then(|p| dom.element(p))
            .is_some_and(|p| !NOT_SHOWN.contains(&p.name()) && is_shown(a11y, p));
        if shown && !t.trim().is_empty() {
            text.push_str(t);
            text.push('\n');
        }
    }
    text
}

/// The rendered text fields and text areas whose value shows on screen.
pub fn shown_fields<'d>(dom: &'d Dom, a11y: &PageA11y) -> Vec<ShownField<'d>> {
    dom.elements()
        .filter(|e| is_shown_field(a11y, *e))
        .map(|e| ShownField {
            name: e.attr("name").or(e.attr("id")).unwrap_or(""),
            value: e.attr("value").unwrap_or(""),
        })
        .collect()
}

/// Whether what the page shows holds PHI (record ids alone do not count: they reveal
/// nothing by themselves). Exactly when `phi-restored-after-logout` fails on the page if
/// Back brought it back after logout.
pub fn shows_phi(snapshot: &Snapshot) -> bool {
    shows_phi_in(&snapshot.dom, &PageA11y::new(&snapshot.dom))
}

/// [`shows_phi`] with the page's accessibility facts already at hand (rules: `cx.a11y`).
pub fn shows_phi_in(dom: &Dom, a11y: &PageA11y) -> bool {
    let has_phi = |matches: &[crate::phi::Match]| !Summary::of(matches).phi.is_empty();
    has_phi(&detect(&visible_text(dom, a11y)))
        || shown_fields(dom, a11y)
            .iter()
            .any(|f| has_phi(&detect_in_value(f.name, f.value)))
}

fn is_shown(a11y: &PageA11y, el: ElementRef) -> bool {
    a11y.is_rendered(el.id) && !a11y.is_invisible(el.id)
}

/// A rendered text field or text area whose value shows on screen.
fn is_shown_field(a11y: &PageA11y, el: ElementRef) -> bool {
    let field = el.is("textarea")
        || (el.is("input")
            && !el.attr("type").is_some_and(|t| {
                matches!(
                    t.trim().to_ascii_lowercase().as_str(),
                    "hidden" | "password" | "checkbox" | "radio" | "submit" | "button" | "image"
                )
            }));
    field && el.has_attr("value") && is_shown(a11y, el)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{Node, NodeId};

    /// `<html><body><p style?>text</p><input value=…></body></html>`.
    fn page(p_style: Option<&str>, text: &str, field: Option<(&str, &str)>) -> Snapshot {
        let el = |parent: u32, name: &str, attrs: Vec<(String, String)>| {
            Node::new(
                Some(NodeId(parent)),
                NodeData::Element {
                    name: name.into(),
                    attrs,
                    ns: Default::default(),
                },
            )
        };
        let mut nodes = vec![
            Node::new(None, NodeData::Document),
            el(0, "html", vec![]),
            el(1, "body", vec![]),
        ];
        let style = p_style.map(|s| vec![("style".to_string(), s.to_string())]);
        nodes.push(el(2, "p", style.unwrap_or_default()));
        nodes.push(Node::new(
            Some(NodeId(3)),
            NodeData::Text { text: text.into() },
        ));
        if let Some((name, value)) = field {
            nodes.push(el(
                2,
                "input",
                vec![("name".into(), name.into()), ("value".into(), value.into())],
            ));
        }
        let dom = Dom::from_nodes(nodes).unwrap();
        Snapshot::new("https://portal.example/s/visit", "test", dom)
    }

    #[test]
    fn shown_text_and_fields_with_phi_show_phi() {
        assert!(shows_phi(&page(None, "MRN 00123456", None)));
        assert!(shows_phi(&page(
            None,
            "Your details",
            Some(("memberId", "XJH123456789"))
        )));
    }

    #[test]
    fn hidden_text_and_pages_without_phi_do_not() {
        assert!(!shows_phi(&page(None, "You have signed out", None)));
        assert!(!shows_phi(&page(
            Some("display:none"),
            "MRN 00123456",
            None
        )));
    }
}
