//! WCAG 2.2 success criteria: number, name, level and the W3C "Understanding" page, so
//! reports can name a criterion instead of printing a bare number.

/// Conformance level of a success criterion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    A,
    AA,
    AAA,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::A => "A",
            Level::AA => "AA",
            Level::AAA => "AAA",
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct SuccessCriterion {
    /// `1.4.3`
    pub number: &'static str,
    /// `Contrast (Minimum)`
    pub name: &'static str,
    pub level: Level,
    /// The last path segment of its Understanding page (`contrast-minimum`).
    pub slug: &'static str,
}

const UNDERSTANDING_BASE: &str = "https://www.w3.org/WAI/WCAG22/Understanding/";

impl SuccessCriterion {
    /// The W3C "Understanding" document for this criterion.
    pub fn understanding_url(&self) -> String {
        format!("{UNDERSTANDING_BASE}{}", self.slug)
    }
}

/// The criterion with this number (`"2.4.2"`), if WCAG 2.2 has it.
pub fn criterion(number: &str) -> Option<&'static SuccessCriterion> {
    CRITERIA.iter().find(|c| c.number == number)
}

const fn sc(
    number: &'static str,
    name: &'static str,
    level: Level,
    slug: &'static str,
) -> SuccessCriterion {
    SuccessCriterion {
        number,
        name,
        level,
        slug,
    }
}

use Level::{A, AA, AAA};

/// Every WCAG 2.2 success criterion, in document order. 4.1.1 Parsing is obsolete in
/// WCAG 2.2 (always satisfied) but kept so older references still resolve to a name.
pub static CRITERIA: &[SuccessCriterion] = &[
    sc("1.1.1", "Non-text Content", A, "non-text-content"),
    sc(
        "1.2.1",
        "Audio-only and Video-only (Prerecorded)",
        A,
        "audio-only-and-video-only-prerecorded",
    ),
    sc("1.2.2", "Captions (Prerecorded)", A, "captions-prerecorded"),
    sc(
        "1.2.3",
        "Audio Description or Media Alternative (Prerecorded)",
        A,
        "audio-description-or-media-alternative-prerecorded",
    ),
    sc("1.2.4", "Captions (Live)", AA, "captions-live"),
    sc(
        "1.2.5",
        "Audio Description (Prerecorded)",
        AA,
        "audio-description-prerecorded",
    ),
    sc(
        "1.2.6",
        "Sign Language (Prerecorded)",
        AAA,
        "sign-language-prerecorded",
    ),
    sc(
        "1.2.7",
        "Extended Audio Description (Prerecorded)",
        AAA,
        "extended-audio-description-prerecorded",
    ),
    sc(
        "1.2.8",
        "Media Alternative (Prerecorded)",
        AAA,
        "media-alternative-prerecorded",
    ),
    sc("1.2.9", "Audio-only (Live)", AAA, "audio-only-live"),
    sc(
        "1.3.1",
        "Info and Relationships",
        A,
        "info-and-relationships",
    ),
    sc("1.3.2", "Meaningful Sequence", A, "meaningful-sequence"),
    sc(
        "1.3.3",
        "Sensory Characteristics",
        A,
        "sensory-characteristics",
    ),
    sc("1.3.4", "Orientation", AA, "orientation"),
    sc(
        "1.3.5",
        "Identify Input Purpose",
        AA,
        "identify-input-purpose",
    ),
    sc("1.3.6", "Identify Purpose", AAA, "identify-purpose"),
    sc("1.4.1", "Use of Color", A, "use-of-color"),
    sc("1.4.2", "Audio Control", A, "audio-control"),
    sc("1.4.3", "Contrast (Minimum)", AA, "contrast-minimum"),
    sc("1.4.4", "Resize Text", AA, "resize-text"),
    sc("1.4.5", "Images of Text", AA, "images-of-text"),
    sc("1.4.6", "Contrast (Enhanced)", AAA, "contrast-enhanced"),
    sc(
        "1.4.7",
        "Low or No Background Audio",
        AAA,
        "low-or-no-background-audio",
    ),
    sc("1.4.8", "Visual Presentation", AAA, "visual-presentation"),
    sc(
        "1.4.9",
        "Images of Text (No Exception)",
        AAA,
        "images-of-text-no-exception",
    ),
    sc("1.4.10", "Reflow", AA, "reflow"),
    sc("1.4.11", "Non-text Contrast", AA, "non-text-contrast"),
    sc("1.4.12", "Text Spacing", AA, "text-spacing"),
    sc(
        "1.4.13",
        "Content on Hover or Focus",
        AA,
        "content-on-hover-or-focus",
    ),
    sc("2.1.1", "Keyboard", A, "keyboard"),
    sc("2.1.2", "No Keyboard Trap", A, "no-keyboard-trap"),
    sc(
        "2.1.3",
        "Keyboard (No Exception)",
        AAA,
        "keyboard-no-exception",
    ),
    sc(
        "2.1.4",
        "Character Key Shortcuts",
        A,
        "character-key-shortcuts",
    ),
    sc("2.2.1", "Timing Adjustable", A, "timing-adjustable"),
    sc("2.2.2", "Pause, Stop, Hide", A, "pause-stop-hide"),
    sc("2.2.3", "No Timing", AAA, "no-timing"),
    sc("2.2.4", "Interruptions", AAA, "interruptions"),
    sc("2.2.5", "Re-authenticating", AAA, "re-authenticating"),
    sc("2.2.6", "Timeouts", AAA, "timeouts"),
    sc(
        "2.3.1",
        "Three Flashes or Below Threshold",
        A,
        "three-flashes-or-below-threshold",
    ),
    sc("2.3.2", "Three Flashes", AAA, "three-flashes"),
    sc(
        "2.3.3",
        "Animation from Interactions",
        AAA,
        "animation-from-interactions",
    ),
    sc("2.4.1", "Bypass Blocks", A, "bypass-blocks"),
    sc("2.4.2", "Page Titled", A, "page-titled"),
    sc("2.4.3", "Focus Order", A, "focus-order"),
    sc(
        "2.4.4",
        "Link Purpose (In Context)",
        A,
        "link-purpose-in-context",
    ),
    sc("2.4.5", "Multiple Ways", AA, "multiple-ways"),
    sc("2.4.6", "Headings and Labels", AA, "headings-and-labels"),
    sc("2.4.7", "Focus Visible", AA, "focus-visible"),
    sc("2.4.8", "Location", AAA, "location"),
    sc(
        "2.4.9",
        "Link Purpose (Link Only)",
        AAA,
        "link-purpose-link-only",
    ),
    sc("2.4.10", "Section Headings", AAA, "section-headings"),
    sc(
        "2.4.11",
        "Focus Not Obscured (Minimum)",
        AA,
        "focus-not-obscured-minimum",
    ),
    sc(
        "2.4.12",
        "Focus Not Obscured (Enhanced)",
        AAA,
        "focus-not-obscured-enhanced",
    ),
    sc("2.4.13", "Focus Appearance", AAA, "focus-appearance"),
    sc("2.5.1", "Pointer Gestures", A, "pointer-gestures"),
    sc("2.5.2", "Pointer Cancellation", A, "pointer-cancellation"),
    sc("2.5.3", "Label in Name", A, "label-in-name"),
    sc("2.5.4", "Motion Actuation", A, "motion-actuation"),
    sc(
        "2.5.5",
        "Target Size (Enhanced)",
        AAA,
        "target-size-enhanced",
    ),
    sc(
        "2.5.6",
        "Concurrent Input Mechanisms",
        AAA,
        "concurrent-input-mechanisms",
    ),
    sc("2.5.7", "Dragging Movements", AA, "dragging-movements"),
    sc("2.5.8", "Target Size (Minimum)", AA, "target-size-minimum"),
    sc("3.1.1", "Language of Page", A, "language-of-page"),
    sc("3.1.2", "Language of Parts", AA, "language-of-parts"),
    sc("3.1.3", "Unusual Words", AAA, "unusual-words"),
    sc("3.1.4", "Abbreviations", AAA, "abbreviations"),
    sc("3.1.5", "Reading Level", AAA, "reading-level"),
    sc("3.1.6", "Pronunciation", AAA, "pronunciation"),
    sc("3.2.1", "On Focus", A, "on-focus"),
    sc("3.2.2", "On Input", A, "on-input"),
    sc(
        "3.2.3",
        "Consistent Navigation",
        AA,
        "consistent-navigation",
    ),
    sc(
        "3.2.4",
        "Consistent Identification",
        AA,
        "consistent-identification",
    ),
    sc("3.2.5", "Change on Request", AAA, "change-on-request"),
    sc("3.2.6", "Consistent Help", A, "consistent-help"),
    sc("3.3.1", "Error Identification", A, "error-identification"),
    sc(
        "3.3.2",
        "Labels or Instructions",
        A,
        "labels-or-instructions",
    ),
    sc("3.3.3", "Error Suggestion", AA, "error-suggestion"),
    sc(
        "3.3.4",
        "Error Prevention (Legal, Financial, Data)",
        AA,
        "error-prevention-legal-financial-data",
    ),
    sc("3.3.5", "Help", AAA, "help"),
    sc(
        "3.3.6",
        "Error Prevention (All)",
        AAA,
        "error-prevention-all",
    ),
    sc("3.3.7", "Redundant Entry", A, "redundant-entry"),
    sc(
        "3.3.8",
        "Accessible Authentication (Minimum)",
        AA,
        "accessible-authentication-minimum",
    ),
    sc(
        "3.3.9",
        "Accessible Authentication (Enhanced)",
        AAA,
        "accessible-authentication-enhanced",
    ),
    sc("4.1.1", "Parsing (Obsolete and removed)", A, "parsing"),
    sc("4.1.2", "Name, Role, Value", A, "name-role-value"),
    sc("4.1.3", "Status Messages", AA, "status-messages"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_by_number() {
        let c = criterion("1.4.3").unwrap();
        assert_eq!(c.name, "Contrast (Minimum)");
        assert_eq!(c.level, Level::AA);
        assert_eq!(
            c.understanding_url(),
            "https://www.w3.org/WAI/WCAG22/Understanding/contrast-minimum"
        );
        assert!(criterion("9.9.9").is_none());
    }

    #[test]
    fn table_is_complete_and_unique() {
        // WCAG 2.2 has 87 numbered criteria (86 in force plus obsolete 4.1.1).
        assert_eq!(CRITERIA.len(), 87);
        for (i, a) in CRITERIA.iter().enumerate() {
            for b in &CRITERIA[i + 1..] {
                assert_ne!(a.number, b.number);
                assert_ne!(a.slug, b.slug);
            }
        }
    }

    #[test]
    fn every_rule_cites_criteria_that_exist() {
        for rule in crate::rules::all() {
            for number in rule.meta().wcag {
                assert!(
                    criterion(number).is_some(),
                    "rule {} cites unknown WCAG 2.2 criterion {number}",
                    rule.meta().id
                );
            }
        }
    }
}
