mod autocomplete_valid;
mod document_title;
mod duplicate_id_referenced;
mod element_lang_matches;
mod element_lang_valid;
mod html_has_lang;
mod html_lang_valid;
mod id_references;
mod meta_viewport_zoom;
mod page_lang_matches;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &document_title::DocumentTitle,
        &html_has_lang::HtmlHasLang,
        &html_lang_valid::HtmlLangValid,
        &element_lang_valid::ElementLangValid,
        &page_lang_matches::PageLangMatches,
        &element_lang_matches::ElementLangMatches,
        &meta_viewport_zoom::MetaViewportZoom,
        &autocomplete_valid::AutocompleteValid,
        &id_references::IdReferences,
        &duplicate_id_referenced::DuplicateIdReferenced,
    ]
}
