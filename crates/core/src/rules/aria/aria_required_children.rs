//! WCAG 1.3.1: an element whose role needs particular children (list → listitem,
//! listbox → option, tablist → tab, table/grid → row, menu → menuitem, ...) owns only
//! those (or groups of them).

use crate::a11y::aria_data::role_info;
use crate::a11y::tree::is_aria_true;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

use crate::a11y::ownership::{Kind, Owned, Owners, kind, owned_children};

static META: RuleMeta = RuleMeta {
    id: "aria-required-children",
    title: "Roles that need particular children own only those",
    category: Category::Accessibility,
    wcag: &["1.3.1"],
    act: &["bc4a75"],
    help: "A list must contain list items, a listbox options, a tablist tabs, a menu menu \
           items, a table or grid rows. Remove other elements and loose text from between \
           them, mark layout wrappers role=\"none\", or move the content outside the \
           container. Assistive technology otherwise announces wrong item counts or skips \
           content.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass(
            "<div role=\"list\"><span role=\"listitem\">A</span><span role=\"listitem\">B</span></div>",
        ),
        Example::pass(
            "<ul role=\"tablist\"><li role=\"none\"><span role=\"tab\">Visits</span></li></ul>",
        ),
        Example::pass("<ul><li>A</li></ul>"),
        Example::pass(
            "<table><caption>Visits</caption><colgroup><col></colgroup><thead><tr><th>Date</th></tr></thead><tbody><tr><td>Dec 3</td></tr></tbody></table>",
        ),
        Example::pass(
            "<div role=\"grid\" aria-label=\"Results\"><div role=\"caption\">Labs</div><div role=\"row\"><span role=\"gridcell\" tabindex=\"0\">A1C</span></div></div>",
        ),
        Example::fail("<div role=\"list\"><span>Item 1</span></div>"),
        Example::fail(
            "<div role=\"list\"><span role=\"listitem\">A</span><span role=\"link\">B</span></div>",
        ),
        Example::fail("<ul><div></div></ul>"),
        Example::inapplicable("<ul role=\"menu\" aria-busy=\"true\">Loading</ul>"),
        Example::inapplicable("<div role=\"list\" hidden><div role=\"listitem\">A</div></div>"),
    ],
};

/// Roles that may stand between a container and its items: their own children are
/// checked against the container's list.
const GROUPING: &[&str] = &["group"];

/// Children a container may own besides its required ones: a table's or grid's caption
/// (ARIA 1.2 gives `caption` the required context figure, grid, table, treegrid).
fn also_allowed(container: &str) -> &'static [&'static str] {
    match container {
        "table" | "grid" | "treegrid" => &["caption"],
        _ => &[],
    }
}

crate::rule!(AriaRequiredChildren = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let mut owners: Option<Owners> = None;
    for element in cx.dom.elements() {
        let Kind::Role(role) = kind(cx, element) else {
            continue;
        };
        let Some(required) = role_info(role)
            .map(|r| r.required_owned)
            .filter(|r| !r.is_empty())
        else {
            continue;
        };
        // While busy, the container is being filled in and may be incomplete.
        if is_aria_true(element.attr("aria-busy")) {
            continue;
        }
        let owners = owners.get_or_insert_with(|| Owners::new(cx));
        match first_wrong_child(cx, owners, element, required, also_allowed(role)) {
            None => sink.pass(element.id),
            Some(wrong) => sink.fail(
                element.id,
                format!(
                    "role {role} may only own {}, but it owns {wrong}.",
                    required.join(", ")
                ),
            ),
        }
    }
}

/// Describes the first owned item (looking inside groups) that the role does not allow.
fn first_wrong_child(
    cx: &Context,
    owners: &Owners,
    element: ElementRef,
    required: &[&str],
    also_allowed: &[&str],
) -> Option<String> {
    let mut containers = vec![element];
    let mut visited = 0;
    while let Some(container) = containers.pop() {
        visited += 1;
        if visited > 10_000 {
            break; // pathological nesting of groups
        }
        for item in owned_children(cx, owners, container) {
            match item {
                Owned::Text => return Some("text outside any item".into()),
                Owned::EmptyGeneric(e) => return Some(format!("an empty <{}>", e.name())),
                Owned::Element(_, role) if also_allowed.contains(&role) => {}
                Owned::Element(child, role) if required.contains(&role) => {
                    if GROUPING.contains(&role) {
                        containers.push(child);
                    }
                }
                Owned::Element(child, role) => {
                    return Some(format!("<{}> with role {role}", child.name()));
                }
            }
        }
    }
    None
}
