//! WCAG 2.1.2 No Keyboard Trap, the second half: where Tab, Shift+Tab and Escape cannot
//! get focus out of a part of the page, the page tells users which other key does, and
//! that key works. ACT rule ebe86a (non-standard navigation).
//!
//! Decided from the browser front-end's live Tab walk: on a trap, the crawler reads the
//! page's visible text for key combinations (`key_hints`) and presses each from inside.
//! One that gets focus out passes; combinations named but not working, or none named,
//! fail. A control inside the trap that offers help ("How to leave", "Keyboard help") may
//! show instructions only when used: review. Without a walk it asks for review where
//! something can hold focus, as `keyboard-trap` does.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use super::keyboard_trap::{describe_nodes, review_without_walk, trap_container};

static META: RuleMeta = RuleMeta {
    id: "keyboard-trap-exit",
    title: "A keyboard trap tells users the key that leaves it, and that key works",
    category: Category::Accessibility,
    wcag: &["2.1.2"],
    act: &["ebe86a"],
    help: "If standard keys (Tab, Shift+Tab, Escape) cannot move focus out of a widget, \
           put the way out in visible text next to it (\"Press Ctrl+M to leave the \
           editor\") and make that key work from every element inside. Better still, let \
           Tab or Escape leave.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass(
            "<p>Press Ctrl+M to leave the editor</p><a id=home href='/'>Home</a>\
             <button id=bold>Bold</button><button id=italic>Italic</button>",
        )
        .with_facts(TRAP_LEFT_BY_CTRL_M),
        // The instruction is there, but the key does nothing.
        Example::fail(
            "<p>Press Ctrl+M to leave the editor</p><a id=home href='/'>Home</a>\
             <button id=bold>Bold</button><button id=italic>Italic</button>",
        )
        .with_facts(TRAP_NOT_LEFT_BY_CTRL_M),
        // Nothing tells users how to get out.
        Example::fail(
            "<p>Go to the next element</p><a id=home href='/'>Home</a>\
             <button id=bold>Bold</button><button id=italic>Italic</button>",
        )
        .with_facts(TRAP_NOTHING_ADVERTISED),
        // A help link inside the trap may show the way out when used.
        Example::review(
            "<a id=home href='/'>Home</a><button id=bold>Bold</button>\
             <a id=help href='#'>How to leave the toolbar</a>",
        )
        .with_facts(TRAP_WITH_HELP_LINK),
        // No trap: nothing to leave.
        Example::inapplicable("<a id=home href='/'>Home</a><button id=book>Book</button>")
            .with_facts(
                r##"{"source":"chromium","keyboard":{"stops":[{"node":"#home"},{"node":"#book"}],
                "cycled":true,"truncated":false}}"##,
            ),
        // No walk, but a blur handler can hold focus.
        Example::review("<input onblur='if (!this.value) this.focus()'>"),
        Example::inapplicable("<a href='/'>Home</a><button>Book</button>"),
    ],
};

const TRAP_LEFT_BY_CTRL_M: &str = r##"{"source":"chromium","keyboard":{"stops":[
    {"node":"#home"},{"node":"#bold"},{"node":"#italic"}],"cycled":false,"truncated":false,
    "trap":{"nodes":["#bold","#italic"],"keys_tried":["Tab","Shift+Tab","Escape"],
    "advertised":[{"keys":"Ctrl+M","freed":true}],"advertised_tried":true}}}"##;
const TRAP_NOT_LEFT_BY_CTRL_M: &str = r##"{"source":"chromium","keyboard":{"stops":[
    {"node":"#home"},{"node":"#bold"},{"node":"#italic"}],"cycled":false,"truncated":false,
    "trap":{"nodes":["#bold","#italic"],"keys_tried":["Tab","Shift+Tab","Escape"],
    "advertised":[{"keys":"Ctrl+M","freed":false}],"advertised_tried":true}}}"##;
const TRAP_NOTHING_ADVERTISED: &str = r##"{"source":"chromium","keyboard":{"stops":[
    {"node":"#home"},{"node":"#bold"},{"node":"#italic"}],"cycled":false,"truncated":false,
    "trap":{"nodes":["#bold","#italic"],"keys_tried":["Tab","Shift+Tab","Escape"],
    "advertised_tried":true}}}"##;
const TRAP_WITH_HELP_LINK: &str = r##"{"source":"chromium","keyboard":{"stops":[
    {"node":"#home"},{"node":"#bold"},{"node":"#help"}],"cycled":false,"truncated":false,
    "trap":{"nodes":["#bold","#help"],"keys_tried":["Tab","Shift+Tab","Escape"],
    "advertised_tried":true}}}"##;

/// Words in a control's name that offer instructions (lower case).
const HELP_WORDS: &[&str] = &[
    "help",
    "how to",
    "instructions",
    "keyboard",
    "shortcut",
    "leave",
    "exit",
];

crate::rule!(KeyboardTrapExit = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(walk) = &cx.snapshot.keyboard else {
        review_without_walk(
            cx,
            sink,
            "whether a trap here tells users the key that leaves it is unknown: check it \
             by hand, or scan with the crawler",
        );
        return;
    };
    let Some(trap) = &walk.trap else {
        return; // No trap (or the walk did not get far enough: `keyboard-trap` says so).
    };
    let nodes: Vec<ElementRef> = trap
        .nodes
        .iter()
        .filter_map(|&n| cx.dom.element(n))
        .collect();
    let Some(at) = trap_container(cx, &nodes) else {
        return;
    };
    let trapped = describe_nodes(cx, &trap.nodes);
    if trap.advertised.iter().any(|e| e.freed) {
        // The advertised key gets focus out.
        sink.pass(at.id);
        return;
    }
    if !trap.advertised_tried {
        sink.review(
            at.id,
            format!(
                "Keyboard focus is trapped here ({trapped}); whether the page names \
                 another key that leaves it was not checked."
            ),
        );
        return;
    }
    if !trap.advertised.is_empty() {
        let named: Vec<&str> = trap.advertised.iter().map(|e| e.keys.as_str()).collect();
        sink.fail(
            at.id,
            format!(
                "Keyboard focus is trapped here ({trapped}). The page names {}, but \
                 pressing it inside does not get focus out.",
                named.join(", ")
            ),
        );
        return;
    }
    if let Some(help) = nodes.iter().find(|e| offers_help(cx, **e)) {
        sink.review(
            help.id,
            format!(
                "Keyboard focus is trapped here ({trapped}) and the page names no key \
                 that leaves it, but this control may show instructions when used: \
                 check that they name a key that works."
            ),
        );
        return;
    }
    sink.fail(
        at.id,
        format!(
            "Keyboard focus is trapped here ({trapped}), and no visible text on the page \
             names a key that leaves it."
        ),
    );
}

/// A control whose accessible name offers instructions.
fn offers_help(cx: &Context, el: ElementRef) -> bool {
    let name = cx.a11y.name(el).name.to_lowercase();
    HELP_WORDS.iter().any(|w| name.contains(w))
}
