//! Component source: a snapshot made from a Lightning component's template (LWC `.html`
//! or Aura `.cmp`) rather than from a rendered page.
//!
//! A template is not a page (no `<title>`, `lang` or viewport of its own: the page that
//! hosts it has those), and it holds values only known at run time (`alt={altText}`,
//! `{patient.name}`), branches that may or may not render (`lwc:if`, `for:each`) and
//! children whose inside is not in this file (`<c-avatar>`, `lwc:spread`). The front-end
//! records those facts here; [`settle`] then keeps every rule's answer honest:
//! - an answer that depends on a runtime value is `review` (never a guess either way);
//! - a fail whose element holds an opaque child is `review` naming the child, since the
//!   child may render what the rule found missing;
//! - a finding inside a conditional or iteration says so.

use serde::{Deserialize, Serialize};

use crate::dom::{Dom, NodeId};
use crate::finding::{Finding, Outcome};
use crate::snapshot::Snapshot;

/// What the front-end knows about the component the snapshot was made from.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct ComponentSource {
    /// The component's tag, as pages use it (`c-patient-card`).
    pub name: String,
    /// `lwc` or `aura`.
    #[serde(default)]
    pub framework: String,
    /// Rendered in light DOM (`static renderMode = 'light'`) rather than a shadow tree.
    #[serde(default)]
    pub light_dom: bool,
    /// Values written as template expressions: unknown until run time, never empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unknown: Vec<UnknownValue>,
    /// Elements that render only under a condition or once per item (`lwc:if`,
    /// `if:true`, `for:each`, `iterator:*`, `aura:if`, `aura:iteration`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditional: Vec<NodeId>,
    /// Elements whose rendered inside this template does not show: custom or unknown base
    /// components, `lwc:spread`, `lwc:dom="manual"`, Aura `ui:*` components.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub opaque: Vec<Opaque>,
}

/// A value written as an expression: an attribute (`alt={altText}`) or text
/// (`attr: None`: the element's text holds `{…}`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct UnknownValue {
    pub node: NodeId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attr: Option<String>,
    /// The expression as written, without braces (`altText`).
    pub expr: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Opaque {
    pub node: NodeId,
    /// Why its inside is unknown, for the finding's message (`<c-avatar> renders its own
    /// content`).
    pub why: String,
    /// It stands for a base component's run-time data (a datatable's cells, a radio
    /// group's options): its own answers are unknown, but it names nothing around it (the
    /// grid, group or listbox holding it takes its name from its author only), so a fail
    /// on an element around it stays a fail.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub data_only: bool,
}

/// Attributes whose value no rule's answer depends on: an unknown one changes nothing
/// (`<img src={photoUrl}>` without `alt` still fails).
const INERT_ATTRS: &[&str] = &["src", "srcset", "href", "key", "data-id", "value"];

/// Attributes that change how every descendant renders or is exposed: unknown on an
/// ancestor, they make descendants' answers unknown too.
const INHERITED_ATTRS: &[&str] = &["class", "style", "hidden", "aria-hidden", "lang", "dir"];

impl ComponentSource {
    /// Where an answer about `node` depends on a runtime value, the first such value.
    fn unknown_for(&self, dom: &Dom, node: NodeId, outcome: Outcome) -> Option<&UnknownValue> {
        self.unknown.iter().find(|u| {
            let on_self = u.node == node;
            let inside = is_ancestor_or_self(dom, node, u.node);
            let above = is_ancestor_or_self(dom, u.node, node);
            match u.attr.as_deref() {
                // Text: names and content come from descendants. A fail found the text's
                // element wanting something else (contrast, structure): the text exists.
                None => inside && outcome == Outcome::Pass,
                Some(attr) if INERT_ATTRS.contains(&attr) => false,
                Some(attr) if INHERITED_ATTRS.contains(&attr) => above,
                // `onclick={…}`: a handler is there whatever it is bound to.
                Some(attr) if attr.starts_with("on") => false,
                Some(_) => on_self || (inside && outcome == Outcome::Pass),
            }
        })
    }

    fn opaque_inside(&self, dom: &Dom, node: NodeId) -> Option<&Opaque> {
        self.opaque
            .iter()
            .find(|o| (o.node == node || !o.data_only) && is_ancestor_or_self(dom, node, o.node))
    }

    fn is_conditional(&self, dom: &Dom, node: NodeId) -> bool {
        self.conditional
            .iter()
            .any(|&c| is_ancestor_or_self(dom, c, node))
    }
}

/// Whether `ancestor` is `node` or one of its ancestors (across shadow roots to hosts).
fn is_ancestor_or_self(dom: &Dom, ancestor: NodeId, node: NodeId) -> bool {
    let mut at = Some(node);
    while let Some(n) = at {
        if n == ancestor {
            return true;
        }
        at = dom.parent(n);
    }
    false
}

/// Applies the component's unknowns to the rules' answers (see the module docs). Runs
/// once after all rules, so no rule needs to know about templates.
pub fn settle(snapshot: &Snapshot, findings: &mut [Finding]) {
    let Some(source) = &snapshot.component_source else {
        return;
    };
    let dom = &snapshot.dom;
    for f in findings.iter_mut() {
        let Some(node) = f.node else { continue };
        if matches!(f.outcome, Outcome::Pass | Outcome::Fail) {
            if let Some(u) = source.unknown_for(dom, node, f.outcome) {
                let what = match &u.attr {
                    Some(attr) => format!("{attr}={{{}}}", u.expr),
                    None => format!("the text {{{}}}", u.expr),
                };
                f.message = join(
                    &f.message,
                    &format!("Depends on {what}, known only at run time: check its values."),
                );
                f.outcome = Outcome::Review;
            } else if f.outcome == Outcome::Fail
                && let Some(o) = source.opaque_inside(dom, node)
            {
                f.message = join(
                    &f.message,
                    &format!(
                        "{}: what it renders may supply what is missing; check it rendered.",
                        o.why
                    ),
                );
                f.outcome = Outcome::Review;
            }
        }
        if f.outcome != Outcome::Pass && source.is_conditional(dom, node) {
            f.message = join(&f.message, "(Inside a conditional or iteration.)");
        }
    }
}

fn join(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a} {b}")
    }
}
