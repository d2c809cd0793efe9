//! The one table of CSS properties a snapshot carries.
//!
//! Every front-end reads this table: the CDP capture asks the browser for every property
//! listed, the static cascade computes those marked [`Property::static_cascade`], and the
//! in-browser collector reads [`captured_properties`]. Rules and core modules name a property
//! through the constants below ([`Style::get`](crate::style::Style::get) takes a
//! [`Property`], not a string), so a read of a property no front-end captures does not
//! compile.
//!
//! A property no rule reads is not in the table: every entry costs a browser call per
//! element in the in-browser collector. Some matter only given another's value (a border
//! side's colour only when the side is drawn): [`Property::relevant_when`] says when, the
//! collector skips the others, and [`Style`](crate::style::Style) drops them from any
//! front-end's snapshot.

use std::fmt;

/// A computed CSS longhand a snapshot may carry. Built only by the table below (the fields
/// are private), so every `Property` in use is one the front-ends capture.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Property {
    name: &'static str,
    inherited: bool,
    initial: Option<&'static str>,
    static_cascade: bool,
    relevant_when: &'static [Clause],
}

/// One condition under which a property's value can matter: the property `on` has one of
/// `values` (or, with `negate`, none of them). See [`Property::relevant_when`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Clause {
    on: Property,
    values: &'static [&'static str],
    negate: bool,
}

impl Clause {
    /// The property the condition reads (listed before the one it decides, so a collector
    /// reading in table order knows it in time).
    pub const fn on(self) -> Property {
        self.on
    }
    /// The computed values it names.
    pub const fn values(self) -> &'static [&'static str] {
        self.values
    }
    /// Whether the condition holds for a value *not* in [`Clause::values`].
    pub const fn negate(self) -> bool {
        self.negate
    }
    fn holds(self, value: &str) -> bool {
        self.values.contains(&value) != self.negate
    }
}

impl Property {
    /// The CSS name, as `getComputedStyle` and the snapshot's style maps key it.
    pub const fn name(self) -> &'static str {
        self.name
    }
    /// Whether the property inherits (CSS): an element without its own value takes its
    /// parent's.
    pub const fn inherited(self) -> bool {
        self.inherited
    }
    /// The initial computed value, serialized as `getComputedStyle` does; `None` where it
    /// depends on another value (`currentcolor`) or on layout (`auto` sizes).
    pub const fn initial(self) -> Option<&'static str> {
        self.initial
    }
    /// Whether the static-HTML cascade computes it. Browser front-ends capture every
    /// property; on a static snapshot the others are absent, which rules read as unknown.
    pub const fn static_cascade(self) -> bool {
        self.static_cascade
    }
    /// When an element's value can matter to any rule: always when empty, else when one of
    /// these clauses holds (a border side's colour only when the side is drawn, `top` only
    /// for a box out of flow). A snapshot carries the value only then: [`Style`] drops it
    /// otherwise, whatever the front-end sent, so every front-end gives rules the same
    /// facts, and the in-browser collector skips the read (most elements draw no border).
    ///
    /// [`Style`]: crate::style::Style
    pub const fn relevant_when(self) -> &'static [Clause] {
        self.relevant_when
    }
    /// Whether the value can matter, given the element's other values (`None`: unknown,
    /// which keeps it: a condition that cannot be decided does not drop a fact).
    pub fn relevant<'a>(self, value_of: impl Fn(Property) -> Option<&'a str>) -> bool {
        self.relevant_when.is_empty()
            || self
                .relevant_when
                .iter()
                .any(|c| value_of(c.on).is_none_or(|v| c.holds(v)))
    }
}

impl fmt::Debug for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Property({})", self.name)
    }
}

impl fmt::Display for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

/// Declares each constant and the table from one list, so neither can miss an entry.
macro_rules! properties {
    ($( $(#[$doc:meta])* $constant:ident = $name:literal, inherited: $inh:literal,
        initial: $initial:expr, static_cascade: $cascade:literal
        $(, when: $when:expr)?; )*) => {
        $(
            $(#[$doc])*
            pub const $constant: Property = Property {
                name: $name,
                inherited: $inh,
                initial: $initial,
                static_cascade: $cascade,
                relevant_when: properties!(@when $($when)?),
            };
        )*

        /// Every property a snapshot carries, in capture order.
        pub static PROPERTIES: &[Property] = &[ $( $constant, )* ];

        /// The same names as plain strings, for front-ends that send them as data (the CDP
        /// `DOMSnapshot.captureSnapshot` request).
        pub const PROPERTY_NAMES: &[&str] = &[ $( $name, )* ];

        impl Property {
            /// The table's entry for a CSS name.
            pub fn from_name(name: &str) -> Option<Property> {
                match name {
                    $( $name => Some($constant), )*
                    _ => None,
                }
            }
        }
    };
    (@when) => { &[] };
    (@when $when:expr) => { $when };
}

/// The border and outline styles that draw no line: with one, the line's width computes
/// to `0px` and its colour and offset show nothing.
const UNDRAWN: &[&str] = &["none", "hidden"];

/// Whether a computed `border-*-style` or `outline-style` draws a line.
pub fn draws_line(style: &str) -> bool {
    !UNDRAWN.contains(&style)
}

/// A border side or outline is drawn: its style is not `none` (nor `hidden`).
const fn drawn(style: Property) -> Clause {
    Clause {
        on: style,
        values: UNDRAWN,
        negate: true,
    }
}
const TOP_DRAWN: &[Clause] = &[drawn(BORDER_TOP_STYLE)];
const RIGHT_DRAWN: &[Clause] = &[drawn(BORDER_RIGHT_STYLE)];
const BOTTOM_DRAWN: &[Clause] = &[drawn(BORDER_BOTTOM_STYLE)];
const LEFT_DRAWN: &[Clause] = &[drawn(BORDER_LEFT_STYLE)];
const OUTLINE_DRAWN: &[Clause] = &[drawn(OUTLINE_STYLE)];
/// `top`/`left` move, and `clip` clips, only a box taken out of flow.
const OUT_OF_FLOW: &[Clause] = &[Clause {
    on: POSITION,
    values: &["absolute", "fixed"],
    negate: false,
}];
/// Sizes and padding matter to what a box clips or scrolls: only when it does either.
const CLIPS_OR_SCROLLS: &[Clause] = &[
    Clause {
        on: OVERFLOW_X,
        values: &["visible"],
        negate: true,
    },
    Clause {
        on: OVERFLOW_Y,
        values: &["visible"],
        negate: true,
    },
];

properties! {
    COLOR = "color", inherited: true, initial: Some("rgb(0, 0, 0)"), static_cascade: true;
    FONT_SIZE = "font-size", inherited: true, initial: Some("16px"), static_cascade: true;
    FONT_WEIGHT = "font-weight", inherited: true, initial: Some("400"), static_cascade: true;
    /// Kept so rules can tell icon-font ligatures ("search" drawn as a magnifier) from text.
    FONT_FAMILY = "font-family", inherited: true, initial: Some("serif"), static_cascade: true;
    /// Italic as a link's cue (link-in-text-block). Browser front-ends only.
    FONT_STYLE = "font-style", inherited: true, initial: Some("normal"), static_cascade: false;
    BACKGROUND_COLOR = "background-color", inherited: false, initial: Some("rgba(0, 0, 0, 0)"), static_cascade: true;
    BACKGROUND_IMAGE = "background-image", inherited: false, initial: Some("none"), static_cascade: true;
    OPACITY = "opacity", inherited: false, initial: Some("1"), static_cascade: true;
    /// A filter or blend mode changes the colours painted: contrast inside is unknown.
    FILTER = "filter", inherited: false, initial: Some("none"), static_cascade: true;
    MIX_BLEND_MODE = "mix-blend-mode", inherited: false, initial: Some("normal"), static_cascade: true;
    DISPLAY = "display", inherited: false, initial: Some("inline"), static_cascade: true;
    VISIBILITY = "visibility", inherited: true, initial: Some("visible"), static_cascade: true;
    CONTENT_VISIBILITY = "content-visibility", inherited: false, initial: Some("visible"), static_cascade: true;
    OUTLINE_STYLE = "outline-style", inherited: false, initial: Some("none"), static_cascade: true;
    OUTLINE_WIDTH = "outline-width", inherited: false, initial: Some("3px"), static_cascade: true, when: OUTLINE_DRAWN;
    OUTLINE_COLOR = "outline-color", inherited: false, initial: None, static_cascade: true, when: OUTLINE_DRAWN;
    OUTLINE_OFFSET = "outline-offset", inherited: false, initial: Some("0px"), static_cascade: true, when: OUTLINE_DRAWN;
    BORDER_TOP_STYLE = "border-top-style", inherited: false, initial: Some("none"), static_cascade: true;
    BORDER_RIGHT_STYLE = "border-right-style", inherited: false, initial: Some("none"), static_cascade: true;
    BORDER_BOTTOM_STYLE = "border-bottom-style", inherited: false, initial: Some("none"), static_cascade: true;
    BORDER_LEFT_STYLE = "border-left-style", inherited: false, initial: Some("none"), static_cascade: true;
    /// A side's width computes to `0px` when its style is `none` or `hidden` (CSS
    /// Backgrounds 3): kept always, as collectors know it without asking.
    BORDER_TOP_WIDTH = "border-top-width", inherited: false, initial: Some("3px"), static_cascade: true;
    BORDER_RIGHT_WIDTH = "border-right-width", inherited: false, initial: Some("3px"), static_cascade: true;
    BORDER_BOTTOM_WIDTH = "border-bottom-width", inherited: false, initial: Some("3px"), static_cascade: true;
    BORDER_LEFT_WIDTH = "border-left-width", inherited: false, initial: Some("3px"), static_cascade: true;
    BORDER_TOP_COLOR = "border-top-color", inherited: false, initial: None, static_cascade: true, when: TOP_DRAWN;
    BORDER_RIGHT_COLOR = "border-right-color", inherited: false, initial: None, static_cascade: true, when: RIGHT_DRAWN;
    BORDER_BOTTOM_COLOR = "border-bottom-color", inherited: false, initial: None, static_cascade: true, when: BOTTOM_DRAWN;
    BORDER_LEFT_COLOR = "border-left-color", inherited: false, initial: None, static_cascade: true, when: LEFT_DRAWN;
    BOX_SHADOW = "box-shadow", inherited: false, initial: Some("none"), static_cascade: true;
    TEXT_SHADOW = "text-shadow", inherited: true, initial: Some("none"), static_cascade: true;
    POSITION = "position", inherited: false, initial: Some("static"), static_cascade: true;
    CLIP = "clip", inherited: false, initial: Some("auto"), static_cascade: true, when: OUT_OF_FLOW;
    CLIP_PATH = "clip-path", inherited: false, initial: Some("none"), static_cascade: true;
    TOP = "top", inherited: false, initial: Some("auto"), static_cascade: true, when: OUT_OF_FLOW;
    LEFT = "left", inherited: false, initial: Some("auto"), static_cascade: true, when: OUT_OF_FLOW;
    OVERFLOW_X = "overflow-x", inherited: false, initial: Some("visible"), static_cascade: true;
    OVERFLOW_Y = "overflow-y", inherited: false, initial: Some("visible"), static_cascade: true;
    WIDTH = "width", inherited: false, initial: None, static_cascade: true, when: CLIPS_OR_SCROLLS;
    HEIGHT = "height", inherited: false, initial: None, static_cascade: true, when: CLIPS_OR_SCROLLS;
    TEXT_INDENT = "text-indent", inherited: true, initial: Some("0px"), static_cascade: true;
    TEXT_DECORATION_LINE = "text-decoration-line", inherited: false, initial: Some("none"), static_cascade: true;
    TRANSFORM = "transform", inherited: false, initial: Some("none"), static_cascade: true;
    /// Padding: a scroller's overflow that reaches only into its padding is not content
    /// out of view (ACT 0ssw9k); a frame's viewport is its box less borders and padding.
    /// Browser front-ends only: without layout the static scan cannot tell overflow anyway.
    PADDING_TOP = "padding-top", inherited: false, initial: Some("0px"), static_cascade: false, when: CLIPS_OR_SCROLLS;
    PADDING_RIGHT = "padding-right", inherited: false, initial: Some("0px"), static_cascade: false, when: CLIPS_OR_SCROLLS;
    PADDING_BOTTOM = "padding-bottom", inherited: false, initial: Some("0px"), static_cascade: false, when: CLIPS_OR_SCROLLS;
    PADDING_LEFT = "padding-left", inherited: false, initial: Some("0px"), static_cascade: false, when: CLIPS_OR_SCROLLS;
}

/// The border sides' longhands, top, right, bottom, left.
pub const BORDER_STYLES: [Property; 4] = [
    BORDER_TOP_STYLE,
    BORDER_RIGHT_STYLE,
    BORDER_BOTTOM_STYLE,
    BORDER_LEFT_STYLE,
];
pub const BORDER_WIDTHS: [Property; 4] = [
    BORDER_TOP_WIDTH,
    BORDER_RIGHT_WIDTH,
    BORDER_BOTTOM_WIDTH,
    BORDER_LEFT_WIDTH,
];
pub const BORDER_COLORS: [Property; 4] = [
    BORDER_TOP_COLOR,
    BORDER_RIGHT_COLOR,
    BORDER_BOTTOM_COLOR,
    BORDER_LEFT_COLOR,
];

/// The names of every property a snapshot carries: what a new collector must capture.
pub fn captured_properties() -> impl Iterator<Item = &'static str> {
    PROPERTY_NAMES.iter().copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_are_unique_and_match_the_table() {
        let names: HashSet<_> = captured_properties().collect();
        assert_eq!(names.len(), PROPERTIES.len());
        for (p, name) in PROPERTIES.iter().zip(PROPERTY_NAMES) {
            assert_eq!(p.name(), *name);
            assert_eq!(Property::from_name(name), Some(*p));
        }
    }

    #[test]
    fn a_condition_reads_a_property_listed_before_the_one_it_decides() {
        // Collectors read in table order and skip by values already read.
        for (i, p) in PROPERTIES.iter().enumerate() {
            for clause in p.relevant_when() {
                let at = PROPERTIES.iter().position(|q| *q == clause.on()).unwrap();
                assert!(at < i, "{p} depends on {} listed after it", clause.on());
                assert!(
                    clause.on().relevant_when().is_empty(),
                    "{p}: chained condition"
                );
            }
        }
    }

    #[test]
    fn relevance_follows_the_values_it_names() {
        let value = |v: Option<&'static str>| move |_: Property| v;
        assert!(!BORDER_TOP_COLOR.relevant(value(Some("none"))));
        assert!(BORDER_TOP_COLOR.relevant(value(Some("dashed"))));
        assert!(BORDER_TOP_COLOR.relevant(value(None)));
        assert!(TOP.relevant(value(Some("absolute"))) && !TOP.relevant(value(Some("sticky"))));
        assert!(PADDING_TOP.relevant(value(Some("clip"))));
        assert!(!PADDING_TOP.relevant(value(Some("visible"))));
        assert!(COLOR.relevant(value(Some("none"))));
    }

    #[test]
    fn unknown_names_are_not_properties() {
        assert_eq!(Property::from_name("font-variant"), None);
        assert_eq!(Property::from_name(""), None);
    }

    #[test]
    fn inheritance_follows_css() {
        assert!(COLOR.inherited() && VISIBILITY.inherited() && TEXT_INDENT.inherited());
        assert!(!DISPLAY.inherited() && !BACKGROUND_COLOR.inherited() && !OPACITY.inherited());
    }

    #[test]
    fn core_sources_read_properties_only_through_the_table() {
        // `Style::get` takes a `Property`, so a string read cannot compile, and the fields
        // are private, so no module builds its own; this guards the one way left in: a
        // name looked up at run time from a literal instead of the constant.
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut offenders = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(src)];
        while let Some(dir) = stack.pop() {
            #[allow(clippy::disallowed_methods)] // test-only: reads our own sources
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("css.rs") {
                    #[allow(clippy::disallowed_methods)]
                    let text = std::fs::read_to_string(&path).unwrap();
                    if text.contains("Property::from_name(\"") {
                        offenders.push(path.display().to_string());
                    }
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "properties named outside the table: {offenders:?}"
        );
    }
}
