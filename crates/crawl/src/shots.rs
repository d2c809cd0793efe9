//! Cropped screenshots of failing elements, put on their findings (`Finding.screenshot`,
//! which the HTML report shows). Which elements, how many and how much is decided here;
//! the live page takes them (last on a page: it masks PHI in the page first and scrolls).

use portalscan_browser::crops;
use portalscan_core::dom::NodeData;
use portalscan_core::{Finding, NodeId, Outcome, Snapshot};

use crate::visitor::LivePage;

/// At most this many elements cropped per page: a page with hundreds of failures still
/// costs a bounded time and journal line.
pub const MAX_CROPS_PER_PAGE: usize = 50;
/// At most about this much PNG per page (base64 in the journal and reports is 4/3 of it).
pub const MAX_CROP_BYTES_PER_PAGE: usize = 1_500_000;

/// The elements to crop: those of `fail` findings, once each, in finding order, without
/// the document's own elements (a crop of `<html>` or `<body>` is the top of the page,
/// which shows nothing about the finding).
pub fn targets(snapshot: &Snapshot, findings: &[Finding]) -> Vec<NodeId> {
    let mut nodes: Vec<NodeId> = Vec::new();
    for f in findings.iter().filter(|f| f.outcome == Outcome::Fail) {
        let Some(node) = f.node else { continue };
        if nodes.contains(&node) {
            continue;
        }
        let Some(data) = snapshot.dom.nodes().get(node.0 as usize).map(|n| &n.data) else {
            continue;
        };
        if let NodeData::Element { name, .. } = data
            && matches!(name.as_str(), "html" | "head" | "body")
        {
            continue;
        }
        nodes.push(node);
        if nodes.len() == MAX_CROPS_PER_PAGE {
            break;
        }
    }
    nodes
}

/// Crops the failing elements and attaches them; returns how many elements got one. A
/// failure to take crops leaves the findings without screenshots (they are an aid, never
/// a reason to lose a page) and is the page's warning (the step and the error, no page
/// content).
pub fn attach(
    page: &dyn LivePage,
    snapshot: &Snapshot,
    findings: &mut [Finding],
    policy: portalscan_core::phi::screen::Policy,
) -> Result<usize, String> {
    let nodes = targets(snapshot, findings);
    if nodes.is_empty() {
        return Ok(0);
    }
    match page.crops(snapshot, &nodes, MAX_CROP_BYTES_PER_PAGE, policy) {
        Ok(shots) => {
            // On the fail findings only: a pass or review about the same element does not
            // need the picture, and with --all it would repeat it in the journal.
            let is_fail = |f: &&mut Finding| f.outcome == Outcome::Fail;
            let mut fails: Vec<Finding> = findings
                .iter_mut()
                .filter(is_fail)
                .map(|f| f.clone())
                .collect();
            crops::attach(&mut fails, &shots);
            for (f, shot) in findings.iter_mut().filter(is_fail).zip(fails) {
                f.screenshot = shot.screenshot;
            }
            Ok(shots.len())
        }
        Err(e) => Err(format!(
            "screenshots failed: {}",
            portalscan_core::phi::redact(&e)
        )),
    }
}
