//! Computed style and layout facts as front-ends report them.
//!
//! A [`Style`] holds *computed values* serialized the way `getComputedStyle` does
//! (`rgb(0, 0, 0)`, `16px`, `700`), keyed by CSS property name. Browser front-ends copy them
//! from the browser; the static front-end computes them with its cascade. A property that is
//! absent is unknown, and rules that need it answer `review`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Style(pub BTreeMap<String, String>);

impl Style {
    pub fn get(&self, property: &str) -> Option<&str> {
        self.0.get(property).map(String::as_str)
    }
    pub fn set(&mut self, property: &str, value: impl Into<String>) {
        self.0.insert(property.to_string(), value.into());
    }
}

/// A border box in CSS pixels, relative to the top left of the page.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}
