//! WCAG 4.1.2 Name, Role, Value: an element whose role makes its children presentational
//! (button, checkbox, tab, img, ...) contains nothing focusable, since assistive technology
//! does not see those children.

use crate::a11y::aria_data::children_presentational;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::flat::{descendant_flags, find_descendant};

static META: RuleMeta = RuleMeta {
    id: "presentational-children-focusable",
    title: "Elements with presentational children contain no focusable content",
    category: Category::Accessibility,
    wcag: &["4.1.2"],
    act: &["307n5z"],
    help: "Buttons, checkboxes, tabs, images and other roles whose children are presentational \
           hide their content from screen readers. A link or control inside them still takes \
           focus but has no name or role. Move the inner control out (e.g. put the link next \
           to the checkbox, not inside it) or make it unfocusable.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<button>Save</button> <button aria-label=\"More\">▼</button>"),
        Example::fail(
            "<button>Save <span role=\"button\" tabindex=\"0\" aria-label=\"More\">▼</span></button>",
        ),
        Example::fail(
            "<ul role=\"tablist\"><li role=\"tab\"><a href=\"#visits\">Visits</a></li></ul>",
        ),
        Example::inapplicable("<a href=\"/\">Home</a>"),
    ],
};

crate::rule!(PresentationalChildrenFocusable = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let focusable = |e: ElementRef| cx.a11y.is_focusable(e);
    let mut below: Option<Vec<bool>> = None;
    for element in cx.dom.elements() {
        let Some(role) = cx.a11y.role(element) else {
            continue;
        };
        if !children_presentational(role) || cx.a11y.is_hidden(element.id) {
            continue;
        }
        let below = below.get_or_insert_with(|| descendant_flags(cx, focusable));
        if !below[element.id.index()] {
            sink.pass(element.id);
            continue;
        }
        let inner = find_descendant(cx, element, focusable)
            .map(|e| format!("a focusable <{}>", e.name()))
            .unwrap_or_else(|| "focusable content".to_string());
        sink.fail(
            element.id,
            format!(
                "This {role} contains {inner}, which screen readers cannot perceive \
                 because the {role}'s children are presentational."
            ),
        );
    }
}
