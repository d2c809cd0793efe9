//! Style scopes: the document and every shadow root has its own stylesheets (CSS
//! Scoping), collected from its `<style>` and `<link rel=stylesheet>` elements, and
//! indexed by the rightmost compound's id, class or tag (like browsers' rule hash) so
//! an element only tries the rules that can match it.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use portalscan_core::dom::{Dom, NodeData, NodeId};
use selectors::parser::{Component, Selector};

use super::compute::FastHash;
use super::media::media_matches;
use super::select::Impl;
use super::sheet::{Block, SheetSink, parse_sheet};
// Stylesheet and `<base>` hrefs resolve as the browser resolves them; an href that does
// not resolve is handed to the loader as written (it then finds nothing).
use crate::ResourceLoader;
use portalscan_core::url::resolve_or_keep as resolve;

/// One selector of a rule, ready to match.
pub struct Entry {
    pub selector: Selector<Impl>,
    pub block: Arc<Block>,
    pub specificity: u32,
    /// Source order within the scope.
    pub order: u32,
    pub layer: u16,
}

#[derive(Default)]
pub struct RuleIndex {
    pub entries: Vec<Entry>,
    pub by_id: HashMap<String, Vec<u32>, FastHash>,
    pub by_class: HashMap<String, Vec<u32>, FastHash>,
    pub by_tag: HashMap<String, Vec<u32>, FastHash>,
    /// Rightmost compound with an attribute test but no id, class or tag (`[hidden]`).
    pub by_attr: HashMap<String, Vec<u32>, FastHash>,
    pub universal: Vec<u32>,
    /// `:host` / `:host(…)` rules: they match the shadow tree's host.
    pub host: Vec<u32>,
    /// `::slotted(…)` rules: they match elements assigned to this tree's slots.
    pub slotted: Vec<u32>,
}

enum Bucket {
    Id(String),
    Class(String),
    Tag(String),
    Attr(String),
    Universal,
    Host,
    Slotted,
}

fn bucket(selector: &Selector<Impl>) -> Bucket {
    let mut best = Bucket::Universal;
    let mut iter = selector.iter();
    for component in &mut iter {
        match component {
            Component::Host(_) => return Bucket::Host,
            Component::Slotted(_) => return Bucket::Slotted,
            Component::ID(id) => best = Bucket::Id(id.0.clone()),
            Component::Class(c) if !matches!(best, Bucket::Id(_)) => {
                best = Bucket::Class(c.0.clone())
            }
            Component::LocalName(ln) if matches!(best, Bucket::Universal | Bucket::Attr(_)) => {
                best = Bucket::Tag(ln.lower_name.0.clone())
            }
            Component::AttributeInNoNamespaceExists {
                local_name_lower, ..
            } if matches!(best, Bucket::Universal) => {
                best = Bucket::Attr(local_name_lower.0.clone())
            }
            Component::AttributeInNoNamespace { local_name, .. }
                if matches!(best, Bucket::Universal) =>
            {
                best = Bucket::Attr(local_name.0.to_ascii_lowercase())
            }
            _ => {}
        }
    }
    best
}

impl RuleIndex {
    pub fn from_sink(sink: SheetSink, order_base: u32) -> RuleIndex {
        let mut index = RuleIndex::default();
        for (order, rule) in (order_base..).zip(sink.rules) {
            for selector in rule.selectors.slice().iter() {
                let i = index.entries.len() as u32;
                let target = match bucket(selector) {
                    Bucket::Id(id) => index.by_id.entry(id).or_default(),
                    Bucket::Class(c) => index.by_class.entry(c).or_default(),
                    Bucket::Tag(t) => index.by_tag.entry(t).or_default(),
                    Bucket::Attr(a) => index.by_attr.entry(a).or_default(),
                    Bucket::Universal => &mut index.universal,
                    Bucket::Host => &mut index.host,
                    Bucket::Slotted => &mut index.slotted,
                };
                target.push(i);
                index.entries.push(Entry {
                    selector: selector.clone(),
                    block: rule.block.clone(),
                    specificity: selector.specificity(),
                    order,
                    layer: rule.layer,
                });
            }
        }
        index
    }

    /// Candidate entries for an element (each at most once), in no particular order.
    pub fn candidates(
        &self,
        tag: &str,
        id: Option<&str>,
        classes: &[&str],
        attrs: &[(String, String)],
        out: &mut Vec<u32>,
    ) {
        out.extend_from_slice(&self.universal);
        if !self.by_attr.is_empty() {
            for (name, _) in attrs {
                if let Some(v) = self.by_attr.get(name.as_str()) {
                    out.extend_from_slice(v);
                }
            }
        }
        if let Some(v) = self.by_tag.get(tag) {
            out.extend_from_slice(v);
        }
        if let Some(id) = id
            && let Some(v) = self.by_id.get(id)
        {
            out.extend_from_slice(v);
        }
        for c in classes {
            if let Some(v) = self.by_class.get(*c) {
                out.extend_from_slice(v);
            }
        }
    }
}

/// The author styles of one tree (the document or a shadow root).
pub struct Scope {
    pub rules: RuleIndex,
    /// A linked or imported stylesheet could not be loaded: computed values of this
    /// tree's elements are unknown.
    pub incomplete: bool,
}

/// Every scope of the page, keyed by tree root.
pub struct Scopes {
    pub by_root: HashMap<NodeId, Scope>,
    /// Some rule restyles *other* elements when one gets focus (`:focus-within`, or
    /// `:focus` before a combinator, as in `a:focus + .hint`).
    pub focus_restyles_others: bool,
}

/// Whether the selector makes an element's focus change the style of another element.
fn focus_restyles_others(selector: &Selector<Impl>) -> bool {
    use cssparser::ToCss;
    let mentions_focus = |c: &Component<Impl>| c.to_css_string().contains(":focus");
    let mut iter = selector.iter();
    let mut compound = 0;
    loop {
        for c in &mut iter {
            if mentions_focus(c) && (compound > 0 || c.to_css_string().contains(":focus-within")) {
                return true;
            }
        }
        if iter.next_sequence().is_none() {
            return false;
        }
        compound += 1;
    }
}

const MAX_IMPORT_DEPTH: usize = 8;

fn is_css_type(t: Option<&str>) -> bool {
    t.is_none_or(|t| t.trim().is_empty() || t.trim().eq_ignore_ascii_case("text/css"))
}

/// The document's base URL: the first `<base href>` in the document tree, or the page URL.
fn base_url(dom: &Dom, page_url: &str) -> String {
    dom.elements()
        .filter(|e| !dom.is_in_shadow_tree(e.id))
        .find(|e| e.is("base") && e.has_attr("href"))
        .and_then(|e| e.attr("href"))
        .map(|href| resolve(page_url, href))
        .unwrap_or_else(|| page_url.to_string())
}

pub fn collect(dom: &Dom, page_url: &str, loader: &dyn ResourceLoader) -> Scopes {
    let base = base_url(dom, page_url);
    let mut sinks: HashMap<NodeId, (SheetSink, bool)> = HashMap::new();
    sinks.insert(NodeId::DOCUMENT, (SheetSink::default(), false));
    for el in dom.elements() {
        let root = dom.tree_root(el.id);
        if el.name() == "style" && is_css_type(el.attr("type")) {
            if !el.attr("media").is_none_or(media_matches) {
                continue;
            }
            let text: String = dom
                .children(el.id)
                .filter_map(|c| match &dom.node(c).data {
                    NodeData::Text { text } => Some(text.as_str()),
                    _ => None,
                })
                .collect();
            let (sink, incomplete) = sinks.entry(root).or_default();
            add_sheet(
                &text,
                &base,
                loader,
                sink,
                incomplete,
                None,
                0,
                &mut HashSet::new(),
            );
        } else if el.is("link") {
            let rel = el.attr("rel").unwrap_or("").to_ascii_lowercase();
            let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
            if !rels.contains(&"stylesheet")
                || rels.contains(&"alternate")
                || el.has_attr("disabled")
            {
                continue;
            }
            if !el.attr("media").is_none_or(media_matches) || !is_css_type(el.attr("type")) {
                continue;
            }
            let Some(href) = el.attr("href").filter(|h| !h.trim().is_empty()) else {
                continue;
            };
            let url = resolve(&base, href);
            let (sink, incomplete) = sinks.entry(root).or_default();
            match loader.stylesheet(&url) {
                Some(text) => {
                    let mut seen = HashSet::from([url.clone()]);
                    add_sheet(&text, &url, loader, sink, incomplete, None, 0, &mut seen);
                }
                None => *incomplete = true,
            }
        }
    }
    let mut by_root = HashMap::new();
    let mut focus_others = false;
    for (root, (sink, incomplete)) in sinks {
        let rules = RuleIndex::from_sink(sink, 0);
        focus_others |= rules
            .entries
            .iter()
            .any(|e| focus_restyles_others(&e.selector));
        by_root.insert(root, Scope { rules, incomplete });
    }
    Scopes {
        by_root,
        focus_restyles_others: focus_others,
    }
}

/// Parses a sheet and its imports (imports first, as the cascade orders them).
#[allow(clippy::too_many_arguments)]
fn add_sheet(
    text: &str,
    url: &str,
    loader: &dyn ResourceLoader,
    sink: &mut SheetSink,
    incomplete: &mut bool,
    layer: Option<u16>,
    depth: usize,
    seen: &mut HashSet<String>,
) {
    let own_start = sink.rules.len();
    let imports = parse_sheet(text, sink, layer);
    let own_end = sink.rules.len();
    for import in imports {
        let href = resolve(url, &import.href);
        if depth >= MAX_IMPORT_DEPTH || !seen.insert(href.clone()) {
            continue;
        }
        match loader.stylesheet(&href) {
            Some(t) => add_sheet(
                &t,
                &href,
                loader,
                sink,
                incomplete,
                import.layer,
                depth + 1,
                seen,
            ),
            None => *incomplete = true,
        }
    }
    // Move the imported rules before the importing sheet's own rules.
    let imported = sink.rules.len() - own_end;
    if imported > 0 {
        sink.rules[own_start..].rotate_left(own_end - own_start);
    }
}

/// The user-agent scope, parsed once per process.
pub fn user_agent() -> &'static RuleIndex {
    use std::sync::OnceLock;
    static UA: OnceLock<UaIndex> = OnceLock::new();
    &UA.get_or_init(|| {
        let mut sink = SheetSink::default();
        parse_sheet(super::ua::UA_CSS, &mut sink, None);
        UaIndex(RuleIndex::from_sink(sink, 0))
    })
    .0
}

/// The UA index is immutable after construction and only read.
struct UaIndex(RuleIndex);
