//! Out-of-process frames: a cross-site frame (under Chromium's site isolation, which
//! headless Chromium keeps) is rendered by another process, so the page's DOMSnapshot
//! does not hold its document. Each such frame is a DevTools target of its own (type
//! `iframe`, its target id the frame's id): `DOM.getFrameOwner` on the parent's connection
//! names its frame element, and its document is captured over a connection of our own to
//! it, as the page's is, then attached to that element with its boxes moved onto the page.
//!
//! A frame that cannot be read (gone since the page settled, no debugging port) stays
//! unattached: the page's coverage lists it, as before.

use std::collections::HashSet;

use portalscan_core::Dom;
use portalscan_core::dom::NodeId;
use serde_json::json;

use super::{
    MAX_FRAME_DEPTH, capture_snapshot, content_origin, frame_document, with_frame_documents,
};
use crate::cdp::{Conn, GetFrameOwner, GetTargets, call};
use crate::{BackendNodeId, BrowserError, NodeMap};

/// Attaches the documents of the out-of-process frames whose elements are in `dom` (read
/// over `conn`: the page's, or a frame's for the frames inside it) and not yet attached.
pub(super) fn attach_remote_frames(
    conn: &Conn,
    dom: Dom,
    node_map: NodeMap,
    depth: usize,
    frames_left: &mut usize,
) -> Result<(Dom, NodeMap), BrowserError> {
    if depth >= MAX_FRAME_DEPTH || *frames_left == 0 || !conn.is_direct() {
        return Ok((dom, node_map));
    }
    let unattached: HashSet<NodeId> = dom
        .elements()
        .filter(|e| e.is("iframe") || e.is("frame"))
        .filter(|e| dom.content_document(e.id).is_none())
        .map(|e| e.id)
        .collect();
    if unattached.is_empty() {
        return Ok((dom, node_map));
    }
    // Every frame target of the browser; only this document's frames have an owner here.
    let Ok(targets) = call(conn, "listing out-of-process frames", GetTargets(json!({}))) else {
        return Ok((dom, node_map));
    };
    let frame_targets = targets["targetInfos"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|t| t["type"] == "iframe")
        .filter_map(|t| t["targetId"].as_str());
    let mut frames = Vec::new();
    let mut attached = HashSet::new();
    for target in frame_targets {
        if *frames_left == 0 {
            break;
        }
        let Some(owner) = owner_element(conn, target, &node_map)
            .filter(|o| unattached.contains(o) && !attached.contains(o))
        else {
            continue;
        };
        let Some(frame_conn) = Conn::open_target(conn.tab, target) else {
            continue;
        };
        *frames_left -= 1;
        let origin = content_origin(&dom, owner);
        if let Ok((url, frame)) = capture_frame(&frame_conn, origin, depth + 1, frames_left) {
            attached.insert(owner);
            frames.push((owner, url, frame));
        }
    }
    with_frame_documents(dom, node_map, frames, Vec::new())
}

/// The element in `node_map`'s document that shows frame `target`, if it is there.
fn owner_element(conn: &Conn, target: &str, node_map: &NodeMap) -> Option<NodeId> {
    let owner = call(
        conn,
        "finding a frame's element",
        GetFrameOwner(json!({ "frameId": target })),
    )
    .ok()?;
    let backend = BackendNodeId::try_from(owner["backendNodeId"].as_u64()?).ok()?;
    node_map.node(backend)
}

/// One out-of-process frame's document (its URL and tree), with the frames inside it.
fn capture_frame(
    conn: &Conn,
    origin: Option<(f64, f64)>,
    depth: usize,
    frames_left: &mut usize,
) -> Result<(String, Dom), BrowserError> {
    let raw = capture_snapshot(conn, "capturing a frame's DOM snapshot")?;
    let url = raw
        .documents
        .first()
        .and_then(|d| raw.string(d.document_url))
        .unwrap_or("")
        .to_string();
    let (frame, frame_map) = frame_document(conn, &raw, 0, origin, depth, frames_left)?;
    let (frame, _) = attach_remote_frames(conn, frame, frame_map, depth, frames_left)?;
    Ok((url, frame))
}
