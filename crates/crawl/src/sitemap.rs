//! `sitemap.xml`: the `<loc>` entries of a sitemap or sitemap index. A small scanner rather
//! than an XML parser: sitemaps are flat, and a broken one only costs a warning.

/// What a sitemap document lists.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sitemap {
    /// Page URLs (`<urlset><url><loc>`).
    pub pages: Vec<String>,
    /// Nested sitemaps (`<sitemapindex><sitemap><loc>`).
    pub sitemaps: Vec<String>,
}

/// Parses a sitemap; an error says what is wrong (never quoting the document).
pub fn parse(xml: &str) -> Result<Sitemap, String> {
    let is_index = xml.contains("<sitemapindex");
    if !is_index && !xml.contains("<urlset") {
        return Err("not a sitemap (no <urlset> or <sitemapindex>)".into());
    }
    let mut out = Sitemap::default();
    let mut rest = xml;
    while let Some(start) = rest.find("<loc>") {
        let after = &rest[start + 5..];
        let end = after
            .find("</loc>")
            .ok_or("a <loc> element is not closed")?;
        let loc = unescape(after[..end].trim());
        if !loc.is_empty() {
            if is_index {
                out.sitemaps.push(loc);
            } else {
                out.pages.push(loc);
            }
        }
        rest = &after[end + 6..];
    }
    Ok(out)
}

/// XML's five entities and CDATA; numeric references are rare in sitemaps and kept as is.
fn unescape(text: &str) -> String {
    if let Some(cdata) = text
        .strip_prefix("<![CDATA[")
        .and_then(|t| t.strip_suffix("]]>"))
    {
        return cdata.trim().to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_locs() {
        let xml = r#"<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc> https://p.example/s/a?x=1&amp;y=2 </loc></url>
  <url><loc><![CDATA[https://p.example/s/b]]></loc><lastmod>2026-01-01</lastmod></url>
</urlset>"#;
        let map = parse(xml).unwrap();
        assert_eq!(
            map.pages,
            ["https://p.example/s/a?x=1&y=2", "https://p.example/s/b"]
        );
        let index = parse(
            "<sitemapindex><sitemap><loc>https://p.example/m.xml</loc></sitemap></sitemapindex>",
        )
        .unwrap();
        assert_eq!(index.sitemaps, ["https://p.example/m.xml"]);
        assert!(parse("<html>404</html>").is_err());
        assert!(parse("<urlset><url><loc>https://p.example/").is_err());
    }
}
