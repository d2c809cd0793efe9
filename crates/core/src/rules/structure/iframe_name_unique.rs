//! WCAG 4.1.2 (ACT 4b1c6c): iframes with the same accessible name show the same content;
//! otherwise a screen reader user choosing a frame by its name cannot tell them apart. The
//! same `src` is the same content (pass), and so are two attached frame documents with the
//! same URL or the same content. A different `src` may still load an identical document
//! (a copy, a redirect), and different documents may serve the same purpose (two adverts):
//! review, never fail.

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
        for el in group {
            if all_same {
                sink.pass(el.id);
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
