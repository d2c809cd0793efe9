//! The keyboard module against real Chromium and small pages served on loopback.

mod support;

use std::time::Duration;

use portalscan_browser::keyboard::{self, WalkOptions};
use portalscan_core::color::{Rgba, contrast_ratio};
use support::{Chrome, Reply, Server};

fn no_indicator() -> WalkOptions {
    WalkOptions {
        measure_indicator: false,
        ..WalkOptions::default()
    }
}

/// What a walk of one page gave: the walk, its stops' ids, its trap's ids (if any).
struct Walked {
    walk: portalscan_core::snapshot::KeyboardWalk,
    stops: Vec<String>,
    trap: Option<Vec<String>>,
}

/// Serves `html` at `/` in a fresh browser and walks it with `opts`.
fn walk_html(html: &'static str, opts: &WalkOptions) -> Walked {
    let server = Server::pages(&[("/", html)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    let walk = keyboard::tab_walk(&page.tab, &page.map, opts).unwrap();
    let stops = page.ids(walk.stops.iter().map(|s| s.node));
    let trap = walk
        .trap
        .as_ref()
        .map(|t| page.ids(t.nodes.iter().copied()));
    Walked { walk, stops, trap }
}

const ORDER: &str = r##"<!doctype html><title>order</title>
<a id="a" href="#x">a</a> <button id="b">b</button> <input id="c">
<a id="no-href">not focusable</a> <div id="minus" tabindex="-1">-1</div>
<span id="f" tabindex="0">f</span>"##;

#[test]
fn plain_page_is_walked_in_order_and_cycles() {
    let Walked { walk, stops, .. } = walk_html(ORDER, &no_indicator());
    assert_eq!(stops, ["a", "b", "c", "f"]);
    assert!(walk.cycled);
    assert!(!walk.truncated);
    assert_eq!(walk.trap, None);
}

#[test]
fn press_limit_truncates() {
    let server = Server::pages(&[("/", ORDER)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    let opts = WalkOptions {
        max_presses: 2,
        ..no_indicator()
    };
    let walk = keyboard::tab_walk(&page.tab, &page.map, &opts).unwrap();
    assert_eq!(page.ids(walk.stops.iter().map(|s| s.node)), ["a", "b"]);
    assert!(walk.truncated);
    assert!(!walk.cycled);
}

#[test]
fn positive_tabindex_comes_first() {
    let html = r#"<!doctype html><a id="x" href="/">x</a>
        <button id="y" tabindex="2">y</button><button id="z" tabindex="1">z</button>"#;
    let server = Server::pages(&[("/", html)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    let walk = keyboard::tab_walk(&page.tab, &page.map, &no_indicator()).unwrap();
    assert_eq!(page.ids(walk.stops.iter().map(|s| s.node)), ["z", "y", "x"]);
    assert!(walk.cycled);
}

/// Tab from the last button goes back to the first, Shift+Tab from the first to the last,
/// Escape does nothing.
const TRAP: &str = r##"<!doctype html><a id="before" href="#">before</a>
<div id="trap"><button id="t1">1</button><button id="t2">2</button><button id="t3">3</button></div>
<a id="after" href="#">after</a>
<script>
const first = document.getElementById('t1'), last = document.getElementById('t3');
document.getElementById('trap').addEventListener('keydown', e => {
  if (e.key !== 'Tab') return;
  if (!e.shiftKey && e.target === last) { e.preventDefault(); first.focus(); }
  if (e.shiftKey && e.target === first) { e.preventDefault(); last.focus(); }
});
</script>"##;

/// The same cycle, but Escape closes the dialog and gives focus back to the link before.
const MODAL: &str = r##"<!doctype html><a id="before" href="#">before</a>
<div id="modal" role="dialog"><button id="m1">1</button><button id="m2">2</button></div>
<a id="after" href="#">after</a>
<script>
const modal = document.getElementById('modal');
const first = document.getElementById('m1'), last = document.getElementById('m2');
modal.addEventListener('keydown', e => {
  if (e.key === 'Escape') { modal.hidden = true; document.getElementById('before').focus(); }
  if (e.key !== 'Tab') return;
  if (!e.shiftKey && e.target === last) { e.preventDefault(); first.focus(); }
  if (e.shiftKey && e.target === first) { e.preventDefault(); last.focus(); }
});
</script>"##;

#[test]
fn keyboard_trap_is_reported_with_the_keys_tried() {
    let Walked { walk, stops, trap } = walk_html(TRAP, &no_indicator());
    assert_eq!(stops, ["before", "t1", "t2", "t3"]);
    assert_eq!(trap.expect("a trap"), ["t1", "t2", "t3"]);
    assert_eq!(
        walk.trap.map(|t| t.keys_tried),
        Some(vec!["Tab".into(), "Shift+Tab".into(), "Escape".into()])
    );
    assert!(!walk.cycled);
}

#[test]
fn modal_that_escape_closes_is_not_a_trap() {
    let Walked { walk, stops, .. } = walk_html(MODAL, &no_indicator());
    assert_eq!(walk.trap, None);
    assert_eq!(stops, ["before", "m1", "m2", "after"]);
    assert!(walk.cycled);
}

/// A focus sentinel after a dialog sends Tab back to its first field; Shift+Tab from
/// there leaves the page; a link after the sentinel is reached only backwards.
const SENTINEL: &str = r##"<!doctype html><title>sentinel</title>
<div role="dialog" aria-modal="true" aria-label="Sign in"><input id="first"> <button id="close">Close</button></div>
<div aria-hidden="true"><a id="sentinel" href="#" style="position:absolute; top:-999em">wrap</a></div>
<a id="after" href="/after">After</a>
<script>sentinel.addEventListener('focus', () => first.focus());</script>"##;

#[test]
fn a_cycle_that_shift_tab_leaves_is_walked_on_from_the_end() {
    let Walked { walk, stops, .. } = walk_html(SENTINEL, &no_indicator());
    // In Tab order; the sentinel is never a stop (it hands focus on at once).
    assert_eq!(stops, ["first", "close", "after"]);
    assert_eq!(walk.trap, None);
    assert!(walk.cycled, "every stop was seen from one end or the other");
    assert!(!walk.truncated);
}

/// A button whose blur handler takes focus back 10 ms later: Tab shows the next link for
/// a moment, then focus is back on the button. Keyboard users cannot get past it.
const REFOCUS_ON_BLUR: &str = r##"<!doctype html><title>refocus</title>
<a id="l1" href="#">Link 1</a>
<button id="b1" onblur="setTimeout(() => this.focus(), 10)">Button 1</button>
<a id="l2" href="#">Link 2</a>"##;

#[test]
fn focus_taken_back_on_a_timer_is_a_trap() {
    let Walked { walk, stops, trap } = walk_html(REFOCUS_ON_BLUR, &WalkOptions::default());
    // Link 2 is never a stop: focus only passes through it.
    assert_eq!(stops, ["l1", "b1"]);
    assert_eq!(trap.expect("a trap"), ["b1"]);
    assert_eq!(
        walk.trap.as_ref().map(|t| t.keys_tried.clone()),
        Some(vec!["Tab".into(), "Shift+Tab".into(), "Escape".into()])
    );
    // The button's indicator was measured while the page moved focus: unknown, not "none".
    assert_eq!(walk.stops[1].indicator, None);
}

/// A toolbar whose buttons hand focus to each other on blur (a trap for Tab, Shift+Tab
/// and Escape), with the way out named on the page: Ctrl+M works, Alt+F10 does nothing.
fn toolbar_trap(instructions: &str) -> &'static str {
    // Leaked: the test server serves `'static` pages.
    String::leak(format!(
        r##"<!doctype html><p>{instructions}</p><a id="l1" href="#">Link 1</a>
<button id="b1" onblur="if (trapOn) document.getElementById('b2').focus()">Bold</button>
<button id="b2" onblur="if (trapOn) document.getElementById('b1').focus()">Italic</button>
<a id="l2" href="#">Link 2</a>
<script>
let trapOn = true;
document.addEventListener('keydown', e => {{
  if (e.ctrlKey && e.keyCode === 77) {{ trapOn = false; document.getElementById('l2').focus(); }}
}});
</script>"##
    ))
}

#[test]
fn a_trap_is_tried_with_the_keys_the_page_names() {
    let Walked { walk, trap, .. } = walk_html(
        toolbar_trap("Press Alt+F10 or Ctrl+M to leave the toolbar"),
        &WalkOptions::default(),
    );
    assert_eq!(trap.expect("a trap"), ["b1", "b2"]);
    let trap = walk.trap.expect("a trap");
    assert!(trap.advertised_tried);
    let tried: Vec<(&str, bool)> = trap
        .advertised
        .iter()
        .map(|e| (e.keys.as_str(), e.freed))
        .collect();
    assert_eq!(tried, [("Alt+F10", false), ("Ctrl+M", true)]);

    // Named nowhere: tried, nothing advertised.
    let Walked { walk, .. } = walk_html(toolbar_trap("Formatting"), &WalkOptions::default());
    let trap = walk.trap.expect("a trap");
    assert!(
        trap.advertised_tried && trap.advertised.is_empty(),
        "{trap:?}"
    );
}

#[test]
fn shadow_roots_open_and_closed_are_entered() {
    let html = r#"<!doctype html><a id="first" href="/">first</a>
        <open-host id="oh"></open-host><closed-host id="ch"></closed-host>
        <a id="last" href="/">last</a>
        <script>
        const o = document.getElementById('oh').attachShadow({mode: 'open'});
        o.innerHTML = '<button id="open-btn">open</button>';
        const c = document.getElementById('ch').attachShadow({mode: 'closed'});
        c.innerHTML = '<span>in closed</span><button id="closed-btn">closed</button>';
        </script>"#;
    let server = Server::pages(&[("/", html)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    let walk = keyboard::tab_walk(&page.tab, &page.map, &no_indicator()).unwrap();
    assert_eq!(
        page.ids(walk.stops.iter().map(|s| s.node)),
        ["first", "open-btn", "closed-btn", "last"]
    );
    assert!(walk.cycled);
}

/// Buttons of exactly 100x30 px at whole-pixel positions on white, so the ring's pixels
/// can be counted: a 3 px black outline, a 2 px blue box-shadow ring, and none.
const INDICATORS: &str = r#"<!doctype html><style>
body { margin: 0; background: #fff; }
button, input { display: block; box-sizing: border-box; width: 100px; height: 30px; margin: 20px;
  border: 0; padding: 0; background: #fff; color: #fff; font: 12px monospace; }
#ring:focus { outline: 3px solid #000; outline-offset: 0; }
#shadow { outline: none; } #shadow:focus-visible { box-shadow: 0 0 0 2px #0000ff; }
#none, #text { outline: none; }
</style>
<button id="ring">r</button><button id="shadow">s</button><button id="none">n</button>
<input id="text" value="typed text">"#;

#[test]
fn focus_indicator_is_measured_by_comparing_renderings() {
    let server = Server::pages(&[("/", INDICATORS)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    let walk = keyboard::tab_walk(&page.tab, &page.map, &WalkOptions::default()).unwrap();
    let ids = page.ids(walk.stops.iter().map(|s| s.node));
    assert_eq!(ids, ["ring", "shadow", "none", "text"]);
    let ind: Vec<_> = walk
        .stops
        .iter()
        .map(|s| s.indicator.expect("measured"))
        .collect();
    // The clip is the 100x30 box grown by 4 px on each side.
    for i in &ind {
        assert_eq!(i.margin_px, 4.0);
        assert_eq!(i.compared_pixels, 108 * 38);
    }
    assert_eq!(ind[0].changed_pixels, 106 * 36 - 100 * 30);
    assert_eq!(ind[0].max_contrast, 21.0);
    assert_eq!(ind[1].changed_pixels, 104 * 34 - 100 * 30);
    let blue = contrast_ratio(
        Rgba::from_u8(0, 0, 255, 1.0),
        Rgba::from_u8(255, 255, 255, 1.0),
    );
    assert_eq!(ind[1].max_contrast, blue);
    assert_eq!(ind[2].changed_pixels, 0);
    assert_eq!(ind[2].max_contrast, 1.0);
    // The caret is hidden while measuring: a text field without a focus style shows none.
    assert_eq!(ind[3].changed_pixels, 0);
    // Measuring does not change the order.
    let plain = keyboard::tab_walk(&page.tab, &page.map, &no_indicator()).unwrap();
    assert_eq!(page.ids(plain.stops.iter().map(|s| s.node)), ids);
}

/// Focus styles that fade in and out over 3 s (SLDS fades its borders over 0.1–0.15 s).
const FADING: &str = r#"<!doctype html><style>
body { margin: 0; background: #fff; }
button { display: block; box-sizing: border-box; width: 100px; height: 30px; margin: 20px;
  border: 0; padding: 0; background: #fff; color: #fff; outline: none;
  box-shadow: 0 0 0 3px #fff; transition: box-shadow 3s linear; }
#fading:focus { box-shadow: 0 0 0 3px #000; }
</style><button id="fading">f</button><button id="still">s</button>"#;

#[test]
fn a_focus_style_that_fades_in_is_measured_at_its_end() {
    let server = Server::pages(&[("/", FADING)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    let walk = keyboard::tab_walk(&page.tab, &page.map, &WalkOptions::default()).unwrap();
    assert_eq!(
        page.ids(walk.stops.iter().map(|s| s.node)),
        ["fading", "still"]
    );
    let fading = walk.stops[0].indicator.expect("measured");
    // The whole 3 px ring, black on white: the transition was brought to its end, not
    // sampled part way (a fading ring is grey for most of its 3 s).
    assert_eq!(fading.changed_pixels, 106 * 36 - 100 * 30);
    assert_eq!(fading.max_contrast, 21.0);
    assert_eq!(walk.stops[1].indicator.expect("measured").changed_pixels, 0);
}

/// A fixed header (60 px, ignoring the pointer) over the top of the page.
const STICKY: &str = r#"<!doctype html><style>
body { margin: 0; height: 2000px; }
header { position: fixed; top: 0; left: 0; right: 0; height: 60px; background: #333;
  z-index: 10; pointer-events: none; }
a { position: absolute; left: 10px; width: 100px; height: 20px; display: block; }
</style><header id="header"><span>Portal</span></header>
<a id="under" href="/" style="top: 20px">under</a>
<a id="half" href="/" style="top: 50px">half</a>
<a id="clear" href="/" style="top: 100px">clear</a>"#;

#[test]
fn focus_under_a_fixed_header_is_obscured() {
    let server = Server::pages(&[("/", STICKY)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    let walk = keyboard::tab_walk(&page.tab, &page.map, &no_indicator()).unwrap();
    assert_eq!(
        page.ids(walk.stops.iter().map(|s| s.node)),
        ["under", "half", "clear"]
    );
    let ob: Vec<_> = walk
        .stops
        .iter()
        .map(|s| s.obscured.expect("measured"))
        .collect();
    assert_eq!(ob[0].covered_fraction, 1.0);
    assert_eq!(page.ids(ob[0].by), ["header"]);
    // Rows of samples at y = 52, 56 are under the header; 60, 64, 68 are not.
    assert_eq!(ob[1].covered_fraction, 0.4);
    assert_eq!(page.ids(ob[1].by), ["header"]);
    assert_eq!(ob[2].covered_fraction, 0.0);
    assert_eq!(ob[2].by, None);
}

#[test]
fn pointer_handlers_from_script_properties_and_markup() {
    let html = r#"<!doctype html>
        <div id="listener">l</div><div id="property">p</div>
        <div id="markup" onclick="void 0">m</div><div id="keys-only">k</div>
        <div id="removed-type">r</div><shadow-host id="host"></shadow-host>
        <div id="removed">gone</div><div id="capture-kept">kept</div><div id="nulled">n</div>
        <script>
        document.getElementById('listener').addEventListener('click', () => {});
        document.getElementById('property').onmousedown = () => {};
        document.getElementById('keys-only').addEventListener('keydown', () => {});
        document.getElementById('removed-type').addEventListener('focus', () => {});
        // Removed again (matching by type, listener and capture): no longer a handler.
        const f = () => {};
        document.getElementById('removed').addEventListener('click', f, {capture: true});
        document.getElementById('removed').removeEventListener('click', f, true);
        // Removing the bubbling one leaves the capturing one.
        document.getElementById('capture-kept').addEventListener('click', f, true);
        document.getElementById('capture-kept').addEventListener('click', f);
        document.getElementById('capture-kept').removeEventListener('click', f);
        document.getElementById('nulled').onclick = f;
        document.getElementById('nulled').onclick = null;
        const root = document.getElementById('host').attachShadow({mode: 'open'});
        root.innerHTML = '<span id="inner">in shadow</span>';
        root.getElementById('inner').addEventListener('pointerdown', () => {}, {passive: true});
        // The wrapped addEventListener returns what the original does, with the same `this`.
        window.result = document.body.addEventListener('mouseup', function () {}) === undefined
          && EventTarget.prototype.addEventListener.name === 'addEventListener'
          && EventTarget.prototype.removeEventListener.length === 2
          && Object.keys(window).every(k => !k.startsWith('__portalscan'));
        </script>"#;
    let server = Server::pages(&[("/", html)]);
    let chrome = Chrome::launch();
    let page = chrome.open_with(&server.url("/"), |tab| {
        keyboard::install_pointer_hook(tab).unwrap()
    });
    let nodes = keyboard::pointer_handlers(&page.tab, &page.map).unwrap();
    assert_eq!(
        page.ids(nodes.iter().copied()),
        [
            "body",
            "listener",
            "property",
            "markup",
            "inner",
            "capture-kept"
        ]
    );
    // DevTools' own listener list agrees.
    let listed = support::pointer_listeners_by_devtools(&page.tab, &page.map);
    assert_eq!(
        nodes.into_iter().collect::<std::collections::BTreeSet<_>>(),
        listed
    );
    assert_eq!(page.eval("window.result"), serde_json::json!(true));
}

#[test]
fn pointer_handlers_need_the_hook() {
    let server = Server::pages(&[("/", "<p>x</p>")]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    let err = keyboard::pointer_handlers(&page.tab, &page.map).unwrap_err();
    assert!(err.to_string().contains("hook was not installed"), "{err}");
}

/// A PHI page shown only with a session cookie; logout clears it.
fn portal(cache_control: &'static str) -> Server {
    Server::start(move |path, cookie| match path {
        "/login" => Reply::redirect("/phi").cookie("sid=1; Path=/"),
        "/phi" if cookie.contains("sid=1") => {
            Reply::html("<p>MRN 12345678</p>").header("Cache-Control", cache_control)
        }
        "/phi" => Reply::redirect("/signin"),
        "/logout" => Reply::html("<p>Signed out</p>").cookie("sid=; Path=/; Max-Age=0"),
        _ => Reply::html("<p>sign in</p>"),
    })
}

#[test]
fn phi_page_restored_from_bfcache_after_logout() {
    let server = portal("private");
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/login"));
    let restored = keyboard::restored_after_logout(
        &page.tab,
        &server.url("/phi"),
        &server.url("/logout"),
        Duration::from_millis(100),
    )
    .unwrap()
    .expect("the PHI page came back");
    assert_eq!(restored.logout_url, server.url("/logout"));
    assert_eq!(restored.via, "bfcache");
}

#[test]
fn no_store_phi_page_is_not_shown_after_logout() {
    let server = portal("no-store");
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/login"));
    let restored = keyboard::restored_after_logout(
        &page.tab,
        &server.url("/phi"),
        &server.url("/logout"),
        Duration::from_millis(100),
    )
    .unwrap();
    assert_eq!(restored, None);
}

#[test]
fn fifty_stops_over_the_fast_connection() {
    let mut html = String::from("<!doctype html><title>fifty</title>");
    for i in 0..50 {
        html.push_str(&match i % 3 {
            0 => format!("<p><a id=\"e{i}\" href=\"/{i}\">link {i}</a></p>"),
            1 => format!("<p><button id=\"e{i}\">button {i}</button></p>"),
            _ => format!("<p><input id=\"e{i}\" value=\"field {i}\"></p>"),
        });
    }
    let server = Server::pages(&[("/", &html)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    let started = std::time::Instant::now();
    let report = keyboard::tab_walk_report(&page.tab, &page.map, &WalkOptions::default()).unwrap();
    // Printed, not asserted: the machine's load decides the time.
    eprintln!("walk of 50 stops with indicators: {:?}", started.elapsed());
    let expected: Vec<String> = (0..50).map(|i| format!("e{i}")).collect();
    assert_eq!(page.ids(report.walk.stops.iter().map(|s| s.node)), expected);
    assert!(report.walk.cycled);
    assert!(
        report.direct,
        "calls went through headless_chrome's slow transport"
    );
    assert_eq!(report.presses, 51);
    assert_eq!(report.unmapped, 0);
    assert!(
        report
            .walk
            .stops
            .iter()
            .all(|s| s.indicator.is_some() && s.obscured == Some(Default::default()))
    );
    let started = std::time::Instant::now();
    let plain = keyboard::tab_walk(&page.tab, &page.map, &no_indicator()).unwrap();
    eprintln!(
        "walk of 50 stops without indicators: {:?}",
        started.elapsed()
    );
    assert_eq!(plain.stops.len(), 50);
}

#[test]
fn focus_under_the_header_of_a_scrolled_page_is_obscured() {
    // Hit-testing takes document coordinates: the page is scrolled before the walk.
    let html = r#"<!doctype html><style>body { margin: 0; height: 3000px; }
        header { position: fixed; top: 0; left: 0; right: 0; height: 60px; background: #333; z-index: 1; }
        a { position: absolute; left: 10px; top: 1020px; width: 100px; height: 20px; display: block; }
        </style><header id="header"></header><a id="link" href="/">link</a>
        <script>scrollTo(0, 1000);</script>"#;
    let server = Server::pages(&[("/", html)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    assert_eq!(page.eval("scrollY"), serde_json::json!(1000));
    let walk = keyboard::tab_walk(&page.tab, &page.map, &no_indicator()).unwrap();
    assert_eq!(page.ids(walk.stops.iter().map(|s| s.node)), ["link"]);
    let ob = walk.stops[0].obscured.unwrap();
    assert_eq!(ob.covered_fraction, 1.0);
    assert_eq!(page.ids(ob.by), ["header"]);
}

#[test]
fn walk_starts_at_the_top_whatever_had_focus() {
    // The page focuses its last link (as dialogs and autofocus do); the walk still starts
    // at the first.
    let html = r#"<!doctype html><a id="one" href="/">one</a> <a id="two" href="/">two</a>
        <a id="three" href="/">three</a><script>document.getElementById('two').focus();</script>"#;
    let server = Server::pages(&[("/", html)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    assert_eq!(
        page.eval("document.activeElement.id"),
        serde_json::json!("two")
    );
    let walk = keyboard::tab_walk(&page.tab, &page.map, &no_indicator()).unwrap();
    assert_eq!(
        page.ids(walk.stops.iter().map(|s| s.node)),
        ["one", "two", "three"]
    );
    assert!(walk.cycled);
}

#[test]
fn elements_added_after_the_capture_are_counted_not_mapped() {
    let server = Server::pages(&[("/", ORDER)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    // The page changes after the node map was made: a new button between a and b.
    page.eval(
        "document.getElementById('a').after(Object.assign(document.createElement('button'), {id: 'late'}))",
    );
    let report = keyboard::tab_walk_report(&page.tab, &page.map, &no_indicator()).unwrap();
    assert_eq!(
        page.ids(report.walk.stops.iter().map(|s| s.node)),
        ["a", "b", "c", "f"]
    );
    assert_eq!(report.unmapped, 1);
    assert!(report.walk.cycled);
}

#[test]
fn page_that_moves_focus_on_blur_ends_the_walk_without_guessing() {
    // Leaving the second field disables it (a "step done" pattern): after the measurement
    // blurs it, it cannot take focus back, so the walk cannot go on from the same place.
    let html = r#"<!doctype html><input id="one"><input id="two"><input id="three">
        <script>const two = document.getElementById('two');
        two.addEventListener('blur', () => { two.disabled = true; });</script>"#;
    let server = Server::pages(&[("/", html)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    let report = keyboard::tab_walk_report(&page.tab, &page.map, &WalkOptions::default()).unwrap();
    assert_eq!(
        page.ids(report.walk.stops.iter().map(|s| s.node)),
        ["one", "two"]
    );
    assert!(report.interrupted.is_some());
    assert!(!report.walk.cycled && !report.walk.truncated);
    assert_eq!(report.walk.stops[1].indicator, None);
}

/// A same-origin frame between two buttons: its fields (one with a focus outline, one
/// without) are stops of their own, in order, measured in the top page's coordinates.
const FRAMED_FIELDS: &str = r#"<!doctype html><body style="margin:0; background:#fff">
<button id="before" style="display:block; width:100px; height:30px">before</button>
<iframe id="frame" title="Check in" src="/inner"
  style="display:block; margin:10px 0 0 20px; border:5px solid #000; width:300px; height:120px"></iframe>
<button id="after">after</button></body>"#;

const FRAME_INNER: &str = r#"<!doctype html><style>
body { margin: 0; background: #fff; }
input { display: block; margin: 10px; width: 100px; height: 30px; border: 0; padding: 0;
  background: #eee; outline: none; }
#ringed:focus { outline: 2px solid #000; }
</style><input id="ringed"><input id="bare">"#;

#[test]
fn stops_inside_a_same_origin_frame_are_walked_and_measured() {
    let server = Server::pages(&[("/", FRAMED_FIELDS), ("/inner", FRAME_INNER)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/"));
    let walk = keyboard::tab_walk(&page.tab, &page.map, &WalkOptions::default()).unwrap();
    assert_eq!(
        page.ids(walk.stops.iter().map(|s| s.node)),
        ["before", "ringed", "bare", "after"]
    );
    assert!(walk.cycled);
    let (ringed, bare) = (&walk.stops[1], &walk.stops[2]);
    let ring = ringed.indicator.expect("measured inside the frame");
    // The whole 100x30 field grown by 4 px: the clip is on the page where the frame shows
    // the field (a clip in the frame's own coordinates would be cut off or elsewhere).
    assert_eq!(ring.compared_pixels, 108 * 38);
    assert_eq!(ring.changed_pixels, 104 * 34 - 100 * 30);
    assert_eq!(
        ring.max_contrast,
        contrast_ratio(
            Rgba::from_u8(0, 0, 0, 1.0),
            Rgba::from_u8(255, 255, 255, 1.0),
        )
    );
    let none = bare.indicator.expect("measured inside the frame");
    assert_eq!(none.changed_pixels, 0);
    for stop in [ringed, bare] {
        let ob = stop.obscured.expect("cover measured inside the frame");
        assert_eq!(ob.covered_fraction, 0.0);
    }
}
