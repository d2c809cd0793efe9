//! What a screenshot of a page may show: the masking policy the browser applies to the
//! live page before it crops failing elements (the browser only applies these masks).
//!
//! Two levels:
//! - **Identifiers** (always): every text and shown attribute in which the detectors, or
//!   the page's [`KnownValues`], find PHI gets its redacted form, as reports show it.
//! - **Hidden text** ([`Policy::HideText`], the default): detectors cannot recognise
//!   clinical free text ("your hemoglobin A1C came back high", "Dr. Sarah Chen"), so on a
//!   page that shows PHI every other text is hidden too (each character but white space
//!   becomes `*`), except the text of the element being cropped and of its labels. A crop
//!   then shows what is needed to recognise the element, and nothing readable around it.
//!
//! Hidden text is planned per crop: [`ScreenMasks::kept`] lists the texts some crop keeps
//! readable, with the crops that keep them; the browser hides them all, and shows one
//! crop's own while it takes that crop.

use std::collections::HashMap;

use super::{KnownValues, detect, detect_after_label, mask, redact, redact_attr};
use crate::a11y::PageA11y;
use crate::dom::{NodeData, NodeId};
use crate::snapshot::Snapshot;

/// How much of a page's text screenshots may show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Policy {
    /// On a page that shows PHI, only the cropped element's own text and its labels are
    /// readable (PHI in them still masked).
    #[default]
    HideText,
    /// Only detected PHI values are masked; clinical free text stays readable, so the
    /// screenshots carry PHI (`--screenshots unmasked`).
    IdentifiersOnly,
}

/// Attributes that show text to people (and may hold PHI).
pub const SHOWN_ATTRS: &[&str] = &["value", "placeholder", "title", "aria-label", "alt"];

/// One change to make in the live page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mask {
    /// The text node's new text.
    Text(String),
    /// The attribute (name, new value).
    Attr(String, String),
}

/// A text some crops keep readable: its readable form (PHI masked), its hidden form, and
/// the indexes (into the crop targets) of the crops that show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kept {
    pub node: NodeId,
    pub readable: Mask,
    pub hidden: Mask,
    pub targets: Vec<usize>,
}

/// Everything to change in the page before the crops of `targets`.
#[derive(Clone, Debug, Default)]
pub struct ScreenMasks {
    /// Applied once, before the first crop.
    pub page: Vec<(NodeId, Mask)>,
    /// Hidden before the first crop; crop `i` shows those whose `targets` hold `i`.
    pub kept: Vec<Kept>,
    /// Whether other text is hidden (a page that shows PHI, under [`Policy::HideText`]).
    pub hides_text: bool,
    known: KnownValues,
    /// For each node some crop keeps readable, those crops.
    keep: HashMap<NodeId, Vec<usize>>,
}

/// Most matches looked for one by one in a text (see [`redact_text`]).
const MAX_RESCANS: usize = 64;

/// `text` with PHI masked, for a screenshot: after each match the rest of the text is
/// scanned again on its own, so a value whose label follows another value ("MRN 00123456
/// DOB 04/12/1961", where the detectors see only the MRN in one pass) is masked too. A
/// screenshot may mask more than a report would; it must not mask less.
pub fn redact_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    for _ in 0..MAX_RESCANS {
        let matches = detect(rest);
        let Some(first) = matches
            .iter()
            .find(|m| rest.is_char_boundary(m.start) && rest.is_char_boundary(m.end))
        else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..first.start]);
        out.push_str(&mask(&rest[first.start..first.end]));
        rest = &rest[first.end..];
    }
    out.push_str(&redact(rest));
    out
}

/// `text` with PHI masked, when the text before it (`label`, the previous text on the
/// page) may name it: `<dt>MRN</dt><dd>00123456</dd>`, `<th>Date of birth</th><td>…`,
/// `<span>Patient</span> <b>Maria Alvarez</b>` (see [`detect_after_label`]). A short
/// text that is no label changes nothing, so this masks at least what [`redact_text`]
/// masks.
pub fn redact_text_after(label: &str, text: &str) -> String {
    let named = detect_after_label(label, text)
        .into_iter()
        .find(|m| text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    match named {
        Some(m) => format!(
            "{}{}{}",
            redact_text(&text[..m.start]),
            mask(&text[m.start..m.end]),
            redact_text(&text[m.end..])
        ),
        None => redact_text(text),
    }
}

/// `text` with nothing readable left: every character but white space becomes `*`, so
/// the layout keeps its lines and the reader sees where text was.
pub fn hide_text(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_whitespace() { c } else { '*' })
        .collect()
}

/// A shown attribute's value with PHI masked; `field` is the element's `name`, which
/// says what a `value` holds.
fn redact_shown_attr(name: &str, field: &str, value: &str, known: &KnownValues) -> String {
    let key = if name == "value" && !field.is_empty() {
        field
    } else {
        name
    };
    let mut redacted = redact_attr(key, value);
    if redacted == value {
        redacted = redact_text(value);
    }
    known.mask_in(&redacted).unwrap_or(redacted)
}

/// Elements whose text shows nothing on screen (their text nodes are left alone).
fn unrendered(name: &str) -> bool {
    matches!(
        name,
        "head" | "title" | "script" | "style" | "noscript" | "template"
    )
}

/// For every node, the crops (indexes into `targets`) that keep it readable: the target's
/// subtree (shadow trees included) and the subtrees of its labels (`<label>` elements and
/// `aria-labelledby`).
fn keepers(snapshot: &Snapshot, targets: &[NodeId]) -> HashMap<NodeId, Vec<usize>> {
    let dom = &snapshot.dom;
    let page = PageA11y::new(dom);
    let mut out: HashMap<NodeId, Vec<usize>> = HashMap::new();
    for (i, &target) in targets.iter().enumerate() {
        if target.index() >= dom.len() {
            continue;
        }
        let mut roots = vec![target];
        if let Some(el) = dom.element(target) {
            roots.extend(page.labels_of(target));
            for id in el.attr("aria-labelledby").unwrap_or("").split_whitespace() {
                roots.extend(dom.element_by_id(target, id));
            }
        }
        for root in roots {
            for n in root.index()..dom.subtree_end(root) {
                let owners = out.entry(NodeId(n as u32)).or_default();
                if !owners.contains(&i) {
                    owners.push(i);
                }
            }
        }
    }
    out
}

/// The masks for screenshots of `targets` on this page (see the module docs). Live form
/// values (typed, or set by script) are added with [`ScreenMasks::add_live_value`].
pub fn masks(snapshot: &Snapshot, targets: &[NodeId], policy: Policy) -> ScreenMasks {
    let known = KnownValues::of(snapshot);
    let identifiers = identifier_masks(snapshot, &known);
    // A page that shows PHI (or holds it anywhere: storage, API responses) may show more
    // than the detectors recognise.
    let hides_text = policy == Policy::HideText && !(identifiers.is_empty() && known.is_empty());
    if !hides_text {
        return ScreenMasks {
            page: identifiers,
            known,
            ..ScreenMasks::default()
        };
    }
    // The identifier mask of each text (`None`) and attribute, for the texts crops keep.
    let identified: HashMap<(NodeId, Option<&str>), &Mask> = identifiers
        .iter()
        .map(|(id, m)| match m {
            Mask::Text(_) => ((*id, None), m),
            Mask::Attr(name, _) => ((*id, Some(name.as_str())), m),
        })
        .collect();
    let dom = &snapshot.dom;
    let mut out = ScreenMasks {
        hides_text,
        keep: keepers(snapshot, targets),
        ..ScreenMasks::default()
    };
    // Nodes inside an element that renders no text: a subtree is the index range from its
    // root to `subtree_end` (pre-order).
    let mut silent_until = 0;
    for (i, node) in dom.nodes().iter().enumerate() {
        let id = NodeId(i as u32);
        match &node.data {
            _ if i < silent_until => {}
            NodeData::Element { name, .. } if unrendered(name) => {
                silent_until = dom.subtree_end(id);
            }
            NodeData::Text { text } if !text.trim().is_empty() => {
                let readable = identified.get(&(id, None)).map(|m| (*m).clone());
                let readable = readable.unwrap_or_else(|| Mask::Text(text.clone()));
                out.add(id, readable, Mask::Text(hide_text(text)));
            }
            NodeData::Element { attrs, .. } => {
                for (name, value) in attrs {
                    if !SHOWN_ATTRS.contains(&name.as_str()) || value.trim().is_empty() {
                        continue;
                    }
                    let readable = identified.get(&(id, Some(name.as_str())));
                    let readable = readable
                        .map(|m| (*m).clone())
                        .unwrap_or_else(|| Mask::Attr(name.clone(), value.clone()));
                    out.add(id, readable, Mask::Attr(name.clone(), hide_text(value)));
                }
            }
            _ => {}
        }
    }
    out.known = known;
    out
}

impl ScreenMasks {
    /// One text or attribute of a page whose text is hidden: hidden for good unless a
    /// crop keeps it (then `readable`, PHI masked, while that crop is taken).
    fn add(&mut self, node: NodeId, readable: Mask, hidden: Mask) {
        match self.keep.get(&node) {
            Some(targets) => self.kept.push(Kept {
                node,
                readable,
                hidden,
                targets: targets.clone(),
            }),
            None => self.page.push((node, hidden)),
        }
    }

    /// Adds a live form field's value (typed, or set by script: not in the snapshot's
    /// attributes), judged with the field's `name` or id: PHI masked, and hidden on a
    /// page whose text is hidden unless a crop keeps the field.
    pub fn add_live_value(&mut self, node: NodeId, field: &str, value: &str) {
        if value.is_empty() {
            return;
        }
        let redacted = redact_shown_attr("value", field, value, &self.known);
        let readable = Mask::Attr("value".into(), redacted);
        if self.hides_text {
            self.add(node, readable, Mask::Attr("value".into(), hide_text(value)));
        } else if readable != Mask::Attr("value".into(), value.into()) {
            self.page.push((node, readable));
        }
    }
}

/// The redacted form of every text and shown attribute with PHI, in document order.
fn identifier_masks(snapshot: &Snapshot, known: &KnownValues) -> Vec<(NodeId, Mask)> {
    let mut out = Vec::new();
    // The previous text on the page (document order), which may label this one.
    let mut previous = "";
    for (i, node) in snapshot.dom.nodes().iter().enumerate() {
        let id = NodeId(i as u32);
        match &node.data {
            NodeData::Text { text } => {
                if text.trim().is_empty() {
                    continue;
                }
                let redacted = redact_text_after(previous, text);
                let redacted = known.mask_in(&redacted).unwrap_or(redacted);
                if redacted != *text {
                    out.push((id, Mask::Text(redacted)));
                }
                previous = text;
            }
            NodeData::Element { attrs, .. } => {
                let field = attrs
                    .iter()
                    .find(|(n, _)| n == "name")
                    .map(|(_, v)| v.as_str())
                    .unwrap_or("");
                for (name, value) in attrs {
                    if !SHOWN_ATTRS.contains(&name.as_str()) {
                        continue;
                    }
                    let redacted = redact_shown_attr(name, field, value, known);
                    if redacted != *value {
                        out.push((id, Mask::Attr(name.clone(), redacted)));
                    }
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::tree::tests::build;

    #[test]
    fn screenshot_text_masks_values_one_pass_would_miss() {
        assert_eq!(
            redact_text("MRN 00123456 DOB 04/12/1961"),
            "MRN ******56 DOB ********61"
        );
        assert_eq!(redact_text("no PHI here"), "no PHI here");
        // Where one pass finds everything, the same masking as the reports.
        let t = "Patient SSN 536-22-8142, MRN: 00123456";
        assert_eq!(redact_text(t), redact(t));
        assert!(!redact_text(t).contains("536-22"));
    }

    #[test]
    fn screenshot_text_masks_values_labelled_by_the_text_before() {
        assert_eq!(redact_text_after("MRN", "00123456"), "******56");
        assert_eq!(
            redact_text_after("Date of birth", "04/12/1961"),
            "********61"
        );
        assert_eq!(
            redact_text_after("Patient:", "Maria Alvarez"),
            mask("Maria Alvarez")
        );
        assert_eq!(redact_text_after(" SSN ", " 536-22-8142 "), " *********42 ");
        // No label, no change beyond the text's own PHI.
        assert_eq!(
            redact_text_after("Appointments", "Thu, Dec 3"),
            "Thu, Dec 3"
        );
        assert_eq!(
            redact_text_after("", "MRN 00123456"),
            redact_text("MRN 00123456")
        );
        // A long text before is prose, not a label.
        let prose = "Your next lab draw can be done at any Riverside lab without an appointment";
        assert_eq!(redact_text_after(prose, "00123456"), "00123456");
    }

    #[test]
    fn hidden_text_keeps_white_space_only() {
        assert_eq!(
            hide_text("Dr. Sarah Chen\n9:30 AM"),
            "*** ***** ****\n**** **"
        );
    }

    /// A chart page: clinical free text the detectors cannot recognise, an MRN they can,
    /// a labelled field and a button (the two failing elements cropped).
    fn chart(mrn: &str, member: &str) -> Snapshot {
        let dom = build(&[
            (Some(0), "html"),                                // 1
            (Some(1), "head"),                                // 2
            (Some(2), "title"),                               // 3
            (Some(3), "#Chart"),                              // 4
            (Some(1), "body"),                                // 5
            (Some(5), "p|title=Your A1C results"),            // 6
            (Some(6), "#Your hemoglobin A1C came back high"), // 7
            (Some(5), "p"),                                   // 8
            (Some(8), mrn),                                   // 9
            (Some(5), "label|for=member"),                    // 10
            (Some(10), "#Member ID"),                         // 11
            (Some(5), member),                                // 12
            (Some(5), "button"),                              // 13
            (Some(13), "#Send to the care team"),             // 14
        ]);
        Snapshot::new("https://portal.example/s/chart", "test", dom)
    }

    const TARGETS: [NodeId; 2] = [NodeId(12), NodeId(13)];

    fn page_mask(m: &ScreenMasks, node: u32) -> Option<&Mask> {
        m.page
            .iter()
            .find(|(id, _)| *id == NodeId(node))
            .map(|(_, m)| m)
    }

    #[test]
    fn on_a_page_with_phi_only_the_cropped_element_and_its_label_are_readable() {
        let snapshot = chart(
            "#MRN 00123456",
            "input|id=member|name=member_id|value=XYZ123456789",
        );
        let m = masks(&snapshot, &TARGETS, Policy::HideText);
        assert!(m.hides_text);
        // Free text and its title attribute: hidden for every crop.
        assert_eq!(
            page_mask(&m, 7),
            Some(&Mask::Text("**** ********** *** **** **** ****".into()))
        );
        assert_eq!(
            page_mask(&m, 6),
            Some(&Mask::Attr("title".into(), "**** *** *******".into()))
        );
        assert_eq!(page_mask(&m, 9), Some(&Mask::Text("*** ********".into())));
        // Nothing in <head> renders.
        assert_eq!(page_mask(&m, 4), None);
        // The field (crop 0) keeps its label and its value, the value's PHI masked; the
        // button (crop 1) its own text; each hidden while the other is cropped.
        let kept: Vec<(u32, &Mask, &Mask, &[usize])> = m
            .kept
            .iter()
            .map(|k| (k.node.0, &k.readable, &k.hidden, k.targets.as_slice()))
            .collect();
        assert_eq!(
            kept,
            [
                (
                    11,
                    &Mask::Text("Member ID".into()),
                    &Mask::Text("****** **".into()),
                    &[0][..]
                ),
                (
                    12,
                    &Mask::Attr("value".into(), "**********89".into()),
                    &Mask::Attr("value".into(), "************".into()),
                    &[0][..]
                ),
                (
                    14,
                    &Mask::Text("Send to the care team".into()),
                    &Mask::Text("**** ** *** **** ****".into()),
                    &[1][..]
                ),
            ]
        );
        // No readable text is left on the page outside the kept ones.
        for (_, mask) in &m.page {
            let (Mask::Text(t) | Mask::Attr(_, t)) = mask;
            assert!(t.chars().all(|c| c == '*' || c.is_whitespace()), "{t}");
        }
    }

    #[test]
    fn a_page_without_phi_is_left_readable_and_unmasked_keeps_only_identifier_masks() {
        let clean = chart("#Lab hours 8 to 5", "input|id=member|name=nickname");
        let m = masks(&clean, &TARGETS, Policy::HideText);
        assert!(!m.hides_text);
        assert!(m.page.is_empty() && m.kept.is_empty(), "{m:?}");

        let chart = chart(
            "#MRN 00123456",
            "input|id=member|name=member_id|value=XYZ123456789",
        );
        let m = masks(&chart, &TARGETS, Policy::IdentifiersOnly);
        assert!(!m.hides_text && m.kept.is_empty());
        assert_eq!(
            m.page,
            [
                (NodeId(9), Mask::Text("MRN ******56".into())),
                (
                    NodeId(12),
                    Mask::Attr("value".into(), "**********89".into())
                ),
            ]
        );
    }

    #[test]
    fn live_values_are_masked_and_hidden_unless_their_crop_keeps_them() {
        let snapshot = chart("#MRN 00123456", "input|id=member|name=member_id");
        let mut m = masks(&snapshot, &TARGETS, Policy::HideText);
        // A field no crop keeps: hidden.
        m.add_live_value(NodeId(8), "note", "feeling better");
        assert_eq!(
            page_mask(&m, 8),
            Some(&Mask::Attr("value".into(), "******* ******".into()))
        );
        // The cropped field: readable in its crop, PHI masked.
        m.add_live_value(NodeId(12), "ssn", "536-22-8142");
        let k = m.kept.iter().find(|k| k.node == NodeId(12)).unwrap();
        assert_eq!(k.readable, Mask::Attr("value".into(), "*********42".into()));
        assert_eq!(k.targets, [0]);

        let mut m = masks(&snapshot, &TARGETS, Policy::IdentifiersOnly);
        m.add_live_value(NodeId(12), "ssn", "536-22-8142");
        m.add_live_value(NodeId(8), "note", "feeling better");
        assert_eq!(
            m.page.last(),
            Some(&(NodeId(12), Mask::Attr("value".into(), "*********42".into())))
        );
    }
}
