//! A loopback listener over `tiny_http`: one thread takes requests off the server and
//! answers each on a short-lived thread of its own (the patient API takes a moment, and
//! Chromium asks for several files at once); stops when dropped.

use std::io::{self, Read};
use std::net::{SocketAddr, TcpStream};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::http::{Request, Response};

pub type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

/// The largest request body read; the fixture's requests are tiny.
const MAX_BODY: u64 = 64 * 1024;

pub struct Listener {
    addr: SocketAddr,
    /// Taken when dropped, so the server goes before the wait for its port to close.
    server: Option<Arc<tiny_http::Server>>,
    thread: Option<JoinHandle<()>>,
}

impl Listener {
    pub fn bind(addr: SocketAddr, handler: Handler) -> io::Result<Listener> {
        if !addr.ip().is_loopback() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("{addr}: the fixture server binds loopback addresses only"),
            ));
        }
        let server = tiny_http::Server::http(addr)
            .map_err(|e| io::Error::new(io::ErrorKind::AddrNotAvailable, format!("{addr}: {e}")))?;
        let addr = server
            .server_addr()
            .to_ip()
            .ok_or_else(|| io::Error::other("the fixture server has no IP address"))?;
        let server = Arc::new(server);
        let serving = server.clone();
        let thread = std::thread::Builder::new()
            .name(format!("fixture-{}", addr.port()))
            .spawn(move || {
                // Ends when `unblock` is called (the listener is dropped).
                for request in serving.incoming_requests() {
                    let handler = handler.clone();
                    std::thread::spawn(move || serve(request, &handler));
                }
            })?;
        Ok(Listener {
            addr,
            server: Some(server),
            thread: Some(thread),
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

fn serve(mut request: tiny_http::Request, handler: &Handler) {
    let mut body = Vec::new();
    let read = request
        .as_reader()
        .take(MAX_BODY + 1)
        .read_to_end(&mut body);
    let response = match read {
        Ok(_) if body.len() as u64 <= MAX_BODY => handler(&Request {
            method: request.method().as_str().to_string(),
            target: request.url().to_string(),
            headers: request
                .headers()
                .iter()
                .map(|h| (h.field.as_str().to_string(), h.value.as_str().to_string()))
                .collect(),
            body,
        }),
        Ok(_) => Response::text(400, "bad request: request body too large"),
        Err(e) => Response::text(400, &format!("bad request: {e}")),
    };
    let mut reply = tiny_http::Response::from_data(response.body).with_status_code(response.status);
    for (name, value) in &response.headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            reply.add_header(header);
        }
    }
    // The client may have gone away; nothing to do about it.
    let _ = request.respond(reply);
}

impl Drop for Listener {
    fn drop(&mut self) {
        let Some(server) = self.server.take() else {
            return;
        };
        server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        drop(server);
        // tiny_http closes its socket on its own accept thread once the server is gone:
        // wait for that, so the port is closed when `drop` returns (bounded, in case
        // something else took the port meanwhile).
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline
            && TcpStream::connect_timeout(&self.addr, Duration::from_millis(100)).is_ok()
        {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}
