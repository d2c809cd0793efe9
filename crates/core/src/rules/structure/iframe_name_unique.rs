//! WCAG 4.1.2 (ACT 4b1c6c): iframes with the same accessible name show the same content;
//! otherwise a screen reader user choosing a frame by its name cannot tell them apart. The
//! same `src` is the same content (pass). A different `src` may still load an identical
//! document (a copy, a redirect), which static HTML cannot tell: review, never fail.

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
        // Frames nested in a srcdoc document are not in the snapshot.
        Example::review(
            "<iframe title=\"Visit\" src=/s/v1></iframe>\
             <iframe srcdoc=\"<iframe title='Visit' src='/s/v2'></iframe>\"></iframe>",
        ),
        Example::inapplicable(
            "<iframe title=\"Visit\" src=/s/v1 hidden></iframe>\
             <iframe title=\"Visit\" src=/s/v2></iframe>",
        ),
    ],
};

crate::rule!(IframeNameUnique = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    // Accessible name -> (iframe, its src) in document order.
    let named = cx
        .dom
        .elements()
        .filter(|e| e.is("iframe") && e.is_html() && !cx.a11y.is_hidden(e.id))
        .filter_map(|el| {
            let name = cx.a11y.name(el).name;
            // A frame without a name is iframe-name's.
            (!name.is_empty()).then(|| (name, (el.id, el.attr("src").unwrap_or("").trim())))
        });
    let groups = groups_in_order(named);
    // A frame's own document (srcdoc) is not part of this snapshot: iframes inside it may
    // share a name with ours, which is unknown, not absent.
    if !groups.is_empty() {
        for el in cx.dom.elements().filter(|e| e.is("iframe") && e.is_html()) {
            let nests_frames = el
                .attr("srcdoc")
                .is_some_and(|d| d.to_ascii_lowercase().contains("<iframe"));
            if nests_frames && !cx.a11y.is_hidden(el.id) {
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
        let first_src = group[0].1;
        for &(id, src) in group {
            if !src.is_empty() && group.iter().all(|(_, s)| *s == first_src) {
                sink.pass(id);
            } else {
                sink.review(
                    id,
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
