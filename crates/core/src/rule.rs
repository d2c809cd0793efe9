//! What a rule is: one file, named after its id, that declares its metadata, its interest,
//! its examples and its check functions. The per-rule shell (a unit struct implementing
//! [`Rule`]) is written once, by [`rule!`](crate::rule!).

use crate::dom::{ElementRef, NodeId};
use crate::engine::Context;
use crate::finding::{Category, Finding, Outcome, PhiEvidence};

/// A rule's declaration. Docs, the README's rule table and the report's metadata are all
/// generated from this; nothing about a rule is written twice.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id, kebab-case (`form-field-name`). Baselines and the JSON report key on it.
    pub id: &'static str,
    /// One line: what must hold (`Form fields have an accessible name`).
    pub title: &'static str,
    pub category: Category,
    /// WCAG 2.2 success criteria, e.g. `["1.3.1", "4.1.2"]`.
    pub wcag: &'static [&'static str],
    /// W3C ACT rule ids this rule implements (used by the conformance suite).
    pub act: &'static [&'static str],
    /// Why it matters and how to fix it, for people reading a report.
    pub help: &'static str,
    /// Which elements the engine hands to the rule's element check.
    pub interest: Interest,
    /// PHI rules: where the leak is and what it concerns; `None` for accessibility rules.
    pub phi: Option<PhiMeta>,
    /// Examples with their expected outcome. They are the rule's own tests: each is scanned
    /// from static HTML and must give exactly that outcome (see [`Example`]).
    pub examples: &'static [Example],
}

impl RuleMeta {
    /// The WCAG level the rule checks: the lowest level among its criteria (a rule for
    /// 1.4.3 and 1.4.6 is AA). `None` for rules with no WCAG criterion (PHI rules).
    pub fn level(&self) -> Option<crate::wcag::Level> {
        self.wcag
            .iter()
            .filter_map(|n| crate::wcag::criterion(n))
            .map(|c| c.level)
            .min()
    }

    /// What a finding's `level` says of a rule whose findings never count against the
    /// gate: `"AAA"` for rules that check only level AAA criteria (enhanced contrast),
    /// `"best-practice"` for accessibility rules that check a technique no success
    /// criterion requires (a heading for the main content: H69 is one way to meet 2.4.1,
    /// not the only one). `None` for every rule the gate counts.
    pub fn advisory_level(&self) -> Option<&'static str> {
        if self.level() == Some(crate::wcag::Level::AAA) {
            Some("AAA")
        } else if self.category == Category::Accessibility && self.wcag.is_empty() {
            Some("best-practice")
        } else {
            None
        }
    }

    /// Whether its findings count against the gate: not for AAA or best-practice rules
    /// ([`RuleMeta::advisory_level`]), which are reported for information.
    pub fn gates(&self) -> bool {
        self.advisory_level().is_none()
    }
}

#[derive(Debug)]
pub struct PhiMeta {
    /// The `phi.location` the rule reports (`url`, `title`, `cookie`, ...).
    pub location: &'static str,
    /// The PHI kinds it can report (`KindSet::ALL`, or `ALL.without(Kind::Npi)`...).
    pub kinds: crate::phi::KindSet,
    /// HIPAA Security Rule sections, e.g. `164.312(e)(1)`.
    pub hipaa: &'static [&'static str],
}

/// A page and the outcome the rule must give for it:
/// - `Fail`: at least one fail;
/// - `Review`: at least one review and no fail;
/// - `Pass`: at least one pass and no fail or review;
/// - `Inapplicable`: no finding of any outcome.
///
/// The page text is kept only with the `examples` feature (on by default): the Wasm
/// package builds without it, since nothing in a browser scans the examples (their pages
/// are about 35 KB of text). Without it `html` is empty and `facts` is `None`.
#[derive(Debug)]
pub struct Example {
    pub outcome: Outcome,
    pub html: &'static str,
    /// Facts static HTML cannot give, as snapshot JSON fields (`url`, `response`,
    /// `cookies`, `storage`, `requests`, browser facts such as `keyboard`, and per-element
    /// layout under `nodes`), for rules that read them. See [`crate::example_facts`].
    pub facts: Option<&'static str>,
}

/// `text` when the build keeps the examples' pages, else nothing (evaluated at compile
/// time, so a dropped page is not in the binary at all).
const fn kept(text: &'static str) -> Option<&'static str> {
    if cfg!(feature = "examples") {
        Some(text)
    } else {
        None
    }
}

impl Example {
    const fn new(outcome: Outcome, html: &'static str) -> Example {
        Example {
            outcome,
            html: match kept(html) {
                Some(html) => html,
                None => "",
            },
            facts: None,
        }
    }
    pub const fn fail(html: &'static str) -> Example {
        Example::new(Outcome::Fail, html)
    }
    pub const fn review(html: &'static str) -> Example {
        Example::new(Outcome::Review, html)
    }
    pub const fn pass(html: &'static str) -> Example {
        Example::new(Outcome::Pass, html)
    }
    pub const fn inapplicable(html: &'static str) -> Example {
        Example::new(Outcome::Inapplicable, html)
    }
    /// The same example with these snapshot facts (JSON object).
    pub const fn with_facts(self, facts: &'static str) -> Example {
        Example {
            facts: kept(facts),
            ..self
        }
    }

    /// Sets the example's facts on a snapshot parsed from its HTML (see
    /// [`crate::example_facts`] for the format and node references).
    pub fn apply_facts(&self, snapshot: &mut crate::Snapshot) -> Result<(), serde_json::Error> {
        match self.facts {
            Some(facts) => crate::example_facts::apply(facts, snapshot),
            None => Ok(()),
        }
    }
}

/// Which elements a rule wants to see during the engine's single traversal.
#[derive(Debug, Clone, Copy)]
pub enum Interest {
    /// HTML elements with these local names.
    Tags(&'static [&'static str]),
    /// Every element.
    AllElements,
    /// None: the rule only looks at page-level facts in [`Rule::check_page`].
    PageOnly,
}

pub trait Rule: Sync + Send {
    fn meta(&self) -> &'static RuleMeta;
    /// Called once per element of the declaration's `interest`, in document order.
    fn check_element(&self, _cx: &Context, _element: ElementRef, _sink: &mut Sink) {}
    /// Called once per page, after the traversal.
    fn check_page(&self, _cx: &Context, _sink: &mut Sink) {}
}

/// Declares a rule's shell: a unit struct that implements [`Rule`] with the declaration
/// `META` and the given check functions (`element: fn(&Context, ElementRef, &mut Sink)`,
/// `page: fn(&Context, &mut Sink)`; closures without captures work too).
///
/// ```ignore
/// crate::rule!(ButtonName = META, element: check_element);
/// ```
#[macro_export]
macro_rules! rule {
    ($name:ident = $meta:ident $(, element: $element:expr)? $(, page: $page:expr)? $(,)?) => {
        pub struct $name;

        impl $crate::rule::Rule for $name {
            fn meta(&self) -> &'static $crate::rule::RuleMeta {
                &$meta
            }
            $(
                fn check_element(
                    &self,
                    cx: &$crate::engine::Context,
                    element: $crate::dom::ElementRef,
                    sink: &mut $crate::rule::Sink,
                ) {
                    ($element)(cx, element, sink)
                }
            )?
            $(
                fn check_page(&self, cx: &$crate::engine::Context, sink: &mut $crate::rule::Sink) {
                    ($page)(cx, sink)
                }
            )?
        }
    };
}

/// Items grouped by key, groups in the order their keys first appear: for rules that
/// compare elements with each other (access keys, landmark names, frame names).
pub fn groups_in_order<K: Eq + std::hash::Hash + Clone, V>(
    items: impl IntoIterator<Item = (K, V)>,
) -> Vec<(K, Vec<V>)> {
    let mut index: std::collections::HashMap<K, usize> = std::collections::HashMap::new();
    let mut groups: Vec<(K, Vec<V>)> = Vec::new();
    for (key, value) in items {
        match index.get(&key) {
            Some(&i) => groups[i].1.push(value),
            None => {
                index.insert(key.clone(), groups.len());
                groups.push((key, vec![value]));
            }
        }
    }
    groups
}

/// Where a rule reports. Turns (node, outcome, message) into a full [`Finding`].
pub struct Sink<'a> {
    pub(crate) meta: &'static RuleMeta,
    pub(crate) cx: &'a Context<'a>,
    pub(crate) out: &'a mut Vec<Finding>,
    pub(crate) include_passes: bool,
    /// The report's bound: findings over it are counted, not built. `None`: no bound.
    pub(crate) budget: Option<&'a mut crate::report::bounds::Budget>,
}

impl Sink<'_> {
    pub fn fail(&mut self, node: NodeId, message: impl Into<String>) {
        self.report(Outcome::Fail, Some(node), message.into(), None);
    }
    pub fn review(&mut self, node: NodeId, message: impl Into<String>) {
        self.report(Outcome::Review, Some(node), message.into(), None);
    }
    pub fn pass(&mut self, node: NodeId) {
        if self.include_passes {
            self.report(Outcome::Pass, Some(node), String::new(), None);
        }
    }
    pub fn outcome(&mut self, outcome: Outcome, node: NodeId, message: impl Into<String>) {
        match outcome {
            Outcome::Pass => self.pass(node),
            Outcome::Inapplicable => {}
            _ => self.report(outcome, Some(node), message.into(), None),
        }
    }
    /// A PHI finding. `node` is the element it was found on, if any (a cookie has none).
    pub fn phi(
        &mut self,
        outcome: Outcome,
        node: Option<NodeId>,
        location: &str,
        kinds: crate::phi::KindSet,
        message: impl Into<String>,
    ) {
        if outcome == Outcome::Pass && !self.include_passes {
            return;
        }
        let evidence = PhiEvidence {
            location: location.to_string(),
            kinds: kinds.names(),
            hipaa: self
                .meta
                .phi
                .as_ref()
                .map(|p| p.hipaa.iter().map(|s| s.to_string()).collect())
                .unwrap_or_default(),
            ..PhiEvidence::default()
        };
        self.report(outcome, node, message.into(), Some(evidence));
    }

    /// A PHI finding with full evidence (see [`crate::phi::evidence`] to build it).
    pub fn phi_evidence(
        &mut self,
        outcome: Outcome,
        node: Option<NodeId>,
        evidence: PhiEvidence,
        message: impl Into<String>,
    ) {
        if outcome == Outcome::Pass && !self.include_passes {
            return;
        }
        self.report(outcome, node, message.into(), Some(evidence));
    }

    /// The key for fingerprints in evidence, if the caller gave one.
    pub fn fingerprint_key(&self) -> Option<&crate::phi::FingerprintKey> {
        self.cx.fingerprint_key
    }

    fn report(
        &mut self,
        outcome: Outcome,
        node: Option<NodeId>,
        message: String,
        phi: Option<PhiEvidence>,
    ) {
        // Checked first: a finding over the bound costs no selector (which is as long as
        // the element is deep).
        if let Some(budget) = self.budget.as_deref_mut()
            && !budget.admit(self.meta.id, outcome)
        {
            return;
        }
        let dom = &self.cx.snapshot.dom;
        let element = node.and_then(|n| dom.element(n));
        let (selector, html, element_key) = match element {
            Some(el) => (
                crate::selector::unique_selector(el),
                crate::selector::start_tag(el),
                crate::fingerprint::element_key(el),
            ),
            None => (String::new(), String::new(), String::new()),
        };
        let fingerprint = crate::fingerprint::fingerprint(
            self.meta.id,
            &self.cx.page_key,
            &element_key,
            phi.as_ref(),
        );
        let line = element.and_then(|el| el.node().line);
        let column = element.and_then(|el| el.node().column);
        let component = node
            .and_then(|n| crate::component::component_of(dom, n))
            .map(str::to_string);
        let level = self.meta.advisory_level().map(str::to_string);
        self.out.push(Finding {
            rule: self.meta.id.to_string(),
            outcome,
            category: self.meta.category,
            wcag: self.meta.wcag.iter().map(|s| s.to_string()).collect(),
            act: self.meta.act.iter().map(|s| s.to_string()).collect(),
            url: self.cx.redacted_url.clone(),
            selector,
            html,
            message,
            help: self.meta.help.to_string(),
            phi,
            node,
            fingerprint,
            line,
            column,
            component,
            level,
            screenshot: None,
        });
    }
}
