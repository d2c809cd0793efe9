//! Prints what a capture costs on a generated page of N elements (default 5,000):
//! `cargo run -p portalscan-browser --example capture_timing -- [N] [--shadow]`.
//! With `--shadow` every card is a custom element with an open (declarative) shadow root,
//! so the capture also reads the DOM domain's node tree.
//! Serves the page from a loopback port; needs Chromium like the tests.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use portalscan_browser::{Browser, LaunchOptions, VisitOptions, capture_dom};

fn page(elements: usize, shadow: bool) -> String {
    let mut html =
        String::from("<!doctype html><html lang=en><head><title>Big</title></head><body>");
    let mut made = 0;
    let mut card = 0;
    while made < elements {
        card += 1;
        let content = format!(
            "<section class=card><h2>Card {card}</h2><ul><li><a href='/p/{card}'>Open</a></li>\
             <li><span style='color: rgb(90, 90, 90)'>Status</span></li></ul>\
             <button type=button>Act</button><div hidden><p>More</p></div></section>"
        );
        if shadow {
            html.push_str(&format!(
                "<x-card><template shadowrootmode=open>{content}<slot></slot></template>\
                 <span>slotted</span></x-card>"
            ));
            made += 12;
        } else {
            html.push_str(&content);
            made += 10;
        }
    }
    html.push_str("</body></html>");
    html
}

fn main() {
    let elements: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5000);
    let shadow = std::env::args().any(|a| a == "--shadow");
    let body = page(elements, shadow);
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
        }
    });
    let browser = Browser::launch(&LaunchOptions::default()).expect("Chromium");
    let page = browser.new_page().unwrap();
    let opts = VisitOptions {
        settle: Duration::from_millis(100),
        tab_walk: false,
        ..VisitOptions::default()
    };
    let visit = page.visit(&format!("http://{addr}/"), &opts).unwrap();
    println!(
        "{} nodes, {} elements; visit: navigate {:?}, settle {:?}, snapshot {:?}",
        visit.snapshot.dom.len(),
        visit.snapshot.dom.elements().count(),
        visit.timings.navigate,
        visit.timings.settle,
        visit.timings.snapshot
    );
    for _ in 0..3 {
        let start = Instant::now();
        let (dom, _, _) = capture_dom(page.tab()).unwrap();
        println!("capture_dom: {:?} for {} nodes", start.elapsed(), dom.len());
    }
    let start = Instant::now();
    for _ in 0..10 {
        page.tab().evaluate("1", false).unwrap();
    }
    println!("one protocol round trip: {:?}", start.elapsed() / 10);
}
