//! The HTML table model (`portalscan_core::a11y::table`) on parsed HTML: slots with
//! rowspan/colspan, and header assignment by scope, by the implicit scan and by `headers`.

use portalscan_core::a11y::table::{Scope, Table, table_of};
use portalscan_core::dom::{Dom, NodeId};
use portalscan_html::parse_dom;

fn id(dom: &Dom, id: &str) -> NodeId {
    dom.elements()
        .find(|e| e.attr("id") == Some(id))
        .unwrap_or_else(|| panic!("no #{id}"))
        .id
}

fn table(dom: &Dom) -> Table {
    let t = dom.elements().find(|e| e.is("table")).expect("a table").id;
    Table::build(dom, t)
}

/// Ids of the headers assigned to the cell with this id.
fn headers(dom: &Dom, cell: &str) -> Vec<String> {
    let t = table(dom);
    let c = *t.cell(id(dom, cell)).expect("a cell");
    t.headers_of(dom, &c)
        .into_iter()
        .map(|h| {
            dom.element(h)
                .unwrap()
                .attr("id")
                .unwrap_or("?")
                .to_string()
        })
        .collect()
}

#[test]
fn spans_shift_later_cells() {
    let dom = parse_dom(
        "<table><tr><td id=a rowspan=2>a</td><td id=b colspan=2>b</td></tr>\
         <tr><td id=c>c</td><td id=d>d</td></tr></table>",
    );
    let t = table(&dom);
    assert_eq!((t.width, t.height), (3, 2));
    let c = t.cell(id(&dom, "c")).unwrap();
    assert_eq!((c.x, c.y), (1, 1));
    assert_eq!(t.cell_at(2, 0).unwrap().id, id(&dom, "b"));
    assert_eq!(t.cell_at(0, 1).unwrap().id, id(&dom, "a"));
    assert_eq!(t.cell_at(2, 1).unwrap().id, id(&dom, "d"));
}

#[test]
fn rowspan_zero_spans_its_row_group_and_nested_tables_stay_apart() {
    let dom = parse_dom(
        "<table><tbody><tr><td id=a rowspan=0>a<table><tr><td id=n>n</td></tr></table></td>\
         <td>b</td></tr><tr><td id=c>c</td></tr></tbody><tfoot><tr><td id=f>f</td></tr></tfoot></table>",
    );
    let t = table(&dom);
    assert_eq!(t.cell(id(&dom, "a")).unwrap().height, 2);
    assert_eq!(t.cell(id(&dom, "c")).unwrap().x, 1);
    assert_eq!(t.cell(id(&dom, "f")).unwrap().x, 0);
    assert!(t.cell(id(&dom, "n")).is_none());
    assert_ne!(table_of(&dom, id(&dom, "n")), Some(t.element));
}

#[test]
fn implicit_headers_from_both_axes() {
    let dom = parse_dom(
        "<table><tr><td id=corner></td><th id=mon>Mon</th><th id=tue>Tue</th></tr>\
         <tr><th id=am>AM</th><td id=x>x</td><td id=y>y</td></tr></table>",
    );
    assert_eq!(headers(&dom, "x"), ["am", "mon"]);
    assert_eq!(headers(&dom, "y"), ["am", "tue"]);
    let t = table(&dom);
    assert_eq!(t.cells_headed_by(&dom, id(&dom, "tue")), [id(&dom, "y")]);
}

#[test]
fn scope_decides_direction_and_invalid_scope_is_auto() {
    // scope=col on a th in a data row heads the column, not the row.
    let dom = parse_dom(
        "<table><tr><th id=h scope=col>Drug</th><td id=a>1</td></tr>\
         <tr><td id=b>Aspirin</td><td id=c>2</td></tr></table>",
    );
    assert_eq!(headers(&dom, "a"), Vec::<String>::new());
    assert_eq!(headers(&dom, "b"), ["h"]);
    assert_eq!(Scope::parse(" ROW "), Some(Scope::Row));
    assert_eq!(Scope::parse("column"), None);
    assert_eq!(Scope::parse(""), Some(Scope::Auto));
}

#[test]
fn headers_attribute_replaces_the_scan_and_ignores_outside_ids() {
    let dom = parse_dom(
        "<p id=out>x</p><table><tr><th id=h1>A</th><th id=h2>B</th></tr>\
         <tr><td id=a headers='h2 out missing a'>1</td><td id=b>2</td></tr></table>",
    );
    assert_eq!(headers(&dom, "a"), ["h2"]);
    assert_eq!(headers(&dom, "b"), ["h2"]);
}

#[test]
fn a_header_block_hides_headers_beyond_it() {
    // Two stacked header rows over a data row, then a second header row after data:
    // the lower block of headers is opaque to the upper one for cells below it.
    let dom = parse_dom(
        "<table><tr><th id=top>Top</th></tr><tr><td id=a>a</td></tr>\
         <tr><th id=mid>Mid</th></tr><tr><td id=b>b</td></tr></table>",
    );
    assert_eq!(headers(&dom, "a"), ["top"]);
    assert_eq!(headers(&dom, "b"), ["mid"]);
}
