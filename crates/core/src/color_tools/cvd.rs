//! Colour-vision deficiency simulation: Machado, Oliveira and Fernandes (2009) at full
//! severity for the three dichromacies, applied in linear sRGB; achromatopsia as the
//! colour's own WCAG luminance in grey (so its ratio equals the original's).

use crate::color::{Rgba, relative_luminance};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deficiency {
    Protanopia,
    Deuteranopia,
    Tritanopia,
    Achromatopsia,
}

impl Deficiency {
    pub const ALL: [Deficiency; 4] = [
        Deficiency::Protanopia,
        Deficiency::Deuteranopia,
        Deficiency::Tritanopia,
        Deficiency::Achromatopsia,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Deficiency::Protanopia => "protanopia",
            Deficiency::Deuteranopia => "deuteranopia",
            Deficiency::Tritanopia => "tritanopia",
            Deficiency::Achromatopsia => "achromatopsia",
        }
    }

    fn matrix(self) -> Option<[[f64; 3]; 3]> {
        match self {
            Deficiency::Protanopia => Some([
                [0.152286, 1.052583, -0.204868],
                [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ]),
            Deficiency::Deuteranopia => Some([
                [0.367322, 0.860646, -0.227968],
                [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ]),
            Deficiency::Tritanopia => Some([
                [1.255528, -0.076749, -0.178779],
                [-0.078411, 0.930809, 0.147602],
                [0.004733, 0.691367, 0.303900],
            ]),
            Deficiency::Achromatopsia => None,
        }
    }
}

fn to_linear(v: f64) -> f64 {
    let v = v.clamp(0.0, 1.0);
    if v <= 0.04045 {
        v / 12.92
    } else {
        ((v + 0.055) / 1.055).powf(2.4)
    }
}

fn to_gamma(v: f64) -> f64 {
    let v = v.clamp(0.0, 1.0);
    if v <= 0.0031308 {
        v * 12.92
    } else {
        1.055 * v.powf(1.0 / 2.4) - 0.055
    }
}

/// How an opaque on-screen colour looks with the deficiency (alpha kept).
pub fn simulate(c: Rgba, d: Deficiency) -> Rgba {
    let Some(m) = d.matrix() else {
        let y = to_gamma(relative_luminance(c));
        return Rgba {
            r: y,
            g: y,
            b: y,
            a: c.a,
        };
    };
    let lin = [to_linear(c.r), to_linear(c.g), to_linear(c.b)];
    let row = |i: usize| to_gamma(m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2]);
    Rgba {
        r: row(0),
        g: row(1),
        b: row(2),
        a: c.a,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::{contrast_ratio, parse_color};

    #[test]
    fn greys_are_unchanged_and_red_green_merge() {
        let grey = parse_color("#777").unwrap();
        for d in Deficiency::ALL {
            let s = simulate(grey, d);
            assert_eq!(s.to_hex(), "#777777", "{d:?}");
        }
        // Red and green, distinct to most eyes, come close for a deuteranope.
        let (red, green) = (parse_color("#d00").unwrap(), parse_color("#080").unwrap());
        let (r, g) = (
            simulate(red, Deficiency::Deuteranopia),
            simulate(green, Deficiency::Deuteranopia),
        );
        assert!(
            (r.r - g.r).abs() < 0.2 && (r.g - g.g).abs() < 0.2,
            "{r:?} {g:?}"
        );
    }

    #[test]
    fn achromatopsia_keeps_the_ratio() {
        let (fg, bg) = (
            parse_color("#c0392b").unwrap(),
            parse_color("#eaf2f8").unwrap(),
        );
        let d = Deficiency::Achromatopsia;
        let r = contrast_ratio(simulate(fg, d), simulate(bg, d));
        assert!((r - contrast_ratio(fg, bg)).abs() < 1e-9);
    }
}
