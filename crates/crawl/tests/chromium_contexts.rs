//! Every visit in real Chromium gets a browser context of its own, also when its slot
//! opened the tab ahead while the visit before ran: what one page stored (localStorage,
//! sessionStorage, a cookie set by script) is never seen by the next page of the same
//! origin in the same slot, and each page sees its own. Fails (never skips) when Chromium
//! is missing.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

use portalscan_crawl::chromium::ChromiumVisitor;
use portalscan_crawl::{CrawlConfig, Visitor};

/// Every path is a page that stores one item of each kind named after its path.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let body = "<!doctype html><html lang=en><head><title>Page</title></head><body><main><h1>Page</h1></main><script>
                    const me = location.pathname.split('/').pop();
                    localStorage.setItem('local-' + me, '1');
                    sessionStorage.setItem('session-' + me, '1');
                    document.cookie = 'cookie-' + me + '=1; path=/';
                    </script></body></html>";
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body.as_bytes());
            });
        }
    });
    url
}

#[test]
fn consecutive_visits_in_one_slot_share_no_storage() {
    let origin = serve();
    let seed = format!("{origin}/s/a");
    let mut config = CrawlConfig::for_seeds(&[seed.as_str()]).expect("config");
    config.tab_walk = false;
    let visitor = ChromiumVisitor::from_config(&config).expect("options");
    visitor.start(1).expect("Chromium starts");
    for name in ["a", "b", "c", "a"] {
        let page = visitor
            .visit(0, &format!("{origin}/s/{name}"), true)
            .unwrap_or_else(|e| panic!("/s/{name}: {e}"));
        let storage = page.snapshot.storage.expect("storage was read");
        let keys = |items: &[portalscan_core::snapshot::KeyValue]| -> Vec<String> {
            items.iter().map(|kv| kv.key.clone()).collect()
        };
        assert_eq!(keys(&storage.local), [format!("local-{name}")], "/s/{name}");
        assert_eq!(
            keys(&storage.session),
            [format!("session-{name}")],
            "/s/{name}"
        );
        let cookies: Vec<String> = page
            .snapshot
            .cookies
            .expect("cookies were read")
            .into_iter()
            .map(|c| c.name)
            .collect();
        assert_eq!(cookies, [format!("cookie-{name}")], "/s/{name}");
    }
}
