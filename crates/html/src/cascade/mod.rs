//! The static CSS cascade: fills `style` (and `focus_style` for focusable elements) on
//! every element, from the user-agent sheet, `<style>`, `<link rel=stylesheet>` (through
//! the caller's [`ResourceLoader`]) and `style` attributes.
//!
//! - Matching uses the `selectors` crate over the arena ([`select`]); rules are indexed by
//!   their rightmost id, class or tag ([`scopes`]), and each stylesheet is parsed once.
//! - Shadow DOM: every shadow root is its own style scope. Document styles do not enter
//!   shadow trees; a shadow tree's `:host` rules style its host and its `::slotted()`
//!   rules style the host's slotted children, losing to outer normal declarations and
//!   winning with `!important` (CSS Scoping). Inheritance follows the flat tree.
//! - `@media` is evaluated against a 1280×800 screen ([`media`]).
//! - A value that cannot be computed statically leaves its property absent; when a linked
//!   or imported stylesheet cannot be loaded, the elements of that tree get no values at
//!   all (only the fact that a style was computed), so rules answer `review`.

mod compute;
mod media;
mod props;
mod scopes;
mod select;
mod sheet;
mod ua;
mod values;
mod vars;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::sync::Arc;

use portalscan_core::dom::{Dom, NodeId};
use portalscan_core::style::{Style, flat_tree_order, inheritance_parent, visible_focus_change};
use selectors::context::{
    MatchingContext, MatchingForInvalidation, MatchingMode, NeedsSelectorFlags, QuirksMode,
    SelectorCaches,
};
use selectors::matching::matches_selector;

use crate::ResourceLoader;
use compute::{Computed, FastHash, Inputs, Matched, Strings, Vals, compute};
use props::ALL;
use scopes::{RuleIndex, Scopes};
use select::{El, MatchState};
use sheet::{Block, UNLAYERED, parse_inline};

/// How many style rules a stylesheet's text holds (nested `@media`/`@layer` included):
/// zero means the text is not CSS anyone meant.
pub fn style_rule_count(text: &str) -> usize {
    let mut sink = sheet::SheetSink::default();
    sheet::parse_sheet(text, &mut sink, None);
    sink.rules.len()
}

pub fn compute_styles(dom: &mut Dom, url: &str, resources: &dyn ResourceLoader) {
    let results = {
        let dom: &Dom = dom;
        let scopes = scopes::collect(dom, url, resources);
        // Each distinct `style` attribute is parsed once.
        let mut inline: HashMap<&str, Block> = HashMap::new();
        for el in dom.elements() {
            if let Some(text) = el.attr("style") {
                inline.entry(text).or_insert_with(|| parse_inline(text));
            }
        }
        let mut cascade = Cascade::new(dom, &scopes, &inline);
        cascade.run()
    };
    for (id, style, focus_style) in results {
        let node = dom.node_mut(id);
        node.style = Some(style);
        node.focus_style = focus_style;
    }
}

struct Cascade<'a> {
    dom: &'a Dom,
    scopes: &'a Scopes,
    ua: &'static RuleIndex,
    caches: SelectorCaches,
    inline: &'a HashMap<&'a str, Block>,
    /// Interned value arrays, by a hash of their string pointers.
    interned: HashMap<u64, Vec<(Arc<Vals>, Style)>, FastHash>,
    strings: Strings,
    candidates: Vec<u32>,
    /// Computed results by (parent, matched declarations): siblings styled by the same
    /// rules share one computation.
    memo: HashMap<u64, Vec<(MemoKey, Computed, Style)>, FastHash>,
}

/// What a computed style depends on besides the declarations' contents.
#[derive(PartialEq)]
struct MemoKey {
    parent: Option<(usize, usize)>,
    flags: (bool, bool, Option<u64>),
    matched: Vec<(usize, bool, bool, bool, u16, u32, u32)>,
}

impl<'a> Cascade<'a> {
    fn new(dom: &'a Dom, scopes: &'a Scopes, inline: &'a HashMap<&'a str, Block>) -> Cascade<'a> {
        Cascade {
            dom,
            scopes,
            ua: scopes::user_agent(),
            caches: SelectorCaches::default(),
            inline,
            interned: HashMap::default(),
            strings: Strings::default(),
            candidates: Vec::new(),
            memo: HashMap::default(),
        }
    }

    fn run(&mut self) -> Vec<(NodeId, Style, Option<Style>)> {
        let dom = self.dom;
        let mut computed: Vec<Option<Computed>> = vec![None; dom.len()];
        let mut out = Vec::new();
        let mut root_font_px = None;
        let unfocused = MatchState::default();
        let strings = std::mem::take(&mut self.strings);
        for id in flat_tree_order(dom).0 {
            let parent = inheritance_parent(dom, id).and_then(|p| computed[p.index()].as_ref());
            let is_root = dom.parent(id) == Some(NodeId::DOCUMENT);
            let inputs = Inputs {
                strings: &strings,
                parent,
                root_font_px,
                is_root,
                incomplete: self
                    .scopes
                    .by_root
                    .get(&dom.tree_root(id))
                    .is_some_and(|s| s.incomplete),
            };
            let own = self.style_of(id, &unfocused, &inputs);
            let focus_style = is_focusable(dom, id)
                .then(|| {
                    let focused = MatchState { focused: Some(id) };
                    self.style_of(id, &focused, &inputs).1
                })
                // When focus may restyle other elements, an unchanged own style does not
                // show that nothing changes: leave the focused style unknown.
                .filter(|f| {
                    !(self.scopes.focus_restyles_others
                        && visible_focus_change(&own.1, f) == Some(false))
                });
            if is_root {
                root_font_px = own.0.font_px;
            }
            out.push((id, own.1, focus_style));
            computed[id.index()] = Some(own.0);
        }
        out
    }

    fn style_of(&mut self, id: NodeId, state: &MatchState, inputs: &Inputs) -> (Computed, Style) {
        let mut matched = Vec::new();
        self.match_rules(id, state, &mut matched);
        let key = MemoKey {
            parent: inputs.parent.map(|p| {
                (
                    Arc::as_ptr(&p.vals) as usize,
                    Arc::as_ptr(&p.custom) as usize,
                )
            }),
            flags: (
                inputs.is_root,
                inputs.incomplete,
                inputs.root_font_px.map(f64::to_bits),
            ),
            matched: matched
                .iter()
                .map(|m| {
                    (
                        m.block as *const Block as usize,
                        m.user_agent,
                        m.inner,
                        m.inline,
                        m.layer,
                        m.specificity,
                        m.order,
                    )
                })
                .collect(),
        };
        let hash = {
            use std::hash::{BuildHasher, Hasher};
            let mut h = FastHash.build_hasher();
            if let Some((a, b)) = key.parent {
                h.write_usize(a);
                h.write_usize(b);
            }
            for m in &key.matched {
                h.write_usize(m.0);
                h.write_u64(((m.5 as u64) << 32) | m.6 as u64);
            }
            h.finish()
        };
        if let Some((_, c, s)) = self
            .memo
            .get(&hash)
            .and_then(|bucket| bucket.iter().find(|(k, _, _)| *k == key))
        {
            return (c.clone(), s.clone());
        }
        let built = compute(&mut matched, inputs);
        let (vals, style) = self.intern(built.vals);
        let computed = Computed {
            vals,
            font_px: built.font_px,
            custom: built.custom,
        };
        self.memo
            .entry(hash)
            .or_default()
            .push((key, computed.clone(), style.clone()));
        (computed, style)
    }

    /// One shared value array and `Style` per distinct set of values. Value strings are
    /// shared `Arc`s, so identity of the pointers is enough (and cheap) to compare.
    fn intern(&mut self, vals: Vals) -> (Arc<Vals>, Style) {
        let mut hash: u64 = 0xcbf29ce484222325;
        for v in &vals {
            let p = v
                .as_ref()
                .map_or(0, |a| Arc::as_ptr(a) as *const u8 as usize);
            hash = (hash ^ p as u64).wrapping_mul(0x100000001b3);
        }
        let same = |a: &Vals, b: &Vals| {
            a.iter().zip(b).all(|(x, y)| match (x, y) {
                (Some(x), Some(y)) => Arc::ptr_eq(x, y),
                (None, None) => true,
                _ => false,
            })
        };
        let bucket = self.interned.entry(hash).or_default();
        if let Some((v, s)) = bucket.iter().find(|(v, _)| same(v, &vals)) {
            return (v.clone(), s.clone());
        }
        let style: Style = ALL
            .iter()
            .filter_map(|p| vals[p.index()].as_ref().map(|v| (p.name(), v.to_string())))
            .collect();
        let vals = Arc::new(vals);
        bucket.push((vals.clone(), style.clone()));
        (vals, style)
    }

    /// Every declaration block that applies to the element, with its cascade position.
    fn match_rules(&mut self, id: NodeId, state: &MatchState, out: &mut Vec<Matched<'a>>) {
        let dom = self.dom;
        let Some(el) = dom.element(id) else { return };
        let tag = if el.is_html() {
            el.name().to_string()
        } else {
            el.name().to_ascii_lowercase()
        };
        let id_attr = el.attr("id");
        let mut classes: Vec<&str> = el
            .attr("class")
            .map(|c| c.split_ascii_whitespace().collect())
            .unwrap_or_default();
        classes.sort_unstable();
        classes.dedup();
        let me = El { dom, id, state };

        let ua = self.ua;
        self.match_index(ua, &tag, id_attr, &classes, me, None, true, false, out);

        let root = dom.tree_root(id);
        if let Some(scope) = self.scopes.by_root.get(&root) {
            let host = dom.host(root);
            self.match_index(
                &scope.rules,
                &tag,
                id_attr,
                &classes,
                me,
                host,
                false,
                false,
                out,
            );
        }
        // `:host` rules of the element's own shadow tree.
        if let Some(shadow) = dom.shadow_root(id)
            && let Some(scope) = self.scopes.by_root.get(&shadow)
        {
            let host_rules = scope.rules.host.clone();
            self.match_list(&scope.rules, &host_rules, me, Some(id), false, true, out);
        }
        // `::slotted()` rules of the shadow tree whose slot the element is assigned to.
        if let Some(slot) = dom.assigned_slot(id) {
            let slot_root = dom.tree_root(slot);
            if let Some(scope) = self.scopes.by_root.get(&slot_root) {
                let slotted = scope.rules.slotted.clone();
                self.match_list(
                    &scope.rules,
                    &slotted,
                    me,
                    dom.host(slot_root),
                    false,
                    true,
                    out,
                );
            }
        }
        let inline: &'a HashMap<&'a str, Block> = self.inline;
        if let Some(block) = el.attr("style").and_then(|text| inline.get(text)) {
            out.push(Matched {
                block,
                user_agent: false,
                inner: false,
                inline: true,
                layer: UNLAYERED,
                specificity: 0,
                order: 0,
            });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn match_index(
        &mut self,
        index: &'a RuleIndex,
        tag: &str,
        id_attr: Option<&str>,
        classes: &[&str],
        me: El,
        host: Option<NodeId>,
        user_agent: bool,
        inner: bool,
        out: &mut Vec<Matched<'a>>,
    ) {
        let mut candidates = std::mem::take(&mut self.candidates);
        candidates.clear();
        let attrs = me.dom.element(me.id).map(|e| e.attrs()).unwrap_or(&[]);
        index.candidates(tag, id_attr, classes, attrs, &mut candidates);
        self.match_list(index, &candidates, me, host, user_agent, inner, out);
        self.candidates = candidates;
    }

    #[allow(clippy::too_many_arguments)]
    fn match_list(
        &mut self,
        index: &'a RuleIndex,
        list: &[u32],
        me: El,
        host: Option<NodeId>,
        user_agent: bool,
        inner: bool,
        out: &mut Vec<Matched<'a>>,
    ) {
        if list.is_empty() {
            return;
        }
        let mut ctx = MatchingContext::new(
            MatchingMode::Normal,
            None,
            &mut self.caches,
            QuirksMode::NoQuirks,
            NeedsSelectorFlags::No,
            MatchingForInvalidation::No,
        );
        let host_el = host.map(|h| El {
            dom: me.dom,
            id: h,
            state: me.state,
        });
        ctx.with_shadow_host(host_el, |ctx| {
            for &i in list {
                let entry = &index.entries[i as usize];
                if matches_selector(&entry.selector, 0, None, &me, ctx) {
                    out.push(Matched {
                        block: &entry.block,
                        user_agent,
                        inner,
                        inline: false,
                        layer: entry.layer,
                        specificity: entry.specificity,
                        order: entry.order,
                    });
                }
            }
        });
    }
}

/// Whether the element can take focus (so a focused style is worth computing).
pub fn is_focusable(dom: &Dom, id: NodeId) -> bool {
    let Some(el) = dom.element(id) else {
        return false;
    };
    if el
        .attr("tabindex")
        .is_some_and(|t| t.trim().parse::<i32>().is_ok())
    {
        return true;
    }
    if el
        .attr("contenteditable")
        .is_some_and(|v| !v.eq_ignore_ascii_case("false"))
    {
        return true;
    }
    if !el.is_html() {
        return false;
    }
    match el.name() {
        "a" | "area" => el.has_attr("href"),
        "input" => {
            !el.has_attr("disabled")
                && !el
                    .attr("type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("hidden"))
        }
        "button" | "select" | "textarea" => !el.has_attr("disabled"),
        "iframe" => true,
        "audio" | "video" => el.has_attr("controls"),
        "summary" => el
            .parent_element()
            .is_some_and(|p| p.is("details") && p.children().next().map(|c| c.id) == Some(id)),
        _ => false,
    }
}
