//! WCAG 1.3.1: a `ul`/`ol` list holds only `li`, `script` and `template` (and whitespace).

use crate::a11y::flat::content_children;
use crate::dom::{ElementRef, NodeData};
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "list",
    title: "Lists contain only list items",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &[],
    help: "Put every entry of a ul or ol in its own li. A div, span or bare text directly \
           in the list is not counted as an item, so a screen reader announces \"list, 3 \
           items\" for a medication list of 4, or skips the stray content.",
    interest: Interest::Tags(&["ul", "ol"]),
    phi: None,
    examples: &[
        Example::pass("<ul><li>Lisinopril 10 mg</li><script></script><template></template></ul>"),
        Example::fail("<ul><li>Lisinopril</li><div>Metformin</div></ul>"),
        Example::fail("<ol><li>Take with food</li>Twice a day</ol>"),
        // An li whose role is changed is no longer a list item.
        Example::fail("<ul><li>A</li><li role=button>B</li></ul>"),
        // Look-alikes: a list re-roled as a menu or as presentation is not a list.
        Example::inapplicable("<ul role=menu><div role=menuitem>Refill</div></ul>"),
        Example::inapplicable("<ul role=presentation><div>Refill</div></ul>"),
        // Look-alike: li slotted into a shadow list are its items in the flat tree.
        Example::pass(
            "<med-list><template shadowrootmode=open><ul><slot></slot></ul></template>\
             <li>Lisinopril</li><li>Metformin</li></med-list>",
        ),
        // Hidden stray content is not announced.
        Example::pass("<ul><li>A</li><div hidden>draft</div></ul>"),
    ],
};

crate::rule!(List = META, element: check_element);

fn check_element(cx: &Context, list: ElementRef, sink: &mut Sink) {
    if cx.a11y.role(list) != Some("list") || cx.a11y.is_hidden(list.id) {
        return;
    }
    let mut stray = Vec::new();
    for child in content_children(cx.dom, list.id) {
        match &cx.dom.node(child).data {
            NodeData::Text { text } if !text.trim().is_empty() => stray.push("text".to_string()),
            NodeData::Element { .. } => {
                let Some(el) = cx.dom.element(child) else {
                    continue;
                };
                if el.is("script") || el.is("template") || cx.a11y.is_hidden(child) {
                    continue;
                }
                if el.is("li") && matches!(cx.a11y.role(el), Some("listitem") | None) {
                    continue;
                }
                stray.push(match el.attr("role") {
                    Some(r) if el.is("li") => format!("<li role=\"{}\">", r.trim()),
                    _ => format!("<{}>", el.name()),
                });
            }
            _ => {}
        }
    }
    if stray.is_empty() {
        sink.pass(list.id);
    } else {
        stray.dedup();
        sink.fail(
            list.id,
            format!(
                "This <{}> directly contains {} besides its list items.",
                list.name(),
                stray.join(", ")
            ),
        );
    }
}
