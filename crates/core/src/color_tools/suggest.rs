//! Nearest passing colours. A candidate keeps the colour's OKLCH hue and alpha and changes
//! its lightness over a grid (0..=1 in 1/400 steps), then, where no lightness passes, its
//! chroma too (towards grey in 5% steps): every candidate is on [`search_path`], and the
//! suggestion is the passing candidate with the smallest OKLCH distance (ΔEOK) from the
//! original. Candidates are 8-bit colours, so a suggestion still passes once typed as hex.

use super::{Level, pair_ratio};
use crate::color::{Rgba, from_linear};
use palette::{IntoColor, LinSrgb, Oklab, Oklch, Srgb};

const L_STEPS: u32 = 400;
const C_STEPS: u32 = 20;

/// Which colour of the pair a suggestion changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Changed {
    Foreground,
    Background,
    Both,
}

impl Changed {
    pub fn id(self) -> &'static str {
        match self {
            Changed::Foreground => "foreground",
            Changed::Background => "background",
            Changed::Both => "both",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub changed: Changed,
    pub fg: Rgba,
    pub bg: Rgba,
    pub ratio: f64,
    /// ΔEOK from the original pair: √(Δfg² + Δbg²), so one changed colour counts alone.
    pub distance: f64,
}

fn oklab(c: Rgba) -> Oklab<f64> {
    Srgb::new(c.r, c.g, c.b).into_linear::<f64>().into_color()
}

/// ΔEOK: the Euclidean distance of two colours' opaque channels in Oklab.
pub fn distance(a: Rgba, b: Rgba) -> f64 {
    let (p, q) = (oklab(a), oklab(b));
    ((p.l - q.l).powi(2) + (p.a - q.a).powi(2) + (p.b - q.b).powi(2)).sqrt()
}

/// An OKLCH colour as the nearest 8-bit sRGB colour (clipped to the gamut as the core's
/// parser clips), with alpha `a`.
fn from_oklch(l: f64, chroma: f64, hue: f64, a: f64) -> Rgba {
    let lin: LinSrgb<f64> = Oklch::new(l.clamp(0.0, 1.0), chroma, hue).into_color();
    from_linear(lin, a).quantized()
}

/// (lightness, chroma, hue in degrees) of a colour.
fn lch(c: Rgba) -> (f64, f64, f64) {
    let o: Oklch<f64> = oklab(c).into_color();
    (o.l, o.chroma, o.hue.into_positive_degrees())
}

/// Every candidate pair the search for `changed` considers, in search order.
pub fn search_path(fg: Rgba, bg: Rgba, changed: Changed) -> Vec<(Rgba, Rgba)> {
    let mut out = Vec::new();
    let chroma_steps = (0..=C_STEPS).map(|k| 1.0 - k as f64 / C_STEPS as f64);
    match changed {
        Changed::Foreground | Changed::Background => {
            let moving = if changed == Changed::Foreground {
                fg
            } else {
                bg
            };
            let (_, c0, h) = lch(moving);
            for keep in chroma_steps {
                for i in 0..=L_STEPS {
                    let cand = from_oklch(i as f64 / L_STEPS as f64, c0 * keep, h, moving.a);
                    out.push(if changed == Changed::Foreground {
                        (cand, bg)
                    } else {
                        (fg, cand)
                    });
                }
            }
        }
        Changed::Both => {
            // The two lightnesses move apart by the same step, either way round.
            let ((lf, cf, hf), (lb, cb, hb)) = (lch(fg), lch(bg));
            for keep in chroma_steps {
                for dir in [1.0, -1.0] {
                    for i in 1..=L_STEPS {
                        let d = dir * i as f64 / L_STEPS as f64;
                        let (nf, nb) = (lf + d, lb - d);
                        if !(0.0..=1.0).contains(&nf) && !(0.0..=1.0).contains(&nb) {
                            break;
                        }
                        out.push((
                            from_oklch(nf, cf * keep, hf, fg.a),
                            from_oklch(nb, cb * keep, hb, bg.a),
                        ));
                    }
                }
            }
        }
    }
    out
}

/// The passing candidate on the search path nearest the original pair, or `None` when no
/// candidate passes (e.g. 7:1 against a mid grey when only the text may change).
pub fn suggest(
    fg: Rgba,
    bg: Rgba,
    page: Rgba,
    level: Level,
    changed: Changed,
) -> Option<Suggestion> {
    let mut best: Option<Suggestion> = None;
    for (f, b) in search_path(fg, bg, changed) {
        let d = distance(fg, f).hypot(distance(bg, b));
        if best.as_ref().is_some_and(|s| s.distance <= d) {
            continue;
        }
        let ratio = pair_ratio(f, b, page);
        if level.passes(ratio) {
            best = Some(Suggestion {
                changed,
                fg: f,
                bg: b,
                ratio,
                distance: d,
            });
        }
    }
    best
}

/// Suggestions for the text, the background and both, in that order.
pub fn suggest_both(fg: Rgba, bg: Rgba, page: Rgba, level: Level) -> Vec<Suggestion> {
    [Changed::Foreground, Changed::Background, Changed::Both]
        .into_iter()
        .filter_map(|c| suggest(fg, bg, page, level, c))
        .collect()
}

/// The palette colour nearest the pair's `changed` colour (Foreground or Background) that
/// passes with the other: (index in `palette`, ratio, distance).
pub fn nearest_in_palette(
    fg: Rgba,
    bg: Rgba,
    page: Rgba,
    level: Level,
    changed: Changed,
    palette: &[Rgba],
) -> Option<(usize, f64, f64)> {
    let moving = if changed == Changed::Background {
        bg
    } else {
        fg
    };
    palette
        .iter()
        .enumerate()
        .filter_map(|(i, &p)| {
            let ratio = if changed == Changed::Background {
                pair_ratio(fg, p, page)
            } else {
                pair_ratio(p, bg, page)
            };
            level.passes(ratio).then(|| (i, ratio, distance(moving, p)))
        })
        .min_by(|a, b| a.2.total_cmp(&b.2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::parse_color;

    fn c(text: &str) -> Rgba {
        parse_color(text).unwrap()
    }

    #[test]
    fn grey_on_white_moves_to_the_lightest_passing_grey() {
        let s = suggest(
            c("#777"),
            Rgba::WHITE,
            Rgba::WHITE,
            Level::AaNormal,
            Changed::Foreground,
        )
        .unwrap();
        assert_eq!(s.fg.to_hex(), "#767676");
        assert!(s.ratio >= 4.5 && s.bg == Rgba::WHITE);
        assert!(s.distance > 0.0 && s.distance < 0.01, "{}", s.distance);
    }

    #[test]
    fn hue_is_kept() {
        // SLDS brand blue 60 on white fails AA; the suggestion is a darker blue.
        let blue = c("#1b96ff");
        let s = suggest(
            blue,
            Rgba::WHITE,
            Rgba::WHITE,
            Level::AaNormal,
            Changed::Foreground,
        )
        .unwrap();
        let ((_, _, h0), (l1, _, h1)) = (lch(blue), lch(s.fg));
        assert!((h0 - h1).abs() < 3.0, "{h0} {h1}");
        assert!(l1 < lch(blue).0);
        assert!(Level::AaNormal.passes(s.ratio));
    }

    #[test]
    fn impossible_levels_give_no_suggestion() {
        // No text colour reaches 7:1 on mid grey (white gives 5.3:1, black 3.9:1).
        let grey = c("#808080");
        assert!(
            suggest(
                c("#999"),
                grey,
                Rgba::WHITE,
                Level::AaaNormal,
                Changed::Foreground
            )
            .is_none()
        );
        // Changing both can.
        let s = suggest(
            c("#999"),
            grey,
            Rgba::WHITE,
            Level::AaaNormal,
            Changed::Both,
        )
        .unwrap();
        assert!(s.ratio >= 7.0);
    }

    #[test]
    fn palette_pick_is_the_nearest_passing() {
        let palette = [c("#ffffff"), c("#747474"), c("#5c5c5c"), c("#181818")];
        let got = nearest_in_palette(
            c("#939393"),
            Rgba::WHITE,
            Rgba::WHITE,
            Level::AaNormal,
            Changed::Foreground,
            &palette,
        );
        // #747474 is 4.6:1; #5c5c5c passes too but is farther from #939393.
        assert_eq!(got.map(|g| g.0), Some(1));
        let none = nearest_in_palette(
            c("#939393"),
            c("#808080"),
            Rgba::WHITE,
            Level::AaaNormal,
            Changed::Foreground,
            &palette[1..3],
        );
        assert_eq!(none, None);
    }

    /// xorshift64*: reproducible random pairs without a test-only dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> f64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
        }
        fn colour(&mut self, translucent: bool) -> Rgba {
            let a = if translucent && self.next() < 0.3 {
                0.5 + self.next() / 2.0
            } else {
                1.0
            };
            Rgba {
                r: self.next(),
                g: self.next(),
                b: self.next(),
                a,
            }
        }
    }

    #[test]
    fn every_suggestion_passes_and_nothing_on_its_path_is_closer() {
        let mut rng = Rng(0x5eed_c0de_1234_5678);
        for case in 0..60 {
            let (fg, bg) = (rng.colour(true), rng.colour(true));
            let page = if case % 5 == 0 {
                Rgba::BLACK
            } else {
                Rgba::WHITE
            };
            let level = Level::ALL[case % Level::ALL.len()];
            for changed in [Changed::Foreground, Changed::Background, Changed::Both] {
                let got = suggest(fg, bg, page, level, changed);
                let passing: Vec<(f64, Rgba, Rgba)> = search_path(fg, bg, changed)
                    .into_iter()
                    .filter(|&(f, b)| level.passes(pair_ratio(f, b, page)))
                    .map(|(f, b)| (distance(fg, f).hypot(distance(bg, b)), f, b))
                    .collect();
                let Some(s) = got else {
                    assert!(
                        passing.is_empty(),
                        "case {case} {changed:?}: a candidate passes"
                    );
                    continue;
                };
                assert!(
                    level.passes(pair_ratio(s.fg, s.bg, page)),
                    "case {case} {changed:?}: suggestion fails"
                );
                assert_eq!(s.ratio, pair_ratio(s.fg, s.bg, page));
                assert_eq!((s.fg.a, s.bg.a), (fg.a, bg.a), "alpha kept");
                for (d, f, b) in passing {
                    assert!(
                        d >= s.distance,
                        "case {case} {changed:?}: {} {} is closer ({d} < {})",
                        f.to_hex(),
                        b.to_hex(),
                        s.distance
                    );
                }
            }
        }
    }
}
