//! Every rule, one file each, grouped by topic, and nothing else: code rules share lives
//! outside `rules/` (`a11y`, `paint`, `report`, ...). A rule's file is named after its id
//! and reads as a declaration: `static META: RuleMeta` (with its `interest` and examples),
//! the check functions, and `crate::rule!(Name = META, element: check_element)`.
//!
//! A group's `mod.rs` lists its rules; [`all`] joins the groups. Adding a rule: write its
//! file, add it to its group's list, then run `scripts/update-docs.sh` (the README's rule
//! table is generated from `META`). Its examples become the test `examples::<file name>`
//! of `tests/rule_examples.rs`.

pub mod aria;
pub mod contrast;
pub mod forms;
pub mod images;
pub mod keyboard;
pub mod lists;
pub mod media;
pub mod names;
pub mod page;
pub mod phi;
pub mod structure;
pub mod tables;
pub mod timing;
pub mod visual;

use crate::rule::Rule;

pub fn all() -> Vec<&'static dyn Rule> {
    let mut rules = Vec::new();
    rules.extend(page::rules());
    rules.extend(names::rules());
    rules.extend(images::rules());
    rules.extend(tables::rules());
    rules.extend(lists::rules());
    rules.extend(structure::rules());
    rules.extend(forms::rules());
    rules.extend(media::rules());
    rules.extend(timing::rules());
    rules.extend(visual::rules());
    rules.extend(aria::rules());
    rules.extend(keyboard::rules());
    rules.extend(contrast::rules());
    rules.extend(phi::rules());
    rules
}

/// The rule with this id.
pub fn by_id(id: &str) -> Option<&'static dyn Rule> {
    all().into_iter().find(|r| r.meta().id == id)
}

#[cfg(test)]
mod tests {
    use super::by_id;
    use crate::a11y::tree::tests::build;
    use crate::dom::{Dom, NodeId};
    use crate::{Outcome, RuleSelection, ScanOptions, Snapshot, scan};

    /// (rule, outcome, node) of every finding of these rules on a snapshot of `dom`.
    fn findings(dom: Dom, rules: &[&str]) -> Vec<(String, Outcome, Option<NodeId>)> {
        let snapshot = Snapshot::new("https://portal.example/s/", "test", dom);
        let rules: Vec<_> = rules.iter().map(|id| by_id(id).expect("a rule")).collect();
        scan(
            &snapshot,
            &ScanOptions {
                rules: RuleSelection::of(&rules),
                ..ScanOptions::with_passes()
            },
        )
        .into_iter()
        .map(|f| (f.rule, f.outcome, f.node))
        .collect()
    }

    /// Without computed styles, the last inline `display` declaration decides whether an
    /// element is rendered, for every rule (issue 9: `button-name` read the last one,
    /// `aria-role-valid` any one).
    #[test]
    fn every_rule_reads_the_last_inline_display_declaration() {
        for style in ["display:none; display:block", "display:block"] {
            let dom = build(&[
                (Some(0), "body"),
                (Some(1), &format!("button|style={style}")),
                (Some(1), &format!("div|role=lnik|style={style}")),
            ]);
            let got = findings(dom, &["button-name", "aria-role-valid"]);
            assert_eq!(
                got,
                vec![
                    ("button-name".into(), Outcome::Fail, Some(NodeId(2))),
                    ("aria-role-valid".into(), Outcome::Fail, Some(NodeId(3))),
                ],
                "style {style:?}"
            );
        }
        // The last declaration hides: neither rule applies.
        let dom = build(&[
            (Some(0), "body"),
            (Some(1), "button|style=display:block; display:none"),
            (Some(1), "div|role=lnik|style=display:block;display:none"),
        ]);
        assert_eq!(findings(dom, &["button-name", "aria-role-valid"]), vec![]);
    }

    /// Both title rules read the same element: the first HTML `<title>`, never an SVG one.
    #[test]
    fn title_rules_read_the_same_title() {
        let got = findings(
            crate::dom::tests::svg_title_first(),
            &["document-title", "phi-in-title"],
        );
        assert_eq!(
            got,
            vec![
                ("document-title".into(), Outcome::Pass, Some(NodeId(5))),
                ("phi-in-title".into(), Outcome::Pass, Some(NodeId(5))),
            ]
        );
    }

    /// Nested controls are reported once (issue 13): a focusable inside an element with
    /// presentational children is `presentational-children-focusable`'s, on that element;
    /// `nested-interactive` reports links that hold a control, and nothing inside an
    /// element the other rule checks.
    #[test]
    fn nested_controls_are_reported_once() {
        let dom = build(&[
            (Some(0), "body"),
            (Some(1), "button"),    // 2: holds a link holding a field
            (Some(2), "a|href=/x"), // 3: inside the button: not reported again
            (Some(3), "input"),     // 4
            (Some(1), "a|href=/y"), // 5: a link holding a button
            (Some(5), "button"),    // 6: holds nothing focusable
        ]);
        let mut got = findings(
            dom,
            &["presentational-children-focusable", "nested-interactive"],
        );
        got.sort_by_key(|f| f.2);
        assert_eq!(
            got,
            vec![
                (
                    "presentational-children-focusable".into(),
                    Outcome::Fail,
                    Some(NodeId(2))
                ),
                ("nested-interactive".into(), Outcome::Fail, Some(NodeId(5))),
                (
                    "presentational-children-focusable".into(),
                    Outcome::Pass,
                    Some(NodeId(6))
                ),
            ]
        );
    }
}
