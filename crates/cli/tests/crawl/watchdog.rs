//! Pages that never finish: a server that accepts the connection and never answers, and a
//! page whose script spins forever once loaded (every DevTools call into it then waits).
//! Each visit ends at the timeout (plus a small grace), the page is retried and then
//! reported as an error, a hung tab is closed, and the crawl goes on in the same job
//! slot to every other page.

use std::time::Duration;

use crate::server::{Reply, TestServer, page};
use crate::support::{TempDir, crawl_bounded, errors, page_urls, report};

#[test]
fn pages_that_never_finish_are_errors_and_the_crawl_goes_on() {
    let portal = TestServer::start(|target| {
        match target {
        "/s/home" => Reply::html(page(
            "Home",
            &["/s/hangs".into(), "/s/spins".into(), "/s/ok".into()],
        )),
        // Headers never come (the server stops waiting when the test ends).
        "/s/hangs" => Reply::html(page("Never", &[])).delayed(Duration::from_secs(3600)),
        "/s/spins" => Reply::html(page("Spins", &[]).replace(
            "</body>",
            "<script>addEventListener('load', () => setTimeout(() => { for (;;) {} }, 0));</script></body>",
        )),
        "/s/ok" => Reply::html(page("OK", &["/s/deeper".into()])),
        "/s/deeper" => Reply::html(page("Deeper", &[])),
        _ => Reply::status(404, "not found"),
    }
    });
    let dir = TempDir::new("watchdog");
    // One job: the pages after the hung ones must load in the same slot.
    let run = crawl_bounded(
        dir.path(),
        &[
            &format!("{}/s/home", portal.url()),
            "--timeout",
            "3",
            "--retries",
            "1",
            "--jobs",
            "1",
            "--no-sitemap",
        ],
        // Not a speed check: only so that a regression fails instead of hanging the suite.
        Duration::from_secs(300),
    );
    assert_eq!(run.code, 2, "a page error exits 2\n{}", run.stderr);
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
    assert_eq!(errs.len(), 2, "{errs:?}\n{}", run.stderr);
    for hung in ["/s/hangs", "/s/spins"] {
        let error = errs
            .iter()
            .find(|(input, _)| input.ends_with(hung))
            .unwrap_or_else(|| panic!("no error for {hung}: {errs:?}\n{}", run.stderr));
        assert!(error.1.contains("timed out"), "{error:?}");
        // The retry policy applied: two requests for each.
        let requests = portal
            .requests()
            .iter()
            .filter(|r| r.target == hung)
            .count();
        assert_eq!(requests, 2, "{hung}: {:?}", portal.requests());
    }
    // The spinning page was given up by the watchdog, which closed its tab.
    let spins = errs.iter().find(|(i, _)| i.ends_with("/s/spins")).unwrap();
    assert!(spins.1.contains("its tab was closed"), "{spins:?}");
}
