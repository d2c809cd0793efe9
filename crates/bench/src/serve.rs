//! Serves a generated page on 127.0.0.1 (the large-page test and `page-bench`).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;

/// Serves `body` as HTML on 127.0.0.1 for the life of the process (one thread per
/// connection); returns the URL of its `/s/records` page. Any path under `/s/` (any query
/// string) gets the same page, so distinct URLs of one server are distinct crawl pages;
/// anything else (the page's avatar images) is a 404, as `scripts/bench.mjs` answers.
/// Answering every image with the page made a 200,000-element page's load event wait
/// minutes for thousands of page-sized downloads.
pub fn serve(body: String) -> std::io::Result<String> {
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}/s/records", listener.local_addr()?);
    let body = Arc::new(body);
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let body = Arc::clone(&body);
            std::thread::spawn(move || {
                let Ok(read) = stream.try_clone() else {
                    return;
                };
                let mut reader = BufReader::new(read);
                let mut line = String::new();
                let _ = reader.read_line(&mut line);
                let is_page = line
                    .split_ascii_whitespace()
                    .nth(1)
                    .is_some_and(|path| path.starts_with("/s/"));
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let (status, content) = if is_page {
                    ("200 OK", body.as_str())
                } else {
                    ("404 Not Found", "")
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    content.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(content.as_bytes());
            });
        }
    });
    Ok(url)
}
