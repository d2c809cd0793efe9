//! WCAG 1.3.1: a header cell that heads data cells has text.

use crate::a11y::table::is_exposed_table;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "th-empty",
    title: "Table header cells that head data cells are not empty",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &[],
    help: "A th with no text (or only an icon without alt) gives its column or row no \
           header: a screen reader announces the cells with nothing to say what they are. \
           Put a short text in it (visually hidden text is fine, e.g. for an actions column).",
    interest: Interest::Tags(&["table"]),
    phi: None,
    examples: &[
        Example::pass(
            "<table><tr><th>Date</th><th><span class=slds-assistive-text>Actions</span></th></tr>\
             <tr><td>May 2</td><td><button>Cancel</button></td></tr></table>",
        ),
        Example::fail(
            "<table><tr><th>Date</th><th></th></tr>\
             <tr><td>May 2</td><td><button>Cancel</button></td></tr></table>",
        ),
        Example::fail(
            "<table><tr><th>Date</th><th><img src=i.svg alt=''></th></tr>\
             <tr><td>May 2</td><td>x</td></tr></table>",
        ),
        // Look-alike: an empty corner th of a two-axis table heads no data cell.
        Example::pass(
            "<table><tr><th></th><th>Mon</th></tr><tr><th>AM</th><td>Dr. Lee</td></tr></table>",
        ),
        Example::inapplicable("<table><tr><td>a</td></tr></table>"),
    ],
};

crate::rule!(ThEmpty = META, element: check_element);

fn check_element(cx: &Context, table: ElementRef, sink: &mut Sink) {
    if !is_exposed_table(&cx.a11y, table) {
        return;
    }
    let grid = cx.a11y.table(table.id);
    for header in grid.cells.iter().filter(|c| c.header) {
        let Some(el) = cx.dom.element(header.id) else {
            continue;
        };
        if cx.a11y.is_hidden(header.id) || grid.cells_headed_by(cx.dom, header.id).is_empty() {
            continue;
        }
        if cx.a11y.name(el).name.trim().is_empty() {
            sink.fail(
                header.id,
                "This header cell heads data cells but has no text for a screen reader to \
                 announce.",
            );
        } else {
            sink.pass(header.id);
        }
    }
}
