//! Elements with pointer listeners (click, mousedown, mouseup, pointerdown, pointerup).

use portalscan_core::NodeId;
use serde_json::json;

use super::remote;
use crate::cdp::{self, Conn};
use crate::{BrowserError, NodeMap};

/// The hook (see `hook.js`); its global's name is spelled there and in `HOOK_NAME`.
pub(crate) const HOOK: &str = include_str!("hook.js");
pub(crate) const HOOK_NAME: &str = "__portalscan_keyboard_7c1e";

pub(crate) fn install(cx: &Conn) -> Result<(), BrowserError> {
    cdp::call(
        cx,
        "installing the pointer hook",
        cdp::AddScript(json!({"source": HOOK})),
    )?;
    Ok(())
}

/// Elements with an `on…` attribute from markup (never seen by the hook: the parser sets
/// them without a script call), through open shadow roots.
const INLINE: &str = "(() => {
    const sel = '[onclick],[onmousedown],[onmouseup],[onpointerdown],[onpointerup]';
    const out = [];
    const stack = [document];
    while (stack.length) {
        const root = stack.pop();
        for (const el of root.querySelectorAll('*')) {
            if (el.matches(sel)) out.push(el);
            if (el.shadowRoot) stack.push(el.shadowRoot);
        }
    }
    return out;
})()";

pub(crate) fn handlers(cx: &Conn, map: &NodeMap) -> Result<Vec<NodeId>, BrowserError> {
    let hooked =
        format!("(() => {{ const h = window['{HOOK_NAME}']; return h ? h.targets() : null; }})()");
    let Some(targets) = remote::eval_object(cx, None, "reading pointer listeners", &hooked)? else {
        remote::release(cx);
        return Err(BrowserError::Protocol(
            "reading pointer listeners: the hook was not installed before the page loaded".into(),
        ));
    };
    let world = remote::isolated_world(cx)?;
    let result = (|| {
        let mut objects = remote::array_items(cx, &targets)?;
        if let Some(inline) =
            remote::eval_object(cx, Some(world), "reading on… attributes", INLINE)?
        {
            objects.extend(remote::array_items(cx, &inline)?);
        }
        let mut nodes = Vec::with_capacity(objects.len());
        for object in objects {
            let backend = remote::describe(cx, &object)?.backend;
            nodes.extend(map.node(backend));
        }
        // Arena order is document order.
        nodes.sort();
        nodes.dedup();
        Ok(nodes)
    })();
    remote::release(cx);
    result
}
