//! The computed role of an element: the explicit `role` (first valid, non-abstract token),
//! otherwise the implicit role HTML-AAM gives the element.
//!
//! Presentational role conflict resolution (WAI-ARIA 1.2 §9.3): `none`/`presentation` is
//! ignored on a focusable element or one with a global ARIA attribute, and the implicit role
//! applies instead.

use crate::a11y::PageA11y;
use crate::a11y::aria_data::{self, attr_info, role_info};
use crate::a11y::tree::SECTIONING;
use crate::dom::{ElementRef, Namespace};

/// The role an element has: explicit (after fallback and conflict resolution) or implicit.
/// `None` for elements with no corresponding role (e.g. `<label>`, `<iframe>`, `<dl>`).
pub fn role(page: &PageA11y, el: ElementRef) -> Option<&'static str> {
    match explicit_role(el) {
        Some(r) if is_presentational(r) && presentation_conflict(page, el) => {
            implicit_role(page, el)
        }
        Some(r) => Some(r),
        None => implicit_role(page, el),
    }
}

/// The first valid, non-abstract token of `role`, as the spec's canonical (lower case) name.
pub fn explicit_role(el: ElementRef) -> Option<&'static str> {
    let value = el.attr("role")?;
    value
        .split_ascii_whitespace()
        .filter_map(role_info)
        .find(|r| !r.is_abstract)
        .map(|r| r.name)
}

/// Whether the `role` attribute has any non-whitespace token.
pub fn has_role_tokens(el: ElementRef) -> bool {
    el.attr("role")
        .is_some_and(|v| v.split_ascii_whitespace().next().is_some())
}

pub fn is_presentational(role: &str) -> bool {
    role == "none" || role == "presentation"
}

/// Whether the element has any *global* ARIA state or property (which makes a
/// presentational role be ignored).
pub fn has_global_aria_attr(el: ElementRef) -> bool {
    el.attrs()
        .iter()
        .any(|(name, _)| attr_info(name).is_some_and(|a| a.global))
}

/// Whether an explicit `none`/`presentation` must be ignored on this element.
pub fn presentation_conflict(page: &PageA11y, el: ElementRef) -> bool {
    has_global_aria_attr(el) || crate::a11y::focus::is_focusable(page, el)
}

/// The element's implicit role per HTML-AAM (and SVG-AAM for `<svg>`).
pub fn implicit_role(page: &PageA11y, el: ElementRef) -> Option<&'static str> {
    match el.namespace() {
        Namespace::Html => {}
        Namespace::Svg => return svg_implicit_role(page, el),
        Namespace::Mathml => return (el.name() == "math").then_some("math"),
        Namespace::Other => return None,
    }
    let has_href = el.has_attr("href");
    Some(match el.name() {
        "a" if has_href => "link",
        "area" if has_href => "link",
        "a" | "abbr" | "b" | "bdi" | "bdo" | "data" | "div" | "i" | "pre" | "q" | "samp"
        | "small" | "span" | "u" | "body" | "hgroup" => "generic",
        "address" | "details" | "fieldset" | "optgroup" => "group",
        "article" => "article",
        "aside" => "complementary",
        "blockquote" => "blockquote",
        "button" => "button",
        "caption" => "caption",
        "code" => "code",
        "datalist" => "listbox",
        "del" | "s" => "deletion",
        "dd" => "definition",
        "dfn" | "dt" => "term",
        "dialog" => "dialog",
        "em" => "emphasis",
        "figure" => "figure",
        "footer" => return scoped_landmark(page, el, "contentinfo"),
        "header" => return scoped_landmark(page, el, "banner"),
        "form" => return has_author_name(page, el).then_some("form"),
        "section" => {
            return Some(if has_author_name(page, el) {
                "region"
            } else {
                "generic"
            });
        }
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => "heading",
        "hr" => "separator",
        "html" => "document",
        "img" => return img_role(page, el),
        "input" => return input_role(el),
        "ins" => "insertion",
        "li" => return owned_by_presentational(page, el, &["ul", "ol", "menu"], "listitem"),
        "main" => "main",
        "math" => "math",
        "menu" | "ol" | "ul" => "list",
        "meter" => "meter",
        "nav" => "navigation",
        "option" => "option",
        "output" => "status",
        "p" => "paragraph",
        "progress" => "progressbar",
        "search" => "search",
        "select" => return Some(select_role(el)),
        "strong" => "strong",
        "sub" => "subscript",
        "sup" => "superscript",
        // Browsers expose a details element's summary as a button-like disclosure control.
        "summary" => return is_details_summary(el).then_some("button"),
        "table" => "table",
        "tbody" | "thead" | "tfoot" => return in_table(page, el, "rowgroup"),
        "tr" => return in_table(page, el, "row"),
        "td" => return cell_role(page, el),
        "th" => return header_cell_role(page, el),
        "textarea" => "textbox",
        "time" => "time",
        _ => return None,
    })
}

fn svg_implicit_role(page: &PageA11y, el: ElementRef) -> Option<&'static str> {
    match el.name() {
        "svg" => Some("graphics-document"),
        "a" if el.has_attr("href") || el.has_attr("xlink:href") => Some("link"),
        "g" | "image" | "circle" | "ellipse" | "line" | "path" | "polygon" | "polyline"
        | "rect" | "use" | "text" => {
            let named = has_author_name(page, el) || svg_title(el).is_some();
            named.then_some(if el.name() == "g" {
                "group"
            } else {
                "graphics-symbol"
            })
        }
        _ => None,
    }
}

/// The SVG `<title>` child of an SVG element, if any.
pub fn svg_title(el: ElementRef) -> Option<ElementRef> {
    el.children()
        .find(|c| c.namespace() == Namespace::Svg && c.name() == "title")
}

/// `alt=""` marks an image decorative (role presentation), unless, as for an explicit
/// presentational role, it is focusable or carries a global ARIA attribute.
fn img_role(page: &PageA11y, el: ElementRef) -> Option<&'static str> {
    match el.attr("alt") {
        Some("") if !presentation_conflict(page, el) => Some("presentation"),
        _ => Some("img"),
    }
}

/// The `type` of an `<input>`, lower case, `text` when missing or unknown.
pub fn input_type(el: ElementRef) -> String {
    const KNOWN: &[&str] = &[
        "hidden",
        "text",
        "search",
        "tel",
        "url",
        "email",
        "password",
        "date",
        "month",
        "week",
        "time",
        "datetime-local",
        "number",
        "range",
        "color",
        "checkbox",
        "radio",
        "file",
        "submit",
        "image",
        "reset",
        "button",
    ];
    let t = el.attr("type").unwrap_or("").trim().to_ascii_lowercase();
    if KNOWN.contains(&t.as_str()) {
        t
    } else {
        "text".to_string()
    }
}

fn input_role(el: ElementRef) -> Option<&'static str> {
    let has_list = el.attr("list").is_some_and(|l| !l.trim().is_empty());
    Some(match input_type(el).as_str() {
        "button" | "image" | "reset" | "submit" => "button",
        "checkbox" => "checkbox",
        "radio" => "radio",
        "range" => "slider",
        "number" => "spinbutton",
        "search" if has_list => "combobox",
        "search" => "searchbox",
        "email" | "tel" | "text" | "url" if has_list => "combobox",
        "email" | "tel" | "text" | "url" => "textbox",
        // HTML-AAM gives password no role; browsers expose a (protected) text field.
        "password" => "textbox",
        _ => return None,
    })
}

fn select_role(el: ElementRef) -> &'static str {
    let size = el
        .attr("size")
        .and_then(|s| s.trim().parse::<u32>().ok())
        .unwrap_or(0);
    if el.has_attr("multiple") || size > 1 {
        "listbox"
    } else {
        "combobox"
    }
}

fn is_details_summary(el: ElementRef) -> bool {
    el.parent_element().is_some_and(|p| {
        p.is("details") && p.children().find(|c| c.is("summary")).map(|c| c.id) == Some(el.id)
    })
}

/// header/footer are banner/contentinfo only when not scoped to sectioning content.
fn scoped_landmark(
    page: &PageA11y,
    el: ElementRef,
    landmark: &'static str,
) -> Option<&'static str> {
    let scoped = el
        .dom
        .flat_parent(el.id)
        .is_some_and(|p| page.flags(p) & SECTIONING != 0);
    Some(if scoped { "generic" } else { landmark })
}

/// Whether the element has a name from the author (aria-labelledby, aria-label, title),
/// which decides `section` → region and `form` → form. Deliberately shallow: it must not
/// depend on roles (that would loop).
pub fn has_author_name(page: &PageA11y, el: ElementRef) -> bool {
    let non_blank = |s: Option<&str>| s.is_some_and(|v| !v.trim().is_empty());
    if non_blank(el.attr("aria-label")) || non_blank(el.attr("title")) {
        return true;
    }
    let Some(ids) = el.attr("aria-labelledby") else {
        return false;
    };
    ids.split_ascii_whitespace()
        .filter_map(|id| page.dom.element_by_id(el.id, id))
        .filter_map(|id| page.dom.element(id))
        .any(|r| non_blank(r.attr("aria-label")) || !r.text_content().trim().is_empty())
}

/// Nearest ancestor (node tree, bounded) that is one of `tags`.
fn nearest_ancestor<'a>(el: ElementRef<'a>, tags: &[&str], max: usize) -> Option<ElementRef<'a>> {
    el.ancestors()
        .take(max)
        .find(|a| a.is_html() && tags.contains(&a.name()))
}

/// How far up table parts look for their table (real tables nest a few levels).
const TABLE_SEARCH_DEPTH: usize = 64;

/// Explicit role of the table an element belongs to, if presentational the part is too.
fn table_of<'a>(el: ElementRef<'a>) -> Option<ElementRef<'a>> {
    nearest_ancestor(el, &["table"], TABLE_SEARCH_DEPTH)
}

fn table_is_presentational(page: &PageA11y, table: ElementRef) -> bool {
    role(page, table).is_some_and(is_presentational)
}

fn in_table(page: &PageA11y, el: ElementRef, part: &'static str) -> Option<&'static str> {
    match table_of(el) {
        Some(t) if table_is_presentational(page, t) => Some("none"),
        _ => Some(part),
    }
}

fn owned_by_presentational(
    page: &PageA11y,
    el: ElementRef,
    owners: &[&str],
    own: &'static str,
) -> Option<&'static str> {
    match el.parent_element() {
        Some(p) if p.is_html() && owners.contains(&p.name()) => {
            if explicit_role(p).is_some_and(is_presentational) && !presentation_conflict(page, p) {
                Some("none")
            } else {
                Some(own)
            }
        }
        _ => Some(own),
    }
}

fn table_grid_role(page: &PageA11y, el: ElementRef) -> Option<&'static str> {
    let table = table_of(el)?;
    role(page, table)
}

fn cell_role(page: &PageA11y, el: ElementRef) -> Option<&'static str> {
    match table_grid_role(page, el) {
        Some("grid") | Some("treegrid") => Some("gridcell"),
        Some(r) if is_presentational(r) => Some("none"),
        _ => Some("cell"),
    }
}

fn header_cell_role(page: &PageA11y, el: ElementRef) -> Option<&'static str> {
    if let Some(r) = table_grid_role(page, el)
        && is_presentational(r)
    {
        return Some("none");
    }
    let scope = el.attr("scope").unwrap_or("").trim().to_ascii_lowercase();
    match scope.as_str() {
        "row" | "rowgroup" => return Some("rowheader"),
        "col" | "colgroup" => return Some("columnheader"),
        _ => {}
    }
    // In a thead: column header. Otherwise a th leading a row of data cells heads the row.
    if nearest_ancestor(el, &["thead"], 2).is_some() {
        return Some("columnheader");
    }
    let row_has_data_cells = el
        .parent_element()
        .is_some_and(|tr| tr.children().any(|c| c.is("td")));
    Some(if row_has_data_cells {
        "rowheader"
    } else {
        "columnheader"
    })
}

/// Roles a widget-ish element gets, for "is this interactive" questions.
pub fn is_widget(role: Option<&str>) -> bool {
    role.is_some_and(aria_data::is_widget_role)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::PageA11y;

    fn roles_of(html_elements: &[(Option<u32>, &str)]) -> Vec<Option<&'static str>> {
        let dom = crate::a11y::tree::tests::build(html_elements);
        let page = PageA11y::new(&dom);
        dom.elements().map(|e| role(&page, e)).collect()
    }

    #[test]
    fn role_fallback_takes_first_valid_concrete_token() {
        let r = roles_of(&[
            (Some(0), "span|role=doc-biblioref link"),
            (Some(0), "input|role=searchfield searchbox"),
            (Some(0), "span|role=lnik"),
            (Some(0), "div|role=widget button"),
            (Some(0), "div|role=  "),
        ]);
        assert_eq!(
            r,
            vec![
                Some("doc-biblioref"),
                Some("searchbox"),
                Some("generic"),
                Some("button"),
                Some("generic")
            ]
        );
    }

    #[test]
    fn inputs() {
        let r = roles_of(&[
            (Some(0), "input"),
            (Some(0), "input|type=SEARCH"),
            (Some(0), "input|type=email|list=x"),
            (Some(0), "input|type=number"),
            (Some(0), "input|type=range"),
            (Some(0), "input|type=image"),
            (Some(0), "input|type=hidden"),
            (Some(0), "input|type=bogus"),
            (Some(0), "select"),
            (Some(0), "select|size=4"),
            (Some(0), "select|multiple="),
            (Some(0), "textarea"),
        ]);
        assert_eq!(
            r,
            vec![
                Some("textbox"),
                Some("searchbox"),
                Some("combobox"),
                Some("spinbutton"),
                Some("slider"),
                Some("button"),
                None,
                Some("textbox"),
                Some("combobox"),
                Some("listbox"),
                Some("listbox"),
                Some("textbox")
            ]
        );
    }

    #[test]
    fn images_and_presentation_conflicts() {
        let r = roles_of(&[
            (Some(0), "img|alt="),
            (Some(0), "img"),
            (Some(0), "img|alt=x"),
            (Some(0), "img|role=presentation|aria-label=x"),
            (Some(0), "button|role=none"),
            (Some(0), "h1|role=none"),
            (Some(0), "span|role=none|tabindex=0"),
            (Some(0), "img|alt=|tabindex=0"),
            (Some(0), "img|alt=|aria-describedby=d"),
        ]);
        assert_eq!(
            r,
            vec![
                Some("presentation"),
                Some("img"),
                Some("img"),
                Some("img"),
                Some("button"),
                Some("none"),
                Some("generic"),
                Some("img"),
                Some("img")
            ]
        );
    }

    #[test]
    fn landmark_scoping_and_named_sections() {
        let r = roles_of(&[
            (Some(0), "header"),                    // 1 banner
            (Some(0), "main"),                      // 2
            (Some(2), "footer"),                    // 3 scoped
            (Some(0), "div|role=region"),           // 4
            (Some(4), "header"),                    // 5 scoped by role
            (Some(0), "section"),                   // 6 generic
            (Some(0), "section|aria-label=Visits"), // 7 region
            (Some(0), "form"),                      // 8 none
            (Some(0), "form|aria-labelledby=t"),    // 9 form
            (Some(0), "h2|id=t"),                   // 10
            (Some(10), "#Billing"),
        ]);
        assert_eq!(
            r,
            vec![
                Some("banner"),
                Some("main"),
                Some("generic"),
                Some("region"),
                Some("generic"),
                Some("generic"),
                Some("region"),
                None,
                Some("form"),
                Some("heading")
            ]
        );
    }

    #[test]
    fn tables() {
        let r = roles_of(&[
            (Some(0), "table"),                   // 1
            (Some(1), "tbody"),                   // 2
            (Some(2), "tr"),                      // 3
            (Some(3), "th"),                      // 4 rowheader (row has td)
            (Some(3), "td"),                      // 5
            (Some(2), "tr"),                      // 6
            (Some(6), "th"),                      // 7 columnheader
            (Some(0), "table|role=grid"),         // 8
            (Some(8), "tr"),                      // 9
            (Some(9), "td"),                      // 10
            (Some(0), "table|role=presentation"), // 11
            (Some(11), "tr"),                     // 12
            (Some(12), "td"),                     // 13
        ]);
        assert_eq!(
            r,
            vec![
                Some("table"),
                Some("rowgroup"),
                Some("row"),
                Some("rowheader"),
                Some("cell"),
                Some("row"),
                Some("columnheader"),
                Some("grid"),
                Some("row"),
                Some("gridcell"),
                Some("presentation"),
                Some("none"),
                Some("none")
            ]
        );
    }
}
