//! The collectors against real Chromium and a loopback server: what a page sent, received,
//! stored and logged, exactly; then the core's PHI rules on those facts.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use headless_chrome::Tab;
use portalscan_browser::collect::{self, Collector};
use portalscan_browser::launch::{Browser, LaunchOptions};
use portalscan_browser::page::VisitOptions;
use portalscan_core::snapshot::{ConsoleMessage, Cookie, Header, Request};
use portalscan_core::{Finding, Outcome, RuleSelection, ScanOptions, Snapshot};

// ---------------------------------------------------------------- loopback server

type Route = Box<dyn Fn(&str, &str) -> (u16, Vec<(String, String)>, Vec<u8>) + Send + Sync>;

/// One request as the server received it.
#[derive(Clone, Debug)]
struct Seen {
    path: String,
    referer: Option<String>,
}

struct Server {
    port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// Serves `route(method, path)` on 127.0.0.1, a thread per connection (Chromium opens
/// speculative connections that never send a request).
fn serve(route: Route) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let route = Arc::new(route);
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let route = Arc::clone(&route);
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                let _ = handle(stream, &route, &log);
            });
        }
    });
    Server { port, seen }
}

fn handle(stream: TcpStream, route: &Route, log: &Mutex<Vec<Seen>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let mut parts = line.split_whitespace();
    let (method, path) = (
        parts.next().unwrap_or("").to_string(),
        parts.next().unwrap_or("").to_string(),
    );
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h)? == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|l| l.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body)?;
    log.lock().unwrap().push(Seen {
        path: path.clone(),
        referer: headers.get("referer").cloned(),
    });
    let (status, headers, body) = route(&method, &path);
    let mut out = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let mut stream = stream;
    stream.write_all(out.as_bytes())?;
    stream.write_all(&body)
}

fn h(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A 1×1 GIF that is never cached, so every page load requests it.
fn pixel_server() -> Server {
    serve(Box::new(|_, _| {
        let gif = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";
        (
            200,
            h(&[("Content-Type", "image/gif"), ("Cache-Control", "no-store")]),
            gif.to_vec(),
        )
    }))
}

// ---------------------------------------------------------------- browser

fn launch() -> Browser {
    Browser::launch(&LaunchOptions::default()).expect("Chromium starts")
}

/// Navigates with a collector attached and waits until the page sets `window.__done`.
fn visit(tab: &Arc<Tab>, url: &str) -> Collector {
    let collector = Collector::attach(tab, false).unwrap();
    tab.navigate_to(url)
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    let start = Instant::now();
    loop {
        let done = tab.evaluate("window.__done === true", false).unwrap();
        if done.value == Some(serde_json::Value::Bool(true)) {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{url} never finished its script"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    collector
}

fn headers_named<'a>(headers: &'a [Header], name: &str) -> Vec<&'a str> {
    headers
        .iter()
        .filter(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str())
        .collect()
}

fn scan(snapshot: &Snapshot) -> Vec<Finding> {
    portalscan_core::scan(
        snapshot,
        &ScanOptions {
            rules: RuleSelection::of(&portalscan_core::rules::phi::rules()),
            ..ScanOptions::with_passes()
        },
    )
}

fn outcomes(findings: &[Finding], rule: &str) -> Vec<Outcome> {
    findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.outcome)
        .collect()
}

// ---------------------------------------------------------------- the chart page

const CHART: &str = r#"<!doctype html>
<html><head><title>Chart</title></head><body>
<h1>Chart</h1><p>Date of birth: 03/14/1961</p>
<img id="px" src="http://localhost:PIXEL/px.gif?page=chart" alt="">
<script>
(async () => {
  document.cookie = "ui_mrn=00123456; path=/";
  document.cookie = "theme=dark; path=/; SameSite=Strict";
  localStorage.setItem("patientProfile", JSON.stringify({mrn: "00123456", birthdate: "1961-03-14"}));
  localStorage.setItem("theme", "dark");
  sessionStorage.setItem("ssn", "536-22-8142");
  await new Promise((resolve, reject) => {
    const open = indexedDB.open("offline", 1);
    open.onupgradeneeded = () => open.result.createObjectStore("patients");
    open.onsuccess = () => {
      const tx = open.result.transaction("patients", "readwrite");
      tx.objectStore("patients").put({lastName: "Alvarez", dob: "1961-03-14", visits: [1, 2]}, "p1");
      tx.objectStore("patients").put(42, 7);
      tx.oncomplete = resolve;
      tx.onerror = reject;
    };
    open.onerror = reject;
  });
  const cache = await caches.open("api-v1");
  await cache.put("/api/cached", new Response('{"mrn":"00123456","diagnosis":"E11.9"}',
    {headers: {"Content-Type": "application/json"}}));
  await cache.put("/logo.png", new Response(new Uint8Array([137, 80, 78, 71]),
    {headers: {"Content-Type": "image/png"}}));
  const response = await fetch("/api/chart", {method: "POST",
    headers: {"Content-Type": "application/json"}, body: JSON.stringify({want: "chart"})});
  await response.json();
  const img = document.getElementById("px");
  await new Promise(r => img.complete ? r() : (img.onload = img.onerror = r));
  console.log("loaded %s", "chart", {mrn: "00123456", n: 2});
  console.warn("slow");
  window.__done = true;
})().catch(e => { console.error("setup failed", String(e)); window.__done = true; });
</script></body></html>"#;

fn portal(pixel: u16) -> Server {
    serve(Box::new(move |method, path| match (method, path) {
        ("GET", p) if p.starts_with("/chart") => (
            200,
            h(&[
                ("Content-Type", "text/html; charset=utf-8"),
                ("Cache-Control", "private, no-cache"),
                (
                    "Set-Cookie",
                    "sid=opaque123; HttpOnly; SameSite=Lax; Path=/",
                ),
                ("Set-Cookie", "patient_dob=1961-03-14; Path=/"),
                ("Set-Cookie", "prefs=1; Path=/; Max-Age=3600"),
            ]),
            CHART.replace("PIXEL", &pixel.to_string()).into_bytes(),
        ),
        ("POST", "/api/chart") => (
            200,
            h(&[
                ("Content-Type", "application/json"),
                ("Cache-Control", "max-age=600"),
            ]),
            br#"{"mrn":"00123456","diagnosis":"E11.9"}"#.to_vec(),
        ),
        // Served, so that no "failed to load" message lands in the console at a random time.
        ("GET", "/favicon.ico") => (200, h(&[("Content-Type", "image/gif")]), b"GIF89a".to_vec()),
        _ => (
            404,
            h(&[("Content-Type", "text/plain")]),
            b"not found".to_vec(),
        ),
    }))
}

#[test]
fn collects_traffic_cookies_storage_and_console() {
    let pixel = pixel_server();
    let portal = portal(pixel.port);
    let browser = launch();
    let page = browser.new_page().unwrap();
    let tab = page.tab();
    let base = format!("http://127.0.0.1:{}", portal.port);
    let url = format!("{base}/chart?mrn=00123456");
    let collector = visit(tab, &url);
    let collected = collector.finish(&url);

    // The main document's response, Set-Cookie included (only the extra-info event has it).
    let response = collected.response.clone().expect("main response");
    assert_eq!(response.status, 200);
    assert_eq!(
        headers_named(&response.headers, "cache-control"),
        ["private, no-cache"]
    );
    assert_eq!(
        headers_named(&response.headers, "set-cookie"),
        [
            "sid=opaque123; HttpOnly; SameSite=Lax; Path=/",
            "patient_dob=1961-03-14; Path=/",
            "prefs=1; Path=/; Max-Age=3600"
        ]
    );

    // Every request in order (the favicon request comes whenever Chromium gets to it).
    let requests: Vec<&Request> = collected
        .requests
        .iter()
        .filter(|r| !r.url.ends_with("/favicon.ico"))
        .collect();
    let summary: Vec<(&str, &str, &str, Option<u16>)> = requests
        .iter()
        .map(|r| {
            (
                r.method.as_str(),
                r.url.as_str(),
                r.resource_type.as_str(),
                r.status,
            )
        })
        .collect();
    let pixel_url = format!("http://localhost:{}/px.gif?page=chart", pixel.port);
    let api_url = format!("{base}/api/chart");
    assert_eq!(
        summary,
        [
            ("GET", url.as_str(), "document", Some(200)),
            ("GET", pixel_url.as_str(), "image", Some(200)),
            ("POST", api_url.as_str(), "fetch", Some(200)),
        ]
    );
    let (page, image, api) = (requests[0], requests[1], requests[2]);
    assert_eq!(
        headers_named(&page.request_headers, "referer"),
        Vec::<&str>::new()
    );
    // Cross-origin under the default policy: the origin only.
    assert_eq!(
        headers_named(&image.request_headers, "referer"),
        [format!("{base}/")]
    );
    assert_eq!(
        headers_named(&api.request_headers, "referer"),
        [url.as_str()]
    );
    assert_eq!(api.request_body.as_deref(), Some(r#"{"want":"chart"}"#));
    assert_eq!(
        api.response_body.as_deref(),
        Some(r#"{"mrn":"00123456","diagnosis":"E11.9"}"#)
    );
    assert_eq!(
        headers_named(&api.response_headers, "cache-control"),
        ["max-age=600"]
    );
    assert_eq!(page.response_body, None, "only API bodies are read");
    assert_eq!(image.response_body, None);
    // The server saw the same Referer.
    let seen = pixel.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].referer.as_deref(),
        Some(format!("{base}/").as_str())
    );

    assert_eq!(
        collected.console,
        [
            ConsoleMessage {
                level: "log".into(),
                text: r#"loaded chart {mrn: "00123456", n: 2}"#.into()
            },
            ConsoleMessage {
                level: "warning".into(),
                text: "slow".into()
            },
        ]
    );

    // Cookies: from Set-Cookie and from script, with their flags.
    let mut cookies = collect::cookies(tab).unwrap();
    cookies.sort_by(|a, b| a.name.cmp(&b.name));
    let cookie =
        |name: &str, value: &str, http_only: bool, same_site: Option<&str>, session: bool| Cookie {
            name: name.into(),
            value: value.into(),
            domain: "127.0.0.1".into(),
            path: "/".into(),
            secure: false,
            http_only,
            same_site: same_site.map(String::from),
            session,
        };
    assert_eq!(
        cookies,
        [
            cookie("patient_dob", "1961-03-14", false, None, true),
            cookie("prefs", "1", false, None, false),
            cookie("sid", "opaque123", true, Some("Lax"), true),
            cookie("theme", "dark", false, Some("Strict"), true),
            cookie("ui_mrn", "00123456", false, None, true),
        ]
    );

    let storage = collect::storage(tab, &url).unwrap();
    let pairs = |kv: &[portalscan_core::snapshot::KeyValue]| -> Vec<(String, String)> {
        kv.iter()
            .map(|e| (e.key.clone(), e.value.clone()))
            .collect()
    };
    assert_eq!(
        pairs(&storage.local),
        [
            (
                "patientProfile".to_string(),
                r#"{"mrn":"00123456","birthdate":"1961-03-14"}"#.to_string()
            ),
            ("theme".to_string(), "dark".to_string()),
        ]
    );
    assert_eq!(
        pairs(&storage.session),
        [("ssn".to_string(), "536-22-8142".to_string())]
    );
    let records: Vec<(&str, &str, &str, &str)> = storage
        .indexed_db
        .iter()
        .map(|r| {
            (
                r.database.as_str(),
                r.store.as_str(),
                r.key.as_str(),
                r.value.as_str(),
            )
        })
        .collect();
    // Keys in IndexedDB order: numbers before strings.
    assert_eq!(
        records,
        [
            ("offline", "patients", "7", "42"),
            (
                "offline",
                "patients",
                "p1",
                r#"{"lastName":"Alvarez","dob":"1961-03-14","visits":[1,2]}"#
            ),
        ]
    );
    let entries: Vec<(&str, &str, Option<&str>)> = storage
        .cache_storage
        .iter()
        .map(|e| (e.cache.as_str(), e.url.as_str(), e.body.as_deref()))
        .collect();
    let cached = format!("{base}/api/cached");
    let logo = format!("{base}/logo.png");
    assert_eq!(
        entries,
        [
            (
                "api-v1",
                cached.as_str(),
                Some(r#"{"mrn":"00123456","diagnosis":"E11.9"}"#)
            ),
            ("api-v1", logo.as_str(), None),
        ]
    );
    assert_eq!(
        headers_named(&storage.cache_storage[0].headers, "content-type"),
        ["application/json"]
    );

    // The core's PHI rules on these facts.
    let html = CHART.replace("PIXEL", &pixel.port.to_string());
    let mut snapshot =
        portalscan_html::snapshot_from_html(&html, &url, &portalscan_html::NoResources);
    snapshot.source = "chromium".into();
    snapshot.response = collected.response;
    snapshot.requests = Some(collected.requests);
    snapshot.console = Some(collected.console);
    snapshot.cookies = Some(cookies);
    snapshot.storage = Some(storage);
    let findings = scan(&snapshot);
    assert_eq!(outcomes(&findings, "phi-in-local-storage"), [Outcome::Fail]);
    assert_eq!(
        outcomes(&findings, "phi-in-session-storage"),
        [Outcome::Fail]
    );
    assert_eq!(outcomes(&findings, "phi-in-indexeddb"), [Outcome::Fail]);
    assert_eq!(outcomes(&findings, "phi-in-cache-storage"), [Outcome::Fail]);
    assert_eq!(
        outcomes(&findings, "phi-in-cookie"),
        [Outcome::Fail, Outcome::Fail]
    );
    assert_eq!(outcomes(&findings, "session-cookie-flags"), [Outcome::Fail]);
    // The page and the API response both lack no-store.
    assert_eq!(
        outcomes(&findings, "phi-response-no-store"),
        [Outcome::Fail, Outcome::Fail]
    );
    assert_eq!(outcomes(&findings, "phi-referrer-leak"), [Outcome::Pass]);
    let json = serde_json::to_string(&findings).unwrap();
    for raw in [
        "00123456",
        "1961-03-14",
        "536-22-8142",
        "Alvarez",
        "03/14/1961",
        "opaque123",
    ] {
        assert!(!json.contains(raw), "{raw} appears in the findings");
    }
}

// ---------------------------------------------------------------- referrer policy

fn referrer_pages(pixel: u16) -> Server {
    serve(Box::new(move |_, path| {
        let page = path
            .trim_start_matches('/')
            .split('?')
            .next()
            .unwrap_or("")
            .to_string();
        let meta = if page == "meta" {
            r#"<meta name="referrer" content="unsafe-url">"#
        } else {
            ""
        };
        let html = format!(
            r#"<!doctype html><head>{meta}<title>Chart</title></head>
<p>Chart</p><img src="http://localhost:{pixel}/px.gif?page={page}" alt=""
  onload="window.__done = true" onerror="window.__done = true">"#
        );
        let mut headers = h(&[("Content-Type", "text/html"), ("Cache-Control", "no-store")]);
        if page == "header" {
            headers.push(("Referrer-Policy".into(), "unsafe-url".into()));
        }
        (200, headers, html.into_bytes())
    }))
}

#[test]
fn referer_follows_the_referrer_policy() {
    let pixel = pixel_server();
    let pages = referrer_pages(pixel.port);
    let browser = launch();
    let base = format!("http://127.0.0.1:{}", pages.port);
    for (page, leaks) in [("default", false), ("meta", true), ("header", true)] {
        let browser_page = browser.new_page().unwrap();
        let tab = browser_page.tab();
        let url = format!("{base}/{page}?mrn=00123456");
        let collected = visit(tab, &url).finish(&url);
        let pixel_url = format!("http://localhost:{}/px.gif?page={page}", pixel.port);
        let image = collected
            .requests
            .iter()
            .find(|r| r.url == pixel_url)
            .expect("pixel request");
        let expected = if leaks {
            url.clone()
        } else {
            format!("{base}/")
        };
        assert_eq!(
            headers_named(&image.request_headers, "referer"),
            [expected.as_str()],
            "{page}"
        );
        let seen = pixel.seen.lock().unwrap().clone();
        let got = seen
            .iter()
            .find(|s| s.path.ends_with(&format!("page={page}")))
            .unwrap();
        assert_eq!(
            got.referer.as_deref(),
            Some(expected.as_str()),
            "{page}: what the server got"
        );

        let html = String::from_utf8(tab.get_content().unwrap().into_bytes()).unwrap();
        let mut snapshot =
            portalscan_html::snapshot_from_html(&html, &url, &portalscan_html::NoResources);
        snapshot.response = collected.response;
        snapshot.requests = Some(collected.requests);
        let findings = scan(&snapshot);
        let expected = if leaks { Outcome::Fail } else { Outcome::Pass };
        assert_eq!(
            outcomes(&findings, "phi-referrer-leak"),
            [expected],
            "{page}"
        );
        let json = serde_json::to_string(&findings).unwrap();
        assert!(
            !json.contains("00123456"),
            "{page}: the MRN appears in the findings"
        );
    }
}

// ---------------------------------------------------------------- through Page::visit

#[test]
fn visit_fills_traffic_cookies_storage_and_console() {
    let pixel = pixel_server();
    let portal = portal(pixel.port);
    let browser = launch();
    let page = browser.new_page().unwrap();
    let url = format!("http://127.0.0.1:{}/chart?mrn=00123456", portal.port);
    let options = VisitOptions {
        tab_walk: false,
        settle: Duration::from_secs(1),
        ..VisitOptions::default()
    };
    let visit = page.visit(&url, &options).unwrap();
    let snapshot = &visit.snapshot;
    let response = snapshot.response.as_ref().expect("main response");
    assert_eq!(headers_named(&response.headers, "set-cookie").len(), 3);
    let api = format!("http://127.0.0.1:{}/api/chart", portal.port);
    let requests = snapshot.requests.as_ref().unwrap();
    let api = requests
        .iter()
        .find(|r| r.url == api)
        .expect("the API call");
    assert_eq!(
        api.response_body.as_deref(),
        Some(r#"{"mrn":"00123456","diagnosis":"E11.9"}"#)
    );
    assert_eq!(snapshot.cookies.as_ref().unwrap().len(), 5);
    let storage = snapshot.storage.as_ref().unwrap();
    assert_eq!(
        (
            storage.local.len(),
            storage.session.len(),
            storage.indexed_db.len(),
            storage.cache_storage.len()
        ),
        (2, 1, 2, 2)
    );
    assert!(
        snapshot
            .console
            .as_ref()
            .unwrap()
            .iter()
            .any(|m| m.level == "warning" && m.text == "slow")
    );
    // The same PHI findings from the live DOM as from the page source.
    let findings = scan(snapshot);
    for rule in [
        "phi-in-local-storage",
        "phi-in-session-storage",
        "phi-in-indexeddb",
        "phi-in-cache-storage",
        "session-cookie-flags",
    ] {
        assert_eq!(outcomes(&findings, rule), [Outcome::Fail], "{rule}");
    }
    assert_eq!(
        outcomes(&findings, "phi-in-cookie"),
        [Outcome::Fail, Outcome::Fail]
    );
    assert_eq!(
        outcomes(&findings, "phi-response-no-store"),
        [Outcome::Fail, Outcome::Fail]
    );
    let json = serde_json::to_string(&findings).unwrap();
    for raw in [
        "00123456",
        "1961-03-14",
        "536-22-8142",
        "Alvarez",
        "03/14/1961",
    ] {
        assert!(!json.contains(raw), "{raw} appears in the findings");
    }
}
