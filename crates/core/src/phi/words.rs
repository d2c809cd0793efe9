//! Words for people. The JSON report keeps PHI kinds and locations as identifiers
//! (`member_id`, `local_storage`: a public contract); every human-facing format (text, HTML,
//! JUnit, SARIF messages, `portalscan rules`, rule messages) shows these words instead.

use super::Kind;

impl Kind {
    /// What a reader calls it: `date of birth` for `dob`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Ssn => "SSN",
            Kind::Itin => "ITIN",
            Kind::Npi => "NPI",
            Kind::Mbi => "Medicare number (MBI)",
            Kind::Dea => "DEA number",
            Kind::Diagnosis => "diagnosis",
            Kind::Mrn => "medical record number",
            Kind::MemberId => "member id",
            Kind::Dob => "date of birth",
            Kind::Name => "name",
            Kind::Address => "address",
            Kind::Email => "email address",
            Kind::Phone => "phone number",
            Kind::RecordId => "Salesforce record id",
        }
    }

    /// The kind a report names (`member_id`), if it is one.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A kind's words from its report name; an unknown name (a newer report) is shown with
/// spaces for underscores rather than guessed.
pub fn kind_label(name: &str) -> String {
    match Kind::from_name(name) {
        Some(kind) => kind.label().to_string(),
        None => name.replace('_', " "),
    }
}

/// "date of birth, medical record number": report names as a reader sees them.
pub fn kind_labels<S: AsRef<str>>(names: &[S]) -> String {
    names
        .iter()
        .map(|n| kind_label(n.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a rule finds PHI (its `phi.location`), as a reader says it after "in".
pub fn location_label(location: &str) -> String {
    let words = match location {
        "url" => "a URL",
        "title" => "the page title",
        "cookie" => "a cookie",
        "comment" => "an HTML comment",
        "script" => "an inline script",
        "console" => "the browser console",
        "history" => "the page shown again after logout",
        "guest" => "what a guest (no session) is shown",
        "session" => "a session that should have ended",
        "storage_after_logout" => "client storage left after logout",
        "referrer" => "the Referer sent to other sites",
        "header" => "a response the browser may cache",
        "form" => "a form submission",
        "transport" => "the connection",
        "hidden_input" => "a hidden form field",
        "third_party" => "third-party code",
        "local_storage" => "localStorage",
        "session_storage" => "sessionStorage",
        "indexeddb" => "IndexedDB",
        "cache_storage" => "Cache Storage",
        other => return other.replace('_', " "),
    };
    words.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_words_without_underscores() {
        for kind in Kind::ALL {
            assert!(!kind.label().contains('_'), "{kind}");
            assert_eq!(kind_label(kind.as_str()), kind.label());
        }
        assert_eq!(
            kind_labels(&["dob", "member_id"]),
            "date of birth, member id"
        );
        assert_eq!(kind_label("new_kind"), "new kind");
    }

    #[test]
    fn every_rule_location_has_words() {
        use crate::rules;
        for rule in rules::all() {
            let Some(phi) = &rule.meta().phi else {
                continue;
            };
            let words = location_label(phi.location);
            assert!(!words.contains('_'), "{}: {words}", rule.meta().id);
            assert_ne!(words, phi.location.replace('_', " "), "{}", rule.meta().id);
        }
        assert_eq!(location_label("local_storage"), "localStorage");
        assert_eq!(location_label("hidden_input"), "a hidden form field");
        assert_eq!(location_label("third_party"), "third-party code");
    }
}
