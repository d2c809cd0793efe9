//! WCAG 1.3.1: a layout table (role presentation/none) carries no data-table markup.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "layout-table-semantics",
    title: "Layout tables have no header cells, caption or summary",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &[],
    help: "A table marked role=\"presentation\" (or \"none\") is announced as plain content, \
           so its th, caption, summary, scope and headers are silently dropped. If the table \
           holds data, remove the role; if it is layout, remove the data-table markup.",
    interest: Interest::Tags(&["table"]),
    phi: None,
    examples: &[
        Example::pass("<table role=presentation><tr><td>Logo</td><td>Menu</td></tr></table>"),
        Example::fail(
            "<table role=presentation><tr><th>Drug</th></tr><tr><td>Aspirin</td></tr></table>",
        ),
        Example::fail("<table role=none><caption>Visits</caption><tr><td>May 2</td></tr></table>"),
        Example::fail("<table role=presentation summary='Visits'><tr><td>x</td></tr></table>"),
        // Look-alike: a focusable table keeps its table role (presentation conflict).
        Example::inapplicable("<table role=presentation tabindex=0><tr><th>Drug</th></tr></table>"),
        Example::inapplicable("<table><tr><th>Drug</th></tr><tr><td>x</td></tr></table>"),
    ],
};

crate::rule!(LayoutTableSemantics = META, element: check_element);

fn check_element(cx: &Context, table: ElementRef, sink: &mut Sink) {
    if !matches!(cx.a11y.role(table), Some("presentation" | "none")) || cx.a11y.is_hidden(table.id)
    {
        return;
    }
    let grid = cx.a11y.table(table.id);
    let mut found = Vec::new();
    if grid.cells.iter().any(|c| c.header) {
        found.push("th cells");
    }
    if table.children().any(|c| c.is("caption")) {
        found.push("a caption");
    }
    if table.has_attr("summary") {
        found.push("a summary attribute");
    }
    let cell_attr = |name: &str| {
        grid.cells
            .iter()
            .any(|c| cx.dom.element(c.id).is_some_and(|e| e.has_attr(name)))
    };
    if cell_attr("scope") || cell_attr("headers") {
        found.push("scope/headers attributes");
    }
    if found.is_empty() {
        sink.pass(table.id);
    } else {
        sink.fail(
            table.id,
            format!(
                "This table is marked as layout (role {}) but has {}, which assistive \
                 technology ignores.",
                table.attr("role").unwrap_or("presentation").trim(),
                found.join(", ")
            ),
        );
    }
}
