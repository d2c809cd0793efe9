//! WCAG 4.1.2 Name, Role, Value: a link (or menu item) holds no other interactive control.
//! A button or field inside a link takes focus on its own, but screen readers announce it
//! as part of the link (or not at all), and activating one may also follow the link.
//!
//! Controls whose children are presentational (button, checkbox, tab, ...) are
//! `presentational-children-focusable`'s (ACT 307n5z): this rule checks only the roles
//! whose children are not presentational, and skips anything inside an element that rule
//! already checks, so no nesting is reported twice.

use crate::a11y::aria_data::children_presentational;
use crate::a11y::flat::{descendant_flags, find_descendant};
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "nested-interactive",
    title: "Links and menu items contain no other interactive controls",
    category: Category::Accessibility,
    wcag: &["4.1.2"],
    act: &[],
    help: "Put the button, field or second link next to the link, not inside it: e.g. a \
           visit card whose header is a link keeps its \"Download PDF\" button outside the \
           <a>. A control nested in a link is announced as part of the link, or not at all, \
           and clicking it may follow the link too.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<a href=\"/s/visit\">Visit summary <img src=i.png alt=\"\"></a>"),
        Example::fail("<a href=\"/s/visit\">Visit summary <button>Download PDF</button></a>"),
        // A second link inside (markup cannot nest <a> elements, ARIA can).
        Example::fail(
            "<a href=\"/s/visit\">Visit <span role=\"link\" tabindex=\"0\">PDF</span></a>",
        ),
        Example::fail(
            "<div role=\"link\" tabindex=\"0\">Lab results <input type=\"checkbox\" \
             aria-label=\"Mark as read\"></div>",
        ),
        Example::fail(
            "<ul role=\"menu\"><li role=\"menuitem\">Visits <a href=\"/s/visits\">All</a></li></ul>",
        ),
        // Look-alikes: a disabled or hidden control takes no focus.
        Example::pass("<a href=\"/s/visit\">Visit <button disabled>PDF</button></a>"),
        Example::pass("<a href=\"/s/visit\">Visit <span hidden><button>PDF</button></span></a>"),
        // A link inside a button is presentational-children-focusable's finding, not this
        // rule's: the button is reported there, once.
        Example::inapplicable("<button>Save <a href=\"/s/help\">help</a></button>"),
        Example::inapplicable("<a>No href: not a link <button>OK</button></a>"),
    ],
};

crate::rule!(NestedInteractive = META, page: check_page);

/// Roles this rule checks: interactive, and their children are not presentational.
const CONTAINERS: &[&str] = &["link", "menuitem"];

fn check_page(cx: &Context, sink: &mut Sink) {
    let focusable = |e: ElementRef| cx.a11y.is_focusable(e);
    let mut below: Option<Vec<bool>> = None;
    let mut covered: Option<Vec<bool>> = None;
    for element in cx.dom.elements() {
        let Some(role) = cx.a11y.role(element) else {
            continue;
        };
        if !CONTAINERS.contains(&role)
            || children_presentational(role)
            || cx.a11y.is_hidden(element.id)
        {
            continue;
        }
        let covered = covered.get_or_insert_with(|| inside_presentational(cx));
        if covered[element.id.index()] {
            continue;
        }
        let below = below.get_or_insert_with(|| descendant_flags(cx, focusable));
        if !below[element.id.index()] {
            sink.pass(element.id);
            continue;
        }
        let inner = find_descendant(cx, element, focusable)
            .map(|e| format!("a focusable <{}>", e.name()))
            .unwrap_or_else(|| "focusable content".to_string());
        sink.fail(
            element.id,
            format!(
                "This {role} contains {inner}: a control inside a {role} is announced as part \
                 of it, or not at all, and activating it may also activate the {role}."
            ),
        );
    }
}

/// For every node: whether some flat-tree ancestor has a role with presentational children
/// (those nestings are `presentational-children-focusable`'s). One forward pass: a flat
/// parent always comes before its children in index order.
fn inside_presentational(cx: &Context) -> Vec<bool> {
    let dom = cx.dom;
    let mut inside = vec![false; dom.len()];
    for id in dom.ids().skip(1) {
        let Some(parent) = dom.flat_parent(id) else {
            continue;
        };
        let parent_is = dom
            .element(parent)
            .and_then(|p| cx.a11y.role(p))
            .is_some_and(children_presentational);
        inside[id.index()] = inside[parent.index()] || parent_is;
    }
    inside
}
