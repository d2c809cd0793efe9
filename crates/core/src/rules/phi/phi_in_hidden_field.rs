//! PHI in hidden fields and `data-` attributes: invisible on screen but in the page source,
//! in the DOM every script on the page can read, and in saved or cached copies.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::phi::{self, KindSet};
use crate::report::phi::{self as evidence, Leak};
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-in-hidden-field",
    title: "Hidden fields and data- attributes carry no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Do not park identifiers in hidden inputs or data- attributes for scripts to pick up: \
           every script on the page (including third-party tags) can read them. Keep the \
           record server-side and refer to it by an opaque id, or fetch it when needed.",
    interest: Interest::AllElements,
    phi: Some(PhiMeta {
        location: "hidden_input",
        kinds: KindSet::ALL,
        hipaa: &["164.312(a)(1)", "164.502(b)"],
    }),
    examples: &[
        Example::fail(r#"<form><input type="hidden" name="patientMrn" value="00123456"></form>"#),
        Example::fail(r#"<div data-dob="1961-03-14" data-name="chart">Chart</div>"#),
        Example::review(r#"<div data-record-id="0035g00000AbCdEAAV">Profile</div>"#),
        Example::pass(r#"<form><input type="hidden" name="retURL" value="/s/thanks"></form>"#),
        Example::pass(r#"<div data-region="footer" data-updated="03/14/2024">Footer</div>"#),
        Example::inapplicable(r#"<input type="text" name="q">"#),
    ],
};

crate::rule!(PhiInHiddenField = META, element: check_element);

fn check_element(_cx: &Context, element: ElementRef, sink: &mut Sink) {
    let hidden_input = element.is("input")
        && element
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("hidden"));
    let mut applicable = false;
    let mut leak = Leak::default();
    if hidden_input {
        applicable = true;
        let name = element.attr("name").or(element.attr("id")).unwrap_or("");
        let value = element.attr("value").unwrap_or("");
        let source = format!("hidden field {name}");
        leak.add(
            sink,
            value,
            &phi::detect_in_value(name, value),
            Some(&source),
        );
    }
    for (attr, value) in element.attrs() {
        if let Some(key) = attr.strip_prefix("data-") {
            applicable = true;
            let source = format!("attribute {attr}");
            leak.add(
                sink,
                value,
                &phi::detect_in_value(key, value),
                Some(&source),
            );
        }
    }
    if !applicable {
        return;
    }
    if leak.is_empty() {
        evidence::pass(sink, Some(element.id));
    } else {
        leak.report(sink, Some(element.id), &format!("<{}>", element.name()));
    }
}
