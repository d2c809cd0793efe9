//! Local files as `file:` URLs, and the stylesheet and frame loader for pages read from disk.
//!
//! The loader only ever reads local files: a `<link rel=stylesheet>` or an `<iframe src>` to
//! `http(s):` or any other scheme is "not available" (the cascade then treats its rules as
//! unknown, the frame is listed in the page's coverage). The scanner never touches the
//! network.

use std::path::{Path, PathBuf};

use portalscan_html::ResourceLoader;

/// Reads stylesheets linked from, and frames' documents shown in, a page read from disk.
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

impl FileLoader {
    /// A local file the URL names, decoded: a BOM decides, otherwise UTF-8 (CSS and HTML
    /// without an HTTP charset).
    fn read_local(&self, url: &str) -> Option<String> {
        // Resolved by the core's one resolver; only a local `file:` URL maps to a path.
        let absolute = portalscan_core::url::resolve(&self.base, url)?;
        let path = path_from_file_url(&absolute)?;
        let bytes = std::fs::read(path).ok()?;
        Some(portalscan_html::decode_html_bytes(&bytes))
    }
}

impl ResourceLoader for FileLoader {
    fn stylesheet(&self, url: &str) -> Option<String> {
        self.read_local(url)
    }
    fn frame(&self, url: &str) -> Option<String> {
        self.read_local(url)
    }
}

/// The `file:` URL of a path (made absolute against the working directory, symbolic
/// links left alone so reports show the path the user knows).
pub fn file_url(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    format!(
        "file://{}",
        portalscan_core::url::encode_path(&path_bytes(&absolute))
    )
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
    let bytes = portalscan_core::url::percent_decode(path);
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
        // Resolution itself is the core's (portalscan_core::url, tested there); the
        // loader maps what it resolves to a local path, dropping query and fragment.
        let base = "file:///site/pages/home.html";
        let path = |href| path_from_file_url(&portalscan_core::url::resolve(base, href)?);
        assert_eq!(
            path("css/app.css").unwrap(),
            PathBuf::from("/site/pages/css/app.css")
        );
        assert_eq!(
            path("../assets/./slds.css?v=2#x").unwrap(),
            PathBuf::from("/site/assets/slds.css")
        );
        assert_eq!(path("/root.css").unwrap(), PathBuf::from("/root.css"));
        assert_eq!(
            path("../../../../up.css").unwrap(),
            PathBuf::from("/up.css")
        );
        assert_eq!(path("https://cdn.example/slds.css"), None);
        assert_eq!(
            path_from_file_url(
                &portalscan_core::url::resolve("https://portal.example/", "a.css").unwrap()
            ),
            None
        );
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
        // A frame's document is read the same way: a local file, never the network.
        std::fs::write(dir.join("pay.html"), "<form><input id=card></form>").unwrap();
        assert_eq!(
            loader.frame("pay.html").as_deref(),
            Some("<form><input id=card></form>")
        );
        assert_eq!(loader.frame("https://pay.example/f"), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
