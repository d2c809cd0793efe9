//! A session that outlives logout: after the `[logout] url`, the crawler sent the old
//! session cookie again on a page that had shown PHI, and the server still served PHI.
//! Logging out only deleted the cookie in the browser; whoever copied it (a shared
//! computer, a proxy log, stolen by script) keeps the patient's record.
//!
//! HIPAA: 164.312(d) person or entity authentication and 164.312(a)(2)(iii) automatic
//! logoff (a session that logout cannot end is not ended by an idle limit either).
//!
//! Facts: `session_check.kind = "replay-after-logout"`; the DOM is what the replay showed.

use crate::engine::Context;
use crate::finding::Category;
use crate::phi::KindSet;
use crate::report::phi as evidence;
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "session-survives-logout",
    title: "Logout ends the session on the server",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "On logout, invalidate the session on the server (Salesforce ends it at \
           /secur/logout.jsp; a custom logout must call it, not just clear cookies), so \
           the old session id is refused and the page redirects to login.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "session",
        kinds: KindSet::ALL,
        hipaa: &["164.312(d)", "164.312(a)(2)(iii)"],
    }),
    examples: &[
        Example::fail("<h1>Visit summary</h1><p>MRN 00123456 · Date of birth: 03/14/1961</p>")
            .with_facts(
                r#"{"source":"chromium","session_check":{"kind":"replay-after-logout",
                    "logout_url":"https://portal.example/secur/logout.jsp"}}"#,
            ),
        Example::pass("<h1>Log in</h1><form><input aria-label=Username></form>").with_facts(
            r#"{"source":"chromium","session_check":{"kind":"replay-after-logout",
                "logout_url":"https://portal.example/secur/logout.jsp"}}"#,
        ),
        Example::inapplicable("<p>MRN 00123456</p>")
            .with_facts(r#"{"source":"chromium","session_check":{"kind":"guest"}}"#),
        Example::inapplicable("<p>MRN 00123456</p>"),
    ],
};

crate::rule!(SessionSurvivesLogout = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    if cx
        .snapshot
        .session_check
        .as_ref()
        .is_none_or(|c| c.kind != "replay-after-logout")
    {
        return;
    }
    let page = cx.page_node();
    let leak = evidence::shown_leak(cx, sink);
    if leak.is_empty() {
        evidence::pass(sink, Some(page));
        return;
    }
    leak.report(
        sink,
        Some(page),
        "After logout, the old session cookie still opens this page, and it",
    );
}
