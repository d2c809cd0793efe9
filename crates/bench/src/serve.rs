//! Serves a generated page on 127.0.0.1 (the large-page test and `page-bench`).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::Arc;

/// Serves `body` as HTML for every request on 127.0.0.1 for the life of the process (one
/// thread per connection); returns the URL of its `/s/records` page. Any path or query
/// string gets the same page, so distinct URLs of one server are distinct crawl pages.
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
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let head = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(body.as_bytes());
            });
        }
    });
    Ok(url)
}
