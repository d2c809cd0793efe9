//! PHI shown again after logout: the crawler logged out, pressed Back, and the browser
//! showed the page (from the back/forward cache, the HTTP cache, or because the server still
//! answered). The next person at a shared or family computer sees the patient's data
//! without signing in.
//!
//! HIPAA: 164.312(a)(1) access control (ePHI only for people granted access: the session
//! that granted it has ended) and 164.312(d) person or entity authentication (the page is
//! shown to whoever presses Back, unauthenticated). Not 164.312(a)(2)(iii) automatic
//! logoff: that is about ending idle sessions, while here the session was ended and its
//! pages outlived it.
//!
//! Only the restored page's visible content counts (rendered text, form field values):
//! what a person at the screen sees.

use crate::engine::Context;
use crate::finding::Category;
use crate::phi::{self, KindSet};
use crate::report::phi as evidence;
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-restored-after-logout",
    title: "Pages with PHI are not shown again on Back after logout",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Send “Cache-Control: no-store” on every page with PHI (it keeps the page out of \
           the HTTP cache, and browsers keep such pages out of the back/forward cache); \
           on logout, end the session on the server so a re-fetch is redirected to login; \
           and in single-page portals listen for “pageshow” with “event.persisted” and \
           reload, so a page restored from memory checks the session again.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "history",
        kinds: KindSet::ALL,
        hipaa: &["164.312(a)(1)", "164.312(d)"],
    }),
    examples: &[
        Example::fail("<h1>Visit summary</h1><p>MRN 00123456 · Date of birth: 03/14/1961</p>")
            .with_facts(
                r#"{"source":"chromium","restored_after_logout":
                    {"logout_url":"https://portal.example/secur/logout.jsp","via":"bfcache"}}"#,
            ),
        Example::fail("<label>Member ID <input name=memberId value='XJH123456789'></label>")
            .with_facts(
                r#"{"source":"chromium","restored_after_logout":
                    {"logout_url":"https://portal.example/secur/logout.jsp","via":"http-cache"}}"#,
            ),
        Example::pass("<h1>You have signed out</h1><a href='/login'>Sign in</a>").with_facts(
            r#"{"source":"chromium","restored_after_logout":
                {"logout_url":"https://portal.example/secur/logout.jsp","via":"network"}}"#,
        ),
        // Hidden content is not what a person at the screen sees.
        Example::pass(
            "<h1>Signed out</h1><p style='display:none'>MRN 00123456</p>\
             <script>var mrn = '00123456'</script>",
        )
        .with_facts(
            r#"{"source":"chromium","restored_after_logout":
                {"logout_url":"https://portal.example/secur/logout.jsp","via":"bfcache"}}"#,
        ),
        // Not a page restored after logout.
        Example::inapplicable("<p>MRN 00123456</p>"),
    ],
};

crate::rule!(PhiRestoredAfterLogout = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(restored) = &cx.snapshot.restored_after_logout else {
        return;
    };
    // What a person at the screen sees: the same answer `phi::shows_phi` gives the
    // crawler when it picks the pages to check.
    let leak = evidence::shown_leak(cx, sink);
    let page = cx.page_node();
    if leak.is_empty() {
        evidence::pass(sink, Some(page));
        return;
    }
    let how = match restored.via.as_str() {
        "bfcache" => "restored from the back/forward cache".to_string(),
        "http-cache" => "reloaded from the HTTP cache".to_string(),
        "network" => "fetched again, and the server still served it".to_string(),
        other => format!("via {}", phi::redact(other)),
    };
    leak.report(
        sink,
        Some(page),
        &format!("After logout, Back showed this page again ({how}), and it"),
    );
}
