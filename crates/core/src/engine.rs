//! Runs rules over a snapshot in one traversal.

use std::cell::OnceCell;
use std::collections::HashMap;

use crate::a11y::PageA11y;
use crate::dom::{Dom, NodeId};
use crate::finding::Finding;
use crate::phi::FingerprintKey;
use crate::report::bounds::{Budget, Truncated};
use crate::rule::{Interest, Rule, Sink};
use crate::snapshot::Snapshot;

/// What rules may read: the snapshot, plus facts derived from it once and shared.
pub struct Context<'a> {
    pub snapshot: &'a Snapshot,
    pub dom: &'a Dom,
    /// Accessibility semantics (roles, names, hidden, focus), memoised per page.
    pub a11y: PageA11y<'a>,
    /// The page URL with any PHI in it masked: what findings show.
    pub redacted_url: String,
    /// Key for the fingerprints in PHI evidence; none means no fingerprints.
    pub fingerprint_key: Option<&'a FingerprintKey>,
    /// The page part of finding fingerprints ([`crate::fingerprint::page_key`] of the URL
    /// unless the front-end gave its own).
    pub page_key: String,
    /// [`crate::style::flat_tree_order`] of the page, computed once for every rule.
    flat_order: OnceCell<(Vec<NodeId>, usize)>,
    /// [`crate::paint::paint_all`] of the page, computed once for every rule.
    paints: OnceCell<Vec<Option<crate::paint::Paint>>>,
    /// [`crate::paint::layers::Layers::build`] of the page (`None` without paint order).
    layers: OnceCell<Option<crate::paint::layers::Layers>>,
    /// [`crate::paint::disabled::exempt_all`] of the page, by arena index.
    contrast_exempt: OnceCell<Vec<bool>>,
    /// Which nodes the live Tab walk stopped on, by arena index, computed once.
    walk_stops: OnceCell<Vec<bool>>,
}

impl<'a> Context<'a> {
    pub fn new(snapshot: &'a Snapshot) -> Context<'a> {
        Context {
            snapshot,
            dom: &snapshot.dom,
            a11y: PageA11y::new(&snapshot.dom),
            redacted_url: crate::phi::redact_url(&snapshot.url),
            fingerprint_key: None,
            page_key: crate::fingerprint::page_key(&snapshot.url),
            flat_order: OnceCell::new(),
            paints: OnceCell::new(),
            layers: OnceCell::new(),
            contrast_exempt: OnceCell::new(),
            walk_stops: OnceCell::new(),
        }
    }

    /// The page's elements in flat-tree order (see [`crate::style::flat_tree_order`]),
    /// computed once per scan.
    pub fn flat_tree_order(&self) -> &(Vec<NodeId>, usize) {
        self.flat_order
            .get_or_init(|| crate::style::flat_tree_order(self.dom))
    }

    /// Paint facts of every element (see [`crate::paint::paint_all`]), computed once per
    /// scan for every contrast rule.
    pub fn paints(&self) -> &[Option<crate::paint::Paint>] {
        self.paints
            .get_or_init(|| crate::paint::paint_all(self.dom, self.flat_tree_order()))
    }

    /// What paints behind what (see [`crate::paint::layers`]), built once per scan for
    /// the contrast rules of every level; `None` when the snapshot has no paint order.
    pub fn layers(&self) -> Option<&crate::paint::layers::Layers> {
        self.layers
            .get_or_init(|| crate::paint::layers::Layers::build(self.dom, self.paints()))
            .as_ref()
    }

    /// Which nodes are exempt from contrast minimums as (parts of) disabled controls
    /// (see [`crate::paint::disabled::exempt_all`]), by arena index, computed once.
    pub fn contrast_exempt(&self) -> &[bool] {
        self.contrast_exempt
            .get_or_init(|| crate::paint::disabled::exempt_all(self.dom, self.flat_tree_order()))
    }

    /// Whether the page's live Tab walk speaks for `node`: there is a walk, and `node` is
    /// not inside a frame whose element was itself one of its stops. Such a frame took
    /// focus but the walk could not follow it inside (another origin's document): which
    /// of its elements Tab reaches is unknown, as if no walk had been made there.
    pub fn walk_covers(&self, node: NodeId) -> bool {
        if self.snapshot.keyboard.is_none() {
            return false;
        }
        let stops = self.walk_stops();
        let mut document = self.dom.document_of(node);
        while let Some(frame) = self.dom.frame_owner(document) {
            if stops[frame.index()] {
                return false;
            }
            document = self.dom.document_of(frame);
        }
        true
    }

    /// Whether the live Tab walk stopped on each node (by arena index; all false without
    /// a walk), computed once per scan for every keyboard rule.
    pub fn walk_stops(&self) -> &[bool] {
        self.walk_stops.get_or_init(|| {
            let mut stops = vec![false; self.dom.len()];
            for s in self.snapshot.keyboard.iter().flat_map(|w| &w.stops) {
                if let Some(flag) = stops.get_mut(s.node.index()) {
                    *flag = true;
                }
            }
            stops
        })
    }

    /// Whether the live Tab walk went round the whole page: it came back to the start,
    /// was not cut off at its press limit and met no trap. Then an element it did not
    /// stop on is not in the Tab order (where [`Context::walk_covers`] it).
    pub fn walk_complete(&self) -> bool {
        self.snapshot
            .keyboard
            .as_ref()
            .is_some_and(|w| w.cycled && !w.truncated && w.trap.is_none())
    }

    /// The root element of a whole page, for page-level rules (title, `lang`, viewport):
    /// `None` for a component's source, whose hosting page has those (and a parser's
    /// implied `<html>` around a template is nobody's).
    pub fn page_root(&self) -> Option<crate::dom::ElementRef<'a>> {
        self.snapshot
            .is_page()
            .then(|| self.dom.document_element())
            .flatten()
    }

    /// The `<html>` element, or the document node when there is none.
    pub fn page_node(&self) -> NodeId {
        self.dom
            .document_element()
            .map(|e| e.id)
            .unwrap_or(NodeId::DOCUMENT)
    }
}

/// How to scan: which rules, whether passes are reported, and the keys fingerprints use.
#[derive(Clone, Debug, Default)]
pub struct ScanOptions {
    /// Also report `pass` findings (the CLI's `--all`, the ACT suite, rule examples).
    pub include_passes: bool,
    /// Which rules run; every rule by default.
    pub rules: RuleSelection,
    /// Key for the fingerprints in PHI evidence; none means no fingerprints.
    pub fingerprint_key: Option<FingerprintKey>,
    /// Replaces the URL's page key in finding fingerprints (a local file's path relative
    /// to the project, say, so fingerprints agree between checkouts).
    pub page_key: Option<String>,
    /// List at most this many findings of one rule and outcome; the rest are only counted
    /// ([`Scanned::truncated`]). `None` (the default here): no bound. Front-ends that write
    /// reports pass [`crate::report::bounds::DEFAULT_MAX_FINDINGS_PER_RULE`] unless told.
    pub max_findings_per_rule: Option<usize>,
}

impl ScanOptions {
    /// Options that also report passes (tests, rule examples, the ACT suite).
    pub fn with_passes() -> ScanOptions {
        ScanOptions {
            include_passes: true,
            ..ScanOptions::default()
        }
    }
}

/// A selection of rules by id. Ids that name no rule select nothing (the CLI checks ids
/// against [`crate::rules::by_id`] before it scans).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RuleSelection {
    #[default]
    All,
    /// Only these rules.
    Only(Vec<String>),
    /// Every rule but these.
    Skip(Vec<String>),
}

impl RuleSelection {
    /// Only the rules with these ids.
    pub fn only<S: Into<String>>(ids: impl IntoIterator<Item = S>) -> RuleSelection {
        RuleSelection::Only(ids.into_iter().map(Into::into).collect())
    }

    /// Only these rules (by their ids), for tests and tools that hold rules, not ids.
    pub fn of(rules: &[&dyn Rule]) -> RuleSelection {
        RuleSelection::only(rules.iter().map(|r| r.meta().id))
    }

    /// Whether the rule with this id runs.
    pub fn selects(&self, id: &str) -> bool {
        match self {
            RuleSelection::All => true,
            RuleSelection::Only(ids) => ids.iter().any(|i| i == id),
            RuleSelection::Skip(ids) => !ids.iter().any(|i| i == id),
        }
    }
}

/// What a scan found: the listed findings, and the count of those over
/// [`ScanOptions::max_findings_per_rule`].
#[derive(Clone, Debug, Default)]
pub struct Scanned {
    pub findings: Vec<Finding>,
    /// Per rule and outcome, the findings not listed; empty without a bound.
    pub truncated: Vec<Truncated>,
}

/// Scans one snapshot: the entry point every front-end calls. Front-ends that bound
/// their reports call [`scan_bounded`], which also says what the bound left out.
pub fn scan(snapshot: &Snapshot, options: &ScanOptions) -> Vec<Finding> {
    scan_bounded(snapshot, options).findings
}

/// Scans one snapshot, listing at most `options.max_findings_per_rule` findings of one rule
/// and outcome and counting the rest.
pub fn scan_bounded(snapshot: &Snapshot, options: &ScanOptions) -> Scanned {
    let rules: Vec<&dyn Rule> = crate::rules::all()
        .into_iter()
        .filter(|r| options.rules.selects(r.meta().id))
        .collect();
    run(snapshot, &rules, options)
}

/// Runs the given rules in one traversal.
fn run(snapshot: &Snapshot, rules: &[&dyn Rule], options: &ScanOptions) -> Scanned {
    let mut cx = Context::new(snapshot);
    cx.fingerprint_key = options.fingerprint_key.as_ref();
    if let Some(page_key) = &options.page_key {
        cx.page_key = page_key.clone();
    }
    let mut findings = Vec::new();
    let mut budget = Budget::new(options.max_findings_per_rule);

    // Dispatch table: tag name -> rules, built once so no rule walks the tree itself.
    let mut by_tag: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut every_element = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        match rule.meta().interest {
            Interest::Tags(tags) => {
                for tag in tags {
                    by_tag.entry(tag).or_default().push(i);
                }
            }
            Interest::AllElements => every_element.push(i),
            Interest::PageOnly => {}
        }
    }

    // A component's passes may turn to review (see `template::settle`): keep them until then.
    let include_passes = options.include_passes || snapshot.component_source.is_some();
    let mut sink_for = |i: usize, findings: &mut Vec<Finding>, f: &mut dyn FnMut(&mut Sink)| {
        let mut sink = Sink {
            meta: rules[i].meta(),
            cx: &cx,
            out: findings,
            include_passes,
            budget: Some(&mut budget),
        };
        f(&mut sink);
    };

    for element in snapshot.dom.elements() {
        let tagged = if element.is_html() {
            by_tag.get(element.name()).map(Vec::as_slice).unwrap_or(&[])
        } else {
            &[]
        };
        for &i in every_element.iter().chain(tagged) {
            sink_for(i, &mut findings, &mut |sink| {
                rules[i].check_element(&cx, element, sink)
            });
        }
    }
    for (i, rule) in rules.iter().enumerate() {
        sink_for(i, &mut findings, &mut |sink| rule.check_page(&cx, sink));
    }
    crate::template::settle(snapshot, &mut findings);
    if !options.include_passes {
        findings.retain(|f| f.outcome != crate::Outcome::Pass);
    }
    crate::fingerprint::disambiguate(&mut findings);
    Scanned {
        findings,
        truncated: budget.truncated(options.include_passes),
    }
}

#[cfg(test)]
mod frame_tests {
    use super::*;
    use crate::finding::Outcome;

    /// A page (with `lang`, a title and an `<h1>`) showing a payment frame taken out of the
    /// Tab order, whose attached document has no `lang`, an `<h3>` as its first heading and
    /// an unlabelled field with the same id as a page element.
    const PAGE: &str = r#"{"url":"https://portal.example/s/pay","dom":[
        {"type":"document"},
        {"parent":0,"type":"element","name":"html","attrs":[["lang","en"]]},
        {"parent":1,"type":"element","name":"head","attrs":[]},
        {"parent":2,"type":"element","name":"title","attrs":[]},
        {"parent":3,"type":"text","text":"Pay a bill"},
        {"parent":1,"type":"element","name":"body","attrs":[]},
        {"parent":5,"type":"element","name":"h1","attrs":[["id","card"]]},
        {"parent":6,"type":"text","text":"Pay"},
        {"parent":5,"type":"element","name":"iframe","attrs":[["id","pay"],["title","Card"],["tabindex","-1"],["src","https://pay.example/f?mrn=00123456"]]},
        {"parent":8,"type":"content_document","url":"https://pay.example/f?mrn=00123456"},
        {"parent":9,"type":"element","name":"html","attrs":[]},
        {"parent":10,"type":"element","name":"body","attrs":[]},
        {"parent":11,"type":"element","name":"h3","attrs":[]},
        {"parent":12,"type":"text","text":"Card"},
        {"parent":11,"type":"element","name":"input","attrs":[["id","card"],["type","text"]]}]}"#;

    fn findings() -> Vec<Finding> {
        let snapshot: Snapshot = serde_json::from_str(PAGE).unwrap();
        scan(&snapshot, &ScanOptions::with_passes())
    }

    fn of<'a>(findings: &'a [Finding], rule: &str) -> Vec<&'a Finding> {
        findings.iter().filter(|f| f.rule == rule).collect()
    }

    #[test]
    fn rules_run_inside_an_attached_frame_and_name_it_in_selectors() {
        let findings = findings();
        let field = of(&findings, "form-field-name");
        assert_eq!(field.len(), 1, "{field:?}");
        assert_eq!(field[0].outcome, Outcome::Fail);
        // The frame element, then the element in the frame's document (whose id is its own:
        // the page's `#card` is another document's).
        assert_eq!(field[0].selector, "#pay >>> #card");
        assert_eq!(field[0].node, Some(NodeId(14)));
        // The frame holds a field in the Tab order: taking the frame out of it fails.
        let frame = of(&findings, "iframe-not-focusable");
        assert_eq!(frame.len(), 1);
        assert_eq!(frame[0].outcome, Outcome::Fail, "{}", frame[0].message);
        assert_eq!(frame[0].selector, "#pay");
    }

    #[test]
    fn page_level_rules_read_the_top_document_and_outlines_are_per_document() {
        let findings = findings();
        // `lang`, the title: the page's (passing); the frame's `<html>` has none and is
        // not judged as the page's root.
        for rule in ["html-has-lang", "document-title"] {
            let found = of(&findings, rule);
            assert!(
                found
                    .iter()
                    .all(|f| f.outcome == Outcome::Pass && f.node != Some(NodeId(10))),
                "{rule}: {found:?}"
            );
        }
        // The frame's first heading starts its own outline: no skipped level after the
        // page's `<h1>`.
        let headings = of(&findings, "heading-order");
        assert_eq!(headings.len(), 2, "{headings:?}");
        assert!(
            headings.iter().all(|f| f.outcome == Outcome::Pass),
            "{headings:?}"
        );
    }
}
