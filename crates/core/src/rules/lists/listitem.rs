//! WCAG 1.3.1: an `li` is inside a list (`ul`, `ol`, `menu`, or an element with role list).

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "listitem",
    title: "List items are inside a list",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &[],
    help: "An li outside a ul, ol or menu is not announced as part of a list: wrap the items \
           in a ul (or give the container role=\"list\"). Items written with role=listitem \
           are checked by aria-required-context.",
    interest: Interest::Tags(&["li"]),
    phi: None,
    examples: &[
        Example::pass("<ul><li>Lisinopril</li></ul>"),
        Example::pass("<menu><li><button>Refill</button></li></menu>"),
        Example::pass("<div role=list><li>Lisinopril</li></div>"),
        Example::fail("<div class=slds-list><li>Lisinopril</li></div>"),
        // A ul re-roled away from list no longer gives its li a list.
        Example::fail("<ul role=tablist><li>Lisinopril</li></ul>"),
        // Look-alikes: slotted into a shadow ul, and an li re-roled on purpose.
        Example::pass(
            "<med-list><template shadowrootmode=open><ul><slot></slot></ul></template>\
             <li>Lisinopril</li></med-list>",
        ),
        Example::inapplicable("<div><li role=option>A</li></div>"),
        // An li inside a presentational list is presentational too.
        Example::inapplicable("<ul role=none><li>A</li></ul>"),
    ],
};

crate::rule!(Listitem = META, element: check_element);

fn check_element(cx: &Context, li: ElementRef, sink: &mut Sink) {
    // Only li that are list items to assistive technology (no role override, not hidden).
    if cx.a11y.role(li) != Some("listitem") || cx.a11y.is_hidden(li.id) {
        return;
    }
    // The parent in the flat tree, looking through slots (a slot renders as its contents).
    let parent = li.flat_ancestors().find(|a| !a.is("slot"));
    let in_list = parent.is_some_and(|p| {
        cx.a11y.role(p) == Some("list") || (p.is("menu") && p.attr("role").is_none())
    });
    if in_list {
        sink.pass(li.id);
    } else {
        let what = parent.map_or("the document".to_string(), |p| format!("a <{}>", p.name()));
        sink.fail(
            li.id,
            format!("This list item is inside {what}, not a list (ul, ol, menu or role=list)."),
        );
    }
}
