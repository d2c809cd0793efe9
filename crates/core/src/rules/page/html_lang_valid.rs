//! WCAG 3.1.1 Language of Page: the `<html>` element's `lang` is a valid language tag
//! (its primary subtag is registered with IANA), and `xml:lang`, when present, agrees.

use crate::engine::Context;
use crate::finding::Category;
use crate::lang_subtags::has_valid_primary_subtag;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "html-lang-valid",
    title: "The page's lang attribute is a valid language tag",
    category: Category::Accessibility,
    wcag: &["3.1.1"],
    act: &["bf051a"],
    help: "Use a BCP 47 language tag whose first part is a registered language code: \
           lang=\"en\", lang=\"es-US\", lang=\"fr-CA\". Words (\"english\"), ISO 639-2 codes \
           that have a two-letter form (\"eng\") and typos (\"em\") are not understood by \
           screen readers. If xml:lang is also set, give it the same language.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<html lang=\"es-US\"><body>Hola</body></html>"),
        Example::pass("<html lang=\"FR\"></html>"),
        Example::fail("<html lang=\"english\"><body>Hi</body></html>"),
        Example::fail("<html lang=\"eng\"><body>Hi</body></html>"),
        Example::fail("<html lang=\"en\" xml:lang=\"fr\"><body>Hi</body></html>"),
        // Missing or empty lang is html-has-lang's finding, not this rule's.
        Example::inapplicable("<html><body>Hi</body></html>"),
    ],
};

crate::rule!(HtmlLangValid = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(root) = cx.page_root() else {
        return;
    };
    if !root.is("html") {
        return;
    }
    let Some(lang) = root.attr("lang").map(trim_ascii) else {
        return;
    };
    if lang.is_empty() {
        return;
    }
    if !has_valid_primary_subtag(lang) {
        sink.fail(
            root.id,
            format!(
                "lang=\"{}\" does not start with a registered language subtag.",
                crate::selector::shorten(lang, 40)
            ),
        );
        return;
    }
    // xml:lang has no effect in HTML, but where both are present they must agree
    // (HTML requires it; tools that read xml:lang would otherwise get another language).
    if let Some(xml_lang) = root.attr("xml:lang").map(trim_ascii)
        && !xml_lang.is_empty()
        && !primary_subtag(xml_lang).eq_ignore_ascii_case(primary_subtag(lang))
    {
        sink.fail(
            root.id,
            format!(
                "lang=\"{}\" and xml:lang=\"{}\" name different languages.",
                crate::selector::shorten(lang, 40),
                crate::selector::shorten(xml_lang, 40)
            ),
        );
        return;
    }
    sink.pass(root.id);
}

fn trim_ascii(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_ascii_whitespace())
}

fn primary_subtag(tag: &str) -> &str {
    tag.split('-').next().unwrap_or("")
}
