//! What a scan reports. The JSON form of [`Finding`] is a public contract: fields keep their
//! names and meaning; new fields may be added, none renamed or removed.

use serde::{Deserialize, Serialize};

use crate::dom::NodeId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Fail,
    Review,
    Pass,
    Inapplicable,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Fail => "fail",
            Outcome::Review => "review",
            Outcome::Pass => "pass",
            Outcome::Inapplicable => "inapplicable",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    Accessibility,
    Phi,
}

/// Where PHI was seen and what kinds (only on PHI findings). Never holds a raw value.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct PhiEvidence {
    pub location: String,
    pub kinds: Vec<String>,
    /// HIPAA Security Rule sections the finding concerns, e.g. `164.312(e)(1)`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hipaa: Vec<String>,
    /// Where inside the location, redacted: `query parameter mrn`, `cookie sid`,
    /// `localStorage key patient`, `request https://…`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The values found, masked and fingerprinted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<PhiValue>,
}

/// One detected value as a report may show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, Default)]
pub struct PhiValue {
    pub kinds: Vec<String>,
    /// `high`, `medium` or `low`.
    pub confidence: String,
    /// At most the last two characters, the rest `*`.
    pub masked: String,
    /// Keyed HMAC-SHA256 of the normalised value (`hmac-sha256:…`), when the caller gave a
    /// key: equal values share it, and it cannot be reversed without the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fingerprint: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub rule: String,
    pub outcome: Outcome,
    pub category: Category,
    pub wcag: Vec<String>,
    pub act: Vec<String>,
    pub url: String,
    /// CSS selector of the element; ` >>> ` steps into a shadow root.
    pub selector: String,
    /// The element's start tag (PHI redacted, long values shortened).
    pub html: String,
    pub message: String,
    /// How to fix it.
    pub help: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phi: Option<PhiEvidence>,
    /// Index of the element in the snapshot's `dom`, when the finding is about one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node: Option<NodeId>,
    /// Stable identity across runs, machines and crawl order (32 hex digits): what
    /// baselines and SARIF `partialFingerprints` match on. See [`crate::fingerprint`].
    #[serde(default)]
    pub fingerprint: String,
    /// The element's line in the page source, when the front-end knows it (static HTML).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The element's 1-based column on that line, when the front-end knows it (component
    /// templates).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
    /// The Lightning component around the element: the nearest custom element (`c-*`,
    /// `lightning-*`) whose shadow tree, native or synthetic, holds it. Absent outside
    /// components and for findings about no element. See [`crate::component`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// `"AAA"` on findings of rules that check only WCAG level AAA criteria (enhanced
    /// contrast), `"best-practice"` on findings of rules that check a technique no
    /// success criterion requires (`main-content-heading`): they are reported but never
    /// counted against the gate (`--fail-on`, thresholds). Absent on every other finding
    /// (level A/AA rules, PHI rules). See [`crate::rule::RuleMeta::advisory_level`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// A cropped screenshot of the element as a `data:image/png;base64,…` URI, taken by the
    /// crawler after PHI in the page was replaced by its redacted form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub screenshot: Option<String>,
}
