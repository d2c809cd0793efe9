//! Progress on standard error: one redrawn line on a terminal, plain lines otherwise (CI
//! logs). URLs are shown redacted (a query string can carry an MRN).

use std::io::Write;
use std::time::Duration;

use portalscan_core::phi::redact_url;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `\r`-redrawn bar (stderr is a terminal).
    Bar,
    /// `[12/40] https://… 3 fail 1 review (1.2 s)` lines.
    Lines,
    Silent,
}

impl Style {
    pub fn for_stderr() -> Style {
        use std::io::IsTerminal;
        if std::io::stderr().is_terminal() {
            Style::Bar
        } else {
            Style::Lines
        }
    }
}

/// One finished page as progress shows it.
pub struct Done<'a> {
    pub url: &'a str,
    pub fail: usize,
    pub review: usize,
    pub error: Option<&'a str>,
    pub elapsed: Duration,
}

pub struct Progress {
    style: Style,
    out: Box<dyn Write + Send>,
    done: usize,
    bar_open: bool,
}

impl Progress {
    pub fn new(style: Style) -> Progress {
        Progress::to(style, Box::new(std::io::stderr()))
    }

    pub fn to(style: Style, out: Box<dyn Write + Send>) -> Progress {
        Progress {
            style,
            out,
            done: 0,
            bar_open: false,
        }
    }

    pub fn silent() -> Progress {
        Progress::to(Style::Silent, Box::new(std::io::sink()))
    }

    /// A finished page; `total` is the number of pages to scan known so far.
    pub fn page(&mut self, page: &Done<'_>, total: usize) {
        self.done += 1;
        let count = format!("[{}/{}]", self.done, total.max(self.done));
        let url = redact_url(page.url);
        let what = match page.error {
            Some(e) => format!("error: {}", portalscan_core::phi::redact(e)),
            None => format!("{} fail {} review", page.fail, page.review),
        };
        let secs = page.elapsed.as_secs_f64();
        match self.style {
            Style::Silent => {}
            Style::Lines => {
                let _ = writeln!(self.out, "{count} {url} {what} ({secs:.1} s)");
            }
            Style::Bar => {
                let width = 24;
                let filled = (self.done * width / total.max(self.done).max(1)).min(width);
                let bar = format!("{}{}", "#".repeat(filled), "-".repeat(width - filled));
                let mut line = format!("{count} [{bar}] {url} {what}");
                if line.chars().count() > 110 {
                    line = line.chars().take(109).collect::<String>() + "…";
                }
                let _ = write!(self.out, "\r\x1b[2K{line}");
                let _ = self.out.flush();
                self.bar_open = true;
            }
        }
    }

    /// A message on its own line (warnings), not mixed into the bar.
    pub fn note(&mut self, message: &str) {
        if self.style == Style::Silent {
            return;
        }
        self.end_bar();
        let _ = writeln!(
            self.out,
            "portalscan: {}",
            portalscan_core::phi::redact(message)
        );
    }

    /// Ends the bar's line so what follows starts on a new one.
    pub fn finish(&mut self) {
        self.end_bar();
    }

    fn end_bar(&mut self) {
        if self.bar_open {
            let _ = writeln!(self.out);
            self.bar_open = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};

    /// A writer tests can read back.
    #[derive(Clone, Default)]
    struct Buf(Arc<Mutex<Vec<u8>>>);

    impl Write for Buf {
        fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(data);
            Ok(data.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl Buf {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    fn done(url: &str) -> Done<'_> {
        Done {
            url,
            fail: 2,
            review: 1,
            error: None,
            elapsed: Duration::from_millis(1500),
        }
    }

    #[test]
    fn ci_logs_get_one_plain_line_per_page() {
        let buf = Buf::default();
        let mut p = Progress::to(Style::Lines, Box::new(buf.clone()));
        p.page(&done("https://p.example/s/records?mrn=00123456"), 4);
        p.note("sitemap: not found");
        p.page(&done("https://p.example/s/home"), 4);
        p.finish();
        let text = buf.text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines,
            [
                "[1/4] https://p.example/s/records?mrn=******56 2 fail 1 review (1.5 s)",
                "portalscan: sitemap: not found",
                "[2/4] https://p.example/s/home 2 fail 1 review (1.5 s)",
            ]
        );
        assert!(!text.contains('\r') && !text.contains('\x1b'), "{text:?}");
    }

    #[test]
    fn a_terminal_gets_one_redrawn_bar() {
        let buf = Buf::default();
        let mut p = Progress::to(Style::Bar, Box::new(buf.clone()));
        p.page(&done("https://p.example/s/home"), 4);
        p.page(&done("https://p.example/s/records?mrn=00123456"), 4);
        // Redrawn in place: no newline while the bar is up.
        let text = buf.text();
        assert!(!text.contains('\n'), "{text:?}");
        assert_eq!(text.matches("\r\x1b[2K").count(), 2, "{text:?}");
        assert!(text.ends_with("[2/4] [############------------] https://p.example/s/records?mrn=******56 2 fail 1 review"), "{text:?}");
        // A note ends the bar's line first; finish ends it for what follows.
        p.note("restarting the browser");
        p.page(&done("https://p.example/s/a"), 4);
        p.finish();
        let text = buf.text();
        assert!(
            text.contains("review\nportalscan: restarting the browser\n\r"),
            "{text:?}"
        );
        assert!(text.ends_with("review\n"), "{text:?}");
        assert!(!text.contains("00123456"));
    }

    #[test]
    fn silent_writes_nothing() {
        let buf = Buf::default();
        let mut p = Progress::to(Style::Silent, Box::new(buf.clone()));
        p.page(&done("https://p.example/"), 1);
        p.note("x");
        p.finish();
        assert!(buf.text().is_empty());
    }
}
