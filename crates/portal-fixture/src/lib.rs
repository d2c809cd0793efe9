//! The loopback server for `fixtures/portal`: a patient portal built the way Salesforce
//! Experience Cloud builds one (Lightning Web Components compiled by `npm run build:portal`
//! into `fixtures/portal/dist`, styled with SLDS), served under `/s/` with the headers,
//! cookies and session behaviour the crawler's rules are tested against. What is planted
//! where is in `fixtures/portal/README.md`; the findings it must give are in
//! `fixtures/portal/expected.json`.
//!
//! Three loopback listeners: the portal itself, a "third-party" analytics origin the
//! records page sends a tracking pixel (and its Referer) to, and — separately, from
//! [`start_outside`] — an out-of-scope origin the pages link to, which records every
//! request so a test can prove the crawler never went there.

mod files;
mod http;
mod listener;
mod portal;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub use files::Files;
pub use http::{Request, Response};
use listener::Listener;
pub use portal::Sessions;

pub struct ServerOptions {
    /// The portal's files: a `fixtures/portal` directory, or the copy built into the binary.
    pub files: Files,
    /// Where to listen; must be a loopback address (`127.0.0.1:0` picks a free port).
    pub bind: SocketAddr,
    /// An out-of-scope origin every page links to (e.g. [`OutsideServer::url`]).
    pub linked_origin: Option<String>,
    /// Single sign-on (the default), or a login the session controls are tested against.
    pub sessions: Sessions,
}

impl ServerOptions {
    /// The repository's `fixtures/portal` on a free loopback port, linking nowhere.
    pub fn new(root: impl Into<PathBuf>) -> ServerOptions {
        ServerOptions::of(Files::Dir(root.into()))
    }

    /// The portal built into this binary (see [`Files::embedded`]), on a free loopback port.
    pub fn embedded() -> Option<ServerOptions> {
        Files::embedded().map(ServerOptions::of)
    }

    fn of(files: Files) -> ServerOptions {
        ServerOptions {
            files,
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            linked_origin: None,
            sessions: Sessions::default(),
        }
    }
}

/// The running portal. Stops when dropped.
pub struct Server {
    portal: Listener,
    third_party: Listener,
    third_party_log: Log,
}

/// A request an origin received: request target and the `Referer` it carried.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub method: String,
    pub target: String,
    pub referer: Option<String>,
}

type Log = Arc<Mutex<Vec<Recorded>>>;

/// Starts the portal. Fails if `root/dist` has not been built, naming the command that
/// builds it.
pub fn start(opts: ServerOptions) -> io::Result<Server> {
    let third_party_log: Log = Arc::default();
    let third_party = Listener::bind(
        SocketAddr::new(third_party_ip(opts.bind.ip()), 0),
        recording_handler(third_party_log.clone(), portal::third_party_response),
    )?;
    let site = portal::Site::load(
        opts.files,
        opts.linked_origin,
        third_party.url(),
        opts.sessions,
    )?;
    let site = Arc::new(site);
    let portal = Listener::bind(opts.bind, Arc::new(move |req| site.handle(req)))?;
    Ok(Server {
        portal,
        third_party,
        third_party_log,
    })
}

/// Another loopback host than the portal's, so the analytics origin is another *site*
/// (sites ignore ports): 127.0.0.2 beside 127.0.0.1 (Linux routes all of 127/8 to
/// loopback). IPv6 has one loopback address, so there it is the same site.
fn third_party_ip(portal: IpAddr) -> IpAddr {
    match portal {
        IpAddr::V4(v4) if v4 == Ipv4Addr::new(127, 0, 0, 2) => Ipv4Addr::new(127, 0, 0, 3).into(),
        IpAddr::V4(_) => Ipv4Addr::new(127, 0, 0, 2).into(),
        v6 => v6,
    }
}

impl Server {
    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub fn url(&self) -> String {
        self.portal.url()
    }

    pub fn addr(&self) -> SocketAddr {
        self.portal.addr()
    }

    /// The "third-party" analytics origin the records page reports to (another loopback
    /// host, so another site).
    pub fn third_party_url(&self) -> String {
        self.third_party.url()
    }

    /// Every request the analytics origin received, in order.
    pub fn third_party_requests(&self) -> Vec<Recorded> {
        self.third_party_log
            .lock()
            .map(|l| l.clone())
            .unwrap_or_default()
    }
}

/// An out-of-scope origin: answers every request with a small page and records it.
pub struct OutsideServer {
    listener: Listener,
    log: Log,
}

/// Starts an out-of-scope origin on a free loopback port.
pub fn start_outside() -> io::Result<OutsideServer> {
    let log: Log = Arc::default();
    let listener = Listener::bind(
        SocketAddr::from(([127, 0, 0, 1], 0)),
        recording_handler(log.clone(), |_| {
            Response::html(
                "<!doctype html><html lang=\"en\"><title>Community forum</title>\
                 <h1>Patient community forum</h1><p>Out of the portal's scope.</p>\
                 <a href=\"/more\">More</a></html>",
            )
        }),
    )?;
    Ok(OutsideServer { listener, log })
}

impl OutsideServer {
    pub fn url(&self) -> String {
        self.listener.url()
    }

    pub fn addr(&self) -> SocketAddr {
        self.listener.addr()
    }

    /// Every request received so far (a crawler that stays in scope leaves this empty).
    pub fn requests(&self) -> Vec<Recorded> {
        self.log.lock().map(|l| l.clone()).unwrap_or_default()
    }
}

fn recording_handler(log: Log, respond: fn(&Request) -> Response) -> listener::Handler {
    Arc::new(move |req: &Request| {
        if let Ok(mut log) = log.lock() {
            log.push(Recorded {
                method: req.method.clone(),
                target: req.target.clone(),
                referer: req.header("referer").map(str::to_string),
            });
        }
        respond(req)
    })
}
