//! Focus: which elements can take focus, which are in sequential focus navigation (Tab),
//! and which form controls are disabled.
//!
//! Without a browser this follows HTML's rules statically: an element that is not rendered
//! or is inert cannot be focused; `aria-hidden` does not change focusability.

use crate::a11y::PageA11y;
use crate::a11y::tree::INERT;
use crate::dom::{ElementRef, Namespace};

/// The `tabindex` value when it is a valid integer (HTML's rules for parsing integers).
pub fn tabindex(el: ElementRef) -> Option<i64> {
    parse_html_integer(el.attr("tabindex")?)
}

fn parse_html_integer(value: &str) -> Option<i64> {
    let s = value.trim_start_matches([' ', '\t', '\n', '\r', '\x0c']);
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    if end == 0 {
        return None;
    }
    // Saturate huge values instead of failing: they are still valid tabindex values.
    let magnitude = digits[..end].parse::<i64>().unwrap_or(i64::MAX);
    Some(if negative { -magnitude } else { magnitude })
}

/// A form control that can be disabled and is (its own `disabled`, a disabled ancestor
/// `<fieldset>` unless inside that fieldset's first `<legend>`, or a disabled `<optgroup>`
/// for an option).
pub fn is_disabled(_page: &PageA11y, el: ElementRef) -> bool {
    if !el.is_html() {
        return false;
    }
    let can_be_disabled = matches!(
        el.name(),
        "button" | "input" | "select" | "textarea" | "optgroup" | "option" | "fieldset"
    );
    if !can_be_disabled {
        return false;
    }
    if el.has_attr("disabled") {
        return true;
    }
    if el.is("option") {
        return el
            .parent_element()
            .is_some_and(|p| p.is("optgroup") && p.has_attr("disabled"));
    }
    disabled_by_fieldset(el)
}

/// How far up a control looks for a disabled fieldset (bounded so the cost of asking about
/// every control stays linear on pathological nesting).
const FIELDSET_SEARCH_DEPTH: usize = 256;

fn disabled_by_fieldset(el: ElementRef) -> bool {
    let mut child = el;
    for ancestor in el.ancestors().take(FIELDSET_SEARCH_DEPTH) {
        if ancestor.is("fieldset") && ancestor.has_attr("disabled") {
            let first_legend = ancestor.children().find(|c| c.is("legend"));
            let in_first_legend = first_legend.is_some_and(|l| l.id == child.id);
            if !in_first_legend {
                return true;
            }
        }
        child = ancestor;
    }
    false
}

/// `aria-disabled="true"` on the element or an ancestor (flat tree, bounded).
pub fn is_aria_disabled(el: ElementRef) -> bool {
    std::iter::once(el)
        .chain(el.flat_ancestors().take(FIELDSET_SEARCH_DEPTH))
        .any(|e| crate::a11y::tree::is_aria_true(e.attr("aria-disabled")))
}

/// Focusable by its nature, before `tabindex`, rendering and inertness are considered.
fn natively_focusable(page: &PageA11y, el: ElementRef) -> bool {
    match el.namespace() {
        Namespace::Svg => {
            return el.name() == "a" && (el.has_attr("href") || el.has_attr("xlink:href"));
        }
        Namespace::Html => {}
        _ => return false,
    }
    match el.name() {
        "a" | "area" => el.has_attr("href"),
        "button" | "select" | "textarea" => !is_disabled(page, el),
        "input" => {
            !is_disabled(page, el)
                && !el
                    .attr("type")
                    .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden"))
        }
        "iframe" | "embed" => true,
        "summary" => el.parent_element().is_some_and(|p| {
            p.is("details") && p.children().find(|c| c.is("summary")).map(|c| c.id) == Some(el.id)
        }),
        "audio" | "video" => el.has_attr("controls"),
        _ => false,
    }
}

/// Whether the element is an editing host (`contenteditable` other than `false`, and not
/// merely inside another editing host).
pub fn is_editing_host(el: ElementRef) -> bool {
    let editable = |e: ElementRef| {
        e.attr("contenteditable").map(|v| {
            let v = v.trim().to_ascii_lowercase();
            v != "false"
        })
    };
    if editable(el) != Some(true) {
        return false;
    }
    el.parent_element()
        .is_none_or(|p| editable(p) != Some(true))
}

/// Can take focus: focusable by nature, an editing host, or with a valid `tabindex`; and
/// rendered, not inert.
pub fn is_focusable(page: &PageA11y, el: ElementRef) -> bool {
    !page.is_blocked_by_modal(el.id) && is_focusable_unblocked(page, el)
}

/// [`is_focusable`] as if no modal element blocked it.
fn is_focusable_unblocked(page: &PageA11y, el: ElementRef) -> bool {
    if !page.is_rendered(el.id) || page.flags(el.id) & INERT != 0 || page.is_invisible(el.id) {
        return false;
    }
    tabindex(el).is_some() || natively_focusable(page, el) || is_editing_host(el)
}

/// In sequential focus navigation: focusable and `tabindex` not negative.
pub fn is_tabbable(page: &PageA11y, el: ElementRef) -> bool {
    is_focusable(page, el) && tabindex(el).is_none_or(|t| t >= 0)
}

/// [`is_tabbable`] as if no modal element blocked it (see
/// [`PageA11y::is_blocked_by_modal`]).
pub fn is_tabbable_unblocked(page: &PageA11y, el: ElementRef) -> bool {
    is_focusable_unblocked(page, el) && tabindex(el).is_none_or(|t| t >= 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::tree::tests::build;
    use crate::dom::NodeId;

    #[test]
    fn tabindex_parsing() {
        assert_eq!(parse_html_integer(" 0"), Some(0));
        assert_eq!(parse_html_integer("-1"), Some(-1));
        assert_eq!(parse_html_integer("+3abc"), Some(3));
        assert_eq!(parse_html_integer("abc"), None);
        assert_eq!(parse_html_integer(""), None);
        assert_eq!(parse_html_integer("-"), None);
    }

    #[test]
    fn focusability() {
        let dom = build(&[
            (Some(0), "a|href=#"),             // 1
            (Some(0), "a"),                    // 2
            (Some(0), "button|disabled="),     // 3
            (Some(0), "div|tabindex=-1"),      // 4
            (Some(0), "div|contenteditable="), // 5
            (Some(0), "fieldset|disabled="),   // 6
            (Some(6), "legend"),               // 7
            (Some(7), "input"),                // 8 enabled
            (Some(6), "input"),                // 9 disabled
            (Some(0), "div|hidden="),          // 10
            (Some(10), "button"),              // 11 not rendered
            (Some(0), "div|aria-hidden=true"), // 12
            (Some(12), "button"),              // 13 still focusable
            (Some(0), "video|controls="),      // 14
            (Some(0), "details"),              // 15
            (Some(15), "summary"),             // 16
        ]);
        let page = PageA11y::new(&dom);
        let f = |i: u32| is_focusable(&page, dom.element(NodeId(i)).unwrap());
        let t = |i: u32| is_tabbable(&page, dom.element(NodeId(i)).unwrap());
        assert!(f(1) && t(1));
        assert!(!f(2));
        assert!(!f(3));
        assert!(f(4) && !t(4));
        assert!(f(5) && t(5));
        assert!(f(8) && !f(9));
        assert!(page.is_disabled(dom.element(NodeId(9)).unwrap()));
        assert!(!f(11));
        assert!(f(13));
        assert!(f(14) && f(16));
    }
}
