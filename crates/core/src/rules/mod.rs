//! Every rule, one file each, grouped by topic. A group's `mod.rs` lists its rules;
//! [`all`] joins the groups. Adding a rule: write its file, add it to its group's list,
//! then run `scripts/update-docs.sh` (the README's rule table is generated from `META`).

pub mod aria;
pub mod contrast;
pub mod images;
pub mod keyboard;
pub mod names;
pub mod page;
pub mod phi;

use crate::rule::Rule;

pub fn all() -> Vec<&'static dyn Rule> {
    let mut rules = Vec::new();
    rules.extend(page::rules());
    rules.extend(names::rules());
    rules.extend(images::rules());
    rules.extend(aria::rules());
    rules.extend(keyboard::rules());
    rules.extend(contrast::rules());
    rules.extend(phi::rules());
    rules
}

/// The rule with this id.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    all().into_iter().find(|r| r.meta().id == id)
}
