//! Local files as `file:` URLs, and the stylesheet loader for pages read from disk.
//!
//! The loader only ever reads local files: a `<link rel=stylesheet>` to `http(s):` or any
//! other scheme is "not available" (the cascade then treats its rules as unknown). The
//! scanner never touches the network.

use std::path::{Path, PathBuf};

use portalscan_html::ResourceLoader;

/// Reads stylesheets linked from a page that was read from disk.
pub struct FileLoader {
    /// The page's own URL, against which relative hrefs resolve.
    base: String,
}

impl FileLoader {
    pub fn new(page_url: &str) -> FileLoader {
        FileLoader {
            base: page_url.to_string(),
        }
    }
}

impl ResourceLoader for FileLoader {
    fn stylesheet(&self, url: &str) -> Option<String> {
        let absolute = resolve(&self.base, url)?;
        let path = path_from_file_url(&absolute)?;
        let bytes = std::fs::read(path).ok()?;
        // CSS without an HTTP charset: a BOM decides, otherwise UTF-8 (as for HTML files).
        Some(portalscan_html::decode_html_bytes(&bytes))
    }
}

/// Characters kept as they are in a file URL's path; everything else is percent-encoded.
fn keep_in_path(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b)
}

/// The `file:` URL of a path (made absolute against the working directory, symbolic
/// links left alone so reports show the path the user knows).
pub fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut url = String::from("file://");
    for &b in path_bytes(&absolute).iter() {
        if keep_in_path(b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

/// A directory's `file:` URL, ending in `/` so relative references resolve inside it.
pub fn dir_url(path: &Path) -> String {
    let mut url = file_url(path);
    if !url.ends_with('/') {
        url.push('/');
    }
    url
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().replace('\\', "/").into_bytes()
}

/// The local path of a `file:` URL (host empty or `localhost`), or `None` for any other URL.
pub fn path_from_file_url(url: &str) -> Option<PathBuf> {
    let rest = strip_prefix_ignore_case(url, "file://")?;
    let path_start = rest.find('/')?;
    let host = &rest[..path_start];
    if !(host.is_empty() || host.eq_ignore_ascii_case("localhost")) {
        return None;
    }
    let path = &rest[path_start..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let bytes = percent_decode(path);
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes)))
    }
    #[cfg(not(unix))]
    {
        String::from_utf8(bytes).ok().map(PathBuf::from)
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Whether a reference starts with a URL scheme (`https:`, `file:`, `data:` ...).
fn has_scheme(reference: &str) -> bool {
    let Some(colon) = reference.find(':') else {
        return false;
    };
    let scheme = &reference[..colon];
    let mut chars = scheme.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Resolves a reference against a `file:` base URL as a browser would for local pages.
/// Absolute references are returned as they are (the loader then decides whether they are
/// local). Returns `None` when the base is not a `file:` URL and the reference is relative.
pub fn resolve(base: &str, reference: &str) -> Option<String> {
    let reference = reference.trim();
    if has_scheme(reference) {
        return Some(reference.to_string());
    }
    let base_rest = strip_prefix_ignore_case(base, "file://")?;
    let reference = reference.split('#').next().unwrap_or("");
    if let Some(authority_path) = reference.strip_prefix("//") {
        return Some(format!("file://{authority_path}"));
    }
    let path_start = base_rest.find('/')?;
    let host = &base_rest[..path_start];
    let base_path = base_rest[path_start..]
        .split(['?', '#'])
        .next()
        .unwrap_or("/");
    let joined = if reference.starts_with('/') {
        reference.to_string()
    } else if reference.is_empty() {
        base_path.to_string()
    } else {
        let dir = &base_path[..=base_path.rfind('/').unwrap_or(0)];
        format!("{dir}{reference}")
    };
    Some(format!("file://{host}{}", remove_dot_segments(&joined)))
}

/// RFC 3986 §5.2.4, on a path that starts with `/`; the query, if any, is kept.
fn remove_dot_segments(path: &str) -> String {
    let (path, query) = match path.find('?') {
        Some(q) => (&path[..q], &path[q..]),
        None => (path, ""),
    };
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." | "%2e" | "%2E" => {
                if i == last {
                    out.push("");
                }
            }
            ".." | "%2e%2e" | "%2E%2E" | ".%2e" | "%2e." => {
                out.pop();
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    format!("/{}{query}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_round_trip_with_odd_characters() {
        let path = Path::new("/tmp/a dir/p#1 ü.html");
        let url = file_url(path);
        assert_eq!(url, "file:///tmp/a%20dir/p%231%20%C3%BC.html");
        assert_eq!(path_from_file_url(&url).unwrap(), path);
    }

    #[test]
    fn relative_references_resolve_against_the_page() {
        let base = "file:///site/pages/home.html";
        assert_eq!(
            resolve(base, "css/app.css").unwrap(),
            "file:///site/pages/css/app.css"
        );
        assert_eq!(
            resolve(base, "../assets/./slds.css?v=2#x").unwrap(),
            "file:///site/assets/slds.css?v=2"
        );
        assert_eq!(resolve(base, "/root.css").unwrap(), "file:///root.css");
        assert_eq!(
            resolve(base, "../../../../up.css").unwrap(),
            "file:///up.css"
        );
        assert_eq!(
            resolve(base, "https://cdn.example/slds.css").unwrap(),
            "https://cdn.example/slds.css"
        );
        assert_eq!(resolve("https://portal.example/", "a.css"), None);
    }

    #[test]
    fn only_local_file_urls_map_to_paths() {
        assert_eq!(
            path_from_file_url("file://localhost/x/y.css?v=1").unwrap(),
            PathBuf::from("/x/y.css")
        );
        assert_eq!(path_from_file_url("file://server/share/y.css"), None);
        assert_eq!(path_from_file_url("https://cdn.example/y.css"), None);
        assert_eq!(path_from_file_url("//cdn.example/y.css"), None);
    }

    #[test]
    fn loader_reads_a_linked_local_stylesheet_and_refuses_the_network() {
        let dir = std::env::temp_dir().join(format!("portalscan-loader-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("css")).unwrap();
        std::fs::write(dir.join("css/site.css"), "p { color: red }").unwrap();
        let loader = FileLoader::new(&file_url(&dir.join("page.html")));
        assert_eq!(
            loader.stylesheet("css/site.css").as_deref(),
            Some("p { color: red }")
        );
        assert_eq!(loader.stylesheet("css/missing.css"), None);
        assert_eq!(loader.stylesheet("https://cdn.example/site.css"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
