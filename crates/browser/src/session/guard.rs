//! Blocks out-of-scope navigations inside the browser: every document request of the tab's
//! main frame (a link followed by script, a server redirect, `location = …`) is paused by the
//! DevTools Fetch domain and failed (`BlockedByClient`) unless the scope allows it. So an
//! out-of-scope server never receives a navigation, even one the crawler did not start.
//! Subresources (images, scripts, frames) are the page's own business and are not touched.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::NavigationPolicy;
use crate::BrowserError;
use headless_chrome::Tab;
use headless_chrome::browser::tab::RequestPausedDecision;
use headless_chrome::protocol::cdp::Fetch::events::RequestPausedEvent;
use headless_chrome::protocol::cdp::Fetch::{FailRequest, RequestPattern, RequestStage};
use headless_chrome::protocol::cdp::Network::{ErrorReason, ResourceType};

pub struct ScopeGuard {
    policy: Arc<dyn NavigationPolicy>,
    /// During a form login, any page on a seed's origin (login flows redirect around).
    login: AtomicBool,
    /// Navigations blocked since the last `take_blocked` (normalised URLs).
    blocked: Mutex<Vec<String>>,
}

impl ScopeGuard {
    pub fn new(policy: Arc<dyn NavigationPolicy>) -> ScopeGuard {
        ScopeGuard {
            policy,
            login: AtomicBool::new(false),
            blocked: Mutex::new(Vec::new()),
        }
    }

    pub fn allows(&self, url: &str) -> bool {
        // No network behind these.
        if ["about:", "data:", "blob:"]
            .iter()
            .any(|s| url.starts_with(s))
        {
            return true;
        }
        self.policy.allows(url)
            || (self.login.load(Ordering::SeqCst) && self.policy.allows_while_logging_in(url))
    }

    pub fn set_login(&self, on: bool) {
        self.login.store(on, Ordering::SeqCst);
    }

    /// The navigations blocked since the last call.
    pub fn take_blocked(&self) -> Vec<String> {
        std::mem::take(&mut *self.blocked.lock().unwrap())
    }

    /// Installs the guard on a tab (before its first navigation).
    pub fn install(self: &Arc<Self>, tab: &Arc<Tab>) -> Result<(), BrowserError> {
        // A page target's main frame has the target's id.
        let main_frame = tab.get_target_id().clone();
        let patterns = [RequestPattern {
            url_pattern: Some("*".into()),
            resource_Type: Some(ResourceType::Document),
            request_stage: Some(RequestStage::Request),
        }];
        tab.enable_fetch(Some(&patterns), None)
            .map_err(|e| BrowserError::protocol("Fetch.enable", e))?;
        let guard = Arc::clone(self);
        tab.enable_request_interception(Arc::new(
            move |_transport, _session, event: RequestPausedEvent| {
                let params = &event.params;
                if params.frame_id != main_frame || guard.allows(&params.request.url) {
                    return RequestPausedDecision::Continue(None);
                }
                guard
                    .blocked
                    .lock()
                    .unwrap()
                    .push(params.request.url.clone());
                RequestPausedDecision::Fail(FailRequest {
                    request_id: params.request_id.clone(),
                    error_reason: ErrorReason::BlockedByClient,
                })
            },
        ))
        .map_err(|e| BrowserError::protocol("request interception", e))
    }
}
