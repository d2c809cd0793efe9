//! PHI in inline scripts: JSON state embedded for hydration (`<script type="application/json">`,
//! Aura/LWC bootstrap data), values written into code, and code that copies PHI into
//! browser storage or the console, where it outlives the session.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::{Category, Outcome};
use crate::phi::{self, KindSet, context};
use crate::report::phi::{self as evidence, Leak};
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-in-script",
    title: "Inline scripts carry no PHI and do not copy it to storage or logs",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Load patient data through authenticated API calls instead of embedding it in the \
           page's scripts or JSON state, and never write it to localStorage, sessionStorage \
           or the console: storage outlives the session on shared computers and console \
           output is collected by monitoring tools.",
    interest: Interest::Tags(&["script"]),
    phi: Some(PhiMeta {
        location: "script",
        kinds: KindSet::ALL,
        hipaa: &["164.312(a)(1)", "164.312(a)(2)(iv)", "164.502(b)"],
    }),
    examples: &[
        Example::fail(
            r#"<script type="application/json" id="state">{"patient":{"mrn":"00123456","birthdate":"1961-03-14"}}</script>"#,
        ),
        Example::fail("<script>localStorage.setItem('patientDob', patient.dateOfBirth);</script>"),
        Example::fail("<script>console.log('loaded chart', record.mrn);</script>"),
        Example::review(r#"<script>window.ctx = {"recordId": "0035g00000AbCdEAAV"};</script>"#),
        Example::pass(
            "<script>localStorage.setItem('theme', 'dark'); console.log('ready');</script>",
        ),
        Example::inapplicable(r#"<script src="/s/app.js"></script>"#),
    ],
};

/// Calls that persist or log their arguments.
const SINKS: &[(&str, &str)] = &[
    ("localStorage.setItem(", "localStorage"),
    ("sessionStorage.setItem(", "sessionStorage"),
    ("localStorage[", "localStorage"),
    ("sessionStorage[", "sessionStorage"),
    ("document.cookie", "a cookie"),
    ("console.log(", "the console"),
    ("console.info(", "the console"),
    ("console.debug(", "the console"),
    ("console.warn(", "the console"),
    ("console.error(", "the console"),
];

crate::rule!(PhiInScript = META, element: check_element);

fn check_element(_cx: &Context, element: ElementRef, sink: &mut Sink) {
    if element.has_attr("src") {
        return;
    }
    let code = element.text_content();
    if code.trim().is_empty() {
        return;
    }
    let mut leak = Leak::default();
    leak.add(sink, &code, &phi::detect(&code), None);
    let (written, effects) = phi_written_by_code(&code);
    if !written.is_empty() {
        let message = format!(
            "The script passes PHI ({}) to {}, where it outlives the page.",
            evidence::describe(written),
            effects.join(" and ")
        );
        let kinds = written.union(leak.kinds());
        evidence::report(
            sink,
            Outcome::Fail,
            Some(element.id),
            kinds,
            Some("code".into()),
            Vec::new(),
            message,
        );
        return;
    }
    if leak.is_empty() {
        evidence::pass(sink, Some(element.id));
    } else {
        leak.report(sink, Some(element.id), "An inline script");
    }
}

/// Kinds of PHI that code passes to storage or the console, judged by the names in the
/// call's arguments (`patient.dateOfBirth`, `'mrn'`), and what the calls do.
fn phi_written_by_code(code: &str) -> (KindSet, Vec<&'static str>) {
    let mut kinds = KindSet::EMPTY;
    let mut effects: Vec<&'static str> = Vec::new();
    for (call, effect) in SINKS {
        let mut from = 0;
        while let Some(pos) = code[from..].find(call) {
            let start = from + pos + call.len();
            // The call's arguments: up to the end of the statement, at most 300 bytes.
            let end = code[start..]
                .char_indices()
                .take_while(|(i, _)| *i < 300)
                .find(|(_, c)| matches!(c, ';' | '\n'))
                .map_or((start + 300).min(code.len()), |(i, _)| start + i);
            let end = (start..=end)
                .rev()
                .find(|i| code.is_char_boundary(*i))
                .unwrap_or(start);
            for ident in code[start..end]
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
            {
                let hint = context::classify_key(ident.as_bytes());
                if !hint.negative && !hint.kinds.is_empty() {
                    kinds = kinds.union(hint.kinds);
                    if !effects.contains(effect) {
                        effects.push(effect);
                    }
                }
            }
            from = end.max(start);
        }
    }
    (kinds, effects)
}
