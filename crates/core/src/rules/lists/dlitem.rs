//! WCAG 1.3.1: a `dt` or `dd` is inside a `dl` (directly, or in a `div` group of one).

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "dlitem",
    title: "Description terms and details are inside a description list",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &[],
    help: "A dt or dd outside a dl is not announced as a term or its description. Wrap the \
           pairs in a dl (a div around each dt/dd group inside the dl is allowed).",
    interest: Interest::Tags(&["dt", "dd"]),
    phi: None,
    examples: &[
        Example::pass("<dl><dt>Dose</dt><dd>10 mg</dd></dl>"),
        Example::pass("<dl><div><dt>Dose</dt><dd>10 mg</dd></div></dl>"),
        Example::fail("<div><dt>Dose</dt><dd>10 mg</dd></div>"),
        Example::fail("<dl><section><dt>Dose</dt></section></dl>"),
        // Look-alike: a dl-rendering component with the pair slotted into its shadow dl.
        Example::pass(
            "<c-med-detail><template shadowrootmode=open><dl><slot></slot></dl></template>\
             <dt>Dose</dt><dd>10 mg</dd></c-med-detail>",
        ),
        Example::inapplicable("<div><dt role=heading aria-level=3>Dose</dt></div>"),
    ],
};

crate::rule!(Dlitem = META, element: check_element);

fn check_element(cx: &Context, item: ElementRef, sink: &mut Sink) {
    if item.attr("role").is_some_and(|r| !r.trim().is_empty()) || cx.a11y.is_hidden(item.id) {
        return;
    }
    // Flat-tree ancestors, looking through slots: the parent, or a div whose parent is a dl.
    let mut up = item.flat_ancestors().filter(|a| !a.is("slot"));
    let parent = up.next();
    let in_dl = match parent {
        Some(p) if p.is("dl") => true,
        Some(p) if p.is("div") => up.next().is_some_and(|g| g.is("dl")),
        _ => false,
    };
    if in_dl {
        sink.pass(item.id);
    } else {
        sink.fail(
            item.id,
            format!("This <{}> is not inside a <dl>.", item.name()),
        );
    }
}
