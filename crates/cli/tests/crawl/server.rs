//! A tiny loopback HTTP server for the crawl tests: routes by request target, records every
//! request (method, target, Sec-Fetch-Mode), can delay or hang a response.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

#[derive(Clone, Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    pub delay: Duration,
}

impl Reply {
    pub fn html(body: impl Into<String>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
            body: body.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn status(status: u16, body: &str) -> Reply {
        Reply {
            status,
            ..Reply::html(body)
        }
    }

    pub fn redirect(location: &str) -> Reply {
        Reply {
            status: 302,
            headers: vec![("Location".into(), location.into())],
            body: String::new(),
            delay: Duration::ZERO,
        }
    }

    pub fn xml(body: impl Into<String>) -> Reply {
        Reply {
            headers: vec![("Content-Type".into(), "application/xml".into())],
            ..Reply::html(body)
        }
    }

    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

/// One request as received.
#[derive(Clone, Debug)]
pub struct Seen {
    #[allow(dead_code)] // shown in assertion messages (Debug)
    pub method: String,
    pub target: String,
    /// `navigate` for navigations (Sec-Fetch-Mode), as Chromium sends it.
    pub fetch_mode: Option<String>,
}

/// The request target and its `Cookie` header.
type Handler = Arc<dyn Fn(&str, Option<&str>) -> Reply + Send + Sync>;

pub struct TestServer {
    addr: SocketAddr,
    log: Arc<Mutex<Vec<Seen>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start(handler: impl Fn(&str) -> Reply + Send + Sync + 'static) -> TestServer {
        TestServer::start_with_cookies(move |target, _| handler(target))
    }

    /// A server whose handler also sees the request's `Cookie` header.
    pub fn start_with_cookies(
        handler: impl Fn(&str, Option<&str>) -> Reply + Send + Sync + 'static,
    ) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().unwrap();
        let log: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let stop = Arc::new(AtomicBool::new(false));
        let handler: Handler = Arc::new(handler);
        let (log2, stop2) = (log.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (handler, log, stop) = (handler.clone(), log2.clone(), stop2.clone());
                std::thread::spawn(move || serve(stream, &*handler, &log, &stop));
            }
        });
        TestServer {
            addr,
            log,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(
    stream: TcpStream,
    handler: &(dyn Fn(&str, Option<&str>) -> Reply + Send + Sync),
    log: &Mutex<Vec<Seen>>,
    stop: &AtomicBool,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.is_empty() {
        return;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let target = parts.next().unwrap_or_default().to_string();
    let mut fetch_mode = None;
    let mut cookie = None;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("sec-fetch-mode") {
                fetch_mode = Some(value.trim().to_string());
            } else if name.eq_ignore_ascii_case("cookie") {
                cookie = Some(value.trim().to_string());
            }
        }
    }
    log.lock().unwrap().push(Seen {
        method,
        target: target.clone(),
        fetch_mode,
    });
    let reply = handler(&target, cookie.as_deref());
    // A long delay is a hanging page: wait in small steps so the server can stop.
    let mut waited = Duration::ZERO;
    while waited < reply.delay && !stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(50));
        waited += Duration::from_millis(50);
    }
    let mut out = format!(
        "HTTP/1.1 {} X\r\nConnection: close\r\nContent-Length: {}\r\n",
        reply.status,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&reply.body);
    let mut stream = &stream;
    let _ = stream.write_all(out.as_bytes());
}

/// A page with a title, a heading and these links.
pub fn page(title: &str, links: &[String]) -> String {
    let links: String = links
        .iter()
        .map(|l| format!("<li><a href=\"{l}\">{l}</a></li>"))
        .collect();
    format!(
        "<!doctype html><html lang=\"en\"><head><title>{title}</title></head>\
         <body><main><h1>{title}</h1><ul>{links}</ul></main></body></html>"
    )
}
