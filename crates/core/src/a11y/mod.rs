//! Accessibility semantics, computed in one place: ARIA data, roles, what is in the
//! accessibility tree, focus, and accessible names.
//!
//! Rules reach it through [`crate::engine::Context::a11y`], which memoises per-page facts
//! (hidden, rendered, landmark scoping) so that asking about every element stays linear even
//! on pages of 100,000 nested elements.

pub mod accname;
pub mod aria;
pub mod aria_data;
pub mod flat;
pub mod focus;
pub mod id_refs;
pub mod ownership;
pub mod rendering;
pub mod roles;
pub mod table;
pub mod tree;

use std::cell::{OnceCell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use crate::dom::{Dom, ElementRef, NodeId};

pub use accname::{AccName, NameSource};

/// Per-page accessibility facts, computed lazily and shared by every rule.
pub struct PageA11y<'a> {
    pub dom: &'a Dom,
    /// Whether the front-end computed styles; without them, rendering falls back to the
    /// `hidden` attribute and the UA stylesheet's defaults.
    pub has_styles: bool,
    flags: OnceCell<Vec<u8>>,
    labels: OnceCell<HashMap<NodeId, Vec<NodeId>>>,
    roles: OnceCell<Vec<Option<&'static str>>>,
    /// Table grids (and their header assignment), built once per `<table>` for every
    /// table rule.
    tables: RefCell<HashMap<NodeId, Rc<table::Table>>>,
    /// Accessible names already computed: several rules ask for the same element's name
    /// (a link's name for link-name, label-in-name, the PHI rules...), and each walk
    /// visits the element's whole content.
    names: RefCell<HashMap<NodeId, AccName>>,
}

impl<'a> PageA11y<'a> {
    pub fn new(dom: &'a Dom) -> PageA11y<'a> {
        let has_styles = dom.elements().next().is_some_and(|e| e.style().is_some());
        PageA11y {
            dom,
            has_styles,
            flags: OnceCell::new(),
            labels: OnceCell::new(),
            roles: OnceCell::new(),
            tables: RefCell::default(),
            names: RefCell::default(),
        }
    }

    pub(crate) fn flags(&self, node: NodeId) -> u8 {
        self.flags
            .get_or_init(|| tree::compute_flags(self.dom, self.has_styles))
            .get(node.index())
            .copied()
            .unwrap_or(0)
    }

    pub fn element(&self, id: NodeId) -> Option<ElementRef<'a>> {
        self.dom.element(id)
    }

    /// Excluded from the accessibility tree (see [`tree`]).
    pub fn is_hidden(&self, node: NodeId) -> bool {
        self.flags(node) & tree::HIDDEN != 0
    }

    /// Rendered: in the flat tree and not `display: none` (itself or an ancestor).
    pub fn is_rendered(&self, node: NodeId) -> bool {
        self.flags(node) & tree::NOT_RENDERED == 0
    }

    /// Computed `visibility` is `hidden` or `collapse`.
    pub fn is_invisible(&self, node: NodeId) -> bool {
        self.flags(node) & tree::INVISIBLE != 0
    }

    /// Inert: inside an `inert` subtree, or blocked by a modal element.
    pub fn is_inert(&self, node: NodeId) -> bool {
        self.flags(node) & (tree::INERT | tree::BLOCKED) != 0
    }

    /// Inert only while a modal element elsewhere in its document is shown: once the
    /// dialog closes, it is as its markup makes it.
    pub fn is_blocked_by_modal(&self, node: NodeId) -> bool {
        self.flags(node) & tree::BLOCKED != 0
    }

    /// The computed role (see [`roles::role`]), computed once for every element.
    pub fn role(&self, el: ElementRef) -> Option<&'static str> {
        self.roles
            .get_or_init(|| {
                self.dom
                    .ids()
                    .map(|id| self.dom.element(id).and_then(|e| roles::role(self, e)))
                    .collect()
            })
            .get(el.id.index())
            .copied()
            .flatten()
    }

    /// The grid of a `<table>` element (see [`table::Table::build`]), built once per page.
    pub fn table(&self, table: NodeId) -> Rc<table::Table> {
        self.tables
            .borrow_mut()
            .entry(table)
            .or_insert_with(|| Rc::new(table::Table::build(self.dom, table)))
            .clone()
    }

    /// The accessible name and where it came from (see [`accname`]).
    pub fn name(&self, el: ElementRef) -> AccName {
        if let Some(name) = self.names.borrow().get(&el.id) {
            return name.clone();
        }
        let name = accname::accessible_name(self, el);
        self.names.borrow_mut().insert(el.id, name.clone());
        name
    }

    pub fn is_focusable(&self, el: ElementRef) -> bool {
        focus::is_focusable(self, el)
    }

    /// In sequential focus navigation (Tab reaches it).
    pub fn is_tabbable(&self, el: ElementRef) -> bool {
        focus::is_tabbable(self, el)
    }

    /// In sequential focus navigation once no modal element blocks it (see
    /// [`PageA11y::is_blocked_by_modal`]): what its markup makes it.
    pub fn is_tabbable_unblocked(&self, el: ElementRef) -> bool {
        focus::is_tabbable_unblocked(self, el)
    }

    pub fn is_disabled(&self, el: ElementRef) -> bool {
        focus::is_disabled(self, el)
    }
}
