//! Stylesheet parsing with cssparser: style rules, declaration blocks, `@media`,
//! `@supports`, `@layer` and `@import`. Anything else (`@font-face`, `@keyframes`,
//! `@container`, nested rules, …) is skipped whole, as a browser that does not know it
//! would.

use std::sync::Arc;

use cssparser::{
    AtRuleParser, CowRcStr, DeclarationParser, ParseError, Parser, ParserState,
    QualifiedRuleParser, RuleBodyItemParser, RuleBodyParser, StyleSheetParser,
};

use super::media::media_matches;
use super::props::{Prop, Shorthand};
use super::select::Selectors;
use super::values::{Spec, components, expand, parse_longhand};

#[derive(Debug)]
pub struct Decl {
    pub prop: Prop,
    pub spec: Spec,
    pub important: bool,
}

#[derive(Debug)]
pub struct CustomDecl {
    pub name: Arc<str>,
    pub value: Arc<str>,
    pub important: bool,
}

/// A declaration block, parsed once and shared by every rule and element that uses it.
#[derive(Debug, Default)]
pub struct Block {
    pub decls: Vec<Decl>,
    pub custom: Vec<CustomDecl>,
    pub has_important: bool,
}

impl Block {
    pub fn is_empty(&self) -> bool {
        self.decls.is_empty() && self.custom.is_empty()
    }
}

pub struct StyleRule {
    pub selectors: Selectors,
    pub block: Arc<Block>,
    /// Cascade layer rank: layers in order of first appearance, unlayered rules last.
    pub layer: u16,
}

pub const UNLAYERED: u16 = u16::MAX;

/// An `@import` found at the top of a sheet, to be loaded by the caller.
pub struct Import {
    pub href: String,
    pub layer: Option<u16>,
}

/// The rules of every sheet of one scope, in order, with the layer names seen so far.
#[derive(Default)]
pub struct SheetSink {
    pub rules: Vec<StyleRule>,
    layers: Vec<String>,
}

impl SheetSink {
    fn layer_rank(&mut self, name: &str) -> u16 {
        if let Some(i) = self.layers.iter().position(|l| l == name) {
            return i as u16;
        }
        self.layers.push(name.to_string());
        (self.layers.len() - 1).min(UNLAYERED as usize - 1) as u16
    }
}

/// Parses one stylesheet's text into `sink` and returns its `@import`s. Imported rules
/// belong before the importing sheet's own rules; the caller keeps that order by parsing
/// each sheet's imports into a separate sink first (see `scopes.rs`).
pub fn parse_sheet(text: &str, sink: &mut SheetSink, layer: Option<u16>) -> Vec<Import> {
    let mut imports = Vec::new();
    let mut input = Parser::new(text);
    let mut parser = RuleParser {
        sink,
        imports: &mut imports,
        layer_name: String::new(),
        layer,
        top_level: true,
        anonymous_layers: 0,
    };
    let iter = StyleSheetParser::new(&mut input, &mut parser);
    for _ in iter {}
    imports
}

/// Parses a `style` attribute.
pub fn parse_inline(text: &str) -> Block {
    let mut input = Parser::new(text);
    let mut parser = DeclBodyParser {
        block: Block::default(),
    };
    let iter = RuleBodyParser::new(&mut input, &mut parser);
    for _ in iter {}
    parser.block
}

struct RuleParser<'s> {
    sink: &'s mut SheetSink,
    imports: &'s mut Vec<Import>,
    /// Dotted name of the enclosing `@layer` blocks.
    layer_name: String,
    layer: Option<u16>,
    top_level: bool,
    anonymous_layers: u32,
}

pub enum AtPrelude {
    Media(bool),
    Supports(bool),
    LayerBlock(String),
    LayerStatement(Vec<String>),
    Import(String, Option<String>),
    Skip,
}

impl<'i> AtRuleParser<'i> for RuleParser<'_> {
    type Prelude = AtPrelude;
    type AtRule = ();
    type Error = ();

    fn parse_prelude(
        &mut self,
        name: CowRcStr<'i>,
        input: &mut Parser<'i>,
    ) -> Result<AtPrelude, ParseError<()>> {
        let start = input.position();
        let name = name.to_ascii_lowercase();
        if name == "import" {
            let href = input.expect_url_or_string()?.to_string();
            let rest_start = input.position();
            while input.next().is_ok() {}
            let parts = components(input.slice_from(rest_start));
            let mut i = 0;
            let mut layer = None;
            if let Some(first) = parts.first() {
                let lower = first.to_ascii_lowercase();
                if lower == "layer" {
                    layer = Some(String::new());
                    i = 1;
                } else if let Some(name) = lower
                    .strip_prefix("layer(")
                    .and_then(|n| n.strip_suffix(')'))
                {
                    layer = Some(name.trim().to_string());
                    i = 1;
                }
            }
            if parts
                .get(i)
                .is_some_and(|p| p.to_ascii_lowercase().starts_with("supports("))
            {
                i += 1;
            }
            let media = parts[i..].join(" ");
            if !media.is_empty() && !media_matches(&media) {
                return Ok(AtPrelude::Skip);
            }
            return Ok(AtPrelude::Import(href, layer));
        }
        while input.next().is_ok() {}
        let prelude = input.slice_from(start).trim();
        Ok(match name.as_str() {
            "media" => AtPrelude::Media(media_matches(prelude)),
            // `@supports`: we assume Chrome supports what a portal tests for, except
            // explicit fallbacks for browsers without a feature (`not (…)`).
            "supports" => AtPrelude::Supports(!prelude.to_ascii_lowercase().starts_with("not")),
            "layer" => {
                let names: Vec<String> = prelude
                    .split(',')
                    .map(|n| n.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .collect();
                if names.len() <= 1 {
                    AtPrelude::LayerBlock(names.into_iter().next().unwrap_or_default())
                } else {
                    AtPrelude::LayerStatement(names)
                }
            }
            _ => AtPrelude::Skip,
        })
    }

    fn rule_without_block(&mut self, prelude: AtPrelude, _start: &ParserState) -> Result<(), ()> {
        match prelude {
            AtPrelude::LayerStatement(names) => {
                for n in names {
                    let full = self.full_layer(&n);
                    self.sink.layer_rank(&full);
                }
            }
            AtPrelude::LayerBlock(n) if !n.is_empty() => {
                let full = self.full_layer(&n);
                self.sink.layer_rank(&full);
            }
            AtPrelude::Import(href, layer) if self.top_level => {
                let layer = layer.map(|n| {
                    let full = if n.is_empty() {
                        self.anonymous_layers += 1;
                        format!("{}\u{0}import{}", self.layer_name, self.anonymous_layers)
                    } else {
                        self.full_layer(&n)
                    };
                    self.sink.layer_rank(&full)
                });
                self.imports.push(Import {
                    href,
                    layer: layer.or(self.layer),
                });
            }
            _ => {}
        }
        Ok(())
    }

    fn parse_block(
        &mut self,
        prelude: AtPrelude,
        _start: &ParserState,
        input: &mut Parser<'i>,
    ) -> Result<(), ParseError<()>> {
        self.top_level = false;
        match prelude {
            AtPrelude::Media(true) | AtPrelude::Supports(true) => self.nested(input, None),
            AtPrelude::LayerBlock(name) => {
                let full = if name.is_empty() {
                    self.anonymous_layers += 1;
                    format!("{}\u{0}anon{}", self.layer_name, self.anonymous_layers)
                } else {
                    self.full_layer(&name)
                };
                let rank = self.sink.layer_rank(&full);
                self.nested(input, Some((full, rank)));
            }
            _ => {}
        }
        Ok(())
    }
}

impl RuleParser<'_> {
    fn full_layer(&self, name: &str) -> String {
        if self.layer_name.is_empty() {
            name.to_string()
        } else {
            format!("{}.{name}", self.layer_name)
        }
    }

    fn nested(&mut self, input: &mut Parser, layer: Option<(String, u16)>) {
        let (name, rank) = match layer {
            Some((n, r)) => (n, Some(r)),
            None => (self.layer_name.clone(), self.layer),
        };
        let mut inner = RuleParser {
            sink: self.sink,
            imports: self.imports,
            layer_name: name,
            layer: rank,
            top_level: false,
            anonymous_layers: self.anonymous_layers,
        };
        let iter = StyleSheetParser::new(input, &mut inner);
        for _ in iter {}
        self.anonymous_layers = inner.anonymous_layers;
    }
}

impl<'i> QualifiedRuleParser<'i> for RuleParser<'_> {
    type Prelude = Selectors;
    type QualifiedRule = ();
    type Error = ();

    fn parse_prelude(&mut self, input: &mut Parser<'i>) -> Result<Selectors, ParseError<()>> {
        self.top_level = false;
        let start = input.position();
        while input.next().is_ok() {}
        super::select::parse_selectors(input.slice_from(start))
            .ok_or_else(ParseError::unexpected_token)
    }

    fn parse_block(
        &mut self,
        selectors: Selectors,
        _start: &ParserState,
        input: &mut Parser<'i>,
    ) -> Result<(), ParseError<()>> {
        let mut parser = DeclBodyParser {
            block: Block::default(),
        };
        let iter = RuleBodyParser::new(input, &mut parser);
        for _ in iter {}
        if !parser.block.is_empty() {
            self.sink.rules.push(StyleRule {
                selectors,
                block: Arc::new(parser.block),
                layer: self.layer.unwrap_or(UNLAYERED),
            });
        }
        Ok(())
    }
}

struct DeclBodyParser {
    block: Block,
}

impl<'i> DeclarationParser<'i> for DeclBodyParser {
    type Declaration = ();
    type Error = ();

    fn parse_value(
        &mut self,
        name: CowRcStr<'i>,
        input: &mut Parser<'i>,
        _start: &ParserState,
    ) -> Result<(), ParseError<()>> {
        let start = input.position();
        while input.next().is_ok() {}
        let (text, important) = split_important(input.slice_from(start));
        if let Some(custom) = name.strip_prefix("--") {
            self.block.custom.push(CustomDecl {
                name: format!("--{custom}").into(),
                value: text.trim().into(),
                important,
            });
            self.block.has_important |= important;
            return Ok(());
        }
        let lower = name.to_ascii_lowercase();
        let lower = lower.strip_prefix("-webkit-").unwrap_or(&lower);
        let mut push = |prop, spec| {
            self.block.decls.push(Decl {
                prop,
                spec,
                important,
            })
        };
        if let Some(prop) = Prop::from_name(lower) {
            let spec = parse_longhand(prop, text).ok_or_else(ParseError::unexpected_token)?;
            push(prop, spec);
        } else if let Some(sh) = Shorthand::from_name(lower) {
            let specs = expand(sh, text).ok_or_else(ParseError::unexpected_token)?;
            for (prop, spec) in specs {
                push(prop, spec);
            }
        } else {
            return Ok(());
        }
        self.block.has_important |= important;
        Ok(())
    }
}

/// Splits a trailing `!important` (any case, spaces allowed after `!`).
fn split_important(text: &str) -> (&str, bool) {
    let trimmed = text.trim_end();
    let lower = trimmed.to_ascii_lowercase();
    if let Some(before) = lower.strip_suffix("important") {
        let before = before.trim_end();
        if let Some(value) = before.strip_suffix('!') {
            return (trimmed[..value.len()].trim_end(), true);
        }
    }
    (trimmed, false)
}

impl<'i> AtRuleParser<'i> for DeclBodyParser {
    type Prelude = ();
    type AtRule = ();
    type Error = ();
}

impl<'i> QualifiedRuleParser<'i> for DeclBodyParser {
    type Prelude = ();
    type QualifiedRule = ();
    type Error = ();
}

impl<'i> RuleBodyItemParser<'i, (), ()> for DeclBodyParser {
    fn parse_declarations(&self) -> bool {
        true
    }
    /// Nested rules (CSS nesting) are recognised so they are skipped whole instead of
    /// swallowing the declarations after them.
    fn parse_qualified(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn important_is_split() {
        assert_eq!(split_important("red !important"), ("red", true));
        assert_eq!(split_important("red ! IMPORTANT "), ("red", true));
        assert_eq!(split_important("red"), ("red", false));
    }

    #[test]
    fn malformed_css_skips_only_the_broken_parts() {
        let mut sink = SheetSink::default();
        parse_sheet(
            "p { color: red; color: ; bogus: 1; background: #fff }
             p) { color: blue }
             p:unknown-pseudo { color: blue }
             .ok { color: green }
             div { color: #12 } 
             @font-face { font-family: x }
             @media print { .print { color: red } }
             @media screen and (min-width: 600px) { .wide { display: none } }
             .nest { color: red; &:hover { color: blue } display: block }",
            &mut sink,
            None,
        );
        let names: Vec<usize> = sink.rules.iter().map(|r| r.block.decls.len()).collect();
        // p (color + 2 background longhands), .ok, .wide, .nest (color, display).
        assert_eq!(names, vec![3, 1, 1, 2]);
    }

    #[test]
    fn layers_rank_in_order_of_appearance() {
        let mut sink = SheetSink::default();
        parse_sheet(
            "@layer base, theme; @layer theme { a { color: red } } @layer base { a { color: blue } } a { color: green }",
            &mut sink,
            None,
        );
        let layers: Vec<u16> = sink.rules.iter().map(|r| r.layer).collect();
        assert_eq!(layers, vec![1, 0, UNLAYERED]);
    }

    #[test]
    fn imports_are_reported() {
        let mut sink = SheetSink::default();
        let imports = parse_sheet(
            "@import url(a.css); @import 'b.css' print; p {}",
            &mut sink,
            None,
        );
        assert_eq!(imports.len(), 1);
        assert_eq!(imports[0].href, "a.css");
    }
}
