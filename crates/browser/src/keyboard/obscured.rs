//! Focus not obscured (2.4.11): once Tab has scrolled the element into view, which share of
//! its visible box has other content painted on top.

use std::collections::HashMap;

use portalscan_core::snapshot::Obscured;

use super::remote;
use super::walk::Focused;
use crate::cdp::Conn;
use crate::{BackendNodeId, BrowserError, NodeMap};

/// Samples per side of the grid of points tested inside the element's visible box.
const GRID: usize = 5;

/// The element's box in the top page's viewport px (an element in a same-origin frame
/// moved by its frames), cut to the viewport, and the top scroll offset; null when none of
/// it is inside.
const VISIBLE_BOX: &str = concat!("function() { ", top_box_js!(), " return topBox(this, 0); }");

/// Whether `hit` is the element, inside it or one of its ancestors, along the flat tree
/// (slots, shadow hosts, a frame's document to its frame element); otherwise it covers
/// the element.
const RELATION: &str = "function(hit) {
    const up = n => n.assignedSlot || n.parentNode || n.host
        || (n.nodeType === 9 && n.defaultView ? n.defaultView.frameElement : null) || null;
    for (let n = hit; n; n = up(n)) if (n === this) return 'own';
    for (let n = this; n; n = up(n)) if (n === hit) return 'own';
    return 'cover';
}";

/// The element a covering node belongs to (a text node's parent).
const AS_ELEMENT: &str = "function() {
    return this.nodeType === 1 ? this : (this.parentElement || (this.parentNode && this.parentNode.host) || null);
}";

pub(crate) fn measure(
    cx: &Conn,
    world: i64,
    focus: &Focused,
    map: &NodeMap,
) -> Result<Option<Obscured>, BrowserError> {
    let visible = remote::call_on_value(
        cx,
        &focus.object,
        "measuring the focused element",
        VISIBLE_BOX,
        &[],
    )?;
    let Some(b) = visible.as_array().filter(|b| b.len() == 6) else {
        return Ok(None);
    };
    let b: Vec<f64> = b.iter().map(|v| v.as_f64().unwrap_or(0.0)).collect();
    let (l, t, w, h) = (b[0], b[1], b[2], b[3]);
    // DOM.getNodeForLocation takes document coordinates (viewport point + scroll offset).
    let (sx, sy) = (b[4], b[5]);
    // What is on top at each sample, tested once per distinct node.
    let mut points = Vec::with_capacity(GRID * GRID);
    for i in 0..GRID {
        for j in 0..GRID {
            let x = l + (i as f64 + 0.5) * w / GRID as f64;
            let y = t + (j as f64 + 0.5) * h / GRID as f64;
            points.push(((x + sx).floor() as i64, (y + sy).floor() as i64));
        }
    }
    let mut hits: HashMap<Option<BackendNodeId>, u32> = HashMap::new();
    for hit in remote::nodes_at(cx, &points) {
        *hits.entry(hit).or_default() += 1;
    }
    let mut samples = 0;
    let mut covered = 0;
    let mut by: HashMap<BackendNodeId, u32> = HashMap::new();
    for (hit, count) in hits {
        let Some(hit) = hit else {
            continue; // nothing painted there at all: not a sample
        };
        if hit == focus.backend {
            samples += count;
            continue;
        }
        let Some(object) = remote::resolve(cx, world, hit)? else {
            continue; // another frame's node: not ours to judge
        };
        let relation = remote::call_with_objects(
            cx,
            &focus.object,
            "testing what covers focus",
            RELATION,
            &[&object],
        )?;
        samples += count;
        if relation.as_str() == Some("cover") {
            covered += count;
            if let Some(element) =
                remote::call_on_object(cx, &object, "finding the covering element", AS_ELEMENT)?
            {
                let backend = remote::describe(cx, &element)?.backend;
                *by.entry(backend).or_default() += count;
            }
        }
    }
    if samples == 0 {
        return Ok(None);
    }
    // The most frequent coverer (ties: the lower backend id, so the result is stable).
    let top = by
        .into_iter()
        .max_by_key(|(backend, n)| (*n, std::cmp::Reverse(*backend)))
        .and_then(|(backend, _)| map.node(backend));
    Ok(Some(Obscured {
        covered_fraction: covered as f64 / samples as f64,
        by: top,
    }))
}
