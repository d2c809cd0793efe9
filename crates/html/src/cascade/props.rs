//! The longhand properties the cascade computes, their grammar kind, inheritance and
//! initial computed value, and the shorthands that set them.

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
    /// `z-index`: `auto` or an integer.
    ZIndex,
    /// Kept as written (normalized whitespace): images, shadows, clip, transform, cursor.
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
const POINTER_EVENTS: &[&str] = &[
    "auto",
    "none",
    "visiblepainted",
    "visiblefill",
    "visiblestroke",
    "visible",
    "painted",
    "fill",
    "stroke",
    "all",
];
const TEXT_DECORATION_LINE: &[&str] = &["none", "underline", "overline", "line-through", "blink"];
const APPEARANCE: &[&str] = &[
    "none",
    "auto",
    "menulist-button",
    "textfield",
    "button",
    "checkbox",
    "radio",
    "menulist",
    "listbox",
    "searchfield",
    "textarea",
    "push-button",
    "slider-horizontal",
    "square-button",
];
const FLOAT: &[&str] = &["none", "left", "right", "inline-start", "inline-end"];

pub struct PropInfo {
    pub name: &'static str,
    pub inherited: bool,
    pub kind: Kind,
    /// Initial computed value; `None` for values that need layout (`auto` sizes).
    pub initial: Option<&'static str>,
}

macro_rules! props {
    ($( $variant:ident = $name:literal, $inh:literal, $kind:expr, $initial:expr; )*) => {
        /// A computed longhand, usable as an index into per-element value arrays.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Prop { $( $variant, )* }

        pub static PROPS: &[PropInfo] = &[
            $( PropInfo { name: $name, inherited: $inh, kind: $kind, initial: $initial }, )*
        ];

        pub const ALL: &[Prop] = &[ $( Prop::$variant, )* ];
    };
}

props! {
    Color = "color", true, Kind::Color, Some("rgb(0, 0, 0)");
    FontSize = "font-size", true, Kind::FontSize, Some("16px");
    FontWeight = "font-weight", true, Kind::FontWeight, Some("400");
    // Kept so rules can tell icon-font ligatures ("search" drawn as a magnifier) from text.
    FontFamily = "font-family", true, Kind::Raw("serif"), Some("serif");
    BackgroundColor = "background-color", false, Kind::Color, Some("rgba(0, 0, 0, 0)");
    BackgroundImage = "background-image", false, Kind::Raw("none"), Some("none");
    Opacity = "opacity", false, Kind::Opacity, Some("1");
    Display = "display", false, Kind::Keyword(DISPLAY), Some("inline");
    Visibility = "visibility", true, Kind::Keyword(VISIBILITY), Some("visible");
    ContentVisibility = "content-visibility", false, Kind::Keyword(CONTENT_VISIBILITY), Some("visible");
    OutlineStyle = "outline-style", false, Kind::Keyword(OUTLINE_STYLE), Some("none");
    OutlineWidth = "outline-width", false, Kind::LineWidth, Some("3px");
    OutlineColor = "outline-color", false, Kind::Color, None;
    OutlineOffset = "outline-offset", false, Kind::Length { percent: false, auto: false }, Some("0px");
    BorderTopStyle = "border-top-style", false, Kind::Keyword(LINE_STYLE), Some("none");
    BorderRightStyle = "border-right-style", false, Kind::Keyword(LINE_STYLE), Some("none");
    BorderBottomStyle = "border-bottom-style", false, Kind::Keyword(LINE_STYLE), Some("none");
    BorderLeftStyle = "border-left-style", false, Kind::Keyword(LINE_STYLE), Some("none");
    BorderTopWidth = "border-top-width", false, Kind::LineWidth, Some("3px");
    BorderRightWidth = "border-right-width", false, Kind::LineWidth, Some("3px");
    BorderBottomWidth = "border-bottom-width", false, Kind::LineWidth, Some("3px");
    BorderLeftWidth = "border-left-width", false, Kind::LineWidth, Some("3px");
    BorderTopColor = "border-top-color", false, Kind::Color, None;
    BorderRightColor = "border-right-color", false, Kind::Color, None;
    BorderBottomColor = "border-bottom-color", false, Kind::Color, None;
    BorderLeftColor = "border-left-color", false, Kind::Color, None;
    BoxShadow = "box-shadow", false, Kind::Raw("none"), Some("none");
    TextShadow = "text-shadow", true, Kind::Raw("none"), Some("none");
    Clip = "clip", false, Kind::Raw("auto"), Some("auto");
    ClipPath = "clip-path", false, Kind::Raw("none"), Some("none");
    Position = "position", false, Kind::Keyword(POSITION), Some("static");
    Top = "top", false, Kind::Length { percent: true, auto: true }, Some("auto");
    Right = "right", false, Kind::Length { percent: true, auto: true }, Some("auto");
    Bottom = "bottom", false, Kind::Length { percent: true, auto: true }, Some("auto");
    Left = "left", false, Kind::Length { percent: true, auto: true }, Some("auto");
    OverflowX = "overflow-x", false, Kind::Keyword(OVERFLOW), Some("visible");
    OverflowY = "overflow-y", false, Kind::Keyword(OVERFLOW), Some("visible");
    ZIndex = "z-index", false, Kind::ZIndex, Some("auto");
    Cursor = "cursor", true, Kind::Raw("auto"), Some("auto");
    PointerEvents = "pointer-events", true, Kind::Keyword(POINTER_EVENTS), Some("auto");
    Width = "width", false, Kind::Length { percent: false, auto: false }, None;
    Height = "height", false, Kind::Length { percent: false, auto: false }, None;
    TextIndent = "text-indent", true, Kind::Length { percent: true, auto: false }, Some("0px");
    TextDecorationLine = "text-decoration-line", false, Kind::Keyword(TEXT_DECORATION_LINE), Some("none");
    Transform = "transform", false, Kind::Raw("none"), Some("none");
    Appearance = "appearance", false, Kind::Keyword(APPEARANCE), Some("none");
    Float = "float", false, Kind::Keyword(FLOAT), Some("none");
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
