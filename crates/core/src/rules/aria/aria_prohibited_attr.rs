//! WCAG 1.3.1: global ARIA properties are not used on roles that prohibit them, e.g.
//! `aria-label` on a `<div>` or `<p>`: naming is prohibited there and screen readers
//! ignore or mangle it.

use crate::a11y::aria_data::is_attr_prohibited;
use crate::a11y::roles::{explicit_role, is_presentational};
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::aria::{aria_attrs, is_defined, is_global, role_of};

static META: RuleMeta = RuleMeta {
    id: "aria-prohibited-attr",
    title: "ARIA attributes are not used where the role prohibits them",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &["kb1m8s"],
    help: "Roles such as generic (plain <div> and <span>), paragraph and presentation cannot \
           be named: aria-label and aria-labelledby on them are ignored by some screen readers \
           and announced by others. Put the text in the content, give the element a role that \
           takes a name (e.g. role=\"img\", \"group\", \"region\"), or use aria-describedby on \
           the control it belongs to.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass("<a href=\"#\" aria-label=\"Previously $100, now $1\"><s>$100</s> $1</a>"),
        Example::pass("<div aria-live=\"polite\">Saved</div>"),
        Example::fail("<div aria-label=\"Previously $100, now $1\"><s>$100</s> $1</div>"),
        Example::fail("<h1 id=\"t\">Visits</h1><p aria-labelledby=\"t\">Your visits</p>"),
        Example::fail("<div aria-roledescription=\"Banana text\">Text</div>"),
        Example::inapplicable("<div aria-label=\"Bananas\" hidden></div>"),
    ],
};

/// The role whose prohibitions apply. An explicit `none`/`presentation` whose only global
/// attributes are ones it prohibits stays in force: those attributes are what is wrong,
/// they do not make the element's native role come back (ACT kb1m8s).
fn prohibition_role(cx: &Context, el: ElementRef) -> Option<&'static str> {
    if let Some(role) = explicit_role(el)
        && is_presentational(role)
        && !cx.a11y.is_focusable(el)
        && aria_attrs(el)
            .filter(|(name, _)| is_global(name))
            .all(|(name, _)| is_attr_prohibited(role, name))
    {
        return Some(role);
    }
    role_of(cx, el)
}

crate::rule!(AriaProhibitedAttr = META, element: check_element);

fn check_element(cx: &Context, element: ElementRef, sink: &mut Sink) {
    if cx.a11y.is_hidden(element.id) {
        return;
    }
    let Some(role) = prohibition_role(cx, element) else {
        return;
    };
    let mut any = false;
    let mut prohibited = Vec::new();
    for (name, value) in aria_attrs(element) {
        if !is_defined(name) {
            continue;
        }
        any = true;
        // An empty aria-label names nothing; only a real value is a problem.
        if value.trim().is_empty() {
            continue;
        }
        if is_attr_prohibited(role, name) {
            prohibited.push(name);
        }
    }
    if !prohibited.is_empty() {
        let verb = if prohibited.len() == 1 { "is" } else { "are" };
        sink.fail(
            element.id,
            format!(
                "{} {verb} prohibited on role {role}; assistive technology may ignore it.",
                prohibited.join(", ")
            ),
        );
    } else if any {
        sink.pass(element.id);
    }
}
