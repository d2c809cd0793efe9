//! The live Tab walk: real Tab key events from the top of the page, the deep focused
//! element after each, cycle and trap detection.

use std::collections::HashMap;
use std::time::Duration;

use portalscan_core::key_hints;
use portalscan_core::snapshot::{KeyboardTrap, KeyboardWalk, TabStop, TrapExit};

use super::remote::{self, Key};
use super::{WalkOptions, indicator, obscured};
use crate::cdp::{self, Conn};
use crate::{BackendNodeId, BrowserError, NodeMap};

/// From a focused element down to the deepest one: through open shadow roots, and into
/// the document of a frame this page may read (same origin) when focus is inside it. A
/// frame of another origin, or one whose document has focus on its body, stays the answer.
macro_rules! descend_js {
    () => {
        "const descend = (a) => { for (;;) { \
            while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement; \
            let d = null; \
            if (a && (a.localName === 'iframe' || a.localName === 'frame')) { try { d = a.contentDocument; } catch (e) {} } \
            const inner = d && d.activeElement; \
            if (!inner || inner === d.body || inner === d.documentElement) return a; \
            a = inner; } };"
    };
}

/// The deepest focused element (see `descend_js`), or null when focus is on the document
/// (body, html, nothing). Runs in our isolated world, so LWC synthetic shadow's
/// retargeted `activeElement` is not in the way.
const DEEP_ACTIVE: &str = concat!(
    "(() => { ",
    descend_js!(),
    " const a = descend(document.activeElement); \
    return (a === document.body || a === document.documentElement) ? null : a; })()"
);

/// The same from inside a (closed) shadow root.
const DEEP_ACTIVE_IN_ROOT: &str = concat!(
    "function() { ",
    descend_js!(),
    " return descend(this.activeElement); }"
);

/// An element focus is on: a remote object in our world, and its backend id.
pub(crate) struct Focused {
    pub object: String,
    pub backend: BackendNodeId,
    pub name: String,
}

impl Focused {
    /// Whether focus is on a frame element: the element focused is inside its document,
    /// which the walk could not read (or focus is moving through it).
    fn is_frame(&self) -> bool {
        matches!(self.name.as_str(), "IFRAME" | "FRAME")
    }
}

/// The deep focused element, through open roots in script and closed roots via DevTools
/// (which can resolve a closed `ShadowRoot` and read its `activeElement`).
pub(crate) fn deep_active(cx: &Conn, world: i64) -> Result<Option<Focused>, BrowserError> {
    let Some(mut object) = remote::eval_object(cx, Some(world), "reading the focus", DEEP_ACTIVE)?
    else {
        return Ok(None);
    };
    // Each step enters one closed root; the bound only guards against a broken page.
    for _ in 0..64 {
        let d = remote::describe(cx, &object)?;
        let inner = match d.shadow_roots.iter().find(|(_, mode)| mode == "closed") {
            Some((root, _)) => match remote::resolve(cx, world, *root)? {
                Some(root) => remote::call_on_object(
                    cx,
                    &root,
                    "reading the focus in a closed shadow root",
                    DEEP_ACTIVE_IN_ROOT,
                )?,
                None => None,
            },
            None => None,
        };
        match inner {
            Some(inner) => object = inner,
            None => {
                return Ok(Some(Focused {
                    object,
                    backend: d.backend,
                    name: d.name,
                }));
            }
        }
    }
    Err(BrowserError::Protocol(
        "reading the focus: shadow roots nested too deep".into(),
    ))
}

/// What the walk saw, with the counts the caller may log.
#[derive(Clone, Debug, Default)]
pub struct WalkReport {
    pub walk: KeyboardWalk,
    /// Keys pressed in all.
    pub presses: u32,
    /// Stops whose element is not in the snapshot (the page added it after capture); they
    /// are left out of `walk.stops`.
    pub unmapped: u32,
    /// Whether the calls went over our own DevTools connection (fast) rather than the tab's.
    pub direct: bool,
    /// Why the walk ended early, if it did (it is then neither `cycled` nor `truncated`).
    pub interrupted: Option<&'static str>,
}

/// How a suspected trap ended.
enum TrapCheck {
    /// The standard keys tried, and the page's advertised keys pressed (see
    /// [`Walker::try_advertised`]).
    Trapped(Vec<String>, Vec<TrapExit>),
    /// Shift+Tab left the cycle: not a trap, but Tab cannot get past it either.
    FreedBackwards,
    /// Escape (or Escape then Tab) left the cycle, e.g. a modal closed.
    FreedByEscape(Option<Focused>),
}

struct Walker<'a> {
    cx: &'a Conn<'a>,
    world: i64,
    presses: u32,
    /// Whether the page has frames (`window.length`, shadow trees included): only then
    /// can focus be between renderers.
    has_frames: bool,
    /// Whether the page was seen moving focus on its own (see [`Walker::settle`]).
    async_focus: bool,
}

/// How long focus must stay put, on a page that moves it on its own, to count as settled
/// (a blur handler's `setTimeout(() => this.focus(), 10)` fires well within it).
const SETTLE_PAUSE: Duration = Duration::from_millis(40);
const SETTLE_READS: u32 = 5;

/// How often, and how far apart, focus is read again while it may be between frames.
const TRANSIT_READS: u32 = 10;
const TRANSIT_PAUSE: Duration = Duration::from_millis(30);

/// Whether focus may still be moving: on a frame element (Tab into or out of a frame of
/// another process hops between renderers, and for a moment the frame element holds focus
/// with nothing focused inside it) or on the document itself (between two frames).
fn in_transit(focus: &Option<Focused>) -> bool {
    focus.as_ref().is_none_or(Focused::is_frame)
}

impl Walker<'_> {
    fn press(&mut self, key: Key) -> Result<Option<Focused>, BrowserError> {
        remote::press(self.cx, key)?;
        self.presses += 1;
        let mut focus = deep_active(self.cx, self.world)?;
        // Read again until focus rests somewhere else, or has stayed put for the while.
        for _ in 0..TRANSIT_READS {
            if !self.has_frames || !in_transit(&focus) {
                break;
            }
            std::thread::sleep(TRANSIT_PAUSE);
            let again = deep_active(self.cx, self.world)?;
            let same = match (&focus, &again) {
                (Some(a), Some(b)) => a.backend == b.backend,
                (None, None) => true,
                _ => false,
            };
            if !same {
                focus = again;
            }
        }
        if self.async_focus {
            let backend = focus.as_ref().map(|f| f.backend);
            focus = self.settle(backend)?;
        }
        Ok(focus)
    }

    /// Reads the focus again after [`SETTLE_PAUSE`] until it stays where it was (`seen`:
    /// the last reading), at most [`SETTLE_READS`] times.
    fn settle(&mut self, mut seen: Option<BackendNodeId>) -> Result<Option<Focused>, BrowserError> {
        let mut focus = None;
        for _ in 0..SETTLE_READS {
            std::thread::sleep(SETTLE_PAUSE);
            focus = deep_active(self.cx, self.world)?;
            let now = focus.as_ref().map(|f| f.backend);
            if now == seen {
                break;
            }
            seen = now;
        }
        Ok(focus)
    }

    fn trap_check(&mut self, cycle: &[BackendNodeId]) -> Result<TrapCheck, BrowserError> {
        let outside = |f: &Option<Focused>| f.as_ref().is_none_or(|f| !cycle.contains(&f.backend));
        let mut keys = vec![Key::Tab.label().to_string()];
        keys.push(Key::ShiftTab.label().into());
        if outside(&self.press(Key::ShiftTab)?) {
            return Ok(TrapCheck::FreedBackwards);
        }
        keys.push(Key::Escape.label().into());
        let after = self.press(Key::Escape)?;
        if outside(&after) {
            return Ok(TrapCheck::FreedByEscape(after));
        }
        // Some widgets (editors that take Tab) let go on Escape followed by Tab.
        let after = self.press(Key::Tab)?;
        if outside(&after) {
            return Ok(TrapCheck::FreedByEscape(after));
        }
        let advertised = self.try_advertised(&outside)?;
        Ok(TrapCheck::Trapped(keys, advertised))
    }

    /// Presses, from inside a trap, each key combination the page's visible text names
    /// ("Press Ctrl+M to exit"), until one gets focus out: WCAG 2.1.2 allows a trap whose
    /// way out is not a standard key when users are told which one. Read from the
    /// document's `innerText`, so hidden instructions tell nobody and do not count.
    fn try_advertised(
        &mut self,
        outside: &dyn Fn(&Option<Focused>) -> bool,
    ) -> Result<Vec<TrapExit>, BrowserError> {
        let text = remote::eval_value(
            self.cx,
            Some(self.world),
            "reading the page's instructions",
            "(document.body || document.documentElement).innerText.slice(0, 100000)",
        )?;
        let combos = key_hints::advertised_key_combos(text.as_str().unwrap_or(""));
        let mut exits = Vec::new();
        for combo in combos {
            remote::press_combo(self.cx, &combo)?;
            self.presses += 1;
            let focus = self.settle(None)?;
            let freed = outside(&focus);
            exits.push(TrapExit {
                keys: combo.label(),
                freed,
            });
            if freed {
                break;
            }
        }
        Ok(exits)
    }
}

/// Puts focus at the top of the document, so the first Tab goes to the first element in
/// order. Chromium keeps a blurred element as the starting point of sequential navigation,
/// and only focus or a click moves it; so a scratch element (`tabindex=1`, before
/// everything else, so positive tab indexes still come first) takes focus. The caller
/// removes it after the first Tab: the walk's only DOM change, undone at once.
fn start_at_top(cx: &Conn, world: i64) -> Result<Option<String>, BrowserError> {
    if let Some(f) = deep_active(cx, world)? {
        remote::call_on_value(
            cx,
            &f.object,
            "blurring",
            "function() { this.blur(); }",
            &[],
        )?;
    }
    focus_scratch(cx, world, Scratch::First)
}

/// Puts focus at the end of the document, so the first Shift+Tab goes to the last element
/// in order: a scratch element (`tabindex=0`, after everything else) takes focus. The
/// caller removes it after the first Shift+Tab.
fn start_at_bottom(cx: &Conn, world: i64) -> Result<Option<String>, BrowserError> {
    focus_scratch(cx, world, Scratch::Last)
}

/// Where a scratch start point goes in the Tab order.
enum Scratch {
    /// `tabindex=1` before everything else: before every other element, positive tab
    /// indexes included.
    First,
    /// `tabindex=0` after everything else: after every other element.
    Last,
}

/// Adds a scratch span at `place` and focuses it, without scrolling the page.
fn focus_scratch(cx: &Conn, world: i64, place: Scratch) -> Result<Option<String>, BrowserError> {
    let (what, tab_index, insert) = match place {
        Scratch::First => (
            "resetting the focus",
            1,
            "top.insertBefore(s, top.firstChild)",
        ),
        Scratch::Last => ("moving focus to the end", 0, "top.appendChild(s)"),
    };
    remote::eval_object(
        cx,
        Some(world),
        what,
        &format!(
            "(() => {{ const top = document.body || document.documentElement; \
            const s = document.createElement('span'); s.tabIndex = {tab_index}; \
            const x = scrollX, y = scrollY; \
            {insert}; s.focus({{ preventScroll: true }}); \
            if (scrollX !== x || scrollY !== y) scrollTo(x, y); return s; }})()"
        ),
    )
}

fn remove_scratch(cx: &Conn, scratch: &str) -> Result<(), BrowserError> {
    remote::call_on_value(
        cx,
        scratch,
        "removing the start point",
        "function() { this.remove(); }",
        &[],
    )?;
    Ok(())
}

pub(crate) fn walk(
    cx: &Conn,
    map: &NodeMap,
    opts: &WalkOptions,
) -> Result<WalkReport, BrowserError> {
    // With several tabs only one has the window's focus; the others ignore key events for
    // focus and never match :focus-visible. Focus emulation makes each tab act focused.
    cdp::call(
        cx,
        "emulating page focus",
        cdp::SetFocusEmulation(serde_json::json!({"enabled": true})),
    )?;
    let world = remote::isolated_world(cx)?;
    let result = walk_in(cx, world, map, opts);
    remote::release(cx);
    result
}

fn walk_in(
    cx: &Conn,
    world: i64,
    map: &NodeMap,
    opts: &WalkOptions,
) -> Result<WalkReport, BrowserError> {
    let mut scratch = start_at_top(cx, world)?;
    let has_frames = remote::eval_value(cx, Some(world), "counting frames", "window.length > 0")?
        .as_bool()
        .unwrap_or(true);
    let mut walker = Walker {
        cx,
        world,
        presses: 0,
        has_frames,
        async_focus: false,
    };
    // Stops in first-visit order, by backend id.
    let mut stops: Vec<(BackendNodeId, TabStop)> = Vec::new();
    let mut first_visit: HashMap<BackendNodeId, usize> = HashMap::new();
    let mut unmapped = 0;
    // Elements focused since the walk (re)started; a repeat within it is a cycle.
    let mut epoch: Vec<BackendNodeId> = Vec::new();
    let mut walk = KeyboardWalk::default();
    let mut empty_presses = 0;
    let mut arrived: Option<Option<Focused>> = None;
    let mut interrupted: Option<&'static str> = None;
    // Tab, until a cycle that Shift+Tab leaves turns the walk round (see FreedBackwards).
    let mut key = Key::Tab;
    let mut backwards = false;
    let mut backward_from = 0;
    // The last press was repeated because Tab landed where it started (see `repeated`).
    let mut retabbed = false;
    loop {
        let focus = match arrived.take() {
            Some(f) => f,
            None => {
                if walker.presses >= opts.max_presses {
                    walk.truncated = true;
                    break;
                }
                let focus = walker.press(key)?;
                if let Some(s) = scratch.take() {
                    remove_scratch(cx, &s)?;
                }
                focus
            }
        };
        let Some(focus) = focus else {
            // Focus went back to the document: after stops, the cycle is complete.
            if !epoch.is_empty() || backwards {
                walk.cycled = true;
                break;
            }
            empty_presses += 1;
            if empty_presses >= 2 {
                // Two Tabs and nothing took focus: nothing on the page is in the order.
                walk.cycled = true;
                break;
            }
            continue;
        };
        let last = epoch.last().copied();
        // Focus is in the document of a frame we cannot read (another origin's): the
        // <iframe> here only holds it, and stays the focused element while Tab moves
        // inside that frame. (In a same-origin frame the focused element inside is read.)
        let in_frame = focus.is_frame();
        let same_frame = last == Some(focus.backend) && in_frame;
        if same_frame {
            continue;
        }
        // Tab landing on the stop it left: either the element takes focus back whenever
        // it loses it, or a timer the page set off (our own measurement's blur runs the
        // page's blur handlers) had moved focus one step back before the press. Once, wait
        // for the page to settle (and from now on after every press) and Tab again; a
        // second time it is real.
        let repeated = !backwards && last == Some(focus.backend);
        if repeated && !retabbed {
            retabbed = true;
            walker.async_focus = true;
            walker.settle(Some(focus.backend))?;
            continue;
        }
        retabbed = false;
        if backwards && first_visit.contains_key(&focus.backend) {
            // Going backwards, focus met the part of the order already walked: every
            // stop has now been seen from one end or the other.
            walk.cycled = true;
            break;
        }
        if let Some(start) = epoch.iter().position(|b| *b == focus.backend) {
            let cycle = epoch[start..].to_vec();
            match walker.trap_check(&cycle)? {
                TrapCheck::Trapped(keys, advertised) => {
                    let nodes = cycle.iter().filter_map(|b| map.node(*b)).collect();
                    walk.trap = Some(KeyboardTrap {
                        nodes,
                        keys_tried: keys,
                        advertised,
                        advertised_tried: true,
                    });
                    break;
                }
                TrapCheck::FreedBackwards if !backwards => {
                    // Tab cannot get past this cycle (a focus sentinel wrapping round a
                    // dialog, say), but Shift+Tab leaves it: what lies beyond it in the
                    // order is walked from the end of the page, backwards.
                    backwards = true;
                    key = Key::ShiftTab;
                    backward_from = stops.len();
                    epoch.clear();
                    scratch = start_at_bottom(cx, world)?;
                    continue;
                }
                TrapCheck::FreedBackwards => break,
                TrapCheck::FreedByEscape(f) => {
                    // The page changed (a dialog closed): walk on from where focus went.
                    epoch.clear();
                    arrived = Some(f);
                    continue;
                }
            }
        }
        epoch.push(focus.backend);
        if first_visit.contains_key(&focus.backend) {
            continue;
        }
        let Some(node) = map.node(focus.backend) else {
            unmapped += 1;
            first_visit.insert(focus.backend, usize::MAX);
            continue;
        };
        // Measure right after Tab: the browser has scrolled the element into view. Not a
        // frame stop: the <iframe>'s box and style say nothing about the element focused
        // inside it, and focusing it again to measure would move focus out of the frame;
        // both stay unknown (the rules answer review) and the walk goes on.
        let covered = if in_frame {
            None
        } else {
            obscured::measure(cx, world, &focus, map)?
        };
        let mut indicator = None;
        if opts.measure_indicator && !in_frame {
            let measured = indicator::measure(cx, world, &focus, opts.indicator_margin_px)?;
            indicator = measured.indicator;
            if !measured.refocused {
                interrupted =
                    Some("the page moved focus away while the focus indicator was measured");
            } else if measured.page_moved_focus {
                // The page moves focus on its own, perhaps on a timer after a blur: from
                // now on each key press waits for focus to settle. Where focus went after
                // this Tab is read again once it has.
                walker.async_focus = true;
                let settled = walker.settle(Some(focus.backend))?;
                if settled.as_ref().map(|f| f.backend) != Some(focus.backend) {
                    arrived = Some(settled);
                    // Focus only passed through this element.
                    continue;
                }
            }
        }
        first_visit.insert(focus.backend, stops.len());
        stops.push((
            focus.backend,
            TabStop {
                node,
                indicator,
                obscured: covered,
            },
        ));
        if interrupted.is_some() {
            // Later stops would be guesses: end here, neither cycled nor truncated.
            break;
        }
    }
    if let Some(s) = scratch {
        remove_scratch(cx, &s)?;
    }
    // Stops found backwards are in reverse Tab order.
    if backwards {
        stops[backward_from..].reverse();
    }
    walk.stops = stops.into_iter().map(|(_, s)| s).collect();
    Ok(WalkReport {
        walk,
        presses: walker.presses,
        unmapped,
        direct: cx.is_direct(),
        interrupted,
    })
}
