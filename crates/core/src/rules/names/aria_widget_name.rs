//! WCAG 4.1.2: ARIA widgets and windows whose role requires a name have one (the roles
//! not covered by the form field, button, link, menu item and image rules).

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "aria-widget-name",
    title: "Dialogs, tabs, trees, grids and progress indicators have an accessible name",
    category: Category::Accessibility,
    wcag: &["4.1.2"],
    act: &[],
    help: "Name every dialog (aria-labelledby pointing at its heading), tab (its text), \
           tab panel (aria-labelledby pointing at its tab), tree, grid, tooltip and \
           progress bar or meter (a <label> or aria-label such as \"Upload progress\"). \
           Without a name, screen readers announce only the role.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass(
            r#"<div role="dialog" aria-labelledby="t"><h2 id="t">Cancel visit?</h2></div>"#,
        ),
        Example::pass(
            r#"<label for="p">Upload</label><progress id="p" max="100" value="30"></progress>"#,
        ),
        Example::fail(r#"<div role="dialog"><p>Are you sure?</p></div>"#),
        Example::fail(r#"<div role="tablist"><div role="tab" tabindex="0"></div></div>"#),
        Example::fail(r#"<progress max="100" value="30"></progress>"#),
        Example::inapplicable(r#"<dialog><p>Closed dialogs are not rendered.</p></dialog>"#),
    ],
};

/// Roles that require a name and have no dedicated rule.
const ROLES: &[&str] = &[
    "alertdialog",
    "application",
    "dialog",
    "grid",
    "meter",
    "progressbar",
    "tab",
    "tabpanel",
    "tooltip",
    "tree",
    "treegrid",
    "treeitem",
];

crate::rule!(WidgetName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    let Some(role) = cx.a11y.role(el).filter(|r| ROLES.contains(r)) else {
        return;
    };
    if cx.a11y.is_hidden(el.id) {
        return;
    }
    let name = cx.a11y.name(el);
    crate::report::report_name(
        sink,
        el.id,
        &name,
        format!(
            "This element with role {role} has no accessible name; the role requires \
                 one (from aria-labelledby, aria-label{}).",
            if crate::a11y::aria_data::name_from_contents(role) {
                ", or its text content"
            } else {
                ", or a <label> for native controls"
            }
        ),
    );
}
