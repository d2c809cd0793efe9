//! WCAG 4.1.2 / 1.3.1: each ARIA state or property is supported by the element's role
//! (`aria-sort` on a button, `aria-checked` on a link mean nothing to assistive technology).

use crate::a11y::aria_data::{attr_info, is_attr_supported};
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::aria::{aria_attrs, is_global, role_of};

static META: RuleMeta = RuleMeta {
    id: "aria-attr-allowed",
    title: "ARIA states and properties are allowed on the element's role",
    category: Category::Accessibility,
    wcag: &["1.3.1", "4.1.2"],
    act: &["5c01ea"],
    help: "Use only the states and properties the element's role supports: aria-pressed on \
           buttons, aria-checked on checkboxes, radios and switches, aria-expanded on \
           buttons, comboboxes and similar, aria-sort on column headers. Either change the \
           role to one that supports the attribute or remove the attribute.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass("<button aria-pressed=\"false\">Bold</button>"),
        Example::pass("<div aria-busy=\"true\">Loading</div>"),
        Example::pass("<label>Password <input type=\"password\" aria-required=\"true\"></label>"),
        Example::fail("<button aria-sort=\"ascending\">Sort by date</button>"),
        Example::fail("<a href=\"/\" aria-checked=\"true\">Home</a>"),
        Example::inapplicable("<div role=\"group\">Group</div>"),
        Example::inapplicable("<div role=\"button\" aria-sort=\"\" hidden></div>"),
    ],
};

crate::rule!(AriaAttrAllowed = META, element: check_element);

fn check_element(cx: &Context, element: ElementRef, sink: &mut Sink) {
    if cx.a11y.is_hidden(element.id) {
        return;
    }
    let role = role_of(cx, element);
    let mut any = false;
    let mut not_allowed = Vec::new();
    for (name, _) in aria_attrs(element) {
        if attr_info(name).is_none() && !is_global(name) {
            continue; // undefined: aria-attr-defined reports it
        }
        any = true;
        let allowed = match role {
            Some(role) => is_attr_supported(role, name),
            // No role (audio, label, canvas...): only global attributes apply.
            None => is_global(name),
        };
        if !allowed {
            not_allowed.push(name);
        }
    }
    if !not_allowed.is_empty() {
        let on = match role {
            Some(r) => format!("role {r}"),
            None => format!("a <{}> element, which has no ARIA role", element.name()),
        };
        let verb = if not_allowed.len() == 1 { "is" } else { "are" };
        sink.fail(
            element.id,
            format!("{} {verb} not supported on {on}.", not_allowed.join(", ")),
        );
    } else if any {
        sink.pass(element.id);
    }
}
