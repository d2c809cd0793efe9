//! WCAG 2.1.1 Keyboard: elements that are evidently meant to be operated (an explicit
//! interactive ARIA role, or an inline pointer handler) can take keyboard focus.
//!
//! From markup alone, only markup evidence counts: handlers added from script
//! (`addEventListener`, LWC's `onclick={...}` templates) are invisible in a static
//! snapshot, so their absence proves nothing and the rule stays silent about plain elements.
//!
//! Browser snapshots list the elements with a pointer listener (`pointer_handlers`) and
//! the live Tab walk (`keyboard`). A listening element that is rendered (a box with area,
//! visible), enabled, not a page-wide wrapper (half the viewport or more: click-outside and
//! delegation handlers), and that no Tab stop is, contains (click delegation) or encloses
//! (an icon inside a button), and that is not a label (which activates its control), fails when the walk went round the whole page (`cycled`, not
//! `truncated`, no trap). If it can take focus but Tab skips it (tabindex=-1) it is a
//! `review`: arrow keys or a script may bring focus there. Without a complete walk the
//! would-be failures give one page-level `review`, except behind a keyboard trap (what the
//! walk could not reach is the trap's doing, which `keyboard-trap` reports).

use crate::a11y::aria_data::is_widget_role;
use crate::a11y::focus::is_aria_disabled;
use crate::a11y::roles::explicit_role;
use crate::dom::{ElementRef, NodeId};
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::flat::descendant_flags;

static META: RuleMeta = RuleMeta {
    id: "keyboard-unreachable",
    title: "Interactive elements can be reached with the keyboard",
    category: Category::Accessibility,
    wcag: &["2.1.1"],
    act: &[],
    help: "Use a native element (<button>, <a href>, <input>) for anything users operate. If \
           a <div> or <span> must act as a control, give it tabindex=\"0\", a role, and \
           Enter/Space key handling, so people who cannot use a mouse can reach and use it.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<div role=\"button\" tabindex=\"0\">Book visit</div>"),
        Example::pass("<button onclick=\"book()\">Book visit</button>"),
        // Click delegation on a container of real controls.
        Example::pass("<div onclick=\"track()\" role=\"group\"><button>Book</button></div>"),
        Example::fail("<div role=\"button\">Book visit</div>"),
        Example::fail("<span onclick=\"openVisit()\">View visit</span>"),
        // Options of a listbox that uses aria-activedescendant are reached through it.
        Example::pass(
            "<div role=\"listbox\" tabindex=\"0\" aria-activedescendant=\"o1\" aria-label=\"Clinic\">\
             <div role=\"option\" id=\"o1\" aria-selected=\"true\">Main St</div></div>",
        ),
        Example::inapplicable("<div>Text</div>"),
        // A script click handler on a card the Tab walk never reached.
        Example::fail(
            "<a id=home href=/>Home</a><div id=card class=slds-card>Flu shot, 14 May</div>",
        )
        .with_facts(
            r##"{"source":"chromium","pointer_handlers":["#card"],
                "nodes":{"#card":{"rect":{"x":0,"y":80,"width":320,"height":96}}},
                "keyboard":{"stops":[{"node":"#home"}],"cycled":true,"truncated":false}}"##,
        ),
        // The same card inside a frame the walk could not follow focus into (its frame
        // was itself a stop): whether Tab reaches it is unknown.
        Example::review(
            "<a id=home href=/>Home</a><iframe id=pay title=Pay \
             srcdoc=\"<div id=card class=slds-card>Flu shot, 14 May</div>\"></iframe>",
        )
        .with_facts(
            r##"{"source":"chromium","pointer_handlers":["#card"],
                "nodes":{"#card":{"rect":{"x":0,"y":80,"width":320,"height":96}}},
                "keyboard":{"stops":[{"node":"#home"},{"node":"#pay"}],"cycled":true,"truncated":false}}"##,
        ),
        // Delegation: the handler's container holds a Tab stop; a page-wide wrapper; an
        // icon inside a reached button.
        Example::pass(
            "<div id=app><ul id=list><li><a id=visit href=/v>Visit</a></li></ul>\
             <button id=b><svg id=icon width=16 height=16></svg></button></div>",
        )
        .with_facts(
            r##"{"source":"chromium","pointer_handlers":["#app","#list","#icon"],
                "viewport":{"width":1280,"height":800},
                "nodes":{"#app":{"rect":{"x":0,"y":0,"width":1280,"height":2400}},
                  "#list":{"rect":{"x":0,"y":0,"width":600,"height":40}},
                  "#icon":{"rect":{"x":8,"y":48,"width":16,"height":16}}},
                "keyboard":{"stops":[{"node":"#visit"},{"node":"#b"}],"cycled":true,"truncated":false}}"##,
        ),
        // The walk stopped early: unreached is not unreachable.
        Example::review(
            "<a id=home href=/>Home</a><div id=card class=slds-card>Flu shot, 14 May</div>",
        )
        .with_facts(
            r##"{"source":"chromium","pointer_handlers":["#card"],
                "nodes":{"#card":{"rect":{"x":0,"y":80,"width":320,"height":96}}},
                "keyboard":{"stops":[{"node":"#home"}],"cycled":false,"truncated":true}}"##,
        ),
        // Behind a keyboard trap the walk reached nothing else: keyboard-trap reports it.
        Example::inapplicable(
            "<button id=ok>OK</button><div id=card class=slds-card>Flu shot, 14 May</div>",
        )
        .with_facts(
            r##"{"source":"chromium","pointer_handlers":["#card"],
                "nodes":{"#card":{"rect":{"x":0,"y":80,"width":320,"height":96}}},
                "keyboard":{"stops":[{"node":"#ok"}],"cycled":false,"truncated":false,
                  "trap":{"nodes":["#ok"],"keys_tried":["Tab","Shift+Tab","Escape"]}}}"##,
        ),
        // Focusable but skipped by Tab.
        Example::review("<a id=home href=/>Home</a><span id=more tabindex=-1>More</span>")
            .with_facts(
                r##"{"source":"chromium","pointer_handlers":["#more"],
                    "nodes":{"#more":{"rect":{"x":0,"y":80,"width":60,"height":20}}},
                    "keyboard":{"stops":[{"node":"#home"}],"cycled":true,"truncated":false}}"##,
            ),
    ],
};

/// Inline handlers that mean "activate this with the pointer".
const POINTER_HANDLERS: &[&str] = &[
    "onclick",
    "ondblclick",
    "onmousedown",
    "onmouseup",
    "onpointerup",
    "onpointerdown",
];

/// Roles whose elements are normally focused through their container (roving tabindex or
/// aria-activedescendant), so the element itself need not be focusable.
const MANAGED_BY_CONTAINER: &[&str] = &[
    "option",
    "treeitem",
    "gridcell",
    "row",
    "rowheader",
    "columnheader",
    "tab",
    "menuitem",
    "menuitemcheckbox",
    "menuitemradio",
    "radio",
];

/// How far up to look for the managing container (bounded for deep pages).
const CONTAINER_SEARCH_DEPTH: usize = 32;

crate::rule!(KeyboardUnreachable = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let focusable = |e: ElementRef| cx.a11y.is_focusable(e);
    let mut below: Option<Vec<bool>> = None;
    for element in cx.dom.elements() {
        if !is_candidate(cx, element) {
            continue;
        }
        let below = below.get_or_insert_with(|| descendant_flags(cx, focusable));
        check_candidate(cx, element, below[element.id.index()], sink);
    }
    if let Some(handlers) = &cx.snapshot.pointer_handlers {
        check_script_handlers(cx, handlers, sink);
    }
}

/// How much of the viewport a listening element may cover before it counts as a page-wide
/// wrapper (click-outside handlers, delegation roots) rather than a control.
const WRAPPER_SHARE: f64 = 0.5;
/// How far up to look for an enclosing Tab stop or label.
const ANCESTOR_SEARCH_DEPTH: usize = 64;

/// Elements with pointer listeners from script (browser snapshots), judged against the
/// Tab walk. Elements the markup already made candidates (widget roles, inline handlers)
/// were judged above, composite widget items among them.
fn check_script_handlers(cx: &Context, handlers: &[NodeId], sink: &mut Sink) {
    let walk = cx.snapshot.keyboard.as_ref();
    let complete = cx.walk_complete();
    let mut is_stop = cx.walk_stops().to_vec();
    // Where no walk speaks (none was made, or it could not follow focus into a frame),
    // what the DOM says Tab reaches stands in for it.
    for e in cx.dom.elements() {
        if !cx.walk_covers(e.id) {
            is_stop[e.id.index()] = cx.a11y.is_tabbable(e);
        }
    }
    let wrapper_area = wrapper_area(cx);
    let mut stop_below: Option<Vec<bool>> = None;
    let mut unsure: Vec<NodeId> = Vec::new();
    let mut seen = vec![false; cx.dom.len()];
    for &id in handlers {
        let Some(el) = cx.dom.element(id) else {
            continue; // Listeners on shadow roots or the document are delegation.
        };
        if std::mem::replace(&mut seen[id.index()], true)
            || is_candidate(cx, el)
            || !is_operable_box(cx, el, wrapper_area)
        {
            continue;
        }
        let below =
            stop_below.get_or_insert_with(|| descendant_flags(cx, |e| is_stop[e.id.index()]));
        let reached = is_stop[id.index()]
            || below[id.index()]
            || el
                .flat_ancestors()
                .take(ANCESTOR_SEARCH_DEPTH)
                .any(|a| is_stop[a.id.index()] || is_activated_through_label(a))
            || is_activated_through_label(el);
        if reached {
            sink.pass(id);
        } else if !complete || !cx.walk_covers(id) {
            unsure.push(id);
        } else if cx.a11y.is_focusable(el) {
            sink.review(
                id,
                "A script listens for clicks on this element and it can take focus, but Tab \
                 never reaches it (tabindex=-1?). Check that arrow keys or another control \
                 bring keyboard focus here.",
            );
        } else {
            sink.fail(
                id,
                "A script listens for clicks on this element, but neither it nor anything \
                 inside it can be reached with Tab (the Tab walk went round the whole page), \
                 so keyboard users cannot operate it.",
            );
        }
    }
    // Behind a keyboard trap nothing further was reached: keyboard-trap reports the cause.
    let trapped = walk.is_some_and(|w| w.trap.is_some());
    if let Some(&first) = unsure.first().filter(|_| !trapped) {
        let why = match walk {
            None => "no Tab walk was recorded",
            // Complete, so they are where it could not look.
            Some(_) if complete => {
                "they are in a frame the Tab walk could not follow focus into (another origin's)"
            }
            Some(_) => "the Tab walk did not go round the whole page",
        };
        sink.review(
            first,
            format!(
                "{} element(s) with a script click listener (this is the first) hold nothing \
                 Tab reached, but {why}, so whether the keyboard reaches them is not known. \
                 Check them by tabbing through the page.",
                unsure.len()
            ),
        );
    }
}

/// Rendered, visible, enabled, with a box that has area and is not a page-wide wrapper.
fn is_operable_box(cx: &Context, el: ElementRef, wrapper_area: Option<f64>) -> bool {
    if el.is("html") || el.is("body") {
        return false;
    }
    let Some(rect) = el.rect() else {
        return false;
    };
    let area = rect.width * rect.height;
    rect.width >= 1.0
        && rect.height >= 1.0
        && wrapper_area.is_none_or(|max| area < max)
        && cx.a11y.is_rendered(el.id)
        && !cx.a11y.is_invisible(el.id)
        && !cx.a11y.is_inert(el.id)
        && !cx.a11y.is_disabled(el)
        && !is_aria_disabled(el)
}

/// The area from which a box is a page-wide wrapper: half the viewport (or, without one,
/// of the root element's box).
fn wrapper_area(cx: &Context) -> Option<f64> {
    let (w, h) = match cx.snapshot.viewport {
        Some(v) => (v.width, v.height),
        None => {
            let r = cx.dom.document_element()?.rect()?;
            (r.width, r.height)
        }
    };
    Some(w * h * WRAPPER_SHARE)
}

/// What the markup says the element is operated by: an explicit widget role, or an
/// inline pointer handler.
fn evidence(element: ElementRef) -> (Option<&'static str>, Option<&'static str>) {
    let role = explicit_role(element).filter(|r| is_widget_role(r));
    let handler = POINTER_HANDLERS
        .iter()
        .find(|h| element.has_attr(h))
        .copied();
    (role, handler)
}

/// Operable-looking, rendered, enabled elements (not html/body, whose handlers are
/// page-wide delegation).
fn is_candidate(cx: &Context, element: ElementRef) -> bool {
    if element.is("html") || element.is("body") {
        return false;
    }
    let (role, handler) = evidence(element);
    (role.is_some() || handler.is_some())
        && cx.a11y.is_rendered(element.id)
        && !cx.a11y.is_inert(element.id)
        && !cx.a11y.is_disabled(element)
        && !is_aria_disabled(element)
}

fn check_candidate(cx: &Context, element: ElementRef, focusable_inside: bool, sink: &mut Sink) {
    let (role, handler) = evidence(element);
    if cx.a11y.is_focusable(element)
        || focusable_inside
        || is_focused_through_container(cx, element, role)
        || is_activated_through_label(element)
    {
        sink.pass(element.id);
        return;
    }
    let why = match (role, handler) {
        (Some(role), _) => format!("It has role=\"{role}\""),
        (None, Some(handler)) => format!("It has an inline {handler} handler"),
        (None, None) => return,
    };
    sink.fail(
        element.id,
        format!("{why} but cannot receive keyboard focus, and nothing inside it can."),
    );
}

/// An item of a composite widget whose container is focusable or uses
/// aria-activedescendant: the container takes focus and moves among its items.
fn is_focused_through_container(cx: &Context, element: ElementRef, role: Option<&str>) -> bool {
    if !role.is_some_and(|r| MANAGED_BY_CONTAINER.contains(&r)) {
        return false;
    }
    element
        .flat_ancestors()
        .take(CONTAINER_SEARCH_DEPTH)
        .any(|a| a.has_attr("aria-activedescendant") || cx.a11y.is_focusable(a))
}

/// A `<label>` with a handler activates its control, which is reached instead.
fn is_activated_through_label(element: ElementRef) -> bool {
    element.is("label")
}
