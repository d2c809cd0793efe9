//! Specified values: parsed once per declaration (never per element), validated the way
//! browsers validate at parse time, and shorthands expanded into our longhands.

use std::sync::Arc;

use cssparser::{ParseError, Parser, Token};
use portalscan_core::color::{ColorError, parse_color};

use super::props::{Kind, Prop, Shorthand, border_colors, border_styles, border_widths};

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Wide {
    Inherit,
    Initial,
    Unset,
    /// `revert` / `revert-layer`: rolling back to the user-agent value is not modelled,
    /// so the property becomes unknown.
    Revert,
}

/// A length as a linear combination of units, so `calc(1rem + 2px)` stays computable.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Len {
    pub px: f64,
    pub em: f64,
    pub rem: f64,
    pub pct: f64,
}

impl Len {
    fn px(v: f64) -> Len {
        Len {
            px: v,
            ..Len::default()
        }
    }
    fn scale(self, k: f64) -> Len {
        Len {
            px: self.px * k,
            em: self.em * k,
            rem: self.rem * k,
            pct: self.pct * k,
        }
    }
    fn add(self, o: Len) -> Len {
        Len {
            px: self.px + o.px,
            em: self.em + o.em,
            rem: self.rem + o.rem,
            pct: self.pct + o.pct,
        }
    }
    /// Absolute px, given the font sizes `em` and `rem` refer to; `None` with percentages.
    pub fn resolve(self, em_px: f64, rem_px: f64) -> Option<f64> {
        if self.pct != 0.0 {
            return None;
        }
        let v = self.px + self.em * em_px + self.rem * rem_px;
        v.is_finite().then_some(v)
    }
    pub fn is_pure_percent(self) -> bool {
        self.px == 0.0 && self.em == 0.0 && self.rem == 0.0
    }
}

/// A declaration's value for one longhand.
#[derive(Clone, Debug, PartialEq)]
pub enum Spec {
    Wide(Wide),
    /// Already the computed value (keywords, `rgb()` colours, `none`, numbers).
    Text(Arc<str>),
    CurrentColor,
    Len(Len),
    /// `font-size` relative to the parent's (`em`, `%`, `smaller`, `larger`) or the root's.
    FontSize(Len),
    Bolder,
    Lighter,
    /// Valid CSS whose value needs facts we do not have (`calc(1vw + 2px)`, system
    /// colours, `ch` units): the property stays absent.
    Unknown,
    /// Contains `var()`: substituted and parsed per element.
    Var(Arc<Pending>),
}

#[derive(Debug, PartialEq)]
pub struct Pending {
    pub text: Box<str>,
    /// Set when the `var()` was in a shorthand: expand after substitution, keep `prop`.
    pub shorthand: Option<Shorthand>,
    pub prop: Prop,
}

pub fn has_var(text: &str) -> bool {
    let b = text.as_bytes();
    b.windows(4).any(|w| w.eq_ignore_ascii_case(b"var("))
}

fn wide(text: &str) -> Option<Wide> {
    Some(match text.to_ascii_lowercase().as_str() {
        "inherit" => Wide::Inherit,
        "initial" => Wide::Initial,
        "unset" => Wide::Unset,
        "revert" | "revert-layer" => Wide::Revert,
        _ => return None,
    })
}

/// Splits a value into top-level components: functions and blocks stay whole, commas and
/// slashes are components of their own.
pub fn components(text: &str) -> Vec<&str> {
    let mut p = Parser::new(text);
    let mut out = Vec::new();
    loop {
        p.skip_whitespace();
        let start = p.position();
        let Ok(token) = p.next() else { break };
        let nested = matches!(
            token,
            Token::Function(_)
                | Token::ParenthesisBlock
                | Token::SquareBracketBlock
                | Token::CurlyBracketBlock
        );
        if nested {
            let _ = p.parse_nested_block(|p| {
                while p.next().is_ok() {}
                Ok::<(), ParseError<()>>(())
            });
        }
        out.push(p.slice_from(start).trim());
    }
    out
}

/// Parses a longhand's value. `None` means invalid: the declaration is dropped.
pub fn parse_longhand(prop: Prop, text: &str) -> Option<Spec> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if has_var(text) {
        return Some(Spec::Var(Arc::new(Pending {
            text: text.into(),
            shorthand: None,
            prop,
        })));
    }
    if let Some(w) = wide(text) {
        return Some(Spec::Wide(w));
    }
    let parts = components(text);
    match prop.info().kind {
        Kind::Color => single(&parts).and_then(color),
        Kind::Keyword(list) => keyword(prop, &parts, list),
        Kind::FontSize => single(&parts).and_then(font_size),
        Kind::FontWeight => single(&parts).and_then(font_weight),
        Kind::Length { percent, auto } => {
            single(&parts).and_then(|c| length_value(c, percent, auto))
        }
        Kind::LineWidth => single(&parts).and_then(line_width),
        Kind::Opacity => single(&parts).and_then(opacity),
        Kind::Raw(none) => raw(prop, text, none),
    }
}

fn single<'a>(parts: &[&'a str]) -> Option<&'a str> {
    match parts {
        [one] => Some(one),
        _ => None,
    }
}

pub fn color(text: &str) -> Option<Spec> {
    match parse_color(text) {
        Ok(c) => Some(Spec::Text(c.to_css().into())),
        Err(ColorError::CurrentColor) => Some(Spec::CurrentColor),
        Err(ColorError::SystemColor(_)) => Some(Spec::Unknown),
        Err(ColorError::Invalid(_)) => {
            // `color-mix()`, relative colours, `light-dark()`: valid CSS we do not compute.
            let lower = text.to_ascii_lowercase();
            let deferred = ["color-mix(", "light-dark(", "contrast-color("];
            deferred
                .iter()
                .any(|f| lower.starts_with(f))
                .then_some(Spec::Unknown)
        }
    }
}

fn keyword(prop: Prop, parts: &[&str], list: &[&str]) -> Option<Spec> {
    let lower: Vec<String> = parts.iter().map(|p| p.to_ascii_lowercase()).collect();
    let words: Vec<&str> = lower.iter().map(String::as_str).collect();
    let value: &str = match (prop, words.as_slice()) {
        (_, [one]) if list.contains(one) => one,
        (Prop::TextDecorationLine, many)
            if many.iter().all(|w| list.contains(w) && *w != "none") =>
        {
            return Some(Spec::Text(many.join(" ").into()));
        }
        // Two-value `display`.
        (Prop::Display, ["block", "flow"] | ["flow", "block"]) => "block",
        (Prop::Display, ["inline", "flow"] | ["flow", "inline"]) => "inline",
        (Prop::Display, ["inline", "flow-root"] | ["flow-root", "inline"]) => "inline-block",
        (Prop::Display, ["block", "flex"] | ["flex", "block"]) => "flex",
        (Prop::Display, ["inline", "flex"] | ["flex", "inline"]) => "inline-flex",
        (Prop::Display, ["block", "grid"] | ["grid", "block"]) => "grid",
        (Prop::Display, ["inline", "grid"] | ["grid", "inline"]) => "inline-grid",
        (Prop::Display, ["block", "flow-root"] | ["flow-root", "block"]) => "flow-root",
        (Prop::Display, ["list-item", "block"] | ["block", "list-item"]) => "list-item",
        _ => return None,
    };
    Some(Spec::Text(value.into()))
}

/// A `<length>` component (px, font-relative, absolute units, `calc()`); `Err(())` when it
/// is a valid length we cannot compute (viewport or font-metric units).
fn length(text: &str) -> Option<Result<Len, ()>> {
    let mut p = Parser::new(text);
    let result = length_token(&mut p, 0);
    if !p.is_exhausted() {
        return None;
    }
    result
}

fn unit_len(value: f64, unit: &str) -> Option<Result<Len, ()>> {
    let px = |k: f64| Some(Ok(Len::px(value * k)));
    match unit.to_ascii_lowercase().as_str() {
        "px" => px(1.0),
        "pt" => px(4.0 / 3.0),
        "pc" => px(16.0),
        "in" => px(96.0),
        "cm" => px(96.0 / 2.54),
        "mm" => px(96.0 / 25.4),
        "q" => px(96.0 / 101.6),
        "em" => Some(Ok(Len {
            em: value,
            ..Len::default()
        })),
        "rem" => Some(Ok(Len {
            rem: value,
            ..Len::default()
        })),
        "ex" | "ch" | "cap" | "ic" | "lh" | "rlh" | "rex" | "rch" | "ric" | "vw" | "vh"
        | "vmin" | "vmax" | "svw" | "svh" | "lvw" | "lvh" | "dvw" | "dvh" | "vi" | "vb" | "cqw"
        | "cqh" | "cqi" | "cqb" | "cqmin" | "cqmax" => Some(Err(())),
        _ => None,
    }
}

fn length_token(p: &mut Parser, depth: u8) -> Option<Result<Len, ()>> {
    let token = p.next().ok()?.clone();
    match token {
        Token::Dimension {
            value, ref unit, ..
        } => unit_len(value as f64, unit),
        Token::Number { value: 0.0, .. } => Some(Ok(Len::default())),
        Token::Percentage { unit_value, .. } => Some(Ok(Len {
            pct: unit_value as f64 * 100.0,
            ..Len::default()
        })),
        Token::Function(ref name)
            if depth < 8
                && ["calc", "-webkit-calc", "min", "max", "clamp"]
                    .contains(&name.to_ascii_lowercase().as_str()) =>
        {
            let name = name.to_ascii_lowercase();
            p.parse_nested_block(|p| {
                let r = if name.ends_with("calc") {
                    calc_sum(p, depth + 1)
                } else {
                    // min()/max()/clamp() need the comparison at use time: valid, unknown.
                    while p.next().is_ok() {}
                    Some(Err(()))
                };
                r.ok_or_else(|| p.new_error_for_next_token::<()>())
            })
            .ok()
        }
        _ => None,
    }
}

/// `calc()` with + - * / over lengths and numbers (no comparison functions inside).
fn calc_sum(p: &mut Parser, depth: u8) -> Option<Result<Len, ()>> {
    let mut total = calc_product(p, depth)?;
    loop {
        if p.is_exhausted() {
            return Some(total);
        }
        let sign = match p.next().ok()? {
            Token::Delim('+') => 1.0,
            Token::Delim('-') => -1.0,
            _ => return None,
        };
        let rhs = calc_product(p, depth)?;
        total = match (total, rhs) {
            (Ok(a), Ok(b)) => Ok(a.add(b.scale(sign))),
            _ => Err(()),
        };
    }
}

enum Term {
    Number(f64),
    Length(Result<Len, ()>),
}

fn calc_product(p: &mut Parser, depth: u8) -> Option<Result<Len, ()>> {
    let mut acc = calc_term(p, depth)?;
    loop {
        let state = p.state();
        let op = match p.next() {
            Ok(Token::Delim('*')) => '*',
            Ok(Token::Delim('/')) => '/',
            _ => {
                p.reset(&state);
                break;
            }
        };
        let rhs = calc_term(p, depth)?;
        acc = match (acc, rhs, op) {
            (Term::Number(a), Term::Number(b), '*') => Term::Number(a * b),
            (Term::Number(a), Term::Number(b), '/') if b != 0.0 => Term::Number(a / b),
            (Term::Length(l), Term::Number(k), '*') | (Term::Number(k), Term::Length(l), '*') => {
                Term::Length(l.map(|l| l.scale(k)))
            }
            (Term::Length(l), Term::Number(k), '/') if k != 0.0 => {
                Term::Length(l.map(|l| l.scale(1.0 / k)))
            }
            _ => return None,
        };
    }
    match acc {
        Term::Length(l) => Some(l),
        // A bare number is only a length when it is zero.
        Term::Number(0.0) => Some(Ok(Len::default())),
        Term::Number(_) => None,
    }
}

fn calc_term(p: &mut Parser, depth: u8) -> Option<Term> {
    let state = p.state();
    match p.next().ok()?.clone() {
        Token::Number { value, .. } => Some(Term::Number(value as f64)),
        Token::ParenthesisBlock if depth < 8 => p
            .parse_nested_block(|p| {
                calc_sum(p, depth + 1).ok_or_else(|| p.new_error_for_next_token::<()>())
            })
            .ok()
            .map(Term::Length),
        _ => {
            p.reset(&state);
            length_token(p, depth).map(Term::Length)
        }
    }
}

fn length_value(text: &str, percent: bool, auto: bool) -> Option<Spec> {
    let lower = text.to_ascii_lowercase();
    if lower == "auto" {
        return if auto {
            Some(Spec::Text("auto".into()))
        } else {
            Some(Spec::Unknown)
        };
    }
    // Sizing keywords of width/height need layout.
    if !auto
        && !percent
        && [
            "min-content",
            "max-content",
            "fit-content",
            "stretch",
            "-webkit-fill-available",
        ]
        .contains(&lower.as_str())
    {
        return Some(Spec::Unknown);
    }
    match length(text)? {
        Ok(l) if l.pct != 0.0 && !percent => Some(Spec::Unknown),
        Ok(l) => Some(Spec::Len(l)),
        Err(()) => Some(Spec::Unknown),
    }
}

fn line_width(text: &str) -> Option<Spec> {
    match text.to_ascii_lowercase().as_str() {
        "thin" => Some(Spec::Len(Len::px(1.0))),
        "medium" => Some(Spec::Len(Len::px(3.0))),
        "thick" => Some(Spec::Len(Len::px(5.0))),
        _ => match length(text)? {
            Ok(l) if l.pct != 0.0 => None,
            Ok(l) if l.px < 0.0 || l.em < 0.0 || l.rem < 0.0 => None,
            Ok(l) => Some(Spec::Len(l)),
            Err(()) => Some(Spec::Unknown),
        },
    }
}

/// Font sizes of the absolute-size keywords at the default 16px medium.
fn font_size(text: &str) -> Option<Spec> {
    let px = |v: f64| Some(Spec::FontSize(Len::px(v)));
    match text.to_ascii_lowercase().as_str() {
        "xx-small" => px(9.0),
        "x-small" => px(10.0),
        "small" => px(13.0),
        "medium" => px(16.0),
        "large" => px(18.0),
        "x-large" => px(24.0),
        "xx-large" => px(32.0),
        "xxx-large" => px(48.0),
        "smaller" => Some(Spec::FontSize(Len {
            em: 1.0 / 1.2,
            ..Len::default()
        })),
        "larger" => Some(Spec::FontSize(Len {
            em: 1.2,
            ..Len::default()
        })),
        "math" => Some(Spec::Unknown),
        _ => match length(text)? {
            Ok(l) if l.px < 0.0 || l.em < 0.0 || l.rem < 0.0 || l.pct < 0.0 => None,
            // For font-size, `%` is relative to the parent's font size like `em`.
            Ok(l) => Some(Spec::FontSize(Len {
                em: l.em + l.pct / 100.0,
                pct: 0.0,
                ..l
            })),
            Err(()) => Some(Spec::Unknown),
        },
    }
}

fn font_weight(text: &str) -> Option<Spec> {
    match text.to_ascii_lowercase().as_str() {
        "normal" => Some(Spec::Text("400".into())),
        "bold" => Some(Spec::Text("700".into())),
        "bolder" => Some(Spec::Bolder),
        "lighter" => Some(Spec::Lighter),
        _ => {
            let mut p = Parser::new(text);
            match p.next().ok()? {
                Token::Number { value, .. } if (1.0..=1000.0).contains(value) => {
                    let v = *value as f64;
                    p.is_exhausted().then(|| Spec::Text(fmt_number(v).into()))
                }
                Token::Function(_) => Some(Spec::Unknown),
                _ => None,
            }
        }
    }
}

fn opacity(text: &str) -> Option<Spec> {
    let mut p = Parser::new(text);
    let v = match p.next().ok()? {
        Token::Number { value, .. } => *value as f64,
        Token::Percentage { unit_value, .. } => *unit_value as f64,
        Token::Function(_) => return Some(Spec::Unknown),
        _ => return None,
    };
    p.is_exhausted()
        .then(|| Spec::Text(fmt_number(v.clamp(0.0, 1.0)).into()))
}

fn raw(prop: Prop, text: &str, none: &str) -> Option<Spec> {
    let normalized = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if normalized.eq_ignore_ascii_case(none) {
        return Some(Spec::Text(none.into()));
    }
    if prop == Prop::BackgroundImage && !looks_like_images(&normalized) {
        return None;
    }
    Some(Spec::Text(normalized.into()))
}

const IMAGE_FUNCTIONS: &[&str] = &[
    "url(",
    "linear-gradient(",
    "radial-gradient(",
    "conic-gradient(",
    "repeating-linear-gradient(",
    "repeating-radial-gradient(",
    "repeating-conic-gradient(",
    "-webkit-linear-gradient(",
    "-webkit-radial-gradient(",
    "-webkit-gradient(",
    "-webkit-repeating-linear-gradient(",
    "image-set(",
    "-webkit-image-set(",
    "cross-fade(",
    "image(",
    "element(",
    "paint(",
];

fn is_image(component: &str) -> bool {
    let lower = component.to_ascii_lowercase();
    IMAGE_FUNCTIONS.iter().any(|f| lower.starts_with(f))
}

fn looks_like_images(text: &str) -> bool {
    let parts = components(text);
    parts
        .split(|p| *p == ",")
        .all(|layer| matches!(layer, [one] if is_image(one) || one.eq_ignore_ascii_case("none")))
}

/// Expands a shorthand into our longhands. `None` when invalid (the declaration is dropped).
pub fn expand(sh: Shorthand, text: &str) -> Option<Vec<(Prop, Spec)>> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let longhands = sh.longhands();
    if has_var(text) {
        let pending = |prop| {
            Spec::Var(Arc::new(Pending {
                text: text.into(),
                shorthand: Some(sh),
                prop,
            }))
        };
        return Some(longhands.into_iter().map(|p| (p, pending(p))).collect());
    }
    if let Some(w) = wide(text) {
        return Some(longhands.into_iter().map(|p| (p, Spec::Wide(w))).collect());
    }
    let parts = components(text);
    match sh {
        Shorthand::Background => background(&parts),
        Shorthand::Border => {
            let [w, s, c] = border_like(&parts, Prop::BorderTopStyle)?;
            let mut out = Vec::new();
            for i in 0..4 {
                out.push((border_widths()[i], w.clone()));
                out.push((border_styles()[i], s.clone()));
                out.push((border_colors()[i], c.clone()));
            }
            Some(out)
        }
        Shorthand::BorderSide(i) => {
            let [w, s, c] = border_like(&parts, Prop::BorderTopStyle)?;
            Some(vec![
                (border_widths()[i], w),
                (border_styles()[i], s),
                (border_colors()[i], c),
            ])
        }
        Shorthand::Outline => {
            let [w, s, c] = border_like(&parts, Prop::OutlineStyle)?;
            Some(vec![
                (Prop::OutlineWidth, w),
                (Prop::OutlineStyle, s),
                (Prop::OutlineColor, c),
            ])
        }
        Shorthand::BorderWidth => four(&parts, border_widths(), Prop::BorderTopWidth),
        Shorthand::BorderStyle => four(&parts, border_styles(), Prop::BorderTopStyle),
        Shorthand::BorderColor => four(&parts, border_colors(), Prop::BorderTopColor),
        Shorthand::Inset => four(
            &parts,
            [Prop::Top, Prop::Right, Prop::Bottom, Prop::Left],
            Prop::Top,
        ),
        Shorthand::Overflow => {
            let x = parse_longhand(Prop::OverflowX, parts.first()?)?;
            let y = match parts.len() {
                1 => x.clone(),
                2 => parse_longhand(Prop::OverflowY, parts[1])?,
                _ => return None,
            };
            Some(vec![(Prop::OverflowX, x), (Prop::OverflowY, y)])
        }
        Shorthand::Font => font(&parts),
        Shorthand::TextDecoration => {
            let lines: Vec<&str> = parts
                .iter()
                .copied()
                .filter(|p| {
                    ["underline", "overline", "line-through", "blink", "none"]
                        .contains(&p.to_ascii_lowercase().as_str())
                })
                .collect();
            let spec = if lines.is_empty() {
                Spec::Text("none".into())
            } else {
                parse_longhand(Prop::TextDecorationLine, &lines.join(" "))?
            };
            Some(vec![(Prop::TextDecorationLine, spec)])
        }
    }
}

/// `1–4` values for top, right, bottom, left.
fn four(parts: &[&str], props: [Prop; 4], parse_as: Prop) -> Option<Vec<(Prop, Spec)>> {
    let vals: Vec<Spec> = parts
        .iter()
        .map(|p| parse_longhand(parse_as, p))
        .collect::<Option<_>>()?;
    let [t, r, b, l] = match vals.as_slice() {
        [a] => [a, a, a, a],
        [a, b] => [a, b, a, b],
        [a, b, c] => [a, b, c, b],
        [a, b, c, d] => [a, b, c, d],
        _ => return None,
    };
    Some(
        props
            .into_iter()
            .zip([t, r, b, l])
            .map(|(p, v)| (p, v.clone()))
            .collect(),
    )
}

/// `<line-width> || <line-style> || <color>` for border and outline.
fn border_like(parts: &[&str], style_prop: Prop) -> Option<[Spec; 3]> {
    if parts.is_empty() || parts.len() > 3 {
        return None;
    }
    let (mut w, mut s, mut c) = (None, None, None);
    for part in parts {
        if s.is_none()
            && let Some(v) = parse_longhand(style_prop, part)
        {
            s = Some(v);
        } else if w.is_none()
            && let Some(v) = line_width(part)
        {
            w = Some(v);
        } else if c.is_none()
            && let Some(v) = color(part)
        {
            c = Some(v);
        } else {
            return None;
        }
    }
    Some([
        w.unwrap_or(Spec::Len(Len::px(3.0))),
        s.unwrap_or(Spec::Text("none".into())),
        c.unwrap_or(Spec::CurrentColor),
    ])
}

fn background(parts: &[&str]) -> Option<Vec<(Prop, Spec)>> {
    let layers: Vec<&[&str]> = parts.split(|p| *p == ",").collect();
    let mut images = Vec::new();
    let mut colour = Spec::Text("rgba(0, 0, 0, 0)".into());
    for (i, layer) in layers.iter().enumerate() {
        let last = i + 1 == layers.len();
        let mut image = None;
        for part in layer.iter() {
            if is_image(part) || part.eq_ignore_ascii_case("none") {
                if image.is_some() {
                    return None;
                }
                image = Some(if part.eq_ignore_ascii_case("none") {
                    "none".to_string()
                } else {
                    part.split_whitespace().collect::<Vec<_>>().join(" ")
                });
            } else if last && let Some(c) = color(part) {
                colour = c;
            }
            // Positions, sizes, repeat, attachment and box keywords are not computed.
        }
        images.push(image.unwrap_or_else(|| "none".into()));
    }
    let image = if images.iter().all(|i| i == "none") {
        "none".to_string()
    } else {
        images.join(", ")
    };
    Some(vec![
        (Prop::BackgroundColor, colour),
        (Prop::BackgroundImage, Spec::Text(image.into())),
    ])
}

/// `font`: `[style || variant || weight || stretch]? size [/ line-height]? family`.
fn font(parts: &[&str]) -> Option<Vec<(Prop, Spec)>> {
    const SYSTEM: &[&str] = &[
        "caption",
        "icon",
        "menu",
        "message-box",
        "small-caption",
        "status-bar",
    ];
    if let [one] = parts
        && SYSTEM.contains(&one.to_ascii_lowercase().as_str())
    {
        return Some(vec![
            (Prop::FontSize, Spec::Unknown),
            (Prop::FontWeight, Spec::Unknown),
        ]);
    }
    const PREFIX: &[&str] = &[
        "normal",
        "italic",
        "oblique",
        "small-caps",
        "ultra-condensed",
        "extra-condensed",
        "condensed",
        "semi-condensed",
        "semi-expanded",
        "expanded",
        "extra-expanded",
        "ultra-expanded",
    ];
    let mut weight = Spec::Text("400".into());
    let mut i = 0;
    while i < parts.len() {
        let lower = parts[i].to_ascii_lowercase();
        if PREFIX.contains(&lower.as_str()) {
            i += 1;
            continue;
        }
        if let Some(w) = font_weight(parts[i]) {
            weight = w;
            i += 1;
            continue;
        }
        break;
    }
    let size = font_size(parts.get(i)?)?;
    i += 1;
    if parts.get(i) == Some(&"/") {
        i += 2;
    }
    // A family must follow.
    if i >= parts.len() {
        return None;
    }
    Some(vec![(Prop::FontSize, size), (Prop::FontWeight, weight)])
}

/// Numbers as `getComputedStyle` prints them: at most six significant digits.
pub fn fmt_number(v: f64) -> String {
    if !v.is_finite() {
        return "0".into();
    }
    if v.fract() == 0.0 && v.abs() < 1e15 {
        return format!("{}", v as i64);
    }
    let int_digits = if v.abs() >= 1.0 {
        v.abs().log10().floor() as i32 + 1
    } else {
        1
    };
    let decimals = (6 - int_digits).clamp(0, 6);
    let scale = 10f64.powi(decimals);
    // Rounded, then printed in Rust's shortest round-trip form (fast, no trailing zeros).
    let rounded = (v * scale).round() / scale;
    let s = format!("{rounded}");
    if s == "-0" { "0".into() } else { s }
}

pub fn fmt_px(v: f64) -> String {
    format!("{}px", fmt_number(v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_chrome() {
        assert_eq!(fmt_px(18.666666), "18.6667px");
        assert_eq!(fmt_px(16.0), "16px");
        assert_eq!(fmt_px(-15984.0), "-15984px");
        assert_eq!(fmt_number(0.3), "0.3");
        assert_eq!(fmt_number(0.0), "0");
    }

    #[test]
    fn components_keep_functions_whole() {
        assert_eq!(
            components("#000 no-repeat -20px url('a b.png'), linear-gradient(red, blue)"),
            vec![
                "#000",
                "no-repeat",
                "-20px",
                "url('a b.png')",
                ",",
                "linear-gradient(red, blue)"
            ]
        );
        assert_eq!(
            components("14px/1.5 Arial"),
            vec!["14px", "/", "1.5", "Arial"]
        );
    }

    #[test]
    fn lengths_and_calc() {
        assert_eq!(
            length("2em"),
            Some(Ok(Len {
                em: 2.0,
                ..Len::default()
            }))
        );
        assert_eq!(length("12pt").unwrap().unwrap().px, 16.0);
        let l = length("calc(1rem + 2px)").unwrap().unwrap();
        assert_eq!((l.rem, l.px), (1.0, 2.0));
        let l = length("calc((2px + 1em) * 2)").unwrap().unwrap();
        assert_eq!((l.px, l.em), (4.0, 2.0));
        assert_eq!(length("calc(1vw + 2px)"), Some(Err(())));
        assert_eq!(length("10vh"), Some(Err(())));
        assert_eq!(length("10"), None);
        assert_eq!(length("10 px"), None);
        assert_eq!(length("calc(2px * 3px)"), None);
    }

    #[test]
    fn invalid_values_are_dropped() {
        assert_eq!(parse_longhand(Prop::Color, "notacolor"), None);
        assert_eq!(parse_longhand(Prop::Display, "blok"), None);
        assert_eq!(parse_longhand(Prop::Opacity, "half"), None);
        assert_eq!(parse_longhand(Prop::FontSize, "-2px"), None);
        assert_eq!(parse_longhand(Prop::BackgroundImage, "red"), None);
        assert_eq!(parse_longhand(Prop::MixBlendMode, "blend"), None);
        assert!(expand(Shorthand::Border, "1px solid red blue").is_none());
        assert!(expand(Shorthand::Font, "bold 14px").is_none());
    }

    #[test]
    fn shorthands_expand() {
        let bg = expand(
            Shorthand::Background,
            "#000 no-repeat -20px -20px url('x.jpeg')",
        )
        .unwrap();
        assert_eq!(
            bg[0],
            (Prop::BackgroundColor, Spec::Text("rgb(0, 0, 0)".into()))
        );
        assert_eq!(
            bg[1],
            (Prop::BackgroundImage, Spec::Text("url('x.jpeg')".into()))
        );
        let b = expand(Shorthand::Border, "medium solid navy").unwrap();
        assert!(b.contains(&(Prop::BorderLeftStyle, Spec::Text("solid".into()))));
        assert!(b.contains(&(Prop::BorderTopColor, Spec::Text("rgb(0, 0, 128)".into()))));
        let o = expand(Shorthand::Outline, "none").unwrap();
        assert_eq!(o[1], (Prop::OutlineStyle, Spec::Text("none".into())));
        assert_eq!(o[2], (Prop::OutlineColor, Spec::CurrentColor));
        let f = expand(Shorthand::Font, "italic bold 12px/30px Georgia, serif").unwrap();
        assert_eq!(f[1], (Prop::FontWeight, Spec::Text("700".into())));
        let w = expand(Shorthand::BorderWidth, "1px 2px").unwrap();
        assert_eq!(w[3], (Prop::BorderLeftWidth, Spec::Len(Len::px(2.0))));
        let v = expand(Shorthand::Border, "1px solid var(--c)").unwrap();
        assert!(matches!(v[0].1, Spec::Var(_)));
    }
}
