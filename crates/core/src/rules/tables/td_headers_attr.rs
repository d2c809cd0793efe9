//! WCAG 1.3.1: a cell's `headers` attribute names header cells of its own table (ACT a25f45).

use crate::a11y::table::is_exposed_table;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "td-headers-attr",
    title: "Cells' headers attributes refer to header cells in the same table",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &["a25f45"],
    help: "Every id in a cell's headers attribute must be the id of another cell (normally a th) of the same \
           <table>, and not the cell itself. A typo or an id from another table (common \
           when an appointment table is re-rendered with new ids) leaves the cell with \
           no header, so a screen reader reads \"10:30\" without \"Time\".",
    interest: Interest::Tags(&["table"]),
    phi: None,
    examples: &[
        Example::pass(
            "<table><tr><th id=t>Time</th><th id=d>Doctor</th></tr>\
             <tr><td headers=t>10:30</td><td headers='d'>Dr. Lee</td></tr></table>",
        ),
        Example::fail(
            "<table><tr><th id=t>Time</th></tr><tr><td headers=time>10:30</td></tr></table>",
        ),
        // The id exists, but in another table.
        Example::fail(
            "<table><tr><th id=other>Other</th></tr></table>\
             <table><tr><th id=t>Time</th></tr><tr><td headers=other>10:30</td></tr></table>",
        ),
        // A cell naming itself.
        Example::fail(
            "<table><tr><th id=t>Time</th></tr><tr><td id=c headers='t c'>10:30</td></tr></table>",
        ),
        // The id names a paragraph inside the table, not a cell.
        Example::fail(
            "<table><tr><th>Time<p id=p>x</p></th></tr><tr><td headers=p>10:30</td></tr></table>",
        ),
        // Look-alike: headers on a presentational table is out of scope.
        Example::inapplicable("<table role=presentation><tr><td headers=x>10:30</td></tr></table>"),
        Example::inapplicable("<table><tr><th>Time</th></tr><tr><td>10:30</td></tr></table>"),
    ],
};

crate::rule!(TdHeadersAttr = META, element: check_element);

fn check_element(cx: &Context, table: ElementRef, sink: &mut Sink) {
    if !is_exposed_table(&cx.a11y, table) {
        return;
    }
    let grid = cx.a11y.table(table.id);
    for cell in &grid.cells {
        let Some(el) = cx.dom.element(cell.id) else {
            continue;
        };
        let Some(ids) = el.attr("headers") else {
            continue;
        };
        if ids.split_ascii_whitespace().next().is_none() {
            continue;
        }
        let bad: Vec<&str> = ids
            .split_ascii_whitespace()
            .filter(|token| {
                let target = cx.dom.element_by_id(cell.id, token);
                // A cell of this table's grid, not the cell itself. HTML lets a td head
                // other cells through headers, so a td target is allowed.
                target == Some(cell.id) || target.is_none_or(|t| grid.cell(t).is_none())
            })
            .collect();
        if bad.is_empty() {
            sink.pass(cell.id);
        } else {
            sink.fail(
                cell.id,
                format!(
                    "The headers attribute names {} that {} not another cell of this \
                     table: {}.",
                    if bad.len() == 1 { "an id" } else { "ids" },
                    if bad.len() == 1 { "is" } else { "are" },
                    bad.join(", ")
                ),
            );
        }
    }
}
