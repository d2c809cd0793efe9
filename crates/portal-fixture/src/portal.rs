//! The portal's routes: per-page headers and cookies, the session, static files from
//! `dist/`. Every planted header or cookie is listed in `fixtures/portal/README.md`.

use std::collections::HashMap;
use std::io;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::files::Files;
use crate::http::{Request, Response};

/// Where the built bundles and SLDS assets are served (Experience Cloud serves a site's
/// static resources under its `/s/sfsites/` prefix).
pub const ASSET_PREFIX: &str = "/s/sfsites/c/";

/// Files `npm run build:portal` must have written.
const BUILT: &[&str] = &[
    "synthetic/portal.js",
    "native/portal.js",
    "slds/salesforce-lightning-design-system.min.css",
    "slds/icons.svg",
];

/// One page of the portal.
struct Page {
    path: &'static str,
    title: &'static str,
    /// Which bundle mounts it: `synthetic` (Aura-style synthetic shadow) or `native`.
    bundle: &'static str,
    /// `Cache-Control` of the document, if any.
    cache_control: Option<&'static str>,
    /// Extra cookies the page sets (beyond the session).
    cookies: &'static [&'static str],
    /// Needs a session (all pages with PHI do).
    private: bool,
    /// The site's "head markup" (Experience Builder > Settings > Advanced).
    analytics: bool,
}

const PAGES: &[Page] = &[
    Page {
        path: "/s/login",
        title: "Log in | Riverside Health Patient Portal",
        bundle: "synthetic",
        cache_control: Some("no-store"),
        // Salesforce's own consent cookie: script-readable by design, not a session.
        cookies: &["CookieConsentPolicy=0:1; Path=/; SameSite=Lax"],
        private: false,
        analytics: false,
    },
    Page {
        path: "/s/home",
        title: "Home | Riverside Health Patient Portal",
        bundle: "synthetic",
        cache_control: Some("no-store"),
        cookies: &[],
        private: true,
        analytics: false,
    },
    Page {
        path: "/s/appointments",
        title: "Appointments | Riverside Health Patient Portal",
        bundle: "synthetic",
        // Planted: PHI page that the browser may keep on disk for five minutes.
        cache_control: Some("private, max-age=300"),
        // Planted: a second session cookie, scoped to this page, with no flags at all.
        cookies: &["apptSession=a7Fq2Lw9; Path=/s/appointments"],
        private: true,
        analytics: false,
    },
    Page {
        path: "/s/messages",
        title: "Messages | Riverside Health Patient Portal",
        bundle: "synthetic",
        // Planted: no-cache still lets the browser store the page.
        cache_control: Some("no-cache, private"),
        cookies: &[],
        private: true,
        analytics: false,
    },
    Page {
        path: "/s/records",
        title: "Health records | Riverside Health Patient Portal",
        bundle: "native",
        // Planted: PHI page with no Cache-Control at all.
        cache_control: None,
        cookies: &[],
        private: true,
        analytics: true,
    },
    Page {
        path: "/s/intake",
        title: "New patient intake | Riverside Health Patient Portal",
        bundle: "native",
        cache_control: Some("no-store"),
        cookies: &[],
        private: true,
        analytics: false,
    },
];

/// Marks a browser that logged out: no automatic sign-in until it logs in again.
const LOGGED_OUT: &str = "portal_logged_out";

/// How the portal treats sessions (the HIPAA session controls are tested against the two
/// login modes: one that gets them right, one that gets each wrong).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sessions {
    /// A first visit to a page with PHI signs in on its own, as single sign-on would;
    /// logout ends the session (the default, what `expected.json` is checked against).
    #[default]
    SingleSignOn,
    /// Pages with PHI need a `POST /s/login` (guests are redirected to it); logout ends the
    /// session and answers with `Clear-Site-Data: "cache", "storage"`; the session cookie
    /// ends with the browser; a session unused for `idle` ends.
    Strict { idle: Duration },
    /// Pages with PHI need a login too, but (planted) logout leaves the session alive on
    /// the server and the browser's storage as it is, and the session cookie lives 30 days.
    Lax,
}

/// The server-rendered pages of the session-control cases (not in the sitemap and not
/// linked, so the default crawl never meets them).
const VISIT_SUMMARY: &str = "/s/visit-summary";
/// The check-in form the appointments page shows in a same-origin frame.
const CHECK_IN_FRAME: &str = "/s/frames/check-in";
const GUEST_RECORDS: &str = "/s/guest-records";

pub struct Site {
    files: Files,
    shell: String,
    login_form: String,
    analytics: String,
    linked_origin: Option<String>,
    third_party: String,
    /// Live sessions and when each was last used.
    sessions: Mutex<HashMap<String, Instant>>,
    issued: AtomicU64,
    mode: Sessions,
}

impl Site {
    pub fn load(
        files: Files,
        linked_origin: Option<String>,
        third_party: String,
        mode: Sessions,
    ) -> io::Result<Site> {
        if let Some(missing) = BUILT.iter().find(|f| !files.has(&format!("dist/{f}"))) {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!(
                    "{} is missing ({} not built): run `npm ci && npm run build:portal` in the \
                     repository root",
                    files.describe("dist"),
                    missing
                ),
            ));
        }
        Ok(Site {
            shell: files.read_text("pages/shell.html")?,
            login_form: files.read_text("pages/login.html")?,
            analytics: files.read_text("pages/analytics.html")?,
            files,
            linked_origin: linked_origin.map(|o| o.trim_end_matches('/').to_string()),
            third_party,
            sessions: Mutex::default(),
            issued: AtomicU64::new(0),
            mode,
        })
    }

    pub fn handle(&self, req: &Request) -> Response {
        let path = req.path();
        if let Some(file) = path.strip_prefix(ASSET_PREFIX) {
            return self.asset(req, file);
        }
        match (req.method.as_str(), path) {
            ("GET" | "HEAD", "/" | "/s" | "/s/") => Response::redirect(302, "/s/home"),
            ("GET" | "HEAD", "/robots.txt") => Response::text(
                200,
                &format!(
                    "User-agent: *\nAllow: /s/\nSitemap: {}/sitemap.xml\n",
                    self.origin(req)
                ),
            ),
            ("GET" | "HEAD", "/sitemap.xml") => self.sitemap(req),
            ("GET" | "HEAD", "/favicon.ico") => Response::new(204, "image/x-icon", Vec::new()),
            ("POST", "/s/login") => self.login(req),
            ("GET" | "HEAD", "/s/logout") => self.logout(req),
            ("GET" | "HEAD", "/s/api/patient") => self.api_patient(req),
            ("GET" | "HEAD", "/s/api/visit-summary") => visit_summary_api(),
            ("GET" | "HEAD", VISIT_SUMMARY) => self.server_page(req, "visit-summary.html", true),
            ("GET" | "HEAD", CHECK_IN_FRAME) => self.server_page(req, "check-in.html", true),
            ("GET" | "HEAD", GUEST_RECORDS) => self.server_page(req, "guest-records.html", false),
            ("GET" | "HEAD", _) => match PAGES.iter().find(|p| p.path == path) {
                Some(page) => self.page(req, page),
                None => Response::text(404, &format!("{path}: no such page")),
            },
            _ => Response::text(405, "method not allowed"),
        }
    }

    fn origin(&self, req: &Request) -> String {
        format!("http://{}", req.header("host").unwrap_or("127.0.0.1"))
    }

    /// Whether the request carries a live session (using it, for the idle limit).
    fn has_session(&self, req: &Request) -> bool {
        let (Some(sid), Ok(mut sessions)) = (req.cookie("sid"), self.sessions.lock()) else {
            return false;
        };
        let Some(last_used) = sessions.get_mut(sid) else {
            return false;
        };
        if let Sessions::Strict { idle } = self.mode
            && last_used.elapsed() > idle
        {
            sessions.remove(sid);
            return false;
        }
        *last_used = Instant::now();
        true
    }

    fn new_session(&self) -> String {
        let n = self.issued.fetch_add(1, Ordering::SeqCst) + 1;
        let sid = format!("00DRiverside{n:06}AQFixtureSession");
        if let Ok(mut sessions) = self.sessions.lock() {
            sessions.insert(sid.clone(), Instant::now());
        }
        sid
    }

    /// A private page's answer to a request without a session: `Err` with the redirect to
    /// the login page, or `Ok` with a session it signed in on its own (single sign-on).
    fn sign_in_or_redirect(&self, req: &Request, path: &str) -> Result<String, Response> {
        if self.mode != Sessions::SingleSignOn || req.cookie(LOGGED_OUT).is_some() {
            let target = format!("/s/login?startURL={}", path.replace('/', "%2F"));
            return Err(Response::redirect(302, &target));
        }
        // A first visit signs in on its own, as single sign-on would.
        Ok(self.new_session())
    }

    fn page(&self, req: &Request, page: &Page) -> Response {
        let mut new_sid = None;
        if page.private && !self.has_session(req) {
            match self.sign_in_or_redirect(req, page.path) {
                Ok(sid) => new_sid = Some(sid),
                Err(redirect) => return redirect,
            }
        }
        let mut response = Response::html(self.render(page));
        if let Some(cc) = page.cache_control {
            response = response.with("Cache-Control", cc);
        }
        if let Some(sid) = new_sid {
            response = response.with("Set-Cookie", &self.session_cookie(&sid));
        }
        for cookie in page.cookies {
            response = response.with("Set-Cookie", cookie);
        }
        response
    }

    /// A server-rendered page of `pages/` (the session-control cases); `private`: only
    /// with a session.
    fn server_page(&self, req: &Request, file: &str, private: bool) -> Response {
        let mut new_sid = None;
        if private && !self.has_session(req) {
            match self.sign_in_or_redirect(req, req.path()) {
                Ok(sid) => new_sid = Some(sid),
                Err(redirect) => return redirect,
            }
        }
        let mut response = match self.files.read_text(&format!("pages/{file}")) {
            Ok(html) => Response::html(html).with("Cache-Control", "no-store"),
            Err(e) => return Response::text(500, &e.to_string()),
        };
        if let Some(sid) = new_sid {
            response = response.with("Set-Cookie", &self.session_cookie(&sid));
        }
        response
    }

    /// The login session, with every flag (Chromium keeps Secure cookies from loopback
    /// `http://` origins, which it counts as secure). `apptSession` is the planted bad
    /// one; in [`Sessions::Lax`] (planted) it lives 30 days.
    fn session_cookie(&self, sid: &str) -> String {
        let lifetime = if self.mode == Sessions::Lax {
            "; Max-Age=2592000"
        } else {
            ""
        };
        format!("sid={sid}; Path=/; Secure; HttpOnly; SameSite=Lax{lifetime}")
    }

    fn render(&self, page: &Page) -> String {
        let name = page.path.trim_start_matches("/s/");
        let frames;
        let main = match name {
            "login" => self.login_form.as_str(),
            "appointments" => {
                frames = self.appointment_frames();
                frames.as_str()
            }
            _ => "",
        };
        let head = if page.analytics {
            self.analytics.replace("{{THIRD_PARTY}}", &self.third_party)
        } else {
            String::new()
        };
        let footer = match &self.linked_origin {
            Some(origin) => format!(
                "<a href=\"{origin}/forum\">Patient community forum</a> (hosted by our partner)"
            ),
            None => String::new(),
        };
        self.shell
            .replace("{{TITLE}}", page.title)
            .replace("{{PAGE}}", name)
            .replace("{{BUNDLE}}", page.bundle)
            .replace("{{HEAD}}", &head)
            .replace("{{MAIN}}", main)
            .replace("{{FOOTER_LINK}}", &footer)
    }

    /// The appointments page's frames: the check-in form (same origin; planted: a field
    /// with no label inside it) and a payment widget from the third-party origin (another
    /// site, so an out-of-process frame in Chromium; planted: third-party code on a PHI
    /// page, and a card logo with no text alternative inside the frame; nothing in it takes
    /// focus).
    fn appointment_frames(&self) -> String {
        format!(
            "<section class=\"slds-p-around_large\" aria-label=\"Check in and pay\">\n\
             <iframe id=\"check-in\" title=\"Check in for your visit\" src=\"{CHECK_IN_FRAME}\" \
             style=\"border:0; width:100%; height:150px\"></iframe>\n\
             <iframe id=\"copay\" title=\"Pay your copay\" src=\"{}/widget/pay\" \
             style=\"border:0; width:100%; height:120px\"></iframe>\n</section>",
            self.third_party
        )
    }

    fn login(&self, req: &Request) -> Response {
        let user = req.form_field("username").unwrap_or_default();
        let password = req.form_field("password").unwrap_or_default();
        if user.trim().is_empty() || password.is_empty() {
            let page = PAGES
                .iter()
                .find(|p| p.path == "/s/login")
                .expect("login page");
            let mut response = self.page(req, page);
            response.status = 400;
            return response;
        }
        let start = req
            .query_param("startURL")
            .filter(|u| u.starts_with("/s/") && !u.starts_with("/s/logout"))
            .unwrap_or_else(|| "/s/home".to_string());
        Response::redirect(303, &start)
            .with("Set-Cookie", &self.session_cookie(&self.new_session()))
            .with("Set-Cookie", &format!("{LOGGED_OUT}=; Path=/; Max-Age=0"))
    }

    fn logout(&self, req: &Request) -> Response {
        // Planted (Lax): the session stays valid on the server after logout.
        if self.mode != Sessions::Lax
            && let (Some(sid), Ok(mut sessions)) = (req.cookie("sid"), self.sessions.lock())
        {
            sessions.remove(sid);
        }
        let response = if matches!(self.mode, Sessions::Strict { .. }) {
            // A page of its own rather than a redirect, so the header is on the document.
            Response::html(
                "<!doctype html><html lang=\"en\"><title>Signed out</title>\
                 <h1>You have signed out</h1><a href=\"/s/login\">Log in again</a></html>",
            )
            .with("Clear-Site-Data", "\"cache\", \"storage\"")
        } else {
            Response::redirect(302, "/s/login")
        };
        response
            .with("Cache-Control", "no-store")
            .with(
                "Set-Cookie",
                "sid=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax",
            )
            .with(
                "Set-Cookie",
                "apptSession=; Path=/s/appointments; Max-Age=0",
            )
            .with(
                "Set-Cookie",
                &format!("{LOGGED_OUT}=1; Path=/; HttpOnly; SameSite=Lax"),
            )
    }

    /// The patient record the components render (as an Apex call would return it).
    fn api_patient(&self, req: &Request) -> Response {
        if !self.has_session(req) {
            return Response::text(401, "no session");
        }
        // A server round trip takes a moment: the page renders only after it, so a crawler
        // that does not wait for the page to settle sees an empty shell.
        std::thread::sleep(std::time::Duration::from_millis(250));
        match self.files.read("data/patient.json") {
            Ok(body) => Response::new(200, "application/json", body.into_owned())
                .with("Cache-Control", "no-store"),
            Err(e) => Response::text(500, &e.to_string()),
        }
    }

    fn sitemap(&self, req: &Request) -> Response {
        let origin = self.origin(req);
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for page in PAGES {
            xml.push_str(&format!("  <url><loc>{origin}{}</loc></url>\n", page.path));
        }
        xml.push_str("</urlset>\n");
        Response::new(200, "application/xml", xml)
    }

    fn asset(&self, req: &Request, file: &str) -> Response {
        let file = percent_encoding::percent_decode_str(file).decode_utf8_lossy();
        // `Files::read` refuses `..` and absolute paths: nothing outside `dist/` is served.
        match self.files.read(&format!("dist/{file}")) {
            Ok(body) => Response::new(200, content_type(&file), body.into_owned())
                .with("Cache-Control", "public, max-age=3600"),
            Err(_) => Response::text(404, &format!("{}: not found", req.path())),
        }
    }
}

/// The visit summary's data: planted, it answers anyone, session or not (guest-user
/// sharing left open on the object behind it).
fn visit_summary_api() -> Response {
    Response::new(
        200,
        "application/json",
        r#"{"summary":"Maria Alvarez (MRN 00482913, date of birth 04/12/1968) was seen for a diabetes follow-up."}"#,
    )
    .with("Cache-Control", "no-store")
}

fn content_type(file: &str) -> &'static str {
    match file.rsplit_once('.').map_or("", |(_, ext)| ext) {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "png" => "image/png",
        "gif" => "image/gif",
        "woff2" => "font/woff2",
        "html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The analytics origin: a 1x1 GIF for any path.
pub fn third_party_response(req: &Request) -> Response {
    if req.path().starts_with("/widget/") {
        return Response::html(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
             <title>Pay your copay</title></head><body style=\"font:14px system-ui;color:#181818\">\
             <p>Copay due at check-in: $25.00</p>\
             <img src=\"data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==\" \
             width=\"40\" height=\"24\"></body></html>",
        )
        .with("Cache-Control", "no-store");
    }
    const PIXEL: &[u8] = &[
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xff, 0xff,
        0xff, 0x00, 0x00, 0x00, 0x21, 0xf9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00,
        0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
    ];
    Response::new(200, "image/gif", PIXEL).with("Cache-Control", "no-store")
}
