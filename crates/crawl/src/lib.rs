//! portalscan's crawler: which pages to visit, in what order, with how many tabs, and what
//! to do when a page or the browser fails. The browser itself sits behind [`Visitor`], so
//! all of this is tested without one (`fake`), and driven by Chromium for real.
//!
//! - `config`: `portalscan.toml` and the flags over it.
//! - `scope`: URL normal form; what may be navigated to (checked before every navigation).
//! - `sitemap`: `<loc>` entries of `/sitemap.xml`.
//! - `shard`: `--shard i/n`, a split by a stable hash of the URL.
//! - `crawl`: the BFS frontier in canonical order, the tab pool, retries, browser restarts.
//! - `journal`: `results.jsonl`, appended and flushed per page; `--resume`.
//! - `logout_check`: after the crawl, Back after logout on every page that shows PHI.
//! - `session_check`: after it, with a login, the HIPAA session controls (guest access,
//!   the old session after logout, storage after logout, cookie lifetime, idle logoff).
//! - `scan`: the rules on a visited page (the scan the front-end passes in), crops of its
//!   failing elements (`shots`), whether it shows PHI.
//! - `progress`: a bar on a terminal, plain lines in CI logs; URLs redacted.
//! - `chromium`: the real visitor, over `portalscan-browser`'s crawling session.

pub mod chromium;
pub mod config;
pub mod crawl;
pub mod fake;
pub mod journal;
mod logout_check;
pub mod progress;
mod scan;
pub mod scope;
mod session_check;
pub mod shard;
pub mod shots;
pub mod sitemap;
pub mod visitor;

pub use config::{ConfigFile, CrawlConfig, FormLogin, Overrides, Screenshots};
pub use crawl::{CrawlError, CrawlOutcome, crawl};
pub use journal::JournalEntry;
pub use progress::{Progress, Style};
pub use scan::ScanFn;
pub use scope::Scope;
pub use shard::Shard;
pub use visitor::{LivePage, SessionProbe, Timings, VisitError, VisitedPage, Visitor};
