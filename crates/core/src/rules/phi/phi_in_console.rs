//! PHI in console messages: what a page logs is collected by error-monitoring and
//! session-replay services, pasted into support tickets and shown to anyone who opens the
//! developer tools on a shared computer. One finding per page gathers every message with PHI.

use crate::engine::Context;
use crate::finding::Category;
use crate::phi::{self, KindSet};
use crate::report::phi::{self as evidence, Leak};
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-in-console",
    title: "Console messages carry no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Do not log patient data with console.log, console.error or friends (a whole \
           record object counts): logs are copied to error-monitoring and session-replay \
           vendors and into support tickets, and stay readable in the developer tools of a \
           shared computer. Log record ids or counts, never the values, and strip debug \
           logging from production builds.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "console",
        kinds: KindSet::ALL,
        hipaa: &["164.312(b)", "164.502(b)", "164.312(c)(1)"],
    }),
    examples: &[
        Example::fail("<p>Chart</p>").with_facts(
            r#"{"console":[{"level":"log","text":"loaded patient {mrn: \"00123456\", birthdate: \"1961-03-14\"}"}]}"#,
        ),
        Example::fail("<p>Chart</p>").with_facts(
            r#"{"console":[{"level":"info","text":"ready"},{"level":"error","text":"save failed for SSN 536-22-8142"}]}"#,
        ),
        Example::review("<p>Chart</p>").with_facts(
            r#"{"console":[{"level":"debug","text":"opened record 0035g00000AbCdEAAV"}]}"#,
        ),
        Example::pass("<p>Chart</p>").with_facts(
            r#"{"console":[{"level":"warning","text":"Lightning Web Security: 3 components loaded"}]}"#,
        ),
        Example::pass("<p>Chart</p>").with_facts(r#"{"console":[]}"#),
        // Static HTML does not know what scripts log: no finding.
        Example::inapplicable("<p>Chart</p>"),
    ],
};

crate::rule!(PhiInConsole = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(messages) = cx.snapshot.console.as_ref() else {
        return; // This front-end did not run the page's scripts.
    };
    let mut leak = Leak::default();
    for (i, message) in messages.iter().enumerate() {
        let source = format!("console.{} message {}", message.level, i + 1);
        leak.add(
            sink,
            &message.text,
            &phi::detect(&message.text),
            Some(&source),
        );
    }
    if leak.is_empty() {
        evidence::pass(sink, None);
    } else {
        leak.report(sink, None, "The page's console output");
    }
}
