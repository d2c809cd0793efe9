//! From the cascade's winning declarations to computed values, as `getComputedStyle`
//! serializes them.

use std::collections::HashMap;
use std::sync::Arc;

use portalscan_core::css;

use super::props::{ALL, COUNT, Kind, Prop, border_styles, border_widths};
use super::sheet::{Block, UNLAYERED};
use super::values::{Len, Spec, Wide, expand, fmt_number, fmt_px, parse_longhand};
use super::vars::{CustomProps, resolve_declared, substitute};

/// Every computed value of an element, indexed by [`Prop`]. `None` is unknown.
pub type Vals = [Option<Arc<str>>; COUNT];

/// Computed values of one element, as kept for its children to inherit from. `vals` is
/// interned: elements with the same values share one array (and one output `Style`).
#[derive(Clone, Debug)]
pub struct Computed {
    pub vals: Arc<Vals>,
    pub font_px: Option<f64>,
    pub custom: Arc<CustomProps>,
}

/// Computed values while they are being built.
pub struct Built {
    pub vals: Vals,
    pub font_px: Option<f64>,
    pub custom: Arc<CustomProps>,
}

impl Built {
    pub fn get(&self, p: Prop) -> Option<&Arc<str>> {
        self.vals[p.index()].as_ref()
    }
}

/// One matched declaration block and where it sits in the cascade.
pub struct Matched<'a> {
    pub block: &'a Block,
    pub user_agent: bool,
    /// From an inner tree context (`:host` or `::slotted` rules of a shadow tree): for
    /// normal declarations the outer context wins, for `!important` the inner one.
    pub inner: bool,
    pub inline: bool,
    pub layer: u16,
    pub specificity: u32,
    pub order: u32,
}

type Key = (u8, u8, u8, u16, u32, u32);

impl Matched<'_> {
    fn normal_key(&self) -> Key {
        (
            !self.user_agent as u8,
            !self.inner as u8,
            self.inline as u8,
            self.layer,
            self.specificity,
            self.order,
        )
    }
    fn important_key(&self) -> Key {
        (
            self.user_agent as u8,
            self.inner as u8,
            self.inline as u8,
            UNLAYERED - self.layer,
            self.specificity,
            self.order,
        )
    }
}

/// Computed value strings, shared: most elements repeat the same few values, and shared
/// `Arc`s make interning whole value arrays a pointer comparison.
pub struct Strings {
    text: std::cell::RefCell<HashMap<Box<str>, Arc<str>, FastHash>>,
    px: std::cell::RefCell<HashMap<u64, Arc<str>, FastHash>>,
    initial: Vec<Option<Arc<str>>>,
}

impl Default for Strings {
    fn default() -> Strings {
        Strings {
            text: Default::default(),
            px: Default::default(),
            initial: ALL
                .iter()
                .map(|p| p.info().initial.map(Arc::from))
                .collect(),
        }
    }
}

impl Strings {
    pub fn get(&self, s: &str) -> Arc<str> {
        let mut map = self.text.borrow_mut();
        if let Some(a) = map.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        map.insert(s.into(), a.clone());
        a
    }
    /// `12.5px`, formatted once per distinct value.
    pub fn px(&self, v: f64) -> Arc<str> {
        self.px
            .borrow_mut()
            .entry(v.to_bits())
            .or_insert_with(|| Arc::from(fmt_px(v)))
            .clone()
    }
}

/// FNV-1a: the cascade's maps are keyed by short strings and pointers it made itself,
/// so a fast non-keyed hash is fine (no untrusted collision attack surface worth SipHash).
#[derive(Clone, Copy, Default)]
pub struct FastHash;

pub struct FastHasher(u64);

impl std::hash::BuildHasher for FastHash {
    type Hasher = FastHasher;
    fn build_hasher(&self) -> FastHasher {
        FastHasher(0xcbf29ce484222325)
    }
}

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ *b as u64).wrapping_mul(0x100000001b3);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(0x100000001b3);
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
}

/// What the element inherits from and is resolved against.
pub struct Inputs<'p> {
    pub strings: &'p Strings,
    pub parent: Option<&'p Computed>,
    pub root_font_px: Option<f64>,
    pub is_root: bool,
    /// A stylesheet of the element's tree could not be loaded.
    pub incomplete: bool,
}

pub fn compute(matched: &mut [Matched], inputs: &Inputs) -> Built {
    // Cascade: the last declaration in cascade order wins.
    let mut win: [Option<&Spec>; COUNT] = [None; COUNT];
    let mut custom: Vec<(&Arc<str>, &Arc<str>)> = Vec::new();
    matched.sort_by_key(Matched::normal_key);
    let mut any_important = false;
    for m in matched.iter() {
        any_important |= m.block.has_important;
        for d in m.block.decls.iter().filter(|d| !d.important) {
            win[d.prop.index()] = Some(&d.spec);
        }
        for c in m.block.custom.iter().filter(|c| !c.important) {
            set_custom(&mut custom, &c.name, &c.value);
        }
    }
    if any_important {
        matched.sort_by_key(Matched::important_key);
        for m in matched.iter().filter(|m| m.block.has_important) {
            for d in m.block.decls.iter().filter(|d| d.important) {
                win[d.prop.index()] = Some(&d.spec);
            }
            for c in m.block.custom.iter().filter(|c| c.important) {
                set_custom(&mut custom, &c.name, &c.value);
            }
        }
    }

    let inherited_custom = inputs.parent.map(|p| p.custom.clone()).unwrap_or_default();
    let custom_props = if custom.is_empty() && !inputs.incomplete {
        inherited_custom
    } else {
        Arc::new(resolve_declared(
            &custom,
            &inherited_custom,
            inputs.incomplete,
        ))
    };

    let mut out = Built {
        vals: std::array::from_fn(|_| None),
        font_px: None,
        custom: custom_props,
    };
    if inputs.incomplete {
        // Any value may come from the stylesheet we could not read.
        return out;
    }
    for &prop in ALL {
        let value = match win[prop.index()] {
            Some(spec) => resolve(prop, spec, inputs, &out),
            None if prop.info().inherited => parent_value(prop, inputs, &out),
            None => initial_value(prop, inputs, &out),
        };
        if prop == Prop::FontSize {
            out.font_px = value.as_deref().and_then(portalscan_core::style::parse_px);
        }
        out.vals[prop.index()] = value;
    }
    fix_up(&mut out, inputs);
    out
}

fn set_custom<'a>(
    list: &mut Vec<(&'a Arc<str>, &'a Arc<str>)>,
    name: &'a Arc<str>,
    value: &'a Arc<str>,
) {
    match list.iter_mut().find(|(n, _)| *n == name) {
        Some(slot) => slot.1 = value,
        None => list.push((name, value)),
    }
}

fn parent_value(prop: Prop, inputs: &Inputs, own: &Built) -> Option<Arc<str>> {
    match inputs.parent {
        Some(p) => p.vals[prop.index()].clone(),
        None => initial_value(prop, inputs, own),
    }
}

fn initial_value(prop: Prop, inputs: &Inputs, own: &Built) -> Option<Arc<str>> {
    match prop.info().initial {
        Some(_) => inputs.strings.initial[prop.index()].clone(),
        // Colour properties whose initial value is `currentcolor`.
        None if prop.info().kind == Kind::Color => own.get(Prop::Color).cloned(),
        None => None,
    }
}

fn resolve(prop: Prop, spec: &Spec, inputs: &Inputs, own: &Built) -> Option<Arc<str>> {
    let unset = || {
        if prop.info().inherited {
            parent_value(prop, inputs, own)
        } else {
            initial_value(prop, inputs, own)
        }
    };
    match spec {
        Spec::Wide(Wide::Inherit) => parent_value(prop, inputs, own),
        Spec::Wide(Wide::Initial) => initial_value(prop, inputs, own),
        Spec::Wide(Wide::Unset) => unset(),
        Spec::Wide(Wide::Revert) | Spec::Unknown => None,
        Spec::Text(t) => Some(t.clone()),
        Spec::CurrentColor => {
            if prop == Prop::Color {
                parent_value(prop, inputs, own)
            } else {
                own.get(Prop::Color).cloned()
            }
        }
        Spec::Len(l) => length(prop, *l, inputs, own),
        Spec::FontSize(l) => {
            let parent_px = match inputs.parent {
                Some(p) => p.font_px,
                None => Some(16.0),
            };
            font_size(*l, parent_px, inputs.root_font_px).map(|px| inputs.strings.px(px))
        }
        Spec::Bolder | Spec::Lighter => {
            let parent: f64 = parent_value(Prop::FontWeight, inputs, own)?.parse().ok()?;
            let w = if matches!(spec, Spec::Bolder) {
                match parent {
                    w if w < 350.0 => 400.0,
                    w if w < 550.0 => 700.0,
                    w if w < 900.0 => 900.0,
                    w => w,
                }
            } else {
                match parent {
                    w if w < 100.0 => w,
                    w if w < 550.0 => 100.0,
                    w if w < 750.0 => 400.0,
                    _ => 700.0,
                }
            };
            Some(inputs.strings.get(&fmt_number(w)))
        }
        Spec::Var(pending) => {
            let text = match substitute(&pending.text, &own.custom) {
                Ok(t) => t,
                Err(super::vars::SubstError::Unknown) => return None,
                // Invalid at computed-value time: the property behaves as `unset`.
                Err(super::vars::SubstError::Invalid) => return unset(),
            };
            let parsed = match pending.shorthand {
                None => parse_longhand(prop, &text),
                Some(sh) => expand(sh, &text)
                    .and_then(|list| list.into_iter().find(|(p, _)| *p == prop).map(|(_, s)| s)),
            };
            match parsed {
                // A substituted value cannot contain var() again (it was fully substituted).
                Some(Spec::Var(_)) => None,
                Some(spec) => resolve(prop, &spec, inputs, own),
                None => unset(),
            }
        }
    }
}

fn font_size(l: Len, parent_px: Option<f64>, root_px: Option<f64>) -> Option<f64> {
    let em = if l.em != 0.0 { parent_px? } else { 0.0 };
    let rem = if l.rem != 0.0 { root_px? } else { 0.0 };
    l.resolve(em, rem).map(|v| v.max(0.0))
}

fn length(prop: Prop, l: Len, inputs: &Inputs, own: &Built) -> Option<Arc<str>> {
    if l.pct != 0.0 {
        let percent_ok = matches!(prop.info().kind, Kind::Length { percent: true, .. });
        return (percent_ok && l.is_pure_percent())
            .then(|| inputs.strings.get(&format!("{}%", fmt_number(l.pct))));
    }
    let em = if l.em != 0.0 { own.font_px? } else { 0.0 };
    let rem = if l.rem != 0.0 {
        inputs.root_font_px?
    } else {
        0.0
    };
    let px = l.resolve(em, rem)?;
    if matches!(prop, Prop::Width | Prop::Height) && px < 0.0 {
        return None;
    }
    Some(inputs.strings.px(px))
}

/// Computed-value rules that tie properties together.
fn fix_up(out: &mut Built, inputs: &Inputs) {
    let zero: Arc<str> = inputs.strings.get("0px");
    let is_none = |v: &Option<Arc<str>>| v.as_deref().is_some_and(|s| !css::draws_line(s));
    // A border or outline with style none has zero width.
    for (w, s) in border_widths().into_iter().zip(border_styles()) {
        match &out.vals[s.index()] {
            v if is_none(v) => out.vals[w.index()] = Some(zero.clone()),
            None => out.vals[w.index()] = None,
            _ => {}
        }
    }
    match out.get(Prop::OutlineStyle).map(|s| s.as_ref()) {
        Some("none") => out.vals[Prop::OutlineWidth.index()] = Some(zero.clone()),
        None => out.vals[Prop::OutlineWidth.index()] = None,
        _ => {}
    }
    // Blockification of out-of-flow, floated and root boxes.
    let out_of_flow = matches!(
        out.get(Prop::Position).map(|s| s.as_ref()),
        Some("absolute" | "fixed")
    );
    let floated = out.get(Prop::Float).is_some_and(|f| f.as_ref() != "none");
    if out_of_flow || floated || inputs.is_root {
        let blockified = match out.get(Prop::Display).map(|s| s.as_ref()) {
            Some(
                "inline" | "inline-block" | "table-row-group" | "table-column"
                | "table-column-group" | "table-header-group" | "table-footer-group" | "table-row"
                | "table-cell" | "table-caption" | "ruby" | "ruby-text",
            ) => Some("block"),
            Some("inline-table") => Some("table"),
            Some("inline-flex") => Some("flex"),
            Some("inline-grid") => Some("grid"),
            Some("-webkit-inline-box") => Some("-webkit-box"),
            Some("contents") if inputs.is_root => Some("block"),
            _ => None,
        };
        if let Some(b) = blockified {
            out.vals[Prop::Display.index()] = Some(inputs.strings.get(b));
        }
    }
    // overflow: `visible`/`clip` next to a scrolling value become `auto`/`hidden`.
    let (x, y) = (
        out.get(Prop::OverflowX).cloned(),
        out.get(Prop::OverflowY).cloned(),
    );
    if let (Some(x), Some(y)) = (x, y) {
        let fix = |a: &str, other: &str| -> Option<&'static str> {
            let other_scrolls = !matches!(other, "visible" | "clip");
            match a {
                "visible" if other_scrolls => Some("auto"),
                "clip" if other_scrolls => Some("hidden"),
                _ => None,
            }
        };
        if let Some(v) = fix(&x, &y) {
            out.vals[Prop::OverflowX.index()] = Some(inputs.strings.get(v));
        }
        if let Some(v) = fix(&y, &x) {
            out.vals[Prop::OverflowY.index()] = Some(inputs.strings.get(v));
        }
    }
}
