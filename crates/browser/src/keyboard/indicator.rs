//! Focus indicator (2.4.7): the element's box, grown by a margin, rendered focused (as Tab
//! left it) and unfocused, compared pixel by pixel.

use portalscan_core::color::{Rgba, contrast_ratio};
use portalscan_core::snapshot::FocusIndicator;
use serde_json::json;

use super::remote;
use super::walk::Focused;
use crate::BrowserError;
use crate::cdp::Conn;

/// Brings running CSS transitions (a focus ring that fades in, SLDS's 0.1–0.15 s border
/// and background transitions) to their end state at once: the rendering compared is the
/// one they end in, as if waited for, without the wait (crawl-bench's profile: waiting
/// took ~95 ms a stop on the fixture portal).
const SETTLE: &str = "const settle = () => { \
    for (const a of document.getAnimations()) \
        if (a instanceof CSSTransition && a.playState === 'running') try { a.finish(); } catch (_) {} };";

/// Hides the text caret (it blinks, which would look like a focus change), waits for
/// transitions and returns the clip in the top page's document px (an element in a
/// same-origin frame moved by its frames), its own window's scroll position and the inline
/// caret-color to put back; null when nothing of the element is in the viewport.
fn prepare_js() -> String {
    format!(
        "async function(margin) {{ {SETTLE} {TOP_BOX}
        const editable = this.isContentEditable || this.matches('textarea, input:not([type=button],[type=submit],[type=reset],[type=checkbox],[type=radio],[type=range],[type=color],[type=file],[type=image])');
        const s = editable ? this.style : null;
        const caret = s ? [this.hasAttribute('style'), s.getPropertyValue('caret-color'), s.getPropertyPriority('caret-color')] : null;
        if (s) s.setProperty('caret-color', 'transparent', 'important');
        // Tab selects a text field's value; its highlight is not the focus style.
        let sel = null;
        try {{ if (editable && this.selectionStart !== null) {{
            sel = [this.selectionStart, this.selectionEnd, this.selectionDirection];
            this.setSelectionRange(sel[1], sel[1]);
        }} }} catch (_) {{ sel = null; }}
        settle();
        const b = topBox(this, margin);
        if (!b) {{ return {{ clip: null, caret, sel }}; }}
        const [l, t, w, h, sx, sy] = b;
        return {{ clip: [Math.floor(l + sx), Math.floor(t + sy), Math.ceil(w), Math.ceil(h)],
                 scroll: [scrollX, scrollY], caret, sel }};
    }}",
        TOP_BOX = top_box_js!()
    )
}

/// Blurs the element without moving the page. Returns `[it had focus, it lost it]`:
/// false first when the page had already moved focus; false second when the page kept
/// focus on it.
fn blur_js() -> String {
    format!(
        "async function(scroll) {{ {SETTLE}
        const had = this.matches(':focus');
        // Focus already went elsewhere (the page moved it after the Tab): leave it there.
        if (!had) return [false, false];
        this.blur();
        if (scrollX !== scroll[0] || scrollY !== scroll[1]) scrollTo(scroll[0], scroll[1]);
        settle();
        return [had, !this.matches(':focus')];
    }}"
    )
}

/// Focuses the element again (the next Tab starts from it) and puts its caret back.
/// Returns `[focused before we focused it, focused now]`: focused before means the page
/// itself took focus back while we measured (a blur handler that refocuses, at once or
/// on a timer).
const REFOCUS: &str = "function(caret, scroll, sel, focus) {
    const before = this.matches(':focus');
    if (caret && this.style) {
        if (caret[1]) this.style.setProperty('caret-color', caret[1], caret[2]);
        else this.style.removeProperty('caret-color');
        if (!caret[0] && this.getAttribute('style') === '') this.removeAttribute('style');
    }
    if (!focus) return [before, before];
    this.focus({ preventScroll: true });
    if (sel) try { this.setSelectionRange(sel[0], sel[1], sel[2]); } catch (_) {}
    if (scroll && (scrollX !== scroll[0] || scrollY !== scroll[1])) scrollTo(scroll[0], scroll[1]);
    return [before, this.matches(':focus')];
}";

/// The comparison, and whether the element took focus back afterwards (a page may move
/// focus on blur; the walk cannot go on from the same place then).
pub(crate) struct Measured {
    pub indicator: Option<FocusIndicator>,
    pub refocused: bool,
    /// The page moved focus by itself while we measured: the element was not focused when
    /// we blurred it, or had focus again before we gave it back. Such a page may move
    /// focus some time after a key press too.
    pub page_moved_focus: bool,
}

pub(crate) fn measure(
    cx: &Conn,
    _world: i64,
    focus: &Focused,
    margin: f64,
) -> Result<Measured, BrowserError> {
    let prep = remote::call_on_value(
        cx,
        &focus.object,
        "preparing the focus indicator check",
        &prepare_js(),
        &[json!(margin)],
    )?;
    let caret = prep["caret"].clone();
    let selection = prep["sel"].clone();
    let scroll = prep["scroll"].clone();
    let clip = prep["clip"].as_array().and_then(|c| {
        let n: Vec<f64> = c.iter().filter_map(|v| v.as_f64()).collect();
        (n.len() == 4).then(|| (n[0], n[1], n[2], n[3]))
    });
    let mut result = None;
    let mut page_moved_focus = false;
    // The page had moved focus away before we blurred (a Tab's blur handler on a timer):
    // focus is left where the page put it, for the walk to read, and not taken back
    // (taking it back would blur that element and set off its handlers in turn).
    let mut moved_before_blur = false;
    if let Some(clip) = clip {
        let focused = remote::screenshot(cx, clip)?;
        let left = remote::call_on_value(
            cx,
            &focus.object,
            "blurring",
            &blur_js(),
            std::slice::from_ref(&scroll),
        )?;
        moved_before_blur = left[0].as_bool() == Some(false);
        page_moved_focus = moved_before_blur;
        if left[1].as_bool() == Some(true) {
            let unfocused = remote::screenshot(cx, clip)?;
            result = crate::profile::time("decoding and comparing the two screenshots", || {
                compare(&focused, &unfocused, margin)
            })?;
        }
    }
    let refocused = remote::call_on_value(
        cx,
        &focus.object,
        "focusing again",
        REFOCUS,
        &[caret, scroll, selection, json!(!moved_before_blur)],
    )?;
    let refocused_by_page = refocused[0].as_bool() == Some(true);
    // Left where the page put it: the walk reads where that is (see `page_moved_focus`).
    let refocused = moved_before_blur || refocused[1].as_bool() == Some(true);
    page_moved_focus |= refocused_by_page;
    Ok(Measured {
        // A page that changes the element on blur (so it cannot take focus back), or moved
        // focus itself while we measured, changed more than focus between the two
        // screenshots: unknown.
        indicator: result.filter(|_| refocused && !page_moved_focus),
        refocused,
        page_moved_focus,
    })
}

/// RGB pixels of a PNG screenshot.
pub(crate) fn decode(png_bytes: &[u8]) -> Result<(u32, u32, Vec<[u8; 3]>), BrowserError> {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder
        .read_info()
        .map_err(|e| BrowserError::protocol("decoding a screenshot", e))?;
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| BrowserError::Protocol("decoding a screenshot: too large".into()))?;
    let mut buf = vec![0; size];
    let info = reader
        .next_frame(&mut buf)
        .map_err(|e| BrowserError::protocol("decoding a screenshot", e))?;
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()]
        .chunks_exact(channels)
        .map(|p| match channels {
            1 | 2 => [p[0], p[0], p[0]],
            _ => [p[0], p[1], p[2]],
        })
        .collect();
    Ok((info.width, info.height, pixels))
}

/// Compares two renderings of the same region; `None` when they are not the same size.
pub(crate) fn compare(
    focused: &[u8],
    unfocused: &[u8],
    margin_px: f64,
) -> Result<Option<FocusIndicator>, BrowserError> {
    let (w1, h1, a) = decode(focused)?;
    let (w2, h2, b) = decode(unfocused)?;
    if (w1, h1) != (w2, h2) {
        return Ok(None);
    }
    let mut changed = 0u32;
    let mut max_contrast = 1.0f64;
    for (p, q) in a.iter().zip(&b) {
        if p != q {
            changed += 1;
            let ratio = contrast_ratio(
                Rgba::from_u8(p[0], p[1], p[2], 1.0),
                Rgba::from_u8(q[0], q[1], q[2], 1.0),
            );
            max_contrast = max_contrast.max(ratio);
        }
    }
    Ok(Some(FocusIndicator {
        margin_px,
        compared_pixels: w1 * h1,
        changed_pixels: changed,
        max_contrast,
    }))
}
