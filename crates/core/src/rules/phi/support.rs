//! URL facts the PHI rules share (origin, site, third parties). Not a rule.

/// Scheme and host (with port) of an absolute URL, lower case.
pub fn origin(url: &str) -> Option<(String, String)> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    (!host.is_empty()).then(|| (scheme.to_ascii_lowercase(), host.to_ascii_lowercase()))
}

/// The host without its port.
fn hostname(host: &str) -> &str {
    if host.starts_with('[') {
        return host.split(']').next().unwrap_or(host);
    }
    host.split(':').next().unwrap_or(host)
}

/// The registrable domain, approximated: the last two labels, or three under a
/// two-letter country code with a generic second level (`clinic.co.uk`).
pub fn site(host: &str) -> String {
    let host = hostname(host);
    if host.parse::<std::net::Ipv4Addr>().is_ok() || host.starts_with('[') {
        return host.to_string();
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
    let Some((scheme, host)) = origin(url) else {
        return Party::First; // Relative or not a web URL: the page's own.
    };
    if scheme != "http" && scheme != "https" {
        return Party::First;
    }
    let s = site(&host);
    if PLATFORM_SITES.contains(&s.as_str()) {
        return Party::First;
    }
    match origin(page_url) {
        Some((_, page_host)) if site(&page_host) == s => Party::First,
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

pub fn is_tracker(url: &str) -> bool {
    origin(url).is_some_and(|(_, host)| TRACKERS.contains(&site(&host).as_str()))
}

/// `href` resolved against `base`, as far as a leak check needs (no dot-segment removal).
pub fn resolve(base: &str, href: &str) -> String {
    let href = href.trim();
    let has_scheme = href.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
            && s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
    });
    if has_scheme {
        return href.to_string();
    }
    let Some((scheme, host)) = origin(base) else {
        return href.to_string();
    };
    if let Some(rest) = href.strip_prefix("//") {
        return format!("{scheme}://{rest}");
    }
    if href.starts_with('/') {
        return format!("{scheme}://{host}{href}");
    }
    let without_fragment = base.split('#').next().unwrap_or(base);
    if href.starts_with('#') {
        return format!("{without_fragment}{href}");
    }
    let without_query = without_fragment.split('?').next().unwrap_or(base);
    if href.starts_with('?') {
        return format!("{without_query}{href}");
    }
    let dir_end = without_query
        .rfind('/')
        .map_or(without_query.len(), |p| p + 1);
    let dir = &without_query[..dir_end];
    // "https://host" has no path: the directory is the root.
    if dir.ends_with("//") || !dir.ends_with('/') {
        return format!("{scheme}://{host}/{href}");
    }
    format!("{dir}{href}")
}

/// Attributes that hold URLs the page loads or sends the user to.
pub const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "cite",
    "background",
];

/// The URLs an element refers to (`srcset` candidates included).
pub fn element_urls<'a>(el: &crate::dom::ElementRef<'a>) -> Vec<(&'a str, &'a str)> {
    let mut out = Vec::new();
    for (name, value) in el.attrs() {
        if URL_ATTRIBUTES.contains(&name.as_str()) && !value.trim().is_empty() {
            out.push((name.as_str(), value.as_str()));
        } else if name == "srcset" || name == "imagesrcset" {
            for candidate in value.split(',') {
                if let Some(u) = candidate.split_whitespace().next() {
                    out.push((name.as_str(), u));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sites_and_parties() {
        assert_eq!(site("portal.clinic.org"), "clinic.org");
        assert_eq!(site("www.clinic.co.uk:8443"), "clinic.co.uk");
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
    fn resolving() {
        let base = "https://p.example/s/chart?x=1#top";
        assert_eq!(resolve(base, "/a"), "https://p.example/a");
        assert_eq!(resolve(base, "b?c=1"), "https://p.example/s/b?c=1");
        assert_eq!(
            resolve(base, "//cdn.example/x.js"),
            "https://cdn.example/x.js"
        );
        assert_eq!(resolve(base, "?mrn=1"), "https://p.example/s/chart?mrn=1");
        assert_eq!(resolve("https://p.example", "a"), "https://p.example/a");
        assert_eq!(resolve(base, "http://x.example/"), "http://x.example/");
    }
}
