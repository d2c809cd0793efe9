//! Elements the browser shows modally (`:modal`: a dialog opened with `showModal()`, a
//! fullscreen element), through open shadow roots and same-origin frames. The core makes
//! the rest of their document inert ([`portalscan_core::dom::Node::modal`]).

use portalscan_core::NodeId;

use super::remote;
use crate::cdp::Conn;
use crate::{BrowserError, NodeMap};

/// Runs in our isolated world: LWC synthetic shadow's patched `querySelectorAll` cannot
/// hide a component's dialog.
const MODAL: &str = "(() => {
    const out = [];
    const stack = [document];
    while (stack.length) {
        const root = stack.pop();
        for (const el of root.querySelectorAll('*')) {
            if ((el.localName === 'dialog' || el === document.fullscreenElement) && el.matches(':modal')) out.push(el);
            if (el.shadowRoot) stack.push(el.shadowRoot);
            if (el.localName === 'iframe' || el.localName === 'frame') {
                try { if (el.contentDocument) stack.push(el.contentDocument); } catch (e) {}
            }
        }
    }
    return out;
})()";

pub(crate) fn modal_elements(cx: &Conn, map: &NodeMap) -> Result<Vec<NodeId>, BrowserError> {
    let world = remote::isolated_world(cx)?;
    let result = (|| {
        let Some(found) = remote::eval_object(cx, Some(world), "finding modal elements", MODAL)?
        else {
            return Ok(Vec::new());
        };
        let mut nodes = Vec::new();
        for object in remote::array_items(cx, &found)? {
            let backend = remote::describe(cx, &object)?.backend;
            nodes.extend(map.node(backend));
        }
        Ok(nodes)
    })();
    remote::release(cx);
    result
}
