//! Selector parsing and matching over the snapshot arena with the `selectors` crate.
//!
//! Our [`Impl`] keeps names as plain strings; [`El`] is an element of the arena that knows
//! which element (if any) is focused, so the same matcher computes both the normal style
//! and the style while focused.

use std::fmt;

use cssparser::{CowRcStr, ParseError, ToCss};
use portalscan_core::dom::{Dom, Namespace, NodeData, NodeId};
use selectors::attr::{AttrSelectorOperation, CaseSensitivity, NamespaceConstraint};
use selectors::bloom::BloomFilter;
use selectors::context::MatchingContext;
use selectors::matching::ElementSelectorFlags;
use selectors::parser::{ParseRelative, SelectorParseErrorKind};
use selectors::{OpaqueElement, SelectorList};

#[derive(Clone, Debug, PartialEq)]
pub struct Impl;

/// An identifier, local name, attribute value or namespace: a plain string.
#[derive(Clone, Debug, Default, Eq, Hash, PartialEq)]
pub struct Name(pub String);

impl ToCss for Name {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        cssparser::serialize_identifier(&self.0, dest)
    }
}
impl<'a> From<&'a str> for Name {
    fn from(s: &'a str) -> Self {
        Name(s.to_string())
    }
}
impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}
impl precomputed_hash::PrecomputedHash for Name {
    fn precomputed_hash(&self) -> u32 {
        // FNV-1a: only used for the (unused) ancestor bloom filter.
        let mut h: u32 = 0x811c9dc5;
        for b in self.0.bytes() {
            h = (h ^ b as u32).wrapping_mul(0x01000193);
        }
        h
    }
}

/// The pseudo-classes we parse. State we cannot know statically (hover, visited, …)
/// never matches; a pseudo-class we do not know makes the whole selector invalid, as in
/// browsers.
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum PseudoClass {
    Link,
    AnyLink,
    Visited,
    Hover,
    Active,
    Focus,
    FocusVisible,
    FocusWithin,
    Target,
    Disabled,
    Enabled,
    Checked,
    Required,
    Optional,
    ReadOnly,
    ReadWrite,
    PlaceholderShown,
    Defined,
    Lang(String),
    Dir(String),
    /// Accepted vendor or state pseudo-class that we never match (`:-webkit-autofill`).
    NeverMatches(String),
}

impl ToCss for PseudoClass {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        let name = match self {
            PseudoClass::Link => "link",
            PseudoClass::AnyLink => "any-link",
            PseudoClass::Visited => "visited",
            PseudoClass::Hover => "hover",
            PseudoClass::Active => "active",
            PseudoClass::Focus => "focus",
            PseudoClass::FocusVisible => "focus-visible",
            PseudoClass::FocusWithin => "focus-within",
            PseudoClass::Target => "target",
            PseudoClass::Disabled => "disabled",
            PseudoClass::Enabled => "enabled",
            PseudoClass::Checked => "checked",
            PseudoClass::Required => "required",
            PseudoClass::Optional => "optional",
            PseudoClass::ReadOnly => "read-only",
            PseudoClass::ReadWrite => "read-write",
            PseudoClass::PlaceholderShown => "placeholder-shown",
            PseudoClass::Defined => "defined",
            PseudoClass::Lang(l) => return write!(dest, ":lang({l})"),
            PseudoClass::Dir(d) => return write!(dest, ":dir({d})"),
            PseudoClass::NeverMatches(n) => n,
        };
        write!(dest, ":{name}")
    }
}

impl selectors::parser::NonTSPseudoClass for PseudoClass {
    fn is_active_or_hover(&self) -> bool {
        matches!(self, PseudoClass::Active | PseudoClass::Hover)
    }
    fn is_user_action_state(&self) -> bool {
        matches!(
            self,
            PseudoClass::Active | PseudoClass::Hover | PseudoClass::Focus
        )
    }
}

/// Pseudo-elements parse (so rules using them are kept valid) but never match an element:
/// we compute element styles only.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct PseudoElement(pub String);

impl ToCss for PseudoElement {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        write!(dest, "::{}", self.0)
    }
}

impl selectors::parser::PseudoElement for PseudoElement {
    fn accepts_state_pseudo_classes(&self) -> bool {
        true
    }
    fn valid_after_slotted(&self) -> bool {
        true
    }
}

impl selectors::parser::SelectorImpl for Impl {
    type ExtraMatchingData<'a> = std::marker::PhantomData<&'a ()>;
    type AttrValue = Name;
    type Identifier = Name;
    type LocalName = Name;
    type NamespaceUrl = Name;
    type NamespacePrefix = Name;
    type BorrowedLocalName = Name;
    type BorrowedNamespaceUrl = Name;
    type NonTSPseudoClass = PseudoClass;
    type PseudoElement = PseudoElement;
}

pub struct SelectorParser;

const KNOWN_PSEUDO_ELEMENTS: &[&str] = &[
    "before",
    "after",
    "first-line",
    "first-letter",
    "marker",
    "placeholder",
    "selection",
    "backdrop",
    "file-selector-button",
    "cue",
    "target-text",
    "spelling-error",
    "grammar-error",
];

impl<'i> selectors::Parser<'i> for SelectorParser {
    type Impl = Impl;
    type Error = SelectorParseErrorKind;

    fn parse_slotted(&self) -> bool {
        true
    }
    fn parse_host(&self) -> bool {
        true
    }
    fn parse_is_and_where(&self) -> bool {
        true
    }
    fn parse_nth_child_of(&self) -> bool {
        true
    }

    fn parse_non_ts_pseudo_class(
        &self,
        name: CowRcStr<'i>,
    ) -> Result<PseudoClass, ParseError<Self::Error>> {
        let lower = name.to_ascii_lowercase();
        Ok(match lower.as_str() {
            "link" => PseudoClass::Link,
            "any-link" | "-webkit-any-link" => PseudoClass::AnyLink,
            "visited" => PseudoClass::Visited,
            "hover" => PseudoClass::Hover,
            "active" => PseudoClass::Active,
            "focus" => PseudoClass::Focus,
            "focus-visible" => PseudoClass::FocusVisible,
            "focus-within" => PseudoClass::FocusWithin,
            "target" => PseudoClass::Target,
            "disabled" => PseudoClass::Disabled,
            "enabled" => PseudoClass::Enabled,
            "checked" => PseudoClass::Checked,
            "required" => PseudoClass::Required,
            "optional" => PseudoClass::Optional,
            "read-only" => PseudoClass::ReadOnly,
            "read-write" => PseudoClass::ReadWrite,
            "placeholder-shown" => PseudoClass::PlaceholderShown,
            "defined" => PseudoClass::Defined,
            "indeterminate" | "default" | "valid" | "invalid" | "in-range" | "out-of-range"
            | "user-invalid" | "user-valid" | "autofill" | "-webkit-autofill" | "fullscreen"
            | "modal" | "popover-open" | "open" | "closed" | "playing" | "paused"
            | "target-within" | "local-link" | "visited-within" | "focus-ring"
            | "-moz-focusring" | "blank" => PseudoClass::NeverMatches(lower),
            _ => {
                return Err(ParseError::custom(
                    SelectorParseErrorKind::UnsupportedPseudoClassOrElement,
                ));
            }
        })
    }

    fn parse_non_ts_functional_pseudo_class(
        &self,
        name: CowRcStr<'i>,
        parser: &mut cssparser::Parser<'i>,
        _after_part: bool,
    ) -> Result<PseudoClass, ParseError<Self::Error>> {
        let lower = name.to_ascii_lowercase();
        let arg = parser.expect_ident_or_string()?.to_string();
        match lower.as_str() {
            "lang" => Ok(PseudoClass::Lang(arg)),
            "dir" => Ok(PseudoClass::Dir(arg)),
            _ => Err(ParseError::custom(
                SelectorParseErrorKind::UnsupportedPseudoClassOrElement,
            )),
        }
    }

    fn parse_pseudo_element(
        &self,
        name: CowRcStr<'i>,
    ) -> Result<PseudoElement, ParseError<Self::Error>> {
        let lower = name.to_ascii_lowercase();
        if KNOWN_PSEUDO_ELEMENTS.contains(&lower.as_str())
            || lower.starts_with("-webkit-")
            || lower.starts_with("-moz-")
        {
            Ok(PseudoElement(lower))
        } else {
            Err(ParseError::custom(
                SelectorParseErrorKind::UnsupportedPseudoClassOrElement,
            ))
        }
    }
}

pub type Selectors = SelectorList<Impl>;

/// Parses a selector list; `None` when invalid (the rule is then dropped, as in browsers).
pub fn parse_selectors(text: &str) -> Option<Selectors> {
    let mut parser = cssparser::Parser::new(text);
    SelectorList::parse(&SelectorParser, &mut parser, ParseRelative::No).ok()
}

/// What matching needs besides the tree: which element is focused.
#[derive(Clone, Copy, Debug, Default)]
pub struct MatchState {
    pub focused: Option<NodeId>,
}

/// An element of the arena, as the `selectors` crate sees it.
#[derive(Clone, Copy)]
pub struct El<'a> {
    pub dom: &'a Dom,
    pub id: NodeId,
    pub state: &'a MatchState,
}

impl fmt::Debug for El<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "El({})", self.id.0)
    }
}

impl<'a> El<'a> {
    fn at(&self, id: NodeId) -> El<'a> {
        El {
            dom: self.dom,
            id,
            state: self.state,
        }
    }
    fn parts(&self) -> (&'a str, Namespace, &'a [(String, String)]) {
        match &self.dom.node(self.id).data {
            NodeData::Element { name, ns, attrs } => (name.as_str(), *ns, attrs.as_slice()),
            _ => ("", Namespace::Other, &[]),
        }
    }
    fn attr(&self, name: &str) -> Option<&'a str> {
        self.parts()
            .2
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn is_html(&self, local: &str) -> bool {
        let (name, ns, _) = self.parts();
        ns == Namespace::Html && name == local
    }
    fn element_sibling(&self, forward: bool) -> Option<El<'a>> {
        let mut at = self.id;
        loop {
            at = if forward {
                self.dom.next_sibling(at)?
            } else {
                self.dom.prev_sibling(at)?
            };
            if self.dom.element(at).is_some() {
                return Some(self.at(at));
            }
        }
    }
    fn is_disabled(&self) -> bool {
        let form_control = [
            "button", "input", "select", "textarea", "optgroup", "option", "fieldset",
        ];
        if !form_control.iter().any(|t| self.is_html(t)) {
            return false;
        }
        if self.attr("disabled").is_some() {
            return true;
        }
        // Inside a disabled fieldset (but not in its first legend).
        let mut child = self.id;
        let mut at = self.dom.parent(self.id);
        // Bounded like the rules' own disabled check (pages of 100,000 nested elements).
        let mut steps = 0;
        while let Some(p) = at {
            steps += 1;
            if steps > 256 {
                break;
            }
            let pe = self.at(p);
            if pe.is_html("fieldset") && pe.attr("disabled").is_some() {
                let first_legend = self.dom.children(p).find(|c| self.at(*c).is_html("legend"));
                return first_legend != Some(child);
            }
            child = p;
            at = self.dom.parent(p);
        }
        false
    }
    fn is_text_field(&self) -> bool {
        if self.is_html("textarea") {
            return true;
        }
        if !self.is_html("input") {
            return false;
        }
        matches!(
            self.attr("type").map(|t| t.to_ascii_lowercase()).as_deref(),
            None | Some(
                "" | "text"
                    | "search"
                    | "url"
                    | "tel"
                    | "email"
                    | "password"
                    | "number"
                    | "date"
                    | "month"
                    | "week"
                    | "time"
                    | "datetime-local"
            )
        )
    }
}

impl<'a> selectors::Element for El<'a> {
    type Impl = Impl;

    fn opaque(&self) -> OpaqueElement {
        OpaqueElement::new(self.dom.node(self.id))
    }
    fn parent_element(&self) -> Option<Self> {
        let p = self.dom.parent(self.id)?;
        self.dom.element(p).map(|_| self.at(p))
    }
    fn parent_node_is_shadow_root(&self) -> bool {
        self.dom
            .parent(self.id)
            .is_some_and(|p| matches!(self.dom.node(p).data, NodeData::ShadowRoot { .. }))
    }
    fn containing_shadow_host(&self) -> Option<Self> {
        let root = self.dom.tree_root(self.id);
        self.dom.host(root).map(|h| self.at(h))
    }
    fn is_pseudo_element(&self) -> bool {
        false
    }
    fn prev_sibling_element(&self) -> Option<Self> {
        self.element_sibling(false)
    }
    fn next_sibling_element(&self) -> Option<Self> {
        self.element_sibling(true)
    }
    fn first_element_child(&self) -> Option<Self> {
        self.dom
            .children(self.id)
            .find(|c| self.dom.element(*c).is_some())
            .map(|c| self.at(c))
    }
    fn is_html_element_in_html_document(&self) -> bool {
        self.parts().1 == Namespace::Html
    }
    fn has_local_name(&self, local_name: &Name) -> bool {
        let (name, ns, _) = self.parts();
        if ns == Namespace::Html {
            name.eq_ignore_ascii_case(&local_name.0)
        } else {
            name == local_name.0
        }
    }
    fn has_namespace(&self, ns: &Name) -> bool {
        let url = match self.parts().1 {
            Namespace::Html => "http://www.w3.org/1999/xhtml",
            Namespace::Svg => "http://www.w3.org/2000/svg",
            Namespace::Mathml => "http://www.w3.org/1998/Math/MathML",
            Namespace::Other => "",
        };
        ns.0 == url
    }
    fn is_same_type(&self, other: &Self) -> bool {
        let (a, ans, _) = self.parts();
        let (b, bns, _) = other.parts();
        a == b && ans == bns
    }
    fn attr_matches(
        &self,
        ns: &NamespaceConstraint<&Name>,
        local_name: &Name,
        operation: &AttrSelectorOperation<&Name>,
    ) -> bool {
        if let NamespaceConstraint::Specific(url) = ns
            && !url.0.is_empty()
        {
            return false;
        }
        let name = local_name.0.as_str();
        let html = self.parts().1 == Namespace::Html;
        // The parser hands lower-case names for HTML in the common case: no allocation.
        let found = if html && name.bytes().any(|b| b.is_ascii_uppercase()) {
            self.attr(&name.to_ascii_lowercase())
        } else {
            self.attr(name)
        };
        match found {
            Some(value) => operation.eval_str(value),
            None => false,
        }
    }
    fn match_non_ts_pseudo_class(
        &self,
        pc: &PseudoClass,
        _context: &mut MatchingContext<Impl>,
    ) -> bool {
        match pc {
            PseudoClass::Link | PseudoClass::AnyLink => self.is_link(),
            PseudoClass::Focus | PseudoClass::FocusVisible => self.state.focused == Some(self.id),
            PseudoClass::FocusWithin => {
                let Some(f) = self.state.focused else {
                    return false;
                };
                // `f` is this element or a flat-tree descendant of it.
                let mut at = Some(f);
                while let Some(n) = at {
                    if n == self.id {
                        return true;
                    }
                    at = self.dom.flat_parent(n).or_else(|| self.dom.parent(n));
                }
                false
            }
            PseudoClass::Disabled => self.is_disabled(),
            PseudoClass::Enabled => {
                let controls = [
                    "button", "input", "select", "textarea", "optgroup", "option", "fieldset",
                ];
                controls.iter().any(|t| self.is_html(t)) && !self.is_disabled()
            }
            PseudoClass::Checked => {
                (self.is_html("input") && self.attr("checked").is_some())
                    || (self.is_html("option") && self.attr("selected").is_some())
            }
            PseudoClass::Required => self.attr("required").is_some() && self.is_form_field(),
            PseudoClass::Optional => self.attr("required").is_none() && self.is_form_field(),
            PseudoClass::ReadWrite => {
                (self.is_text_field() && self.attr("readonly").is_none() && !self.is_disabled())
                    || self
                        .attr("contenteditable")
                        .is_some_and(|v| v.is_empty() || v.eq_ignore_ascii_case("true"))
            }
            PseudoClass::ReadOnly => {
                !((self.is_text_field() && self.attr("readonly").is_none() && !self.is_disabled())
                    || self.attr("contenteditable").is_some())
            }
            PseudoClass::PlaceholderShown => {
                self.is_text_field()
                    && self.attr("placeholder").is_some()
                    && self.attr("value").is_none_or(str::is_empty)
            }
            // Custom elements are defined by script, which a static scan does not run.
            PseudoClass::Defined => !self.parts().0.contains('-'),
            PseudoClass::Lang(wanted) => {
                let mut at = Some(*self);
                while let Some(e) = at {
                    if let Some(lang) = e.attr("lang") {
                        let lang = lang.to_ascii_lowercase();
                        let wanted = wanted.to_ascii_lowercase();
                        return lang == wanted || lang.starts_with(&format!("{wanted}-"));
                    }
                    at = e.parent_element();
                }
                false
            }
            PseudoClass::Dir(d) => d.eq_ignore_ascii_case("ltr"),
            PseudoClass::Visited
            | PseudoClass::Hover
            | PseudoClass::Active
            | PseudoClass::Target
            | PseudoClass::NeverMatches(_) => false,
        }
    }
    fn match_pseudo_element(
        &self,
        _pe: &PseudoElement,
        _context: &mut MatchingContext<Impl>,
    ) -> bool {
        false
    }
    fn apply_selector_flags(&self, _flags: ElementSelectorFlags) {}
    fn is_link(&self) -> bool {
        (self.is_html("a") || self.is_html("area")) && self.attr("href").is_some()
    }
    fn is_html_slot_element(&self) -> bool {
        self.is_html("slot")
    }
    fn assigned_slot(&self) -> Option<Self> {
        self.dom.assigned_slot(self.id).map(|s| self.at(s))
    }
    fn has_id(&self, id: &Name, case_sensitivity: CaseSensitivity) -> bool {
        self.attr("id")
            .is_some_and(|v| case_sensitivity.eq(v.as_bytes(), id.0.as_bytes()))
    }
    fn has_class(&self, name: &Name, case_sensitivity: CaseSensitivity) -> bool {
        self.attr("class").is_some_and(|v| {
            v.split_ascii_whitespace()
                .any(|c| case_sensitivity.eq(c.as_bytes(), name.0.as_bytes()))
        })
    }
    fn has_custom_state(&self, _name: &Name) -> bool {
        false
    }
    fn imported_part(&self, _name: &Name) -> Option<Name> {
        None
    }
    fn is_part(&self, _name: &Name) -> bool {
        false
    }
    fn is_empty(&self) -> bool {
        self.dom
            .children(self.id)
            .all(|c| match &self.dom.node(c).data {
                NodeData::Element { .. } => false,
                NodeData::Text { text } => text.is_empty(),
                _ => true,
            })
    }
    fn is_root(&self) -> bool {
        self.dom.parent(self.id) == Some(NodeId::DOCUMENT)
    }
    fn add_element_unique_hashes(&self, _filter: &mut BloomFilter) -> bool {
        false
    }
}

impl El<'_> {
    fn is_form_field(&self) -> bool {
        self.is_html("input") || self.is_html("select") || self.is_html("textarea")
    }
}
