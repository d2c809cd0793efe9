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
