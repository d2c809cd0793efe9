//! Automatic logoff: a page that showed PHI was left idle for the configured limit
//! (`[session] idle_timeout_secs`, opt-in with `check_idle = true`), then loaded again in
//! the same session; it must no longer show PHI.
//!
//! HIPAA: 164.312(a)(2)(iii) automatic logoff.
//!
//! Facts: `session_check.kind = "idle"`; the DOM is what the reload after the idle time
//! showed.

use crate::engine::Context;
use crate::finding::Category;
use crate::phi::KindSet;
use crate::report::phi as evidence;
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "session-idle-timeout",
    title: "An idle session ends within the configured limit",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "End sessions after inactivity (Salesforce: Session Settings > Timeout value, \
           and the site's own session timeout for Experience Cloud), no longer than your \
           policy's idle limit, so a portal left open on a shared computer stops showing \
           PHI.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "session",
        kinds: KindSet::ALL,
        hipaa: &["164.312(a)(2)(iii)"],
    }),
    examples: &[
        Example::fail("<h1>Messages</h1><p>MRN 00123456 · Date of birth: 03/14/1961</p>")
            .with_facts(
                r#"{"source":"chromium","session_check":{"kind":"idle","idle_timeout_secs":900}}"#,
            ),
        Example::pass("<h1>Your session has expired</h1><a href='/s/login'>Sign in</a>")
            .with_facts(
                r#"{"source":"chromium","session_check":{"kind":"idle","idle_timeout_secs":900}}"#,
            ),
        Example::inapplicable("<p>MRN 00123456</p>"),
    ],
};

crate::rule!(SessionIdleTimeout = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(check) = cx
        .snapshot
        .session_check
        .as_ref()
        .filter(|c| c.kind == "idle")
    else {
        return;
    };
    let page = cx.page_node();
    let leak = evidence::shown_leak(cx, sink);
    if leak.is_empty() {
        evidence::pass(sink, Some(page));
        return;
    }
    let idle = match check.idle_timeout_secs {
        Some(secs) => format!("{secs} s"),
        None => "the configured idle time".to_string(),
    };
    leak.report(
        sink,
        Some(page),
        &format!("Left idle for {idle}, the session had not ended: this page still"),
    );
}
