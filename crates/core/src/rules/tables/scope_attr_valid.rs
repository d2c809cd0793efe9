//! WCAG 1.3.1: `scope` is one of HTML's keywords, on a `th`.

use crate::a11y::table::{Scope, table_of};
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "scope-attr-valid",
    title: "The scope attribute has a valid value on a header cell",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &[],
    help: "scope takes row, col, rowgroup or colgroup, on a th. Any other value (\"column\", \
           \"rows\") is ignored, so the header falls back to guesswork; on a td scope is \
           obsolete and ignored: make the cell a th.",
    interest: Interest::Tags(&["th", "td"]),
    phi: None,
    examples: &[
        Example::pass("<table><tr><th scope=col>Dose</th></tr><tr><td>5 mg</td></tr></table>"),
        Example::pass("<table><tr><th scope=' ROW '>AM</th><td>x</td></tr></table>"),
        Example::fail("<table><tr><th scope=column>Dose</th></tr><tr><td>5</td></tr></table>"),
        Example::review("<table><tr><td scope=row>AM</td><td>x</td></tr></table>"),
        Example::inapplicable("<table><tr><th>Dose</th></tr><tr><td>5 mg</td></tr></table>"),
    ],
};

crate::rule!(ScopeAttrValid = META, element: check_element);

fn check_element(cx: &Context, cell: ElementRef, sink: &mut Sink) {
    let Some(scope) = cell.attr("scope") else {
        return;
    };
    // Only cells of a table's grid, exposed to assistive technology.
    if table_of(cx.dom, cell.id).is_none() || cx.a11y.is_hidden(cell.id) {
        return;
    }
    if cell.is("td") {
        sink.review(
            cell.id,
            "scope on a td is obsolete and ignored by browsers; if this cell is a header, \
             make it a th.",
        );
    } else if Scope::parse(scope).is_some() {
        sink.pass(cell.id);
    } else {
        sink.fail(
            cell.id,
            format!(
                "scope=\"{}\" is not one of row, col, rowgroup, colgroup; it is ignored.",
                scope.trim()
            ),
        );
    }
}
