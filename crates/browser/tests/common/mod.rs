//! A loopback HTTP server for the browser tests: fixed pages by path, nothing else.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;

use portalscan_browser::{Browser, LaunchOptions, VisitOptions};

#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: String,
    pub headers: Vec<(&'static str, &'static str)>,
    /// Wait this long before answering.
    pub delay: std::time::Duration,
}

impl Reply {
    pub fn html(body: impl Into<String>) -> Reply {
        Reply {
            status: 200,
            content_type: "text/html; charset=utf-8",
            body: body.into(),
            headers: Vec::new(),
            delay: std::time::Duration::ZERO,
        }
    }
    pub fn text(body: impl Into<String>) -> Reply {
        Reply {
            content_type: "text/plain; charset=utf-8",
            ..Reply::html(body)
        }
    }
    pub fn delay(mut self, ms: u64) -> Reply {
        self.delay = std::time::Duration::from_millis(ms);
        self
    }
    pub fn status(mut self, status: u16) -> Reply {
        self.status = status;
        self
    }
    pub fn header(mut self, name: &'static str, value: &'static str) -> Reply {
        self.headers.push((name, value));
        self
    }
}

/// Serves `routes` on 127.0.0.1 until the test process ends; unknown paths get a 404 page.
pub fn serve(routes: Vec<(&str, Reply)>) -> SocketAddr {
    serve_on("127.0.0.1", routes)
}

/// [`serve`] on another loopback address (127.0.0.2 is another site to the browser).
pub fn serve_on(host: &str, routes: Vec<(&str, Reply)>) -> SocketAddr {
    let routes: Arc<HashMap<String, Reply>> = Arc::new(
        routes
            .into_iter()
            .map(|(p, r)| (p.to_string(), r))
            .collect(),
    );
    let listener = TcpListener::bind((host, 0)).expect("bind a loopback port");
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let routes = Arc::clone(&routes);
            std::thread::spawn(move || answer(stream, &routes));
        }
    });
    addr
}

fn answer(mut stream: TcpStream, routes: &HashMap<String, Reply>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split('?').next().unwrap_or(path);
    let reply = routes.get(path).cloned().unwrap_or_else(|| {
        Reply::html("<!doctype html><title>Not found</title><h1>Not found</h1>").status(404)
    });
    std::thread::sleep(reply.delay);
    let mut head = format!(
        "HTTP/1.1 {} X\r\nContent-Type: {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reply.content_type,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(reply.body.as_bytes());
}

/// A browser for one test. Fails (never skips) when Chromium is missing.
pub fn browser() -> Browser {
    Browser::launch(&LaunchOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// A visit without the Tab walk, with room for a loaded machine.
pub fn visit_options() -> VisitOptions {
    VisitOptions {
        timeout: std::time::Duration::from_secs(30),
        settle: std::time::Duration::from_millis(200),
        tab_walk: false,
        max_tab_presses: 0,
    }
}
