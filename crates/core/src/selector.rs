//! Where a finding points: a selector that pierces shadow roots, and the element's start tag.

use crate::dom::ElementRef;

/// A selector that finds exactly this element. Each part is a path inside one tree
/// (the document, a shadow root or a frame's document); ` >>> ` steps from a shadow host
/// into its shadow root, as Puppeteer's deep combinator does, and from an `iframe`/`frame`
/// into its document. Example: `c-intake-form >>> div > input:nth-child(2)`,
/// `iframe#pay >>> form > input`.
pub fn unique_selector(element: ElementRef) -> String {
    across_trees(element, path_in_tree)
}

/// Joins with ` >>> ` the path `in_tree` gives for the element in its own tree, then for
/// each shadow host or frame element out to the page's document, outermost first.
pub(crate) fn across_trees(element: ElementRef, in_tree: fn(ElementRef) -> String) -> String {
    let dom = element.dom;
    let mut parts: Vec<String> = Vec::new();
    let mut current = Some(element);
    while let Some(el) = current {
        let root = dom.tree_root(el.id);
        parts.push(in_tree(el));
        current = dom
            .host(root)
            .or_else(|| dom.frame_owner(root))
            .and_then(|h| dom.element(h));
        if root == crate::dom::NodeId::DOCUMENT {
            break;
        }
    }
    parts.reverse();
    parts.join(" >>> ")
}

/// The element's id when it names the element alone in its tree and holds no PHI
/// (`id="mrn-00123456"` is found by position instead).
pub(crate) fn identifying_id<'a>(el: ElementRef<'a>) -> Option<&'a str> {
    let id = el.attr("id")?;
    (el.dom.elements_by_id(el.id, id).len() == 1
        && crate::phi::detect_in_value("id", id).is_empty())
    .then_some(id)
}

/// Path from the element up to the nearest ancestor with a unique id, or the tree root.
fn path_in_tree(element: ElementRef) -> String {
    let dom = element.dom;
    let mut steps: Vec<String> = Vec::new();
    let mut current = Some(element);
    while let Some(el) = current {
        if let Some(id) = identifying_id(el) {
            steps.push(id_selector(id));
            break;
        }
        let step = css_ident(el.name());
        let parent = el.parent_element();
        steps.push(if dom.has_same_name_sibling(el.id) {
            format!("{step}:nth-child({})", dom.element_position(el.id))
        } else {
            step
        });
        current = parent;
    }
    steps.reverse();
    steps.join(" > ")
}

fn is_plain_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || !c.is_ascii())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii())
}

fn id_selector(id: &str) -> String {
    if is_plain_ident(id) {
        format!("#{id}")
    } else {
        format!("[id=\"{}\"]", id.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

fn css_ident(name: &str) -> String {
    if is_plain_ident(name) {
        name.to_string()
    } else {
        // CSS escapes: a backslash before each character that may not stand bare.
        let mut escaped = String::from("*|");
        for c in name.chars() {
            if !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii()) {
                escaped.push('\\');
            }
            escaped.push(c);
        }
        escaped
    }
}

const MAX_VALUE_CHARS: usize = 60;
const MAX_TAG_CHARS: usize = 400;

/// The element's start tag as written, with long attribute values shortened and PHI in
/// attribute values masked (a hidden field's `value`, a `data-` attribute, a link's query).
pub fn start_tag(element: ElementRef) -> String {
    let mut out = format!("<{}", element.name());
    // A field's value is named by its `name` (`<input name="mrn" value="…">`).
    let field_name = element.attr("name").unwrap_or("");
    for (name, value) in element.attrs() {
        out.push(' ');
        out.push_str(name);
        if !value.is_empty() || !is_boolean_like(name) {
            let key = if name == "value" {
                field_name
            } else {
                name.as_str()
            };
            let mut redacted = crate::phi::redact_attr(key, value);
            if name == "value" && redacted == *value {
                redacted = if holds_user_input(element) {
                    // What someone typed (a live page's field value) is masked whatever it
                    // looks like: a bare "04/12/1968" is a birth date in an id="dob" field.
                    crate::phi::mask(value)
                } else {
                    crate::phi::redact_attr("value", value)
                };
            }
            out.push_str("=\"");
            out.push_str(&escape_attr(&shorten(&redacted, MAX_VALUE_CHARS)));
            out.push('"');
        }
    }
    out.push('>');
    shorten(&out, MAX_TAG_CHARS)
}

/// Whether the element's `value` is data entered into it rather than a label or token
/// (button captions, checkbox and radio values are the page's own text).
fn holds_user_input(element: ElementRef) -> bool {
    match element.name() {
        "textarea" => true,
        "input" => !matches!(
            element
                .attr("type")
                .unwrap_or("text")
                .to_ascii_lowercase()
                .as_str(),
            "submit" | "button" | "reset" | "image" | "checkbox" | "radio"
        ),
        _ => false,
    }
}

fn is_boolean_like(name: &str) -> bool {
    matches!(
        name,
        "disabled"
            | "hidden"
            | "required"
            | "readonly"
            | "checked"
            | "selected"
            | "multiple"
            | "autofocus"
            | "inert"
            | "open"
            | "novalidate"
            | "async"
            | "defer"
    )
}

fn escape_attr(value: &str) -> String {
    value.replace('&', "&amp;").replace('"', "&quot;")
}

/// At most `max` characters, with `…` marking a cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// Text of a node for messages: whitespace collapsed.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::css_ident;

    #[test]
    fn odd_tag_names_are_escaped_character_by_character() {
        assert_eq!(css_ident("c-card"), "c-card");
        assert_eq!(css_ident("x:y"), "*|x\\:y");
    }
}
