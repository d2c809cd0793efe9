//! Which URLs the crawler may navigate to, and the one normal form of a URL.
//!
//! The scope is checked before every navigation (seeds, sitemap entries, links) and again on
//! the page's final URL (a redirect), and the browser front-end blocks out-of-scope document
//! requests of the main frame while a page loads. By default a URL is in scope when it has
//! the origin of a seed and its path starts with that seed's directory (`/s/home` → `/s/`);
//! `include` patterns widen that, `exclude` patterns narrow it (exclude wins).

use regex::Regex;
use url::Url;

/// The normal form of a page URL: parsed as browsers parse it (scheme and host lower case,
/// default port dropped, percent-encoding normalised, an empty path is `/`), fragment
/// dropped (same document), query kept as written (its order can matter to the server).
/// Only http and https are crawlable; anything else is `None`.
pub fn normalize(raw: &str) -> Option<String> {
    normalize_url(Url::parse(raw.trim()).ok()?)
}

/// Resolves `href` against `base` and normalises it.
pub fn resolve(base: &str, href: &str) -> Option<String> {
    let base = Url::parse(base).ok()?;
    normalize_url(base.join(href.trim()).ok()?)
}

fn normalize_url(mut url: Url) -> Option<String> {
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return None;
    }
    url.set_fragment(None);
    if url.query() == Some("") {
        url.set_query(None);
    }
    // Credentials in a URL are never followed or shown.
    if !url.username().is_empty() || url.password().is_some() {
        return None;
    }
    Some(url.to_string())
}

/// `scheme://host[:port]` of a URL.
pub fn origin(url: &str) -> Option<String> {
    Some(Url::parse(url).ok()?.origin().ascii_serialization())
}

/// A URL pattern from the config: `re:<regex>` is a regular expression searched in the
/// normalised URL; anything else is a glob over the whole URL where `*` matches any run of
/// characters (including `/`). `?` is literal (URLs are full of them).
#[derive(Clone, Debug)]
pub struct Pattern {
    text: String,
    regex: Regex,
}

impl Pattern {
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let regex = match text.strip_prefix("re:") {
            Some(re) => Regex::new(re).map_err(|e| format!("pattern '{text}': {e}"))?,
            None => {
                let mut re = String::from("^");
                for c in text.chars() {
                    match c {
                        '*' => re.push_str(".*"),
                        c => re.push_str(&regex::escape(&c.to_string())),
                    }
                }
                re.push('$');
                Regex::new(&re).map_err(|e| format!("pattern '{text}': {e}"))?
            }
        };
        Ok(Pattern {
            text: text.to_string(),
            regex,
        })
    }

    pub fn matches(&self, url: &str) -> bool {
        self.regex.is_match(url)
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }
}

/// One origin and path prefix that is in scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Root {
    pub origin: String,
    pub path_prefix: String,
}

#[derive(Clone, Debug)]
pub struct Scope {
    pub roots: Vec<Root>,
    pub include: Vec<Pattern>,
    pub exclude: Vec<Pattern>,
}

impl Scope {
    /// The default scope of these seeds (already normalised) plus the patterns.
    pub fn from_seeds(
        seeds: &[String],
        include: Vec<Pattern>,
        exclude: Vec<Pattern>,
    ) -> Result<Scope, String> {
        let mut roots = Vec::new();
        for seed in seeds {
            let url = Url::parse(seed).map_err(|e| format!("seed {seed}: {e}"))?;
            let path = url.path();
            let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
            let root = Root {
                origin: url.origin().ascii_serialization(),
                path_prefix: if dir.is_empty() {
                    "/".into()
                } else {
                    dir.into()
                },
            };
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
        Ok(Scope {
            roots,
            include,
            exclude,
        })
    }

    /// Whether the crawler may navigate to this URL. Unparsable and non-http URLs never are.
    pub fn allows(&self, raw: &str) -> bool {
        let Some(url) = normalize(raw) else {
            return false;
        };
        if self.exclude.iter().any(|p| p.matches(&url)) {
            return false;
        }
        if self.include.iter().any(|p| p.matches(&url)) {
            return true;
        }
        let Ok(parsed) = Url::parse(&url) else {
            return false;
        };
        let origin = parsed.origin().ascii_serialization();
        self.roots
            .iter()
            .any(|r| r.origin == origin && parsed.path().starts_with(&r.path_prefix))
    }

    /// Whether the URL has the origin of a seed (for the sitemap and a form login page, which
    /// may sit outside the seeds' path prefix but never on another site).
    pub fn same_origin(&self, raw: &str) -> bool {
        origin(raw).is_some_and(|o| self.roots.iter().any(|r| r.origin == o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scope(seeds: &[&str]) -> Scope {
        let seeds: Vec<String> = seeds.iter().map(|s| normalize(s).unwrap()).collect();
        Scope::from_seeds(&seeds, vec![], vec![]).unwrap()
    }

    #[test]
    fn normal_form() {
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
        assert_eq!(normalize("https://u:p@p.example/"), None);
        assert_eq!(
            resolve("https://p.example/s/home", "../x#frag").unwrap(),
            "https://p.example/x"
        );
    }

    #[test]
    fn default_scope_is_origin_and_seed_directory() {
        let s = scope(&["http://127.0.0.1:8080/s/home"]);
        assert!(s.allows("http://127.0.0.1:8080/s/"));
        assert!(s.allows("http://127.0.0.1:8080/s/records?id=1#x"));
        assert!(!s.allows("http://127.0.0.1:8080/other"));
        assert!(!s.allows("http://127.0.0.1:8080/s"));
        assert!(!s.allows("http://127.0.0.1:8081/s/home"));
        assert!(!s.allows("https://127.0.0.1:8080/s/home"));
        assert!(!s.allows("http://localhost:8080/s/home"));
        assert!(!s.allows("not a url"));
        assert!(s.same_origin("http://127.0.0.1:8080/login"));
        assert!(!s.same_origin("http://127.0.0.1:9/login"));
    }

    #[test]
    fn patterns_widen_and_narrow() {
        let seeds = vec![normalize("https://p.example/s/").unwrap()];
        let s = Scope::from_seeds(
            &seeds,
            vec![Pattern::parse("https://p.example/help/*").unwrap()],
            vec![
                Pattern::parse("*/logout*").unwrap(),
                Pattern::parse(r"re:\.pdf$").unwrap(),
            ],
        )
        .unwrap();
        assert!(s.allows("https://p.example/help/faq"));
        assert!(!s.allows("https://p.example/s/logout"));
        assert!(!s.allows("https://p.example/s/doc.pdf"));
        assert!(s.allows("https://p.example/s/doc.pdfx"));
        assert!(!s.allows("https://p.example/elsewhere"));
        assert!(Pattern::parse("re:(").is_err());
    }
}
