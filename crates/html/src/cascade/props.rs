//! The longhand properties the cascade computes, their grammar kind, inheritance and
//! initial computed value, and the shorthands that set them.

use portalscan_core::css;

/// What a property's value looks like, which decides how it is parsed and computed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A `<color>`; `currentcolor` resolves to the element's `color`.
    Color,
    /// One keyword out of a list.
    Keyword(&'static [&'static str]),
    FontSize,
    FontWeight,
    /// `<length>` (and `<percentage>` kept as written when `percent` is set, `auto` when
    /// `auto` is set). `width`/`height` percentages need layout and stay unknown.
    Length {
        percent: bool,
        auto: bool,
    },
    /// Border and outline widths: `thin` / `medium` / `thick` or a length; `0px` when the
    /// matching style is `none`.
    LineWidth,
    /// `opacity`: a number or percentage, clamped to 0..1.
    Opacity,
    /// Kept as written (normalized whitespace): images, shadows, clip, transform, filter.
    /// The keyword listed is the value meaning "nothing".
    Raw(&'static str),
}

const DISPLAY: &[&str] = &[
    "none",
    "block",
    "inline",
    "inline-block",
    "flex",
    "inline-flex",
    "grid",
    "inline-grid",
    "flow-root",
    "contents",
    "table",
    "inline-table",
    "table-row",
    "table-cell",
    "table-row-group",
    "table-header-group",
    "table-footer-group",
    "table-column",
    "table-column-group",
    "table-caption",
    "list-item",
    "ruby",
    "ruby-text",
    "-webkit-box",
    "-webkit-inline-box",
];
const VISIBILITY: &[&str] = &["visible", "hidden", "collapse"];
const CONTENT_VISIBILITY: &[&str] = &["visible", "hidden", "auto"];
const LINE_STYLE: &[&str] = &[
    "none", "hidden", "dotted", "dashed", "solid", "double", "groove", "ridge", "inset", "outset",
];
const OUTLINE_STYLE: &[&str] = &[
    "none", "auto", "dotted", "dashed", "solid", "double", "groove", "ridge", "inset", "outset",
];
const POSITION: &[&str] = &["static", "relative", "absolute", "fixed", "sticky"];
const OVERFLOW: &[&str] = &["visible", "hidden", "clip", "scroll", "auto", "overlay"];
const TEXT_DECORATION_LINE: &[&str] = &["none", "underline", "overline", "line-through", "blink"];
const MIX_BLEND_MODE: &[&str] = &[
    "normal",
    "multiply",
    "screen",
    "overlay",
    "darken",
    "lighten",
    "color-dodge",
    "color-burn",
    "hard-light",
    "soft-light",
    "difference",
    "exclusion",
    "hue",
    "saturation",
    "color",
    "luminosity",
    "plus-darker",
    "plus-lighter",
];
const FLOAT: &[&str] = &["none", "left", "right", "inline-start", "inline-end"];

pub struct PropInfo {
    pub name: &'static str,
    pub inherited: bool,
    pub kind: Kind,
    /// Initial computed value; `None` for values that need layout (`auto` sizes).
    pub initial: Option<&'static str>,
}

// Name, inheritance and initial value come from the core's table (`portalscan_core::css`),
// the one list every front-end reads; the cascade adds only how to parse each value.

/// A longhand the cascade computes for its own use though no rule reads it, so the core's
/// table (and the snapshot) leaves it out: `float` blockifies `display`; `inset` sets
/// `right` and `bottom` beside `top` and `left`.
#[derive(Clone, Copy)]
pub struct Local {
    name: &'static str,
    initial: &'static str,
}

impl Local {
    const fn name(self) -> &'static str {
        self.name
    }
    const fn inherited(self) -> bool {
        false
    }
    const fn initial(self) -> Option<&'static str> {
        Some(self.initial)
    }
}

const LOCAL_RIGHT: Local = Local {
    name: "right",
    initial: "auto",
};
const LOCAL_BOTTOM: Local = Local {
    name: "bottom",
    initial: "auto",
};
const LOCAL_FLOAT: Local = Local {
    name: "float",
    initial: "none",
};
/// The cascade's own longhands (see [`Local`]).
#[cfg(test)]
const LOCALS: &[&str] = &["right", "bottom", "float"];
macro_rules! props {
    ($( $variant:ident = $prop:expr, $kind:expr; )*) => {
        /// A computed longhand, usable as an index into per-element value arrays.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Prop { $( $variant, )* }

        pub static PROPS: &[PropInfo] = &[
            $( PropInfo {
                name: $prop.name(),
                inherited: $prop.inherited(),
                kind: $kind,
                initial: $prop.initial(),
            }, )*
        ];

        pub const ALL: &[Prop] = &[ $( Prop::$variant, )* ];
    };
}

props! {
    Color = css::COLOR, Kind::Color;
    FontSize = css::FONT_SIZE, Kind::FontSize;
    FontWeight = css::FONT_WEIGHT, Kind::FontWeight;
    // Kept so rules can tell icon-font ligatures ("search" drawn as a magnifier) from text.
    FontFamily = css::FONT_FAMILY, Kind::Raw("serif");
    BackgroundColor = css::BACKGROUND_COLOR, Kind::Color;
    BackgroundImage = css::BACKGROUND_IMAGE, Kind::Raw("none");
    Opacity = css::OPACITY, Kind::Opacity;
    Display = css::DISPLAY, Kind::Keyword(DISPLAY);
    Visibility = css::VISIBILITY, Kind::Keyword(VISIBILITY);
    ContentVisibility = css::CONTENT_VISIBILITY, Kind::Keyword(CONTENT_VISIBILITY);
    OutlineStyle = css::OUTLINE_STYLE, Kind::Keyword(OUTLINE_STYLE);
    OutlineWidth = css::OUTLINE_WIDTH, Kind::LineWidth;
    OutlineColor = css::OUTLINE_COLOR, Kind::Color;
    OutlineOffset = css::OUTLINE_OFFSET, Kind::Length { percent: false, auto: false };
    BorderTopStyle = css::BORDER_TOP_STYLE, Kind::Keyword(LINE_STYLE);
    BorderRightStyle = css::BORDER_RIGHT_STYLE, Kind::Keyword(LINE_STYLE);
    BorderBottomStyle = css::BORDER_BOTTOM_STYLE, Kind::Keyword(LINE_STYLE);
    BorderLeftStyle = css::BORDER_LEFT_STYLE, Kind::Keyword(LINE_STYLE);
    BorderTopWidth = css::BORDER_TOP_WIDTH, Kind::LineWidth;
    BorderRightWidth = css::BORDER_RIGHT_WIDTH, Kind::LineWidth;
    BorderBottomWidth = css::BORDER_BOTTOM_WIDTH, Kind::LineWidth;
    BorderLeftWidth = css::BORDER_LEFT_WIDTH, Kind::LineWidth;
    BorderTopColor = css::BORDER_TOP_COLOR, Kind::Color;
    BorderRightColor = css::BORDER_RIGHT_COLOR, Kind::Color;
    BorderBottomColor = css::BORDER_BOTTOM_COLOR, Kind::Color;
    BorderLeftColor = css::BORDER_LEFT_COLOR, Kind::Color;
    BoxShadow = css::BOX_SHADOW, Kind::Raw("none");
    TextShadow = css::TEXT_SHADOW, Kind::Raw("none");
    Clip = css::CLIP, Kind::Raw("auto");
    ClipPath = css::CLIP_PATH, Kind::Raw("none");
    Position = css::POSITION, Kind::Keyword(POSITION);
    Top = css::TOP, Kind::Length { percent: true, auto: true };
    Right = LOCAL_RIGHT, Kind::Length { percent: true, auto: true };
    Bottom = LOCAL_BOTTOM, Kind::Length { percent: true, auto: true };
    Left = css::LEFT, Kind::Length { percent: true, auto: true };
    OverflowX = css::OVERFLOW_X, Kind::Keyword(OVERFLOW);
    OverflowY = css::OVERFLOW_Y, Kind::Keyword(OVERFLOW);
    Width = css::WIDTH, Kind::Length { percent: false, auto: false };
    Height = css::HEIGHT, Kind::Length { percent: false, auto: false };
    TextIndent = css::TEXT_INDENT, Kind::Length { percent: true, auto: false };
    TextDecorationLine = css::TEXT_DECORATION_LINE, Kind::Keyword(TEXT_DECORATION_LINE);
    Transform = css::TRANSFORM, Kind::Raw("none");
    Float = LOCAL_FLOAT, Kind::Keyword(FLOAT);
    Filter = css::FILTER, Kind::Raw("none");
    MixBlendMode = css::MIX_BLEND_MODE, Kind::Keyword(MIX_BLEND_MODE);
}

pub const COUNT: usize = ALL.len();

impl Prop {
    pub fn info(self) -> &'static PropInfo {
        &PROPS[self as usize]
    }
    pub fn name(self) -> &'static str {
        self.info().name
    }
    pub fn index(self) -> usize {
        self as usize
    }
    pub fn from_name(name: &str) -> Option<Prop> {
        ALL.iter().copied().find(|p| p.name() == name)
    }
}

/// Shorthands we expand into the longhands above. Longhands they set that we do not
/// compute (background-position, font-family, …) are simply not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shorthand {
    Background,
    Border,
    BorderSide(usize),
    BorderWidth,
    BorderStyle,
    BorderColor,
    Outline,
    Overflow,
    Inset,
    Font,
    TextDecoration,
}

const SIDES: [&str; 4] = ["top", "right", "bottom", "left"];

impl Shorthand {
    pub fn from_name(name: &str) -> Option<Shorthand> {
        Some(match name {
            "background" => Shorthand::Background,
            "border" => Shorthand::Border,
            "border-top" => Shorthand::BorderSide(0),
            "border-right" => Shorthand::BorderSide(1),
            "border-bottom" => Shorthand::BorderSide(2),
            "border-left" => Shorthand::BorderSide(3),
            "border-width" => Shorthand::BorderWidth,
            "border-style" => Shorthand::BorderStyle,
            "border-color" => Shorthand::BorderColor,
            "outline" => Shorthand::Outline,
            "overflow" => Shorthand::Overflow,
            "inset" => Shorthand::Inset,
            "font" => Shorthand::Font,
            "text-decoration" => Shorthand::TextDecoration,
            _ => return None,
        })
    }

    /// Every longhand the shorthand sets (and resets when not given).
    pub fn longhands(self) -> Vec<Prop> {
        use Prop::*;
        match self {
            Shorthand::Background => vec![BackgroundColor, BackgroundImage],
            Shorthand::Border => [border_widths(), border_styles(), border_colors()].concat(),
            Shorthand::BorderSide(i) => {
                vec![border_widths()[i], border_styles()[i], border_colors()[i]]
            }
            Shorthand::BorderWidth => border_widths().to_vec(),
            Shorthand::BorderStyle => border_styles().to_vec(),
            Shorthand::BorderColor => border_colors().to_vec(),
            Shorthand::Outline => vec![OutlineWidth, OutlineStyle, OutlineColor],
            Shorthand::Overflow => vec![OverflowX, OverflowY],
            Shorthand::Inset => vec![Top, Right, Bottom, Left],
            Shorthand::Font => vec![FontSize, FontWeight],
            Shorthand::TextDecoration => vec![TextDecorationLine],
        }
    }
}

pub fn border_widths() -> [Prop; 4] {
    [
        Prop::BorderTopWidth,
        Prop::BorderRightWidth,
        Prop::BorderBottomWidth,
        Prop::BorderLeftWidth,
    ]
}
pub fn border_styles() -> [Prop; 4] {
    [
        Prop::BorderTopStyle,
        Prop::BorderRightStyle,
        Prop::BorderBottomStyle,
        Prop::BorderLeftStyle,
    ]
}
pub fn border_colors() -> [Prop; 4] {
    [
        Prop::BorderTopColor,
        Prop::BorderRightColor,
        Prop::BorderBottomColor,
        Prop::BorderLeftColor,
    ]
}

#[allow(dead_code)]
pub fn side_name(i: usize) -> &'static str {
    SIDES[i]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cascade computes exactly the properties the core's table marks as its own.
    #[test]
    fn computes_what_the_core_table_assigns_it() {
        let ours: Vec<&str> = ALL
            .iter()
            .map(|p| p.name())
            .filter(|name| !LOCALS.contains(name))
            .collect();
        for local in LOCALS {
            assert!(
                css::Property::from_name(local).is_none(),
                "{local} is in the table"
            );
            assert!(Prop::from_name(local).is_some());
        }
        let table: Vec<&str> = css::PROPERTIES
            .iter()
            .filter(|p| p.static_cascade())
            .map(|p| p.name())
            .collect();
        let mut a = ours.clone();
        let mut b = table.clone();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }
}
