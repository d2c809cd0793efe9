//! PHI in cookie values: cookies travel with every request to their domain, sit in the
//! browser's cookie store (on disk for persistent ones) and are readable by scripts unless
//! HttpOnly.

use crate::engine::Context;
use crate::finding::Category;
use crate::phi::{self, KindSet};
use crate::report::phi::{self as evidence, Leak};
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-in-cookie",
    title: "Cookies carry no PHI",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Keep cookies to opaque session ids: a value in a cookie is sent with every request \
           to its domain, logged by proxies and load balancers, stored by the browser and, \
           without HttpOnly, readable by every script on the page. Keep patient data in the \
           server-side session.",
    interest: Interest::PageOnly,
    phi: Some(PhiMeta {
        location: "cookie",
        kinds: KindSet::ALL,
        hipaa: &["164.312(e)(1)", "164.312(a)(2)(iv)"],
    }),
    examples: &[
        Example::fail("<p>Chart</p>").with_facts(
            r#"{"cookies":[{"name":"patient_dob","value":"1961-03-14","secure":true,"http_only":true}]}"#,
        ),
        Example::fail("<p>Chart</p>").with_facts(
            r#"{"cookies":[{"name":"ctx","value":"u%3Dmaria.alvarez%40mail.example","secure":true}]}"#,
        ),
        Example::review("<p>Chart</p>").with_facts(
            r#"{"cookies":[{"name":"lastContact","value":"0035g00000AbCdEAAV","secure":true}]}"#,
        ),
        Example::pass("<p>Chart</p>").with_facts(
            r#"{"cookies":[{"name":"sid","value":"00D5g000004abcd!AQ0AQH8x","secure":true,"http_only":true,"same_site":"Lax"}]}"#,
        ),
        Example::inapplicable("<p>Chart</p>"),
    ],
};

crate::rule!(PhiInCookie = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(cookies) = &cx.snapshot.cookies else {
        return; // Static HTML does not know cookies.
    };
    let mut leaked = false;
    for cookie in cookies {
        // Cookie values are commonly percent-encoded; browsers hand them over as is.
        let value = phi::url::decode(&cookie.value, false);
        let mut leak = Leak::default();
        let source = format!("cookie {}", cookie.name);
        leak.add(
            sink,
            &value,
            &phi::detect_in_value(&cookie.name, &value),
            Some(&source),
        );
        leaked |= !leak.is_empty();
        leak.report(sink, None, "A cookie");
    }
    if !leaked && !cookies.is_empty() {
        evidence::pass(sink, None);
    }
}
