//! Element crops in real Chromium: PHI in the page is masked in the DOM before the
//! screenshot (OCR is not available here, so the DOM is read back), and the crops are PNGs
//! of the right shape: a small element with the page around it and outlined, a dialog
//! whole, a skip link where it appears when focused (pixels of the images are read).

mod support;

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::types::Method;
use portalscan_browser::NodeMap;
use portalscan_browser::crops::{
    MAX_DIALOG_IMAGE, MIN_CONTEXT, attach, element_crops, element_crops_within,
};
use portalscan_core::dom::{Dom, Namespace, Node, NodeData};
use portalscan_core::phi::screen::Policy;
use portalscan_core::{NodeId, ScanOptions, Snapshot, scan};
use serde::Serialize;
use serde_json::{Value, json};
use support::{Chrome, Server};

const PAGE: &str = r#"<!doctype html><html lang="en"><head><title>Chart</title></head><body>
<main>
  <p id="who">MRN 00123456 DOB 04/12/1961</p>
  <p id="born">Date of birth: 04/12/1961</p>
  <button id="icon" style="width:16px;height:16px"></button>
  <label>Member <input id="member" name="member_id" value="XYZ123456789"></label>
  <input id="typed" name="ssn">
  <dl><dt>MRN</dt><dd id="dd-mrn">00998877</dd><dt>Date of birth</dt><dd id="dd-dob">05/06/1970</dd></dl>
  <table><tr><th>Patient</th><td id="td-name">Maria Alvarez</td></tr></table>
  <p id="greet">Messages for Maria Alvarez. Hi Maria, your results are in.</p>
</main></body></html>"#;

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct GetDocument(Value);
impl Method for GetDocument {
    const NAME: &'static str = "DOM.getDocument";
    type ReturnObject = Value;
}

/// The live DOM as a snapshot arena and its node map (pre-order, as capture numbers it).
fn snapshot_of(tab: &Tab, url: &str) -> (Snapshot, NodeMap) {
    let doc = tab
        .call_method(GetDocument(json!({"depth": -1, "pierce": true})))
        .unwrap();
    let mut nodes: Vec<Node> = Vec::new();
    let mut map = NodeMap::default();
    let mut stack: Vec<(&Value, Option<NodeId>)> = vec![(&doc["root"], None)];
    while let Some((node, parent)) = stack.pop() {
        let data = match node["nodeType"].as_u64() {
            Some(9) => NodeData::Document,
            Some(1) => {
                let attrs: Vec<String> = node["attributes"]
                    .as_array()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_str().map(String::from))
                            .collect()
                    })
                    .unwrap_or_default();
                NodeData::Element {
                    name: node["localName"].as_str().unwrap().to_string(),
                    ns: Namespace::Html,
                    attrs: attrs
                        .chunks(2)
                        .map(|kv| (kv[0].clone(), kv[1].clone()))
                        .collect(),
                }
            }
            Some(3) => NodeData::Text {
                text: node["nodeValue"].as_str().unwrap_or("").to_string(),
            },
            _ => continue,
        };
        let id = NodeId(nodes.len() as u32);
        map.insert(node["backendNodeId"].as_u64().unwrap() as u32, id);
        nodes.push(Node::new(parent, data));
        let children: Vec<&Value> = node["children"].as_array().into_iter().flatten().collect();
        stack.extend(children.into_iter().rev().map(|c| (c, Some(id))));
    }
    let dom = Dom::from_nodes(nodes).expect("a valid arena");
    (Snapshot::new(url, "chromium", dom), map)
}

fn by_id(snapshot: &Snapshot, id: &str) -> NodeId {
    snapshot
        .dom
        .elements()
        .find(|e| e.attr("id") == Some(id))
        .map(|e| e.id)
        .unwrap()
}

#[test]
fn phi_is_masked_in_the_page_before_the_crop_is_taken() {
    let server = Server::pages(&[("/chart", PAGE)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/chart"));
    // A value the user typed: not in any attribute.
    page.eval("document.getElementById('typed').value = '536-22-8142'");
    let (snapshot, map) = snapshot_of(&page.tab, &server.url("/chart"));
    // The failing element: the unnamed icon button.
    let mut findings = scan(&snapshot, &ScanOptions::default());
    let button = by_id(&snapshot, "icon");
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "button-name" && f.node == Some(button)),
        "{findings:#?}"
    );

    // Identifier masking alone (`--screenshots unmasked`); the default also hides the
    // rest of the text (see the next test).
    let crops = element_crops_within(
        &page.tab,
        &snapshot,
        &map,
        &[button, by_id(&snapshot, "who")],
        usize::MAX,
        Policy::IdentifiersOnly,
    )
    .unwrap();

    // The page now shows only masked values (read back from the live DOM).
    let text = page.eval("document.getElementById('who').textContent");
    assert_eq!(text.as_str().unwrap(), "MRN ******56 DOB ********61");
    let born = page.eval("document.getElementById('born').textContent");
    assert_eq!(born.as_str().unwrap(), "Date of birth: ********61");
    let member = page.eval("document.getElementById('member').value");
    assert!(!member.as_str().unwrap().contains("123456789"), "{member}");
    let typed = page.eval("document.getElementById('typed').value");
    assert!(!typed.as_str().unwrap().contains("536-22"), "{typed}");
    // Nothing labels the name here, but the page shows it labelled elsewhere.
    let greet = page.eval("document.getElementById('greet').textContent");
    assert!(
        greet.as_str().unwrap().starts_with("Messages for *"),
        "{greet}"
    );
    let html = page.eval("document.documentElement.outerHTML");
    for raw in [
        "00123456",
        "04/12/1961",
        "XYZ123456789",
        "536-22-8142",
        // Labelled by the element before (a <dt>, a row's <th>).
        "00998877",
        "05/06/1970",
        "Maria",
        "Alvarez",
    ] {
        assert!(
            !html.as_str().unwrap().contains(raw),
            "{raw} still in the page"
        );
    }

    // Two crops, valid PNGs of a sensible size.
    assert_eq!(crops.len(), 2);
    for (node, png) in &crops {
        assert!(png.len() > 100, "{node:?}: {} bytes", png.len());
        let decoder = png::Decoder::new(std::io::Cursor::new(png.as_slice()));
        let reader = decoder.read_info().expect("a valid PNG");
        let info = reader.info();
        assert!(info.width >= 16 && info.width <= 800, "{}", info.width);
        assert!(info.height >= 16 && info.height <= 400, "{}", info.height);
    }
    assert_eq!(crops[0].0, button);

    attach(&mut findings, &crops);
    let f = findings.iter().find(|f| f.rule == "button-name").unwrap();
    assert!(
        f.screenshot
            .as_deref()
            .unwrap()
            .starts_with("data:image/png;base64,iVBOR")
    );
}

#[test]
fn on_a_page_with_phi_crops_hide_all_other_text() {
    let server = Server::pages(&[("/chart", PAGE)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/chart"));
    let (snapshot, map) = snapshot_of(&page.tab, &server.url("/chart"));
    let member = by_id(&snapshot, "member");
    let crops = element_crops(&page.tab, &snapshot, &map, &[member]).unwrap();
    assert_eq!(crops.len(), 1);
    // After the crops every text on the page is hidden: its own (and its label's) were
    // readable only while its crop was taken.
    let text = page.eval("document.body.innerText");
    let text = text.as_str().unwrap();
    assert!(
        text.chars().all(|c| c == '*' || c.is_whitespace()),
        "readable text left: {text}"
    );
    assert!(text.contains('*'), "{text}");
    let value = page.eval("document.getElementById('member').value");
    assert!(value.as_str().unwrap().chars().all(|c| c == '*'), "{value}");
}

#[test]
fn no_nodes_no_screenshots_and_vanished_nodes_are_skipped() {
    let server = Server::pages(&[("/chart", PAGE)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/chart"));
    let (snapshot, map) = snapshot_of(&page.tab, &server.url("/chart"));
    assert!(
        element_crops(&page.tab, &snapshot, &map, &[])
            .unwrap()
            .is_empty()
    );
    let button = by_id(&snapshot, "icon");
    page.eval("document.getElementById('icon').remove()");
    let crops = element_crops(&page.tab, &snapshot, &map, &[button]).unwrap();
    assert!(crops.is_empty(), "{} crops", crops.len());
}

/// A page that shows PHI, with the three crop shapes: a 16 px icon button far down, a skip
/// link parked off the page until focused, and a 900×600 dialog (green border) lower still.
const SHAPES: &str = r##"<!doctype html><html lang="en"><head><title>Visit</title><style>
body { margin: 0; font: 16px sans-serif; height: 3200px; }
.skip { position: absolute; left: -9999px; top: 0; padding: 8px; background: rgb(0, 0, 255); color: #fff; }
.skip:focus { left: 8px; top: 8px; }
#icon { position: absolute; left: 600px; top: 1400px; width: 16px; height: 16px; }
#modal { position: absolute; left: 100px; top: 2200px; width: 900px; height: 600px; margin: 0;
  padding: 20px; box-sizing: border-box; border: 6px solid rgb(0, 160, 0); background: #fff; }
#close { width: 16px; height: 16px; }
</style></head><body>
<a class="skip" id="skip" href="#main">Skip to main content</a>
<main id="main">
  <p id="who">MRN 00123456 DOB 04/12/1961</p>
  <input id="search" aria-label="Search">
  <p>Your A1C results are in, Dr. Sarah Chen wrote.</p>
  <button id="icon"></button>
</main>
<div id="modal" role="dialog" aria-modal="true" aria-label="Visit details">
  <p>Your next visit: Thu, Dec 3, 2026, 9:30 AM</p>
  <button id="close"></button>
</div>
</body></html>"##;

/// RGB pixels of a PNG.
fn pixels(png: &[u8]) -> (u32, u32, Vec<[u8; 3]>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().expect("a valid PNG");
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let n = info.color_type.samples();
    let px = buf[..info.buffer_size()]
        .chunks_exact(n)
        .map(|p| [p[0], p[1], p[2]])
        .collect();
    (info.width, info.height, px)
}

/// The bounding box `[left, top, right, bottom]` (inclusive) of the pixels of `colour`.
fn bbox(png: &[u8], colour: [u8; 3]) -> Option<[u32; 4]> {
    let (w, _, px) = pixels(png);
    let mut b: Option<[u32; 4]> = None;
    for (i, p) in px.iter().enumerate() {
        if *p != colour {
            continue;
        }
        let (x, y) = (i as u32 % w, i as u32 / w);
        b = Some(match b {
            None => [x, y, x, y],
            Some([l, t, r, bt]) => [l.min(x), t.min(y), r.max(x), bt.max(y)],
        });
    }
    b
}

const MAGENTA: [u8; 3] = [255, 0, 255];

#[test]
fn crops_show_context_dialogs_whole_and_skip_links_focused_with_phi_hidden() {
    let server = Server::pages(&[("/visit", SHAPES)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/visit"));
    // The user's own state, to be found again after the crops.
    page.eval("document.getElementById('search').focus(); window.scrollTo(0, 300)");
    let (snapshot, map) = snapshot_of(&page.tab, &server.url("/visit"));
    let (icon, skip, close) = (
        by_id(&snapshot, "icon"),
        by_id(&snapshot, "skip"),
        by_id(&snapshot, "close"),
    );
    let crops = element_crops(&page.tab, &snapshot, &map, &[icon, skip, close]).unwrap();
    let shot = |node: NodeId| {
        &crops
            .iter()
            .find(|(n, _)| *n == node)
            .unwrap_or_else(|| panic!("no crop of {node:?}"))
            .1
    };

    // The 16 px icon: the page around it, the element outlined in the middle (the outline
    // is 2 px off the box and 3 px wide, so its box is 16 + 2 × 4 px).
    let png = shot(icon);
    let (w, h, _) = pixels(png);
    assert_eq!((w as f64, h as f64), MIN_CONTEXT);
    let [l, t, r, b] = bbox(png, MAGENTA).expect("an outline");
    assert_eq!((r - l + 1, b - t + 1), (24, 24));
    assert_eq!(
        (l, t),
        (w / 2 - 12, h / 2 - 12),
        "outline at {l},{t} of {w}x{h}"
    );

    // The skip link: cropped where it appears when focused (8 px from the page's top
    // left, the outline 4 px outside it), its blue box in the image.
    let png = shot(skip);
    let [l, t, ..] = bbox(png, MAGENTA).expect("an outline");
    assert_eq!((l, t), (4, 4));
    let [bl, bt, br, bb] = bbox(png, [0, 0, 255]).expect("the focused skip link");
    assert!(
        bl >= 8 && bt >= 8 && br > bl + 20 && bb > bt + 10,
        "{bl},{bt},{br},{bb}"
    );

    // The button in the dialog: the whole 900×600 dialog (plus 8 px each side), scaled
    // to fit 800 px wide; its green border on all four sides of the image.
    let png = shot(close);
    let (w, h, px) = pixels(png);
    let scale = MAX_DIALOG_IMAGE.0 / 916.0;
    assert_eq!(w, 800);
    assert!((h as f64 - 616.0 * scale).abs() <= 1.0, "{w}x{h}");
    let green = |x: u32, y: u32| {
        let [r, g, b] = px[(y * w + x) as usize];
        r < 60 && g > 120 && b < 60
    };
    let band = 8 + 6; // margin and border, in CSS px
    let edge = |x0: u32, x1: u32, y0: u32, y1: u32| (y0..y1).any(|y| (x0..x1).any(|x| green(x, y)));
    assert!(edge(0, band, h / 2 - 5, h / 2 + 5), "left border");
    assert!(edge(w - band, w, h / 2 - 5, h / 2 + 5), "right border");
    assert!(edge(w / 2 - 5, w / 2 + 5, 0, band), "top border");
    assert!(edge(w / 2 - 5, w / 2 + 5, h - band, h), "bottom border");
    assert!(bbox(png, MAGENTA).is_some(), "the button is outlined");

    // The page is put back: focus, scroll, the skip link parked again.
    let state = page.eval(
        "JSON.stringify([document.activeElement.id, window.scrollY, \
          document.getElementById('skip').getBoundingClientRect().left < 0])",
    );
    let state: Value = serde_json::from_str(state.as_str().unwrap()).unwrap();
    assert_eq!(state, json!(["search", 300, true]));

    // PHI: the larger crops show more page, and every text there stays hidden (each
    // element's own text was readable only while its own crop was taken).
    let text = page.eval("document.body.innerText");
    let text = text.as_str().unwrap();
    assert!(
        text.chars().all(|c| c == '*' || c.is_whitespace()),
        "readable text left: {text}"
    );
    let html = page.eval("document.documentElement.outerHTML");
    for raw in ["00123456", "A1C", "Sarah Chen", "9:30", "Skip to main"] {
        assert!(
            !html.as_str().unwrap().contains(raw),
            "{raw} still in the page"
        );
    }
}

#[test]
fn unmasked_crops_focus_skip_links_too() {
    let server = Server::pages(&[("/visit", SHAPES)]);
    let chrome = Chrome::launch();
    let page = chrome.open(&server.url("/visit"));
    let (snapshot, map) = snapshot_of(&page.tab, &server.url("/visit"));
    let skip = by_id(&snapshot, "skip");
    let crops = element_crops_within(
        &page.tab,
        &snapshot,
        &map,
        &[skip],
        usize::MAX,
        Policy::IdentifiersOnly,
    )
    .unwrap();
    assert_eq!(crops.len(), 1);
    assert!(bbox(&crops[0].1, [0, 0, 255]).is_some());
    // Clinical text stays (the user opted out), identifiers do not.
    let html = page.eval("document.documentElement.outerHTML");
    let html = html.as_str().unwrap();
    assert!(html.contains("Your A1C results"), "{html}");
    assert!(!html.contains("00123456"));
}
