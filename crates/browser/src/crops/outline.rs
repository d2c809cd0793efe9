//! The outline drawn around the failing element on its crop: on the image, not in the page,
//! so nothing the page does (a modal in the top layer, `overflow: hidden`, a transform) can
//! hide it and the page needs no change to undo.

use super::shape::Rect;
use crate::BrowserError;
use crate::keyboard::indicator::decode;

/// The outline's colour: magenta is rare on portals, so the mark reads as ours.
pub const COLOUR: [u8; 3] = [255, 0, 255];
/// A white line outside the magenta one keeps the outline visible on dark pages.
const HALO: [u8; 3] = [255, 255, 255];
/// Magenta rings drawn just outside the element's box (1 px of the element stays clear).
const WIDTH: i64 = 3;

/// `png` with `element` (in image pixels) outlined, as a new PNG.
pub fn draw(png: &[u8], element: &Rect) -> Result<Vec<u8>, BrowserError> {
    let (width, height, mut pixels) = decode(png)?;
    let (w, h) = (i64::from(width), i64::from(height));
    let (x0, y0) = (element.x.floor() as i64, element.y.floor() as i64);
    let (x1, y1) = (
        (element.x + element.w).ceil() as i64 - 1,
        (element.y + element.h).ceil() as i64 - 1,
    );
    let mut ring = |d: i64, colour: [u8; 3]| {
        let (l, t, r, b) = (x0 - d, y0 - d, x1 + d, y1 + d);
        let mut put = |x: i64, y: i64| {
            if (0..w).contains(&x) && (0..h).contains(&y) {
                pixels[(y * w + x) as usize] = colour;
            }
        };
        for x in l..=r {
            put(x, t);
            put(x, b);
        }
        for y in t..=b {
            put(l, y);
            put(r, y);
        }
    };
    for d in 2..2 + WIDTH {
        ring(d, COLOUR);
    }
    ring(2 + WIDTH, HALO);
    encode(width, height, &pixels)
}

fn encode(width: u32, height: u32, pixels: &[[u8; 3]]) -> Result<Vec<u8>, BrowserError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder
        .write_header()
        .map_err(|e| BrowserError::protocol("outlining a crop", e))?;
    writer
        .write_image_data(pixels.as_flattened())
        .map_err(|e| BrowserError::protocol("outlining a crop", e))?;
    writer
        .finish()
        .map_err(|e| BrowserError::protocol("outlining a crop", e))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blank(w: u32, h: u32) -> Vec<u8> {
        encode(w, h, &vec![[0, 0, 0]; (w * h) as usize]).unwrap()
    }

    #[test]
    fn the_outline_surrounds_the_box_and_is_cut_at_the_edges() {
        let el = Rect {
            x: 10.0,
            y: 10.0,
            w: 16.0,
            h: 8.0,
        };
        let (w, _, px) = decode(&draw(&blank(40, 30), &el).unwrap()).unwrap();
        let at = |x: u32, y: u32| px[(y * w + x) as usize];
        // Inside the box and its first pixel around: untouched.
        assert_eq!(at(12, 12), [0, 0, 0]);
        assert_eq!(at(9, 9), [0, 0, 0]);
        // Magenta 2–4 px outside, then white.
        assert_eq!(at(8, 12), COLOUR);
        assert_eq!(at(6, 12), COLOUR);
        assert_eq!(at(5, 12), HALO);
        assert_eq!(at(10 + 16 + 1, 12), COLOUR);
        // An element at the image's corner: no panic, the visible part drawn.
        let corner = Rect {
            x: -5.0,
            y: -5.0,
            ..el
        };
        assert!(draw(&blank(40, 30), &corner).is_ok());
    }
}
