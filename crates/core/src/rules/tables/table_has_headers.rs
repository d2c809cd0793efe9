//! WCAG 1.3.1: a data table marks its headers.

use crate::a11y::table::is_exposed_table;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "table-has-headers",
    title: "Data tables have header cells",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &[],
    help: "Mark the header row or column of a data table with th (or role=columnheader/\
           rowheader), so each cell is announced with its header (\"Dose: 10 mg\"). A table \
           used only for layout should say so with role=\"presentation\".",
    interest: Interest::Tags(&["table"]),
    phi: None,
    examples: &[
        Example::pass(
            "<table><tr><th>Medication</th><th>Dose</th></tr>\
             <tr><td>Lisinopril</td><td>10 mg</td></tr></table>",
        ),
        // Look-alike: ARIA header roles count (a div-styled header row).
        Example::pass(
            "<table><tr><td role=columnheader>Medication</td><td role=columnheader>Dose</td></tr>\
             <tr><td>Lisinopril</td><td>10 mg</td></tr></table>",
        ),
        // A caption says it is data: no headers is a failure.
        Example::fail(
            "<table><caption>Medications</caption><tr><td>Medication</td><td>Dose</td></tr>\
             <tr><td>Lisinopril</td><td>10 mg</td></tr></table>",
        ),
        // Nothing says data or layout: a person decides.
        Example::review(
            "<table><tr><td>Medication</td><td>Dose</td></tr>\
             <tr><td>Lisinopril</td><td>10 mg</td></tr></table>",
        ),
        Example::inapplicable(
            "<table role=presentation><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>",
        ),
        // One row: no header structure to speak of.
        Example::inapplicable("<table><tr><td>a</td><td>b</td></tr></table>"),
    ],
};

crate::rule!(TableHasHeaders = META, element: check_element);

fn check_element(cx: &Context, table: ElementRef, sink: &mut Sink) {
    if !is_exposed_table(&cx.a11y, table) {
        return;
    }
    let grid = cx.a11y.table(table.id);
    if grid.width < 2 || grid.height < 2 {
        return;
    }
    let has_headers = grid.cells.iter().any(|c| {
        c.header
            || cx.dom.element(c.id).is_some_and(|e| {
                e.has_attr("headers")
                    || matches!(cx.a11y.role(e), Some("columnheader" | "rowheader"))
            })
    });
    if has_headers {
        sink.pass(table.id);
        return;
    }
    // Signs only a data table carries: a caption, a summary, a thead, or an explicit role.
    let data_signs = table.children().any(|c| c.is("caption") || c.is("thead"))
        || table.has_attr("summary")
        || table.attr("role").is_some();
    if data_signs {
        sink.fail(
            table.id,
            "This data table (it has a caption, summary, thead or table role) has no \
             header cells.",
        );
    } else {
        sink.review(
            table.id,
            "This table has no header cells. If it holds data, mark its headers with th; if \
             it is only for layout, give it role=\"presentation\".",
        );
    }
}
