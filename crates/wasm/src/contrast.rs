//! `contrast(fg, bg, {over})`: exactly the numbers the contrast rules use (the core's
//! parser, compositing and ratio; the ratio is never rounded up: 4.478 fails AA).

use portalscan_core::color::{Rgba, parse_color};
use portalscan_core::color_tools::{self, Level};
use serde::Serialize;

#[derive(Serialize, Debug, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Contrast {
    /// The exact ratio (1..=21).
    pub ratio: f64,
    /// Two decimals, truncated ("4.47" for 4.478).
    pub ratio_text: String,
    /// The colours compared, as CSS (the background after compositing on `over`).
    pub foreground: String,
    pub background: String,
    /// 1.4.3 normal text (4.5:1) and large text (3:1).
    pub aa: bool,
    pub aa_large: bool,
    /// 1.4.6 normal text (7:1) and large text (4.5:1).
    pub aaa: bool,
    pub aaa_large: bool,
    /// 1.4.11 graphics and interface components (3:1).
    pub non_text: bool,
}

pub fn contrast_of(fg: &str, bg: &str, over: Option<&str>) -> Result<Contrast, String> {
    let parse = |what: &str, text: &str| {
        parse_color(text).map_err(|e| format!("{what} colour {text:?}: {e}"))
    };
    let fg = parse("text", fg)?;
    let bg = parse("background", bg)?;
    // A translucent background shows the page colour (default white) through it.
    let page = over
        .map(|o| parse("page", o))
        .transpose()?
        .unwrap_or(Rgba::WHITE);
    let check = color_tools::check(fg, bg, page);
    let passes = |level: Level| level.passes(check.ratio);
    Ok(Contrast {
        ratio: check.ratio,
        ratio_text: check.ratio_text,
        foreground: fg.to_css(),
        background: check.screen.bg.to_css(),
        aa: passes(Level::AaNormal),
        aa_large: passes(Level::AaLarge),
        aaa: passes(Level::AaaNormal),
        aaa_large: passes(Level::AaaLarge),
        non_text: passes(Level::NonText),
    })
}

pub fn contrast_json(fg: &str, bg: &str, over: Option<&str>) -> Result<String, String> {
    let c = contrast_of(fg, bg, over)?;
    serde_json::to_string(&c).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn black_on_white_is_21() {
        let c = contrast_of("black", "#fff", None).unwrap();
        assert_eq!(c.ratio, 21.0);
        assert!(c.aa && c.aaa && c.non_text);
    }

    #[test]
    fn ratios_are_never_rounded_up() {
        // #777 on white is 4.478:1: it fails AA, and shows as 4.47.
        let c = contrast_of("#777777", "white", None).unwrap();
        assert!(c.ratio > 4.47 && c.ratio < 4.5, "{}", c.ratio);
        assert_eq!(c.ratio_text, "4.47");
        assert!(!c.aa && c.aa_large);
    }

    #[test]
    fn translucent_background_sits_on_the_page_colour() {
        let on_black = contrast_of("white", "rgb(0 0 0 / 50%)", Some("black")).unwrap();
        assert_eq!(on_black.ratio, 21.0);
        let on_white = contrast_of("white", "rgb(0 0 0 / 50%)", None).unwrap();
        assert!(on_white.ratio < 5.0);
    }

    #[test]
    fn bad_colours_name_the_input() {
        let e = contrast_of("nonsense", "white", None).unwrap_err();
        assert!(e.contains("text colour") && e.contains("nonsense"), "{e}");
    }
}
