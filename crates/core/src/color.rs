//! CSS colours: parsing every CSS Color 4 syntax, conversion to sRGB, alpha compositing and
//! the WCAG contrast maths.
//!
//! Public and I/O-free so the designers' contrast page (Wasm) can use it as is:
//! [`parse_color`], [`composite`], [`contrast_ratio`], [`Rgba::to_css`].
//!
//! Colours outside the sRGB gamut (wide `lab()`, `oklch()`, `color(display-p3 …)`) are
//! gamut-mapped by clamping each sRGB channel to 0..1. That is simpler than CSS Color 4's
//! chroma-reduction mapping and can shift a saturated colour's luminance a little; browsers
//! on an sRGB screen also end up clamping at the display, so for contrast it is the
//! honest, documented choice.

use cssparser::{ParseError, Parser, Token};
use palette::chromatic_adaptation::AdaptIntoUnclamped;
use palette::white_point::{D50, D65};
use palette::{Hsl, Hwb, IntoColor, Lab, LinSrgb, Oklab, Srgb, Xyz};

/// A colour in sRGB (gamma-encoded channels in 0..=1) with alpha in 0..=1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba {
    pub r: f64,
    pub g: f64,
    pub b: f64,
    pub a: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ColorError {
    /// `currentcolor`: the value is the element's `color`, which the caller must supply.
    CurrentColor,
    /// A system colour (`Canvas`, `ButtonText`, …) depends on the user's theme.
    SystemColor(String),
    /// Not a colour.
    Invalid(String),
}

impl std::fmt::Display for ColorError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ColorError::CurrentColor => f.write_str("currentcolor depends on the element"),
            ColorError::SystemColor(s) => write!(f, "system colour {s} depends on the theme"),
            ColorError::Invalid(s) => write!(f, "not a colour: {s}"),
        }
    }
}
impl std::error::Error for ColorError {}

impl Rgba {
    pub const BLACK: Rgba = Rgba::opaque(0.0, 0.0, 0.0);
    pub const WHITE: Rgba = Rgba::opaque(1.0, 1.0, 1.0);
    pub const TRANSPARENT: Rgba = Rgba {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        a: 0.0,
    };

    pub const fn opaque(r: f64, g: f64, b: f64) -> Rgba {
        Rgba { r, g, b, a: 1.0 }
    }

    /// From 8-bit channels.
    pub fn from_u8(r: u8, g: u8, b: u8, a: f64) -> Rgba {
        Rgba {
            r: r as f64 / 255.0,
            g: g as f64 / 255.0,
            b: b as f64 / 255.0,
            a,
        }
    }

    pub fn is_opaque(&self) -> bool {
        self.a >= 1.0
    }

    /// Channels rounded to 0..=255 as browsers store legacy colours.
    pub fn to_u8(&self) -> (u8, u8, u8) {
        let q = |v: f64| (v.clamp(0.0, 1.0) * 255.0).round() as u8;
        (q(self.r), q(self.g), q(self.b))
    }

    /// As `getComputedStyle` serializes it: `rgb(24, 24, 24)` or `rgba(0, 0, 0, 0.5)`.
    pub fn to_css(&self) -> String {
        let (r, g, b) = self.to_u8();
        if self.a >= 1.0 {
            format!("rgb({r}, {g}, {b})")
        } else {
            format!("rgba({r}, {g}, {b}, {})", format_alpha(self.a))
        }
    }

    /// `#rrggbb` (alpha dropped), for messages people compare with their design tools.
    pub fn to_hex(&self) -> String {
        let (r, g, b) = self.to_u8();
        format!("#{r:02x}{g:02x}{b:02x}")
    }

    /// The same colour with the channels rounded to 8 bits (what a browser computes with).
    pub fn quantized(&self) -> Rgba {
        let (r, g, b) = self.to_u8();
        Rgba::from_u8(r, g, b, self.a.clamp(0.0, 1.0))
    }
}

/// Alpha with at most three decimals, no trailing zeros (`0.5`, `0.302`).
fn format_alpha(a: f64) -> String {
    let s = format!("{:.3}", a.clamp(0.0, 1.0));
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() { "0".into() } else { s.into() }
}

/// Source-over compositing of `fg` on `bg`. The result is opaque when `bg` is.
pub fn composite(fg: Rgba, bg: Rgba) -> Rgba {
    let a = fg.a + bg.a * (1.0 - fg.a);
    if a <= 0.0 {
        return Rgba::TRANSPARENT;
    }
    let mix = |f: f64, b: f64| (f * fg.a + b * bg.a * (1.0 - fg.a)) / a;
    Rgba {
        r: mix(fg.r, bg.r),
        g: mix(fg.g, bg.g),
        b: mix(fg.b, bg.b),
        a,
    }
}

/// WCAG 2 relative luminance of the colour's channels (alpha ignored).
pub fn relative_luminance(c: Rgba) -> f64 {
    let lin = |v: f64| {
        let v = v.clamp(0.0, 1.0);
        // WCAG 2.x writes 0.03928; sRGB's own 0.04045 gives the same result for 8-bit values.
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b)
}

/// WCAG contrast ratio (1..=21). A translucent foreground is composited on the background
/// first; a translucent background is composited on white (the default canvas).
pub fn contrast_ratio(fg: Rgba, bg: Rgba) -> f64 {
    let bg = if bg.is_opaque() {
        bg
    } else {
        composite(bg, Rgba::WHITE)
    };
    let fg = composite(fg, bg);
    let (l1, l2) = (relative_luminance(fg), relative_luminance(bg));
    let (hi, lo) = if l1 >= l2 { (l1, l2) } else { (l2, l1) };
    (hi + 0.05) / (lo + 0.05)
}

/// A ratio for people: two decimals, truncated (4.478 → "4.47"), never rounded up to pass.
pub fn format_ratio(ratio: f64) -> String {
    let truncated = (ratio * 100.0).floor() / 100.0;
    format!("{truncated:.2}")
}

/// Parses any CSS Color 4 colour into sRGB.
pub fn parse_color(text: &str) -> Result<Rgba, ColorError> {
    let mut parser = Parser::new(text);
    let invalid = || ColorError::Invalid(text.trim().chars().take(80).collect());
    let color = parse_color_tokens(&mut parser).map_err(|e| match e {
        ColorError::Invalid(_) => invalid(),
        other => other,
    })?;
    if parser.expect_exhausted().is_err() {
        return Err(invalid());
    }
    Ok(color)
}

fn bad() -> ColorError {
    ColorError::Invalid(String::new())
}

/// System colours (CSS Color 4 §6.2): they follow the user's theme, so no fixed value.
const SYSTEM_COLORS: &[&str] = &[
    "accentcolor",
    "accentcolortext",
    "activetext",
    "buttonborder",
    "buttonface",
    "buttontext",
    "canvas",
    "canvastext",
    "field",
    "fieldtext",
    "graytext",
    "highlight",
    "highlighttext",
    "linktext",
    "mark",
    "marktext",
    "selecteditem",
    "selecteditemtext",
    "visitedtext",
    "-webkit-focus-ring-color",
];

fn parse_color_tokens(p: &mut Parser) -> Result<Rgba, ColorError> {
    let token = p.next().map_err(|_| bad())?.clone();
    match token {
        Token::Hash(ref h) | Token::IDHash(ref h) => {
            let (r, g, b, a) =
                cssparser::color::parse_hash_color(h.as_bytes()).map_err(|_| bad())?;
            Ok(Rgba::from_u8(r, g, b, a as f64))
        }
        Token::Ident(ref name) => {
            let lower = name.to_ascii_lowercase();
            if lower == "transparent" {
                return Ok(Rgba::TRANSPARENT);
            }
            if lower == "currentcolor" {
                return Err(ColorError::CurrentColor);
            }
            if SYSTEM_COLORS.contains(&lower.as_str()) {
                return Err(ColorError::SystemColor(lower));
            }
            let (r, g, b) = cssparser::color::parse_named_color(&lower).map_err(|_| bad())?;
            Ok(Rgba::from_u8(r, g, b, 1.0))
        }
        Token::Function(ref name) => {
            let name = name.to_ascii_lowercase();
            p.parse_nested_block(|p| {
                parse_function(&name, p).map_err(|_| ParseError::<()>::unexpected_token())
            })
            .map_err(|_| bad())
        }
        _ => Err(bad()),
    }
}

/// One component of a colour function.
#[derive(Clone, Copy, Debug)]
enum Comp {
    Number(f64),
    /// 0..1 for 100%.
    Percent(f64),
    /// Degrees.
    Angle(f64),
    None,
}

fn next_comp(p: &mut Parser) -> Result<Comp, ColorError> {
    match p.next().map_err(|_| bad())?.clone() {
        Token::Number { value, .. } => Ok(Comp::Number(value as f64)),
        Token::Percentage { unit_value, .. } => Ok(Comp::Percent(unit_value as f64)),
        Token::Dimension {
            value, ref unit, ..
        } => {
            let v = value as f64;
            let deg = match unit.to_ascii_lowercase().as_str() {
                "deg" => v,
                "rad" => v.to_degrees(),
                "grad" => v * 0.9,
                "turn" => v * 360.0,
                _ => return Err(bad()),
            };
            Ok(Comp::Angle(deg))
        }
        Token::Ident(ref id) if id.eq_ignore_ascii_case("none") => Ok(Comp::None),
        _ => Err(bad()),
    }
}

/// The components of a colour function: three channels and an optional alpha, in either
/// the legacy comma syntax or the modern space/slash syntax.
struct Args {
    c: [Comp; 3],
    alpha: Option<Comp>,
    legacy: bool,
}

fn parse_args(p: &mut Parser, allow_legacy: bool) -> Result<Args, ColorError> {
    let first = next_comp(p)?;
    let legacy = allow_legacy && p.try_parse(|p| p.expect_comma()).is_ok();
    let mut c = [first, Comp::None, Comp::None];
    if legacy {
        c[1] = next_comp(p)?;
        p.expect_comma().map_err(|_| bad())?;
        c[2] = next_comp(p)?;
        let alpha = if p.try_parse(|p| p.expect_comma()).is_ok() {
            Some(next_comp(p)?)
        } else {
            None
        };
        let has_none = c
            .iter()
            .chain(alpha.iter())
            .any(|x| matches!(x, Comp::None));
        if has_none {
            return Err(bad());
        }
        p.expect_exhausted().map_err(|_| bad())?;
        return Ok(Args { c, alpha, legacy });
    }
    c[1] = next_comp(p)?;
    c[2] = next_comp(p)?;
    let alpha = if p.try_parse(|p| p.expect_delim('/')).is_ok() {
        Some(next_comp(p)?)
    } else {
        None
    };
    p.expect_exhausted().map_err(|_| bad())?;
    Ok(Args { c, alpha, legacy })
}

fn alpha_of(alpha: Option<Comp>) -> Result<f64, ColorError> {
    Ok(match alpha {
        None => 1.0,
        Some(Comp::Number(n)) => n,
        Some(Comp::Percent(p)) => p,
        Some(Comp::None) => 0.0,
        Some(Comp::Angle(_)) => return Err(bad()),
    }
    .clamp(0.0, 1.0))
}

/// A number or a percentage scaled so that 100% is `hundred`; `none` is 0.
fn num(c: Comp, hundred: f64) -> Result<f64, ColorError> {
    match c {
        Comp::Number(n) => Ok(n),
        Comp::Percent(p) => Ok(p * hundred),
        Comp::None => Ok(0.0),
        Comp::Angle(_) => Err(bad()),
    }
}

fn hue(c: Comp) -> Result<f64, ColorError> {
    match c {
        Comp::Number(n) | Comp::Angle(n) => Ok(n.rem_euclid(360.0)),
        Comp::None => Ok(0.0),
        Comp::Percent(_) => Err(bad()),
    }
}

fn from_srgb(r: f64, g: f64, b: f64, a: f64) -> Rgba {
    let fix = |v: f64| {
        if v.is_finite() {
            v.clamp(0.0, 1.0)
        } else {
            0.0
        }
    };
    Rgba {
        r: fix(r),
        g: fix(g),
        b: fix(b),
        a: fix(a),
    }
}

pub(crate) fn from_linear(lin: LinSrgb<f64>, a: f64) -> Rgba {
    // Clamp in linear light first: gamut mapping by clipping (see module docs).
    let clamped = LinSrgb::new(
        lin.red.clamp(0.0, 1.0),
        lin.green.clamp(0.0, 1.0),
        lin.blue.clamp(0.0, 1.0),
    );
    let s: Srgb<f64> = Srgb::from_linear(clamped);
    from_srgb(s.red, s.green, s.blue, a)
}

fn from_xyz_d50(xyz: Xyz<D50, f64>, a: f64) -> Rgba {
    let d65: Xyz<D65, f64> = xyz.adapt_into_unclamped();
    from_linear(d65.into_color(), a)
}

fn parse_function(name: &str, p: &mut Parser) -> Result<Rgba, ColorError> {
    match name {
        "rgb" | "rgba" => {
            let args = parse_args(p, true)?;
            if args.legacy {
                // Legacy syntax: all three numbers or all three percentages.
                let all_num = args.c.iter().all(|c| matches!(c, Comp::Number(_)));
                let all_pct = args.c.iter().all(|c| matches!(c, Comp::Percent(_)));
                if !(all_num || all_pct) {
                    return Err(bad());
                }
            }
            let ch = |c: Comp| -> Result<f64, ColorError> { Ok(num(c, 255.0)? / 255.0) };
            Ok(from_srgb(
                ch(args.c[0])?,
                ch(args.c[1])?,
                ch(args.c[2])?,
                alpha_of(args.alpha)?,
            ))
        }
        "hsl" | "hsla" => {
            let args = parse_args(p, true)?;
            if args.legacy
                && !(matches!(args.c[1], Comp::Percent(_)) && matches!(args.c[2], Comp::Percent(_)))
            {
                return Err(bad());
            }
            let h = hue(args.c[0])?;
            let s = num(args.c[1], 100.0)? / 100.0;
            let l = num(args.c[2], 100.0)? / 100.0;
            let hsl: Hsl<palette::encoding::Srgb, f64> =
                Hsl::new(h, s.clamp(0.0, 1.0), l.clamp(0.0, 1.0));
            let rgb: Srgb<f64> = hsl.into_color();
            Ok(from_srgb(
                rgb.red,
                rgb.green,
                rgb.blue,
                alpha_of(args.alpha)?,
            ))
        }
        "hwb" => {
            let args = parse_args(p, false)?;
            let h = hue(args.c[0])?;
            let mut w = (num(args.c[1], 100.0)? / 100.0).clamp(0.0, 1.0);
            let mut bl = (num(args.c[2], 100.0)? / 100.0).clamp(0.0, 1.0);
            if w + bl > 1.0 {
                let sum = w + bl;
                w /= sum;
                bl /= sum;
            }
            let hwb: Hwb<palette::encoding::Srgb, f64> = Hwb::new(h, w, bl);
            let rgb: Srgb<f64> = hwb.into_color();
            Ok(from_srgb(
                rgb.red,
                rgb.green,
                rgb.blue,
                alpha_of(args.alpha)?,
            ))
        }
        "lab" | "lch" => {
            let args = parse_args(p, false)?;
            let l = num(args.c[0], 100.0)?.clamp(0.0, 100.0);
            let (a, b) = if name == "lab" {
                (num(args.c[1], 125.0)?, num(args.c[2], 125.0)?)
            } else {
                let c = num(args.c[1], 150.0)?.max(0.0);
                let h = hue(args.c[2])?.to_radians();
                (c * h.cos(), c * h.sin())
            };
            let lab: Lab<D50, f64> = Lab::new(l, a, b);
            Ok(from_xyz_d50(lab.into_color(), alpha_of(args.alpha)?))
        }
        "oklab" | "oklch" => {
            let args = parse_args(p, false)?;
            let l = num(args.c[0], 1.0)?.clamp(0.0, 1.0);
            let (a, b) = if name == "oklab" {
                (num(args.c[1], 0.4)?, num(args.c[2], 0.4)?)
            } else {
                let c = num(args.c[1], 0.4)?.max(0.0);
                let h = hue(args.c[2])?.to_radians();
                (c * h.cos(), c * h.sin())
            };
            let lin: LinSrgb<f64> = Oklab::new(l, a, b).into_color();
            Ok(from_linear(lin, alpha_of(args.alpha)?))
        }
        "color" => parse_color_function(p),
        _ => Err(bad()),
    }
}

/// `color(<space> c1 c2 c3 [/ alpha])`.
fn parse_color_function(p: &mut Parser) -> Result<Rgba, ColorError> {
    let space = p.expect_ident().map_err(|_| bad())?.to_ascii_lowercase();
    let args = parse_args(p, false)?;
    let c = |i: usize| num(args.c[i], 1.0);
    let (x, y, z) = (c(0)?, c(1)?, c(2)?);
    let a = alpha_of(args.alpha)?;
    match space.as_str() {
        "srgb" => Ok(from_srgb(x, y, z, a)),
        "srgb-linear" => Ok(from_linear(LinSrgb::new(x, y, z), a)),
        "display-p3" => {
            let p3: palette::rgb::DisplayP3<f64> = palette::rgb::DisplayP3::new(x, y, z);
            let lin: LinSrgb<f64> = p3.into_linear::<f64>().into_color_unclamped_xyz();
            Ok(from_linear(lin, a))
        }
        "xyz" | "xyz-d65" => Ok(from_linear(Xyz::<D65, f64>::new(x, y, z).into_color(), a)),
        "xyz-d50" => Ok(from_xyz_d50(Xyz::<D50, f64>::new(x, y, z), a)),
        _ => Err(bad()),
    }
}

/// Linear Display P3 to linear sRGB through XYZ (both D65, so no adaptation).
trait P3ToSrgb {
    fn into_color_unclamped_xyz(self) -> LinSrgb<f64>;
}

impl P3ToSrgb for palette::rgb::Rgb<palette::encoding::Linear<palette::encoding::DisplayP3>, f64> {
    fn into_color_unclamped_xyz(self) -> LinSrgb<f64> {
        let xyz: Xyz<D65, f64> = self.into_color();
        xyz.into_color()
    }
}

/// Gradient functions whose colours [`gradient_colors`] reads.
const GRADIENTS: &[&str] = &[
    "linear-gradient",
    "radial-gradient",
    "conic-gradient",
    "repeating-linear-gradient",
    "repeating-radial-gradient",
    "repeating-conic-gradient",
    "-webkit-linear-gradient",
    "-webkit-radial-gradient",
    "-webkit-repeating-linear-gradient",
];

/// How many colours are sampled between two adjacent colour stops (both ends included).
const GRADIENT_SAMPLES: usize = 16;

/// Every colour a `background-image` of one CSS gradient can paint: its colour stops and
/// colours sampled between adjacent stops (sRGB interpolation with premultiplied alpha, as
/// browsers do by default). `None` when the value is not exactly one gradient whose stops
/// are all fixed colours (an image `url()`, several layers, `currentcolor`, a system colour,
/// a `var()`, an interpolation colour space other than sRGB, `-webkit-gradient()`).
///
/// Along a segment between two stops, luminance is convex, so a contrast bound taken on the
/// samples is close but not exact between them; 16 samples per segment keep the error far
/// below the 0.01 a report prints.
pub fn gradient_colors(value: &str) -> Option<Vec<Rgba>> {
    let value = value.trim();
    let open = value.find('(')?;
    let name = value[..open].trim().to_ascii_lowercase();
    if !GRADIENTS.contains(&name.as_str()) || !value.ends_with(')') {
        return None;
    }
    let inner = &value[open + 1..value.len() - 1];
    // One layer: nothing may follow the closing parenthesis of this function.
    if split_top_level(value, ',').len() != 1 {
        return None;
    }
    let mut stops = Vec::new();
    for (i, arg) in split_top_level(inner, ',').into_iter().enumerate() {
        let parts: Vec<&str> = split_top_level(arg, ' ');
        let first = parts.first()?;
        match parse_color(first) {
            Ok(c) => stops.push(c),
            Err(ColorError::Invalid(_)) if i == 0 => {
                // Direction, shape or position; an interpolation space is not sRGB.
                if parts.iter().any(|p| p.eq_ignore_ascii_case("in")) {
                    return None;
                }
            }
            // A colour hint: a bare length or percentage between two stops.
            Err(ColorError::Invalid(_)) if parts.len() == 1 && is_position(first) => {}
            Err(_) => return None,
        }
    }
    if stops.is_empty() {
        return None;
    }
    let mut out = vec![stops[0]];
    for pair in stops.windows(2) {
        for k in 1..=GRADIENT_SAMPLES {
            let t = k as f64 / GRADIENT_SAMPLES as f64;
            out.push(interpolate(pair[0], pair[1], t));
        }
    }
    Some(out)
}

/// A length or percentage (`50%`, `3.3em`, `0`).
fn is_position(text: &str) -> bool {
    let digits = text.trim_start_matches(['-', '+']);
    digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
}

/// Premultiplied sRGB interpolation, as CSS gradients mix adjacent stops.
fn interpolate(a: Rgba, b: Rgba, t: f64) -> Rgba {
    let alpha = a.a * (1.0 - t) + b.a * t;
    if alpha <= 0.0 {
        return Rgba::TRANSPARENT;
    }
    let mix = |x: f64, y: f64| (x * a.a * (1.0 - t) + y * b.a * t) / alpha;
    Rgba {
        r: mix(a.r, b.r),
        g: mix(a.g, b.g),
        b: mix(a.b, b.b),
        a: alpha,
    }
}

/// `text` split at `sep` outside parentheses and quotes, pieces trimmed, empty pieces
/// dropped (so runs of spaces split once).
fn split_top_level(text: &str, sep: char) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut quote, mut start) = (0i32, None, 0);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, c) if depth == 0 && (c == sep || (sep == ' ' && c.is_whitespace())) => {
                out.push(text[start..i].trim());
                start = i + c.len_utf8();
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn gradient_colours_are_its_stops_and_what_lies_between() {
        let c = gradient_colors("linear-gradient(to right, rgb(255, 255, 255), rgb(0, 0, 255))")
            .unwrap();
        assert_eq!(c.first(), Some(&Rgba::WHITE));
        assert_eq!(c.last(), Some(&Rgba::opaque(0.0, 0.0, 1.0)));
        assert_eq!(c.len(), 1 + GRADIENT_SAMPLES);
        // Midway: half of each channel.
        let mid = c[GRADIENT_SAMPLES / 2];
        assert!((mid.r - 0.5).abs() < 1e-9 && (mid.b - 1.0).abs() < 1e-9);
        // Stops with positions and a colour hint; transparent stops mix premultiplied.
        let c = gradient_colors(
            "linear-gradient(90deg, transparent, transparent 3.3em, black 3.3em, black 6em)",
        )
        .unwrap();
        assert!(c.iter().all(|x| x.a == 0.0 || (x.r == 0.0 && x.g == 0.0)));
        assert!(
            gradient_colors("radial-gradient(circle at center, #fff 0%, 40%, #000 100%)").is_some()
        );
        // Not one gradient of fixed colours: unknown.
        for v in [
            "url(a.png)",
            "linear-gradient(red, blue), url(a.png)",
            "linear-gradient(red, currentcolor)",
            "linear-gradient(in oklab, red, blue)",
            "linear-gradient(red, var(--x))",
            "-webkit-gradient(linear, left top, left bottom, from(red), to(blue))",
            "none",
        ] {
            assert_eq!(gradient_colors(v), None, "{v}");
        }
    }
    use super::*;

    fn rgb(text: &str) -> (u8, u8, u8, f64) {
        let c = parse_color(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        let (r, g, b) = c.to_u8();
        (r, g, b, (c.a * 1000.0).round() / 1000.0)
    }

    #[test]
    fn hex_forms() {
        assert_eq!(rgb("#333"), (0x33, 0x33, 0x33, 1.0));
        assert_eq!(rgb("#0f08"), (0, 0xff, 0, 0.533));
        assert_eq!(rgb("#181818"), (24, 24, 24, 1.0));
        assert_eq!(rgb("#00000080"), (0, 0, 0, 0.502));
        assert_eq!(rgb("#ABCDEF"), (0xab, 0xcd, 0xef, 1.0));
    }

    #[test]
    fn named_transparent_and_special() {
        assert_eq!(rgb("white"), (255, 255, 255, 1.0));
        assert_eq!(rgb("RebeccaPurple"), (102, 51, 153, 1.0));
        assert_eq!(rgb("transparent"), (0, 0, 0, 0.0));
        assert_eq!(parse_color("currentColor"), Err(ColorError::CurrentColor));
        assert!(matches!(
            parse_color("Canvas"),
            Err(ColorError::SystemColor(_))
        ));
    }

    #[test]
    fn rgb_legacy_and_modern() {
        assert_eq!(rgb("rgb(24, 24, 24)"), (24, 24, 24, 1.0));
        assert_eq!(rgb("rgba(0,0,0,.3)"), (0, 0, 0, 0.3));
        assert_eq!(rgb("rgb(100%, 50%, 0%)"), (255, 128, 0, 1.0));
        assert_eq!(rgb("rgba(0, 0, 0, 50%)"), (0, 0, 0, 0.5));
        assert_eq!(rgb("rgb(0 128 255 / 0.25)"), (0, 128, 255, 0.25));
        assert_eq!(rgb("rgb(0 50% 255 / 25%)"), (0, 128, 255, 0.25));
        assert_eq!(rgb("rgb(none 0 0)"), (0, 0, 0, 1.0));
        assert_eq!(rgb("rgba(300, -5, 0)"), (255, 0, 0, 1.0));
        assert_eq!(rgb("RGB(1 2 3)"), (1, 2, 3, 1.0));
    }

    #[test]
    fn hsl_and_hwb() {
        assert_eq!(rgb("hsl(0, 100%, 50%)"), (255, 0, 0, 1.0));
        assert_eq!(rgb("hsla(120, 100%, 25%, 0.5)"), (0, 128, 0, 0.5));
        assert_eq!(rgb("hsl(240deg 100% 50%)"), (0, 0, 255, 1.0));
        assert_eq!(rgb("hsl(0.5turn 100 50 / 1)"), (0, 255, 255, 1.0));
        assert_eq!(rgb("hwb(0 0% 0%)"), (255, 0, 0, 1.0));
        assert_eq!(rgb("hwb(0 60% 60%)"), (128, 128, 128, 1.0));
    }

    #[test]
    fn lab_lch_oklab_oklch() {
        assert_eq!(rgb("lab(100 0 0)"), (255, 255, 255, 1.0));
        assert_eq!(rgb("lab(0% 0 0)"), (0, 0, 0, 1.0));
        // lab(54.29 80.8 69.89) is sRGB red in CSS Color 4's D50 Lab.
        let (r, g, b, _) = rgb("lab(54.29 80.8 69.89)");
        assert!(r >= 253 && g <= 3 && b <= 3, "{r} {g} {b}");
        let (r, g, b, _) = rgb("lch(54.29 106.84 40.85)");
        assert!(r >= 253 && g <= 3 && b <= 3, "{r} {g} {b}");
        assert_eq!(rgb("oklab(1 0 0)"), (255, 255, 255, 1.0));
        let (r, g, b, _) = rgb("oklch(62.8% 0.2577 29.23)");
        assert!(r >= 253 && g <= 3 && b <= 3, "{r} {g} {b}");
        let (r, g, b, a) = rgb("oklab(0.628 0.2249 0.1258 / 50%)");
        assert!(r >= 253 && g <= 3 && b <= 3 && a == 0.5, "{r} {g} {b}");
    }

    #[test]
    fn color_function_spaces() {
        assert_eq!(rgb("color(srgb 1 0 0)"), (255, 0, 0, 1.0));
        assert_eq!(rgb("color(srgb 100% 50% 0% / 0.5)"), (255, 128, 0, 0.5));
        assert_eq!(rgb("color(srgb-linear 1 1 1)"), (255, 255, 255, 1.0));
        assert_eq!(
            rgb("color(srgb-linear 0.2159 0.2159 0.2159)"),
            (128, 128, 128, 1.0)
        );
        // Display P3 red is outside sRGB: clamped to sRGB red.
        assert_eq!(rgb("color(display-p3 1 0 0)"), (255, 0, 0, 1.0));
        assert_eq!(rgb("color(display-p3 1 1 1)"), (255, 255, 255, 1.0));
        assert_eq!(rgb("color(xyz-d65 0.9505 1 1.089)"), (255, 255, 255, 1.0));
        assert_eq!(rgb("color(xyz-d50 0.9642 1 0.8251)"), (255, 255, 255, 1.0));
    }

    #[test]
    fn malformed_colours_are_errors() {
        for bad in [
            "",
            "#12",
            "#12345",
            "#ggg",
            "notacolor",
            "rgb(1, 2)",
            "rgb(1 2 3 4)",
            "rgb(1, 2 3)",
            "rgb(10%, 2, 3)",
            "rgb(1, 2, 3,)",
            "rgb(none, 0, 0)",
            "hsl(0, 100, 50)",
            "hwb(0, 0%, 0%)",
            "lab(50 0)",
            "color(rec9999 1 0 0)",
            "rgb(1 2 3) extra",
            "red blue",
            "rgb(1px 2 3)",
            "hsl(10% 10% 10%)",
            "url(x)",
        ] {
            assert!(
                matches!(parse_color(bad), Err(ColorError::Invalid(_))),
                "{bad:?} should be invalid, got {:?}",
                parse_color(bad)
            );
        }
    }

    #[test]
    fn serialization_matches_computed_style() {
        assert_eq!(parse_color("#181818").unwrap().to_css(), "rgb(24, 24, 24)");
        assert_eq!(
            parse_color("rgba(0,0,0,.5)").unwrap().to_css(),
            "rgba(0, 0, 0, 0.5)"
        );
        assert_eq!(
            parse_color("transparent").unwrap().to_css(),
            "rgba(0, 0, 0, 0)"
        );
        assert_eq!(parse_color("#abc").unwrap().to_hex(), "#aabbcc");
    }

    #[test]
    fn contrast_maths() {
        let black = parse_color("#000").unwrap();
        let white = parse_color("#fff").unwrap();
        assert!((contrast_ratio(black, white) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(white, white) - 1.0).abs() < 1e-9);
        // Symmetric.
        let grey = parse_color("#777").unwrap();
        assert_eq!(contrast_ratio(grey, white), contrast_ratio(white, grey));
        // #777 on white is 4.478:1 — it fails 4.5 and must never be rounded up to pass.
        let r = contrast_ratio(grey, white);
        assert!(r > 4.47 && r < 4.49, "{r}");
        assert!(r < 4.5);
        assert_eq!(format_ratio(r), "4.47");
        assert_eq!(format_ratio(4.999), "4.99");
        assert_eq!(format_ratio(21.0), "21.00");
        // #767676 is the lightest grey that passes on white.
        assert!(contrast_ratio(parse_color("#767676").unwrap(), white) >= 4.5);
    }

    #[test]
    fn compositing() {
        let half_black = parse_color("rgba(0, 0, 0, 0.5)").unwrap();
        let c = composite(half_black, Rgba::WHITE);
        assert_eq!(c.to_u8(), (128, 128, 128));
        assert!(c.is_opaque());
        // A translucent foreground is composited before the ratio is taken.
        let r = contrast_ratio(parse_color("rgba(0,0,0,.3)").unwrap(), Rgba::WHITE);
        let flat = contrast_ratio(
            composite(parse_color("rgba(0,0,0,.3)").unwrap(), Rgba::WHITE),
            Rgba::WHITE,
        );
        assert!((r - flat).abs() < 1e-12 && r < 3.0, "{r}");
        // Transparent over anything is the backdrop.
        assert_eq!(composite(Rgba::TRANSPARENT, Rgba::BLACK), Rgba::BLACK);
        assert_eq!(
            composite(Rgba::TRANSPARENT, Rgba::TRANSPARENT),
            Rgba::TRANSPARENT
        );
        // Two half-transparent layers.
        let two = composite(half_black, half_black);
        assert!((two.a - 0.75).abs() < 1e-12);
    }
}
