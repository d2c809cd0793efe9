mod document_title;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![&document_title::DocumentTitle]
}
