//! What is painted behind each element, from computed styles alone (no layout): one pass
//! over the flat tree that composites ancestor background colours and group opacity, and
//! records why the result may be unknowable (background images, out-of-flow boxes,
//! unknown values) and whether the element is rendered at all.
//!
//! Opacity is modelled exactly for flat colours: a group with opacity `o` painted over a
//! backdrop `X` shows `o·inside + (1−o)·X`, so every element carries an affine map from
//! colours painted inside its groups to colours on screen, plus the (opaque) colour its
//! content is painted on in the innermost group's coordinates.
//!
//! [`layers`] adds what boxes that are not ancestors paint under text (with layout), and
//! [`disabled`] the parts of disabled controls that contrast exempts. The contrast rules
//! read all three; nothing here reports.

pub mod disabled;
pub mod layers;
pub mod shadow;
pub mod text;

use crate::color::{Rgba, composite, gradient_colors};
use crate::css;
use std::collections::HashMap;
use std::sync::Arc;

use crate::dom::{Dom, ElementRef, NodeId};
use crate::style::{Style, inheritance_parent, parse_px};

/// Screen colour = `alpha · c + beta` for a colour `c` painted inside the element's groups.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Affine {
    pub alpha: f64,
    pub beta: [f64; 3],
}

impl Affine {
    pub const IDENTITY: Affine = Affine {
        alpha: 1.0,
        beta: [0.0; 3],
    };
    /// An opaque colour as it reaches the screen.
    pub fn apply(&self, c: Rgba) -> Rgba {
        Rgba {
            r: self.alpha * c.r + self.beta[0],
            g: self.alpha * c.g + self.beta[1],
            b: self.alpha * c.b + self.beta[2],
            a: 1.0,
        }
    }
    /// Entering a group with opacity `o` whose backdrop (in this map's coordinates) is `x`.
    fn group(&self, o: f64, x: Rgba) -> Affine {
        let k = self.alpha * (1.0 - o);
        Affine {
            alpha: self.alpha * o,
            beta: [
                self.beta[0] + k * x.r,
                self.beta[1] + k * x.g,
                self.beta[2] + k * x.b,
            ],
        }
    }
}

/// Why the colour behind an element's text is not one flat, known colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Uncertain {
    BackgroundImage,
    OutOfFlow,
    /// A `filter` or `mix-blend-mode` changes the colours painted.
    Filtered,
    UnknownValue(&'static str),
}

impl Uncertain {
    pub fn describe(self) -> String {
        match self {
            Uncertain::BackgroundImage => {
                "a background image or gradient is painted behind the text".into()
            }
            Uncertain::OutOfFlow => "the text is in an absolutely or fixed positioned box, so \
                 what is painted behind it depends on layout"
                .into(),
            Uncertain::Filtered => "a CSS filter or blend mode changes the colours painted \
                 here, which only the rendered pixels show"
                .into(),
            Uncertain::UnknownValue(p) => format!("the computed `{p}` is not known"),
        }
    }
}

#[derive(Clone, Debug)]
pub struct Paint {
    /// Not rendered, or rendered invisibly (display none, opacity 0, clipped away, moved
    /// off-screen, outside the flat tree). `visibility` is separate: see [`Paint::visible`].
    pub hidden: bool,
    /// `visibility: hidden|collapse` on this element (its text is not painted).
    pub visibility_hidden: bool,
    /// The opaque colour this element's content is painted on, in group coordinates.
    pub backdrop: Option<Rgba>,
    pub map: Affine,
    pub uncertain: Option<Uncertain>,
    /// Set when an ancestor group's opacity or backdrop is unknown: then no colour inside
    /// is known, whatever backgrounds come below.
    pub group_unknown: Option<Uncertain>,
    /// This element hides its descendants (`content-visibility: hidden`).
    hides_children: bool,
    /// When the only uncertainty is CSS gradients ([`Uncertain::BackgroundImage`] with no
    /// image `url()`): every opaque colour, in group coordinates, that may be painted
    /// behind the content (the colours the gradients paint over the background colour,
    /// and the background colour itself where they do not reach). `None` otherwise.
    pub gradient: Option<Arc<[Rgba]>>,
}

impl Paint {
    fn root() -> Paint {
        Paint {
            hidden: false,
            visibility_hidden: false,
            // The canvas: white, the default page background.
            backdrop: Some(Rgba::WHITE),
            map: Affine::IDENTITY,
            uncertain: None,
            group_unknown: None,
            hides_children: false,
            gradient: None,
        }
    }

    pub fn visible(&self) -> bool {
        !self.hidden && !self.visibility_hidden
    }

    /// The first reason colours inside this element are not known exactly.
    pub fn why_unknown(&self) -> Option<Uncertain> {
        self.group_unknown.or(self.uncertain)
    }

    /// The backdrop as it reaches the screen, when known.
    pub fn screen_backdrop(&self) -> Option<Rgba> {
        self.backdrop.map(|b| self.map.apply(b))
    }

    /// A colour painted in this element (text, border) as it reaches the screen.
    pub fn screen_color(&self, c: Rgba) -> Option<Rgba> {
        let b = self.backdrop?;
        Some(self.map.apply(composite(c, b)))
    }

    /// The paint right behind letters that a halo text shadow of colour `halo`
    /// surrounds (see [`shadow`]): an opaque halo hides whatever is under it; a
    /// translucent one is composited over each colour that may be there.
    pub fn under_halo(&self, halo: Rgba) -> Paint {
        let mut under = self.clone();
        if halo.a >= 1.0 {
            under.backdrop = Some(halo);
            under.uncertain = None;
            under.gradient = None;
        } else {
            under.backdrop = self.backdrop.map(|b| composite(halo, b));
            under.gradient = self
                .gradient
                .as_ref()
                .map(|colours| colours.iter().map(|b| composite(halo, *b)).collect());
        }
        under
    }

    /// Every (colour on screen, backdrop on screen) pair a colour painted in this element
    /// may show as: one pair over a flat background, one per gradient colour when only
    /// gradients are uncertain (see [`Paint::gradient`]). `None` when what is behind is
    /// not known.
    pub fn screen_pairs(&self, c: Rgba) -> Option<Vec<(Rgba, Rgba)>> {
        if self.group_unknown.is_some() {
            return None;
        }
        let pair = |b: Rgba| (self.map.apply(composite(c, b)), self.map.apply(b));
        match (self.uncertain, &self.gradient) {
            (None, _) => Some(vec![pair(self.backdrop?)]),
            (Some(Uncertain::BackgroundImage), Some(colours)) => {
                Some(colours.iter().map(|b| pair(*b)).collect())
            }
            _ => None,
        }
    }
}

/// What [`derive`] reads from a style, parsed once per distinct (shared) style.
#[derive(Clone)]
struct Facts {
    opacity: Option<f64>,
    hidden: bool,
    visibility_hidden: bool,
    hides_children: bool,
    out_of_flow: bool,
    /// `None`: unknown; `Some(None)`: not a fixed colour.
    background: Option<Option<Rgba>>,
    image: Option<bool>,
    /// A `filter` or `mix-blend-mode` other than the initial one.
    filtered: Option<bool>,
    /// The colours of the background image when it is one gradient of fixed colours.
    gradient: Option<Arc<[Rgba]>>,
}

impl Facts {
    fn of(style: &Style) -> Facts {
        // `display: contents` generates no box: it paints no background, and opacity does
        // not apply to it. Its other values do not matter here (browser front-ends know
        // only `display` for elements without a box, as `<slot>` is).
        if style.get(css::DISPLAY) == Some("contents") {
            return Facts {
                opacity: Some(1.0),
                hidden: false,
                visibility_hidden: style.is_visibility_hidden(),
                hides_children: false,
                out_of_flow: false,
                background: Some(Some(Rgba::TRANSPARENT)),
                image: Some(false),
                filtered: Some(false),
                gradient: None,
            };
        }
        let opacity = style.opacity();
        Facts {
            opacity,
            hidden: style.is_display_none()
                || opacity == Some(0.0)
                || is_clipped_away(style)
                || is_off_screen(style),
            visibility_hidden: style.is_visibility_hidden(),
            hides_children: style.get(css::CONTENT_VISIBILITY) == Some("hidden"),
            out_of_flow: style.is_out_of_flow(),
            background: style.color(css::BACKGROUND_COLOR).map(Result::ok),
            image: style.get(css::BACKGROUND_IMAGE).map(|v| v != "none"),
            filtered: style
                .get(css::FILTER)
                .zip(style.get(css::MIX_BLEND_MODE))
                .map(|(filter, blend)| filter != "none" || blend != "normal"),
            gradient: style
                .get(css::BACKGROUND_IMAGE)
                .and_then(gradient_colors)
                .map(Arc::from),
        }
    }
}

/// Paint facts of every element, indexed by node index (`None` for non-elements), given
/// [`flat_tree_order`]'s result.
pub fn paint_all(dom: &Dom, order: &(Vec<NodeId>, usize)) -> Vec<Option<Paint>> {
    let (order, in_flat_tree) = order;
    let mut out: Vec<Option<Paint>> = vec![None; dom.len()];
    let mut facts: HashMap<usize, Facts> = HashMap::new();
    let root = Paint::root();
    for (i, &id) in order.iter().enumerate() {
        let parent = inheritance_parent(dom, id)
            .and_then(|p| out[p.index()].as_ref())
            .unwrap_or(&root);
        let el = dom.element(id).expect("order holds elements");
        let f = el.style().map(|s| {
            facts
                .entry(s.shared_id())
                .or_insert_with(|| Facts::of(s))
                .clone()
        });
        let mut paint = derive(parent, f);
        if i >= *in_flat_tree {
            paint.hidden = true;
        }
        out[id.index()] = Some(paint);
    }
    out
}

fn derive(parent: &Paint, facts: Option<Facts>) -> Paint {
    let Some(f) = facts else {
        return Paint {
            hidden: parent.hidden,
            visibility_hidden: false,
            backdrop: None,
            map: parent.map,
            uncertain: Some(Uncertain::UnknownValue("style")),
            group_unknown: Some(Uncertain::UnknownValue("style")),
            hides_children: false,
            gradient: None,
        };
    };
    let opacity = f.opacity;
    let hidden = parent.hidden || parent.hides_children || f.hidden;
    let mut uncertain = parent.uncertain;
    let mut group_unknown = parent.group_unknown;
    let mut backdrop = parent.backdrop;
    let mut map = parent.map;
    let mut gradient = parent.gradient.clone();

    match (opacity, parent.backdrop) {
        (Some(o), _) if o >= 1.0 => {}
        (Some(o), Some(x)) => {
            map = parent.map.group(o, x);
            // The group blends with one backdrop colour; over a gradient there are many.
            if gradient.take().is_some() {
                group_unknown = group_unknown.or(Some(Uncertain::BackgroundImage));
            }
        }
        // A translucent group over an unknown backdrop.
        (Some(_), None) => {
            group_unknown = group_unknown
                .or(parent.uncertain)
                .or(Some(Uncertain::UnknownValue("background-color")))
        }
        (None, _) => group_unknown = group_unknown.or(Some(Uncertain::UnknownValue("opacity"))),
    }
    // Filtered or blended, the element and everything in it are painted in colours the
    // computed values do not tell.
    match f.filtered {
        Some(false) => {}
        Some(true) => group_unknown = group_unknown.or(Some(Uncertain::Filtered)),
        None => group_unknown = group_unknown.or(Some(Uncertain::UnknownValue("filter"))),
    }
    let out_of_flow = f.out_of_flow;
    let image = f.image;
    match f.background {
        Some(Some(bg)) if bg.is_opaque() => {
            // An opaque background hides whatever was uncertain behind it.
            backdrop = Some(bg);
            uncertain = None;
            gradient = None;
        }
        Some(Some(bg)) => {
            backdrop = backdrop.map(|x| composite(bg, x));
            if out_of_flow {
                uncertain = uncertain.or(Some(Uncertain::OutOfFlow));
                gradient = None;
            } else if let Some(colours) = &gradient {
                gradient = Some(colours.iter().map(|x| composite(bg, *x)).collect());
            }
        }
        _ => {
            backdrop = None;
            uncertain = uncertain.or(Some(Uncertain::UnknownValue("background-color")));
            gradient = None;
        }
    }
    // A translucent group that leaves the flow is blended with an unknown backdrop.
    if out_of_flow && opacity.is_some_and(|o| o < 1.0) {
        group_unknown = group_unknown.or(Some(Uncertain::OutOfFlow));
    }
    match image {
        Some(true) => {
            // Known so far: a flat colour, or gradients already listed.
            let below: Option<Vec<Rgba>> = match (uncertain, &gradient, backdrop) {
                (None, _, Some(b)) => Some(vec![b]),
                (Some(Uncertain::BackgroundImage), Some(colours), Some(_)) => {
                    Some(colours.to_vec())
                }
                _ => None,
            };
            gradient = match (below, &f.gradient) {
                (Some(below), Some(stops)) if below.len() * stops.len() <= MAX_GRADIENT_COLOURS => {
                    let mut all = below.clone();
                    for b in &below {
                        all.extend(stops.iter().map(|s| composite(*s, *b)));
                    }
                    Some(all.into())
                }
                _ => None,
            };
            uncertain = Some(Uncertain::BackgroundImage);
        }
        Some(false) => {}
        None => {
            uncertain = uncertain.or(Some(Uncertain::UnknownValue("background-image")));
            gradient = None;
        }
    }
    Paint {
        hidden,
        visibility_hidden: f.visibility_hidden,
        backdrop,
        map,
        uncertain,
        group_unknown,
        hides_children: f.hides_children,
        gradient,
    }
}

/// Gradients nested in gradients multiply their colours: past this many, unknown.
const MAX_GRADIENT_COLOURS: usize = 4096;

/// `clip: rect(…)` or `clip-path` that leaves at most a 1px box, or the 1×1 px
/// `overflow: hidden` box of "visually hidden" utility classes.
fn is_clipped_away(style: &Style) -> bool {
    let positioned = style.is_out_of_flow();
    if positioned
        && let Some(clip) = style.get(css::CLIP)
        && let Some(inner) = clip.strip_prefix("rect(").and_then(|c| c.strip_suffix(')'))
    {
        let v: Vec<Option<f64>> = inner
            .split([',', ' '])
            .filter(|s| !s.is_empty())
            .map(|s| {
                if s == "auto" {
                    None
                } else {
                    parse_px(s).or_else(|| (s == "0").then_some(0.0))
                }
            })
            .collect();
        if let [Some(top), Some(right), Some(bottom), Some(left)] = v[..]
            && (bottom - top <= 1.0 || right - left <= 1.0)
        {
            return true;
        }
    }
    if let Some(path) = style.get(css::CLIP_PATH) {
        let p = path.replace(' ', "");
        if p == "inset(50%)" || p == "inset(100%)" || p.starts_with("circle(0") {
            return true;
        }
    }
    let overflow_hidden = matches!(style.get(css::OVERFLOW_X), Some("hidden" | "clip"))
        && matches!(style.get(css::OVERFLOW_Y), Some("hidden" | "clip"));
    let tiny = |p| style.px(p).is_some_and(|v| v <= 1.0);
    overflow_hidden && (tiny(css::WIDTH) || tiny(css::HEIGHT))
}

/// How far outside the page a positioned box must be to count as moved off-screen.
/// Portal "visually hidden" patterns use -999em, -9999px or -10000px.
pub const OFF_SCREEN_PX: f64 = -1000.0;

fn is_off_screen(style: &Style) -> bool {
    positioned_beyond(style, OFF_SCREEN_PX)
}

/// A positioned box moved at least `px` (negative) up or left by `top` or `left`.
fn positioned_beyond(style: &Style, px: f64) -> bool {
    style.is_out_of_flow()
        && (style.px(css::LEFT).is_some_and(|v| v <= px)
            || style.px(css::TOP).is_some_and(|v| v <= px))
}

/// How far up or left a positioned box may be moved, in a snapshot without layout, before
/// whether any of it is still on the page becomes a question of its size.
const MOVED_AWAY_PX: f64 = -100.0;

/// Whether the element's box is on the page, where it can be seen or scrolled to (the
/// "visible" of ACT, beside [`Paint::visible`]): with layout, `Some(false)` when its box
/// lies wholly above or left of the page's origin, where nobody can scroll. Without
/// layout, `None` when it or a flat-tree ancestor is positioned more than 100px up or
/// left (`top: -999px`: how much stays on the page depends on sizes only layout knows),
/// else `Some(true)`.
pub fn on_page(el: ElementRef) -> Option<bool> {
    if let Some(r) = el.rect() {
        return Some(r.x + r.width > 0.0 && r.y + r.height > 0.0);
    }
    let moved_away = |e: &ElementRef| {
        e.style()
            .is_some_and(|s| positioned_beyond(s, MOVED_AWAY_PX))
    };
    if moved_away(&el) || el.flat_ancestors().any(|a| moved_away(&a)) {
        None
    } else {
        Some(true)
    }
}

/// Whether this element's own text is hidden although the element is rendered
/// (`font-size: 0`, text pushed off-screen with `text-indent`).
pub fn text_hidden(style: &Style) -> bool {
    style.font_size() == Some(0.0)
        || style
            .px(css::TEXT_INDENT)
            .is_some_and(|v| v <= OFF_SCREEN_PX)
}

/// The flat-tree node ids of an element's own text (non-whitespace text children).
pub fn own_text(dom: &Dom, id: NodeId) -> String {
    let mut text = String::new();
    for child in dom.flat_children(id) {
        if let crate::dom::NodeData::Text { text: t } = &dom.node(child).data {
            text.push_str(t);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_group_opacity_blends_with_each_backdrop() {
        // Black text in two nested 50% groups over white: 25% black on white.
        let white = Rgba::WHITE;
        let outer = Affine::IDENTITY.group(0.5, white);
        let inner = outer.group(0.5, white);
        let text = inner.apply(Rgba::BLACK);
        assert!((text.r - 0.75).abs() < 1e-12);
        // A dark opaque background inside the outer group is itself blended.
        let bg = outer.apply(Rgba::BLACK);
        assert!((bg.r - 0.5).abs() < 1e-12);
    }

    #[test]
    fn display_contents_paints_nothing_whatever_else_is_known() {
        use crate::dom::{Node, NodeData};
        use crate::style::flat_tree_order;
        let element = |parent: u32, name: &str, style: &[(&str, &str)]| {
            let mut node = Node::new(
                Some(NodeId(parent)),
                NodeData::Element {
                    name: name.into(),
                    ns: Default::default(),
                    attrs: vec![],
                },
            );
            node.style = Some(style.iter().copied().collect());
            node
        };
        let full = [
            ("display", "block"),
            ("background-color", "rgb(0, 0, 0)"),
            ("background-image", "none"),
            ("opacity", "1"),
            ("filter", "none"),
            ("mix-blend-mode", "normal"),
        ];
        let nodes = vec![
            Node::new(None, NodeData::Document),
            element(0, "div", &full),
            // What a browser front-end knows of a box-less element: only its display.
            element(1, "slot", &[("display", "contents")]),
            element(
                2,
                "p",
                &[
                    ("display", "block"),
                    ("background-color", "rgba(0, 0, 0, 0)"),
                    ("background-image", "none"),
                    ("opacity", "1"),
                    ("filter", "none"),
                    ("mix-blend-mode", "normal"),
                ],
            ),
        ];
        let dom = Dom::from_nodes(nodes).unwrap();
        let paint = paint_all(&dom, &flat_tree_order(&dom));
        let p = paint[3].as_ref().unwrap();
        assert_eq!(p.why_unknown(), None);
        assert_eq!(p.screen_backdrop(), Some(Rgba::BLACK));
    }
}
