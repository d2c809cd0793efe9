//! The crawl: seeds and sitemap, then links, breadth first, level by level.
//!
//! Canonical order: a level's URLs are ordered by the order of the pages that linked to them
//! (then the link's position in the page), never by which tab finished first. So the set of
//! pages (and the cut made by `max_pages`) is the same on every run and every shard of a
//! static site, whatever the timing; that is what makes `--shard` and `--resume` exact.
//!
//! Each level's pages are visited by `jobs` worker threads (one tab each). The main thread
//! owns all state: it writes the journal, retries failed pages, and when the browser dies it
//! stops handing out pages, waits for the tabs in flight, restarts the browser and retries
//! the pages that were in flight.

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};

use portalscan_core::Outcome;
use portalscan_core::phi::redact_url;

use crate::config::CrawlConfig;
use crate::journal::{Journal, JournalEntry, Previous};
use crate::progress::{Done, Progress};
use crate::scan::{ScanFn, ScannedPage, scan_page};
use crate::scope::{self, normalize};
use crate::sitemap;
use crate::visitor::{VisitError, Visitor};

/// How often the browser may be restarted in one crawl before giving up.
pub const MAX_RESTARTS: u32 = 10;
/// Nested sitemaps read per seed origin, at most.
const MAX_SITEMAPS: usize = 20;

/// What a crawl produced.
#[derive(Debug, Default)]
pub struct CrawlOutcome {
    /// This shard's pages (scanned or failed), in canonical order; includes pages taken from
    /// the journal on `--resume`.
    pub pages: Vec<JournalEntry>,
    /// Things the user should know that are not page errors (bad sitemap, limits reached).
    pub warnings: Vec<String>,
    /// Pages taken from an earlier run's journal.
    pub resumed: usize,
    pub restarts: u32,
}

/// A crawl that could not go on (the browser would not start, the journal cannot be
/// written). Pages finished before it are in the journal.
#[derive(Debug)]
pub struct CrawlError(pub String);

impl std::fmt::Display for CrawlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Clone, Debug)]
struct Job {
    url: String,
    order: usize,
    depth: u32,
    scan: bool,
    attempts: u32,
    started: Option<Instant>,
}

struct Queue {
    jobs: VecDeque<Job>,
    paused: bool,
    closed: bool,
    taken: usize,
}

struct Shared {
    queue: Mutex<Queue>,
    ready: Condvar,
}

/// Crawls with `visitor`; every page this shard scans goes through `scan` (the core's
/// rules as the front-end configured them).
pub fn crawl(
    config: &CrawlConfig,
    visitor: &dyn Visitor,
    scan: &ScanFn<'_>,
    progress: &mut Progress,
) -> Result<CrawlOutcome, CrawlError> {
    let previous = if config.resume {
        Previous::read(&config.output_dir.join(crate::journal::FILE_NAME)).map_err(CrawlError)?
    } else {
        Previous::default()
    };
    let mut journal = Journal::open(&config.output_dir, config.resume).map_err(CrawlError)?;
    let mut outcome = CrawlOutcome::default();
    if previous.skipped_lines > 0 {
        outcome.warnings.push(format!(
            "{}: {} unreadable line(s) ignored (a crawl killed mid-write)",
            journal.path().display(),
            previous.skipped_lines
        ));
    }
    let started = Instant::now();
    visitor
        .start(config.jobs)
        .map_err(|e| CrawlError(format!("cannot start the browser: {e}")))?;

    let mut seen: HashSet<String> = HashSet::new();
    let mut level: Vec<String> = Vec::new();
    for seed in &config.seeds {
        if seen.insert(seed.clone()) {
            level.push(seed.clone());
        }
    }
    if config.sitemap {
        for url in sitemap_urls(config, visitor, &mut outcome.warnings) {
            if seen.insert(url.clone()) {
                level.push(url);
            }
        }
    }
    for w in &outcome.warnings {
        progress.note(w);
    }

    let mut run = Run {
        config,
        visitor,
        scan,
        journal: &mut journal,
        progress,
        outcome: &mut outcome,
        restarts: 0,
        to_scan: 0,
        started,
        urls: HashMap::new(),
        data_requests: HashMap::new(),
    };
    let mut admitted = 0usize;
    for depth in 0..=config.max_depth {
        if level.is_empty() {
            break;
        }
        let room = config.max_pages - admitted;
        if level.len() > room {
            run.warn(format!(
                "max pages ({}) reached: {} more URL(s) found and not crawled",
                config.max_pages,
                level.len() - room
            ));
            level.truncate(room);
        }
        let need_links = config.follow_links && depth < config.max_depth;
        let mut links: HashMap<usize, Vec<String>> = HashMap::new();
        let mut jobs = Vec::new();
        for url in &level {
            let order = admitted;
            admitted += 1;
            let owned = config.shard.owns(url);
            if let Some(prev) = previous.get(url) {
                let links_known = !need_links || prev.links_withheld == 0;
                if (prev.scanned || !owned) && links_known {
                    links.insert(order, prev.links.clone());
                    if owned {
                        run.outcome.pages.push(prev.clone());
                        run.outcome.resumed += 1;
                    }
                    continue;
                }
                if prev.scanned && owned {
                    // Its findings are known; visit again only for the links withheld.
                    run.outcome.pages.push(prev.clone());
                    run.outcome.resumed += 1;
                    jobs.push(Job::new(url, order, depth, false));
                    continue;
                }
            }
            if owned {
                run.to_scan += 1;
                jobs.push(Job::new(url, order, depth, true));
            } else if need_links {
                jobs.push(Job::new(url, order, depth, false));
            }
        }
        let finished = run.run_level(jobs)?;
        for (order, page_links) in finished {
            links.insert(order, page_links);
        }
        if run.out_of_time() {
            break;
        }
        // The next level in canonical order: by the linking page's order, then link order.
        let mut orders: Vec<usize> = links.keys().copied().collect();
        orders.sort_unstable();
        let mut next = Vec::new();
        for order in orders {
            for link in &links[&order] {
                if config.scope.allows(link) && seen.insert(link.clone()) {
                    next.push(link.clone());
                }
            }
        }
        if !config.follow_links {
            break;
        }
        if depth == config.max_depth && !next.is_empty() {
            run.warn(format!(
                "max depth ({}) reached: {} link(s) below it not followed",
                config.max_depth,
                next.len()
            ));
        }
        level = next;
    }
    let urls = std::mem::take(&mut run.urls);
    if config.logout_url.is_some() {
        if run.out_of_time() {
            run.warn("max time reached: Back after logout not checked".into());
        } else {
            crate::logout_check::run(
                config,
                visitor,
                scan,
                run.journal,
                run.progress,
                run.outcome,
                &urls,
            )?;
        }
    }
    if config.login.is_some() || config.storage_state.is_some() {
        if run.out_of_time() {
            run.warn("max time reached: session controls not checked".into());
        } else {
            let pages = crate::session_check::Pages {
                urls: &urls,
                data_requests: &run.data_requests,
            };
            crate::session_check::run(
                config,
                visitor,
                scan,
                run.journal,
                run.progress,
                run.outcome,
                &pages,
            )?;
        }
    }
    let restarts = run.restarts;
    run.progress.finish();
    outcome.restarts = restarts;
    outcome.pages.sort_by_key(|p| p.order);
    Ok(outcome)
}

impl Job {
    fn new(url: &str, order: usize, depth: u32, scan: bool) -> Job {
        Job {
            url: url.to_string(),
            order,
            depth,
            scan,
            attempts: 0,
            started: None,
        }
    }
}

struct Run<'a> {
    config: &'a CrawlConfig,
    visitor: &'a dyn Visitor,
    scan: &'a ScanFn<'a>,
    journal: &'a mut Journal,
    progress: &'a mut Progress,
    outcome: &'a mut CrawlOutcome,
    restarts: u32,
    /// Pages this shard scans, known so far (progress's total).
    to_scan: usize,
    started: Instant,
    /// The real (unredacted) URL of each page scanned in this run, by order.
    urls: HashMap<usize, String>,
    /// The in-scope XHR/fetch GET requests of each page scanned in this run, by order
    /// (real URLs, kept in memory only, for the guest check).
    data_requests: HashMap<usize, Vec<String>>,
}

impl Run<'_> {
    fn warn(&mut self, message: String) {
        self.progress.note(&message);
        self.outcome.warnings.push(message);
    }

    fn out_of_time(&self) -> bool {
        self.config
            .max_time
            .is_some_and(|limit| self.started.elapsed() >= limit)
    }

    /// Visits one level's pages with the worker pool; returns each finished page's links.
    fn run_level(&mut self, jobs: Vec<Job>) -> Result<Vec<(usize, Vec<String>)>, CrawlError> {
        if jobs.is_empty() {
            return Ok(Vec::new());
        }
        let total = jobs.len();
        let shared = Shared {
            queue: Mutex::new(Queue {
                jobs: jobs.into(),
                paused: false,
                closed: false,
                taken: 0,
            }),
            ready: Condvar::new(),
        };
        let (tx, rx) = mpsc::channel::<(Job, Result<ScannedPage, VisitError>)>();
        let workers = self.config.jobs.min(total);
        let pages = Pages {
            visitor: self.visitor,
            scan: self.scan,
            screenshots: self.config.screenshots.policy(),
        };
        std::thread::scope(|s| {
            for tab in 0..workers {
                let tx = tx.clone();
                let (shared, pages) = (&shared, &pages);
                s.spawn(move || worker(tab, pages, shared, tx));
            }
            drop(tx);
            let result = self.drive(&shared, &rx, total);
            let mut q = shared.queue.lock().unwrap();
            q.closed = true;
            q.jobs.clear();
            drop(q);
            shared.ready.notify_all();
            result
        })
    }

    /// The main thread's side of the pool: results in, retries and restarts out.
    fn drive(
        &mut self,
        shared: &Shared,
        rx: &mpsc::Receiver<(Job, Result<ScannedPage, VisitError>)>,
        total: usize,
    ) -> Result<Vec<(usize, Vec<String>)>, CrawlError> {
        let mut finished = Vec::new();
        let mut settled = 0usize; // jobs done for good
        let mut received = 0usize; // results received (attempts)
        let mut crashed: Vec<Job> = Vec::new();
        // Pages captured before their load event, kept while they are visited again: the
        // result if the later visit fails.
        let mut unfinished: HashMap<usize, ScannedPage> = HashMap::new();
        let mut stopped_for_time = false;
        while settled < total {
            let Ok((mut job, result)) = rx.recv() else {
                break; // every worker is gone (cannot happen while jobs remain)
            };
            received += 1;
            job.attempts += 1;
            let result = match result {
                // Failed because another tab's page took the browser down: not this page's
                // fault, so it does not use up an attempt.
                Err(VisitError::Failed(m)) if !self.visitor.is_alive() => {
                    job.attempts -= 1;
                    Err(VisitError::Crashed(m))
                }
                other => other,
            };
            match result {
                Err(VisitError::Crashed(message)) => {
                    if job.attempts > self.config.retries + 1 || self.out_of_time() {
                        settled += 1;
                        if let Some(visit) = unfinished.remove(&job.order) {
                            if let Some(links) = self.finish_page(&job, visit)? {
                                finished.push((job.order, links));
                            }
                        } else {
                            self.finish_error(
                                &job,
                                format!("the browser crashed on this page: {message}"),
                            )?;
                        }
                    } else {
                        crashed.push(job);
                    }
                    shared.queue.lock().unwrap().paused = true;
                }
                Err(VisitError::Failed(_) | VisitError::Timeout(_))
                    if job.attempts <= self.config.retries && !self.out_of_time() =>
                {
                    shared.queue.lock().unwrap().jobs.push_back(job);
                    shared.ready.notify_one();
                }
                Ok(visit)
                    if visit.load_unfinished
                        && job.attempts <= self.config.retries
                        && !self.out_of_time() =>
                {
                    // Still loading at the deadline: perhaps a stall of the moment (a
                    // frame's document held up), so the page is visited again.
                    self.progress.note(&format!(
                        "{}: still loading when captured; visiting it again",
                        redact_url(&job.url)
                    ));
                    unfinished.insert(job.order, visit);
                    shared.queue.lock().unwrap().jobs.push_back(job);
                    shared.ready.notify_one();
                }
                Err(e) => {
                    settled += 1;
                    match unfinished.remove(&job.order) {
                        Some(visit) => {
                            if let Some(links) = self.finish_page(&job, visit)? {
                                finished.push((job.order, links));
                            }
                        }
                        None => self.finish_error(&job, e.to_string())?,
                    }
                }
                Ok(visit) => {
                    unfinished.remove(&job.order);
                    settled += 1;
                    if let Some(links) = self.finish_page(&job, visit)? {
                        finished.push((job.order, links));
                    }
                }
            }
            // Out of time: hand out nothing more; what is in flight still finishes.
            if self.out_of_time() && !stopped_for_time {
                stopped_for_time = true;
                let mut q = shared.queue.lock().unwrap();
                let dropped = q.jobs.len() + crashed.len();
                q.jobs.clear();
                settled += dropped;
                crashed.clear();
                drop(q);
                if dropped > 0 {
                    let limit = self.config.max_time.unwrap_or_default().as_secs();
                    self.warn(format!(
                        "max time ({limit} s) reached: {dropped} page(s) not crawled"
                    ));
                }
            }
            // After a crash: once no tab is busy, restart and retry what was in flight.
            let in_flight = shared.queue.lock().unwrap().taken - received;
            if !crashed.is_empty() && in_flight == 0 {
                self.restart()?;
                let mut q = shared.queue.lock().unwrap();
                for job in crashed.drain(..).rev() {
                    q.jobs.push_front(job);
                }
                q.paused = false;
                drop(q);
                shared.ready.notify_all();
            } else if crashed.is_empty() && in_flight == 0 {
                // A crash whose page was given up on: make sure the queue runs again.
                let mut q = shared.queue.lock().unwrap();
                if q.paused {
                    drop(q);
                    self.restart()?;
                    q = shared.queue.lock().unwrap();
                    q.paused = false;
                }
                drop(q);
                shared.ready.notify_all();
            }
        }
        Ok(finished)
    }

    fn restart(&mut self) -> Result<(), CrawlError> {
        self.restarts += 1;
        if self.restarts > MAX_RESTARTS {
            return Err(CrawlError(format!(
                "the browser crashed {MAX_RESTARTS} times; giving up (finished pages are in the journal)"
            )));
        }
        self.progress.note("the browser went away; restarting it");
        let mut last = None;
        for _ in 0..3 {
            match self.visitor.start(self.config.jobs) {
                Ok(()) => return Ok(()),
                Err(e) => last = Some(e),
            }
        }
        Err(CrawlError(format!(
            "cannot restart the browser: {}",
            last.map(|e| e.to_string()).unwrap_or_default()
        )))
    }

    fn entry(&self, job: &Job) -> JournalEntry {
        JournalEntry {
            url: redact_url(&job.url),
            order: job.order,
            depth: job.depth,
            scanned: job.scan,
            final_url: None,
            findings: Vec::new(),
            truncated: Vec::new(),
            error: None,
            attempts: job.attempts,
            timings: None,
            elapsed_ms: job
                .started
                .map_or(0.0, |t| t.elapsed().as_secs_f64() * 1000.0),
            links: Vec::new(),
            links_withheld: 0,
            warnings: Vec::new(),
            shows_phi: false,
            logout_check: None,
            coverage: None,
            session_check: None,
        }
    }

    fn finish_error(&mut self, job: &Job, message: String) -> Result<(), CrawlError> {
        let mut entry = self.entry(job);
        // Messages may quote a URL (with PHI in its query) or page text.
        entry.error = Some(portalscan_core::phi::redact(&redact_url_words(&message)));
        self.record(job, entry)
    }

    /// Records a visited page; returns its in-scope links (normalised) to follow.
    fn finish_page(
        &mut self,
        job: &Job,
        visit: ScannedPage,
    ) -> Result<Option<Vec<String>>, CrawlError> {
        let mut entry = self.entry(job);
        let final_url = normalize(&visit.final_url).unwrap_or_else(|| visit.final_url.clone());
        if final_url != job.url {
            entry.final_url = Some(redact_url(&final_url));
        }
        if !self.config.scope.allows(&final_url) {
            // Whatever the page showed is not ours to report, nor are its links ours to follow.
            entry.error = Some(format!(
                "redirected out of scope: {}",
                redact_url(&final_url)
            ));
            self.record(job, entry)?;
            return Ok(None);
        }
        let mut links = Vec::new();
        let mut seen = HashSet::new();
        for link in &visit.links {
            if let Some(link) = scope::resolve(&final_url, link)
                && self.config.scope.allows(&link)
                && seen.insert(link.clone())
            {
                links.push(link);
            }
        }
        entry.set_links(&links);
        entry.timings = Some(visit.timings);
        entry.warnings = visit
            .warnings
            .iter()
            .map(|w| portalscan_core::phi::redact(&redact_url_words(w)))
            .collect();
        if job.scan {
            entry.findings = visit.findings;
            entry.truncated = visit.truncated;
            entry.shows_phi = visit.shows_phi;
            entry.coverage = Some(visit.coverage);
            self.urls.insert(job.order, final_url.clone());
            let requests: Vec<String> = visit
                .data_requests
                .into_iter()
                .filter(|u| self.config.scope.allows(u))
                .collect();
            self.data_requests.insert(job.order, requests);
        }
        self.record(job, entry)?;
        Ok(Some(links))
    }

    /// Writes the entry to the journal (flushed), shows progress, keeps scanned pages.
    fn record(&mut self, job: &Job, entry: JournalEntry) -> Result<(), CrawlError> {
        self.journal.append(&entry).map_err(CrawlError)?;
        for warning in &entry.warnings {
            self.progress
                .note(&format!("{}: warning: {warning}", entry.url));
        }
        if !job.scan {
            if let Some(error) = &entry.error {
                self.progress
                    .note(&format!("{} (links only): {error}", entry.url));
            }
            return Ok(());
        }
        let count = |o| entry.findings.iter().filter(|f| f.outcome == o).count();
        self.progress.page(
            &Done {
                url: &entry.url,
                fail: count(Outcome::Fail),
                review: count(Outcome::Review),
                error: entry.error.as_deref(),
                elapsed: Duration::from_secs_f64(entry.elapsed_ms / 1000.0),
            },
            self.to_scan + self.outcome.resumed,
        );
        self.outcome.pages.push(entry);
        Ok(())
    }
}

/// A browser step's error as a report may show it: URLs and PHI in its text redacted.
pub(crate) fn redact_visit_error(e: &crate::visitor::VisitError) -> String {
    portalscan_core::phi::redact(&redact_url_words(&e.to_string()))
}

/// Redacts every http(s) URL inside a message. Messages put a URL before a colon or in
/// brackets (`https://…?mrn=…: timed out`): that punctuation is not part of the URL, and
/// left on it would hide the query value from the redaction.
pub(crate) fn redact_url_words(message: &str) -> String {
    message
        .split(' ')
        .map(|w| {
            if w.starts_with("http://") || w.starts_with("https://") {
                let url = w.trim_end_matches([':', ',', ';', '.', ')', ']', '"', '\'']);
                format!("{}{}", redact_url(url), &w[url.len()..])
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a worker needs to turn a URL into a scanned page.
struct Pages<'a> {
    visitor: &'a dyn Visitor,
    scan: &'a ScanFn<'a>,
    /// How PHI is masked in crops, or `None` for no crops.
    screenshots: Option<portalscan_core::phi::screen::Policy>,
}

fn worker(
    tab: usize,
    pages: &Pages<'_>,
    shared: &Shared,
    tx: mpsc::Sender<(Job, Result<ScannedPage, VisitError>)>,
) {
    loop {
        let mut job = {
            let mut q = shared.queue.lock().unwrap();
            loop {
                if q.closed {
                    return;
                }
                if !q.paused
                    && let Some(job) = q.jobs.pop_front()
                {
                    q.taken += 1;
                    break job;
                }
                q = shared.ready.wait(q).unwrap();
            }
        };
        job.started.get_or_insert_with(Instant::now);
        // The rules run here, on the worker's thread, while the page is still open for
        // the crops; the page's tab closes before the result goes to the main thread.
        let result = pages
            .visitor
            .visit(tab, &job.url, job.scan)
            .map(|page| scan_page(page, job.scan.then_some(pages.scan), pages.screenshots));
        if tx.send((job, result)).is_err() {
            return;
        }
    }
}

/// `/sitemap.xml` of each seed origin (and the sitemaps it nests), in-scope entries only.
fn sitemap_urls(
    config: &CrawlConfig,
    visitor: &dyn Visitor,
    warnings: &mut Vec<String>,
) -> Vec<String> {
    let mut urls = Vec::new();
    let mut origins: Vec<String> = Vec::new();
    for seed in &config.seeds {
        if let Some(o) = scope::origin(seed)
            && !origins.contains(&o)
        {
            origins.push(o);
        }
    }
    for origin in origins {
        let mut pending = vec![format!("{origin}/sitemap.xml")];
        let mut read = 0;
        let mut out_of_scope = 0;
        while let Some(map_url) = pending.pop() {
            if read == MAX_SITEMAPS {
                warnings.push(format!(
                    "{origin}: more than {MAX_SITEMAPS} sitemaps; the rest not read"
                ));
                break;
            }
            read += 1;
            // Sitemaps are read from the seeds' origins only, never another site.
            if !config.scope.same_origin(&map_url) {
                out_of_scope += 1;
                continue;
            }
            let shown = redact_url(&map_url);
            let text = match visitor.fetch_text(0, &map_url) {
                Ok(text) => text,
                Err(e) => {
                    warnings.push(format!(
                        "sitemap {shown}: not read ({e}); crawling from links"
                    ));
                    continue;
                }
            };
            match sitemap::parse(&text) {
                Ok(map) => {
                    pending.extend(map.sitemaps.iter().rev().filter_map(|u| normalize(u)));
                    for page in &map.pages {
                        match normalize(page) {
                            Some(u) if config.scope.allows(&u) => urls.push(u),
                            _ => out_of_scope += 1,
                        }
                    }
                }
                Err(e) => warnings.push(format!("sitemap {shown}: {e}; crawling from links")),
            }
        }
        if out_of_scope > 0 {
            warnings.push(format!(
                "sitemap of {origin}: {out_of_scope} entr{} out of scope, not crawled",
                if out_of_scope == 1 { "y" } else { "ies" }
            ));
        }
    }
    urls
}
