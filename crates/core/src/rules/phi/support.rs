//! The URLs an element refers to, for the PHI rules. Not a rule. (Resolution, origin, site
//! and parties: [`crate::url`]; evidence for a finding: [`crate::report::phi`].)

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
