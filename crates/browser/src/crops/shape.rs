//! Where a crop is cut, from what the page measured: a pure function of boxes, so the
//! shapes are tested without a browser.
//!
//! Three shapes (issue 17): an element with enough page around it to see where it is
//! (a 16 px icon alone tells nothing), an element inside a dialog with the whole dialog
//! (scaled down when large), and every crop inside the viewport (the screenshot is taken
//! without `captureBeyondViewport`, which would relayout fixed dialogs).

use serde_json::Value;

/// The largest crop of an element outside a dialog, in CSS px.
pub const MAX_CROP: (f64, f64) = (800.0, 400.0);
/// The least page shown around a small element, in CSS px.
pub const MIN_CONTEXT: (f64, f64) = (400.0, 200.0);
/// The largest dialog region captured, in CSS px; a dialog larger than the viewport is
/// also cut to the viewport.
pub const MAX_DIALOG: (f64, f64) = (1600.0, 1200.0);
/// A dialog's crop is scaled down to fit this image size.
pub const MAX_DIALOG_IMAGE: (f64, f64) = (800.0, 600.0);
/// Space around the element (or dialog) always kept in the crop, in CSS px.
const MARGIN: f64 = 8.0;

/// A box in page coordinates (CSS px).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    fn from_json(v: &Value) -> Option<Rect> {
        let r: Vec<f64> = v.as_array()?.iter().filter_map(Value::as_f64).collect();
        let [x, y, w, h] = r[..] else { return None };
        Some(Rect { x, y, w, h })
    }

    fn right(&self) -> f64 {
        self.x + self.w
    }

    fn bottom(&self) -> f64 {
        self.y + self.h
    }

    fn grown(&self, by: f64) -> Rect {
        Rect {
            x: self.x - by,
            y: self.y - by,
            w: self.w + 2.0 * by,
            h: self.h + 2.0 * by,
        }
    }

    fn union(&self, o: &Rect) -> Rect {
        let (x, y) = (self.x.min(o.x), self.y.min(o.y));
        Rect {
            x,
            y,
            w: self.right().max(o.right()) - x,
            h: self.bottom().max(o.bottom()) - y,
        }
    }

    fn intersect(&self, o: &Rect) -> Option<Rect> {
        let (x, y) = (self.x.max(o.x), self.y.max(o.y));
        let (w, h) = (
            self.right().min(o.right()) - x,
            self.bottom().min(o.bottom()) - y,
        );
        (w >= 1.0 && h >= 1.0).then_some(Rect { x, y, w, h })
    }
}

/// What the page measured for one crop (see `MEASURE` in `crops.rs`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    pub element: Rect,
    /// The enclosing dialog (`<dialog>`, `role=dialog|alertdialog`, `aria-modal=true`).
    pub dialog: Option<Rect>,
    /// The visible part of the page.
    pub view: Rect,
}

impl Measured {
    pub fn from_json(v: &Value) -> Option<Measured> {
        Some(Measured {
            element: Rect::from_json(&v["element"])?,
            dialog: Rect::from_json(&v["dialog"]),
            view: Rect::from_json(&v["view"])?,
        })
    }
}

/// The region to capture and the scale of the image (1 except for large dialogs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clip {
    pub region: Rect,
    pub scale: f64,
}

impl Clip {
    /// `Page.captureScreenshot`'s `clip`.
    pub fn to_json(self) -> Value {
        let r = self.region;
        serde_json::json!({"x": r.x, "y": r.y, "width": r.w, "height": r.h, "scale": self.scale})
    }

    /// The element's box in the image's pixels (for the outline).
    pub fn in_image(&self, r: &Rect) -> Rect {
        Rect {
            x: (r.x - self.region.x) * self.scale,
            y: (r.y - self.region.y) * self.scale,
            w: r.w * self.scale,
            h: r.h * self.scale,
        }
    }
}

/// The crop for `m`, or `None` when the element has no box or none of it is visible (a
/// skip link still parked at `left: -9999px`: Chromium never answers a screenshot with a
/// negative clip).
pub fn clip(m: &Measured) -> Option<Clip> {
    let el = m.element;
    if el.w <= 0.0 || el.h <= 0.0 {
        return None;
    }
    // Some of the element must be on screen, or the crop shows only what is around it.
    el.intersect(&m.view)?;
    if let Some(dialog) = m.dialog {
        let whole = dialog.union(&el).grown(MARGIN);
        let capped = Rect {
            w: whole.w.min(MAX_DIALOG.0),
            h: whole.h.min(MAX_DIALOG.1),
            ..whole
        };
        let region = capped.intersect(&m.view)?;
        let scale = 1f64
            .min(MAX_DIALOG_IMAGE.0 / region.w)
            .min(MAX_DIALOG_IMAGE.1 / region.h);
        return Some(Clip { region, scale });
    }
    let region = around(&el.grown(MARGIN), &m.view).intersect(&m.view)?;
    Some(Clip { region, scale: 1.0 })
}

/// `want` grown to [`MIN_CONTEXT`] about its centre, cut to [`MAX_CROP`] from its top left
/// (a large element's start is where it is recognised), moved inside `view` when it sticks
/// out on one side only.
fn around(want: &Rect, view: &Rect) -> Rect {
    let w = want.w.max(MIN_CONTEXT.0).min(MAX_CROP.0);
    let h = want.h.max(MIN_CONTEXT.1).min(MAX_CROP.1);
    let x = if want.w < w {
        want.x - (w - want.w) / 2.0
    } else {
        want.x
    };
    let y = if want.h < h {
        want.y - (h - want.h) / 2.0
    } else {
        want.y
    };
    Rect {
        x: shift_inside(x, w, view.x, view.w),
        y: shift_inside(y, h, view.y, view.h),
        w,
        h,
    }
}

/// `start` moved so `[start, start + len]` lies in `[lo, lo + span]` where it fits.
fn shift_inside(start: f64, len: f64, lo: f64, span: f64) -> f64 {
    if len >= span {
        return start.max(lo);
    }
    start.max(lo).min(lo + span - len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect { x, y, w, h }
    }

    const VIEW: Rect = Rect {
        x: 0.0,
        y: 1000.0,
        w: 1280.0,
        h: 800.0,
    };

    fn m(element: Rect, dialog: Option<Rect>) -> Measured {
        Measured {
            element,
            dialog,
            view: VIEW,
        }
    }

    #[test]
    fn a_small_element_gets_context_centred_on_it() {
        let c = clip(&m(r(600.0, 1400.0, 16.0, 16.0), None)).unwrap();
        assert_eq!(c.region, r(408.0, 1308.0, 400.0, 200.0));
        assert_eq!(c.scale, 1.0);
        // The element sits in the middle of the image.
        assert_eq!(
            c.in_image(&r(600.0, 1400.0, 16.0, 16.0)),
            r(192.0, 92.0, 16.0, 16.0)
        );
    }

    #[test]
    fn context_stays_inside_the_viewport() {
        // Near the top-left corner of the page: moved, not cut.
        let c = clip(&m(r(4.0, 1002.0, 16.0, 16.0), None)).unwrap();
        assert_eq!(c.region, r(0.0, 1000.0, 400.0, 200.0));
        // Bottom right.
        let c = clip(&m(r(1270.0, 1790.0, 10.0, 10.0), None)).unwrap();
        assert_eq!(c.region, r(880.0, 1600.0, 400.0, 200.0));
    }

    #[test]
    fn large_elements_are_capped_from_their_top_left() {
        let c = clip(&m(r(100.0, 1100.0, 3000.0, 3000.0), None)).unwrap();
        assert_eq!(c.region, r(92.0, 1092.0, 800.0, 400.0));
    }

    #[test]
    fn dialogs_are_whole_and_scaled_down_when_large() {
        let dialog = r(200.0, 1100.0, 900.0, 600.0);
        let c = clip(&m(r(220.0, 1120.0, 16.0, 16.0), Some(dialog))).unwrap();
        assert_eq!(c.region, r(192.0, 1092.0, 916.0, 616.0));
        assert!((c.scale - 800.0 / 916.0).abs() < 1e-9, "{}", c.scale);
        // A small dialog keeps scale 1.
        let c = clip(&m(
            r(220.0, 1120.0, 16.0, 16.0),
            Some(r(200.0, 1100.0, 300.0, 200.0)),
        ))
        .unwrap();
        assert_eq!((c.region, c.scale), (r(192.0, 1092.0, 316.0, 216.0), 1.0));
        // Larger than the viewport: what is visible of it.
        let c = clip(&m(
            r(220.0, 1120.0, 16.0, 16.0),
            Some(r(-50.0, 900.0, 3000.0, 3000.0)),
        ))
        .unwrap();
        assert_eq!(c.region, VIEW);
        assert_eq!(c.scale, 0.625);
    }

    #[test]
    fn nothing_to_crop_for_empty_or_hidden_boxes() {
        assert!(clip(&m(r(0.0, 1000.0, 0.0, 10.0), None)).is_none());
        // A skip link parked off the page before focus.
        assert!(clip(&m(r(-9999.0, 1000.0, 153.0, 35.0), None)).is_none());
        assert!(clip(&m(r(10.0, 500.0, 100.0, 35.0), None)).is_none());
        assert!(Measured::from_json(&Value::Null).is_none());
    }
}
