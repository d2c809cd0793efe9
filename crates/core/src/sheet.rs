//! What rules read from the text of a page's `<style>` elements: style rules with the
//! `@media` conditions around them, and `@keyframes`. The computed styles a front-end gives
//! hold one window's answer; a rule about *conditional* styles (an orientation lock, an
//! animation's keyframes) needs the rules themselves.
//!
//! A deliberately small reader: comments, strings and nested blocks are respected;
//! `@supports`, `@layer`, `@container` and `@scope` are entered without evaluating them;
//! other at-rules are skipped. Linked stylesheets are not in the snapshot: rules reading
//! this say so (see [`crate::Snapshot::stylesheets_not_loaded`]).
//!
//! [`simple_match`] matches the plain selectors these rules meet (`html`, `body`, `:root`,
//! `#id`, `.class`, `tag.class`, descendant lists of those), and says when it cannot.

use crate::dom::{Dom, ElementRef, NodeId};

/// One declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    /// Lower-cased.
    pub property: String,
    pub value: String,
    pub important: bool,
}

/// A style rule and the `@media` conditions it sits in (outermost first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleRule {
    pub media: Vec<String>,
    pub selector: String,
    pub declarations: Vec<Declaration>,
}

/// `@keyframes name { … }`: the declarations of every keyframe.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keyframes {
    pub name: String,
    pub declarations: Vec<Declaration>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sheet {
    pub rules: Vec<StyleRule>,
    pub keyframes: Vec<Keyframes>,
}

/// Every `<style>` element of the document (shadow trees included) that is not inside a
/// `<template>`, with its parsed text.
pub fn style_sheets(dom: &Dom) -> Vec<(NodeId, Sheet)> {
    dom.elements()
        .filter(|e| e.is("style") && e.is_html())
        .filter(|e| !e.ancestors().any(|a| a.is("template")))
        .map(|e| (e.id, parse(&e.text_content())))
        .collect()
}

/// Parses a stylesheet's text.
pub fn parse(text: &str) -> Sheet {
    let text = strip_comments(text);
    let mut sheet = Sheet::default();
    parse_block(&text, &mut Vec::new(), &mut sheet);
    sheet
}

fn parse_block(text: &str, media: &mut Vec<String>, sheet: &mut Sheet) {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return;
        }
        let Some(end) = find_top(rest, &['{', ';']) else {
            return;
        };
        let prelude = rest[..end].trim();
        if rest.as_bytes()[end] == b';' {
            rest = &rest[end + 1..];
            continue;
        }
        let Some(close) = matching_brace(rest, end) else {
            return;
        };
        let body = &rest[end + 1..close];
        rest = &rest[close + 1..];
        let lower = prelude.to_ascii_lowercase();
        if let Some(condition) = lower.strip_prefix("@media") {
            media.push(condition.trim().to_string());
            parse_block(body, media, sheet);
            media.pop();
        } else if ["@supports", "@layer", "@container", "@scope"]
            .iter()
            .any(|a| lower.starts_with(a))
        {
            parse_block(body, media, sheet);
        } else if lower.starts_with("@keyframes") || lower.starts_with("@-webkit-keyframes") {
            let name = prelude
                .split_whitespace()
                .nth(1)
                .unwrap_or("")
                .trim_matches(['"', '\''])
                .to_string();
            let mut frames = Sheet::default();
            parse_block(body, &mut Vec::new(), &mut frames);
            sheet.keyframes.push(Keyframes {
                name,
                declarations: frames
                    .rules
                    .into_iter()
                    .flat_map(|r| r.declarations)
                    .collect(),
            });
        } else if lower.starts_with('@') {
            // @font-face, @page, @property…: no style rules for elements.
        } else {
            sheet.rules.push(StyleRule {
                media: media.clone(),
                selector: prelude.to_string(),
                declarations: declarations(body),
            });
        }
    }
}

/// The declarations of a block (`a: b; c: d !important`). Nested rules are skipped.
pub fn declarations(body: &str) -> Vec<Declaration> {
    let mut out = Vec::new();
    let mut rest = body;
    while !rest.trim().is_empty() {
        let end = find_top(rest, &[';', '{']).unwrap_or(rest.len());
        let piece = &rest[..end];
        if end < rest.len() && rest.as_bytes()[end] == b'{' {
            // A nested rule: skip its block.
            let close = matching_brace(rest, end).unwrap_or(rest.len() - 1);
            rest = &rest[(close + 1).min(rest.len())..];
            continue;
        }
        rest = &rest[(end + 1).min(rest.len())..];
        let Some((p, v)) = piece.split_once(':') else {
            continue;
        };
        let v = v.trim();
        let lower = v.to_ascii_lowercase();
        let important = lower.ends_with("important")
            && lower[..lower.len() - "important".len()]
                .trim_end()
                .ends_with('!');
        let value = if important {
            v[..v.len() - "important".len()]
                .trim_end()
                .trim_end_matches('!')
                .trim()
        } else {
            v
        };
        out.push(Declaration {
            property: p.trim().to_ascii_lowercase(),
            value: value.to_string(),
            important,
        });
    }
    out
}

fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("*/") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The first of `stops` outside strings and parentheses.
fn find_top(text: &str, stops: &[char]) -> Option<usize> {
    let (mut depth, mut quote) = (0i32, None);
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth -= 1,
            (None, c) if depth <= 0 && stops.contains(&c) => return Some(i),
            _ => {}
        }
    }
    None
}

/// The `}` closing the `{` at `open`.
fn matching_brace(text: &str, open: usize) -> Option<usize> {
    let (mut depth, mut quote) = (0i32, None);
    for (i, c) in text[open..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '{') => depth += 1,
            (None, '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The elements of `scope`'s tree (the document or a shadow root) that `selector` (a
/// selector list) matches. `None` when a selector is more than [`simple_match`] reads.
pub fn matching_elements(dom: &Dom, scope: NodeId, selector: &str) -> Option<Vec<NodeId>> {
    let mut out = Vec::new();
    for el in dom.elements() {
        if dom.tree_root(el.id) != scope {
            continue;
        }
        if simple_match(selector, el)? {
            out.push(el.id);
        }
    }
    Some(out)
}

/// Whether `selector` (a selector list of compounds of a tag, `#id`, `.class`, `:root`,
/// `*`, joined by descendant or child combinators) matches `el`. `None` for anything else
/// (attribute selectors, pseudo-classes, sibling combinators).
pub fn simple_match(selector: &str, el: ElementRef) -> Option<bool> {
    let mut any = false;
    for complex in selector.split(',') {
        let steps: Vec<&str> = complex
            .split(|c: char| c.is_whitespace() || c == '>')
            .filter(|s| !s.is_empty())
            .collect();
        let (last, before) = steps.split_last()?;
        if !compound_matches(last, el)? {
            continue;
        }
        // Ancestors, innermost last: each earlier compound matches some ancestor, in order
        // (descendant semantics, which also accept a child combinator's match).
        let mut ancestors = el.ancestors();
        let mut ok = true;
        for step in before.iter().rev() {
            let mut found = false;
            for a in ancestors.by_ref() {
                if compound_matches(step, a)? {
                    found = true;
                    break;
                }
            }
            if !found {
                ok = false;
                break;
            }
        }
        any |= ok;
    }
    Some(any)
}

fn compound_matches(compound: &str, el: ElementRef) -> Option<bool> {
    if compound.contains(['[', '+', '~', '(']) {
        return None;
    }
    let mut rest = compound;
    let tag_end = rest.find(['#', '.', ':']).unwrap_or(rest.len());
    let tag = &rest[..tag_end];
    let mut ok = tag.is_empty() || tag == "*" || el.name().eq_ignore_ascii_case(tag);
    rest = &rest[tag_end..];
    while !rest.is_empty() {
        let kind = rest.as_bytes()[0];
        let end = rest[1..]
            .find(['#', '.', ':'])
            .map(|i| i + 1)
            .unwrap_or(rest.len());
        let name = &rest[1..end];
        ok &= match kind {
            b'#' => el.attr("id") == Some(name),
            b'.' => el.has_class(name),
            b':' if name.eq_ignore_ascii_case("root") => {
                el.is("html") && el.parent_element().is_none()
            }
            b':' if name.eq_ignore_ascii_case("host") => el.shadow_root().is_some(),
            _ => return None,
        };
        rest = &rest[end..];
    }
    Some(ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rules_media_and_keyframes() {
        let sheet = parse(
            "/* a { color: red } */ @import url(x.css);\n\
             body { color: #000 }\n\
             @media (orientation: portrait) { @supports (rotate: 1deg) { html { transform: rotate(90deg) !important } } }\n\
             @keyframes slide { from { transform: translateX(0) } to { transform: translateX(100%) } }\n\
             @font-face { font-family: x; src: url('a;b{c}.woff') }\n\
             .x { content: \"}\"; margin: 0 }",
        );
        assert_eq!(sheet.rules.len(), 3, "{sheet:?}");
        assert_eq!(
            sheet.rules[1].media,
            vec!["(orientation: portrait)".to_string()]
        );
        assert_eq!(sheet.rules[1].selector, "html");
        assert_eq!(
            sheet.rules[1].declarations,
            vec![Declaration {
                property: "transform".into(),
                value: "rotate(90deg)".into(),
                important: true
            }]
        );
        assert_eq!(sheet.rules[2].declarations.len(), 2);
        assert_eq!(sheet.keyframes.len(), 1);
        assert_eq!(sheet.keyframes[0].name, "slide");
        assert_eq!(sheet.keyframes[0].declarations.len(), 2);
    }
}
