//! APCA Lc (APCA-W3 0.0.98G-4g constants): the lightness contrast WCAG 3 drafts use.
//! Informative only; WCAG 2.2's verdicts come from the ratio.

use crate::color::Rgba;

/// Lc of text `fg` on background `bg` (both opaque on screen): about +106 for black on
/// white, −108 for white on black; the sign says the polarity (positive: dark text).
pub fn apca_lc(fg: Rgba, bg: Rgba) -> f64 {
    let (t, b) = (screen_y(fg), screen_y(bg));
    if (b - t).abs() < 0.0005 {
        return 0.0;
    }
    let sapc;
    let out = if b > t {
        sapc = (b.powf(0.56) - t.powf(0.57)) * 1.14;
        if sapc < 0.1 { 0.0 } else { sapc - 0.027 }
    } else {
        sapc = (b.powf(0.65) - t.powf(0.62)) * 1.14;
        if sapc > -0.1 { 0.0 } else { sapc + 0.027 }
    };
    out * 100.0
}

/// APCA's estimated screen luminance, with its soft clamp of near-black.
fn screen_y(c: Rgba) -> f64 {
    let lin = |v: f64| v.clamp(0.0, 1.0).powf(2.4);
    let y = 0.2126729 * lin(c.r) + 0.7151522 * lin(c.g) + 0.0721750 * lin(c.b);
    if y < 0.022 {
        y + (0.022 - y).powf(1.414)
    } else {
        y
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::parse_color;

    fn lc(fg: &str, bg: &str) -> f64 {
        apca_lc(parse_color(fg).unwrap(), parse_color(bg).unwrap())
    }

    #[test]
    fn reference_values() {
        // Values from the APCA reference implementation (apca-w3 0.1.9).
        assert!(
            (lc("#000", "#fff") - 106.04).abs() < 0.01,
            "{}",
            lc("#000", "#fff")
        );
        assert!(
            (lc("#fff", "#000") + 107.88).abs() < 0.01,
            "{}",
            lc("#fff", "#000")
        );
        assert!(
            (lc("#888", "#fff") - 63.06).abs() < 0.01,
            "{}",
            lc("#888", "#fff")
        );
        assert!(
            (lc("#fff", "#888") + 68.54).abs() < 0.01,
            "{}",
            lc("#fff", "#888")
        );
        assert_eq!(lc("#777", "#777"), 0.0);
    }
}
