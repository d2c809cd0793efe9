mod definition_list;
mod dlitem;
mod list;
mod listitem;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &list::List,
        &listitem::Listitem,
        &definition_list::DefinitionList,
        &dlitem::Dlitem,
    ]
}
