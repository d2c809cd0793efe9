//! Accessibility semantics (roles, names, hidden, focus) on parsed HTML, including the
//! accname spec's examples and shadow DOM.

use portalscan_core::a11y::{NameSource, PageA11y};
use portalscan_core::dom::Dom;
use portalscan_html::parse_dom;

fn dom(html: &str) -> Dom {
    parse_dom(html)
}

/// (name, source) of the element with this id.
fn name_of(dom: &Dom, id: &str) -> (String, NameSource) {
    let page = PageA11y::new(dom);
    let el = dom
        .elements()
        .find(|e| e.attr("id") == Some(id))
        .unwrap_or_else(|| panic!("no element #{id}"));
    let n = page.name(el);
    (n.name, n.source)
}

fn role_of(dom: &Dom, id: &str) -> Option<&'static str> {
    let page = PageA11y::new(dom);
    let el = dom.elements().find(|e| e.attr("id") == Some(id)).unwrap();
    page.role(el)
}

#[test]
fn labelledby_beats_aria_label_and_joins_references() {
    let d = dom(
        r#"<span id="a">Billing</span><span id="b" hidden>address</span>
        <input id="x" aria-labelledby="a b missing" aria-label="ignored">"#,
    );
    assert_eq!(
        name_of(&d, "x"),
        ("Billing address".into(), NameSource::LabelledBy)
    );
}

#[test]
fn labelledby_is_not_followed_twice() {
    // accname example: the referenced node's own aria-labelledby is not followed.
    let d = dom(
        r#"<div id="l1" aria-labelledby="l2">first</div><div id="l2">second</div>
        <button id="b" aria-labelledby="l1"></button>"#,
    );
    assert_eq!(name_of(&d, "b").0, "first");
}

#[test]
fn hidden_content_is_skipped_unless_the_reference_is_hidden() {
    let d = dom(
        r#"<div id="vis">Date <span style="display:none" hidden>secret</span>of birth</div>
        <div id="hid" hidden>Member <span>number</span></div>
        <input id="a" aria-labelledby="vis"><input id="b" aria-labelledby="hid">"#,
    );
    assert_eq!(name_of(&d, "a").0, "Date of birth");
    assert_eq!(name_of(&d, "b").0, "Member number");
}

#[test]
fn labels_for_wrapping_and_multiple() {
    let d = dom(
        r#"<label for="f">First</label><label>Given <input id="f"></label>
        <label>Wrapped <select id="s"><option>A</option></select></label>
        <input id="p" placeholder="Search">
        <input id="t" title="Phone">"#,
    );
    assert_eq!(name_of(&d, "f"), ("First Given".into(), NameSource::Label));
    assert_eq!(name_of(&d, "s"), ("Wrapped".into(), NameSource::Label));
    assert_eq!(name_of(&d, "p"), ("Search".into(), NameSource::Placeholder));
    assert_eq!(name_of(&d, "t"), ("Phone".into(), NameSource::Title));
}

#[test]
fn embedded_controls_give_their_values() {
    // accname example: "Flash the screen [5] times".
    let d = dom(
        r#"<input type="checkbox" id="cb"><label for="cb">Flash the screen
        <input type="text" value="5"> times</label>
        <label for="cb2">Every <select><option>day</option><option selected>week</option></select></label>
        <input type="checkbox" id="cb2">
        <label for="cb3">Volume <span role="slider" aria-valuenow="7" aria-valuetext="seven"></span></label>
        <input type="checkbox" id="cb3">"#,
    );
    assert_eq!(name_of(&d, "cb").0, "Flash the screen 5 times");
    assert_eq!(name_of(&d, "cb2").0, "Every week");
    assert_eq!(name_of(&d, "cb3").0, "Volume seven");
}

#[test]
fn buttons_links_and_images() {
    let d = dom(
        r#"<button id="b1"><img src="x.png" alt="Save"> draft</button>
        <a id="a1" href="/"><svg><title>Home</title></svg></a>
        <input id="s" type="submit"><input id="r" type="reset" value="">
        <input id="i" type="image" src="go.png" alt="Go">
        <input id="i2" type="image" src="go.png">
        <a id="a2" href="/"><span title="Profile"></span></a>
        <img id="im" src="a.png" alt="">
        <button id="b2" aria-label="  ">Close</button>"#,
    );
    assert_eq!(
        name_of(&d, "b1"),
        ("Save draft".into(), NameSource::Contents)
    );
    assert_eq!(name_of(&d, "a1").0, "Home");
    assert_eq!(name_of(&d, "s"), ("Submit".into(), NameSource::Default));
    assert_eq!(name_of(&d, "r").0, "");
    assert_eq!(name_of(&d, "i"), ("Go".into(), NameSource::HostLanguage));
    assert_eq!(name_of(&d, "i2").0, "");
    assert_eq!(name_of(&d, "a2").0, "Profile");
    assert_eq!(name_of(&d, "im").0, "");
    assert_eq!(name_of(&d, "b2").0, "Close");
}

#[test]
fn block_elements_are_separated_and_inline_are_not() {
    let d = dom(r#"<a id="a" href="/"><div>Lab</div><div>results</div></a>
        <a id="b" href="/"><span>Lab</span><span>results</span></a>"#);
    assert_eq!(name_of(&d, "a").0, "Lab results");
    assert_eq!(name_of(&d, "b").0, "Labresults");
}

#[test]
fn host_language_containers() {
    let d = dom(
        r#"<fieldset id="fs"><legend>Contact</legend><input></fieldset>
        <figure id="fg"><img src="a.png" alt="x"><figcaption>Chart</figcaption></figure>
        <table id="tb"><caption>Visits</caption><tr><td>1</td></tr></table>"#,
    );
    assert_eq!(name_of(&d, "fs").0, "Contact");
    assert_eq!(name_of(&d, "fg").0, "Chart");
    assert_eq!(name_of(&d, "tb").0, "Visits");
}

#[test]
fn shadow_dom_names_and_id_scoping() {
    let d = dom(r#"<span id="outside">Outside</span>
        <c-field id="host"><template shadowrootmode="open">
            <label for="in">Inside label</label><input id="in">
            <input id="cross" aria-labelledby="outside">
            <button id="slotbtn"><slot></slot></button>
        </template><b>Slotted text</b></c-field>"#);
    let page = PageA11y::new(&d);
    let by_id = |id: &str| d.elements().find(|e| e.attr("id") == Some(id)).unwrap();
    assert_eq!(page.name(by_id("in")).name, "Inside label");
    // The reference does not cross the shadow boundary.
    assert_eq!(page.name(by_id("cross")).name, "");
    // Content comes through the slot (flat tree).
    assert_eq!(page.name(by_id("slotbtn")).name, "Slotted text");
}

#[test]
fn cycles_terminate() {
    let d =
        dom(r#"<label for="o">Total <output id="o"><label for="o">again</label></output></label>"#);
    let (name, _) = name_of(&d, "o");
    assert!(name.starts_with("Total"));
}

#[test]
fn deep_nesting_is_bounded() {
    let mut html = String::from(r#"<a id="deep" href="/">"#);
    for _ in 0..5000 {
        html.push_str("<span>");
    }
    html.push('x');
    let d = dom(&html);
    // Text below the depth bound is ignored, but nothing overflows.
    let _ = name_of(&d, "deep");
}

#[test]
fn roles_from_html() {
    let d = dom(
        r#"<header id="h">x</header><article><footer id="f">y</footer></article>
        <input id="c" type="checkbox"><input id="n" type="number"><input id="sl" list="l"><datalist id="l"></datalist>
        <details><summary id="s">More</summary></details>
        <h3 id="h3">T</h3><output id="o"></output><progress id="p"></progress><hr id="hr">
        <img id="img" src="a.png"><img id="dec" src="a.png" alt="">"#,
    );
    assert_eq!(role_of(&d, "h"), Some("banner"));
    assert_eq!(role_of(&d, "f"), Some("generic"));
    assert_eq!(role_of(&d, "c"), Some("checkbox"));
    assert_eq!(role_of(&d, "n"), Some("spinbutton"));
    assert_eq!(role_of(&d, "sl"), Some("combobox"));
    assert_eq!(role_of(&d, "s"), Some("button"));
    assert_eq!(role_of(&d, "h3"), Some("heading"));
    assert_eq!(role_of(&d, "o"), Some("status"));
    assert_eq!(role_of(&d, "p"), Some("progressbar"));
    assert_eq!(role_of(&d, "hr"), Some("separator"));
    assert_eq!(role_of(&d, "img"), Some("img"));
    assert_eq!(role_of(&d, "dec"), Some("presentation"));
}

#[test]
fn descendants_follow_their_own_labelledby_once() {
    let d = dom(
        r#"<a id="a" href="/"><img src="x.png" aria-labelledby="l"></a><div id="l">Home</div>
        <span id="m" aria-labelledby="n">inner</span><span id="n">deep</span>
        <button id="b" aria-labelledby="m"></button>"#,
    );
    assert_eq!(name_of(&d, "a").0, "Home");
    // b -> m (labelledby traversal) does not follow m's own aria-labelledby.
    assert_eq!(name_of(&d, "b").0, "inner");
}

/// A page of `depth` nested divs inside a link inside a heading, built directly as an arena
/// (the HTML parser itself is slow on such input; the rules are what is under test here).
fn deeply_nested_page(depth: u32) -> portalscan_core::Snapshot {
    use portalscan_core::dom::{Namespace, Node, NodeData, NodeId};
    let element = |name: &str, attrs: &[(&str, &str)]| NodeData::Element {
        name: name.to_string(),
        ns: Namespace::Html,
        attrs: attrs
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect(),
    };
    let mut nodes = vec![Node::new(None, NodeData::Document)];
    nodes.push(Node::new(Some(NodeId(0)), element("html", &[])));
    nodes.push(Node::new(Some(NodeId(1)), element("body", &[])));
    nodes.push(Node::new(Some(NodeId(2)), element("h1", &[])));
    nodes.push(Node::new(Some(NodeId(3)), element("a", &[("href", "/")])));
    for _ in 0..depth {
        let parent = NodeId(nodes.len() as u32 - 1);
        nodes.push(Node::new(Some(parent), element("div", &[])));
    }
    let parent = NodeId(nodes.len() as u32 - 1);
    nodes.push(Node::new(
        Some(parent),
        NodeData::Text {
            text: "deep".into(),
        },
    ));
    let dom = Dom::from_nodes(nodes).unwrap();
    portalscan_core::Snapshot::new("https://portal.example/", "test", dom)
}

#[test]
fn name_and_image_rules_stay_fast_on_deep_and_wide_pages() {
    use portalscan_core::{RuleSelection, ScanOptions, rules, scan};
    use portalscan_html::{NoResources, snapshot_from_html};
    // The rules built on the a11y module (other groups are measured by their own tests).
    let mut ours = rules::names::rules();
    ours.extend(rules::images::rules());
    let mut wide = String::from("<html><body>");
    for i in 0..20_000 {
        wide.push_str(&format!(
            r#"<label for="f{i}">Field</label><input id="f{i}"><a href="/{i}"><img src="a.png" alt="Home"></a><h2>H</h2>"#
        ));
    }
    let pages = [
        deeply_nested_page(100_000),
        snapshot_from_html(&wide, "https://portal.example/", &NoResources),
    ];
    for snapshot in &pages {
        let start = std::time::Instant::now();
        let findings = scan(
            snapshot,
            &ScanOptions {
                rules: RuleSelection::of(&ours),
                ..ScanOptions::default()
            },
        );
        let took = start.elapsed();
        println!(
            "{} nodes: {} findings in {took:?}",
            snapshot.dom.len(),
            findings.len()
        );
        assert!(took.as_secs() < 10, "scan took {took:?}");
        // Text below the depth bound is unknown, so never a fail.
        assert!(
            findings
                .iter()
                .all(|f| f.outcome != portalscan_core::Outcome::Fail),
            "{findings:?}"
        );
    }
}

#[test]
fn name_sources_in_priority_order() {
    let d = dom(
        r#"<label for="a">Visible</label><input id="a" title="Tip" placeholder="Hint">
        <input id="b" title="Tip" placeholder="Hint">
        <div id="c" role="textbox" aria-placeholder="MM-DD-YYYY"></div>
        <button id="d" title="Tip"></button>
        <select id="e" title="Clinic"><option>North</option></select>"#,
    );
    assert_eq!(name_of(&d, "a"), ("Visible".into(), NameSource::Label));
    assert_eq!(name_of(&d, "b"), ("Tip".into(), NameSource::Title));
    assert_eq!(
        name_of(&d, "c"),
        ("MM-DD-YYYY".into(), NameSource::Placeholder)
    );
    assert_eq!(name_of(&d, "d"), ("Tip".into(), NameSource::Title));
    // A select's selected option is its value, never its name.
    assert_eq!(name_of(&d, "e"), ("Clinic".into(), NameSource::Title));
}

#[test]
fn hidden_labels_still_name_and_hidden_descendants_do_not() {
    let d = dom(r#"<label for="a" hidden>Member ID</label><input id="a">
        <a id="l" href="/"><span aria-hidden="true">icon</span>Inbox <span hidden>3 unread</span></a>
        <h2 id="h"><span style="display:none">x</span>Visits</h2>"#);
    assert_eq!(name_of(&d, "a").0, "Member ID");
    assert_eq!(name_of(&d, "l").0, "Inbox");
    assert_eq!(name_of(&d, "h").0, "Visits");
}

#[test]
fn presentational_descendants_give_content_not_their_own_name() {
    let d = dom(
        r#"<h1 id="a"><img src="x.png" alt="Logo" role="presentation"></h1>
        <a id="b" href="/"><img src="x.png" alt="Home"></a>
        <a id="c" href="/"><span role="img" aria-label="Profile"></span></a>"#,
    );
    assert_eq!(name_of(&d, "a").0, "");
    assert_eq!(name_of(&d, "b").0, "Home");
    assert_eq!(name_of(&d, "c").0, "Profile");
}

#[test]
fn roles_with_conflicts_and_fallback_on_parsed_html() {
    let d = dom(
        r#"<img id="a" src="x.png" alt="" tabindex="0"><img id="b" src="x.png" alt="">
        <nav id="c" role="presentation" aria-label="Main"></nav><nav id="d" role="presentation"></nav>
        <button id="e" role="none" disabled></button><span id="f" role="doc-biblioref link">r</span>"#,
    );
    assert_eq!(role_of(&d, "a"), Some("img"));
    assert_eq!(role_of(&d, "b"), Some("presentation"));
    assert_eq!(role_of(&d, "c"), Some("navigation"));
    assert_eq!(role_of(&d, "d"), Some("presentation"));
    assert_eq!(role_of(&d, "e"), Some("none"));
    assert_eq!(role_of(&d, "f"), Some("doc-biblioref"));
}
