//! Real pages in real Chromium, served from a loopback server in the test.

mod common;

use portalscan_core::css;
use std::time::Duration;

use common::{Reply, browser, serve, visit_options};
use portalscan_browser::capture::capture_dom_inferred;
use portalscan_browser::{Browser, BrowserError, Page, Visit, VisitOptions, capture_dom};
use portalscan_core::dom::{Dom, ElementRef, NodeData, NodeId, ShadowMode};

fn by_id<'a>(dom: &'a Dom, id: &str) -> ElementRef<'a> {
    dom.elements()
        .find(|e| e.attr("id") == Some(id))
        .unwrap_or_else(|| panic!("no element #{id}"))
}

/// Serves `html` at `/` and visits it (no Tab walk) in a browser of its own; the browser
/// and the page stay open for checks of the page after the visit.
fn visit_html(html: &str) -> (Browser, Page, Visit) {
    let addr = serve(vec![("/", Reply::html(html))]);
    let browser = browser();
    let page = browser.new_page().unwrap();
    let visit = page
        .visit(&format!("http://{addr}/"), &visit_options())
        .unwrap();
    (browser, page, visit)
}

fn by_name<'a>(dom: &'a Dom, name: &str) -> Vec<ElementRef<'a>> {
    dom.elements().filter(|e| e.name() == name).collect()
}

fn shadow(dom: &Dom, host: NodeId) -> (ShadowMode, Vec<String>) {
    let root = dom.shadow_root(host).expect("a shadow root");
    let NodeData::ShadowRoot { mode } = dom.node(root).data else {
        panic!("not a shadow root")
    };
    assert!(
        !dom.children(host).any(|c| c == root),
        "a shadow root is not a child"
    );
    let names = dom
        .children(root)
        .filter_map(|c| dom.element(c).map(|e| e.name().to_string()))
        .collect();
    (mode, names)
}

const SHADOW_PAGE: &str = r#"<!doctype html>
<html lang="en"><head><title>Shadow trees</title>
<style>
  body { margin: 0 }
  .hidden { display: none }
  .contents { display: contents }
  #box { position: absolute; left: 10px; top: 2000px; width: 100px; height: 50px; background: rgb(0, 0, 255) }
  #cover { position: absolute; left: 20px; top: 2010px; width: 100px; height: 50px; background: rgb(255, 0, 0); z-index: 2 }
  #scroller { width: 100px; height: 40px; overflow: auto }
</style></head>
<body>
<h1 style="color: rgb(10, 20, 30)">Title</h1>
<open-host id="open"><span slot="s" id="slotted">slotted</span></open-host>
<div id="closed"></div>
<decl-host id="decl-host"><template shadowrootmode="open"><p id="decl">declarative <a href="/decl">d</a></p></template></decl-host>
<outer-host id="outer"></outer-host>
<template id="inert"><a href="/inert">no</a></template>
<div class="hidden" id="hidden"><span id="inside-hidden">gone</span></div>
<div class="contents" id="contents"><span>shown</span></div>
<div id="box"></div><div id="cover"></div>
<div id="scroller"><p>1</p><p>2</p><p>3</p><p>4</p></div>
<input id="field" value="initial"><input id="pw" type="password">
<a href="https://example.org/away">away</a> <a href="mailto:x@example.org">mail</a>
<iframe id="frame" srcdoc="<a href='/framed'>f</a>"></iframe>
<script>
document.getElementById('open').attachShadow({mode: 'open'}).innerHTML =
  '<b>open</b><slot name="s"></slot><a href="/open">o</a>';
document.getElementById('closed').attachShadow({mode: 'closed'}).innerHTML =
  '<i id="in-closed">closed</i><a href="closed-link">c</a>';
const inner = document.createElement('inner-host');
document.getElementById('outer').attachShadow({mode: 'open'}).append(inner);
inner.attachShadow({mode: 'open'}).innerHTML = '<em id="deep">deep</em>';
document.getElementById('field').value = 'typed';
document.getElementById('pw').value = 'secret';
</script>
</body></html>"#;

#[test]
fn shadow_trees_styles_layout_and_links() {
    let addr = serve(vec![("/dir/shadow.html", Reply::html(SHADOW_PAGE))]);
    let browser = browser();
    let page = browser.new_page().unwrap();
    let url = format!("http://{addr}/dir/shadow.html");
    let visit = page.visit(&url, &visit_options()).unwrap();
    let snap = &visit.snapshot;
    let dom = &snap.dom;
    assert_eq!(snap.source, "chromium");
    assert_eq!(visit.final_url, url);
    assert_eq!(snap.url, url);
    assert_eq!(snap.response.as_ref().map(|r| r.status), Some(200));

    // Open, closed, declarative and nested shadow roots, each a node under its host.
    let open = by_id(dom, "open");
    assert_eq!(
        shadow(dom, open.id),
        (
            ShadowMode::Open,
            vec!["b".into(), "slot".into(), "a".into()]
        )
    );
    let slotted = by_id(dom, "slotted");
    assert_eq!(
        dom.parent(slotted.id),
        Some(open.id),
        "assigned nodes stay light children"
    );
    assert_eq!(
        dom.flat_parent_element(slotted.id)
            .map(|s| dom.element(s).unwrap().name()),
        Some("slot")
    );
    let closed = by_id(dom, "closed");
    assert_eq!(
        shadow(dom, closed.id),
        (ShadowMode::Closed, vec!["i".into(), "a".into()])
    );
    assert_eq!(by_id(dom, "in-closed").text_content(), "closed");
    assert_eq!(
        shadow(dom, by_id(dom, "decl-host").id).1,
        vec!["p".to_string()]
    );
    let outer = by_id(dom, "outer");
    assert_eq!(shadow(dom, outer.id).1, vec!["inner-host".to_string()]);
    let inner = by_name(dom, "inner-host")[0];
    assert_eq!(shadow(dom, inner.id).1, vec!["em".to_string()]);
    assert!(dom.is_in_shadow_tree(by_id(dom, "deep").id));

    // Inert template contents and pseudo-elements are not captured. The iframe's document
    // is (issue 15 §1): attached to the frame element as its content document, not as
    // element children, with its own `html` root holding the frame's link.
    assert_eq!(dom.children(by_id(dom, "inert").id).count(), 0);
    let frame = by_id(dom, "frame").id;
    assert_eq!(
        dom.children(frame)
            .filter(|c| dom.element(*c).is_some())
            .count(),
        0
    );
    let frame_document = dom
        .content_document(frame)
        .expect("the srcdoc frame's document");
    let roots = by_name(dom, "html");
    assert_eq!(roots.len(), 2);
    assert_eq!(dom.document_of(roots[1].id), frame_document);
    assert_eq!(dom.frame_owner(frame_document), Some(frame));

    // Computed styles, also for elements without a box.
    let h1 = by_name(dom, "h1")[0];
    assert_eq!(h1.style().unwrap().get(css::COLOR), Some("rgb(10, 20, 30)"));
    assert_eq!(h1.style().unwrap().get(css::FONT_SIZE), Some("32px"));
    assert_eq!(
        by_id(dom, "hidden").style().unwrap().get(css::DISPLAY),
        Some("none")
    );
    assert_eq!(
        by_id(dom, "contents").style().unwrap().get(css::DISPLAY),
        Some("contents")
    );
    assert!(snap.has_styles());

    // Layout in page coordinates, paint order, scroll boxes, viewport.
    let r#box = by_id(dom, "box");
    let rect = *r#box.rect().unwrap();
    assert_eq!(
        (rect.x, rect.y, rect.width, rect.height),
        (10.0, 2000.0, 100.0, 50.0)
    );
    let cover = by_id(dom, "cover");
    assert!(cover.node().paint_order.unwrap() > r#box.node().paint_order.unwrap());
    let scroll = by_id(dom, "scroller").node().scroll.expect("a scroll box");
    assert!(scroll.scroll_height > scroll.client_height);
    assert_eq!(scroll.client_height, 40.0);
    assert!(by_id(dom, "box").node().scroll.is_none());
    let viewport = snap.viewport.unwrap();
    assert!(
        viewport.width > 1000.0 && viewport.height > 500.0,
        "{viewport:?}"
    );

    // What the user typed is the value; a password never is.
    assert_eq!(by_id(dom, "field").attr("value"), Some("typed"));
    assert_eq!(by_id(dom, "pw").attr("value"), None);

    // Links from every tree, resolved, http(s) only; never template or iframe content.
    let base = format!("http://{addr}");
    for want in ["/decl", "/open", "/dir/closed-link"] {
        assert!(
            visit.links.contains(&format!("{base}{want}")),
            "{want} in {:?}",
            visit.links
        );
    }
    assert!(
        visit
            .links
            .contains(&"https://example.org/away".to_string())
    );
    assert!(
        !visit
            .links
            .iter()
            .any(|l| l.contains("inert") || l.contains("framed") || l.starts_with("mailto"))
    );

    // The node map leads back and forth.
    let backend = visit.node_map.backend(h1.id).unwrap();
    assert_eq!(visit.node_map.node(backend), Some(h1.id));

    // Rects do not move when the page scrolls.
    page.tab()
        .evaluate("window.scrollTo(0, 1500)", false)
        .unwrap();
    let (dom2, _, _) = capture_dom(page.tab()).unwrap();
    assert_eq!(by_id(&dom2, "box").rect().unwrap().y, 2000.0);

    // On a page the flat tree describes fully (every host custom, every light child
    // slotted), the tree inferred from the snapshot alone is the same, whitespace included.
    let (inferred, _, _) = capture_dom_inferred(page.tab()).unwrap();
    assert!(inferred == dom2, "the DOM tree and the inference differ");
}

#[test]
fn http_error_pages_are_pages_and_network_errors_are_not() {
    let addr = serve(vec![
        (
            "/gone",
            Reply::html("<!doctype html><title>Gone</title><a href='/home'>home</a>")
                .status(410)
                .header("Cache-Control", "no-store"),
        ),
        ("/empty", Reply::html("").status(500)),
    ]);
    let browser = browser();
    let page = browser.new_page().unwrap();

    let url = format!("http://{addr}/missing");
    let visit = page.visit(&url, &visit_options()).unwrap();
    assert_eq!(visit.snapshot.response.as_ref().unwrap().status, 404);
    assert_eq!(visit.final_url, url);

    let visit = page
        .visit(&format!("http://{addr}/gone"), &visit_options())
        .unwrap();
    let response = visit.snapshot.response.as_ref().unwrap();
    assert_eq!(response.status, 410);
    assert_eq!(
        response.header_values("cache-control").collect::<Vec<_>>(),
        vec!["no-store"]
    );
    assert_eq!(visit.links, vec![format!("http://{addr}/home")]);

    // An error status with an empty body: Chromium shows its own error page.
    let url = format!("http://{addr}/empty");
    let visit = page.visit(&url, &visit_options()).unwrap();
    assert_eq!(visit.snapshot.response.as_ref().unwrap().status, 500);
    assert_eq!(visit.final_url, url);

    // Nothing listens on a port we just released.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("http://127.0.0.1:{port}/");
    match page.visit(&url, &visit_options()) {
        Err(BrowserError::Navigation { url: u, message }) => {
            assert_eq!(u, url);
            assert!(message.contains("ERR_CONNECTION_REFUSED"), "{message}");
        }
        other => panic!(
            "expected a navigation error, got {:?}",
            other.map(|v| v.final_url)
        ),
    }
    // The tab still works afterwards.
    assert!(
        page.visit(&format!("http://{addr}/gone"), &visit_options())
            .is_ok()
    );
}

#[test]
fn a_killed_browser_is_a_crash_and_leaves_no_profile() {
    let addr = serve(vec![(
        "/",
        Reply::html("<!doctype html><title>x</title><p>x</p>"),
    )]);
    let browser = browser();
    let profile = browser.profile_dir().to_path_buf();
    assert!(profile.is_dir());
    let page = browser.new_page().unwrap();
    page.visit(&format!("http://{addr}/"), &visit_options())
        .unwrap();
    assert!(browser.is_alive());

    let pid = browser.pid().expect("we started Chromium");
    let status = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(300));
    assert!(!browser.is_alive());
    match page.visit(&format!("http://{addr}/"), &visit_options()) {
        Err(BrowserError::Crashed(_)) => {}
        other => panic!("expected Crashed, got {:?}", other.map(|v| v.final_url)),
    }
    assert!(matches!(browser.new_page(), Err(BrowserError::Crashed(_))));
    drop(page);
    drop(browser);
    assert!(
        !profile.exists(),
        "profile {} left behind",
        profile.display()
    );
}

#[test]
fn every_browser_gets_its_own_profile_removed_on_drop() {
    let a = browser();
    let b = browser();
    let (pa, pb) = (a.profile_dir().to_path_buf(), b.profile_dir().to_path_buf());
    assert_ne!(pa, pb);
    drop(a);
    drop(b);
    assert!(!pa.exists() && !pb.exists());
}

const LIVE_PAGE: &str = r#"<!doctype html>
<html lang="en"><head><title>Live</title></head>
<body>
<button id="go" onclick="void 0">Go</button>
<a href="/next">Next</a>
<div id="host"></div>
<script>
localStorage.setItem('note', 'kept');
console.log('hello from the page');
const root = document.getElementById('host').attachShadow({mode: 'closed'});
setTimeout(() => {
  fetch('/data').then(r => r.text()).then(t => {
    const p = document.createElement('p');
    p.id = 'late';
    p.textContent = t;
    document.body.append(p);
    // A change inside a closed shadow root, later still, must also be waited for.
    setTimeout(() => { root.innerHTML = '<a id="latest" href="/latest">latest</a>'; }, 300);
  });
}, 100);
</script>
</body></html>"#;

#[test]
fn visit_waits_for_the_page_to_settle_and_collects_its_facts() {
    let addr = serve(vec![
        (
            "/live",
            Reply::html(LIVE_PAGE).header("Set-Cookie", "sid=abc; HttpOnly"),
        ),
        ("/data", Reply::text("arrived").delay(300)),
    ]);
    let browser = browser();
    let page = browser.new_page().unwrap();
    let opts = VisitOptions {
        settle: Duration::from_millis(500),
        tab_walk: true,
        max_tab_presses: 20,
        ..visit_options()
    };
    let visit = page.visit(&format!("http://{addr}/live"), &opts).unwrap();
    let snap = &visit.snapshot;
    let dom = &snap.dom;

    // Settled: the late fetch and the later shadow-root change are in the capture.
    assert_eq!(by_id(dom, "late").text_content(), "arrived");
    assert_eq!(by_id(dom, "latest").text_content(), "latest");
    assert!(visit.links.contains(&format!("http://{addr}/latest")));
    assert!(
        visit.timings.settle >= Duration::from_millis(500),
        "{:?}",
        visit.timings
    );

    // The collectors' facts.
    let requests = snap.requests.as_ref().unwrap();
    assert!(
        requests.iter().any(|r| r.url.ends_with("/data")),
        "{requests:?}"
    );
    assert!(
        snap.console
            .as_ref()
            .unwrap()
            .iter()
            .any(|c| c.text.contains("hello from the page"))
    );
    let cookies = snap.cookies.as_ref().unwrap();
    assert!(cookies.iter().any(|c| c.name == "sid" && c.http_only));
    let storage = snap.storage.as_ref().unwrap();
    assert!(
        storage
            .local
            .iter()
            .any(|kv| kv.key == "note" && kv.value == "kept")
    );
    let button = by_id(dom, "go");
    assert!(snap.pointer_handlers.as_ref().unwrap().contains(&button.id));
    assert!(visit.load_finished);
    assert!(visit.warnings.is_empty(), "{:?}", visit.warnings);

    // The Tab walk ran on the captured document.
    let walk = snap.keyboard.as_ref().expect("a Tab walk");
    let stops: Vec<NodeId> = walk.stops.iter().map(|s| s.node).collect();
    assert_eq!(stops.first(), Some(&button.id), "{stops:?}");
    assert!(
        stops.contains(&by_id(dom, "latest").id),
        "closed shadow root links are stops"
    );
    assert!(visit.timings.tab_walk > Duration::ZERO);
}

/// A page with no scripts and inline styles only: both front-ends know the same tree
/// (declarative shadow roots, one hosted by a plain `<div>` inside another shadow tree, and
/// light children no slot takes).
const SAME_PAGE: &str = r##"<!doctype html>
<html lang="en">
<head><title>Appointments</title><meta name="viewport" content="width=device-width"></head>
<body style="margin: 0; font-family: sans-serif; color: rgb(33, 33, 33); background-color: rgb(255, 255, 255)">
<header><nav aria-label="Main"><a href="/home">Home</a> <a href="/records">Records</a></nav></header>
<main>
<h1>Appointments</h1>
<h3>Skipped level</h3>
<img src="/x.png">
<img src="/y.png" alt="Clinic logo">
<button></button>
<button aria-label="Close">×</button>
<form>
 <label for="dob">Date of birth</label><input id="dob" name="dob" autocomplete="bday">
 <input id="unlabelled" type="text">
 <select id="s"><option>One</option></select>
 <input type="checkbox" id="c"><label for="c">Agree</label>
 <input type="text" autocomplete="nonsense" aria-label="Odd">
</form>
<div role="button">fake</div>
<div role="checkbox">no state</div>
<div aria-hidden="true"><a href="/hidden">focusable in hidden</a></div>
<p style="color: rgb(170, 170, 170)">Low contrast text</p>
<ul><li>One</li><div>bad child</div></ul>
<table><tr><th>Name</th></tr><tr><td>x</td></tr></table>
<a href="#">click here</a>
<span id="dup">a</span><span id="dup">b</span>
<div tabindex="3">positive</div>
<input type="image" src="/go.png">
<div style="display: none"><img src="/z.png"></div>
<p hidden><button></button></p>
<c-card><template shadowrootmode="open"><h2>Card</h2><button></button><slot></slot></template><p>slotted</p></c-card>
<c-panel><template shadowrootmode="open"><div class="inner"><template shadowrootmode="open"><img src="/n.png"><a href="/more">more</a></template></div><slot name="body"></slot></template><p slot="nowhere"><img src="/u.png"><input type="text"></p><p slot="body">Body</p></c-panel>
<iframe src="about:blank"></iframe>
<svg role="img"><circle r="4"></circle></svg>
</main>
</body></html>"##;

/// Rules whose answers legitimately differ between the front-ends on this page:
/// - `target-size`: the browser knows every target's box, the static scan does not (review
///   or inapplicable there, pass/fail here);
/// - `focus-visible`: the static cascade computes `:focus` styles, while the browser front-end
///   leaves `focus_style` unknown and measures indicators by rendering in the Tab walk (off
///   here), so it reviews.
const KNOWS_MORE: &[&str] = &["target-size", "focus-visible"];

#[test]
fn the_browser_and_the_static_scan_agree_on_a_static_page() {
    use portalscan_core::ScanOptions;
    use std::collections::BTreeSet;

    let addr = serve(vec![("/same.html", Reply::html(SAME_PAGE))]);
    let browser = browser();
    let page = browser.new_page().unwrap();
    let url = format!("http://{addr}/same.html");
    let visit = page.visit(&url, &visit_options()).unwrap();
    let static_snap =
        portalscan_html::snapshot_from_html(SAME_PAGE, &url, &portalscan_html::NoResources);

    let findings = |snap: &portalscan_core::Snapshot| -> BTreeSet<(String, String, String)> {
        portalscan_core::scan(snap, &ScanOptions::with_passes())
            .into_iter()
            .filter(|f| f.category == portalscan_core::finding::Category::Accessibility)
            .filter(|f| !KNOWS_MORE.contains(&f.rule.as_str()))
            .map(|f| (f.rule, format!("{:?}", f.outcome), f.selector))
            .collect()
    };
    let from_browser = findings(&visit.snapshot);
    let from_static = findings(&static_snap);
    let only_browser: Vec<_> = from_browser.difference(&from_static).collect();
    let only_static: Vec<_> = from_static.difference(&from_browser).collect();
    assert!(
        only_browser.is_empty() && only_static.is_empty(),
        "only in the browser: {only_browser:#?}\nonly in the static scan: {only_static:#?}"
    );
    assert!(from_browser.len() > 20, "the page exercises many rules");
}

#[test]
fn box_less_slots_get_their_display_and_the_values_their_text_inherits() {
    let page_html = r#"<!doctype html><html lang="en"><head><title>Slots</title></head>
<body style="background-color: rgb(255, 255, 255)">
<x-label id="host">Slotted words</x-label>
<script>
document.getElementById('host').attachShadow({mode: 'open'}).innerHTML =
  '<style>slot { color: rgb(1, 2, 3); font-size: 20px; background-color: rgb(0, 0, 0) }</style><slot></slot>';
</script></body></html>"#;
    let (_browser, _page, visit) = visit_html(page_html);
    let dom = &visit.snapshot.dom;
    let slot = by_name(dom, "slot")[0];
    let style = slot.style().expect("a style for the slot");
    assert_eq!(style.get(css::DISPLAY), Some("contents"));
    assert_eq!(style.get(css::COLOR), Some("rgb(1, 2, 3)"));
    assert_eq!(style.get(css::FONT_SIZE), Some("20px"));
    // Not inherited, so not known from the text run: left unknown, not guessed.
    assert_eq!(style.get(css::BACKGROUND_COLOR), None);
    assert!(slot.rect().is_none());

    // The slotted text is checked for contrast (dark on white passes), not reviewed.
    let findings = portalscan_core::scan(
        &visit.snapshot,
        &portalscan_core::ScanOptions::with_passes(),
    );
    let contrast: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "text-contrast")
        .collect();
    assert!(
        contrast
            .iter()
            .any(|f| f.outcome == portalscan_core::Outcome::Pass),
        "{contrast:#?}"
    );
    assert!(
        contrast
            .iter()
            .all(|f| f.outcome != portalscan_core::Outcome::Review),
        "{contrast:#?}"
    );
}

#[test]
fn a_page_whose_load_never_ends_is_captured_at_the_timeout() {
    let addr = serve(vec![
        (
            "/slow",
            Reply::html(
                "<!doctype html><title>Slow</title><h1>Parsed</h1><img src='/never.png' alt='x'>\
                 <iframe id='stalled' title='Check in' src='/frame?mrn=123456'></iframe>",
            ),
        ),
        ("/never.png", Reply::text("").delay(60_000)),
        ("/frame", Reply::html("<p>Frame</p>").delay(60_000)),
    ]);
    let browser = browser();
    let page = browser.new_page().unwrap();
    let opts = VisitOptions {
        timeout: Duration::from_secs(3),
        ..visit_options()
    };
    let visit = page.visit(&format!("http://{addr}/slow"), &opts).unwrap();
    assert_eq!(
        by_name(&visit.snapshot.dom, "h1")[0].text_content(),
        "Parsed"
    );

    assert!(visit.timings.navigate >= Duration::from_secs(3));
    // The capture says it is unfinished: the visit's flag and warning, and the frame
    // still holding its first empty document is a coverage gap, not a scanned frame.
    assert!(!visit.load_finished);
    assert!(
        visit
            .warnings
            .iter()
            .any(|w| w.contains("load event did not come")),
        "{:?}",
        visit.warnings
    );
    let gaps = portalscan_core::report::coverage::page_gaps(&visit.snapshot, &[]);
    let frames: Vec<&str> = gaps
        .iter()
        .filter(|g| g.what == "frame")
        .map(|g| g.why.as_str())
        .collect();
    assert_eq!(frames.len(), 1, "{gaps:?}");
    assert!(frames[0].contains("had not loaded"), "{frames:?}");
    assert!(!frames[0].contains("123456"), "{frames:?}");
}

/// A dark photo banner (a 4×4 PNG, rgb(12, 14, 20)) far down the page.
const PHOTO_BANNER: &str = r#"<!doctype html><title>Photo banner</title>
<style>
  body { margin: 0; height: 3000px }
  .banner { margin-top: 1500px; padding: 20px;
    background: #333 url("data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGPg4ROBIwbiOABKdALhGf1XSwAAAABJRU5ErkJggg==") center / cover }
  #dim { color: rgb(85, 85, 85) }
</style>
<div class="banner"><p id="dim">Telehealth visits on weekends</p></div>
<p id="plain">Plain text</p>"#;

#[test]
fn text_over_an_image_gets_the_pixels_behind_it_and_the_page_is_left_as_found() {
    let (_browser, page, visit) = visit_html(PHOTO_BANNER);
    let dom = &visit.snapshot.dom;
    let backdrop = by_id(dom, "dim")
        .node()
        .text_backdrop
        .clone()
        .expect("the text over the photo was measured");
    assert!(backdrop.strips.len() >= 4, "strips: {:?}", backdrop.strips);
    for [dark, light] in &backdrop.strips {
        // The photo's colour; none of the text's grey (85) shows: it was made transparent.
        for c in [dark, light] {
            assert!(c.iter().all(|v| *v <= 24), "strip colour {c:?}");
        }
    }
    assert_eq!(by_id(dom, "plain").node().text_backdrop, None);
    // Styles removed, scroll put back, the text coloured again.
    let state = page
        .tab()
        .evaluate(
            "JSON.stringify([document.querySelectorAll('style[data-portalscan-hide-text]').length, \
             scrollY, getComputedStyle(document.getElementById('dim')).color])",
            false,
        )
        .unwrap()
        .value
        .unwrap();
    assert_eq!(state.as_str(), Some(r#"[0,0,"rgb(85, 85, 85)"]"#));
}

#[test]
fn a_dialog_shown_modally_is_marked_and_one_merely_open_is_not() {
    let (_browser, _page, visit) = visit_html(
        "<!doctype html><title>Modal</title><a id=behind href=/x>Behind</a>\
         <dialog id=modal><button>Close</button></dialog><dialog id=open open>Note</dialog>\
         <script>document.getElementById('modal').showModal()</script>",
    );
    let dom = &visit.snapshot.dom;
    assert!(by_id(dom, "modal").node().modal);
    assert!(!by_id(dom, "open").node().modal);
    let a11y = portalscan_core::a11y::PageA11y::new(dom);
    assert!(
        a11y.is_inert(by_id(dom, "behind").id),
        "the link behind the modal is inert"
    );
}

#[test]
fn text_a_content_security_policy_keeps_visible_is_not_measured() {
    // The page's own styles come from a file; inline styles are refused, ours included.
    let css = "body { margin: 0 } .banner { padding: 20px; background: #333 \
        url(\"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEElEQVR4nGPg4ROBIwbiOABKdALhGf1XSwAAAABJRU5ErkJggg==\") \
        center / cover } #dim { color: rgb(85, 85, 85) }";
    let addr = serve(vec![
        (
            "/",
            Reply::html(
                "<!doctype html><title>Strict</title><link rel=stylesheet href=/s.css>\
                 <div class=banner><p id=dim>Telehealth visits on weekends</p></div>",
            )
            .header("Content-Security-Policy", "style-src 'self'; img-src data:"),
        ),
        (
            "/s.css",
            Reply::text(css).header("Content-Type", "text/css"),
        ),
    ]);
    let browser = browser();
    let page = browser.new_page().unwrap();
    let visit = page
        .visit(&format!("http://{addr}/"), &visit_options())
        .unwrap();
    let dim = by_id(&visit.snapshot.dom, "dim");
    assert_eq!(
        dim.style().and_then(|s| s.get(css::COLOR)),
        Some("rgb(85, 85, 85)"),
        "the page's own stylesheet applied"
    );
    assert_eq!(
        dim.node().text_backdrop,
        None,
        "not measured: the text stayed visible"
    );
}
