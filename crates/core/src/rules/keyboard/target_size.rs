//! WCAG 2.5.8 Target Size (Minimum): pointer targets are at least 24×24 CSS pixels, or
//! spaced so that a 24px circle centred on each small target touches no other target or
//! circle; targets inside a sentence are exempt.

use crate::css;
use std::collections::HashMap;

use crate::dom::{ElementRef, NodeId};
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};
use crate::style::Rect;

static META: RuleMeta = RuleMeta {
    id: "target-size",
    title: "Pointer targets are at least 24 by 24 CSS pixels, or well spaced",
    category: Category::Accessibility,
    wcag: &["2.5.8"],
    act: &[],
    help: "Make buttons, links, icons and form controls at least 24×24 CSS pixels (padding \
           counts; a wrapping <label> counts for its field), or keep small targets far enough \
           apart that a 24px circle centred on each does not touch another target. Patients \
           with tremor or limited dexterity otherwise hit the wrong control, e.g. \"Cancel \
           appointment\" next to \"Reschedule\". Links inside a sentence are exempt.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        // A link in running text is exempt, whatever its size.
        Example::pass("<p>Read the <a href=\"/privacy\">privacy notice</a> before you sign.</p>"),
        // No layout in a static scan: the sizes cannot be measured.
        Example::review("<button>×</button>"),
        Example::inapplicable("<p>No controls</p>"),
        // Browser layout: two 16px icon buttons side by side.
        Example::fail(
            "<button id=edit aria-label=Edit>✎</button><button id=del aria-label=Delete>×</button>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#edit":{"rect":{"x":300,"y":120,"width":16,"height":16}},
                "#del":{"rect":{"x":318,"y":120,"width":16,"height":16}}}}"##,
        ),
        // The same buttons 40px apart: their 24px circles do not meet (spacing exception).
        Example::pass(
            "<button id=edit aria-label=Edit>✎</button><button id=del aria-label=Delete>×</button>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#edit":{"rect":{"x":300,"y":120,"width":16,"height":16}},
                "#del":{"rect":{"x":340,"y":120,"width":16,"height":16}}}}"##,
        ),
        // A 14px-high link in a sentence, right next to another: the inline exception.
        Example::pass(
            "<p>Read the <a id=privacy href=/privacy>privacy notice</a> and \
             <a id=terms href=/terms>terms</a> before you sign.</p>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#privacy":{"rect":{"x":64,"y":200,"width":92,"height":14}},
                "#terms":{"rect":{"x":184,"y":200,"width":40,"height":14}}}}"##,
        ),
    ],
};

/// The minimum size and the spacing circle's diameter, in CSS pixels.
const MIN: f64 = 24.0;
/// Sub-pixel layout rounds 24px boxes to e.g. 23.99.
const EPSILON: f64 = 0.05;

struct Target {
    node: NodeId,
    rect: Rect,
}

crate::rule!(TargetSize = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let mut measured: Vec<Target> = Vec::new();
    let mut unmeasured: Vec<NodeId> = Vec::new();
    let has_layout = cx.snapshot.has_layout();
    for element in cx.dom.elements() {
        if !is_target(cx, element) {
            continue;
        }
        if is_inline_in_text(cx, element) {
            sink.pass(element.id);
            continue;
        }
        match target_rect(cx, element) {
            Some(rect) if rect.width > 0.0 && rect.height > 0.0 => measured.push(Target {
                node: element.id,
                rect,
            }),
            // A zero-size box cannot be hit; it is not a target on screen.
            Some(_) => {}
            // With layout, an element without a box has nothing to hit (not rendered,
            // or `display: contents`: its children are the targets).
            None if has_layout => {}
            None => unmeasured.push(element.id),
        }
    }
    let grid = Grid::new(&measured);
    for (i, target) in measured.iter().enumerate() {
        let r = target.rect;
        if r.width >= MIN - EPSILON && r.height >= MIN - EPSILON {
            sink.pass(target.node);
            continue;
        }
        let crowded = grid
            .near(r)
            .any(|j| j != i && circle_conflicts(r, measured[j].rect));
        if !crowded {
            sink.pass(target.node);
            continue;
        }
        let message = format!(
            "This target is {:.0}×{:.0} CSS px and another target is within its 24px \
             spacing circle. Enlarge it to 24×24 or move it apart (unless an equivalent \
             control of sufficient size is on the page).",
            r.width, r.height
        );
        let ua_control = cx.dom.element(target.node).is_some_and(is_user_agent_sized);
        if ua_control {
            sink.review(
                target.node,
                format!(
                    "{message} Native checkboxes and radios at the browser's default size \
                     are exempt; check whether the author restyled it."
                ),
            );
        } else {
            sink.fail(target.node, message);
        }
    }
    if let Some(&first) = unmeasured.first() {
        sink.review(
            first,
            format!(
                "{} pointer target(s) on this page could not be measured (the snapshot has \
                 no layout). Scan with a browser front-end, or check that each is at least \
                 24×24 CSS px or well spaced.",
                unmeasured.len()
            ),
        );
    }
}

/// Elements that take pointer activation: links, form controls, `<summary>`, elements
/// with a widget role, and elements with an inline click handler. Disabled or
/// unrendered ones are not targets.
fn is_target(cx: &Context, el: ElementRef) -> bool {
    if !cx.a11y.is_rendered(el.id) || cx.a11y.is_disabled(el) {
        return false;
    }
    let native = el.is_html()
        && match el.name() {
            "a" => el.has_attr("href"),
            "button" | "select" | "textarea" => true,
            "input" => !el
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden")),
            "summary" => cx.a11y.is_focusable(el),
            _ => false,
        };
    if native {
        return true;
    }
    let widget = el
        .attr("role")
        .and_then(|_| cx.a11y.role(el))
        .is_some_and(crate::a11y::aria_data::is_widget_role);
    (widget && cx.a11y.is_focusable(el)) || el.has_attr("onclick")
}

/// An inline element (a link, typically) whose line box is shared with text: WCAG's
/// inline exception. Only the adjacent siblings are looked at, so a list of thousands of
/// links costs no more than one.
fn is_inline_in_text(cx: &Context, el: ElementRef) -> bool {
    let inline = match el.style().and_then(|s| s.get(css::DISPLAY)) {
        Some(display) => display.trim() == "inline",
        None => el.is("a") || el.is("span"),
    };
    if !inline {
        return false;
    }
    let is_text = |n: Option<NodeId>| n.is_some_and(|n| cx.dom.is_nonblank_text(n));
    is_text(cx.dom.prev_sibling(el.id)) || is_text(cx.dom.next_sibling(el.id))
}

/// The target's box; for a labelable control, united with its labels' boxes (clicking a
/// label activates its control, so the label is part of the target).
fn target_rect(cx: &Context, el: ElementRef) -> Option<Rect> {
    let mut rect = *el.rect()?;
    for label in cx.a11y.labels_of(el.id) {
        if let Some(l) = cx.dom.element(label).and_then(|l| l.rect().copied())
            && l.width > 0.0
            && l.height > 0.0
        {
            rect = rect.union(l);
        }
    }
    Some(rect)
}

/// Targets bucketed by the 24px cells their boxes cover, so the spacing check only looks
/// at targets near each small one. Boxes covering very many cells (page-wide overlays)
/// are kept apart and checked against everything.
struct Grid {
    cells: HashMap<(i64, i64), Vec<usize>>,
    huge: Vec<usize>,
}

const MAX_CELLS_PER_TARGET: i64 = 4096;

impl Grid {
    fn new(targets: &[Target]) -> Grid {
        let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        let mut huge = Vec::new();
        for (i, t) in targets.iter().enumerate() {
            let (x0, y0, x1, y1) = t.rect.cell_span(MIN);
            let columns = x1.saturating_sub(x0).saturating_add(1);
            let rows = y1.saturating_sub(y0).saturating_add(1);
            if columns.saturating_mul(rows) > MAX_CELLS_PER_TARGET {
                huge.push(i);
                continue;
            }
            for cx in x0..=x1 {
                for cy in y0..=y1 {
                    cells.entry((cx, cy)).or_default().push(i);
                }
            }
        }
        Grid { cells, huge }
    }

    /// Targets that may be within 24px of the centre of `small` (its circle, or the
    /// circle of another small target), each at most once.
    fn near(&self, small: Rect) -> impl Iterator<Item = usize> + '_ {
        let (x, y) = small.center();
        let reach = Rect {
            x: x - MIN,
            y: y - MIN,
            width: 2.0 * MIN,
            height: 2.0 * MIN,
        };
        let (x0, y0, x1, y1) = reach.cell_span(MIN);
        let mut found: Vec<usize> = Vec::new();
        for cx in x0..=x1 {
            for cy in y0..=y1 {
                if let Some(list) = self.cells.get(&(cx, cy)) {
                    found.extend(list);
                }
            }
        }
        found.sort_unstable();
        found.dedup();
        found.into_iter().chain(self.huge.iter().copied())
    }
}

/// Whether the 24px circle centred on the undersized target `small` intersects `other`'s
/// box, or `other`'s own circle when `other` is undersized too.
fn circle_conflicts(small: Rect, other: Rect) -> bool {
    let (cx, cy) = small.center();
    let radius = MIN / 2.0;
    // Distance from the circle's centre to the nearest point of the other box.
    let nx = cx.clamp(other.x, other.x + other.width);
    let ny = cy.clamp(other.y, other.y + other.height);
    if (cx - nx).hypot(cy - ny) < radius - EPSILON {
        return true;
    }
    let other_small = other.width < MIN - EPSILON || other.height < MIN - EPSILON;
    if other_small {
        let (ox, oy) = other.center();
        return (cx - ox).hypot(cy - oy) < MIN - EPSILON;
    }
    false
}

/// Native checkboxes and radios: their size is the browser's unless the author set it.
fn is_user_agent_sized(el: ElementRef) -> bool {
    el.is("input")
        && el.attr("type").is_some_and(|t| {
            let t = t.trim();
            t.eq_ignore_ascii_case("checkbox") || t.eq_ignore_ascii_case("radio")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dom::{Dom, Node, NodeData};
    use crate::engine::{RuleSelection, ScanOptions};
    use crate::finding::Outcome;
    use crate::snapshot::Snapshot;

    fn element(parent: u32, name: &str, attrs: &[(&str, &str)], rect: Option<Rect>) -> Node {
        let mut node = Node::new(
            Some(NodeId(parent)),
            NodeData::Element {
                name: name.into(),
                ns: Default::default(),
                attrs: attrs
                    .iter()
                    .map(|(n, v)| (n.to_string(), v.to_string()))
                    .collect(),
            },
        );
        node.rect = rect;
        node
    }

    fn rect(x: f64, y: f64, width: f64, height: f64) -> Option<Rect> {
        Some(Rect {
            x,
            y,
            width,
            height,
        })
    }

    /// Outcomes for two buttons with the given boxes (html and body laid out).
    fn outcomes(a: Option<Rect>, b: Option<Rect>) -> Vec<Outcome> {
        outcomes_in(rect(0.0, 0.0, 800.0, 600.0), a, b)
    }

    fn outcomes_in(page: Option<Rect>, a: Option<Rect>, b: Option<Rect>) -> Vec<Outcome> {
        let nodes = vec![
            Node::new(None, NodeData::Document),
            element(0, "html", &[], page),
            element(1, "body", &[], page),
            element(2, "button", &[], a),
            element(2, "button", &[], b),
        ];
        let snapshot = Snapshot::new("https://x/", "test", Dom::from_nodes(nodes).unwrap());
        crate::engine::scan(
            &snapshot,
            &ScanOptions {
                rules: RuleSelection::of(&[&TargetSize]),
                ..ScanOptions::with_passes()
            },
        )
        .into_iter()
        .map(|f| f.outcome)
        .collect()
    }

    #[test]
    fn large_targets_pass() {
        let got = outcomes(rect(0.0, 0.0, 24.0, 24.0), rect(24.0, 0.0, 44.0, 44.0));
        assert_eq!(got, vec![Outcome::Pass, Outcome::Pass]);
    }

    #[test]
    fn small_adjacent_targets_fail() {
        let got = outcomes(rect(0.0, 0.0, 16.0, 16.0), rect(18.0, 0.0, 16.0, 16.0));
        assert_eq!(got, vec![Outcome::Fail, Outcome::Fail]);
    }

    #[test]
    fn small_targets_with_spacing_pass() {
        // Centres 24px apart: the two 24px circles touch but do not overlap.
        let got = outcomes(rect(0.0, 0.0, 16.0, 16.0), rect(24.0, 0.0, 16.0, 16.0));
        assert_eq!(got, vec![Outcome::Pass, Outcome::Pass]);
    }

    #[test]
    fn small_target_next_to_large_one_fails_only_itself() {
        // Small target's circle (centre 8,8, radius 12) reaches the large box at x=18.
        let got = outcomes(rect(0.0, 0.0, 16.0, 16.0), rect(18.0, 0.0, 40.0, 40.0));
        assert_eq!(got, vec![Outcome::Fail, Outcome::Pass]);
    }

    #[test]
    fn unmeasured_targets_give_one_review() {
        let got = outcomes_in(None, None, None);
        assert_eq!(got, vec![Outcome::Review]);
    }

    #[test]
    fn with_layout_a_target_without_a_box_is_not_on_screen() {
        // `display: contents` or not rendered: the browser gave it no box.
        let got = outcomes(None, rect(0.0, 0.0, 24.0, 24.0));
        assert_eq!(got, vec![Outcome::Pass]);
    }
}
