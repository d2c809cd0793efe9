//! The fixture server over real loopback sockets (no browser): per-page headers and
//! cookies, the session and logout, static files, 404s, the out-of-scope origin.
//! Needs the built portal (`npm ci && npm run build:portal`; scripts/setup.sh does it).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;

use portalscan_portal_fixture::{Server, ServerOptions, start, start_outside};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/portal")
}

fn server(linked: Option<&str>) -> Server {
    let mut opts = ServerOptions::new(root());
    opts.linked_origin = linked.map(str::to_string);
    start(opts).expect("the portal is built (npm ci && npm run build:portal)")
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn set_cookies(&self) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case("set-cookie"))
            .map(|(_, v)| v.as_str())
            .collect()
    }
    fn set_cookie(&self, name: &str) -> Option<&str> {
        self.set_cookies()
            .into_iter()
            .find(|c| c.starts_with(&format!("{name}=")))
    }
}

fn request(addr: SocketAddr, method: &str, target: &str, cookie: &str, body: &str) -> Reply {
    let mut stream = TcpStream::connect(addr).unwrap();
    // One request per connection: the reply is read to the end of the stream.
    let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    if !cookie.is_empty() {
        head.push_str(&format!("Cookie: {cookie}\r\n"));
    }
    if !body.is_empty() {
        head.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("a response head");
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    Reply {
        status,
        headers,
        body: body.to_string(),
    }
}

fn get(addr: SocketAddr, target: &str, cookie: &str) -> Reply {
    request(addr, "GET", target, cookie, "")
}

/// `name=value` of a Set-Cookie line.
fn pair(set_cookie: &str) -> &str {
    set_cookie.split(';').next().unwrap()
}

#[test]
fn a_missing_build_names_the_command_that_builds_it() {
    let empty = std::env::temp_dir().join(format!("portal-fixture-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let err = start(ServerOptions::new(&empty))
        .err()
        .expect("no dist: an error");
    std::fs::remove_dir_all(&empty).unwrap();
    let message = err.to_string();
    assert!(
        message.contains("npm ci && npm run build:portal"),
        "{message}"
    );
    assert!(message.contains("dist"), "{message}");
}

#[test]
fn only_loopback_addresses_are_served() {
    let mut opts = ServerOptions::new(root());
    opts.bind = SocketAddr::from(([0, 0, 0, 0], 0));
    let err = start(opts).err().expect("0.0.0.0 refused");
    assert!(err.to_string().contains("loopback"), "{err}");
}

#[test]
fn pages_carry_their_planted_cache_headers() {
    let s = server(None);
    let expect = [
        ("/s/login", Some("no-store")),
        ("/s/home", Some("no-store")),
        ("/s/appointments", Some("private, max-age=300")),
        ("/s/messages", Some("no-cache, private")),
        ("/s/records", None),
        ("/s/intake", Some("no-store")),
    ];
    for (path, cache_control) in expect {
        let r = get(s.addr(), path, "");
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("cache-control"), cache_control, "{path}");
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        let page = path.trim_start_matches("/s/");
        assert!(r.body.contains(&format!("data-page=\"{page}\"")), "{path}");
        let bundle = if matches!(page, "records" | "intake") {
            "native"
        } else {
            "synthetic"
        };
        assert!(
            r.body.contains(&format!("/s/sfsites/c/{bundle}/portal.js")),
            "{path}"
        );
    }
}

#[test]
fn session_cookies_with_and_without_flags() {
    let s = server(None);
    let home = get(s.addr(), "/s/home", "");
    let sid = home
        .set_cookie("sid")
        .expect("a first visit gets a session");
    for flag in ["Secure", "HttpOnly", "SameSite=Lax"] {
        assert!(sid.contains(flag), "{sid}");
    }
    assert!(home.set_cookie("apptSession").is_none());

    let appt = get(s.addr(), "/s/appointments", pair(sid));
    assert!(appt.set_cookie("sid").is_none(), "a valid session is kept");
    let appt_cookie = appt.set_cookie("apptSession").expect("planted cookie");
    assert_eq!(appt_cookie, "apptSession=a7Fq2Lw9; Path=/s/appointments");

    let login = get(s.addr(), "/s/login", "");
    assert!(
        login.set_cookie("sid").is_none(),
        "the login page starts no session"
    );
    assert!(login.set_cookie("CookieConsentPolicy").is_some());
}

#[test]
fn logout_ends_the_session_until_the_next_login() {
    let s = server(None);
    let sid = pair(get(s.addr(), "/s/records", "").set_cookie("sid").unwrap()).to_string();
    assert_eq!(get(s.addr(), "/s/api/patient", &sid).status, 200);

    let out = get(s.addr(), "/s/logout", &sid);
    assert_eq!(out.status, 302);
    assert_eq!(out.header("location"), Some("/s/login"));
    assert!(out.set_cookie("sid").unwrap().contains("Max-Age=0"));
    let marker = pair(out.set_cookie("portal_logged_out").unwrap()).to_string();

    // The old session is gone: PHI pages send the browser to log in.
    let cookies = format!("{sid}; {marker}");
    let back = get(s.addr(), "/s/records", &cookies);
    assert_eq!(back.status, 302);
    assert_eq!(
        back.header("location"),
        Some("/s/login?startURL=%2Fs%2Frecords")
    );
    assert_eq!(get(s.addr(), "/s/api/patient", &cookies).status, 401);
    assert_eq!(get(s.addr(), "/s/login", &cookies).status, 200);

    // Empty credentials are refused; real ones start a new session.
    let refused = request(s.addr(), "POST", "/s/login", &marker, "username=&password=");
    assert_eq!(refused.status, 400);
    assert!(refused.set_cookie("sid").is_none());
    let login = request(
        s.addr(),
        "POST",
        "/s/login?startURL=%2Fs%2Frecords",
        &marker,
        "username=maria%40mail.example&password=secret",
    );
    assert_eq!(login.status, 303);
    assert_eq!(login.header("location"), Some("/s/records"));
    let new_sid = pair(login.set_cookie("sid").unwrap()).to_string();
    assert_ne!(new_sid, sid);
    assert_eq!(get(s.addr(), "/s/records", &new_sid).status, 200);
}

#[test]
fn static_files_sitemap_and_not_found() {
    let s = server(None);
    let js = get(s.addr(), "/s/sfsites/c/synthetic/portal.js", "");
    assert_eq!(js.status, 200);
    assert!(
        js.header("content-type")
            .unwrap()
            .starts_with("text/javascript")
    );
    let css = get(
        s.addr(),
        "/s/sfsites/c/slds/salesforce-lightning-design-system.min.css",
        "",
    );
    assert_eq!(css.status, 200);
    assert!(css.body.contains(".slds-button"));

    for missing in [
        "/s/nope",
        "/s/sfsites/c/../../../Cargo.toml",
        "/s/sfsites/c/%2e%2e/pages/shell.html",
        "/elsewhere",
    ] {
        assert_eq!(get(s.addr(), missing, "").status, 404, "{missing}");
    }
    assert_eq!(get(s.addr(), "/", "").header("location"), Some("/s/home"));

    let sitemap = get(s.addr(), "/sitemap.xml", "");
    assert_eq!(sitemap.status, 200);
    let locs = sitemap.body.matches("<loc>").count();
    assert_eq!(locs, 6, "{}", sitemap.body);
    assert!(
        sitemap
            .body
            .contains(&format!("<loc>{}/s/intake</loc>", s.url()))
    );
    assert!(!sitemap.body.contains("logout"));
}

#[test]
fn pages_link_to_the_out_of_scope_origin_which_records_requests() {
    let outside = start_outside().unwrap();
    let s = server(Some(&outside.url()));
    let home = get(s.addr(), "/s/home", "");
    assert!(
        home.body
            .contains(&format!("href=\"{}/forum\"", outside.url()))
    );
    assert!(outside.requests().is_empty());
    let r = get(outside.addr(), "/forum?x=1", "");
    assert_eq!(r.status, 200);
    let seen = outside.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].target, "/forum?x=1");

    // Without a linked origin the footer links nowhere outside.
    let plain = server(None);
    assert!(!get(plain.addr(), "/s/home", "").body.contains("/forum"));
}

#[test]
fn the_records_page_reports_to_the_third_party_origin() {
    let s = server(None);
    assert!(s.third_party_url().starts_with("http://127.0.0.2:"));
    let records = get(s.addr(), "/s/records", "");
    assert!(
        records
            .body
            .contains(&format!("{}/collect.gif", s.third_party_url()))
    );
    assert!(records.body.contains("content=\"unsafe-url\""));
    let home = get(s.addr(), "/s/home", "");
    assert!(!home.body.contains("collect.gif"));
}

#[test]
fn dropping_the_server_closes_its_port() {
    let s = server(None);
    let addr = s.addr();
    assert_eq!(get(addr, "/s/login", "").status, 200);
    drop(s);
    assert!(TcpStream::connect(addr).is_err());
}
