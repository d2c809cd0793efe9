//! How rules report: outcome helpers that rules of several groups share, so that no rule
//! imports another group's code. Not rules themselves; [`crate::rules`] holds only rules.

pub mod bounds;
pub mod coverage;
pub mod json;
pub(crate) mod phi;

use crate::a11y::AccName;
use crate::dom::NodeId;
use crate::rule::Sink;

/// The usual outcome of a "has a non-empty name" check: pass with a name, fail without
/// one, and review when the name walk was cut short (content nested too deep to read
/// fully), since the name is then unknown rather than absent.
pub(crate) fn report_name(
    sink: &mut Sink,
    node: NodeId,
    name: &AccName,
    missing: impl Into<String>,
) {
    if !name.is_empty() {
        sink.pass(node);
    } else if name.truncated {
        sink.review(
            node,
            "No accessible name was found, but the element's content is nested too deeply \
             (or is too large) to read fully. Check that it has a name.",
        );
    } else {
        sink.fail(node, missing);
    }
}

/// A short, safe rendering of an attribute value for messages.
pub(crate) fn shown(value: &str) -> String {
    crate::selector::shorten(value, 40)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::a11y::NameSource;
    use crate::a11y::tree::tests::build;
    use crate::engine::Context;
    use crate::finding::{Finding, Outcome};
    use crate::snapshot::Snapshot;

    /// Runs `f` with a sink for the rule `id` on `snapshot`; returns what it reported.
    pub(crate) fn reported(
        snapshot: &Snapshot,
        id: &str,
        f: impl FnOnce(&Context, &mut Sink),
    ) -> Vec<Finding> {
        let cx = Context::new(snapshot);
        let mut out = Vec::new();
        let mut sink = Sink {
            meta: crate::rules::by_id(id).expect("a rule").meta(),
            cx: &cx,
            out: &mut out,
            include_passes: true,
            budget: None,
        };
        f(&cx, &mut sink);
        out
    }

    #[test]
    fn a_missing_name_fails_unless_the_walk_was_cut_short() {
        let snapshot = Snapshot::new("https://p.example/", "test", build(&[(Some(0), "button")]));
        let name = |text: &str, truncated| AccName {
            name: text.to_string(),
            source: NameSource::Contents,
            truncated,
        };
        let outcomes = |n: AccName| -> Vec<Outcome> {
            reported(&snapshot, "button-name", |_, sink| {
                report_name(sink, NodeId(1), &n, "no name")
            })
            .into_iter()
            .map(|f| f.outcome)
            .collect()
        };
        assert_eq!(outcomes(name("Pay", false)), vec![Outcome::Pass]);
        assert_eq!(outcomes(name("", false)), vec![Outcome::Fail]);
        assert_eq!(outcomes(name("", true)), vec![Outcome::Review]);
        assert_eq!(shown(&"x".repeat(100)).chars().count(), 41);
    }
}
