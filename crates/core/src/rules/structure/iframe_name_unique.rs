//! WCAG 4.1.2 (ACT 4b1c6c): iframes with the same accessible name show the same content;
//! otherwise a screen reader user choosing a frame by its name cannot tell them apart. The
//! same `src` is the same content (pass), and so are two attached frame documents with the
//! same URL or the same content. Two of the site's own documents (same origin as the
//! page, or `srcdoc`) that have nothing in common, not one kind of element nor one word,
//! cannot serve the same purpose: fail. Anything between (a copy at another address, two
//! adverts, another site's documents) is for a person to review.

use std::collections::BTreeSet;

use crate::dom::{Dom, ElementRef, NodeData, NodeId};
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink, groups_in_order};

static META: RuleMeta = RuleMeta {
    id: "iframe-name-unique",
    title: "Iframes with the same name show the same content",
    category: Category::Accessibility,
    wcag: &["4.1.2"],
    act: &["4b1c6c"],
    help: "Give each iframe a title that says what it holds, distinct from the other frames \
           on the page (e.g. \"Visit summary, May 2\" and \"Visit summary, May 9\"), unless \
           they show the same document.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass(
            "<iframe title=\"Visit summary\" src=/s/v1></iframe>\
             <iframe title=\"Visit summary\" src=/s/v1></iframe>",
        ),
        Example::review(
            "<iframe title=\"Visit summary\" src=/s/v1></iframe>\
             <iframe title=\"Visit summary\" src=/s/v2></iframe>",
        ),
        // The name is compared after whitespace is collapsed, whatever gives it.
        Example::review(
            "<iframe title=\"Visit summary\" src=/s/v1></iframe>\
             <iframe aria-label=\" Visit  summary\" src=/s/v2></iframe>",
        ),
        Example::inapplicable(
            "<iframe title=\"Visit May 2\" src=/s/v1></iframe>\
             <iframe title=\"Visit May 9\" src=/s/v2></iframe>",
        ),
        // A frame nested in a srcdoc document is on the page too: compared with the others.
        Example::review(
            "<iframe title=\"Visit\" src=/s/v1></iframe>\
             <iframe srcdoc=\"<iframe title='Visit' src='/s/v2'></iframe>\"></iframe>",
        ),
        Example::pass(
            "<iframe title=\"Visit\" src=/s/v1></iframe>\
             <iframe srcdoc=\"<iframe title='Visit' src='/s/v1'></iframe>\"></iframe>",
        ),
        // Both documents attached, the same content: the same frame.
        Example::pass(
            "<iframe title=\"Visit\" srcdoc=\"<p>Visit on May 2</p>\"></iframe>\
             <iframe title=\"Visit\" srcdoc=\"<p>Visit  on May 2</p>\"></iframe>",
        ),
        Example::review(
            "<iframe title=\"Visit\" srcdoc=\"<p>Visit on May 2</p>\"></iframe>\
             <iframe title=\"Visit\" srcdoc=\"<p>Visit on May 9</p>\"></iframe>",
        ),
        // The same name over a menu and a letter: nothing in common, two purposes.
        Example::fail(
            "<iframe title=\"Visit\" srcdoc=\"<nav><ul><li>Home</li></ul></nav>\"></iframe>\
             <iframe title=\"Visit\" srcdoc=\"<article>Lorem ipsum</article>\"></iframe>",
        ),
        // Unrun scripts (a static scan) may still change what the frames show.
        Example::review(
            "<iframe title=\"Visit\" srcdoc=\"<nav><ul><li>Home</li></ul></nav>\"></iframe>\
             <iframe title=\"Visit\" srcdoc=\"<article>Lorem ipsum</article>\"></iframe>\
             <script>setUpFrames()</script>",
        ),
        // Two adverts: different words in the same shape may serve one purpose.
        Example::review(
            "<iframe title=\"Advert\" srcdoc=\"<h1>Buy things</h1><p>Please</p>\"></iframe>\
             <iframe title=\"Advert\" srcdoc=\"<h1>Other advert</h1><p>Buy more</p>\">\
             </iframe>",
        ),
        Example::inapplicable(
            "<iframe title=\"Visit\" src=/s/v1 hidden></iframe>\
             <iframe title=\"Visit\" src=/s/v2></iframe>",
        ),
    ],
};

crate::rule!(IframeNameUnique = META, page: check_page);

/// What an iframe shows, as far as the snapshot knows: its attached document (by its URL
/// and its content), else its `src`.
#[derive(PartialEq)]
enum Shows<'a> {
    Document { url: &'a str, content: Vec<String> },
    Src(&'a str),
}

fn shows<'a>(cx: &Context<'a>, el: ElementRef<'a>) -> Shows<'a> {
    match cx.dom.content_document(el.id) {
        Some(document) => Shows::Document {
            url: cx.dom.document_url(document).unwrap_or(""),
            content: document_content(cx.dom, document),
        },
        None => Shows::Src(el.attr("src").unwrap_or("").trim()),
    }
}

/// A frame document's content for comparison: each element's start tag and each text's
/// words, in order, without comments and whitespace between elements.
fn document_content(dom: &Dom, document: NodeId) -> Vec<String> {
    (document.index() + 1..dom.subtree_end(document))
        .filter_map(|i| match &dom.node(NodeId(i as u32)).data {
            NodeData::Element { name, attrs, .. } => Some(format!("<{name} {attrs:?}>")),
            NodeData::Text { text } if !text.trim().is_empty() => {
                Some(crate::selector::collapse_whitespace(text))
            }
            _ => None,
        })
        .collect()
}

/// What a frame document is made of, for telling unrelated documents apart: the kinds of
/// elements in it and its words (lowercase), its head left out.
#[derive(Default)]
struct Vocabulary {
    elements: BTreeSet<String>,
    words: BTreeSet<String>,
}

const NOT_CONTENT: &[&str] = &[
    "html", "head", "body", "title", "meta", "link", "script", "style", "template", "noscript",
    "base",
];

fn vocabulary(dom: &Dom, document: NodeId) -> Vocabulary {
    let mut vocabulary = Vocabulary::default();
    // The arena is in pre-order: a head's subtree is the index range up to its end.
    let mut i = document.index() + 1;
    while i < dom.subtree_end(document) {
        let id = NodeId(i as u32);
        i += 1;
        match &dom.node(id).data {
            NodeData::Element { name, .. } if name.eq_ignore_ascii_case("head") => {
                i = dom.subtree_end(id);
            }
            NodeData::Element { name, .. } if !NOT_CONTENT.contains(&name.as_str()) => {
                vocabulary.elements.insert(name.to_ascii_lowercase());
            }
            NodeData::Text { text } => {
                vocabulary.words.extend(
                    text.split(|c: char| !c.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_lowercase),
                );
            }
            _ => {}
        }
    }
    vocabulary
}

/// Whether a frame document is the site's own: the page's origin, or `srcdoc`/`about:`.
fn first_party(page_url: &str, document_url: &str) -> bool {
    document_url.starts_with("about:")
        || crate::url::origin(document_url).is_some_and(|o| crate::url::origin(page_url) == Some(o))
}

/// The vocabulary of the frame's document when it is attached and the site's own and has
/// something in it; `None` otherwise (nothing to compare).
fn own_vocabulary(cx: &Context, frame: &ElementRef) -> Option<Vocabulary> {
    let document = cx.dom.content_document(frame.id)?;
    if !first_party(
        &cx.snapshot.url,
        cx.dom.document_url(document).unwrap_or(""),
    ) {
        return None;
    }
    let vocabulary = vocabulary(cx.dom, document);
    (!vocabulary.elements.is_empty() || !vocabulary.words.is_empty()).then_some(vocabulary)
}

/// Whether two of the site's own documents share nothing: no kind of element, no word.
fn unrelated(a: &Vocabulary, b: &Vocabulary) -> bool {
    a.elements.is_disjoint(&b.elements) && a.words.is_disjoint(&b.words)
}

/// Whether two frames show the same thing: the same document (URL) or the same content.
fn same_content(a: &Shows, b: &Shows) -> bool {
    match (a, b) {
        (Shows::Src(a), Shows::Src(b)) => !a.is_empty() && a == b,
        (
            Shows::Document {
                url: ua,
                content: ca,
            },
            Shows::Document {
                url: ub,
                content: cb,
            },
        ) => (ua == ub && *ua != "about:srcdoc") || ca == cb,
        _ => false,
    }
}

fn check_page(cx: &Context, sink: &mut Sink) {
    // Accessible name -> iframes in document order, in the page's document and in the
    // frames' documents attached to it (a frame inside a frame is on the page too).
    let named = cx
        .dom
        .elements()
        .filter(|e| e.is("iframe") && e.is_html() && !cx.a11y.is_hidden(e.id))
        .filter_map(|el| {
            let name = cx.a11y.name(el).name;
            // A frame without a name is iframe-name's.
            (!name.is_empty()).then_some((name, el))
        });
    let groups = groups_in_order(named);
    // A frame's own document (srcdoc) the front-end did not attach: iframes inside it may
    // share a name with ours, which is unknown, not absent.
    if !groups.is_empty() {
        for el in cx.dom.elements().filter(|e| e.is("iframe") && e.is_html()) {
            let nests_frames = el
                .attr("srcdoc")
                .is_some_and(|d| d.to_ascii_lowercase().contains("<iframe"));
            if nests_frames && cx.dom.content_document(el.id).is_none() && !cx.a11y.is_hidden(el.id)
            {
                sink.review(
                    el.id,
                    "This frame's own document holds iframes that this scan cannot see: check \
                     that none shares a name with another frame on the page but shows \
                     different content.",
                );
            }
        }
    }
    for (_, group) in &groups {
        if group.len() < 2 {
            continue;
        }
        let shown: Vec<Shows> = group.iter().map(|el| shows(cx, *el)).collect();
        let all_same = shown.iter().all(|s| same_content(&shown[0], s));
        let attached = shown.iter().all(|s| matches!(s, Shows::Document { .. }));
        // Scripts that did not run (a static scan) may still move or fill these frames.
        let scripts_pending =
            cx.snapshot.capture().scripts_ran == Some(false) && cx.dom.has_scripts();
        let any_unrelated = !all_same && attached && !scripts_pending && {
            // Each document read once, then compared pairwise.
            let own: Vec<Vocabulary> = group
                .iter()
                .filter_map(|el| own_vocabulary(cx, el))
                .collect();
            own.iter()
                .enumerate()
                .any(|(i, a)| own[i + 1..].iter().any(|b| unrelated(a, b)))
        };
        for el in group {
            if all_same {
                sink.pass(el.id);
            } else if any_unrelated {
                sink.fail(
                    el.id,
                    format!(
                        "{} iframes share this accessible name but show documents with \
                         nothing in common: name each for what it shows.",
                        group.len()
                    ),
                );
            } else if attached {
                // Different documents may still serve the same purpose (two adverts, a
                // page and its shorter copy): a person decides, never a guess.
                sink.review(
                    el.id,
                    format!(
                        "{} iframes share this accessible name but show different documents: \
                         check that they serve the same purpose, or name each for what it \
                         shows.",
                        group.len()
                    ),
                );
            } else {
                sink.review(
                    el.id,
                    format!(
                        "{} iframes share this accessible name but load different addresses: \
                         check that they show the same content, or name each for what it \
                         shows.",
                        group.len()
                    ),
                );
            }
        }
    }
}
