mod layout_table_semantics;
mod scope_attr_valid;
mod table_has_headers;
mod td_headers_attr;
mod th_empty;
mod th_has_data_cells;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &td_headers_attr::TdHeadersAttr,
        &th_has_data_cells::ThHasDataCells,
        &th_empty::ThEmpty,
        &scope_attr_valid::ScopeAttrValid,
        &table_has_headers::TableHasHeaders,
        &layout_table_semantics::LayoutTableSemantics,
    ]
}
