//! WCAG 2.1.1 Keyboard: elements that are evidently meant to be operated (an explicit
//! interactive ARIA role, or an inline pointer handler) can take keyboard focus.
//!
//! Only markup evidence counts: handlers added from script (`addEventListener`, LWC's
//! `onclick={...}` templates) are invisible in a snapshot, so their absence proves nothing
//! and this rule stays silent about plain elements.

use crate::a11y::aria_data::is_widget_role;
use crate::a11y::focus::is_aria_disabled;
use crate::a11y::roles::explicit_role;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, Rule, RuleMeta, Sink};

use super::flat::descendant_flags;

pub struct KeyboardUnreachable;

static META: RuleMeta = RuleMeta {
    id: "keyboard-unreachable",
    title: "Interactive elements can be reached with the keyboard",
    category: Category::Accessibility,
    wcag: &["2.1.1"],
    act: &[],
    help: "Use a native element (<button>, <a href>, <input>) for anything users operate. If \
           a <div> or <span> must act as a control, give it tabindex=\"0\", a role, and \
           Enter/Space key handling, so people who cannot use a mouse can reach and use it.",
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

impl Rule for KeyboardUnreachable {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn interest(&self) -> Interest {
        Interest::PageOnly
    }
    fn check_page(&self, cx: &Context, sink: &mut Sink) {
        let focusable = |e: ElementRef| cx.a11y.is_focusable(e);
        let mut below: Option<Vec<bool>> = None;
        for element in cx.dom.elements() {
            if !is_candidate(cx, element) {
                continue;
            }
            let below = below.get_or_insert_with(|| descendant_flags(cx, focusable));
            check_candidate(cx, element, below[element.id.index()], sink);
        }
    }
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
