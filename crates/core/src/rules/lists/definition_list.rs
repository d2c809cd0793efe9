//! WCAG 1.3.1: a `dl` holds `dt`/`dd` groups (optionally each in a `div`), and each group
//! has a term followed by at least one description.

use crate::a11y::flat::content_children;
use crate::dom::{ElementRef, NodeData, NodeId};
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "definition-list",
    title: "Description lists contain only dt/dd groups",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &[],
    help: "A dl holds groups of one or more dt (terms) followed by one or more dd \
           (descriptions), each group optionally wrapped in a div. Other content, or a dd \
           with no term before it, breaks the term/description pairing a screen reader \
           announces (\"Allergies: Penicillin\").",
    interest: Interest::Tags(&["dl"]),
    phi: None,
    examples: &[
        Example::pass("<dl><dt>Allergies</dt><dd>Penicillin</dd><dd>Latex</dd></dl>"),
        // Look-alike: div-wrapped groups (the SLDS description list pattern).
        Example::pass(
            "<dl class=slds-list_horizontal><div><dt>Dose</dt><dd>10 mg</dd></div>\
             <div><dt>Refills</dt><dd>2</dd></div><script></script></dl>",
        ),
        Example::fail("<dl><dt>Dose</dt><dd>10 mg</dd><p>Refills: 2</p></dl>"),
        Example::fail("<dl><dd>10 mg</dd></dl>"),
        Example::fail("<dl><dt>Dose</dt></dl>"),
        Example::fail("<dl><div><dt>Dose</dt><span>10 mg</span></div></dl>"),
        Example::inapplicable("<dl role=presentation><p>x</p></dl>"),
    ],
};

crate::rule!(DefinitionList = META, element: check_element);

/// What is wrong in one run of dt/dd children (a dl's, or a wrapper div's), if anything.
fn check_group_run(cx: &Context, children: &[NodeId], in_div: bool) -> Vec<String> {
    let mut problems = Vec::new();
    // Whether the last dt has its dd yet, and whether any dt came so far.
    let (mut open_term, mut seen_term) = (false, false);
    for &child in children {
        match &cx.dom.node(child).data {
            NodeData::Text { text } if !text.trim().is_empty() => problems.push("bare text".into()),
            NodeData::Element { .. } => {
                let Some(el) = cx.dom.element(child) else {
                    continue;
                };
                if el.is("script") || el.is("template") || cx.a11y.is_hidden(child) {
                    continue;
                }
                if el.is("dt") {
                    open_term = true;
                    seen_term = true;
                } else if el.is("dd") {
                    if !seen_term {
                        problems.push("a <dd> with no <dt> before it".into());
                    }
                    open_term = false;
                } else if el.is("div") && !in_div {
                    let inner = content_children(cx.dom, child);
                    problems.extend(check_group_run(cx, &inner, true));
                } else {
                    problems.push(format!("a <{}>", el.name()));
                }
            }
            _ => {}
        }
    }
    if open_term {
        problems.push("a <dt> with no <dd> after it".into());
    }
    problems
}

fn check_element(cx: &Context, dl: ElementRef, sink: &mut Sink) {
    // A dl re-roled (presentation, a widget) is not a description list any more.
    if dl.attr("role").is_some_and(|r| !r.trim().is_empty()) || cx.a11y.is_hidden(dl.id) {
        return;
    }
    let mut problems = check_group_run(cx, &content_children(cx.dom, dl.id), false);
    if problems.is_empty() {
        sink.pass(dl.id);
    } else {
        problems.dedup();
        sink.fail(
            dl.id,
            format!("This description list has {}.", problems.join(", ")),
        );
    }
}
