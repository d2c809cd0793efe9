//! A page that answers 500 is reported as an error (after the retry) and the crawl goes on
//! to every other page. (Pages that never finish: `watchdog.rs`.)

use crate::server::{Reply, TestServer, page};
use crate::support::{TempDir, crawl, errors, page_urls, report};

#[test]
fn failing_pages_are_errors_and_the_crawl_goes_on() {
    let portal = TestServer::start(|target| match target {
        "/s/home" => Reply::html(page("Home", &["/s/broken".into(), "/s/ok".into()])),
        "/s/broken" => Reply::status(500, "<h1>Internal error</h1>"),
        "/s/ok" => Reply::html(page("OK", &["/s/deeper".into()])),
        "/s/deeper" => Reply::html(page("Deeper", &[])),
        _ => Reply::status(404, "not found"),
    });
    let dir = TempDir::new("failures");
    let run = crawl(
        dir.path(),
        &[
            &format!("{}/s/home", portal.url()),
            "--timeout",
            "3",
            "--retries",
            "1",
            "--no-tab-walk",
            "--no-sitemap",
        ],
    );
    assert_eq!(run.code, 2, "page errors exit 2\n{}", run.stderr);
    let report = report(dir.path());
    let pages = page_urls(&report);
    for ok in ["/s/home", "/s/ok", "/s/deeper"] {
        assert!(
            pages.iter().any(|p| p.ends_with(ok)),
            "{ok} missing: {pages:?}\n{}",
            run.stderr
        );
    }
    let errs = errors(&report);
    let broken = errs
        .iter()
        .find(|(i, _)| i.ends_with("/s/broken"))
        .expect("broken page error");
    assert!(broken.1.contains("500"), "{broken:?}");
    // The error names the page on standard error too.
    assert!(run.stderr.contains("/s/broken"), "{}", run.stderr);
    // Retried once: two requests for the broken page.
    let broken_requests = portal
        .requests()
        .iter()
        .filter(|r| r.target == "/s/broken")
        .count();
    assert_eq!(broken_requests, 2);
}
