//! What the browser painted behind text over a background image
//! ([`portalscan_core::dom::TextBackdrop`]).
//!
//! A background image's colours are known only as pixels, and which part of a gradient
//! the text sits on only from layout. For each element whose own text has an image or a
//! gradient behind it (a `url()` or `…gradient()` background on it or on a flat-tree
//! ancestor in its document), every text on the page is made transparent (its shadow removed, transitions
//! off), the element is scrolled into view, and its text's line boxes are screenshotted:
//! what shows there is what the text is painted on. The page is then put back as it was
//! (styles removed, scroll restored). Pages without text over images cost nothing.
//!
//! Text in a closed shadow root keeps its colour (no style reaches it); its pixels then
//! count as backdrop, which can only make the measured contrast lower, never higher.

use portalscan_core::Dom;
use portalscan_core::css;
use portalscan_core::dom::{NodeId, TextBackdrop};
use serde_json::Value;

use crate::cdp::Conn;
use crate::keyboard::{indicator, remote};
use crate::{BrowserError, NodeMap};

/// Elements measured on one page at most (each is a scroll and a screenshot).
const MAX_ELEMENTS: usize = 24;
/// Strips measured per element at most.
const MAX_STRIPS: usize = 256;

/// Makes every text transparent in the document and its open shadow roots (styles marked
/// for removal), and returns the scroll position to restore.
const HIDE_TEXT: &str = "(() => {
    const css = '*, *::before, *::after, *::first-letter, *::first-line, *::marker, *::placeholder { \
        color: transparent !important; -webkit-text-fill-color: transparent !important; \
        text-shadow: none !important; text-decoration-color: transparent !important; \
        caret-color: transparent !important; transition: none !important; }';
    const stack = [document];
    while (stack.length) {
        const root = stack.pop();
        const style = document.createElement('style');
        style.setAttribute('data-portalscan-hide-text', '');
        style.textContent = css;
        (root === document ? (document.head || document.documentElement) : root).appendChild(style);
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) stack.push(el.shadowRoot);
    }
    return [scrollX, scrollY];
})()";

/// Undoes [`HIDE_TEXT`]; `%X`/`%Y` are the scroll position to restore.
const SHOW_TEXT: &str = "(() => {
    const stack = [document];
    while (stack.length) {
        const root = stack.pop();
        for (const el of root.querySelectorAll('*')) {
            if (el.localName === 'style' && el.hasAttribute('data-portalscan-hide-text')) el.remove();
            else if (el.shadowRoot) stack.push(el.shadowRoot);
        }
    }
    scrollTo(%X, %Y);
})()";

/// With `this` an element: scrolls it into view and returns its own text's line boxes in
/// document coordinates, `[x, y, width, height]` each; null when its text is not
/// transparent (a page's Content-Security-Policy may refuse the style): then its pixels
/// would show the text itself, and nothing is measured.
const LINE_BOXES: &str = "function() {
    if (getComputedStyle(this).color !== 'rgba(0, 0, 0, 0)') return null;
    this.scrollIntoView({ block: 'center', inline: 'nearest' });
    const out = [];
    for (let n = this.firstChild; n; n = n.nextSibling) {
        if (n.nodeType !== 3 || !n.data.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        for (const b of range.getClientRects()) {
            if (b.width >= 1 && b.height >= 1) out.push([b.left + scrollX, b.top + scrollY, b.width, b.height]);
        }
    }
    return out;
}";

/// Elements of the top document with their own visible text and an image or gradient
/// background under it, in document order, at most [`MAX_ELEMENTS`].
fn candidates(dom: &Dom) -> Vec<NodeId> {
    let has_image = |id: NodeId| {
        dom.element(id)
            .and_then(|e| e.style())
            .and_then(|s| s.get(css::BACKGROUND_IMAGE))
            .is_some_and(|v| v.contains("url(") || v.contains("gradient("))
    };
    let image_behind = |id: NodeId| {
        let mut at = Some(id);
        while let Some(el) = at {
            if has_image(el) {
                return true;
            }
            at = dom.flat_parent_element(el);
        }
        false
    };
    dom.elements()
        .filter(|e| dom.frame_owner(dom.document_of(e.id)).is_none())
        .filter(|e| e.rect().is_some_and(|r| r.width >= 1.0 && r.height >= 1.0))
        .filter(|e| {
            dom.flat_children(e.id)
                .into_iter()
                .any(|c| dom.is_nonblank_text(c))
        })
        .filter(|e| image_behind(e.id))
        .map(|e| e.id)
        .take(MAX_ELEMENTS)
        .collect()
}

/// Measures the backdrop of every candidate and sets it on its node; returns how many
/// were measured.
pub(crate) fn measure(cx: &Conn, dom: &mut Dom, map: &NodeMap) -> Result<usize, BrowserError> {
    let targets = candidates(dom);
    if targets.is_empty() {
        return Ok(0);
    }
    let world = remote::isolated_world(cx)?;
    let scroll = remote::eval_value(cx, Some(world), "hiding text", HIDE_TEXT)?;
    let measured = (|| {
        let mut measured = Vec::new();
        for node in targets {
            let Some(backend) = map.backend(node) else {
                continue;
            };
            let Some(object) = remote::resolve(cx, world, backend)? else {
                continue;
            };
            let lines =
                remote::call_with_objects(cx, &object, "finding text lines", LINE_BOXES, &[])?;
            let font_size = dom
                .element(node)
                .and_then(|e| e.style())
                .and_then(|s| s.font_size())
                .unwrap_or(16.0);
            if let Some(backdrop) = backdrop_of(cx, &lines, font_size)? {
                measured.push((node, backdrop));
            }
        }
        Ok::<_, BrowserError>(measured)
    })();
    let restore = SHOW_TEXT
        .replace("%X", &scroll[0].as_f64().unwrap_or(0.0).to_string())
        .replace("%Y", &scroll[1].as_f64().unwrap_or(0.0).to_string());
    let restored = remote::eval_value(cx, Some(world), "showing text again", &restore);
    remote::release(cx);
    let measured = measured?;
    restored?;
    let count = measured.len();
    for (node, backdrop) in measured {
        dom.node_mut(node).text_backdrop = Some(backdrop);
    }
    Ok(count)
}

/// Screenshots the line boxes (one shot of their bounding box) and cuts each line into
/// strips about half a letter wide.
fn backdrop_of(
    cx: &Conn,
    lines: &Value,
    font_size: f64,
) -> Result<Option<TextBackdrop>, BrowserError> {
    let lines: Vec<[f64; 4]> = lines
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|l| {
            let v: Vec<f64> = l.as_array()?.iter().filter_map(Value::as_f64).collect();
            (v.len() == 4).then(|| [v[0], v[1], v[2], v[3]])
        })
        .collect();
    if lines.is_empty() {
        return Ok(None);
    }
    let left = lines
        .iter()
        .map(|l| l[0])
        .fold(f64::INFINITY, f64::min)
        .floor();
    let top = lines
        .iter()
        .map(|l| l[1])
        .fold(f64::INFINITY, f64::min)
        .floor();
    let right = lines.iter().map(|l| l[0] + l[2]).fold(0.0, f64::max).ceil();
    let bottom = lines.iter().map(|l| l[1] + l[3]).fold(0.0, f64::max).ceil();
    let png = remote::screenshot(cx, (left, top, right - left, bottom - top))?;
    let (width, height, pixels) = indicator::decode(&png)?;
    // Device pixels per CSS pixel (1 in headless Chromium unless emulated otherwise).
    let scale = f64::from(width) / (right - left).max(1.0);
    let strip_width = (font_size / 2.0).max(3.0);
    let mut strips = Vec::new();
    for [x, y, w, h] in lines {
        let mut sx = x;
        while sx < x + w && strips.len() < MAX_STRIPS {
            let ex = (sx + strip_width).min(x + w);
            let px = |v: f64, max: u32| ((v * scale).round().max(0.0) as u32).min(max);
            let (x0, x1) = (px(sx - left, width), px(ex - left, width));
            let (y0, y1) = (px(y - top, height), px(y + h - top, height));
            if let Some(strip) = darkest_and_lightest(&pixels, width, x0..x1, y0..y1) {
                strips.push(strip);
            }
            sx = ex;
        }
    }
    Ok((!strips.is_empty()).then_some(TextBackdrop { strips }))
}

/// The darkest and lightest pixel (by relative luminance) of a region of an image.
fn darkest_and_lightest(
    pixels: &[[u8; 3]],
    width: u32,
    xs: std::ops::Range<u32>,
    ys: std::ops::Range<u32>,
) -> Option<[[u8; 3]; 2]> {
    use portalscan_core::color::{Rgba, relative_luminance};
    let luminance = |p: [u8; 3]| relative_luminance(Rgba::from_u8(p[0], p[1], p[2], 1.0));
    let mut extremes: Option<([u8; 3], f64, [u8; 3], f64)> = None;
    for y in ys {
        for x in xs.clone() {
            let Some(&p) = pixels.get((y * width + x) as usize) else {
                continue;
            };
            let l = luminance(p);
            extremes = Some(match extremes {
                None => (p, l, p, l),
                Some((d, dl, li, ll)) => (
                    if l < dl { p } else { d },
                    dl.min(l),
                    if l > ll { p } else { li },
                    ll.max(l),
                ),
            });
        }
    }
    extremes.map(|(d, _, l, _)| [d, l])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extremes_of_a_region() {
        // 3 × 2 image: the region is the right two columns.
        let pixels = [
            [255, 255, 255],
            [10, 10, 10],
            [200, 0, 0],
            [0, 0, 0],
            [120, 120, 120],
            [0, 200, 0],
        ];
        assert_eq!(
            darkest_and_lightest(&pixels, 3, 1..3, 0..2),
            Some([[10, 10, 10], [0, 200, 0]])
        );
        assert_eq!(darkest_and_lightest(&pixels, 3, 1..1, 0..2), None);
    }

    #[test]
    fn text_over_an_image_or_a_gradient_is_a_candidate() {
        let mut dom = portalscan_html::parse_dom(
            "<div id=hero><p id=over>Welcome</p></div><p id=plain>Plain</p><p id=fade>Fade</p>",
        );
        for id in dom.ids().collect::<Vec<_>>() {
            let Some(el) = dom.element(id) else { continue };
            let name = el.attr("id").unwrap_or("").to_string();
            let mut style = portalscan_core::style::Style::default();
            if name == "hero" {
                style.set("background-image", "url(\"http://127.0.0.1/hero.jpg\")");
            }
            if name == "fade" {
                style.set(
                    "background-image",
                    "linear-gradient(to right, rgb(255, 255, 255), rgb(0, 0, 255))",
                );
            }
            let node = dom.node_mut(id);
            node.style = Some(style);
            node.rect = Some(portalscan_core::style::Rect {
                x: 0.0,
                y: 0.0,
                width: 100.0,
                height: 20.0,
            });
        }
        let ids: Vec<_> = candidates(&dom)
            .into_iter()
            .filter_map(|n| {
                dom.element(n)
                    .and_then(|e| e.attr("id"))
                    .map(str::to_string)
            })
            .collect();
        assert_eq!(ids, ["over", "fade"]);
    }
}
