//! Which URLs the crawler may navigate to, and the one normal form of a URL.
//!
//! The scope is checked before every navigation (seeds, sitemap entries, links) and again on
//! the page's final URL (a redirect), and the browser front-end blocks out-of-scope document
//! requests of the main frame while a page loads. By default a URL is in scope when it has
//! the origin of a seed and its path starts with that seed's directory (`/s/home` → `/s/`);
//! `include` patterns widen that, `exclude` patterns narrow it (exclude wins).

use globset::{GlobBuilder, GlobMatcher};
use regex::Regex;
use url::Url;

// The normal form, resolution and origin are the core's one URL resolver's.
pub use portalscan_core::url::{normalize, resolve_normalized as resolve};

/// `scheme://host[:port]` of a URL.
pub fn origin(url: &str) -> Option<String> {
    portalscan_core::url::origin_string(url)
}

/// A URL pattern from the config: `re:<regex>` is a regular expression searched in the
/// normalised URL; anything else is a glob over the whole URL where `*` matches any run of
/// characters (including `/`). `?` is literal (URLs are full of them).
#[derive(Clone, Debug)]
pub struct Pattern {
    text: String,
    matcher: Matcher,
}

#[derive(Clone, Debug)]
enum Matcher {
    Regex(Regex),
    Glob(GlobMatcher),
}

impl Pattern {
    pub fn parse(text: &str) -> Result<Pattern, String> {
        let matcher = match text.strip_prefix("re:") {
            Some(re) => {
                Matcher::Regex(Regex::new(re).map_err(|e| format!("pattern '{text}': {e}"))?)
            }
            None => {
                // globset (ripgrep's matcher) with only `*` special: `?`, `[`, `{` and `\` are
                // literal in a URL pattern, and `*` crosses `/` (literal_separator off).
                let mut glob = String::with_capacity(text.len());
                for c in text.chars() {
                    match c {
                        // `**` has a meaning of its own in globset; here it is just `*`.
                        '*' if glob.ends_with('*') => {}
                        '?' | '[' | ']' | '{' | '}' | '\\' => {
                            glob.push('[');
                            glob.push(c);
                            glob.push(']');
                        }
                        c => glob.push(c),
                    }
                }
                let glob = GlobBuilder::new(&glob)
                    .literal_separator(false)
                    .backslash_escape(false)
                    .build()
                    .map_err(|e| format!("pattern '{text}': {e}"))?;
                Matcher::Glob(glob.compile_matcher())
            }
        };
        Ok(Pattern {
            text: text.to_string(),
            matcher,
        })
    }

    pub fn matches(&self, url: &str) -> bool {
        match &self.matcher {
            Matcher::Regex(re) => re.is_match(url),
            Matcher::Glob(glob) => glob.is_match(url),
        }
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
                origin: origin(seed).ok_or_else(|| format!("seed {seed}: no origin"))?,
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
        let origin = origin(&url);
        self.roots.iter().any(|r| {
            Some(&r.origin) == origin.as_ref() && parsed.path().starts_with(&r.path_prefix)
        })
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

    // The normal form itself is tested with the core's resolver (portalscan_core::url).

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
    fn globs_treat_only_star_as_special() {
        let p = Pattern::parse("https://p.example/s/a?id=*").unwrap();
        assert!(p.matches("https://p.example/s/a?id=12"));
        assert!(!p.matches("https://p.example/s/ab?id=12"));
        let p = Pattern::parse("https://p.example/[x]{y}\\*").unwrap();
        assert!(p.matches("https://p.example/[x]{y}\\z/w"));
        assert!(!p.matches("https://p.example/x{y}\\z"));
        // `*` crosses `/` and matches an empty run; the glob covers the whole URL.
        assert!(
            Pattern::parse("*/logout*")
                .unwrap()
                .matches("https://p.example/a/b/logout")
        );
        assert!(
            !Pattern::parse("*/logout")
                .unwrap()
                .matches("https://p.example/logout/x")
        );
        assert!(
            Pattern::parse("https://**.pdf")
                .unwrap()
                .matches("https://p.example/a.pdf")
        );
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
