//! WCAG 3.1.2 Language of Parts: an element's `lang` names the language of the text it
//! decides the language of (ACT off6ek). The same word-frequency guess as
//! `page-lang-matches` ([`crate::lang_guess`]): text plainly in another language fails;
//! text that only reads somewhat like another, or too little to tell, is for a person to
//! review.
//!
//! Hidden elements count when another element takes its name or description from them
//! (`aria-labelledby`, `aria-describedby`): their text is read then.

use crate::engine::Context;
use crate::finding::Category;
use crate::lang_guess::{is_referenced_text, report_guess};
use crate::lang_subtags::has_valid_primary_subtag;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "element-lang-matches",
    title: "An element's lang matches the language of its text",
    category: Category::Accessibility,
    wcag: &["3.1.2"],
    act: &["off6ek"],
    help: "Give a passage in another language the lang of that language (<p lang=\"es\"> \
           around the Spanish instructions), and make sure a copied block does not keep a \
           lang that no longer fits its text. Screen readers switch voice on lang.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass(
            "<html lang=en><body><p lang=es>Su cita es mañana con la doctora, por favor \
             llegue antes.</p></body></html>",
        ),
        // English instructions left inside a block marked Spanish.
        Example::fail(
            "<html lang=en><body><p lang=es>Your visit is tomorrow with the doctor, please \
             arrive early.</p></body></html>",
        ),
        Example::fail("<html lang=fr><body><p lang=nl>Bonne année !</p></body></html>"),
        // Chinese instructions under a copied lang="en": another script, certain.
        Example::fail(
            "<html lang=en><body><p lang=en-US>请在就诊前十五分钟到达诊所</p></body></html>",
        ),
        // An image's name is text in the image's language, wherever it is written.
        Example::fail(
            "<html lang=fr><body><div lang=fr><img src=f.jpg aria-labelledby=c>\
             <p lang=en id=c hidden>Fireworks over Paris</p></div></body></html>",
        ),
        // A hidden caption whose text names an image is read, so it counts.
        Example::pass(
            "<html lang=fr><body><img src=f.jpg aria-labelledby=c>\
             <p lang=en id=c hidden>Fireworks over Paris</p></body></html>",
        ),
        Example::review("<html lang=en><body><p lang=fr>Paris</p></body></html>"),
        // French and English at once: no case against the lang.
        Example::pass(
            "<html lang=en><body><p>The sentence <span lang=fr>Paul put dire comment on \
             tape</span> is French too.</p></body></html>",
        ),
        Example::inapplicable(
            "<html lang=en><body><p lang=fr hidden>Bonne année</p></body></html>",
        ),
        Example::inapplicable("<html lang=en><body><p lang=fr></p></body></html>"),
        Example::inapplicable("<html lang=en><body><p lang=bogus>Hello</p></body></html>"),
    ],
};

crate::rule!(ElementLangMatches = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    for element in cx.dom.elements() {
        if !element.is_html() || element.is("html") {
            continue;
        }
        let Some(lang) = element
            .attr("lang")
            .filter(|l| has_valid_primary_subtag(l.trim()))
        else {
            continue;
        };
        if element.ancestors().any(|a| a.is("head")) {
            continue;
        }
        if cx.a11y.is_hidden(element.id) && !is_referenced_text(cx, element) {
            continue;
        }
        report_guess(cx, sink, element, lang);
    }
}
