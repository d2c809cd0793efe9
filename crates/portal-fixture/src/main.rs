//! `portal-fixture [--port N] [--root DIR] [--linked-origin URL]`: serves fixtures/portal on
//! loopback until killed, for looking at the portal in a browser.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use portalscan_portal_fixture::{Files, ServerOptions, start};

fn main() -> ExitCode {
    let mut opts =
        ServerOptions::new(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/portal"));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--port", Some(v)) => match v.parse::<u16>() {
                Ok(port) => opts.bind = SocketAddr::from(([127, 0, 0, 1], port)),
                Err(_) => return usage(&format!("--port {v}: not a port number")),
            },
            ("--root", Some(v)) => opts.files = Files::Dir(PathBuf::from(v)),
            ("--linked-origin", Some(v)) => opts.linked_origin = Some(v),
            _ => return usage(&format!("unexpected argument {arg}")),
        }
    }
    match start(opts) {
        Ok(server) => {
            println!("{}/s/home", server.url());
            println!("third-party origin: {}", server.third_party_url());
            loop {
                std::thread::park();
            }
        }
        Err(e) => {
            eprintln!("portal-fixture: {e}");
            ExitCode::from(2)
        }
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!(
        "portal-fixture: {problem}\nusage: portal-fixture [--port N] [--root DIR] [--linked-origin URL]"
    );
    ExitCode::from(2)
}
