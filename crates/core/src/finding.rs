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

/// Where PHI was seen and what kinds (only on PHI findings).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhiEvidence {
    pub location: String,
    pub kinds: Vec<String>,
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
}
