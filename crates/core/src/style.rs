//! Computed style and layout facts as front-ends report them.
//!
//! A [`Style`] holds *computed values* serialized the way `getComputedStyle` does
//! (`rgb(0, 0, 0)`, `16px`, `700`), keyed by CSS property name. Browser front-ends copy them
//! from the browser; the static front-end computes them with its cascade. A property that is
//! absent is unknown, and rules that need it answer `review`.
//!
//! The map is shared behind an `Arc`: elements with identical computed styles (most siblings
//! of a list, most of a page's text) share one map, which keeps a 10,000-element snapshot
//! cheap to build and to clone. [`Style::set`] copies on write.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::color::{ColorError, Rgba, parse_color};
use crate::css::{self, Property};
use crate::dom::{Dom, NodeData, NodeId};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Style(Arc<BTreeMap<String, String>>);

impl Serialize for Style {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Style {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        BTreeMap::<String, String>::deserialize(d).map(Style::from_map)
    }
}

impl From<BTreeMap<String, String>> for Style {
    fn from(map: BTreeMap<String, String>) -> Style {
        Style::from_map(map)
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Style {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Style {
        Style::from_map(
            iter.into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        )
    }
}

impl Style {
    /// A style of the values a front-end reported, keeping only what the core's table
    /// carries ([`css::PROPERTIES`]) where it can matter ([`Property::relevant_when`]):
    /// whatever a front-end reads beyond that, rules see the same facts from every one.
    pub fn from_map(mut map: BTreeMap<String, String>) -> Style {
        let dropped: Vec<String> = map
            .iter()
            .filter(|(name, _)| match Property::from_name(name) {
                None => true,
                Some(p) => !p.relevant(|on| map.get(on.name()).map(String::as_str)),
            })
            .map(|(name, _)| name.clone())
            .collect();
        for name in dropped {
            map.remove(&name);
        }
        Style(Arc::new(map))
    }
    /// The computed value of `property`; `None` when the front-end did not report it.
    pub fn get(&self, property: Property) -> Option<&str> {
        self.0.get(property.name()).map(String::as_str)
    }
    pub fn set(&mut self, property: &str, value: impl Into<String>) {
        Arc::make_mut(&mut self.0).insert(property.to_string(), value.into());
    }
    pub fn remove(&mut self, property: &str) {
        Arc::make_mut(&mut self.0).remove(property);
    }
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// Whether two styles are the same shared map (cheap identity, not equality).
    pub fn ptr_eq(&self, other: &Style) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
    /// Identity of the shared map, to memoize facts derived from a style: equal ids mean
    /// the same map (while both styles are alive).
    pub fn shared_id(&self) -> usize {
        Arc::as_ptr(&self.0) as usize
    }

    /// A length in CSS pixels (`16px`, `0px`); `None` when absent or not in px.
    pub fn px(&self, property: Property) -> Option<f64> {
        parse_px(self.get(property)?)
    }

    /// A colour-valued property in sRGB. `None` when absent (unknown); `Some(Err)` when the
    /// value is present but not a fixed colour (a system colour, say).
    pub fn color(&self, property: Property) -> Option<Result<Rgba, ColorError>> {
        self.get(property).map(parse_color)
    }

    /// A plain number (`opacity`, `font-weight`, `z-index`).
    pub fn number(&self, property: Property) -> Option<f64> {
        self.get(property)?.trim().parse::<f64>().ok()
    }

    /// `font-size` in px.
    pub fn font_size(&self) -> Option<f64> {
        self.px(css::FONT_SIZE)
    }

    /// `font-weight` as a number (400, 700).
    pub fn font_weight(&self) -> Option<f64> {
        match self.get(css::FONT_WEIGHT)? {
            "normal" => Some(400.0),
            "bold" => Some(700.0),
            other => other.trim().parse().ok(),
        }
    }

    /// `opacity` clamped to 0..=1.
    pub fn opacity(&self) -> Option<f64> {
        self.number(css::OPACITY).map(|o| o.clamp(0.0, 1.0))
    }

    /// `display: none` (known). Note: descendants of a `display: none` element keep their
    /// own `display`; walk ancestors to know whether something is rendered.
    pub fn is_display_none(&self) -> bool {
        self.get(css::DISPLAY) == Some("none")
    }

    /// `visibility: hidden` or `collapse` (inherited, so the element's own value decides).
    pub fn is_visibility_hidden(&self) -> bool {
        matches!(self.get(css::VISIBILITY), Some("hidden" | "collapse"))
    }

    /// `position: absolute` or `fixed`: the box leaves the normal flow, so without layout
    /// facts what is painted behind it is unknown.
    pub fn is_out_of_flow(&self) -> bool {
        matches!(self.get(css::POSITION), Some("absolute" | "fixed"))
    }

    /// A scroll container: `overflow-x` or `overflow-y` is `auto` or `scroll` (a computed
    /// style holds the longhands only). Front-ends record [`crate::dom::Node::scroll`]
    /// for these elements only.
    pub fn is_scroll_container(&self) -> bool {
        [css::OVERFLOW_X, css::OVERFLOW_Y]
            .into_iter()
            .any(|p| self.get(p).is_some_and(overflow_scrolls))
    }
}

/// An `overflow` value (a longhand, or the shorthand's one or two keywords) that lets the
/// box scroll: `auto` or `scroll` on some axis.
pub fn overflow_scrolls(value: &str) -> bool {
    value
        .split_ascii_whitespace()
        .any(|t| t.eq_ignore_ascii_case("auto") || t.eq_ignore_ascii_case("scroll"))
}

/// `12.5px` → 12.5. Other units are not computed values and give `None`.
pub fn parse_px(value: &str) -> Option<f64> {
    let v = value
        .trim()
        .strip_suffix("px")?
        .trim()
        .parse::<f64>()
        .ok()?;
    v.is_finite().then_some(v)
}

/// A specified length (or a plain number) as a multiple of the element's font size, the
/// way text spacing is measured (WCAG 1.4.12): `0.12em` → 0.12, `2px` at a 16px font →
/// 0.125, `150%` and `1.5` → 1.5, `normal` → `normal`. Absolute units convert at 96px to
/// the inch. `None` when the value needs something unknown (the font size for px, the root
/// font size for rem) or is no length (`ex`, `ch`, viewport units, `calc()`, `var()`).
pub fn font_multiple(
    value: &str,
    font_size: Option<f64>,
    root_font_size: Option<f64>,
    normal: f64,
) -> Option<f64> {
    let v = value.trim().to_ascii_lowercase();
    if v == "normal" {
        return Some(normal);
    }
    let (number, unit) = v.split_at(
        v.find(|c: char| c.is_ascii_alphabetic() || c == '%')
            .unwrap_or(v.len()),
    );
    let n: f64 = number.trim().parse().ok().filter(|n: &f64| n.is_finite())?;
    let px = |factor: f64| font_size.filter(|f| *f > 0.0).map(|f| n * factor / f);
    match unit.trim() {
        "" | "em" => Some(n),
        "%" => Some(n / 100.0),
        "px" => px(1.0),
        "pt" => px(96.0 / 72.0),
        "pc" => px(16.0),
        "in" => px(96.0),
        "cm" => px(96.0 / 2.54),
        "mm" => px(96.0 / 25.4),
        "q" => px(96.0 / 101.6),
        "rem" => root_font_size.and_then(px),
        _ => None,
    }
}

/// Elements in the order styles inherit: a pre-order walk of the flat tree (every element
/// after the element it inherits from), then the elements outside the flat tree (light
/// children of a shadow host that no slot takes, and their subtrees) in document order.
/// Returns the order and how many of its first entries are in the flat tree.
/// A loop with an explicit stack: no recursion on DOM depth.
pub fn flat_tree_order(dom: &Dom) -> (Vec<NodeId>, usize) {
    let mut order = Vec::with_capacity(dom.len());
    let mut seen = vec![false; dom.len()];
    let mut stack: Vec<NodeId> = dom.flat_children(NodeId::DOCUMENT);
    stack.reverse();
    while let Some(id) = stack.pop() {
        if seen[id.index()] || !matches!(dom.node(id).data, NodeData::Element { .. }) {
            continue;
        }
        seen[id.index()] = true;
        order.push(id);
        // Children pushed in reverse so they pop in order. A frame's document is shown in
        // its frame element, before any fallback content.
        let first = stack.len();
        if let Some(document) = dom.content_document(id) {
            dom.flat_children_into(document, &mut stack);
        }
        dom.flat_children_into(id, &mut stack);
        stack[first..].reverse();
    }
    let in_flat_tree = order.len();
    for id in dom.ids() {
        if !seen[id.index()] && dom.element(id).is_some() {
            order.push(id);
        }
    }
    (order, in_flat_tree)
}

/// The element a style inherits from: the flat-tree parent element, or for elements
/// outside the flat tree their node-tree parent element.
pub fn inheritance_parent(dom: &Dom, id: NodeId) -> Option<NodeId> {
    dom.flat_parent_element(id)
        .or_else(|| dom.parent(id).filter(|p| dom.element(*p).is_some()))
}

/// Properties whose change draws a visible focus indicator on the element itself
/// (besides the outline and borders, which only count when they are drawn).
const INDICATORS: &[Property] = &[
    css::BOX_SHADOW,
    css::BACKGROUND_COLOR,
    css::BACKGROUND_IMAGE,
    css::COLOR,
    css::TEXT_DECORATION_LINE,
    css::OPACITY,
    css::TRANSFORM,
    css::FONT_WEIGHT,
    css::VISIBILITY,
];

/// A line (outline or one border side) as drawn: `None` when not drawn at all.
/// `Err(())` when a value is unknown.
fn line(style: &Style, props: [Option<Property>; 4]) -> Result<Option<[&str; 4]>, ()> {
    // A border side has no offset: `None` stands for a value that is always empty.
    let get = |p: Option<Property>| match p {
        None => Ok(""),
        Some(p) => style.get(p).ok_or(()),
    };
    let s = get(props[0])?;
    if !css::draws_line(s) {
        // Width, colour and offset of a line not drawn are not carried (css.rs).
        return Ok(None);
    }
    let w = get(props[1])?;
    if w == "0px" {
        return Ok(None);
    }
    Ok(Some([s, w, get(props[2])?, get(props[3])?]))
}

const LINES: &[[Option<Property>; 4]] = &[
    [
        Some(css::OUTLINE_STYLE),
        Some(css::OUTLINE_WIDTH),
        Some(css::OUTLINE_COLOR),
        Some(css::OUTLINE_OFFSET),
    ],
    [
        Some(css::BORDER_STYLES[0]),
        Some(css::BORDER_WIDTHS[0]),
        Some(css::BORDER_COLORS[0]),
        None,
    ],
    [
        Some(css::BORDER_STYLES[1]),
        Some(css::BORDER_WIDTHS[1]),
        Some(css::BORDER_COLORS[1]),
        None,
    ],
    [
        Some(css::BORDER_STYLES[2]),
        Some(css::BORDER_WIDTHS[2]),
        Some(css::BORDER_COLORS[2]),
        None,
    ],
    [
        Some(css::BORDER_STYLES[3]),
        Some(css::BORDER_WIDTHS[3]),
        Some(css::BORDER_COLORS[3]),
        None,
    ],
];

/// Whether focusing an element visibly changes it: compares its normal and focused
/// styles on the properties that draw an indicator (an outline or border side only
/// when drawn). `None` when a value needed is unknown.
pub fn visible_focus_change(normal: &Style, focused: &Style) -> Option<bool> {
    let mut unknown = false;
    for props in LINES {
        match (line(normal, *props), line(focused, *props)) {
            (Ok(a), Ok(b)) if a != b => return Some(true),
            (Ok(_), Ok(_)) => {}
            _ => unknown = true,
        }
    }
    for &p in INDICATORS {
        match (normal.get(p), focused.get(p)) {
            (Some(a), Some(b)) if a != b => return Some(true),
            (Some(_), Some(_)) => {}
            _ => unknown = true,
        }
    }
    (!unknown).then_some(false)
}

/// A border box in CSS pixels, relative to the top left of the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

/// Geometry on border boxes, written once for every rule that compares boxes (contrast's
/// layers, target size, scrollable regions). `slack` absorbs sub-pixel layout: boxes that
/// miss by less than it still touch.
impl Rect {
    pub fn right(self) -> f64 {
        self.x + self.width
    }
    pub fn bottom(self) -> f64 {
        self.y + self.height
    }
    pub fn center(self) -> (f64, f64) {
        (self.x + self.width / 2.0, self.y + self.height / 2.0)
    }
    /// The smallest box holding both.
    pub fn union(self, other: Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect {
            x,
            y,
            width: self.right().max(other.right()) - x,
            height: self.bottom().max(other.bottom()) - y,
        }
    }
    /// Whether the two boxes share more than `slack` on both axes.
    pub fn overlaps(self, other: Rect, slack: f64) -> bool {
        self.x < other.right() - slack
            && other.x < self.right() - slack
            && self.y < other.bottom() - slack
            && other.y < self.bottom() - slack
    }
    /// Whether this box covers all of `inner`, give or take `slack`.
    pub fn contains(self, inner: Rect, slack: f64) -> bool {
        self.x <= inner.x + slack
            && self.y <= inner.y + slack
            && self.right() >= inner.right() - slack
            && self.bottom() >= inner.bottom() - slack
    }
    /// The cells of a square grid of side `cell` that the box touches, as inclusive
    /// column and row ranges `(x0, y0, x1, y1)` (for spatial indexes).
    pub fn cell_span(self, cell: f64) -> (i64, i64, i64, i64) {
        let at = |v: f64| (v / cell).floor() as i64;
        (at(self.x), at(self.y), at(self.right()), at(self.bottom()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_read_computed_values() {
        let style: Style = [
            ("font-size", "18.6667px"),
            ("font-weight", "700"),
            ("color", "rgba(0, 0, 0, 0.5)"),
            ("opacity", "0.3"),
            ("display", "none"),
            ("visibility", "collapse"),
            ("position", "fixed"),
            ("outline-color", "Canvas"),
        ]
        .into_iter()
        .collect();
        assert_eq!(style.font_size(), Some(18.6667));
        assert_eq!(style.font_weight(), Some(700.0));
        assert_eq!(style.opacity(), Some(0.3));
        assert!(style.is_display_none() && style.is_visibility_hidden() && style.is_out_of_flow());
        let c = style.color(css::COLOR).unwrap().unwrap();
        assert_eq!(c.a, 0.5);
        assert!(style.color(css::OUTLINE_COLOR).unwrap().is_err());
        assert!(style.color(css::BACKGROUND_COLOR).is_none());
        assert_eq!(style.px(css::COLOR), None);
    }

    #[test]
    fn a_style_keeps_only_the_tables_properties_where_they_can_matter() {
        let style: Style = [
            ("border-top-style", "none"),
            ("border-top-width", "0px"),
            ("border-top-color", "rgb(255, 0, 0)"),
            ("border-left-style", "solid"),
            ("border-left-color", "rgb(0, 0, 255)"),
            ("outline-style", "none"),
            ("outline-width", "3px"),
            ("position", "static"),
            ("top", "-9999px"),
            ("clip", "rect(0px, 0px, 0px, 0px)"),
            ("overflow-x", "visible"),
            ("overflow-y", "auto"),
            ("padding-top", "4px"),
            ("line-height", "20px"),
        ]
        .into_iter()
        .collect();
        let kept: Vec<&str> = style.iter().map(|(name, _)| name).collect();
        assert_eq!(
            kept,
            [
                "border-left-color",
                "border-left-style",
                "border-top-style",
                "border-top-width",
                "outline-style",
                "overflow-x",
                "overflow-y",
                "padding-top",
                "position",
            ]
        );
        // A condition on a value not known keeps the value.
        let unknown: Style = [("border-top-color", "red"), ("top", "0px")]
            .into_iter()
            .collect();
        assert_eq!(unknown.len(), 2);
    }

    #[test]
    fn an_undrawn_line_needs_no_colour_to_compare_focus() {
        let normal: Style = [("outline-style", "none")]
            .into_iter()
            .chain(css::BORDER_STYLES.map(|p| (p.name(), "none")))
            .chain(css::BORDER_WIDTHS.map(|p| (p.name(), "0px")))
            .chain(INDICATORS.iter().map(|p| (p.name(), "x")))
            .collect();
        let mut focused = normal.clone();
        assert_eq!(visible_focus_change(&normal, &focused), Some(false));
        focused.set("outline-style", "auto");
        // Drawn now, but its width and colour are not known.
        assert_eq!(visible_focus_change(&normal, &focused), None);
        focused.set("outline-width", "2px");
        focused.set("outline-color", "rgb(0, 0, 0)");
        focused.set("outline-offset", "0px");
        assert_eq!(visible_focus_change(&normal, &focused), Some(true));
    }

    #[test]
    fn rect_geometry() {
        let r = |x, y, width, height| Rect {
            x,
            y,
            width,
            height,
        };
        let a = r(0.0, 0.0, 10.0, 10.0);
        let b = r(5.0, 20.0, 10.0, 5.0);
        assert_eq!(a.union(b), r(0.0, 0.0, 15.0, 25.0));
        assert_eq!(b.center(), (10.0, 22.5));
        assert!(!a.overlaps(b, 0.0));
        assert!(a.overlaps(r(9.0, 9.0, 5.0, 5.0), 0.5));
        // Touching edges (within the slack) are not an overlap.
        assert!(!a.overlaps(r(9.8, 0.0, 5.0, 5.0), 0.5));
        assert!(a.contains(r(1.0, 1.0, 8.0, 8.0), 0.0));
        assert!(a.contains(r(-0.3, 0.0, 10.5, 10.0), 0.5));
        assert!(!a.contains(b, 0.5));
        assert_eq!(b.cell_span(10.0), (0, 2, 1, 2));
        assert_eq!(r(-1.0, 0.0, 2.0, 2.0).cell_span(24.0), (-1, 0, 0, 0));
    }

    #[test]
    fn shared_maps_copy_on_write_and_serialize_as_maps() {
        let mut a = Style::default();
        a.set("color", "rgb(0, 0, 0)");
        let mut b = a.clone();
        assert!(a.ptr_eq(&b));
        b.set("color", "rgb(1, 1, 1)");
        assert_eq!(a.get(css::COLOR), Some("rgb(0, 0, 0)"));
        assert_eq!(b.get(css::COLOR), Some("rgb(1, 1, 1)"));
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(json, r#"{"color":"rgb(1, 1, 1)"}"#);
        let back: Style = serde_json::from_str(&json).unwrap();
        assert_eq!(back, b);
    }
}
