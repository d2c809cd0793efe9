//! Backgrounds painted under text by boxes that are not its ancestors (an absolutely
//! positioned band behind a heading, a card image under a caption), found with the
//! browser's layout facts: border boxes (`Node.rect`) and paint order (`Node.paint_order`).
//! Static snapshots have neither, and [`Layers::build`] returns `None`. A snapshot with
//! boxes but no paint order (the Wasm package: no page API tells paint order) still finds
//! the boxes overlapping a text, and says their colour behind it is unknown.
//!
//! For a text element, the layers that matter are the ones painted after its nearest
//! opaque background (its own or an ancestor's) and before it, that overlap its box. The
//! topmost ones decide what the text is read against: an opaque layer that covers the whole
//! box gives the backdrop colour; translucent layers are composited over what lies below;
//! a layer that covers only part of the box, or paints an image or gradient, makes the
//! colour unknowable (`review`).

use crate::css;
use std::collections::HashMap;

use super::{Affine, Paint, Uncertain};
use crate::color::{Rgba, composite};
use crate::dom::{Dom, NodeId};
use crate::style::{Rect, inheritance_parent};

/// A box that paints a background.
struct Layer {
    id: NodeId,
    rect: Rect,
    order: u32,
    /// One past its subtree in index order (to tell the text's descendants apart).
    end: usize,
    /// The background colour; `None` when not known, or not a flat colour on screen (the
    /// box is inside a translucent group).
    color: Option<Rgba>,
    image: bool,
}

/// Every background-painting box of a page with layout facts, bucketed on a grid.
pub struct Layers {
    layers: Vec<Layer>,
    /// One past each node's subtree in index order (shadow trees included).
    ends: Vec<usize>,
    cells: HashMap<(i64, i64), Vec<u32>>,
    /// Boxes too large to bucket (page-wide backgrounds): checked against every text.
    huge: Vec<u32>,
    /// Whether the snapshot has paint order (else `order` is 0 everywhere, and unused).
    ordered: bool,
}

const CELL: f64 = 64.0;
const MAX_CELLS: i64 = 1024;
/// Sub-pixel layout: boxes that touch or miss by this much do not overlap or cover.
const SLACK: f64 = 0.5;
/// How far up to look for the nearest opaque background (bounded for deep pages).
const FLOOR_SEARCH_DEPTH: usize = 256;

/// What the layers say about the colour behind a text.
pub enum Behind {
    /// No layer between the text and its nearest opaque background: the ancestors'
    /// composite (the static model) holds. `outside_flow_resolved`: the text's box lies
    /// within that background's box, so being positioned out of flow changes nothing.
    Ancestors { outside_flow_resolved: bool },
    /// The backdrop on screen, from layers.
    Color(Rgba),
    /// Not knowable: why.
    Unknown(String),
}

impl Layers {
    /// `None` when the snapshot has neither paint order nor boxes (no layout facts).
    pub fn build(dom: &Dom, paints: &[Option<Paint>]) -> Option<Layers> {
        let ordered = dom.elements().any(|e| e.node().paint_order.is_some());
        if !ordered && !dom.elements().any(|e| e.node().rect.is_some()) {
            return None;
        }
        let ends = subtree_ends(dom);
        let mut layers = Vec::new();
        for el in dom.elements() {
            let node = el.node();
            let (Some(rect), Some(style), Some(paint)) =
                (node.rect, el.style(), paints[el.id.index()].as_ref())
            else {
                continue;
            };
            let order = match node.paint_order {
                Some(order) => order,
                None if !ordered => 0,
                None => continue,
            };
            if rect.width <= 0.0 || rect.height <= 0.0 || !paint.visible() {
                continue;
            }
            let color = style.color(css::BACKGROUND_COLOR).and_then(Result::ok);
            let image = style
                .get(css::BACKGROUND_IMAGE)
                .is_some_and(|v| v.trim() != "none");
            let transparent = color.is_some_and(|c| c.a <= 0.0);
            if transparent && !image {
                continue;
            }
            let flat = paint.map == Affine::IDENTITY && paint.group_unknown.is_none();
            layers.push(Layer {
                id: el.id,
                rect,
                order,
                end: ends[el.id.index()],
                color: color.filter(|_| flat),
                image,
            });
        }
        let mut cells: HashMap<(i64, i64), Vec<u32>> = HashMap::new();
        let mut huge = Vec::new();
        for (i, l) in layers.iter().enumerate() {
            let (x0, y0, x1, y1) = l.rect.cell_span(CELL);
            if (x1 - x0 + 1).saturating_mul(y1 - y0 + 1) > MAX_CELLS {
                huge.push(i as u32);
                continue;
            }
            for x in x0..=x1 {
                for y in y0..=y1 {
                    cells.entry((x, y)).or_default().push(i as u32);
                }
            }
        }
        Some(Layers {
            layers,
            ends,
            cells,
            huge,
            ordered,
        })
    }

    /// What is painted behind the text of element `id` with paint facts `paint`.
    pub fn behind(&self, dom: &Dom, paints: &[Option<Paint>], id: NodeId, paint: &Paint) -> Behind {
        let end = self.ends[id.index()];
        // Not the text's ancestor (those are the static model's) or descendant.
        let unrelated = |l: &Layer| {
            !(l.id.index() <= id.index() && id.index() < l.end
                || id.index() < l.id.index() && l.id.index() < end)
        };
        let (rect, order) = text_box(dom, id);
        if !self.ordered
            && let Some(rect) = rect
        {
            // Boxes without paint order: an unrelated box over the text may paint over or
            // under it; which one is unknown, never guessed.
            let overlapped = self
                .near(rect)
                .map(|i| &self.layers[i as usize])
                .any(|l| l.rect.overlaps(rect, SLACK) && unrelated(l));
            if overlapped {
                return Behind::Unknown(
                    "another box overlaps the text, and which of them is painted on top is \
                     not known (no paint order)"
                        .into(),
                );
            }
        }
        let (Some(rect), Some(order), true) = (rect, order, self.ordered) else {
            return Behind::Ancestors {
                outside_flow_resolved: false,
            };
        };
        let floor = Floor::of(dom, paints, id);
        let mut under: Vec<&Layer> = self
            .near(rect)
            .map(|i| &self.layers[i as usize])
            .filter(|l| {
                l.order < order
                    && l.order > floor.order
                    && l.rect.overlaps(rect, SLACK)
                    && unrelated(l)
            })
            .collect();
        if under.is_empty() {
            let covered = floor.rect.is_none_or(|f| f.contains(rect, SLACK));
            return Behind::Ancestors {
                outside_flow_resolved: covered,
            };
        }
        if floor.translucent_above || paint.map != Affine::IDENTITY || paint.group_unknown.is_some()
        {
            return Behind::Unknown(
                "translucent backgrounds or group opacity are layered with another box painted \
                 behind the text"
                    .into(),
            );
        }
        under.sort_by_key(|l| l.order);
        let mut translucent: Vec<Rgba> = Vec::new();
        let mut base = None;
        for l in under.iter().rev() {
            if l.image {
                return Behind::Unknown(Uncertain::BackgroundImage.describe());
            }
            if !l.rect.contains(rect, SLACK) {
                return Behind::Unknown(
                    "another box (positioned over or under this one) paints a background \
                     behind only part of the text"
                        .into(),
                );
            }
            match l.color {
                None => {
                    return Behind::Unknown(
                        "the background of a box painted behind the text is not known".into(),
                    );
                }
                Some(c) if c.is_opaque() => {
                    base = Some(c);
                    break;
                }
                Some(c) => translucent.push(c),
            }
        }
        let base = match base {
            Some(c) => c,
            // Every layer is translucent: below them are the text's own backgrounds.
            None => match (paint.why_unknown(), paint.screen_backdrop()) {
                (None, Some(c)) => c,
                (Some(why), _) => return Behind::Unknown(why.describe()),
                (None, None) => {
                    return Behind::Unknown("the background colour is not known".into());
                }
            },
        };
        Behind::Color(
            translucent
                .iter()
                .rev()
                .fold(base, |acc, &c| composite(c, acc)),
        )
    }

    /// Layers whose cells the box touches (each once), and the huge ones.
    fn near(&self, r: Rect) -> impl Iterator<Item = u32> + '_ {
        let (x0, y0, x1, y1) = r.cell_span(CELL);
        let mut found: Vec<u32> = Vec::new();
        if (x1 - x0 + 1).saturating_mul(y1 - y0 + 1) > MAX_CELLS {
            found.extend(0..self.layers.len() as u32);
        } else {
            for x in x0..=x1 {
                for y in y0..=y1 {
                    if let Some(list) = self.cells.get(&(x, y)) {
                        found.extend(list);
                    }
                }
            }
            found.extend(&self.huge);
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter()
    }
}

/// The text's nearest opaque background (its own or an ancestor's).
struct Floor {
    /// Its paint order (0: the canvas).
    order: u32,
    /// Its box (`None`: the canvas, which is everywhere).
    rect: Option<Rect>,
    /// A translucent background between it and the text.
    translucent_above: bool,
}

impl Floor {
    fn of(dom: &Dom, paints: &[Option<Paint>], id: NodeId) -> Floor {
        let mut translucent_above = false;
        let mut at = Some(id);
        for _ in 0..FLOOR_SEARCH_DEPTH {
            let Some(cur) = at else { break };
            let el = dom
                .element(cur)
                .expect("ancestors of elements are elements");
            let bg = el
                .style()
                .and_then(|s| s.color(css::BACKGROUND_COLOR))
                .and_then(Result::ok);
            let flat = paints[cur.index()]
                .as_ref()
                .is_some_and(|p| p.map == Affine::IDENTITY);
            match bg {
                Some(c) if c.is_opaque() && flat => {
                    return Floor {
                        order: el.node().paint_order.unwrap_or(0),
                        rect: el.rect().copied(),
                        translucent_above,
                    };
                }
                Some(c) if c.a <= 0.0 => {}
                _ => translucent_above = true,
            }
            at = inheritance_parent(dom, cur);
        }
        Floor {
            order: 0,
            rect: None,
            translucent_above,
        }
    }
}

/// Where the element's own text is painted: the union of its text runs' boxes and the
/// earliest run's paint order when the front-end laid out text nodes (a block's text is
/// painted after the backgrounds of blocks that follow it, and is narrower than the
/// block), else the element's own box and paint order.
fn text_box(dom: &Dom, id: NodeId) -> (Option<Rect>, Option<u32>) {
    let mut rect: Option<Rect> = None;
    let mut order: Option<u32> = None;
    for child in dom.flat_children(id) {
        let node = dom.node(child);
        if !matches!(node.data, crate::dom::NodeData::Text { .. }) {
            continue;
        }
        if let Some(r) = node.rect.filter(|r| r.width > 0.0 && r.height > 0.0) {
            rect = Some(rect.map_or(r, |u| u.union(r)));
        }
        if let Some(o) = node.paint_order {
            order = Some(order.map_or(o, |m| m.min(o)));
        }
    }
    let node = dom.node(id);
    (rect.or(node.rect), order.or(node.paint_order))
}

/// [`Dom::subtree_end`] of every node in one reverse pass (parents come before children).
fn subtree_ends(dom: &Dom) -> Vec<usize> {
    let mut ends: Vec<usize> = (1..=dom.len()).collect();
    for i in (1..dom.len()).rev() {
        if let Some(p) = dom.parent(NodeId(i as u32)) {
            ends[p.index()] = ends[p.index()].max(ends[i]);
        }
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{Node, NodeData};

    #[test]
    fn subtree_ends_match_the_dom() {
        let el = |parent: u32, name: &str| {
            Node::new(
                Some(NodeId(parent)),
                NodeData::Element {
                    name: name.into(),
                    ns: Default::default(),
                    attrs: vec![],
                },
            )
        };
        let nodes = vec![
            Node::new(None, NodeData::Document),
            el(0, "html"),
            el(1, "body"),
            el(2, "div"),
            Node::new(
                Some(NodeId(3)),
                NodeData::ShadowRoot {
                    mode: crate::dom::ShadowMode::Open,
                },
            ),
            el(4, "p"),
            el(3, "span"),
            el(2, "footer"),
        ];
        let dom = Dom::from_nodes(nodes).unwrap();
        let ends = subtree_ends(&dom);
        for id in dom.ids() {
            assert_eq!(ends[id.index()], dom.subtree_end(id), "node {}", id.0);
        }
    }
}
