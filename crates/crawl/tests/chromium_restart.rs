//! The real visitor in real Chromium: the browser is killed (SIGKILL) while a page is
//! loading; the crawl restarts it in process, retries the page that was in flight, and
//! finishes every page. Fails (never skips) when Chromium is missing.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use portalscan_crawl::chromium::ChromiumVisitor;
use portalscan_crawl::{CrawlConfig, Progress, crawl};

fn page(title: &str, links: &[&str]) -> String {
    let links: String = links
        .iter()
        .map(|l| format!("<a href='{l}'>{l}</a> "))
        .collect();
    format!(
        "<!doctype html><html lang=en><head><title>{title}</title></head><body><main><h1>{title}</h1>{links}</main></body></html>"
    )
}

/// Serves /s/home (linking /s/a, /s/slow, /s/c) and those pages; /s/slow answers after a
/// second and reports each request for it on `slow`.
fn serve(slow: mpsc::Sender<()>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(stream) = stream else { continue };
            let slow = slow.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut line = String::new();
                if reader.read_line(&mut line).is_err() {
                    return;
                }
                let target = line.split_whitespace().nth(1).unwrap_or("").to_string();
                loop {
                    let mut header = String::new();
                    if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
                        break;
                    }
                }
                let body = match target.as_str() {
                    "/s/home" => page("Home", &["/s/a", "/s/slow", "/s/c"]),
                    "/s/a" | "/s/c" => page(&target, &[]),
                    "/s/slow" => {
                        let _ = slow.send(());
                        std::thread::sleep(Duration::from_secs(1));
                        page("Slow", &[])
                    }
                    _ => String::new(),
                };
                let status = if body.is_empty() {
                    "404 Not Found"
                } else {
                    "200 OK"
                };
                let reply = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/html\r\nConnection: close\r\nContent-Length: {}\r\n\r\n{body}",
                    body.len()
                );
                let _ = (&stream).write_all(reply.as_bytes());
            });
        }
    });
    url
}

struct Run {
    root: String,
    outcome: portalscan_crawl::CrawlOutcome,
    /// The pid the signal went to.
    signalled: Option<u32>,
    /// Whether /s/slow was requested again after the signal.
    slow_again: bool,
    visitor: ChromiumVisitor,
}

/// Crawls the test site with one job and sends `signal` (`KILL`, `STOP`) to the browser
/// as soon as /s/slow is requested.
fn crawl_and_signal(signal: &str, timeout: Duration) -> Run {
    let (slow_tx, slow_rx) = mpsc::channel();
    let root = serve(slow_tx);
    let out = std::env::temp_dir().join(format!(
        "portalscan-restart-{signal}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&out);
    let seed = format!("{root}/s/home");
    let mut config = CrawlConfig::for_seeds(&[&seed]).unwrap();
    config.output_dir = PathBuf::from(&out);
    config.sitemap = false;
    config.tab_walk = false;
    config.jobs = 1;
    config.retries = 0;
    config.timeout = timeout;
    let visitor = ChromiumVisitor::from_config(&config).unwrap();
    let (outcome, (signalled, slow_rx)) = std::thread::scope(|s| {
        let visitor = &visitor;
        let signaller = s.spawn(move || {
            // The first request for /s/slow: the page is loading in the browser.
            let signalled = slow_rx
                .recv_timeout(Duration::from_secs(120))
                .ok()
                .and_then(|()| visitor.browser_pid())
                .filter(|pid| {
                    std::process::Command::new("kill")
                        .args([&format!("-{signal}"), &pid.to_string()])
                        .status()
                        .is_ok_and(|s| s.success())
                });
            (signalled, slow_rx)
        });
        let outcome = crawl(
            &config,
            visitor,
            &|_| Default::default(),
            &mut Progress::silent(),
        );
        (outcome, signaller.join().unwrap())
    });
    let _ = std::fs::remove_dir_all(&out);
    Run {
        root,
        outcome: outcome.unwrap(),
        signalled,
        slow_again: slow_rx.try_recv().is_ok(),
        visitor,
    }
}

/// Every page of the test site, without an error, after one restart.
fn assert_restarted_once_and_finished(run: &Run) {
    let outcome = &run.outcome;
    let signalled = run
        .signalled
        .expect("the browser was signalled while /s/slow loaded");
    assert_eq!(outcome.restarts, 1, "{:?}", outcome.pages);
    // A new browser, not the signalled one.
    assert_ne!(run.visitor.browser_pid(), Some(signalled));
    let mut urls: Vec<&str> = outcome.pages.iter().map(|p| p.url.as_str()).collect();
    urls.sort();
    let expected: Vec<String> = ["/s/a", "/s/c", "/s/home", "/s/slow"]
        .iter()
        .map(|p| format!("{}{p}", run.root))
        .collect();
    assert_eq!(
        urls,
        expected.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(
        outcome.pages.iter().all(|p| p.error.is_none()),
        "{:?}",
        outcome.pages
    );
    // With --retries 0, /s/slow still got its second visit (a crash is retried once more
    // than a failure).
    let slow = outcome
        .pages
        .iter()
        .find(|p| p.url.ends_with("/s/slow"))
        .unwrap();
    assert_eq!(slow.attempts, 2, "{slow:?}");
    assert!(
        run.slow_again,
        "/s/slow was requested again after the restart"
    );
}

#[test]
fn a_browser_killed_mid_crawl_is_restarted_and_every_page_finishes() {
    let run = crawl_and_signal("KILL", Duration::from_secs(30));
    assert_restarted_once_and_finished(&run);
}

/// A browser that stops answering (SIGSTOP: the process is there, nothing answers): the
/// watchdog gives up on the visit, cannot even close its tab, counts the browser as dead;
/// the restart kills it and the crawl finishes.
#[test]
fn a_browser_that_stops_answering_is_killed_and_restarted() {
    let run = crawl_and_signal("STOP", Duration::from_secs(3));
    assert_restarted_once_and_finished(&run);
}
