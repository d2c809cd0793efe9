//! WCAG 4.1.2: the `<summary>` that opens a `<details>` has an accessible name.

use crate::a11y::roles::{explicit_role, is_presentational};
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "summary-name",
    title: "Details summaries have an accessible name",
    category: Category::Accessibility,
    wcag: &["4.1.2"],
    act: &["2t702h"],
    help: "Put text in the <summary> of every <details> (\"Opening times\", \"Show past \
           visits\"): it is the button that expands the section, and without text screen \
           readers announce only \"disclosure triangle\".",
    interest: Interest::Tags(&["summary"]),
    phi: None,
    examples: &[
        Example::pass("<details><summary>Past visits</summary><p>None.</p></details>"),
        Example::pass(
            r#"<details><summary aria-label="Past visits"></summary><p>None.</p></details>"#,
        ),
        Example::fail("<details><summary></summary><p>None.</p></details>"),
        Example::fail(r#"<details><summary role="none"></summary><p>None.</p></details>"#),
        Example::inapplicable("<summary></summary>"),
    ],
};

crate::rule!(SummaryName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    // An explicit role (other than an ignored none/presentation) makes it another
    // widget, checked by that widget's rule.
    if explicit_role(el).is_some_and(|r| !is_presentational(r))
        || cx.a11y.role(el) != Some("button")
        || cx.a11y.is_hidden(el.id)
    {
        return;
    }
    let name = cx.a11y.name(el);
    crate::report::report_name(
        sink,
        el.id,
        &name,
        "This <summary> has no accessible name: it has no text content, aria-label \
             or aria-labelledby, so the expand/collapse control is unlabelled.",
    );
}
