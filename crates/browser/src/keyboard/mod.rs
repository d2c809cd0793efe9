//! What only a live browser knows about keyboard use: the Tab walk (focus order, cycle,
//! traps), focus indicators, focus hidden under other content, pointer listeners, and
//! pages shown again by Back after logout.
//!
//! Invariants:
//! - Keys are real key events (`Input.dispatchKeyEvent`), never `element.focus()` in a
//!   loop: the order is the browser's sequential focus navigation.
//! - Reading the page happens in an isolated JavaScript world (same DOM, pristine
//!   prototypes), so LWC synthetic shadow's patched `activeElement`, `shadowRoot` and
//!   `querySelector` cannot hide or retarget anything; closed shadow roots are entered
//!   through DevTools, which can resolve them.
//! - Nodes are reported by `NodeId` through the capture's `NodeMap`: the walk must run right
//!   after the capture, on the same document. An element the page added since (not in the
//!   map) is left out of the stops and counted in `WalkReport::unmapped`.
//! - The page is left as found: measuring a focus indicator blurs and refocuses the
//!   element at the same scroll position (the next Tab continues from it), and the only
//!   DOM change is a transient inline `caret-color` on text fields while screenshots are
//!   taken.

/// JavaScript `frameView(win)`: where window `win`'s viewport sits in the top window's
/// (a same-origin frame's element is measured in its own window, but screenshots and hit
/// tests take the top page's coordinates), with the top viewport's size and scroll; null
/// when a frame on the way is another origin's. For the top window: zero offset.
macro_rules! frame_view_js {
    () => {
        "const frameView = (win) => { let x = 0, y = 0, w = win; try { \
            while (w !== w.top) { const f = w.frameElement; if (!f) return null; \
                const r = f.getBoundingClientRect(); x += r.left + f.clientLeft; y += r.top + f.clientTop; \
                w = w.parent; } \
            const de = w.document.documentElement; \
            return { x, y, vw: de.clientWidth, vh: de.clientHeight, sx: w.scrollX, sy: w.scrollY }; \
        } catch (e) { return null; } };"
    };
}

/// JavaScript `topBox(el, margin)`: the element's border box grown by `margin`, cut to its
/// own window's viewport, then moved into the top viewport and cut to it:
/// `[left, top, width, height, topScrollX, topScrollY]`, or null when none of it shows.
macro_rules! top_box_js {
    () => {
        concat!(
            frame_view_js!(),
            "const topBox = (el, margin) => { const v = frameView(el.ownerDocument.defaultView); \
                if (!v) return null; \
                const r = el.getBoundingClientRect(), own = el.ownerDocument.documentElement; \
                const l = Math.max(0, Math.max(0, r.left - margin) + v.x), t = Math.max(0, Math.max(0, r.top - margin) + v.y); \
                const right = Math.min(v.vw, Math.min(own.clientWidth, r.right + margin) + v.x); \
                const bottom = Math.min(v.vh, Math.min(own.clientHeight, r.bottom + margin) + v.y); \
                const w = right - l, h = bottom - t; \
                return (w >= 1 && h >= 1) ? [l, t, w, h, v.sx, v.sy] : null; };"
        )
    };
}

pub(crate) mod indicator;
mod modal;
mod obscured;
mod pointer;
pub(crate) mod remote;
mod restore;
mod walk;

use headless_chrome::Tab;
use portalscan_core::NodeId;
use portalscan_core::snapshot::KeyboardWalk;

pub use restore::restored_after_logout;
pub(crate) use restore::same_page;
pub use walk::WalkReport;

use crate::cdp::Conn;
use crate::{BrowserError, NodeMap};

/// How the Tab walk runs.
#[derive(Clone, Debug, PartialEq)]
pub struct WalkOptions {
    /// Keys pressed at most (Tab, and Shift+Tab/Escape when testing a trap); the walk is
    /// `truncated` when it stops here.
    pub max_presses: u32,
    /// How far around the element the indicator screenshots reach (outlines and rings
    /// are drawn outside the border box).
    pub indicator_margin_px: f64,
    /// Whether to compare focused and unfocused renderings (two screenshots per stop).
    pub measure_indicator: bool,
}

impl Default for WalkOptions {
    fn default() -> Self {
        WalkOptions {
            max_presses: 200,
            indicator_margin_px: 4.0,
            measure_indicator: true,
        }
    }
}

/// Records elements that get pointer listeners. Call before navigating: the script runs
/// in every new document before the page's own scripts.
pub fn install_pointer_hook(tab: &Tab) -> Result<(), BrowserError> {
    // Through the tab's own session: a script added over a connection of ours would be
    // dropped when that connection closes.
    pointer::install(&Conn::through_tab(tab))
}

/// Elements with a `click`, `mousedown`, `mouseup`, `pointerdown` or `pointerup` listener
/// now (from `addEventListener` and not removed since, an `on…` property, or an `on…`
/// attribute), in document order.
/// Needs [`install_pointer_hook`] before the page loaded.
pub fn pointer_handlers(tab: &Tab, map: &NodeMap) -> Result<Vec<NodeId>, BrowserError> {
    pointer::handlers(&Conn::open(tab), map)
}

/// Elements the browser shows modally (`:modal`), in the capture's `map`: the rest of
/// their document is inert (see [`portalscan_core::dom::Node::modal`]).
pub fn modal_elements(tab: &Tab, map: &NodeMap) -> Result<Vec<NodeId>, BrowserError> {
    modal::modal_elements(&Conn::open(tab), map)
}

/// Presses Tab from the top of the page until focus comes back round, a trap holds it,
/// or `max_presses` is reached.
pub fn tab_walk(
    tab: &Tab,
    map: &NodeMap,
    opts: &WalkOptions,
) -> Result<KeyboardWalk, BrowserError> {
    tab_walk_report(tab, map, opts).map(|r| r.walk)
}

/// [`tab_walk`] with the counts behind it (keys pressed, stops missing from the map).
pub fn tab_walk_report(
    tab: &Tab,
    map: &NodeMap,
    opts: &WalkOptions,
) -> Result<WalkReport, BrowserError> {
    walk::walk(&Conn::open(tab), map, opts)
}
