//! Accessible names: W3C accname 1.2 with the HTML-AAM host-language rules, over the
//! flat tree (shadow DOM and slots).
//!
//! The result carries its [`NameSource`], so a rule can tell a real label from a name
//! that only comes from a `title` tooltip or a `placeholder`.
//!
//! Id references (`aria-labelledby`, `label[for]`) resolve in the referring element's own
//! tree, as in browsers: they never cross a shadow boundary.
//!
//! The content walk recurses, but only to [`MAX_DEPTH`] levels and over at most
//! [`MAX_NODES`] nodes per name, and never re-enters an element it is already computing.

use crate::css;
use std::collections::HashMap;

use crate::a11y::PageA11y;
use crate::a11y::aria_data;
use crate::a11y::roles::{self, input_type, svg_title};
use crate::dom::{Dom, ElementRef, Namespace, NodeData, NodeId};

/// Deepest nesting the content walk descends (deeper text is ignored).
pub const MAX_DEPTH: usize = 100;
/// Most nodes one name computation visits.
pub const MAX_NODES: usize = 50_000;

/// Where an accessible name came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameSource {
    /// No name.
    None,
    /// `aria-labelledby`.
    LabelledBy,
    /// `aria-label`.
    AriaLabel,
    /// `<label for>` or a wrapping `<label>`.
    Label,
    /// Another host-language feature: `alt`, `<legend>`, `<caption>`, `<figcaption>`,
    /// SVG `<title>`, a button's `value`, an `<optgroup label>`.
    HostLanguage,
    /// The browser's default label (`Submit`, `Reset`).
    Default,
    /// The element's content.
    Contents,
    /// The `title` attribute (a tooltip).
    Title,
    /// `placeholder` or `aria-placeholder`.
    Placeholder,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AccName {
    /// Whitespace-collapsed and trimmed.
    pub name: String,
    pub source: NameSource,
    /// The content walk hit its depth or size bound, so text may be missing: an empty name
    /// is then unknown rather than absent.
    pub truncated: bool,
}

impl AccName {
    fn none() -> AccName {
        AccName {
            name: String::new(),
            source: NameSource::None,
            truncated: false,
        }
    }
    fn new(text: &str, source: NameSource) -> Option<AccName> {
        let name = collapse(text);
        (!name.is_empty()).then_some(AccName {
            name,
            source,
            truncated: false,
        })
    }
    pub fn is_empty(&self) -> bool {
        self.name.is_empty()
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn non_blank(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.trim().is_empty())
}

/// The accessible name of `el`.
pub fn accessible_name(page: &PageA11y, el: ElementRef) -> AccName {
    let mut walk = Walk::new(page);
    let mut name = walk.root_name(el);
    name.truncated = walk.truncated;
    name
}

/// The text an element gives as name from its content (what `aria-labelledby` pointing at
/// it, or a parent named from content, would get).
pub fn text_from_content(page: &PageA11y, el: ElementRef) -> String {
    let mut walk = Walk::new(page);
    walk.stack.push(el.id);
    collapse(&walk.children_text(el, 0))
}

/// Labelable elements (HTML): what `<label>` can label.
pub fn is_labelable(el: ElementRef) -> bool {
    el.is_html()
        && match el.name() {
            "button" | "meter" | "output" | "progress" | "select" | "textarea" => true,
            "input" => input_type(el) != "hidden",
            _ => false,
        }
}

/// Labels of every labelable element: `label[for]` in the same tree and wrapping labels
/// without `for` (they label their first labelable descendant), in document order. Built
/// once per page in linear time, even for deeply nested labels.
pub fn label_map(page: &PageA11y) -> HashMap<NodeId, Vec<NodeId>> {
    let dom = page.dom;
    let wrapped = wrapped_controls(dom);
    let mut map: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
    for label in dom.elements().filter(|e| e.is("label")) {
        let target = match label.attr("for") {
            Some(id) => dom
                .element_by_id(label.id, id)
                .and_then(|t| dom.element(t))
                .filter(|t| is_labelable(*t))
                .map(|t| t.id),
            None => wrapped.get(&label.id).copied(),
        };
        if let Some(t) = target {
            map.entry(t).or_default().push(label.id);
        }
    }
    map
}

/// For each `<label>` without `for`: its first labelable descendant in its own tree. One
/// reverse pass remembers, per tree, the nearest labelable element after each index.
fn wrapped_controls(dom: &Dom) -> HashMap<NodeId, NodeId> {
    let ends = subtree_ends(dom);
    let mut next_in_tree: HashMap<NodeId, usize> = HashMap::new();
    let mut out = HashMap::new();
    for i in (0..dom.len()).rev() {
        let id = NodeId(i as u32);
        let Some(el) = dom.element(id) else { continue };
        let tree = dom.tree_root(id);
        if el.is("label")
            && !el.has_attr("for")
            && let Some(&j) = next_in_tree.get(&tree)
            && j < ends[i]
        {
            out.insert(id, NodeId(j as u32));
        }
        if is_labelable(el) {
            next_in_tree.insert(tree, i);
        }
    }
    out
}

/// [`Dom::subtree_end`] for every node at once (a forward pass: parents come first).
fn subtree_ends(dom: &Dom) -> Vec<usize> {
    let n = dom.len();
    let mut end = vec![n; n];
    for i in 1..n {
        let id = NodeId(i as u32);
        let Some(parent) = dom.parent(id) else {
            continue;
        };
        end[i] = if let Some(next) = dom.next_sibling(id) {
            next.index()
        } else if matches!(
            dom.node(id).data,
            NodeData::ShadowRoot { .. } | NodeData::ContentDocument { .. }
        ) {
            // A shadow tree is followed by its host's light children.
            dom.first_child(parent)
                .map(|c| c.index())
                .unwrap_or(end[parent.index()])
        } else {
            end[parent.index()]
        };
    }
    end
}

struct Walk<'p, 'a> {
    page: &'p PageA11y<'a>,
    /// Elements whose name is being computed (guards against cycles).
    stack: Vec<NodeId>,
    /// Nodes visited so far.
    visited: usize,
    /// Inside a hidden node that `aria-labelledby` or a label references directly:
    /// hidden content then counts.
    include_hidden: bool,
    /// Inside an `aria-labelledby` traversal: no further `aria-labelledby` is followed.
    in_labelledby: bool,
    /// A bound (depth, node count) cut the walk short.
    truncated: bool,
}

/// Display of an element for spacing: block-like elements are separated by spaces.
fn is_block_like(el: ElementRef) -> bool {
    if let Some(display) = el.style().and_then(|s| s.get(css::DISPLAY)) {
        let d = display.trim();
        return !(d.starts_with("inline") || d == "contents" || d == "none");
    }
    el.is_html()
        && matches!(
            el.name(),
            "address"
                | "article"
                | "aside"
                | "blockquote"
                | "br"
                | "dd"
                | "details"
                | "dialog"
                | "div"
                | "dl"
                | "dt"
                | "fieldset"
                | "figcaption"
                | "figure"
                | "footer"
                | "form"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "header"
                | "hgroup"
                | "hr"
                | "li"
                | "main"
                | "nav"
                | "ol"
                | "p"
                | "pre"
                | "section"
                | "summary"
                | "table"
                | "tr"
                | "td"
                | "th"
                | "caption"
                | "ul"
                | "legend"
                | "option"
        )
}

impl<'p, 'a> Walk<'p, 'a> {
    fn new(page: &'p PageA11y<'a>) -> Self {
        Walk {
            page,
            stack: Vec::new(),
            visited: 0,
            include_hidden: false,
            in_labelledby: false,
            truncated: false,
        }
    }

    fn element(&self, id: NodeId) -> Option<ElementRef<'a>> {
        self.page.dom.element(id)
    }

    /// The name of the element the computation started at.
    fn root_name(&mut self, el: ElementRef<'a>) -> AccName {
        self.stack.push(el.id);
        let role = self.page.role(el);
        if let Some(name) = self.labelledby(el) {
            return name;
        }
        if let Some(name) = AccName::new(
            non_blank(el.attr("aria-label")).unwrap_or(""),
            NameSource::AriaLabel,
        ) {
            return name;
        }
        if let Some(name) = self.host_language_name(el, true) {
            return name;
        }
        if self.allows_name_from_content(el, role)
            && let Some(name) = AccName::new(&self.children_text(el, 0), NameSource::Contents)
        {
            return name;
        }
        if let Some(name) = self.after_content_name(el, true) {
            return name;
        }
        AccName::none()
    }

    fn allows_name_from_content(&self, el: ElementRef, role: Option<&str>) -> bool {
        // A details element's summary is a disclosure button named by its content.
        role.is_some_and(aria_data::name_from_contents) || el.is("summary")
    }

    /// Step 2B: `aria-labelledby` with at least one valid reference.
    fn labelledby(&mut self, el: ElementRef<'a>) -> Option<AccName> {
        let ids = el.attr("aria-labelledby")?;
        let dom = self.page.dom;
        let referenced: Vec<NodeId> = ids
            .split_ascii_whitespace()
            .filter_map(|id| dom.element_by_id(el.id, id))
            .collect();
        if referenced.is_empty() {
            return None;
        }
        let saved = self.in_labelledby;
        self.in_labelledby = true;
        let parts: Vec<String> = referenced
            .into_iter()
            .map(|r| self.referenced_text(r))
            .collect();
        self.in_labelledby = saved;
        AccName::new(&parts.join(" "), NameSource::LabelledBy)
    }

    /// Text of a node referenced directly by `aria-labelledby` or a label: no further
    /// `aria-labelledby` is followed, and if the referenced node is hidden, its hidden
    /// content counts too.
    fn referenced_text(&mut self, node: NodeId) -> String {
        let saved = self.include_hidden;
        if self.page.is_hidden(node) {
            self.include_hidden = true;
        }
        let text = match self.element(node) {
            Some(el) => self.element_text(el, 0),
            None => String::new(),
        };
        self.include_hidden = saved;
        collapse(&text)
    }

    /// Text an element contributes when it is not the root: steps 2C–2I.
    fn element_text(&mut self, el: ElementRef<'a>, depth: usize) -> String {
        self.visited += 1;
        if self.visited > MAX_NODES || depth > MAX_DEPTH {
            self.truncated = true;
            return String::new();
        }
        if self.stack.contains(&el.id) {
            return String::new();
        }
        if !self.include_hidden && self.page.is_hidden(el.id) {
            return String::new();
        }
        self.stack.push(el.id);
        let text = self.element_text_inner(el, depth);
        self.stack.pop();
        text
    }

    fn element_text_inner(&mut self, el: ElementRef<'a>, depth: usize) -> String {
        // A presentational element has no name of its own (no alt, no aria-label); only
        // its content counts.
        if self.page.role(el).is_some_and(roles::is_presentational) {
            return self.children_text(el, depth + 1);
        }
        // Step 2B applies to descendants too (a linked image named by aria-labelledby).
        if !self.in_labelledby
            && let Some(name) = self.labelledby(el)
        {
            return name.name;
        }
        if let Some(value) = self.embedded_control_value(el) {
            return value;
        }
        if let Some(label) = non_blank(el.attr("aria-label")) {
            return label.to_string();
        }
        if let Some(name) = self.host_language_name(el, false) {
            return name.name;
        }
        let content = self.children_text(el, depth + 1);
        if !content.trim().is_empty() {
            return content;
        }
        self.after_content_name(el, false)
            .map(|n| n.name)
            .unwrap_or_default()
    }

    /// Text of the element's flat-tree children, concatenated.
    fn children_text(&mut self, el: ElementRef<'a>, depth: usize) -> String {
        let dom = self.page.dom;
        let mut out = String::new();
        for child in dom.flat_children(el.id) {
            if self.visited > MAX_NODES {
                self.truncated = true;
                break;
            }
            match &dom.node(child).data {
                NodeData::Text { text } => {
                    self.visited += 1;
                    if self.include_hidden || !self.page.is_hidden(child) {
                        out.push_str(text);
                    }
                }
                NodeData::Element { .. } => {
                    let Some(c) = dom.element(child) else {
                        continue;
                    };
                    if c.is("br") {
                        out.push(' ');
                        continue;
                    }
                    let text = self.element_text(c, depth);
                    if is_block_like(c) {
                        out.push(' ');
                        out.push_str(&text);
                        out.push(' ');
                    } else {
                        out.push_str(&text);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// Step 2C: a form control inside a label or name content gives its value.
    fn embedded_control_value(&mut self, el: ElementRef<'a>) -> Option<String> {
        let role = self.page.role(el)?;
        match role {
            "textbox" | "searchbox" => Some(if el.is("input") {
                el.attr("value").unwrap_or("").to_string()
            } else if el.is("textarea") {
                el.text_content()
            } else {
                self.children_text(el, MAX_DEPTH)
            }),
            "combobox" | "listbox" => Some(self.selected_options_text(el)),
            "slider" | "spinbutton" | "progressbar" | "meter" | "scrollbar" => Some(
                non_blank(el.attr("aria-valuetext"))
                    .or(non_blank(el.attr("aria-valuenow")))
                    .or(non_blank(el.attr("value")))
                    .unwrap_or("")
                    .to_string(),
            ),
            _ => None,
        }
    }

    /// The selected options of a select or ARIA listbox/combobox.
    fn selected_options_text(&mut self, el: ElementRef<'a>) -> String {
        if el.is("input") {
            return el.attr("value").unwrap_or("").to_string();
        }
        let dom = self.page.dom;
        let end = dom.subtree_end(el.id).min(el.id.index() + MAX_NODES);
        let options: Vec<ElementRef> = ((el.id.index() + 1)..end)
            .filter_map(|i| dom.element(NodeId(i as u32)))
            .filter(|o| o.is("option") || o.attr("role").is_some_and(|r| r.trim() == "option"))
            .collect();
        let selected: Vec<ElementRef> = options
            .iter()
            .copied()
            .filter(|o| o.has_attr("selected") || tree_true(o.attr("aria-selected")))
            .collect();
        let chosen: Vec<ElementRef> =
            if selected.is_empty() && el.is("select") && !el.has_attr("multiple") {
                options.into_iter().take(1).collect()
            } else {
                selected
            };
        chosen
            .into_iter()
            .map(|o| {
                o.attr("label")
                    .map(str::to_string)
                    .unwrap_or_else(|| o.text_content())
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Step 2E: host-language labels (HTML-AAM, SVG-AAM). `at_root` adds the labels that
    /// name the element itself (a descendant's `<label>` is not used for its parent's name).
    fn host_language_name(&mut self, el: ElementRef<'a>, at_root: bool) -> Option<AccName> {
        if el.namespace() == Namespace::Svg {
            let title = svg_title(el)?;
            return AccName::new(&title.text_content(), NameSource::HostLanguage);
        }
        if !el.is_html() {
            return None;
        }
        match el.name() {
            "input" => return self.input_name(el, at_root),
            "img" | "area" => return self.alt_name(el),
            "fieldset" => return self.first_child_text(el, "legend"),
            "figure" => return self.first_child_text(el, "figcaption"),
            "table" => return self.first_child_text(el, "caption"),
            "optgroup" => {
                return AccName::new(el.attr("label").unwrap_or(""), NameSource::HostLanguage);
            }
            "option" => {
                if let Some(n) =
                    AccName::new(el.attr("label").unwrap_or(""), NameSource::HostLanguage)
                {
                    return Some(n);
                }
            }
            _ => {}
        }
        if at_root && is_labelable(el) {
            return self.label_name(el);
        }
        None
    }

    fn alt_name(&self, el: ElementRef) -> Option<AccName> {
        AccName::new(el.attr("alt").unwrap_or(""), NameSource::HostLanguage)
    }

    fn input_name(&mut self, el: ElementRef<'a>, at_root: bool) -> Option<AccName> {
        let t = input_type(el);
        match t.as_str() {
            "image" => self
                .alt_name(el)
                .or_else(|| AccName::new(el.attr("value").unwrap_or(""), NameSource::HostLanguage)),
            "button" | "submit" | "reset" => {
                if let Some(v) = el.attr("value") {
                    // An explicit value, even blank, replaces the default label.
                    return AccName::new(v, NameSource::HostLanguage);
                }
                if at_root && let Some(n) = self.label_name(el) {
                    return Some(n);
                }
                let default = match t.as_str() {
                    "submit" => "Submit",
                    "reset" => "Reset",
                    _ => "",
                };
                AccName::new(default, NameSource::Default)
            }
            _ if at_root => self.label_name(el),
            _ => None,
        }
    }

    /// The text of the element's `<label>`s, joined.
    fn label_name(&mut self, el: ElementRef<'a>) -> Option<AccName> {
        let labels = self.page.labels_of(el.id);
        if labels.is_empty() {
            return None;
        }
        let parts: Vec<String> = labels.iter().map(|l| self.referenced_text(*l)).collect();
        AccName::new(&parts.join(" "), NameSource::Label)
    }

    fn first_child_text(&mut self, el: ElementRef<'a>, tag: &str) -> Option<AccName> {
        let child = el.children().find(|c| c.is(tag))?;
        let text = self.element_text(child, 0);
        AccName::new(&text, NameSource::HostLanguage)
    }

    /// Steps after content: the `title` tooltip, then (root only) placeholders.
    fn after_content_name(&self, el: ElementRef, at_root: bool) -> Option<AccName> {
        if let Some(n) = AccName::new(el.attr("title").unwrap_or(""), NameSource::Title) {
            return Some(n);
        }
        if !at_root {
            return None;
        }
        let takes_placeholder = el.is("textarea")
            || (el.is("input")
                && matches!(
                    input_type(el).as_str(),
                    "text" | "search" | "tel" | "url" | "email" | "password" | "number"
                ));
        if takes_placeholder
            && let Some(n) = AccName::new(
                el.attr("placeholder").unwrap_or(""),
                NameSource::Placeholder,
            )
        {
            return Some(n);
        }
        AccName::new(
            el.attr("aria-placeholder").unwrap_or(""),
            NameSource::Placeholder,
        )
    }
}

fn tree_true(value: Option<&str>) -> bool {
    crate::a11y::tree::is_aria_true(value)
}

impl PageA11y<'_> {
    /// The `<label>` elements of a labelable element, in document order.
    pub fn labels_of(&self, control: NodeId) -> Vec<NodeId> {
        self.labels
            .get_or_init(|| label_map(self))
            .get(&control)
            .cloned()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::tree::tests::build;

    #[test]
    fn subtree_ends_match_the_dom() {
        let dom = build(&[
            (Some(0), "body"),    // 1
            (Some(1), "x-host"),  // 2
            (Some(2), "#shadow"), // 3
            (Some(3), "slot"),    // 4
            (Some(2), "label"),   // 5 light child
            (Some(5), "input"),   // 6
            (Some(1), "p"),       // 7
        ]);
        let ends = subtree_ends(&dom);
        for (i, end) in ends.iter().enumerate() {
            assert_eq!(*end, dom.subtree_end(NodeId(i as u32)), "node {i}");
        }
    }

    #[test]
    fn wrapping_labels_take_their_first_labelable_descendant_in_their_tree() {
        let dom = build(&[
            (Some(0), "label"),   // 1
            (Some(1), "x-host"),  // 2
            (Some(2), "#shadow"), // 3
            (Some(3), "input"),   // 4: another tree
            (Some(1), "span"),    // 5
            (Some(5), "select"),  // 6: the one
            (Some(1), "input"),   // 7
            (Some(0), "label"),   // 8: nothing inside
            (Some(0), "input"),   // 9
        ]);
        let page = PageA11y::new(&dom);
        assert_eq!(page.labels_of(NodeId(6)), vec![NodeId(1)]);
        assert!(page.labels_of(NodeId(4)).is_empty());
        assert!(page.labels_of(NodeId(9)).is_empty());
    }

    #[test]
    // A linear-time check needs a clock; only this test reads one (clippy.toml).
    #[allow(clippy::disallowed_methods, clippy::disallowed_types)]
    fn deeply_nested_labels_are_linear() {
        let mut spec: Vec<(Option<u32>, &str)> = vec![(Some(0), "label")];
        for i in 1..100_000u32 {
            spec.push((Some(i), "label"));
        }
        spec.push((Some(100_000), "input"));
        let dom = build(&spec);
        let page = PageA11y::new(&dom);
        let start = std::time::Instant::now();
        assert_eq!(page.labels_of(NodeId(100_001)).len(), 100_000);
        assert!(start.elapsed().as_secs() < 5);
    }
}
