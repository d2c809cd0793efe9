//! The captured node tree is the browser's own (shadow hosts, unslotted light children),
//! checked in real Chromium against pages built to trip the flat-tree inference.

#[allow(dead_code)]
mod common;

use common::{Reply, browser, serve, serve_on, visit_options};
use portalscan_browser::{capture::capture_dom_inferred, capture_dom};
use portalscan_core::a11y::PageA11y;
use portalscan_core::css;
use portalscan_core::dom::{Dom, ElementRef, NodeData, ShadowMode};
use portalscan_core::{Outcome, ScanOptions, scan};

fn by_id<'a>(dom: &'a Dom, id: &str) -> ElementRef<'a> {
    let mut found = dom.elements().filter(|e| e.attr("id") == Some(id));
    let el = found.next().unwrap_or_else(|| panic!("no element #{id}"));
    assert!(found.next().is_none(), "#{id} is not unique on the page");
    el
}

/// The snapshot of one visit to `url` in a fresh browser.
fn visit_snapshot(url: &str) -> portalscan_core::Snapshot {
    let browser = browser();
    let page = browser.new_page().unwrap();
    page.visit(url, &visit_options()).unwrap().snapshot
}

/// The document attached to `frame`, which must be the one at `url`.
fn attached_document(dom: &Dom, frame: ElementRef, url: &str) -> portalscan_core::dom::NodeId {
    let document = dom
        .content_document(frame.id)
        .unwrap_or_else(|| panic!("no document attached to the frame of {url}"));
    assert_eq!(dom.document_url(document), Some(url));
    document
}

fn mode(dom: &Dom, host: ElementRef) -> Option<ShadowMode> {
    let root = dom.shadow_root(host.id)?;
    match dom.node(root).data {
        NodeData::ShadowRoot { mode } => Some(mode),
        _ => panic!("not a shadow root"),
    }
}

/// Every case the flat tree alone misreads, in one page:
/// - `#plain`: a plain `<div>` hosting an open root inside another open root;
/// - `#light`: an LWC-style light-DOM custom element inside a shadow tree (not a host);
/// - `#host`: light children no slot takes (a failing image and field inside them);
/// - `#closed`: a closed root whose label points at `#name` in its own tree, while the
///   document has an unlabelled field with the same id.
const TREE_PAGE: &str = r#"<!doctype html>
<html lang="en"><head><title>Trees</title></head>
<body style="background-color: rgb(255, 255, 255); color: rgb(0, 0, 0)">
<main>
<h1>Trees</h1>
<div id="outer"></div>
<x-host id="host"><span id="unslotted"><img id="no-alt" src="/a.png"><input id="no-label"></span><span slot="s" id="slotted">slotted</span></x-host>
<div id="closed"></div>
<input id="name" title="Document field">
<p id="long"></p>
<img id="shown-image" src="/b.png">
</main>
<script>
document.getElementById('long').textContent = 'x'.repeat(12000);
const outer = document.getElementById('outer').attachShadow({mode: 'open'});
outer.innerHTML = '<div id="plain"></div><x-light id="light"><p id="light-child">light child</p></x-light>';
outer.getElementById('plain').attachShadow({mode: 'open'}).innerHTML = '<i id="nested">nested</i>';
document.getElementById('host').attachShadow({mode: 'open'}).innerHTML = '<slot name="s"></slot>';
document.getElementById('closed').attachShadow({mode: 'closed'}).innerHTML =
  '<label for="name" id="shadow-label">Patient name</label><input id="name">';
</script>
</body></html>"#;

#[test]
fn the_node_tree_is_the_browsers_own() {
    let addr = serve(vec![("/trees", Reply::html(TREE_PAGE))]);
    let browser = browser();
    let page = browser.new_page().unwrap();
    let visit = page
        .visit(&format!("http://{addr}/trees"), &visit_options())
        .unwrap();
    let dom = &visit.snapshot.dom;

    // A plain element hosting a root of the same mode inside a shadow tree is a host.
    let outer = by_id(dom, "outer");
    assert_eq!(mode(dom, outer), Some(ShadowMode::Open));
    let plain = by_id(dom, "plain");
    assert_eq!(mode(dom, plain), Some(ShadowMode::Open));
    let nested = by_id(dom, "nested");
    assert_eq!(dom.parent(nested.id), dom.shadow_root(plain.id));
    assert_eq!(dom.children(plain.id).count(), 0, "no light children");

    // A light-DOM custom element inside a shadow tree is an ordinary parent, in the same
    // tree as its child.
    let light = by_id(dom, "light");
    assert_eq!(mode(dom, light), None);
    let child = by_id(dom, "light-child");
    assert_eq!(dom.parent(child.id), Some(light.id));
    assert_eq!(dom.tree_root(child.id), dom.shadow_root(outer.id).unwrap());

    // Light children no slot takes are there, as light children of their host, outside
    // the flat tree, not rendered; the slotted one is rendered.
    let host = by_id(dom, "host");
    let unslotted = by_id(dom, "unslotted");
    assert_eq!(dom.parent(unslotted.id), Some(host.id));
    assert!(!dom.is_in_flat_tree(unslotted.id));
    assert!(unslotted.rect().is_none());
    assert_eq!(
        unslotted.style().and_then(|s| s.get(css::DISPLAY)),
        Some("none")
    );
    for id in ["no-alt", "no-label"] {
        assert_eq!(dom.parent(by_id(dom, id).id), Some(unslotted.id));
    }
    let slotted = by_id(dom, "slotted");
    assert!(dom.is_in_flat_tree(slotted.id));
    assert!(slotted.rect().is_some());
    let a11y = PageA11y::new(dom);
    assert!(!a11y.is_rendered(by_id(dom, "no-alt").id));
    assert!(a11y.is_rendered(slotted.id));

    // Closed roots are seen, and ids resolve in their own tree.
    let closed = by_id(dom, "closed");
    assert_eq!(mode(dom, closed), Some(ShadowMode::Closed));
    let fields: Vec<ElementRef> = dom
        .elements()
        .filter(|e| e.attr("id") == Some("name"))
        .collect();
    assert_eq!(fields.len(), 2);
    let (in_shadow, in_document): (Vec<ElementRef>, Vec<ElementRef>) = fields
        .into_iter()
        .partition(|f| dom.is_in_shadow_tree(f.id));
    let root = dom.shadow_root(closed.id).unwrap();
    assert_eq!(dom.element_by_id(root, "name"), Some(in_shadow[0].id));
    assert_eq!(a11y.name(in_shadow[0]).name, "Patient name");
    assert_eq!(a11y.name(in_document[0]).name, "Document field");

    // Nothing inside the unslotted children is reported: they are not rendered.
    let findings = scan(&visit.snapshot, &ScanOptions::default());
    let about = |id: &str| -> Vec<&portalscan_core::Finding> {
        let tag = format!("id=\"{id}\"");
        findings
            .iter()
            .filter(|f| f.outcome != Outcome::Pass && f.html.contains(&tag))
            .collect()
    };
    // The same image rendered fails (so the check below can see a finding).
    assert!(
        about("shown-image")
            .iter()
            .any(|f| f.outcome == Outcome::Fail),
        "{findings:#?}"
    );
    for id in ["no-alt", "no-label"] {
        assert!(about(id).is_empty(), "{:#?}", about(id));
    }
    // Both fields named `name` are labelled: neither fails for a missing label.
    let unlabelled: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "label" && f.outcome == Outcome::Fail)
        .collect();
    assert!(unlabelled.is_empty(), "{unlabelled:#?}");

    // Text is whole (the DOM domain cuts it at 10,000 characters).
    assert_eq!(by_id(dom, "long").text_content().len(), 12000);

    // The node map covers nodes outside the flat tree too.
    let backend = visit.node_map.backend(unslotted.id).expect("mapped");
    assert_eq!(visit.node_map.node(backend), Some(unslotted.id));
}

#[test]
fn without_the_dom_tree_the_tree_is_inferred_from_the_snapshot() {
    let addr = serve(vec![("/trees", Reply::html(TREE_PAGE))]);
    let browser = browser();
    let page = browser.new_page().unwrap();
    page.visit(&format!("http://{addr}/trees"), &visit_options())
        .unwrap();
    let (inferred, _, _) = capture_dom_inferred(page.tab()).unwrap();
    let (exact, _, _) = capture_dom(page.tab()).unwrap();

    // What the inference gets right: closed roots, slotted nodes, the flat tree.
    assert_eq!(
        mode(&inferred, by_id(&inferred, "closed")),
        Some(ShadowMode::Closed)
    );
    let slotted = by_id(&inferred, "slotted");
    assert_eq!(
        inferred.parent(slotted.id),
        Some(by_id(&inferred, "host").id)
    );
    // And what it cannot know (the reasons the DOM tree is read): the plain host is read
    // as a parent, the light-DOM component as a host, unslotted children are missing.
    assert_eq!(mode(&inferred, by_id(&inferred, "plain")), None);
    assert!(mode(&inferred, by_id(&inferred, "light")).is_some());
    assert!(
        !inferred
            .elements()
            .any(|e| e.attr("id") == Some("unslotted"))
    );
    // Both keep the whitespace between elements (the DOM domain skips it unless asked).
    let body = |d: &Dom| {
        d.elements()
            .find(|e| e.name() == "body")
            .unwrap()
            .text_content()
    };
    assert_eq!(body(&exact), body(&inferred));
    assert!(body(&exact).contains("Trees\n"), "{:?}", body(&exact));
    assert!(exact.len() > inferred.len());
}

#[test]
fn deep_pages_keep_the_browsers_tree() {
    // 400 nested levels inside a shadow tree, a plain host of the same mode at the bottom:
    // DOM.getDocument could not return this (Chromium stops near 150 levels), and the
    // inference would read the plain host as a parent.
    let page_html = r#"<!doctype html><html lang="en"><head><title>Deep</title></head>
<body><div id="top"></div><script>
const root = document.getElementById('top').attachShadow({mode: 'open'});
let at = root;
for (let i = 0; i < 400; i++) { const d = document.createElement('div'); at.append(d); at = d; }
at.id = 'bottom';
at.attachShadow({mode: 'open'}).innerHTML = '<b id="deepest">deepest</b>';
</script></body></html>"#;
    let addr = serve(vec![("/deep", Reply::html(page_html))]);
    let browser = browser();
    let page = browser.new_page().unwrap();
    let visit = page
        .visit(&format!("http://{addr}/deep"), &visit_options())
        .unwrap();
    let dom = &visit.snapshot.dom;
    let bottom = by_id(dom, "bottom");
    assert_eq!(mode(dom, bottom), Some(ShadowMode::Open));
    let deepest = by_id(dom, "deepest");
    assert_eq!(dom.parent(deepest.id), dom.shadow_root(bottom.id));
    // Its tree's ancestors: the 399 divs above it, up to the shadow root under #top.
    assert_eq!(bottom.ancestors().count(), 399);
    assert_eq!(
        dom.host(dom.tree_root(bottom.id)),
        Some(by_id(dom, "top").id)
    );
}

/// A same-origin frame (with an unlabelled field) and a `srcdoc` frame: DOMSnapshot's
/// documents, attached to their frame elements with their own URL, boxes in page
/// coordinates, and the rules run inside them with selectors that name the frame.
#[test]
fn same_origin_frames_are_attached_to_their_iframes() {
    let addr = serve(vec![
        (
            "/framed",
            Reply::html(
                r#"<!doctype html><html lang="en"><head><title>Framed</title></head><body>
                <main><h1>Pay</h1>
                <iframe id="pay" title="Payment" src="/inner" style="border: 5px solid black"></iframe>
                <iframe id="note" title="Note" srcdoc="<p id=inside>Hello</p>"></iframe>
                </main></body></html>"#,
            ),
        ),
        (
            "/inner",
            Reply::html(r#"<!doctype html><html><body><input id="card"></body></html>"#),
        ),
    ]);
    let snapshot = &visit_snapshot(&format!("http://{addr}/framed"));
    let dom = &snapshot.dom;
    let pay = by_id(dom, "pay");
    let document = attached_document(dom, pay, &format!("http://{addr}/inner"));
    let card = by_id(dom, "card");
    assert_eq!(dom.document_of(card.id), document);
    // The field's box is inside the frame's on the page (past its 5 px border).
    let (frame_box, card_box) = (pay.rect().unwrap(), card.rect().unwrap());
    assert!(card_box.x >= frame_box.x + 5.0 && card_box.y >= frame_box.y + 5.0);
    let note = by_id(dom, "note");
    let srcdoc = dom
        .content_document(note.id)
        .expect("srcdoc frame attached");
    assert_eq!(dom.document_url(srcdoc), Some("about:srcdoc"));
    assert_eq!(dom.document_of(by_id(dom, "inside").id), srcdoc);

    let findings = scan(snapshot, &ScanOptions::default());
    let unlabelled: Vec<_> = findings
        .iter()
        .filter(|f| f.rule == "form-field-name" && f.outcome == Outcome::Fail)
        .collect();
    assert_eq!(unlabelled.len(), 1, "{findings:?}");
    assert_eq!(unlabelled[0].selector, "#pay >>> #card");
    // Both frames are attached: neither is a coverage gap.
    let gaps = portalscan_core::report::coverage::page_gaps(snapshot, &findings);
    assert!(gaps.iter().all(|g| g.what != "frame"), "{gaps:?}");
}

/// A frame from another site (127.0.0.2: out of process under site isolation) is not in
/// the page's DOMSnapshot; it is captured over its own DevTools target and attached like a
/// same-origin one, with its URL, boxes in page coordinates and its own frame inside it.
#[test]
fn out_of_process_frames_are_attached_to_their_iframes() {
    let other = serve_on(
        "127.0.0.2",
        vec![
            (
                "/widget",
                Reply::html(
                    r#"<!doctype html><html lang="en"><head><title>Widget</title></head>
                    <body style="margin:0"><img id="logo" src="data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw=="
                    style="display:block; margin:20px; width:10px; height:10px">
                    <iframe id="nested" title="Nested" src="/nested"></iframe></body></html>"#,
                ),
            ),
            (
                "/nested",
                Reply::html(r#"<!doctype html><html><body><input id="code"></body></html>"#),
            ),
        ],
    );
    let framed = format!(
        r#"<!doctype html><html lang="en"><head><title>Framed</title></head><body style="margin:0">
        <main><h1 style="margin:0; height:50px">Pay</h1>
        <iframe id="pay" title="Payment" src="http://{other}/widget"
          style="display:block; margin-left:30px; border:7px solid black; width:300px; height:200px"></iframe>
        </main></body></html>"#
    );
    let addr = serve(vec![("/framed", Reply::html(framed))]);
    let snapshot = &visit_snapshot(&format!("http://{addr}/framed"));
    let dom = &snapshot.dom;
    let pay = by_id(dom, "pay");
    let document = attached_document(dom, pay, &format!("http://{other}/widget"));
    let logo = by_id(dom, "logo");
    assert_eq!(dom.document_of(logo.id), document);
    // On the page: the frame at (30, 50), its 7 px border, then the image's 20 px margin.
    let logo_box = logo.rect().expect("the image has a box");
    assert_eq!((logo_box.x, logo_box.y), (57.0, 77.0), "{logo_box:?}");
    // The frame inside it (same origin as the widget: in the widget's process).
    let nested = dom
        .content_document(by_id(dom, "nested").id)
        .expect("the frame inside the widget is attached");
    assert_eq!(dom.document_of(by_id(dom, "code").id), nested);

    let findings = scan(snapshot, &ScanOptions::default());
    let mut fails: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f.outcome == Outcome::Fail)
        .filter(|f| f.rule == "image-name" || f.rule == "form-field-name")
        .map(|f| (f.rule.as_str(), f.selector.as_str()))
        .collect();
    fails.sort_unstable();
    assert_eq!(
        fails,
        vec![
            ("form-field-name", "#pay >>> #nested >>> #code"),
            ("image-name", "#pay >>> #logo"),
        ],
        "{findings:?}"
    );
    let gaps = portalscan_core::report::coverage::page_gaps(snapshot, &findings);
    assert!(gaps.iter().all(|g| g.what != "frame"), "{gaps:?}");
}
