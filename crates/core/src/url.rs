//! The one URL resolver: reference resolution, the crawl's normal form, origin and site,
//! and who serves a URL seen from a page (first party, third party, tracker).
//!
//! Every front-end and rule resolves URLs here, as browsers do (the WHATWG URL standard, by
//! the `url` crate): the static cascade (stylesheet links), the CLI's file loader, the crawl
//! scope and the PHI rules. Before this module there were four resolvers and three
//! `origin()` functions with different answers (one kept `..` segments, one kept the
//! default port, one dropped the query of a `file:` reference); the tests below pin the
//! one answer.
//!
//! Pure: no I/O, builds for wasm32.

use ::url::Url;

/// `href` resolved against `base` (both as a browser reads them, surrounding white space
/// trimmed), or `None` when it cannot be resolved: `base` is not an absolute URL that can be
/// a base and `href` is relative, or `href` is not a valid URL.
pub fn resolve(base: &str, href: &str) -> Option<String> {
    resolve_url(base, href).map(String::from)
}

fn resolve_url(base: &str, href: &str) -> Option<Url> {
    let href = href.trim();
    match Url::parse(base.trim()) {
        Ok(base) => base.join(href).ok(),
        // No usable base: only an absolute reference resolves.
        Err(_) => Url::parse(href).ok(),
    }
}

/// `href` resolved against `base`, or `href` as written (trimmed) when it cannot be
/// resolved: what a leak check scans, since PHI in an unresolvable reference is still
/// exposed.
pub fn resolve_or_keep(base: &str, href: &str) -> String {
    resolve(base, href).unwrap_or_else(|| href.trim().to_string())
}

/// `href` as a PHI rule reports it: resolved against a web page's URL, as
/// [`resolve_or_keep`] does; on a page without a web origin (a local file, `about:blank`) a
/// relative reference stays as written, since `/s/lookup` resolved to `file:///s/lookup`
/// would name a place no portal serves.
pub fn resolve_on_web(page_url: &str, href: &str) -> String {
    let on_web = Url::parse(page_url.trim()).is_ok_and(|u| matches!(u.scheme(), "http" | "https"));
    if on_web || Url::parse(href.trim()).is_ok() {
        resolve_or_keep(page_url, href)
    } else {
        href.trim().to_string()
    }
}

/// The crawl's normal form of a page URL: parsed as browsers parse it (scheme and host lower
/// case, default port dropped, dot segments removed, an empty path is `/`), fragment dropped
/// (same document), an empty query dropped, the query otherwise kept as written (its order
/// can matter to the server). Only http and https pages without credentials have one (a
/// URL with credentials is never followed or shown).
pub fn normalize(raw: &str) -> Option<String> {
    normalize_url(Url::parse(raw.trim()).ok()?)
}

/// Resolves `href` against `base` and normalises it ([`normalize`]).
pub fn resolve_normalized(base: &str, href: &str) -> Option<String> {
    normalize_url(Url::parse(base.trim()).ok()?.join(href.trim()).ok()?)
}

fn normalize_url(mut url: Url) -> Option<String> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    if url.query() == Some("") {
        url.set_query(None);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    Some(url.into())
}

/// A URL's origin: scheme and host (lower case), port only when not the scheme's default.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    pub scheme: String,
    /// The host with `:port` when the port is not the default (`p.example:8443`).
    pub host: String,
}

impl Origin {
    /// `scheme://host[:port]`, as browsers serialise an origin.
    pub fn serialize(&self) -> String {
        format!("{}://{}", self.scheme, self.host)
    }

    /// The host without its port.
    pub fn hostname(&self) -> &str {
        hostname(&self.host)
    }
}

/// The origin of an absolute URL with a host (`None` for relative references, `file:`
/// URLs without a host, `data:`, `mailto:` ...).
pub fn origin(url: &str) -> Option<Origin> {
    let url = Url::parse(url.trim()).ok()?;
    let host = url.host_str().filter(|h| !h.is_empty())?;
    let host = match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    };
    Some(Origin {
        scheme: url.scheme().to_string(),
        host,
    })
}

/// `scheme://host[:port]` of an absolute URL ([`Origin::serialize`]).
pub fn origin_string(url: &str) -> Option<String> {
    origin(url).map(|o| o.serialize())
}

/// The host without its port (`[::1]` keeps its brackets).
fn hostname(host: &str) -> &str {
    if let Some(end) = host.find(']') {
        return &host[..=end];
    }
    host.split(':').next().unwrap_or(host)
}

/// The registrable domain ("site") of a host, approximated without the Public Suffix List:
/// the last two labels, or three under a two-letter country code with a generic second
/// level (`clinic.co.uk`). IP addresses are their own site. The approximation errs on
/// private suffixes (`a.github.io` and `b.github.io` count as one site); the PHI rules only
/// use it to tell a portal's own hosts from other parties, and name the host in findings.
pub fn site(host: &str) -> String {
    let host = hostname(host.trim()).to_ascii_lowercase();
    if host.starts_with('[') || host.parse::<std::net::Ipv4Addr>().is_ok() {
        return host;
    }
    let labels: Vec<&str> = host.trim_end_matches('.').split('.').collect();
    let n = labels.len();
    let take = if n >= 3
        && labels[n - 1].len() == 2
        && matches!(
            labels[n - 2],
            "co" | "com" | "org" | "net" | "gov" | "ac" | "edu" | "nhs"
        ) {
        3
    } else {
        2
    };
    labels[n.saturating_sub(take)..].join(".")
}

/// Salesforce's own hosts serve an Experience Cloud portal's pages, scripts and files: they
/// are the portal's platform (under the organisation's agreement with Salesforce), not a
/// third party.
const PLATFORM_SITES: &[&str] = &[
    "force.com",
    "salesforce.com",
    "site.com",
    "salesforce-sites.com",
    "sfdcstatic.com",
    "documentforce.com",
    "salesforce-experience.com",
    "visualforce.com",
];

/// Who serves a URL, seen from the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Party {
    /// The portal's own site or its Salesforce platform.
    First,
    Third,
    /// The page's own origin is unknown (a local file) and the host is no known tracker.
    Unknown,
}

/// Who serves `url` (absolute), seen from the page at `page_url`.
pub fn party(page_url: &str, url: &str) -> Party {
    let Some(origin) = origin(url) else {
        return Party::First; // Relative or not a web URL: the page's own.
    };
    if origin.scheme != "http" && origin.scheme != "https" {
        return Party::First;
    }
    let s = site(&origin.host);
    if PLATFORM_SITES.contains(&s.as_str()) {
        return Party::First;
    }
    match self::origin(page_url) {
        Some(page) if site(&page.host) == s => Party::First,
        Some(_) => Party::Third,
        None if is_tracker(url) => Party::Third,
        None => Party::Unknown,
    }
}

/// Whether `url` (absolute) surely belongs to another party than the page at `page_url`.
pub fn is_third_party(page_url: &str, url: &str) -> bool {
    party(page_url, url) == Party::Third
}

/// Hosts of tracking and advertising services (pixels, tag managers, session replay).
const TRACKERS: &[&str] = &[
    "google-analytics.com",
    "googletagmanager.com",
    "doubleclick.net",
    "googleadservices.com",
    "googlesyndication.com",
    "facebook.net",
    "facebook.com",
    "bing.com",
    "clarity.ms",
    "tiktok.com",
    "licdn.com",
    "linkedin.com",
    "hotjar.com",
    "fullstory.com",
    "segment.com",
    "segment.io",
    "mixpanel.com",
    "amplitude.com",
    "heapanalytics.com",
    "quantserve.com",
    "scorecardresearch.com",
    "adsrvr.org",
    "criteo.com",
    "taboola.com",
    "outbrain.com",
    "pinterest.com",
    "ads-twitter.com",
    "snapchat.com",
    "sc-static.net",
    "newrelic.com",
    "nr-data.net",
    "crazyegg.com",
    "mouseflow.com",
    "logrocket.com",
    "adnxs.com",
];

/// Whether `url` (absolute) is served by a known tracking or advertising service.
pub fn is_tracker(url: &str) -> bool {
    origin(url).is_some_and(|o| TRACKERS.contains(&site(&o.host).as_str()))
}

/// `%XX` sequences decoded to bytes (invalid sequences kept as written), as a `file:`
/// URL's path needs before it names a file.
pub fn percent_decode(text: &str) -> Vec<u8> {
    percent_encoding::percent_decode_str(text).collect()
}

/// Bytes a `file:` URL path keeps as they are: unreserved characters, sub-delimiters, `:`,
/// `@` and `/`. Everything else (space, `#`, `?`, `%`, non-ASCII) is percent-encoded.
const PATH_KEEPS: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/')
    .remove(b'!')
    .remove(b'$')
    .remove(b'&')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b'+')
    .remove(b',')
    .remove(b';')
    .remove(b'=')
    .remove(b':')
    .remove(b'@');

/// A path (raw bytes, `/`-separated) percent-encoded for a `file:` URL; the inverse of
/// [`percent_decode`].
pub fn encode_path(path: &[u8]) -> String {
    percent_encoding::percent_encode(path, PATH_KEEPS).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_like_a_browser() {
        let base = "https://portal.example/s/appointments/list?x=1#top";
        let r = |href| resolve(base, href).unwrap();
        assert_eq!(
            r("style.css"),
            "https://portal.example/s/appointments/style.css"
        );
        assert_eq!(r("../a/b.css"), "https://portal.example/s/a/b.css");
        assert_eq!(r("/WAI/x.css"), "https://portal.example/WAI/x.css");
        assert_eq!(r("//cdn.example/x.css"), "https://cdn.example/x.css");
        assert_eq!(r("http://other/x.css"), "http://other/x.css");
        assert_eq!(
            r("./a.css?v=2"),
            "https://portal.example/s/appointments/a.css?v=2"
        );
        assert_eq!(
            r("?mrn=1"),
            "https://portal.example/s/appointments/list?mrn=1"
        );
        assert_eq!(r("#b"), "https://portal.example/s/appointments/list?x=1#b");
        assert_eq!(r(" b?c=1 "), "https://portal.example/s/appointments/b?c=1");
        assert_eq!(
            resolve("https://portal.example", "a.css").unwrap(),
            "https://portal.example/a.css"
        );
    }

    /// Where the four resolvers answered differently, the one answer.
    #[test]
    fn former_disagreements_have_one_answer() {
        // The PHI rules' resolver kept `..` (it claimed "no dot-segment removal"), so a
        // request the browser made for `/s/x.js` did not match `<script src="../x.js">`.
        assert_eq!(
            resolve("https://p.example/s/a/page", "../x.js").unwrap(),
            "https://p.example/s/x.js"
        );
        // The default port is not part of the origin (the PHI rules kept `:443`).
        assert_eq!(origin("https://P.example:443/a").unwrap().host, "p.example");
        assert_eq!(
            origin_string("http://127.0.0.1:8080/s/").unwrap(),
            "http://127.0.0.1:8080"
        );
        // The CLI loader dropped the fragment but kept the query of a `file:` reference,
        // the cascade kept both: a file reference keeps both here (the loader ignores them
        // when it maps the URL to a path).
        assert_eq!(
            resolve("file:///site/pages/home.html", "../assets/./slds.css?v=2#x").unwrap(),
            "file:///site/assets/slds.css?v=2#x"
        );
        // Past the root stays at the root.
        assert_eq!(
            resolve("file:///site/pages/home.html", "../../../../up.css").unwrap(),
            "file:///up.css"
        );
        // The loader refused relative references against a non-file base; resolving is not
        // its business any more (it maps only `file:` URLs to paths).
        assert_eq!(
            resolve("https://portal.example/", "a.css").unwrap(),
            "https://portal.example/a.css"
        );
        // Scheme and host lower case, as everywhere.
        assert_eq!(
            resolve("https://p.example/", "HTTPS://CDN.Example/X.js").unwrap(),
            "https://cdn.example/X.js"
        );
    }

    #[test]
    fn unresolvable_references() {
        // No base: only absolute references resolve.
        assert_eq!(resolve("", "a.css"), None);
        assert_eq!(resolve("not a url", "/a"), None);
        assert_eq!(
            resolve("", "https://x.example/a").unwrap(),
            "https://x.example/a"
        );
        // `about:blank` cannot be a base.
        assert_eq!(resolve("about:blank", "a.css"), None);
        assert_eq!(resolve_or_keep("about:blank", " a.css "), "a.css");
        assert_eq!(
            resolve_on_web("file:///p/chart.html", "/s/lookup"),
            "/s/lookup"
        );
        assert_eq!(
            resolve_on_web("file:///p/chart.html", "https://x.example/a?mrn=1"),
            "https://x.example/a?mrn=1"
        );
        assert_eq!(
            resolve_on_web("https://p.example/s/chart", "/s/lookup"),
            "https://p.example/s/lookup"
        );
        assert_eq!(
            resolve_or_keep("https://p.example/s/", "a"),
            "https://p.example/s/a"
        );
    }

    #[test]
    fn crawl_normal_form() {
        assert_eq!(
            normalize("HTTP://Portal.Example:80/s/a#top").unwrap(),
            "http://portal.example/s/a"
        );
        assert_eq!(
            normalize("https://p.example").unwrap(),
            "https://p.example/"
        );
        assert_eq!(
            normalize("https://p.example/a?b=2&a=1").unwrap(),
            "https://p.example/a?b=2&a=1"
        );
        assert_eq!(
            normalize("https://p.example/a?").unwrap(),
            "https://p.example/a"
        );
        assert_eq!(
            normalize("https://p.example/%7euser/./x/../y").unwrap(),
            "https://p.example/%7euser/y"
        );
        assert_eq!(normalize("mailto:a@b.example"), None);
        assert_eq!(normalize("javascript:void(0)"), None);
        assert_eq!(normalize("file:///tmp/p.html"), None);
        assert_eq!(normalize("https://u:p@p.example/"), None);
        assert_eq!(
            resolve_normalized("https://p.example/s/home", "../x#frag").unwrap(),
            "https://p.example/x"
        );
    }

    #[test]
    fn origins() {
        let o = origin("https://user@Portal.Clinic.org:8443/s/?q#f").unwrap();
        assert_eq!(o.scheme, "https");
        assert_eq!(o.host, "portal.clinic.org:8443");
        assert_eq!(o.hostname(), "portal.clinic.org");
        assert_eq!(o.serialize(), "https://portal.clinic.org:8443");
        assert_eq!(origin("http://[::1]:9/").unwrap().hostname(), "[::1]");
        assert_eq!(origin("file:///p.html"), None);
        assert_eq!(origin("/relative"), None);
        assert_eq!(origin("data:text/plain,x"), None);
    }

    #[test]
    fn sites_and_parties() {
        assert_eq!(site("portal.clinic.org"), "clinic.org");
        assert_eq!(site("www.clinic.co.uk:8443"), "clinic.co.uk");
        assert_eq!(site("127.0.0.1:8080"), "127.0.0.1");
        assert_eq!(site("[::1]:8080"), "[::1]");
        assert!(!is_third_party(
            "https://portal.clinic.org/s/",
            "https://cdn.clinic.org/a.js"
        ));
        assert!(!is_third_party(
            "https://portal.clinic.org/s/",
            "https://clinic.my.site.com/x"
        ));
        assert!(is_third_party(
            "https://portal.clinic.org/s/",
            "https://www.googletagmanager.com/gtm.js"
        ));
        assert!(is_tracker("https://connect.facebook.net/en_US/fbevents.js"));
        // A local file's own origin is unknown: trackers are still third parties.
        assert_eq!(
            party("file:///p.html", "https://www.googletagmanager.com/gtm.js"),
            Party::Third
        );
        assert_eq!(
            party("file:///p.html", "https://cdn.example/x.js"),
            Party::Unknown
        );
        assert_eq!(party("file:///p.html", "/s/app.js"), Party::First);
    }

    #[test]
    fn percent_decoding() {
        let path = "/tmp/a dir/p#1 ü?.html";
        assert_eq!(
            encode_path(path.as_bytes()),
            "/tmp/a%20dir/p%231%20%C3%BC%3F.html"
        );
        assert_eq!(
            percent_decode(&encode_path(path.as_bytes())),
            path.as_bytes()
        );
        assert_eq!(
            percent_decode("/a%20dir/p%231%20%C3%BC"),
            "/a dir/p#1 ü".as_bytes()
        );
        assert_eq!(percent_decode("100%"), b"100%");
        assert_eq!(percent_decode("%zz%2"), b"%zz%2");
    }
}
