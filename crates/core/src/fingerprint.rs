//! Stable finding fingerprints: the key baselines and SARIF use to recognise "the same
//! finding" in another run, on another machine, in another crawl order.
//!
//! The fingerprint hashes four parts, none of them random or position-bound:
//! - the rule id;
//! - the **page key**: the page URL, PHI redacted, reduced to scheme, host, port and path,
//!   plus the *names* of its query parameters (sorted; values and fragment dropped, as they
//!   carry session state). A loopback host (`localhost`, `127.x.x.x`, `[::1]`) loses its
//!   port: a local server (the demo, a CI job's) takes a new random port on every run, and
//!   a baseline taken on one run must hold on the next. Front-ends may pass their own (the CLI passes the path of a local
//!   file relative to the working directory, so checkouts in different places agree);
//! - the **element key**: the element's path from the nearest ancestor with a unique id
//!   (one without PHI) or its tree root, one step per ancestor with its tag name and `role`,
//!   the element itself also with `name` and `type`, shadow trees joined by ` >>> `. Unlike
//!   the selector it has no `:nth-child`: an element inserted among the siblings of an
//!   ancestor does not change it;
//! - for PHI findings, where the PHI was (`location` and the redacted `source`), never a value.
//!
//! Trade-off: without positions, two elements with the same key (two unnamed `<img>` in one
//! `<div>`) would share a fingerprint, so equal keys on a page are told apart by their order
//! (`#2`, `#3`, …, counted per rule in the order the rule reports them). Only inserting
//! another element with the *same* key before them shifts those numbers; anything else on
//! the page can change without touching them. Messages are not hashed (they hold measured
//! values such as contrast ratios that move between runs).

use sha2::{Digest, Sha256};

use crate::dom::ElementRef;
use crate::finding::{Finding, PhiEvidence};
use crate::selector;

/// Bumped if the hashing changes (every baseline would then need regenerating).
const VERSION: &str = "portalscan-finding/v1";

/// The page part of a fingerprint (see the module docs).
pub fn page_key(url: &str) -> String {
    // User info never identifies the page (and may be an account name): dropped first.
    let url = url.trim();
    let without_user = match url.split_once("://") {
        Some((scheme, rest)) => {
            let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
            match rest[..authority_end].rfind('@') {
                Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
                None => url.to_string(),
            }
        }
        None => url.to_string(),
    };
    let redacted = crate::phi::redact_url(&without_user);
    let without_fragment = redacted.split('#').next().unwrap_or("");
    let (base, query) = match without_fragment.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (without_fragment, None),
    };
    let mut key = match base.split_once("://") {
        Some((scheme, rest)) => {
            let (authority, path) = match rest.find('/') {
                Some(i) => rest.split_at(i),
                None => (rest, "/"),
            };
            format!(
                "{}://{}{}",
                scheme.to_ascii_lowercase(),
                without_loopback_port(&authority.to_ascii_lowercase()),
                path
            )
        }
        None => base.to_string(),
    };
    if let Some(query) = query {
        let mut names: Vec<&str> = query
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| p.split_once('=').map_or(p, |(n, _)| n))
            .collect();
        names.sort_unstable();
        names.dedup();
        if !names.is_empty() {
            key.push('?');
            key.push_str(&names.join("&"));
        }
    }
    key
}

/// `text` (a PHI source: a URL, or words with URLs) with every URL made run-independent as
/// in [`page_key`]: a loopback URL loses its port (a form posting to the local server's
/// random port is the same finding on the next run), and a URL with a query or fragment
/// keeps only its parameter names (a form without `action` posts to the page's own URL,
/// whose query carries session state).
fn stable_urls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let scheme_start = rest[..at]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || "+-.".contains(c)))
            .map_or(0, |i| i + 1);
        let url_end = rest[at..]
            .find(char::is_whitespace)
            .map_or(rest.len(), |i| at + i);
        let url = &rest[scheme_start..url_end];
        out.push_str(&rest[..scheme_start]);
        if url.contains(['?', '#']) {
            out.push_str(&page_key(url));
        } else {
            let (scheme, after) = url.split_at(at - scheme_start + 3);
            out.push_str(scheme);
            let end = after.find(['/', '?', '#']).unwrap_or(after.len());
            let authority = after[..end].to_ascii_lowercase();
            let kept = without_loopback_port(&authority);
            // Other hosts stay exactly as written (existing fingerprints do not move).
            if kept.len() == authority.len() {
                out.push_str(&after[..end]);
            } else {
                out.push_str(kept);
            }
            out.push_str(&after[end..]);
        }
        rest = &rest[url_end..];
    }
    out.push_str(rest);
    out
}

/// `authority` (lower case) without its port when the host is loopback.
fn without_loopback_port(authority: &str) -> &str {
    let (host, has_port) = match authority.strip_prefix('[') {
        Some(rest) => match rest.split_once(']') {
            Some((h, port)) => (h, port.starts_with(':')),
            None => return authority,
        },
        None => match authority.rsplit_once(':') {
            Some((h, _)) => (h, true),
            None => (authority, false),
        },
    };
    let loopback = host == "localhost"
        || host.ends_with(".localhost")
        || host == "::1"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback());
    match authority.rfind(':') {
        Some(colon) if loopback && has_port => &authority[..colon],
        _ => authority,
    }
}

/// The element part of a fingerprint (see the module docs).
pub fn element_key(element: ElementRef) -> String {
    selector::across_trees(element, path_in_tree)
}

fn path_in_tree(element: ElementRef) -> String {
    let mut steps: Vec<String> = Vec::new();
    let mut current = Some(element);
    while let Some(el) = current {
        if let Some(id) = selector::identifying_id(el) {
            steps.push(format!("#{id}"));
            break;
        }
        let mut step = el.name().to_string();
        let attrs: &[&str] = if el.id == element.id {
            &["role", "name", "type"]
        } else {
            &["role"]
        };
        for &attr in attrs {
            if let Some(value) = el.attr(attr)
                && crate::phi::detect_in_value(attr, value).is_empty()
            {
                step.push_str(&format!("[{attr}={value:?}]"));
            }
        }
        steps.push(step);
        current = el.parent_element();
    }
    steps.reverse();
    steps.join(" > ")
}

/// What a PHI finding adds to its fingerprint: where, never what.
fn phi_key(phi: Option<&PhiEvidence>) -> String {
    match phi {
        Some(phi) => format!(
            "{}\u{1f}{}",
            phi.location,
            stable_urls(phi.source.as_deref().unwrap_or(""))
        ),
        None => String::new(),
    }
}

/// The fingerprint of one finding from its parts: 32 hex digits of SHA-256.
pub fn fingerprint(
    rule: &str,
    page_key: &str,
    element_key: &str,
    phi: Option<&PhiEvidence>,
) -> String {
    hash(&[VERSION, rule, page_key, element_key, &phi_key(phi)])
}

fn hash(parts: &[&str]) -> String {
    let mut sha = Sha256::new();
    for part in parts {
        sha.update(part.as_bytes());
        sha.update([0u8]);
    }
    sha.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Tells apart findings of one page whose fingerprints are equal (same rule, same element
/// key): the second becomes `hash(fp, "#2")`, and so on, in report order. Passes are
/// counted apart, so listing them (`--all`) does not renumber fails and reviews.
pub fn disambiguate(findings: &mut [Finding]) {
    let mut seen: std::collections::HashMap<(String, bool), u32> = std::collections::HashMap::new();
    for f in findings.iter_mut() {
        let is_pass = f.outcome == crate::finding::Outcome::Pass;
        let n = seen.entry((f.fingerprint.clone(), is_pass)).or_insert(0);
        *n += 1;
        if *n > 1 {
            f.fingerprint = hash(&[VERSION, &f.fingerprint, &format!("#{n}")]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_in_phi_sources_drop_session_state_and_loopback_ports() {
        assert_eq!(
            stable_urls("form action https://portal.example/s/visits?session=abc#top"),
            stable_urls("form action https://portal.example/s/visits?session=xyz"),
        );
        assert_eq!(
            stable_urls("form action https://portal.example/s/visits?session=abc"),
            "form action https://portal.example/s/visits?session"
        );
        assert_eq!(
            stable_urls("request http://127.0.0.1:4312/api/x and https://Cdn.example/a.js"),
            "request http://127.0.0.1/api/x and https://Cdn.example/a.js"
        );
    }

    #[test]
    fn page_keys_drop_query_values_fragments_and_user_info() {
        assert_eq!(
            page_key("HTTPS://me@Portal.Example:8443/s/visit?b=2&a=1&b=3#top"),
            "https://portal.example:8443/s/visit?a&b"
        );
        assert_eq!(
            page_key("https://portal.example"),
            "https://portal.example/"
        );
        assert_eq!(
            page_key("https://p.example/s/visit?mrn=00123456"),
            page_key("https://p.example/s/visit?mrn=00999956")
        );
        // PHI in the path is masked before hashing, so the key holds no raw value.
        assert!(!page_key("https://p.example/s/patient/536-22-8142").contains("536-22"));
    }

    #[test]
    fn fingerprints_are_pinned() {
        // Pinned: a change here invalidates every baseline users keep.
        assert_eq!(
            fingerprint("document-title", "a.html", "html", None),
            "5a3e78422c253f9db560e9922550865a"
        );
    }
}
