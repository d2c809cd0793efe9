//! Element crops in real Chromium: PHI in the page is masked in the DOM before the
//! screenshot (OCR is not available here, so the DOM is read back), and the crops are PNGs.

mod support;

use headless_chrome::Tab;
use headless_chrome::protocol::cdp::types::Method;
use portalscan_browser::NodeMap;
use portalscan_browser::crops::{attach, element_crops, element_crops_within};
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
