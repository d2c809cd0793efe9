//! The keyboard module on the fixture portal (real LWC, synthetic and native shadow, SLDS).

mod support;

use std::path::PathBuf;
use std::time::Duration;

use portalscan_browser::keyboard::{self, WalkOptions};
use portalscan_core::NodeId;
use portalscan_portal_fixture::{ServerOptions, start};
use support::Chrome;

fn portal() -> portalscan_portal_fixture::Server {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/portal");
    start(ServerOptions::new(root)).expect("the fixture portal is built (scripts/setup.sh)")
}

/// Opens a portal page with the pointer hook and waits for the app to render (it fetches
/// the patient record first), then maps its nodes.
fn open(chrome: &Chrome, server: &portalscan_portal_fixture::Server, path: &str) -> support::Page {
    let url = format!("{}{path}", server.url());
    let page = chrome.open_with(&url, |tab| keyboard::install_pointer_hook(tab).unwrap());
    for _ in 0..100 {
        if page.eval("!!document.querySelector('footer a')") == serde_json::json!(true) {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // LWC renders in microtasks after the data arrives; give it a moment to finish.
    std::thread::sleep(Duration::from_millis(500));
    chrome.reopen(page)
}

fn tags(page: &support::Page, nodes: impl IntoIterator<Item = NodeId>) -> Vec<String> {
    nodes.into_iter().map(|n| page.describe(n)).collect()
}

#[test]
fn synthetic_shadow_page_skip_link_under_header_and_lwc_click_listeners() {
    let server = portal();
    let chrome = Chrome::launch();
    let page = open(&chrome, &server, "/s/appointments");
    let walk = keyboard::tab_walk(&page.tab, &page.map, &WalkOptions::default()).unwrap();
    assert!(walk.cycled);
    assert_eq!(walk.trap, None);
    let skip = walk
        .stops
        .iter()
        .find(|s| page.describe(s.node).contains("skip-link"))
        .expect("the skip link is a Tab stop");
    let covered = skip.obscured.unwrap();
    assert_eq!(covered.covered_fraction, 1.0);
    assert!(
        page.describe(covered.by.unwrap())
            .contains("portal-header__bar")
    );
    let handlers = keyboard::pointer_handlers(&page.tab, &page.map).unwrap();
    let toggles: Vec<_> = handlers
        .iter()
        .filter(|n| page.describe(**n).contains("appt-toggle"))
        .collect();
    assert_eq!(
        toggles.len(),
        2,
        "{:?}",
        tags(&page, handlers.iter().copied())
    );
    // The "Show visit details" divs have a click listener but are not in the Tab order.
    assert!(
        toggles
            .iter()
            .all(|t| walk.stops.iter().all(|s| s.node != **t))
    );
}

#[test]
fn terms_dialog_traps_the_keyboard() {
    let server = portal();
    let chrome = Chrome::launch();
    let page = open(&chrome, &server, "/s/messages");
    let walk = keyboard::tab_walk(&page.tab, &page.map, &WalkOptions::default()).unwrap();
    let trap = walk.trap.expect("a trap");
    assert_eq!(trap.keys_tried, ["Tab", "Shift+Tab", "Escape"]);
    let trapped = tags(&page, trap.nodes.iter().copied());
    assert_eq!(trapped.len(), 2, "{trapped:?}");
    assert!(
        trapped.iter().all(|t| t.contains("trap-item")),
        "{trapped:?}"
    );
    assert!(!walk.cycled);
}

#[test]
fn welcome_dialog_that_escape_closes_is_not_a_trap_and_closed_roots_are_walked() {
    let server = portal();
    let chrome = Chrome::launch();
    let page = open(&chrome, &server, "/s/intake");
    let walk = keyboard::tab_walk(&page.tab, &page.map, &WalkOptions::default()).unwrap();
    assert_eq!(walk.trap, None);
    assert!(walk.cycled);
    let stops = tags(&page, walk.stops.iter().map(|s| s.node));
    assert!(
        stops.iter().any(|t| t.contains("welcome-start")),
        "{stops:?}"
    );
    assert!(
        stops.iter().any(|t| t.contains("intake-submit")),
        "{stops:?}"
    );
    let page = open(&chrome, &server, "/s/records");
    let walk = keyboard::tab_walk(&page.tab, &page.map, &WalkOptions::default()).unwrap();
    // The copy button lives in rh-mrn-badge's closed shadow root.
    let stops = tags(&page, walk.stops.iter().map(|s| s.node));
    assert!(
        stops.iter().any(|t| t.contains("class=\"copy\"")),
        "{stops:?}"
    );
}

#[test]
fn back_after_logout_shows_records_from_bfcache_but_not_home() {
    let server = portal();
    let chrome = Chrome::launch();
    let page = open(&chrome, &server, "/s/home");
    let logout = format!("{}/s/logout", server.url());
    let settle = Duration::from_millis(500);
    let records = format!("{}/s/records", server.url());
    let restored = keyboard::restored_after_logout(&page.tab, &records, &logout, settle).unwrap();
    let restored = restored.expect("records comes back");
    assert_eq!(restored.via, "bfcache");
    assert_eq!(restored.logout_url, logout);
    // Logged out now: sign in again (a POST, as the form does) and try the no-store page.
    let home = format!("{}/s/home", server.url());
    let login = "fetch('/s/login', {method: 'POST', body: new URLSearchParams({username: 'p', password: 'p'})}).then(() => true)";
    page.tab.evaluate(login, true).unwrap();
    let restored = keyboard::restored_after_logout(&page.tab, &home, &logout, settle).unwrap();
    assert_eq!(restored, None);
}

/// The hook against DevTools' own listener list (DOMDebugger.getEventListeners over the
/// whole tree): the same elements on an LWC page. Times are printed, not asserted.
#[test]
fn pointer_hook_agrees_with_devtools_listener_list() {
    use std::collections::BTreeSet;
    let server = portal();
    let chrome = Chrome::launch();
    for path in ["/s/appointments", "/s/intake"] {
        let page = open(&chrome, &server, path);
        let started = std::time::Instant::now();
        let hooked: BTreeSet<NodeId> = keyboard::pointer_handlers(&page.tab, &page.map)
            .unwrap()
            .into_iter()
            .collect();
        let hook_time = started.elapsed();
        let started = std::time::Instant::now();
        let listed = support::pointer_listeners_by_devtools(&page.tab, &page.map);
        eprintln!(
            "{path}: hook {} elements in {hook_time:?}; DOMDebugger.getEventListeners {} in {:?}",
            hooked.len(),
            listed.len(),
            started.elapsed()
        );
        assert_eq!(hooked, listed, "{path}");
    }
}
