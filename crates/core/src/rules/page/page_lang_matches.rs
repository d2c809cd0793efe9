//! WCAG 3.1.1 Language of Page: the page's `lang` names the language its text is in (ACT
//! ucwvc8). A word-frequency guess ([`crate::lang_guess`]) compares the page's text (what
//! no nearer `lang` claims, with its title and text alternatives, images' names included)
//! with the declared language: a page plainly in another language fails; one that only
//! reads somewhat like another, or has too little text to tell, is for a person to review.

use crate::engine::Context;
use crate::finding::Category;
use crate::lang_guess::report_guess;
use crate::lang_subtags::has_valid_primary_subtag;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "page-lang-matches",
    title: "The page's lang matches the language of its text",
    category: Category::Accessibility,
    wcag: &["3.1.1"],
    act: &["ucwvc8"],
    help: "Set <html lang> to the language the page is written in (lang=\"es\" on the Spanish \
           version of the portal, not the English template's lang=\"en\"). Screen readers \
           pick their voice and pronunciation from it. Experience Cloud sets it from the \
           site's language settings: check each language of the site.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass(
            "<html lang=en><title>Your visits</title><body><p>Your next visit is with \
             Dr. Lee. Please bring your insurance card and a list of your medicines.</p>\
             </body></html>",
        ),
        Example::pass(
            "<html lang=es-US><title>Sus citas</title><body><p>Su próxima cita es con la \
             doctora Lee. Por favor traiga su tarjeta del seguro.</p></body></html>",
        ),
        // The Spanish page still says English.
        Example::fail(
            "<html lang=en><title>Sus citas</title><body><p>Su próxima cita es con la \
             doctora Lee. Por favor traiga su tarjeta del seguro.</p></body></html>",
        ),
        Example::review("<html lang=nl><title>Paris</title><body><p>Paris</p></body></html>"),
        // A Russian template over English text: the script alone tells.
        Example::fail(
            "<html lang=ru><title>Your visits</title><body><p>Your next visit is with \
             Dr. Lee.</p></body></html>",
        ),
        // The image's name is the page's text too, wherever it comes from.
        Example::fail(
            "<html lang=nl><title>Paris</title><body><img src=f.jpg aria-labelledby=c>\
             <p lang=en id=c hidden>Fireworks over Paris!</p></body></html>",
        ),
        // Every word is English and French: no case against either.
        Example::pass(
            "<html lang=fr><title>Citation</title><body><p>Paul put dire comment on \
             tape</p></body></html>",
        ),
        // The English passage marks its own language: the rest is Dutch, as declared.
        Example::pass(
            "<html lang=nl><title>Met de kippen op stok</title><body><p>Hij ging met de \
             kippen op stok.</p><p lang=en>This Dutch phrase means that he went to bed \
             early.</p></body></html>",
        ),
        // Missing or invalid lang is html-has-lang's and html-lang-valid's.
        Example::inapplicable("<html><body><p>Your visits</p></body></html>"),
        Example::inapplicable("<html lang=english><body><p>Your visits</p></body></html>"),
        Example::inapplicable("<html lang=en><body> </body></html>"),
    ],
};

crate::rule!(PageLangMatches = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(root) = cx.page_root() else {
        return;
    };
    if !root.is("html") || !root.is_html() {
        return;
    }
    let Some(lang) = root
        .attr("lang")
        .filter(|l| has_valid_primary_subtag(l.trim()))
    else {
        return;
    };
    report_guess(cx, sink, root, lang);
}
