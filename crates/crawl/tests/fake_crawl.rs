//! Crawl logic against the fake visitor: scope (including redirects and the sitemap),
//! limits, depth, shards, retries, crashes, the journal and resume.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use portalscan_crawl::fake::{FakeSite, UNFINISHED};
use portalscan_crawl::journal::{self, JournalEntry};
use portalscan_crawl::{CrawlConfig, FormLogin, Progress, Shard, crawl};

const ROOT: &str = "http://127.0.0.1:9000";

fn u(path: &str) -> String {
    format!("{ROOT}{path}")
}

struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir =
            std::env::temp_dir().join(format!("portalscan-crawl-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn config(dir: &TempDir, seeds: &[&str]) -> CrawlConfig {
    let seeds: Vec<String> = seeds.iter().map(|s| u(s)).collect();
    let refs: Vec<&str> = seeds.iter().map(String::as_str).collect();
    let mut c = CrawlConfig::for_seeds(&refs).unwrap();
    c.output_dir = dir.0.clone();
    c.jobs = 2;
    c.sitemap = false;
    c
}

/// A portal: /s/ links to three pages, which link deeper; plus links out of scope.
fn portal() -> FakeSite {
    FakeSite::new()
        .page(
            &u("/s/"),
            &[
                "/s/home",
                "/s/appointments",
                "messages",
                "http://127.0.0.1:9001/s/evil",
                "/other/page",
                "mailto:x@example.org",
                "/s/home#main",
            ],
        )
        .page(&u("/s/home"), &["/s/records?id=1", "/s/"])
        .page(
            &u("/s/appointments"),
            &["/s/appointments/1", "/s/appointments/2"],
        )
        .page(&u("/s/messages"), &["/s/messages/7"])
        .page(&u("/s/records?id=1"), &["/s/records?id=1&tab=2"])
        .page(&u("/s/records?id=1&tab=2"), &[])
        .page(&u("/s/appointments/1"), &[])
        .page(&u("/s/appointments/2"), &["/s/deep/1"])
        .page(&u("/s/messages/7"), &[])
        .page(&u("/s/deep/1"), &[])
}

fn all_portal_urls() -> BTreeSet<String> {
    [
        "/s/",
        "/s/home",
        "/s/appointments",
        "/s/messages",
        "/s/records?id=1",
        "/s/records?id=1&tab=2",
        "/s/appointments/1",
        "/s/appointments/2",
        "/s/messages/7",
        "/s/deep/1",
    ]
    .iter()
    .map(|p| u(p))
    .collect()
}

fn urls(pages: &[JournalEntry]) -> Vec<String> {
    pages.iter().map(|p| p.url.clone()).collect()
}

#[test]
fn crawls_every_in_scope_page_once_and_nothing_else() {
    let dir = TempDir::new("scope");
    let site = portal();
    let out = crawl(
        &config(&dir, &["/s/"]),
        &site,
        &FakeSite::scan,
        &mut Progress::silent(),
    )
    .unwrap();
    let got: BTreeSet<String> = urls(&out.pages).into_iter().collect();
    assert_eq!(got, all_portal_urls());
    // Never navigated out of scope, never twice.
    let visited = site.visited();
    assert_eq!(visited.len(), all_portal_urls().len(), "{visited:?}");
    assert!(
        visited.iter().all(|v| v.starts_with(&u("/s/"))),
        "{visited:?}"
    );
    assert!(
        out.pages
            .iter()
            .all(|p| p.error.is_none() && p.findings.len() == 1)
    );
    // Canonical order: BFS by depth, then the linking page's order, then link order.
    assert_eq!(
        &urls(&out.pages)[..4],
        [
            u("/s/"),
            u("/s/home"),
            u("/s/appointments"),
            u("/s/messages")
        ]
    );
    let depths: Vec<u32> = out.pages.iter().map(|p| p.depth).collect();
    assert!(depths.windows(2).all(|w| w[0] <= w[1]), "{depths:?}");
}

#[test]
fn the_order_does_not_depend_on_timing() {
    let dir = TempDir::new("order");
    let mut orders = Vec::new();
    for jobs in [1, 2, 4] {
        let mut c = config(&dir, &["/s/"]);
        c.jobs = jobs;
        let out = crawl(&c, &portal(), &FakeSite::scan, &mut Progress::silent()).unwrap();
        orders.push(urls(&out.pages));
    }
    assert_eq!(orders[0], orders[1]);
    assert_eq!(orders[0], orders[2]);
}

#[test]
fn redirects_out_of_scope_are_errors_without_findings() {
    let dir = TempDir::new("redirect");
    let site = portal().with(&u("/s/messages"), |p| {
        p.redirect = Some("http://127.0.0.1:9001/phish?mrn=12345678".into());
    });
    let out = crawl(
        &config(&dir, &["/s/"]),
        &site,
        &FakeSite::scan,
        &mut Progress::silent(),
    )
    .unwrap();
    let page = out
        .pages
        .iter()
        .find(|p| p.url == u("/s/messages"))
        .unwrap();
    assert!(page.findings.is_empty());
    let error = page.error.as_deref().unwrap();
    assert!(error.starts_with("redirected out of scope"), "{error}");
    assert!(!error.contains("12345678"), "PHI in {error}");
    // Its links were not followed.
    assert!(!site.visited().contains(&u("/s/messages/7")));
    // An in-scope redirect is fine.
    let site = portal().with(&u("/s/messages"), |p| p.redirect = Some(u("/s/home")));
    let out = crawl(
        &config(&dir, &["/s/"]),
        &site,
        &FakeSite::scan,
        &mut Progress::silent(),
    )
    .unwrap();
    let page = out
        .pages
        .iter()
        .find(|p| p.url == u("/s/messages"))
        .unwrap();
    assert!(page.error.is_none());
    assert_eq!(page.final_url.as_deref(), Some(u("/s/home").as_str()));
}

#[test]
fn sitemap_entries_in_scope_are_seeds_and_a_bad_sitemap_is_a_warning() {
    let dir = TempDir::new("sitemap");
    let mut site = portal().page(&u("/s/orphan"), &[]);
    site.sitemaps.insert(
        u("/sitemap.xml"),
        format!(
            "<urlset><url><loc>{}</loc></url><url><loc>http://127.0.0.1:9001/s/x</loc></url><url><loc>{}</loc></url></urlset>",
            u("/s/orphan"),
            u("/outside")
        ),
    );
    let mut c = config(&dir, &["/s/"]);
    c.sitemap = true;
    let out = crawl(&c, &site, &FakeSite::scan, &mut Progress::silent()).unwrap();
    let orphan = out.pages.iter().find(|p| p.url == u("/s/orphan")).unwrap();
    assert_eq!(orphan.depth, 0);
    assert!(site.visited().iter().all(|v| v.starts_with(&u("/s/"))));
    assert!(
        out.warnings
            .iter()
            .any(|w| w.contains("2 entries out of scope")),
        "{:?}",
        out.warnings
    );
    assert_eq!(*site.fetches.lock().unwrap(), [u("/sitemap.xml")]);

    site.sitemaps
        .insert(u("/sitemap.xml"), "<html>not found</html>".into());
    let out = crawl(&c, &site, &FakeSite::scan, &mut Progress::silent()).unwrap();
    assert_eq!(out.pages.len(), all_portal_urls().len());
    assert!(
        out.warnings.iter().any(|w| w.contains("not a sitemap")),
        "{:?}",
        out.warnings
    );
}

#[test]
fn limits_on_pages_and_depth() {
    let dir = TempDir::new("limits");
    let mut c = config(&dir, &["/s/"]);
    c.max_pages = 3;
    let site = portal();
    let out = crawl(&c, &site, &FakeSite::scan, &mut Progress::silent()).unwrap();
    assert_eq!(
        urls(&out.pages),
        [u("/s/"), u("/s/home"), u("/s/appointments")]
    );
    assert_eq!(site.visited().len(), 3);
    assert!(out.warnings.iter().any(|w| w.contains("max pages")));

    let mut c = config(&dir, &["/s/"]);
    c.max_depth = 1;
    let site = portal();
    let out = crawl(&c, &site, &FakeSite::scan, &mut Progress::silent()).unwrap();
    assert_eq!(out.pages.len(), 4);
    assert!(out.pages.iter().all(|p| p.depth <= 1));
    assert!(out.warnings.iter().any(|w| w.contains("max depth")));
}

#[test]
fn shards_are_disjoint_and_their_union_is_the_whole_crawl() {
    let dir = TempDir::new("shards");
    let whole = crawl(
        &config(&dir, &["/s/"]),
        &portal(),
        &FakeSite::scan,
        &mut Progress::silent(),
    )
    .unwrap();
    let mut union = Vec::new();
    let n = 3;
    for index in 1..=n {
        let mut c = config(&dir, &["/s/"]);
        c.shard = Shard { index, count: n };
        c.max_pages = 8; // the cut must fall on the same pages in every shard
        let site = portal();
        let out = crawl(&c, &site, &FakeSite::scan, &mut Progress::silent()).unwrap();
        // A shard scans only its own pages (other pages are visited for links only).
        assert!(out.pages.iter().all(|p| c.shard.owns(&p.url)));
        assert!(site.scanned().iter().all(|s| c.shard.owns(s)));
        union.extend(out.pages);
    }
    union.sort_by_key(|p| p.order);
    let mut c = config(&dir, &["/s/"]);
    c.max_pages = 8;
    let whole_cut = crawl(&c, &portal(), &FakeSite::scan, &mut Progress::silent()).unwrap();
    assert_eq!(urls(&union), urls(&whole_cut.pages));
    let findings = |pages: &[JournalEntry]| -> Vec<String> {
        pages
            .iter()
            .flat_map(|p| p.findings.iter().map(|f| f.url.clone()))
            .collect()
    };
    assert_eq!(findings(&union), findings(&whole_cut.pages));
    assert_eq!(whole.pages.len(), 10);
}

#[test]
fn failing_pages_are_retried_then_reported_and_the_crawl_goes_on() {
    let dir = TempDir::new("retry");
    let site = portal()
        .with(&u("/s/home"), |p| p.fail_first = 1)
        .with(&u("/s/appointments"), |p| p.timeout_first = 5)
        .page(&u("/s/messages/7"), &[]);
    let mut c = config(&dir, &["/s/"]);
    c.retries = 1;
    let out = crawl(&c, &site, &FakeSite::scan, &mut Progress::silent()).unwrap();
    let home = out.pages.iter().find(|p| p.url == u("/s/home")).unwrap();
    assert!(home.error.is_none());
    assert_eq!(home.attempts, 2);
    let appts = out
        .pages
        .iter()
        .find(|p| p.url == u("/s/appointments"))
        .unwrap();
    assert_eq!(appts.attempts, 2);
    assert!(
        appts.error.as_deref().unwrap().contains("timed out"),
        "{:?}",
        appts.error
    );
    // The rest of the site was still crawled (apart from what only /s/appointments linked).
    assert!(!out.pages.iter().any(|p| p.url == u("/s/deep/1")));
    assert!(out.pages.iter().any(|p| p.url == u("/s/messages/7")));
    assert!(
        out.pages
            .iter()
            .any(|p| p.url == u("/s/records?id=1&tab=2"))
    );
}

#[test]
fn a_page_captured_while_still_loading_is_visited_again() {
    let dir = TempDir::new("unfinished");
    // Home stalls once and then loads; the appointments page never finishes loading.
    let site = portal()
        .with(&u("/s/home"), |p| p.unfinished_first = 1)
        .with(&u("/s/appointments"), |p| p.unfinished_first = 5);
    let mut c = config(&dir, &["/s/"]);
    c.retries = 1;
    let out = crawl(&c, &site, &FakeSite::scan, &mut Progress::silent()).unwrap();
    let page = |path: &str| out.pages.iter().find(|p| p.url == u(path)).unwrap();
    let home = page("/s/home");
    assert_eq!(home.attempts, 2);
    assert!(home.error.is_none());
    assert!(
        !home.warnings.iter().any(|w| w.contains(UNFINISHED)),
        "{:?}",
        home.warnings
    );
    // The second visit's links were followed (the stalled one had none).
    assert!(out.pages.iter().any(|p| p.url == u("/s/appointments")));
    // Still loading on the last attempt: that capture is the page's result, and says so.
    let appts = page("/s/appointments");
    assert_eq!(appts.attempts, 2);
    assert!(appts.error.is_none(), "{:?}", appts.error);
    assert!(
        appts.warnings.iter().any(|w| w.contains(UNFINISHED)),
        "{:?}",
        appts.warnings
    );
}

#[test]
fn a_crashed_browser_is_restarted_and_the_page_in_flight_retried() {
    let dir = TempDir::new("crash");
    let site = portal().with(&u("/s/appointments"), |p| p.crash_first = 1);
    let out = crawl(
        &config(&dir, &["/s/"]),
        &site,
        &FakeSite::scan,
        &mut Progress::silent(),
    )
    .unwrap();
    let got: BTreeSet<String> = urls(&out.pages).into_iter().collect();
    assert_eq!(got, all_portal_urls());
    assert!(
        out.pages.iter().all(|p| p.error.is_none()),
        "{:?}",
        out.pages
    );
    assert_eq!(out.restarts, 1);
    assert_eq!(site.starts.load(Ordering::SeqCst), 2);

    // A page that crashes the browser every time is given up on; the crawl goes on.
    let site = portal().with(&u("/s/appointments"), |p| p.crash_first = 100);
    let out = crawl(
        &config(&dir, &["/s/"]),
        &site,
        &FakeSite::scan,
        &mut Progress::silent(),
    )
    .unwrap();
    let appts = out
        .pages
        .iter()
        .find(|p| p.url == u("/s/appointments"))
        .unwrap();
    assert!(appts.error.as_deref().unwrap().contains("crashed"));
    assert!(out.pages.iter().any(|p| p.url == u("/s/messages/7")));
}

#[test]
fn the_journal_keeps_every_finished_page_and_resume_skips_them() {
    let dir = TempDir::new("resume");
    // The browser dies on the 5th visit and (as with a killed run) the crawl stops there:
    // simulate the kill by a max-pages cut, then resume with the full limit.
    let mut c = config(&dir, &["/s/"]);
    c.max_pages = 5;
    let first = crawl(&c, &portal(), &FakeSite::scan, &mut Progress::silent()).unwrap();
    assert_eq!(first.pages.len(), 5);
    let lines = journal::read_all(&dir.0.join("results.jsonl")).unwrap();
    // Two jobs write the journal in the order pages finish, which the outcome's list need not
    // follow: the same pages, in any order.
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    assert_eq!(sorted(urls(&lines)), sorted(urls(&first.pages)));
    // A line cut short by a kill is skipped with a warning, not fatal.
    let path = dir.0.join("results.jsonl");
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"url\":\"http://127.0.0.1:9000/s/messa");
    std::fs::write(&path, text).unwrap();

    let mut c = config(&dir, &["/s/"]);
    c.resume = true;
    let site = portal();
    let second = crawl(&c, &site, &FakeSite::scan, &mut Progress::silent()).unwrap();
    assert_eq!(second.resumed, 5);
    let got: BTreeSet<String> = urls(&second.pages).into_iter().collect();
    assert_eq!(got, all_portal_urls());
    // Finished pages were not visited again.
    let visited = site.visited();
    for done in urls(&first.pages) {
        assert!(!visited.contains(&done), "{done} visited again");
    }
    assert_eq!(visited.len(), 5);
    assert!(second.warnings.iter().any(|w| w.contains("unreadable")));
    // The journal now holds every page.
    let all: BTreeSet<String> = urls(&journal::read_all(&path).unwrap())
        .into_iter()
        .collect();
    assert_eq!(all, all_portal_urls());
}

#[test]
fn a_browser_killed_mid_crawl_is_restarted_and_nothing_is_lost() {
    let dir = TempDir::new("crash-resume");
    let mut site = portal();
    site.crash_on_visit = Some(4);
    let out = crawl(
        &config(&dir, &["/s/"]),
        &site,
        &FakeSite::scan,
        &mut Progress::silent(),
    )
    .unwrap();
    assert_eq!(out.pages.len(), all_portal_urls().len());
    assert!(out.pages.iter().all(|p| p.error.is_none()));
    assert_eq!(out.restarts, 1);
}

#[test]
fn phi_in_urls_is_never_written() {
    let dir = TempDir::new("phi");
    let site = FakeSite::new()
        .page(&u("/s/"), &["/s/patient?mrn=12345678", "/s/a"])
        .page(&u("/s/patient?mrn=12345678"), &[])
        .page(&u("/s/a"), &[])
        // Its error quotes the URL before a colon (`…?mrn=12345678: net::…`).
        .with(&u("/s/a?mrn=87654321"), |p| p.fail_first = 5)
        .with(&u("/s/"), |p| p.links.push("/s/a?mrn=87654321".into()));
    let buf = SharedBuf::default();
    let mut progress = Progress::to(portalscan_crawl::Style::Lines, Box::new(buf.clone()));
    let out = crawl(
        &config(&dir, &["/s/"]),
        &site,
        &FakeSite::scan,
        &mut progress,
    )
    .unwrap();
    assert_eq!(out.pages.len(), 4);
    let failed = out.pages.iter().find(|p| p.error.is_some()).unwrap();
    assert!(
        failed
            .error
            .as_deref()
            .unwrap()
            .contains("ERR_CONNECTION_RESET")
    );
    let journal = std::fs::read_to_string(dir.0.join("results.jsonl")).unwrap();
    for value in ["12345678", "87654321"] {
        assert!(!journal.contains(value), "{journal}");
    }
    let shown = buf.text();
    for value in ["12345678", "87654321"] {
        assert!(!shown.contains(value), "{shown}");
    }
    assert!(shown.contains("[4/4]"), "{shown}");
    // The root's link with PHI is withheld from the journal (counted), so a resume visits
    // the root again for its links.
    let root = out.pages.iter().find(|p| p.url == u("/s/")).unwrap();
    assert_eq!(root.links_withheld, 2);
    buf.0.lock().unwrap().clear();
}

#[test]
fn facts_the_browser_could_not_give_are_warnings_in_the_journal_and_on_stderr() {
    let dir = TempDir::new("warnings");
    let site = FakeSite::new()
        .page(&u("/s/"), &["/s/patient?mrn=12345678"])
        .page(&u("/s/patient?mrn=12345678"), &[])
        .with(&u("/s/patient?mrn=12345678"), |p| {
            p.warnings = vec![format!(
                "the Tab walk failed: {}: taking a screenshot: timed out",
                u("/s/patient?mrn=12345678")
            )]
        });
    let buf = SharedBuf::default();
    let mut progress = Progress::to(portalscan_crawl::Style::Lines, Box::new(buf.clone()));
    let out = crawl(
        &config(&dir, &["/s/"]),
        &site,
        &FakeSite::scan,
        &mut progress,
    )
    .unwrap();
    let root = out.pages.iter().find(|p| p.url == u("/s/")).unwrap();
    assert!(root.warnings.is_empty());
    let patient = out.pages.iter().find(|p| p.url != u("/s/")).unwrap();
    assert_eq!(patient.warnings.len(), 1, "{:?}", patient.warnings);
    assert!(patient.warnings[0].contains("the Tab walk failed"));
    assert!(patient.warnings[0].contains("taking a screenshot"));
    // Counted in the journal, shown on stderr with the page's URL, never with PHI.
    let lines = journal::read_all(&dir.0.join("results.jsonl")).unwrap();
    let written = lines.iter().find(|p| p.url != u("/s/")).unwrap();
    assert_eq!(written.warnings, patient.warnings);
    let journal = std::fs::read_to_string(dir.0.join("results.jsonl")).unwrap();
    assert!(!journal.contains("12345678"), "{journal}");
    assert_eq!(journal.matches("\"warnings\"").count(), 1, "{journal}");
    let shown = buf.text();
    assert!(!shown.contains("12345678"), "{shown}");
    let line = shown
        .lines()
        .find(|l| l.contains("warning: the Tab walk failed"))
        .unwrap_or_else(|| panic!("no warning line in {shown}"));
    assert!(line.contains("/s/patient"), "{line}");
}

#[derive(Clone, Default)]
struct SharedBuf(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl SharedBuf {
    fn text(&self) -> String {
        String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
    }
}

impl std::io::Write for SharedBuf {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Back after logout runs after the crawl on the pages that show PHI only; its findings join
/// the page's; the journal gets the page again with the check, so `--resume` neither redoes
/// nor loses it; a check that keeps failing is a warning, not a finding.
#[test]
fn back_after_logout_is_checked_once_on_pages_that_show_phi() {
    let dir = TempDir::new("logout");
    let site = || {
        portal()
            .with(&u("/s/appointments"), |p| {
                p.shows_phi = true;
                p.restored = true;
            })
            .with(&u("/s/home"), |p| p.shows_phi = true)
            .with(&u("/s/messages"), |p| {
                p.shows_phi = true;
                p.restored = true;
                p.logout_fail_first = 5;
            })
    };
    let mut c = config(&dir, &["/s/"]);
    c.logout_url = Some(u("/s/logout"));
    let first_site = site();
    let first = crawl(&c, &first_site, &FakeSite::scan, &mut Progress::silent()).unwrap();
    let mut checked = first_site.logout_checks.lock().unwrap().clone();
    checked.sort();
    // messages: one attempt and one retry (retries = 1), then given up.
    assert_eq!(
        checked,
        [
            u("/s/appointments"),
            u("/s/home"),
            u("/s/messages"),
            u("/s/messages")
        ]
    );
    let page = |pages: &[JournalEntry], path: &str| {
        pages.iter().find(|p| p.url == u(path)).unwrap().clone()
    };
    let rules =
        |p: &JournalEntry| -> Vec<String> { p.findings.iter().map(|f| f.rule.clone()).collect() };
    let appts = page(&first.pages, "/s/appointments");
    assert_eq!(rules(&appts), ["fake-rule", "phi-restored-after-logout"]);
    assert_eq!(
        appts.logout_check.as_ref().unwrap().restored_via.as_deref(),
        Some("bfcache")
    );
    let home = page(&first.pages, "/s/home");
    assert_eq!(rules(&home), ["fake-rule"]);
    assert_eq!(home.logout_check.as_ref().unwrap().restored_via, None);
    assert!(!home.logout_check.as_ref().unwrap().restored);
    assert!(appts.logout_check.as_ref().unwrap().restored);
    let messages = page(&first.pages, "/s/messages");
    assert_eq!(rules(&messages), ["fake-rule"]);
    assert!(messages.logout_check.as_ref().unwrap().error.is_some());
    assert!(
        first
            .warnings
            .iter()
            .any(|w| w.contains("Back after logout not checked"))
    );
    assert!(page(&first.pages, "/s/records?id=1").logout_check.is_none());
    // The journal's latest line per page carries the check.
    let lines = journal::read_all(&dir.0.join("results.jsonl")).unwrap();
    assert_eq!(lines.len(), first.pages.len());
    // (Compared on what the check changed: float timings do not survive JSON exactly.)
    let checked = |p: JournalEntry| (p.findings, p.logout_check);
    assert_eq!(
        checked(page(&lines, "/s/appointments")),
        checked(appts.clone())
    );

    // Resume: nothing visited or checked again, nothing lost.
    c.resume = true;
    let again_site = site();
    let second = crawl(&c, &again_site, &FakeSite::scan, &mut Progress::silent()).unwrap();
    assert!(again_site.visited().is_empty());
    assert!(again_site.logout_checks.lock().unwrap().is_empty());
    assert_eq!(
        checked(page(&second.pages, "/s/appointments")),
        checked(appts)
    );

    // Without [logout] no page is checked.
    let none = TempDir::new("no-logout");
    let plain = site();
    crawl(
        &config(&none, &["/s/"]),
        &plain,
        &FakeSite::scan,
        &mut Progress::silent(),
    )
    .unwrap();
    assert!(plain.logout_checks.lock().unwrap().is_empty());
}

/// A page killed between its crawl and its check is checked on resume.
#[test]
fn resume_checks_pages_whose_check_was_not_done() {
    let dir = TempDir::new("logout-resume");
    let site = || {
        portal().with(&u("/s/home"), |p| {
            p.shows_phi = true;
            p.restored = true;
        })
    };
    let mut c = config(&dir, &["/s/"]);
    crawl(&c, &site(), &FakeSite::scan, &mut Progress::silent()).unwrap();
    // The first run had no [logout]: home's entry shows PHI but has no check.
    c.logout_url = Some(u("/s/logout"));
    c.resume = true;
    let second_site = site();
    let second = crawl(&c, &second_site, &FakeSite::scan, &mut Progress::silent()).unwrap();
    assert!(second_site.visited().is_empty());
    assert_eq!(*second_site.logout_checks.lock().unwrap(), [u("/s/home")]);
    let home = second.pages.iter().find(|p| p.url == u("/s/home")).unwrap();
    assert_eq!(home.findings.len(), 2);
}

/// With a login, the session controls run after the crawl on the pages that show PHI only:
/// the guest check (replaying the page's in-scope fetches only), the replay after logout
/// with `[logout]`, the idle check and the cookie lifetimes once, on the first such page in
/// crawl order. Their findings join the page's; a check that keeps failing is a warning
/// and recorded, never a pass; `--resume` does not redo them; without a login none runs.
#[test]
fn session_controls_run_once_on_pages_that_show_phi_with_a_login() {
    let dir = TempDir::new("sessions");
    let site = || {
        let mut site = portal()
            .with(&u("/s/home"), |p| {
                p.shows_phi = true;
                p.fetches = vec![
                    u("/s/api/patient"),
                    "http://127.0.0.1:9001/api/track".into(),
                ];
            })
            .with(&u("/s/appointments"), |p| {
                p.shows_phi = true;
                p.guest_open = true;
            })
            .with(&u("/s/messages"), |p| {
                p.shows_phi = true;
                p.session_fail_first = 5;
            });
        site.login_cookies = Some(vec![portalscan_core::snapshot::CookieLifetime {
            name: "sid".into(),
            session: false,
            lifetime_secs: Some(86_400.0),
        }]);
        site
    };
    let mut c = config(&dir, &["/s/"]);
    c.logout_url = Some(u("/s/logout"));
    c.check_idle = true;
    c.login = Some(FormLogin {
        url: u("/s/login"),
        username_selector: "#u".into(),
        password_selector: "#p".into(),
        submit_selector: "#go".into(),
        username_env: "FAKE_USER".into(),
        password_env: "FAKE_PASSWORD".into(),
        success_url_contains: "/s/home".into(),
    });
    let first_site = site();
    let first = crawl(&c, &first_site, &FakeSite::scan, &mut Progress::silent()).unwrap();
    let checks = first_site.session_checks.lock().unwrap().clone();
    let made = |path: &str| -> Vec<String> {
        checks
            .iter()
            .filter(|(_, url, _)| *url == u(path))
            .map(|(kind, _, _)| kind.clone())
            .collect()
    };
    // home comes first in crawl order: the idle check is made there, once.
    assert_eq!(made("/s/home"), ["guest", "replay-after-logout", "idle"]);
    assert_eq!(made("/s/appointments"), ["guest", "replay-after-logout"]);
    // messages: each check tried twice (retries = 1), then given up.
    assert_eq!(
        made("/s/messages"),
        [
            "guest",
            "guest",
            "replay-after-logout",
            "replay-after-logout"
        ]
    );
    assert!(made("/s/").is_empty() && made("/s/records?id=1").is_empty());
    // The guest replays home's in-scope fetch only.
    let replayed: Vec<&Vec<String>> = checks
        .iter()
        .filter(|(kind, url, _)| kind == "guest" && *url == u("/s/home"))
        .map(|(_, _, replay)| replay)
        .collect();
    assert_eq!(replayed, [&vec![u("/s/api/patient")]]);

    let page = |pages: &[JournalEntry], path: &str| {
        pages.iter().find(|p| p.url == u(path)).unwrap().clone()
    };
    let rules =
        |p: &JournalEntry| -> Vec<String> { p.findings.iter().map(|f| f.rule.clone()).collect() };
    let home = page(&first.pages, "/s/home");
    assert_eq!(rules(&home), ["fake-rule", "session-cookie-lifetime"]);
    assert_eq!(
        home.session_check.as_ref().unwrap().checks,
        ["guest", "replay-after-logout", "idle", "cookies"]
    );
    let appts = page(&first.pages, "/s/appointments");
    assert_eq!(rules(&appts), ["fake-rule", "phi-guest-access"]);
    let messages = page(&first.pages, "/s/messages");
    assert_eq!(rules(&messages), ["fake-rule"]);
    let run = messages.session_check.as_ref().unwrap();
    assert!(run.checks.is_empty());
    assert_eq!(run.errors.len(), 2, "{:?}", run.errors);
    assert!(
        first
            .warnings
            .iter()
            .any(|w| w.contains("session check not made"))
    );
    // The journal's latest line per page carries the checks.
    let lines = journal::read_all(&dir.0.join("results.jsonl")).unwrap();
    assert_eq!(
        page(&lines, "/s/appointments").session_check,
        appts.session_check
    );

    // Resume: nothing checked again, nothing lost.
    c.resume = true;
    let again = site();
    let second = crawl(&c, &again, &FakeSite::scan, &mut Progress::silent()).unwrap();
    assert!(again.session_checks.lock().unwrap().is_empty());
    assert_eq!(
        rules(&page(&second.pages, "/s/appointments")),
        rules(&appts)
    );

    // Without a login none runs.
    let none = TempDir::new("no-login");
    let plain = site();
    let mut c = config(&none, &["/s/"]);
    c.logout_url = Some(u("/s/logout"));
    crawl(&c, &plain, &FakeSite::scan, &mut Progress::silent()).unwrap();
    assert!(plain.session_checks.lock().unwrap().is_empty());
}
