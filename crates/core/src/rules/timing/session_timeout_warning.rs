//! WCAG 2.2.1 Timing Adjustable, on pages that show PHI: a client-side timer that ends the
//! session (a script's `setTimeout`/`setInterval` that sends the patient to a logout or
//! login page, or a timed `<meta http-equiv="refresh">` to one) must warn before it fires
//! and let the patient extend the session. Whether and when the warning shows cannot be
//! known from the markup: the rule passes a page that carries a session warning dialog
//! (a `dialog`, `role=dialog`/`alertdialog` or SLDS modal that mentions the session and has
//! a button, usually hidden until the timer fires) and asks for review otherwise.
//!
//! Timers on pages without PHI are left alone: the rule is about the portal's signed-in
//! pages, where a patient filling a long form loses work and the timeout is a HIPAA
//! safeguard that must stay. A timed refresh also fails `meta-refresh` (its fix there:
//! remove it); this rule's fix differs (keep the timeout, warn first), so both are reported.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::refresh::{declared_delay, declared_target};
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "session-timeout-warning",
    title: "Session timeouts on PHI pages warn first and can be extended",
    category: Category::Accessibility,
    wcag: &["2.2.1"],
    act: &[],
    help: "Keep the idle timeout (it protects PHI), but show a dialog before it fires \
           (\"Your session ends in 2 minutes: Stay signed in / Sign out\"), move focus to it, \
           announce it (role=alertdialog) and give at least 20 seconds to extend the session \
           with one action. Patients who type slowly or use a screen reader lose their work \
           otherwise.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::review(
            "<p>MRN 00123456 · Date of birth: 03/14/1961</p>\
             <script>setTimeout(function () { window.location.href = '/s/login?expired=1'; }, \
             900000);</script>",
        ),
        Example::review(
            "<p>MRN 00123456 · Date of birth: 03/14/1961</p>\
             <script>var t = setTimeout(logout, 15 * 60 * 1000);</script>",
        ),
        Example::review(
            "<head><meta http-equiv=refresh content=\"900; url=/secur/logout.jsp\"></head>\
             <p>MRN 00123456 · Date of birth: 03/14/1961</p>",
        ),
        Example::pass(
            "<p>MRN 00123456 · Date of birth: 03/14/1961</p>\
             <section role=alertdialog hidden aria-labelledby=w><h2 id=w>Your session is \
             about to end</h2><button>Stay signed in</button></section>\
             <script>setTimeout(showWarning, 780000); setTimeout(logout, 900000);</script>",
        ),
        // Look-alikes: a timer that does not end the session, a page without PHI, a
        // refresh without delay, a logout link without a timer.
        Example::inapplicable(
            "<p>MRN 00123456 · Date of birth: 03/14/1961</p>\
             <script>setTimeout(function () { spinner.hide(); }, 500);</script>",
        ),
        Example::inapplicable(
            "<p>Find a clinic near you.</p>\
             <script>setTimeout(function () { location.href = '/s/login'; }, 900000);</script>",
        ),
        Example::inapplicable(
            "<head><meta http-equiv=refresh content=\"0; url=/s/login\"></head>\
             <p>MRN 00123456 · Date of birth: 03/14/1961</p>",
        ),
        Example::inapplicable(
            "<p>MRN 00123456 · Date of birth: 03/14/1961</p>\
             <a href=/secur/logout.jsp>Log out</a><script>init();</script>",
        ),
    ],
};

crate::rule!(SessionTimeoutWarning = META, page: check_page);

/// What the target of a redirect that ends the session contains (lowercase).
const SESSION_END: &[&str] = &[
    "logout", "log-out", "log_out", "signout", "sign-out", "sign_out", "/login", "/secur/",
];

fn check_page(cx: &Context, sink: &mut Sink) {
    if !cx.snapshot.is_page() {
        return;
    }
    let timers: Vec<ElementRef> = cx
        .dom
        .elements()
        .filter(|e| e.is_html() && (is_session_refresh(*e) || is_session_timer(*e)))
        .collect();
    // Whether the page shows PHI is only worth computing when it has such a timer.
    if timers.is_empty() || !crate::phi::shows_phi_in(cx.dom, &cx.a11y) {
        return;
    }
    let warns = has_warning_dialog(cx);
    for timer in timers {
        if warns {
            sink.pass(timer.id);
            continue;
        }
        let what = if timer.is("meta") {
            "This page, which shows PHI, refreshes to a sign-in or sign-out page after a delay"
        } else {
            "This page, which shows PHI, has a script timer that sends the patient to a \
             sign-in or sign-out page"
        };
        sink.review(
            timer.id,
            format!(
                "{what}: a session timeout. Check that patients are warned before it and can \
                 extend the session (at least 20 seconds to respond)."
            ),
        );
    }
}

/// The page carries a dialog that warns about the session (its text says "session") and
/// offers a button, e.g. "Stay signed in". Hidden ones count: it shows when the timer fires.
fn has_warning_dialog(cx: &Context) -> bool {
    cx.dom.elements().any(|e| {
        let dialog = e.is("dialog")
            || e.has_class("slds-modal")
            || e.attr("role").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .next()
                    .is_some_and(|r| r == "dialog" || r == "alertdialog")
            });
        dialog
            && e.text_content().to_lowercase().contains("session")
            && crate::a11y::flat::find_descendant(cx, e, |b| {
                b.is("button") || b.attr("role") == Some("button")
            })
            .is_some()
    })
}

/// A `<meta http-equiv=refresh>` with a delay whose target ends the session.
fn is_session_refresh(meta: ElementRef) -> bool {
    meta.is("meta")
        && declared_delay(meta).is_some_and(|d| d > 0.0)
        && declared_target(meta).is_some_and(|t| ends_session(&t))
}

/// An inline script that sets a timer and sends the page to a logout or login address (or
/// calls a logout function).
fn is_session_timer(script: ElementRef) -> bool {
    if !script.is("script") || script.has_attr("src") {
        return false;
    }
    let code = script.text_content();
    if !(code.contains("setTimeout") || code.contains("setInterval")) {
        return false;
    }
    let code: String = code
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    let navigates = code.contains("location") || code.contains(".submit(");
    let calls_logout = ["logout(", "logout,", "signout(", "signout,"]
        .iter()
        .any(|c| code.contains(c));
    (navigates && ends_session(&code)) || calls_logout
}

fn ends_session(text: &str) -> bool {
    SESSION_END.iter().any(|m| text.contains(m))
}
