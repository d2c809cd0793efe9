//! SCOPE SAFETY: an out-of-scope loopback origin linked from the pages, redirected to, named
//! in the sitemap and navigated to by script must receive no request at all (none of these
//! pages loads anything from it, so any request there would be a navigation).

use crate::server::{Reply, TestServer, page};
use crate::support::{TempDir, crawl, errors, page_urls, report};

#[test]
fn an_out_of_scope_origin_is_never_navigated_to() {
    let outside = TestServer::start(|_| Reply::html(page("Outside", &[])));
    let out = outside.url();
    let portal = TestServer::start(move |target| {
        let o = &out;
        match target {
            "/s/home" => Reply::html(page(
                "Home",
                &[
                    "/s/a".into(),
                    "/s/redirect".into(),
                    format!("{o}/forum"),
                    format!("{o}/s/home"),
                    "/elsewhere".into(),
                ],
            )),
            // Navigates away by script once loaded: blocked in the browser.
            "/s/a" => Reply::html(page("A", &[format!("{o}/more")]).replace(
                "</body>",
                &format!("<script>setTimeout(() => {{ location.href = '{o}/script'; }}, 10)</script></body>"),
            )),
            "/s/redirect" => Reply::redirect(&format!("{o}/redirected")),
            "/s/b" => Reply::html(page("B", &[])),
            "/sitemap.xml" => Reply::xml(format!(
                "<urlset><url><loc>{o}/s/sitemap-entry</loc></url></urlset>"
            )),
            _ => Reply::status(404, "not found"),
        }
    });
    let dir = TempDir::new("scope");
    let run = crawl(
        dir.path(),
        &[
            &format!("{}/s/home", portal.url()),
            "--jobs",
            "2",
            "--timeout",
            "10",
            "--no-tab-walk",
        ],
    );
    let report = report(dir.path());
    let pages = page_urls(&report);
    assert!(
        pages.contains(&format!("{}/s/home", portal.url())),
        "{pages:?}\n{}",
        run.stderr
    );
    assert!(
        pages.contains(&format!("{}/s/a", portal.url())),
        "{pages:?}\nerrors: {:?}\n{}",
        errors(&report),
        run.stderr
    );
    let errs = errors(&report);
    assert!(
        errs.iter()
            .any(|(input, m)| input.ends_with("/s/redirect") && m.contains("out of scope")),
        "{errs:?}"
    );
    assert!(
        outside.requests().is_empty(),
        "the out-of-scope origin got requests: {:?}",
        outside.requests()
    );
    // Nothing outside /s/ on the portal itself was navigated to either (the sitemap is
    // read with fetch(), not navigated to).
    let navigations: Vec<String> = portal
        .requests()
        .into_iter()
        .filter(|r| r.fetch_mode.as_deref() == Some("navigate"))
        .map(|r| r.target)
        .collect();
    assert!(
        navigations.iter().all(|t| t.starts_with("/s/")),
        "{navigations:?}"
    );
    assert!(!navigations.iter().any(|t| t == "/elsewhere"));
}
