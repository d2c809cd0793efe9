//! WCAG 3.1.2 Language of Parts: an element's `lang` attribute is a valid language tag
//! when that element decides the language of some text on the page.

use crate::css;
use crate::dom::{NodeData, NodeId};
use crate::engine::Context;
use crate::finding::Category;
use crate::lang_subtags::has_valid_primary_subtag;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "element-lang-valid",
    title: "Elements with a lang attribute use a valid language tag",
    category: Category::Accessibility,
    wcag: &["3.1.2"],
    act: &["de46e4"],
    help: "When a passage is in another language than the page, mark it with a valid BCP 47 \
           tag whose first part is a registered language code, e.g. <p lang=\"es\">. \
           Names of languages (\"spanish\"), three-letter codes that have a two-letter form \
           (\"spa\") or blank values make screen readers keep the wrong pronunciation.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass(
            "<html lang=\"en\"><body><p lang=\"es-MX\">Su cita es mañana.</p></body></html>",
        ),
        Example::fail(
            "<html lang=\"en\"><body><p lang=\"spanish\">Su cita es mañana.</p></body></html>",
        ),
        Example::fail("<html lang=\"en\"><body><p lang=\" \">Your visit</p></body></html>"),
        // The image's text alternative is content whose language the div decides.
        Example::fail(
            "<html lang=\"en\"><body><div lang=\"xx-invalid\"><img src=\"a.png\" alt=\"Clinic map\"></div></body></html>",
        ),
        // All the text is in a child that sets its own language.
        Example::pass(
            "<html lang=\"en\"><body><div lang=\"bogus\"><p lang=\"fr\">Bonjour</p></div></body></html>",
        ),
        Example::inapplicable(
            "<html lang=\"en\"><body><div lang=\"bogus\" hidden>Hidden</div></body></html>",
        ),
        Example::inapplicable("<html lang=\"en\"><body><p lang=\"\">Text</p></body></html>"),
    ],
};

crate::rule!(ElementLangValid = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let in_body = inclusive_body_descendants(cx);
    for element in cx.dom.elements() {
        if !element.is_html() || !in_body[element.id.index()] {
            continue;
        }
        let Some(lang) = element.attr("lang") else {
            continue;
        };
        if lang.is_empty() || !decides_language_of_content(cx, element.id) {
            continue;
        }
        if has_valid_primary_subtag(lang) {
            sink.pass(element.id);
        } else if lang
            .trim_matches(|c: char| c.is_ascii_whitespace())
            .is_empty()
        {
            sink.fail(element.id, "The lang attribute is blank.");
        } else {
            sink.fail(
                element.id,
                format!(
                    "lang=\"{}\" does not start with a registered language subtag.",
                    crate::selector::shorten(lang, 40)
                ),
            );
        }
    }
}

/// For every node: whether it is a `<body>` or inside one in the flat tree. One forward
/// pass, since a flat-tree parent always comes before its children in index order.
fn inclusive_body_descendants(cx: &Context) -> Vec<bool> {
    let dom = cx.dom;
    let mut in_body = vec![false; dom.len()];
    for id in dom.ids().skip(1) {
        let is_body = dom.element(id).is_some_and(|e| e.is("body"));
        let parent_in_body = dom.flat_parent(id).is_some_and(|p| in_body[p.index()]);
        in_body[id.index()] = is_body || parent_in_body;
    }
    in_body
}

/// Whether some rendered text (or text alternative) in the element's flat subtree takes its
/// language from this element, i.e. no nearer element sets `lang` for it.
fn decides_language_of_content(cx: &Context, root: NodeId) -> bool {
    let dom = cx.dom;
    let mut stack: Vec<NodeId> = vec![root];
    while let Some(node) = stack.pop() {
        match &dom.node(node).data {
            NodeData::Text { text } if !text.trim().is_empty() && parent_is_visible(cx, node) => {
                return true;
            }
            NodeData::Element { .. } => {
                let Some(el) = dom.element(node) else {
                    continue;
                };
                if node != root && el.has_attr("lang") {
                    continue;
                }
                if crate::a11y::rendering::is_display_none(el, cx.a11y.has_styles) {
                    continue;
                }
                if has_text_alternative(el) {
                    return true;
                }
                let children = dom.flat_children(node);
                stack.extend(children.into_iter().rev());
            }
            _ => {}
        }
    }
    false
}

/// Text whose parent is `visibility: hidden` is neither visible nor exposed.
fn parent_is_visible(cx: &Context, text: NodeId) -> bool {
    cx.dom
        .flat_parent_element(text)
        .and_then(|p| cx.dom.element(p))
        .and_then(|p| p.style())
        .and_then(|s| s.get(css::VISIBILITY))
        .is_none_or(|v| v == "visible")
}

/// Elements whose language-bearing content is an attribute, not text.
fn has_text_alternative(el: crate::dom::ElementRef) -> bool {
    let non_empty = |name: &str| el.attr(name).is_some_and(|v| !v.trim().is_empty());
    let alt_carrier = el.is("img")
        || el.is("area")
        || (el.is("input")
            && el
                .attr("type")
                .is_some_and(|t| t.eq_ignore_ascii_case("image")));
    (alt_carrier && non_empty("alt")) || non_empty("aria-label")
}
