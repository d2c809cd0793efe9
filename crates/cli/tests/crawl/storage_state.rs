//! `--storage-state` with a Playwright `storageState` file: its cookie signs the crawl in
//! (pages behind the login are scanned, never the login page) and its localStorage is
//! there before the pages' own scripts run.

use serde_json::json;

use crate::server::{Reply, TestServer, page};
use crate::support::{TempDir, crawl, page_urls, report};

const SID: &str = "sid=state-test-7Qk";

fn site() -> TestServer {
    TestServer::start_with_cookies(|target, cookie| {
        let signed_in = cookie.is_some_and(|c| c.split("; ").any(|c| c == SID));
        let private = ["/s/home", "/s/visits", "/s/records"];
        match target {
            "/s/login" => Reply::html(page("Log in", &[])),
            t if private.contains(&t) && !signed_in => Reply::redirect("/s/login"),
            t if private.contains(&t) => {
                let links = private.iter().map(|p| p.to_string()).collect::<Vec<_>>();
                // Without the state's localStorage entry the page loses its title (a
                // document-title failure the test would see).
                let script = "<script>if (localStorage.getItem('portal.ready') !== 'yes') \
                              { document.title = ''; }</script>";
                Reply::html(
                    page(&format!("Signed in {t}"), &links)
                        .replace("</body>", &format!("{script}</body>")),
                )
            }
            _ => Reply::status(404, "not found"),
        }
    })
}

fn findings_of(report: &serde_json::Value, rule: &str) -> usize {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .count()
}

#[test]
fn a_storage_state_signs_the_crawl_in() {
    let server = site();
    let seed = format!("{}/s/home", server.url());
    let dir = TempDir::new("storage-state");
    let state = dir.path().join("state.json");
    std::fs::write(
        &state,
        json!({
            "cookies": [{
                "name": "sid", "value": SID.trim_start_matches("sid="), "domain": "127.0.0.1",
                "path": "/", "expires": -1, "httpOnly": true, "secure": false, "sameSite": "Lax"
            }],
            "origins": [{
                "origin": server.url(),
                "localStorage": [{"name": "portal.ready", "value": "yes"}]
            }]
        })
        .to_string(),
    )
    .unwrap();
    let args = [
        "--no-sitemap",
        "--no-tab-walk",
        "--jobs",
        "2",
        "--format",
        "json",
    ];

    // Without the state: every page is the login page.
    let out = dir.path().join("anonymous");
    let mut anonymous = vec![seed.as_str()];
    anonymous.extend_from_slice(&args);
    let run = crawl(&out, &anonymous);
    let logins = server
        .requests()
        .iter()
        .filter(|r| r.target == "/s/login")
        .count();
    assert!(logins >= 1, "{}", run.stderr);
    let before = server.requests().len();

    let out = dir.path().join("signed-in");
    let mut signed_in = vec![seed.as_str(), "--storage-state", state.to_str().unwrap()];
    signed_in.extend_from_slice(&args);
    let run = crawl(&out, &signed_in);
    assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
    let report = report(&out);
    let mut pages = page_urls(&report);
    pages.sort();
    let expected: Vec<String> = ["/s/home", "/s/records", "/s/visits"]
        .iter()
        .map(|p| format!("{}{p}", server.url()))
        .collect();
    assert_eq!(pages, expected, "{}", run.stderr);
    let requests = server.requests()[before..].to_vec();
    assert!(
        requests.iter().all(|r| r.target != "/s/login"),
        "the login page was requested: {requests:?}"
    );
    assert_eq!(findings_of(&report, "document-title"), 0, "{report:#}");
}
