//! An html5ever tree sink that builds the snapshot's DOM arena directly.
//!
//! html5ever moves nodes around while it parses (adoption agency, foster parenting), so the
//! sink keeps a linked tree and renumbers it into the snapshot's pre-order arena once at the
//! end. Declarative shadow roots (`<template shadowrootmode>`) attach to their host as the
//! HTML standard says: the first one per host wins, later ones stay ordinary templates.
//! Ordinary `<template>` contents are inert and are not part of the page, so they are dropped.

use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

use html5ever::interface::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::{Attribute, LocalName, Namespace as Ns, QualName, ns};
use portalscan_core::dom::{Namespace, Node, NodeData, NodeId, ShadowMode};

const NONE: usize = usize::MAX;

struct SinkNode {
    data: SinkData,
    parent: usize,
    first_child: usize,
    last_child: usize,
    next: usize,
    prev: usize,
    shadow_root: usize,
    /// For `<template>`: its contents fragment (or the shadow root it became).
    template_contents: usize,
    line: u32,
}

enum SinkData {
    Document,
    Doctype(String),
    Element(QualName, Vec<Attribute>),
    Text(StrTendril),
    Comment(StrTendril),
    /// Contents of an inert `<template>`; never emitted.
    Fragment,
    ShadowRoot(ShadowMode),
}

pub struct DomSink {
    nodes: RefCell<Vec<SinkNode>>,
    current_line: Cell<u32>,
    /// Component templates: a `<template>`'s contents are its children (an LWC
    /// `<template lwc:if>` is possible content, not inert), emitted for the caller to
    /// splice out. Declarative shadow roots still attach.
    keep_templates: bool,
}

impl DomSink {
    pub fn new() -> DomSink {
        DomSink {
            nodes: RefCell::new(vec![SinkNode::new(SinkData::Document)]),
            current_line: Cell::new(1),
            keep_templates: false,
        }
    }

    /// A sink for component templates (see the `keep_templates` field).
    pub fn keeping_templates() -> DomSink {
        DomSink {
            keep_templates: true,
            ..DomSink::new()
        }
    }

    fn push(&self, data: SinkData) -> usize {
        let mut nodes = self.nodes.borrow_mut();
        let mut node = SinkNode::new(data);
        node.line = self.current_line.get();
        nodes.push(node);
        nodes.len() - 1
    }

    fn detach(nodes: &mut [SinkNode], child: usize) {
        let (parent, prev, next) = {
            let c = &nodes[child];
            (c.parent, c.prev, c.next)
        };
        if parent == NONE {
            return;
        }
        if prev != NONE {
            nodes[prev].next = next;
        } else {
            nodes[parent].first_child = next;
        }
        if next != NONE {
            nodes[next].prev = prev;
        } else {
            nodes[parent].last_child = prev;
        }
        let c = &mut nodes[child];
        c.parent = NONE;
        c.prev = NONE;
        c.next = NONE;
    }

    fn append_node(nodes: &mut [SinkNode], parent: usize, child: usize) {
        Self::detach(nodes, child);
        let last = nodes[parent].last_child;
        nodes[child].parent = parent;
        nodes[child].prev = last;
        if last != NONE {
            nodes[last].next = child;
        } else {
            nodes[parent].first_child = child;
        }
        nodes[parent].last_child = child;
    }

    fn insert_before(nodes: &mut [SinkNode], sibling: usize, child: usize) {
        Self::detach(nodes, child);
        let parent = nodes[sibling].parent;
        let prev = nodes[sibling].prev;
        nodes[child].parent = parent;
        nodes[child].prev = prev;
        nodes[child].next = sibling;
        nodes[sibling].prev = child;
        if prev != NONE {
            nodes[prev].next = child;
        } else {
            nodes[parent].first_child = child;
        }
    }

    /// Appends text, merging with a text node right before the insertion point.
    fn insert_text(&self, parent: usize, before: Option<usize>, text: StrTendril) {
        let mut nodes = self.nodes.borrow_mut();
        let neighbour = match before {
            Some(sibling) => nodes[sibling].prev,
            None => nodes[parent].last_child,
        };
        if neighbour != NONE
            && let SinkData::Text(existing) = &mut nodes[neighbour].data
        {
            existing.push_tendril(&text);
            return;
        }
        nodes.push(SinkNode::new(SinkData::Text(text)));
        let id = nodes.len() - 1;
        match before {
            Some(sibling) => Self::insert_before(&mut nodes, sibling, id),
            None => Self::append_node(&mut nodes, parent, id),
        }
    }

    /// Renumbers the linked tree into the snapshot arena (pre-order, shadow root first).
    pub fn into_nodes(self) -> Vec<Node> {
        let nodes = self.nodes.into_inner();
        let mut out: Vec<Node> = Vec::with_capacity(nodes.len());
        // Explicit stack of (sink index, new parent index): no recursion on deep pages.
        let mut stack: Vec<(usize, Option<NodeId>)> = vec![(0, None)];
        while let Some((at, parent)) = stack.pop() {
            let node = &nodes[at];
            let data = match &node.data {
                SinkData::Document => NodeData::Document,
                SinkData::Doctype(name) => NodeData::Doctype { name: name.clone() },
                SinkData::Element(name, attrs) => element_data(name, attrs),
                SinkData::Text(t) => NodeData::Text {
                    text: t.to_string(),
                },
                SinkData::Comment(t) => NodeData::Comment {
                    text: t.to_string(),
                },
                SinkData::ShadowRoot(mode) => NodeData::ShadowRoot { mode: *mode },
                SinkData::Fragment => continue,
            };
            let id = NodeId(out.len() as u32);
            let mut new_node = Node::new(parent, data);
            if matches!(node.data, SinkData::Element(..)) {
                new_node.line = Some(node.line);
            }
            out.push(new_node);
            // Push children in reverse so they pop in order; the shadow root goes last so
            // it pops first and its tree precedes the light children.
            let mut c = node.last_child;
            while c != NONE {
                stack.push((c, Some(id)));
                c = nodes[c].prev;
            }
            if node.shadow_root != NONE {
                stack.push((node.shadow_root, Some(id)));
            }
        }
        out
    }
}

impl Default for DomSink {
    fn default() -> Self {
        Self::new()
    }
}

impl SinkNode {
    fn new(data: SinkData) -> SinkNode {
        SinkNode {
            data,
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            next: NONE,
            prev: NONE,
            shadow_root: NONE,
            template_contents: NONE,
            line: 0,
        }
    }
}

fn element_data(name: &QualName, attrs: &[Attribute]) -> NodeData {
    let ns = match name.ns {
        ns!(html) => Namespace::Html,
        ns!(svg) => Namespace::Svg,
        ns!(mathml) => Namespace::Mathml,
        _ => Namespace::Other,
    };
    let attrs = attrs
        .iter()
        .map(|a| {
            let name = if let Some(prefix) = &a.name.prefix {
                format!("{}:{}", prefix, a.name.local)
            } else {
                a.name.local.to_string()
            };
            (name, a.value.to_string())
        })
        .collect();
    NodeData::Element {
        name: name.local.to_string(),
        ns,
        attrs,
    }
}

/// Borrows the element's name from the sink; html5ever asks for names of every open
/// element during scope checks, so a clone here would make deep pages quadratic in refcounts.
pub struct ElemNameRef<'a>(Ref<'a, QualName>);

impl std::fmt::Debug for ElemNameRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}", *self.0)
    }
}

impl html5ever::interface::ElemName for ElemNameRef<'_> {
    fn ns(&self) -> &Ns {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl TreeSink for DomSink {
    type Handle = usize;
    type Output = Self;
    type ElemName<'a> = ElemNameRef<'a>;

    fn finish(self) -> Self {
        self
    }

    // Browsers recover from every parse error; so do we, silently.
    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> usize {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a usize) -> ElemNameRef<'a> {
        ElemNameRef(Ref::map(self.nodes.borrow(), |nodes| {
            match &nodes[*target].data {
                SinkData::Element(name, _) => name,
                _ => panic!("elem_name called on a non-element"),
            }
        }))
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> usize {
        let is_template = flags.template;
        let id = self.push(SinkData::Element(name, attrs));
        if is_template {
            let contents = if self.keep_templates {
                id
            } else {
                self.push(SinkData::Fragment)
            };
            self.nodes.borrow_mut()[id].template_contents = contents;
        }
        id
    }

    fn create_comment(&self, text: StrTendril) -> usize {
        self.push(SinkData::Comment(text))
    }

    fn create_pi(&self, _target: StrTendril, data: StrTendril) -> usize {
        // Processing instructions become comments in HTML documents.
        self.push(SinkData::Comment(data))
    }

    fn append(&self, parent: &usize, child: NodeOrText<usize>) {
        match child {
            NodeOrText::AppendNode(node) => {
                Self::append_node(&mut self.nodes.borrow_mut(), *parent, node)
            }
            NodeOrText::AppendText(text) => self.insert_text(*parent, None, text),
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &usize,
        prev_element: &usize,
        child: NodeOrText<usize>,
    ) {
        let has_parent = self.nodes.borrow()[*element].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        _public: StrTendril,
        _system: StrTendril,
    ) {
        let id = self.push(SinkData::Doctype(name.to_string()));
        Self::append_node(&mut self.nodes.borrow_mut(), 0, id);
    }

    fn get_template_contents(&self, target: &usize) -> usize {
        self.nodes.borrow()[*target].template_contents
    }

    fn same_node(&self, x: &usize, y: &usize) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn set_current_line(&self, line: u64) {
        self.current_line.set(line.min(u32::MAX as u64) as u32);
    }

    fn append_before_sibling(&self, sibling: &usize, new_node: NodeOrText<usize>) {
        match new_node {
            NodeOrText::AppendNode(node) => {
                Self::insert_before(&mut self.nodes.borrow_mut(), *sibling, node)
            }
            NodeOrText::AppendText(text) => {
                let parent = self.nodes.borrow()[*sibling].parent;
                self.insert_text(parent, Some(*sibling), text)
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &usize, attrs: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let SinkData::Element(_, existing) = &mut nodes[*target].data {
            for attr in attrs {
                if !existing.iter().any(|a| a.name == attr.name) {
                    existing.push(attr);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &usize) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &usize, new_parent: &usize) {
        let mut nodes = self.nodes.borrow_mut();
        let mut c = nodes[*node].first_child;
        while c != NONE {
            let next = nodes[c].next;
            Self::append_node(&mut nodes, *new_parent, c);
            c = next;
        }
    }

    fn attach_declarative_shadow(
        &self,
        host: &usize,
        template: &usize,
        attrs: &[Attribute],
    ) -> bool {
        let mode = attrs
            .iter()
            .find(|a| &*a.name.local == "shadowrootmode")
            .map(|a| a.value.as_ref());
        let mode = match mode {
            Some("open") => ShadowMode::Open,
            Some("closed") => ShadowMode::Closed,
            _ => return false,
        };
        let mut nodes = self.nodes.borrow_mut();
        let host_ok =
            matches!(nodes[*host].data, SinkData::Element(..)) && nodes[*host].shadow_root == NONE;
        if !host_ok {
            return false;
        }
        nodes.push(SinkNode::new(SinkData::ShadowRoot(mode)));
        let root = nodes.len() - 1;
        nodes[root].parent = *host;
        nodes[*host].shadow_root = root;
        // The template's contents are the shadow root: what the parser puts "into the
        // template" lands in the shadow tree.
        nodes[*template].template_contents = root;
        true
    }
}
