//! WCAG 1.3.1: every header cell heads at least one data cell (ACT d0f69e).

use crate::a11y::table::{Cell, Table, is_exposed_table};
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "th-has-data-cells",
    title: "Table header cells are assigned to data cells",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &["d0f69e"],
    help: "A th that heads no data cell announces a header that belongs to nothing, or \
           hides the fact that its column is missing. Remove stray th elements, use td for \
           data, or fix scope/headers so each header reaches its cells.",
    interest: Interest::Tags(&["table"]),
    phi: None,
    examples: &[
        Example::pass(
            "<table><tr><th>Medication</th><th>Dose</th></tr>\
             <tr><td>Lisinopril</td><td>10 mg</td></tr></table>",
        ),
        // Look-alike: an empty corner td and row headers; every th heads a cell.
        Example::pass(
            "<table><tr><td></td><th>Mon</th></tr><tr><th>AM</th><td>Dr. Lee</td></tr></table>",
        ),
        // A third header over a column that has no cells.
        Example::fail(
            "<table><tr><th>Medication</th><th>Dose</th><th>Refills</th></tr>\
             <tr><td>Lisinopril</td><td>10 mg</td></tr></table>",
        ),
        // scope=row on a th whose row has no data cells.
        Example::fail(
            "<table><tr><th>Drug</th></tr><tr><td>Aspirin</td></tr>\
             <tr><th scope=row>Total</th></tr></table>",
        ),
        // Look-alike: a column header over the row headers ("Page" over each page's name).
        Example::pass(
            "<table><tr><th scope=col>Page</th><th scope=col>Fail</th></tr>\
             <tr><th scope=row>/s/home</th><td>3</td></tr></table>",
        ),
        Example::inapplicable("<table role=presentation><tr><th>x</th></tr></table>"),
        Example::inapplicable("<table><tr><th hidden>x</th><td>1</td></tr></table>"),
    ],
};

crate::rule!(ThHasDataCells = META, element: check_element);

fn check_element(cx: &Context, table: ElementRef, sink: &mut Sink) {
    if !is_exposed_table(&cx.a11y, table) {
        return;
    }
    let grid = cx.a11y.table(table.id);
    for header in grid.cells.iter().filter(|c| c.header) {
        // An empty th (a corner cell) heads nothing on purpose; `th-empty` looks at it.
        if header.empty || cx.a11y.is_hidden(header.id) {
            continue;
        }
        if grid.cells_headed_by(cx.dom, header.id).is_empty() && !heads_row_headers(&grid, header) {
            sink.fail(
                header.id,
                "This header cell is not assigned to any data cell of its table (by its \
                 position, scope or any cell's headers attribute).",
            );
        } else {
            sink.pass(header.id);
        }
    }
}

/// A column header over a column of row headers names them (a "Page" header over each row's
/// page name): it heads those cells, though none is a data cell.
fn heads_row_headers(grid: &Table, header: &Cell) -> bool {
    grid.cells.iter().any(|c| {
        c.header
            && c.y >= header.y + header.height
            && c.x < header.x + header.width
            && header.x < c.x + c.width
    })
}
