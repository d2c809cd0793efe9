//! What the PHI rules share: collecting redacted evidence for a finding, the page's PHI,
//! and URL facts (origin, site, third parties). Not a rule.

use crate::dom::NodeData;
use crate::dom::NodeId;
use crate::engine::Context;
use crate::finding::{Outcome, PhiEvidence, PhiValue};
use crate::phi::{self, KindSet, Match, Summary, evidence};
use crate::rule::Sink;

/// PHI found for one finding: what kinds, the redacted values, and where (redacted).
#[derive(Default)]
pub struct Leak {
    pub summary: Summary,
    values: Vec<PhiValue>,
    sources: Vec<String>,
}

impl Leak {
    /// Adds the matches found in `text`; `source` says where (it is redacted here).
    pub fn add(&mut self, sink: &Sink, text: &str, matches: &[Match], source: Option<&str>) {
        if matches.is_empty() {
            return;
        }
        let s = Summary::of(matches);
        self.summary.phi = self.summary.phi.union(s.phi);
        self.summary.weak = self.summary.weak.union(s.weak);
        for v in evidence::values(text, matches, sink.fingerprint_key()) {
            if self.values.len() < evidence::MAX_VALUES && !self.values.contains(&v) {
                self.values.push(v);
            }
        }
        if let Some(source) = source {
            let source = phi::redact(source);
            if self.sources.len() < 5 && !self.sources.contains(&source) {
                self.sources.push(source);
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.summary.is_empty()
    }

    /// `fail` when PHI is there, `review` when only record ids are (they link to a
    /// person's record but reveal nothing by themselves).
    pub fn outcome(&self) -> Outcome {
        if self.summary.phi.is_empty() {
            Outcome::Review
        } else {
            Outcome::Fail
        }
    }

    pub fn kinds(&self) -> KindSet {
        self.summary.all()
    }

    /// Reports the leak (or nothing when there is none). `what` names the carrier
    /// ("The page URL"); the message adds the kinds and where.
    pub fn report(self, sink: &mut Sink, node: Option<NodeId>, what: &str) {
        if self.is_empty() {
            return;
        }
        let outcome = self.outcome();
        let kinds = self.kinds();
        let place = if self.sources.is_empty() {
            String::new()
        } else {
            format!(" in {}", self.sources.join(", "))
        };
        let message = if outcome == Outcome::Fail {
            format!("{what} carries PHI ({}){place}.", describe(kinds))
        } else {
            format!(
                "{what} carries a Salesforce record id of a person or health record{place}; \
                 check whether it needs to be there."
            )
        };
        let source = (!self.sources.is_empty()).then(|| self.sources.join(", "));
        report(sink, outcome, node, kinds, source, self.values, message);
    }
}

/// Reports a PHI finding with the rule's location and HIPAA sections.
pub fn report(
    sink: &mut Sink,
    outcome: Outcome,
    node: Option<NodeId>,
    kinds: KindSet,
    source: Option<String>,
    values: Vec<PhiValue>,
    message: String,
) {
    let meta = sink.meta.phi.as_ref();
    let evidence = PhiEvidence {
        location: meta.map(|p| p.location).unwrap_or("").to_string(),
        kinds: kinds.names(),
        hipaa: meta
            .map(|p| p.hipaa.iter().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
        source,
        values,
    };
    sink.phi_evidence(outcome, node, evidence, message);
}

/// A pass (no PHI) for the rule's location.
pub fn pass(sink: &mut Sink, node: Option<NodeId>) {
    report(
        sink,
        Outcome::Pass,
        node,
        KindSet::EMPTY,
        None,
        Vec::new(),
        String::new(),
    );
}

/// Checks stored entries (key, value) of one kind of browser storage: a finding per entry
/// with PHI, a pass when the store is known and clean, nothing when it is unknown.
pub fn check_entries<'e>(
    sink: &mut Sink,
    store: &str,
    entries: Option<impl Iterator<Item = (&'e str, &'e str)>>,
) {
    let Some(entries) = entries else {
        return; // This front-end does not know the store: no finding, never a guess.
    };
    let mut leaked = false;
    for (key, value) in entries {
        let mut leak = Leak::default();
        let source = format!("{store} key {key}");
        leak.add(sink, key, &phi::detect(key), Some(&source));
        leak.add(
            sink,
            value,
            &phi::detect_in_value(key, value),
            Some(&source),
        );
        leaked |= !leak.is_empty();
        leak.report(sink, None, &format!("An entry in {store}"));
    }
    if !leaked {
        pass(sink, None);
    }
}

/// "mrn, dob".
pub fn describe(kinds: KindSet) -> String {
    kinds.names().join(", ")
}

/// The PHI a page carries anywhere a reader of its source or DOM could see it: its URL,
/// text (labelled values), comments, scripts, hidden fields and `data-` attributes.
pub fn page_phi(cx: &Context) -> Summary {
    let mut summary = Summary::default();
    let mut add = |matches: &[Match]| {
        let s = Summary::of(matches);
        summary.phi = summary.phi.union(s.phi);
        summary.weak = summary.weak.union(s.weak);
    };
    for part in phi::url::scan(&cx.snapshot.url) {
        add(&part.matches);
    }
    let mut text = String::new();
    for id in cx.dom.ids() {
        match &cx.dom.node(id).data {
            NodeData::Text { text: t } | NodeData::Comment { text: t } => {
                text.push_str(t);
                text.push('\n');
            }
            NodeData::Element { .. } => {
                let el = cx.dom.element(id).expect("an element");
                for (name, value) in el.attrs() {
                    let key = if let Some(data) = name.strip_prefix("data-") {
                        data
                    } else if name == "value" {
                        el.attr("name").unwrap_or("value")
                    } else {
                        continue;
                    };
                    add(&phi::detect_in_value(key, value));
                }
            }
            _ => {}
        }
    }
    add(&phi::detect(&text));
    summary
}

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
