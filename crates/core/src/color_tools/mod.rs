//! The contrast page's colour tools, on the core's own colour maths ([`crate::color`]): a
//! pair's WCAG verdicts exactly as the contrast rules decide them, APCA (informative),
//! nearest passing colours, colour-vision simulation.
//!
//! Pure functions, no I/O: the Wasm package exposes them to the designers' page, and the
//! page's numbers are then the CLI's by construction.

mod apca;
mod cvd;
mod suggest;

pub use apca::apca_lc;
pub use cvd::{Deficiency, simulate};
pub use suggest::{
    Changed, Suggestion, distance, nearest_in_palette, search_path, suggest, suggest_both,
};

use crate::color::{Rgba, composite, contrast_ratio, format_ratio};

/// A WCAG 2.2 contrast requirement the page can test a pair against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// 1.4.3, normal text: 4.5:1.
    AaNormal,
    /// 1.4.3, large text (24px, or 18.66px bold): 3:1.
    AaLarge,
    /// 1.4.6, normal text: 7:1.
    AaaNormal,
    /// 1.4.6, large text: 4.5:1.
    AaaLarge,
    /// 1.4.11, graphics and user-interface components: 3:1.
    NonText,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::AaNormal,
        Level::AaLarge,
        Level::AaaNormal,
        Level::AaaLarge,
        Level::NonText,
    ];

    /// The minimum ratio; a ratio passes when it is at least this, unrounded.
    pub fn threshold(self) -> f64 {
        match self {
            Level::AaNormal | Level::AaaLarge => 4.5,
            Level::AaLarge | Level::NonText => 3.0,
            Level::AaaNormal => 7.0,
        }
    }

    /// The id used in URLs and JSON (`aa`, `aa-large`, `aaa`, `aaa-large`, `non-text`).
    pub fn id(self) -> &'static str {
        match self {
            Level::AaNormal => "aa",
            Level::AaLarge => "aa-large",
            Level::AaaNormal => "aaa",
            Level::AaaLarge => "aaa-large",
            Level::NonText => "non-text",
        }
    }

    pub fn from_id(id: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|l| l.id() == id)
    }

    /// Never rounded up: 4.478:1 fails 4.5:1 although it shows as 4.47.
    pub fn passes(self, ratio: f64) -> bool {
        ratio >= self.threshold()
    }
}

/// Two colours as they reach the screen: the background composited on the page colour
/// (itself on white if translucent, the canvas), then the text on that background. This is
/// what the contrast rules measure on a page.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OnScreen {
    pub fg: Rgba,
    pub bg: Rgba,
}

/// `fg` over `bg` over `page`, as painted.
pub fn on_screen(fg: Rgba, bg: Rgba, page: Rgba) -> OnScreen {
    let page = composite(page, Rgba::WHITE);
    let bg = composite(bg, page);
    OnScreen {
        fg: composite(fg, bg),
        bg,
    }
}

/// The WCAG 2 ratio of `fg` over `bg` over `page`: the core's [`contrast_ratio`].
pub fn pair_ratio(fg: Rgba, bg: Rgba, page: Rgba) -> f64 {
    let s = on_screen(fg, bg, page);
    contrast_ratio(s.fg, s.bg)
}

/// A pair's ratio and every level's verdict.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    pub ratio: f64,
    /// Two decimals, truncated, as the rules print it.
    pub ratio_text: String,
    pub screen: OnScreen,
    /// (level, passes) for [`Level::ALL`].
    pub verdicts: Vec<(Level, bool)>,
    /// APCA Lc of the on-screen colours (informative; not a WCAG 2.2 requirement).
    pub apca: f64,
}

pub fn check(fg: Rgba, bg: Rgba, page: Rgba) -> Check {
    let screen = on_screen(fg, bg, page);
    let ratio = contrast_ratio(screen.fg, screen.bg);
    Check {
        ratio,
        ratio_text: format_ratio(ratio),
        screen,
        verdicts: Level::ALL.iter().map(|&l| (l, l.passes(ratio))).collect(),
        apca: apca_lc(screen.fg, screen.bg),
    }
}

/// `#rrggbb`, or `#rrggbbaa` for a translucent colour: what design tools paste.
pub fn hex(c: Rgba) -> String {
    let base = c.to_hex();
    if c.a >= 1.0 {
        base
    } else {
        format!("{base}{:02x}", (c.a.clamp(0.0, 1.0) * 255.0).round() as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::color::parse_color;

    fn c(text: &str) -> Rgba {
        parse_color(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn boundaries_are_never_rounded_up() {
        // #777 on white: 4.478:1, shown as 4.47, fails AA normal text.
        let low = check(c("#777"), c("#fff"), Rgba::WHITE);
        assert!(low.ratio > 4.478 && low.ratio < 4.479, "{}", low.ratio);
        assert_eq!(low.ratio_text, "4.47");
        assert!(!Level::AaNormal.passes(low.ratio));
        assert!(Level::AaLarge.passes(low.ratio) && Level::NonText.passes(low.ratio));
        // #767676 on white: 4.542:1 passes.
        let high = check(c("#767676"), c("white"), Rgba::WHITE);
        assert!(high.ratio > 4.542 && high.ratio < 4.543, "{}", high.ratio);
        assert_eq!(high.ratio_text, "4.54");
        let v: Vec<bool> = high.verdicts.iter().map(|v| v.1).collect();
        assert_eq!(v, [true, true, false, true, true]);
    }

    #[test]
    fn levels_round_trip_their_ids() {
        for l in Level::ALL {
            assert_eq!(Level::from_id(l.id()), Some(l));
        }
        assert_eq!(Level::from_id("AA"), None);
        assert!(Level::AaaNormal.passes(7.0) && !Level::AaaNormal.passes(6.9999));
    }

    #[test]
    fn the_ratio_is_the_rules_ratio_for_opaque_pairs() {
        for (fg, bg) in [
            ("#333", "#eee"),
            ("red", "white"),
            ("oklch(60% 0.1 200)", "#102030"),
        ] {
            assert_eq!(
                pair_ratio(c(fg), c(bg), Rgba::WHITE),
                contrast_ratio(c(fg), c(bg))
            );
        }
    }

    #[test]
    fn translucent_pairs_are_composited_on_the_page_colour() {
        // Half-black background on a black page is black: white text gives 21:1.
        assert_eq!(
            pair_ratio(Rgba::WHITE, c("rgb(0 0 0 / 50%)"), Rgba::BLACK),
            21.0
        );
        // On white it is exactly mid grey (0.5 per channel): about 3.98:1.
        let r = pair_ratio(Rgba::WHITE, c("rgb(0 0 0 / 50%)"), Rgba::WHITE);
        assert!((r - 3.977).abs() < 0.001, "{r}");
        // Translucent text: 50% black over white reads as #808080 on white.
        let t = check(c("#0008"), c("#fff"), Rgba::WHITE);
        assert_eq!(t.screen.fg.to_hex(), "#777777");
        assert_eq!(
            t.ratio,
            contrast_ratio(composite(c("#0008"), Rgba::WHITE), Rgba::WHITE)
        );
        // A translucent page colour sits on the white canvas.
        let p = pair_ratio(Rgba::BLACK, Rgba::TRANSPARENT, c("rgb(0 0 0 / 0%)"));
        assert_eq!(p, 21.0);
        // Transparent text is invisible: 1:1.
        assert_eq!(pair_ratio(Rgba::TRANSPARENT, Rgba::WHITE, Rgba::WHITE), 1.0);
    }

    #[test]
    fn every_css_color_4_syntax_gives_the_same_pair() {
        // Each spelling of (near) #767676 on white: the verdict must not depend on syntax.
        let grey = [
            "#767676",
            "#767676ff",
            "rgb(118, 118, 118)",
            "rgba(118, 118, 118, 1)",
            "rgb(118 118 118 / 100%)",
            "hsl(0 0% 46.27%)",
            "hsla(0, 0%, 46.27%, 1)",
            "hwb(0 46.27% 53.73%)",
            "color(srgb 0.4627 0.4627 0.4627)",
        ];
        for g in grey {
            let k = check(c(g), c("white"), Rgba::WHITE);
            assert_eq!(k.ratio_text, "4.54", "{g}");
            assert!(Level::AaNormal.passes(k.ratio), "{g}");
        }
        // Lab-family spellings of grey: near 4.54, and on the same side of 4.5.
        for g in [
            "lab(49.63 0 0)",
            "lch(49.63 0 0)",
            "oklab(0.5658 0 0)",
            "oklch(56.58% 0 0)",
        ] {
            let r = check(c(g), c("white"), Rgba::WHITE).ratio;
            assert!((r - 4.542).abs() < 0.01 && r >= 4.5, "{g}: {r}");
        }
        // Named colours and transparent.
        assert_eq!(check(c("black"), c("white"), Rgba::WHITE).ratio, 21.0);
        assert_eq!(check(c("black"), c("transparent"), Rgba::WHITE).ratio, 21.0);
    }

    #[test]
    fn hex_keeps_alpha() {
        assert_eq!(hex(c("#abc")), "#aabbcc");
        assert_eq!(hex(c("rgb(0 0 0 / 50%)")), "#00000080");
    }
}
