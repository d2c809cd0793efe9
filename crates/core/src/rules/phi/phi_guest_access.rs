//! PHI shown to a guest: a page that showed PHI to the logged-in patient was loaded again
//! in a browser context with no session, and it still showed PHI; or one of the XHR/fetch
//! GET requests that page made, replayed without cookies, still answered with PHI. A
//! critical leak: Experience Cloud guest-user sharing (the site's guest profile granted
//! read access to patient records) is how real portals have exposed records to anyone.
//!
//! HIPAA: 164.312(a)(1) access control and 164.312(d) person or entity authentication.
//!
//! The crawler gathers the facts (`session_check.kind = "guest"`, `replayed`); GET only,
//! in scope only.

use crate::engine::Context;
use crate::finding::Category;
use crate::phi::{self, KindSet};
use crate::report::phi::{self as evidence, Leak};
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-guest-access",
    title: "Pages and data requests with PHI are not served to guests (no session)",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Critical: anyone can read this patient data without signing in. Require \
           authentication on every page and Apex/REST endpoint that returns PHI (in \
           Experience Builder, make the page \"Requires authentication\"), and remove \
           read access to patient objects from the site's guest user profile and \
           guest sharing rules.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "guest",
        kinds: KindSet::ALL,
        hipaa: &["164.312(a)(1)", "164.312(d)"],
    }),
    examples: &[
        Example::fail("<h1>Health records</h1><p>MRN 00123456 · Date of birth: 03/14/1961</p>")
            .with_facts(r#"{"source":"chromium","session_check":{"kind":"guest"}}"#),
        // The page redirects guests to login, but its data endpoint answers anyone.
        Example::fail("<h1>Log in</h1><form><input aria-label=Username></form>").with_facts(
            r#"{"source":"chromium","session_check":{"kind":"guest","replayed":[
                {"url":"https://portal.example/s/api/patient","status":200,
                 "body":"{\"mrn\":\"00123456\",\"birthdate\":\"1961-03-14\"}"}]}}"#,
        ),
        Example::pass("<h1>Log in</h1><form><input aria-label=Username></form>").with_facts(
            r#"{"source":"chromium","session_check":{"kind":"guest","replayed":[
                {"url":"https://portal.example/s/api/patient","status":401,"body":"no session"}]}}"#,
        ),
        // Another session check, or a page loaded with its session: not a guest load.
        Example::inapplicable("<p>MRN 00123456</p>")
            .with_facts(r#"{"source":"chromium","session_check":{"kind":"idle"}}"#),
        Example::inapplicable("<p>MRN 00123456</p>"),
    ],
};

crate::rule!(PhiGuestAccess = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(check) = cx
        .snapshot
        .session_check
        .as_ref()
        .filter(|c| c.kind == "guest")
    else {
        return;
    };
    let page = cx.page_node();
    let mut clean = true;
    let leak = evidence::shown_leak(cx, sink);
    clean &= leak.is_empty();
    leak.report(
        sink,
        Some(page),
        "Loaded with no session (as a guest), this page still",
    );
    // Only answers the server gave: an error status is access refused, whatever its body.
    for replayed in check.replayed.iter().filter(|r| r.status < 400) {
        let Some(body) = replayed.body.as_deref() else {
            continue;
        };
        let mut leak = Leak::default();
        let source = format!("response of {}", phi::redact_url(&replayed.url));
        leak.add(sink, body, &phi::detect_in_value("", body), Some(&source));
        clean &= leak.is_empty();
        leak.report(
            sink,
            None,
            "A GET request of this page, replayed with no cookies,",
        );
    }
    if clean {
        evidence::pass(sink, Some(page));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::tree::tests::build;
    use crate::finding::Outcome;
    use crate::report::tests::reported;
    use crate::snapshot::{Replayed, SessionCheck, Snapshot};

    fn guest(replayed: Vec<Replayed>) -> Snapshot {
        let mut s = Snapshot::new(
            "https://p.example/s/records",
            "chromium",
            build(&[(Some(0), "p")]),
        );
        s.session_check = Some(SessionCheck {
            kind: "guest".into(),
            replayed,
            ..SessionCheck::default()
        });
        s
    }

    fn replay(status: u16, body: &str) -> Replayed {
        Replayed {
            url: "https://p.example/s/api/patient".into(),
            status,
            body: Some(body.into()),
        }
    }

    #[test]
    fn a_replayed_answer_with_phi_fails_redacted_and_a_refusal_does_not_count() {
        let body = r#"{"mrn":"00482913","ssn":"536-22-8142"}"#;
        let found = reported(
            &guest(vec![replay(200, body), replay(403, body)]),
            "phi-guest-access",
            check_page,
        );
        let fails: Vec<_> = found
            .iter()
            .filter(|f| f.outcome == Outcome::Fail)
            .collect();
        assert_eq!(fails.len(), 1, "{found:?}");
        let json = serde_json::to_string(&found).unwrap();
        assert!(
            !json.contains("536-22-8142") && !json.contains("00482913"),
            "{json}"
        );
        assert!(fails[0].message.contains("replayed with no cookies"));
        // Only refusals: the guest saw nothing, a pass.
        let found = reported(
            &guest(vec![replay(401, body)]),
            "phi-guest-access",
            check_page,
        );
        let outcomes: Vec<Outcome> = found.iter().map(|f| f.outcome).collect();
        assert_eq!(outcomes, vec![Outcome::Pass]);
    }
}
