//! WCAG 2.1.2 No Keyboard Trap: focus that Tab moves into a part of the page can leave it
//! again with the keyboard. ACT rule a1b64e (standard navigation).
//!
//! Decided from the browser front-end's live Tab walk (`keyboard`): a trap it found fails
//! (reported on the dialog around the trapped elements, or the smallest element holding
//! them); a walk that came back round to its start without one passes each dialog on the
//! page (a modal that keeps Tab inside but closes on Escape), or the page. Without a walk (static
//! scans, crawls with the walk turned off) traps are scripted behaviour nobody observed:
//! the rule then gives one page-level `review`, and only on pages with something that can
//! hold focus (a modal dialog, or inline blur handlers that move focus back), so static
//! scans of ordinary pages stay quiet rather than asking for a check on every page.

use crate::dom::{ElementRef, NodeId};
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};
use crate::selector::unique_selector;

static META: RuleMeta = RuleMeta {
    id: "keyboard-trap",
    title: "Keyboard focus can leave every part of the page",
    category: Category::Accessibility,
    wcag: &["2.1.2"],
    act: &["a1b64e"],
    help: "A modal dialog may keep focus inside while it is open, but Escape (or its close \
           button) must close it and return focus to the page. Never move focus back from \
           a blur or focusout handler. If a widget needs another key to leave it, tell users \
           which one next to the widget.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::fail(
            "<a id=home href='/'>Home</a><div role=dialog aria-modal=true aria-label=Consent>\
             <button id=accept>Accept</button><button id=decline>Decline</button></div>",
        )
        .with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#home"},{"node":"#accept"},
                {"node":"#decline"}],"cycled":false,"truncated":false,
                "trap":{"nodes":["#accept","#decline"],"keys_tried":["Tab","Shift+Tab","Escape"]}}}"##,
        ),
        // A welcome dialog that keeps Tab inside but closed on Escape: the walk went on.
        Example::pass(
            "<a id=home href='/'>Home</a><section role=dialog aria-modal=true aria-label=Welcome>\
             <button id=start>Start</button></section>",
        )
        .with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#start"},{"node":"#home"}],
                "cycled":true,"truncated":false}}"##,
        ),
        Example::pass("<a id=home href='/'>Home</a><button id=book>Book</button>").with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#home"},{"node":"#book"}],
                "cycled":true,"truncated":false}}"##,
        ),
        // The walk stopped at its press limit: a trap further on is not ruled out.
        Example::review("<a id=home href='/'>Home</a><button id=book>Book</button>").with_facts(
            r##"{"source":"chromium","keyboard":{"stops":[{"node":"#home"}],
                "cycled":false,"truncated":true}}"##,
        ),
        // No walk, but a modal dialog or a blur handler can hold focus.
        Example::review(
            "<div role=dialog aria-modal=true aria-label=Consent><button>Accept</button></div>",
        ),
        Example::review("<input onblur='if (!this.value) this.focus()'>"),
        // No walk, nothing that can hold focus: nothing to say.
        Example::inapplicable("<a href='/'>Home</a><button>Book</button>"),
        // A walk over a page with nothing focusable.
        Example::inapplicable("<p>Clinic hours</p>").with_facts(
            r#"{"source":"chromium","keyboard":{"stops":[],"cycled":true,"truncated":false}}"#,
        ),
    ],
};

/// How far up to look for the dialog around trapped elements.
const ANCESTOR_SEARCH_DEPTH: usize = 64;

/// Inline handlers from which a script can pull focus back.
const BLUR_HANDLERS: &[&str] = &["onblur", "onfocusout"];

crate::rule!(KeyboardTrap = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(walk) = &cx.snapshot.keyboard else {
        review_without_walk(
            cx,
            sink,
            "whether focus can leave it is unknown: Tab into it and check that Tab, \
             Shift+Tab or Escape gets out (scan with the crawler to check automatically)",
        );
        return;
    };
    if let Some(trap) = &walk.trap {
        if trap.advertised.iter().any(|e| e.freed) {
            // A trap whose advertised way out works conforms to 2.1.2, though standard
            // keys do not leave it: `keyboard-trap-exit` passes it, and the walk ended
            // there.
            return;
        }
        let nodes: Vec<ElementRef> = trap
            .nodes
            .iter()
            .filter_map(|&n| cx.dom.element(n))
            .collect();
        if let Some(at) = trap_container(cx, &nodes) {
            let keys = if trap.keys_tried.is_empty() {
                "the keys tried".to_string()
            } else {
                trap.keys_tried.join(", ")
            };
            sink.fail(
                at.id,
                format!(
                    "Keyboard focus is trapped here: {}, and pressing {keys} does not get \
                     it out, nor does any key the page names. Keyboard users are stuck.",
                    describe_nodes(cx, &trap.nodes)
                ),
            );
            return;
        }
    }
    if walk.stops.is_empty() && walk.cycled {
        return; // Nothing takes focus: nothing can trap it.
    }
    if walk.cycled && !walk.truncated {
        // What could have held focus did not: each dialog passes (the page if none).
        let mut any = false;
        for el in cx.dom.elements().filter(|e| is_modal(cx, *e)) {
            any = true;
            sink.pass(el.id);
        }
        if !any {
            sink.pass(cx.page_node());
        }
        return;
    }
    let why = if walk.truncated {
        "the Tab walk stopped at its press limit before it came back round"
    } else {
        "the Tab walk ended before it came back round"
    };
    let at = walk
        .stops
        .last()
        .map(|s| s.node)
        .filter(|&n| cx.dom.element(n).is_some())
        .unwrap_or_else(|| cx.page_node());
    sink.review(
        at,
        format!(
            "No keyboard trap among the first {} Tab stops, but {why}, so the rest of \
             the page was not checked (this is its last stop).",
            walk.stops.len()
        ),
    );
}

/// With no Tab walk recorded: one `review` on the first thing that can hold focus, saying
/// what is `unknown`, and nothing on a page where nothing can.
pub(super) fn review_without_walk(cx: &Context, sink: &mut Sink, unknown: &str) {
    if let Some((el, why)) = could_trap(cx) {
        sink.review(
            el.id,
            format!("{why}. No live Tab walk was recorded for this page, so {unknown}."),
        );
    }
}

/// The first thing on the page that can hold keyboard focus, and what it is.
fn could_trap<'a>(cx: &Context<'a>) -> Option<(ElementRef<'a>, String)> {
    for el in cx.dom.elements() {
        if is_modal(cx, el) {
            return Some((
                el,
                "This page has a modal dialog, which may keep focus inside".into(),
            ));
        }
        if let Some(h) = BLUR_HANDLERS.iter().find(|h| el.has_attr(h))
            && cx.a11y.is_rendered(el.id)
        {
            return Some((
                el,
                format!(
                    "A script runs when focus leaves this element (“{h}”) and may pull it back"
                ),
            ));
        }
    }
    None
}

/// A rendered dialog: `<dialog>`, role dialog or alertdialog, or `aria-modal=true`.
fn is_modal(cx: &Context, el: ElementRef) -> bool {
    let dialog = el.is("dialog")
        || el.attr("role").is_some_and(|r| {
            r.split_ascii_whitespace().next().is_some_and(|r| {
                r.eq_ignore_ascii_case("dialog") || r.eq_ignore_ascii_case("alertdialog")
            })
        })
        || el
            .attr("aria-modal")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    dialog && cx.a11y.is_rendered(el.id)
}

/// Where to report a trap: the dialog around the trapped elements, else the smallest
/// element holding them all (the element itself when focus is stuck on one).
pub(super) fn trap_container<'a>(
    cx: &Context<'a>,
    nodes: &[ElementRef<'a>],
) -> Option<ElementRef<'a>> {
    let first = *nodes.first()?;
    let chain: Vec<ElementRef> = std::iter::once(first)
        .chain(first.flat_ancestors())
        .take(ANCESTOR_SEARCH_DEPTH)
        .collect();
    // The deepest element of the first node's chain that holds every other node.
    let mut common = 0;
    for other in &nodes[1..] {
        let up: Vec<NodeId> = std::iter::once(*other)
            .chain(other.flat_ancestors())
            .take(ANCESTOR_SEARCH_DEPTH)
            .map(|e| e.id)
            .collect();
        while common < chain.len() && !up.contains(&chain[common].id) {
            common += 1;
        }
    }
    let holder = *chain.get(common)?;
    let dialog = chain[common..].iter().find(|e| is_modal(cx, **e)).copied();
    Some(dialog.unwrap_or(holder))
}

/// "focus only moves among `#accept`, `#decline`" (at most five, then a count).
pub(super) fn describe_nodes(cx: &Context, nodes: &[NodeId]) -> String {
    const SHOWN: usize = 5;
    let names: Vec<String> = nodes
        .iter()
        .filter_map(|&n| cx.dom.element(n))
        .take(SHOWN)
        .map(|e| format!("“{}”", unique_selector(e)))
        .collect();
    let more = nodes.len().saturating_sub(SHOWN);
    match (names.len(), more) {
        (1, 0) => format!("focus stays on {}", names[0]),
        (_, 0) => format!("focus only moves among {}", names.join(", ")),
        _ => format!(
            "focus only moves among {} and {more} more",
            names.join(", ")
        ),
    }
}
