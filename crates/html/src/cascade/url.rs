//! Resolving a stylesheet `href` against the page URL (RFC 3986 reference resolution,
//! enough for `http(s)://` and `file://` pages; no percent-encoding normalisation).

/// Resolves `href` against `base`. Absolute URLs are returned as they are.
pub fn resolve(base: &str, href: &str) -> String {
    let href = href.trim();
    if has_scheme(href) {
        return href.to_string();
    }
    let Some((scheme, rest)) = base.split_once(':') else {
        return href.to_string();
    };
    if let Some(net) = href.strip_prefix("//") {
        return format!("{scheme}://{net}");
    }
    // Split the base into authority and path.
    let (authority, path) = match rest.strip_prefix("//") {
        Some(after) => match after.find('/') {
            Some(i) => (format!("//{}", &after[..i]), &after[i..]),
            None => (format!("//{after}"), "/"),
        },
        None => (String::new(), rest),
    };
    let path = path.split(['?', '#']).next().unwrap_or("");
    if href.is_empty() {
        return base.to_string();
    }
    if href.starts_with('#') || href.starts_with('?') {
        return format!("{scheme}:{authority}{path}{href}");
    }
    let (href_path, suffix) = match href.find(['?', '#']) {
        Some(i) => (&href[..i], &href[i..]),
        None => (href, ""),
    };
    let merged = if href_path.starts_with('/') {
        href_path.to_string()
    } else {
        let dir = match path.rfind('/') {
            Some(i) => &path[..=i],
            None => "/",
        };
        format!("{dir}{href_path}")
    };
    format!(
        "{scheme}:{authority}{}{suffix}",
        remove_dot_segments(&merged)
    )
}

fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) if i > 0 => {
            let scheme = &s[..i];
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        _ => false,
    }
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn resolves_like_a_browser() {
        let base = "https://portal.example/s/appointments/list?x=1#top";
        assert_eq!(
            resolve(base, "style.css"),
            "https://portal.example/s/appointments/style.css"
        );
        assert_eq!(
            resolve(base, "../a/b.css"),
            "https://portal.example/s/a/b.css"
        );
        assert_eq!(
            resolve(base, "/WAI/x.css"),
            "https://portal.example/WAI/x.css"
        );
        assert_eq!(
            resolve(base, "//cdn.example/x.css"),
            "https://cdn.example/x.css"
        );
        assert_eq!(resolve(base, "http://other/x.css"), "http://other/x.css");
        assert_eq!(
            resolve("https://portal.example", "a.css"),
            "https://portal.example/a.css"
        );
        assert_eq!(
            resolve("file:///tmp/site/index.html", "css/a.css"),
            "file:///tmp/site/css/a.css"
        );
        assert_eq!(
            resolve(base, "./a.css?v=2"),
            "https://portal.example/s/appointments/a.css?v=2"
        );
    }
}
