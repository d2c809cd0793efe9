//! WCAG 1.3.1: an element whose role needs a particular parent (listitem in list,
//! option in listbox, tab in tablist, row in table/grid, ...) is owned by one.

use crate::a11y::aria_data::role_info;
use crate::a11y::roles::explicit_role;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::aria::implicit_role_of;
use crate::a11y::ownership::{Owners, Parent, context_parent};

static META: RuleMeta = RuleMeta {
    id: "aria-required-context",
    title: "Roles that need a parent role are inside one",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &["ff89c9"],
    help: "Put elements with roles such as listitem, option, tab, menuitem, row and cell \
           directly inside their container role (list, listbox, tablist, menu, table or \
           grid), with only role=\"none\"/\"presentation\" or plain <div>/<span> wrappers \
           between them, or connect them with aria-owns in the same component. Screen \
           readers otherwise announce no list, no position (\"2 of 5\") and no selection.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<div role=\"list\"><div role=\"listitem\">Flu shot</div></div>"),
        Example::pass(
            "<div role=\"list\"><div role=\"presentation\"><div role=\"listitem\">A</div></div></div>",
        ),
        Example::pass(
            "<div role=\"list\" aria-owns=\"i1\"></div><div id=\"i1\" role=\"listitem\">A</div>",
        ),
        Example::fail("<div role=\"listitem\">Flu shot</div>"),
        Example::fail(
            "<div role=\"list\"><div role=\"tabpanel\"><div role=\"listitem\">A</div></div></div>",
        ),
        Example::fail(
            "<div role=\"list\"><div aria-live=\"polite\"><div role=\"listitem\">A</div></div></div>",
        ),
        // Native list items are the list's own business.
        Example::inapplicable("<ul><li role=\"listitem\">A</li></ul>"),
        Example::inapplicable("<div role=\"listitem\" hidden>A</div>"),
        // Markup built by script: a static scan did not run it and says so once.
        Example::review(
            "<ul id=l></ul><script>l.innerHTML = '<div role=\"listitem\">A</div>'</script>",
        ),
        // A browser snapshot holds what the script built: nothing to add.
        Example::inapplicable(
            "<ul id=l></ul><script>l.innerHTML = '<div role=\"listitem\">A</div>'</script>",
        )
        .with_facts(r#"{"scripts_ran":true}"#),
    ],
};

crate::rule!(AriaRequiredContext = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let mut owners: Option<Owners> = None;
    for element in cx.dom.elements() {
        let Some(role) = explicit_role(element) else {
            continue;
        };
        let Some(context) = role_info(role)
            .map(|r| r.required_context)
            .filter(|c| !c.is_empty())
        else {
            continue;
        };
        if cx.a11y.role(element) != Some(role)
            || implicit_role_of(cx, element) == Some(role)
            || cx.a11y.is_hidden(element.id)
        {
            continue;
        }
        let owners = owners.get_or_insert_with(|| Owners::new(cx));
        let what = match context_parent(cx, owners, element) {
            Parent::Found(_, parent) if context.contains(&parent) => {
                sink.pass(element.id);
                continue;
            }
            Parent::Unknown => continue,
            Parent::Found(p, parent_role) => format!(
                "its accessibility parent is <{}> with role {parent_role}",
                p.name()
            ),
            Parent::NoneFound => "it has no accessibility parent with a role".to_string(),
        };
        sink.fail(
            element.id,
            format!(
                "role=\"{role}\" must be owned by {}, but {what}.",
                context.join(" or ")
            ),
        );
    }
    if let Some(script) = script_building_markup(cx) {
        sink.review(
            script,
            "This page builds markup from script (innerHTML, attachShadow, ...), which a \
             static scan does not run: ARIA parent roles of script-built elements were \
             not checked.",
        );
    }
}

/// When scripts did not run, the first inline script that creates elements or shadow roots.
fn script_building_markup(cx: &Context) -> Option<crate::dom::NodeId> {
    if cx.snapshot.capture().scripts_ran != Some(false) {
        return None;
    }
    const BUILDERS: &[&str] = &[
        "attachShadow",
        "innerHTML",
        "insertAdjacentHTML",
        "createElement",
        "appendChild",
    ];
    cx.dom
        .elements()
        .filter(|e| e.is("script"))
        .find(|e| {
            let text = e.text_content();
            BUILDERS.iter().any(|b| text.contains(b)) && text.contains("role")
        })
        .map(|e| e.id)
}
