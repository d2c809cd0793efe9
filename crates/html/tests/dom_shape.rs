use portalscan_core::dom::{NodeData, ShadowMode};
use portalscan_html::parse_dom;

#[test]
fn declarative_shadow_root_attaches_to_its_host() {
    let dom = parse_dom(
        r#"<body><c-card><template shadowrootmode="open"><h2>Care team</h2><slot name="body"></slot><slot></slot></template><p slot="body">Dr. Lee</p>loose text</c-card></body>"#,
    );
    let host = dom.elements().find(|e| e.name() == "c-card").unwrap();
    let root = host.shadow_root().expect("shadow root attached");
    assert_eq!(
        dom.node(root).data,
        NodeData::ShadowRoot {
            mode: ShadowMode::Open
        }
    );
    // The template element itself is not in the tree.
    assert!(dom.elements().all(|e| e.name() != "template"));
    let h2 = dom.elements().find(|e| e.name() == "h2").unwrap();
    assert!(dom.is_in_shadow_tree(h2.id));
    assert_eq!(dom.flat_parent_element(h2.id), Some(host.id));
    let p = dom.elements().find(|e| e.name() == "p").unwrap();
    let named_slot = dom
        .elements()
        .find(|e| e.attr("name") == Some("body"))
        .unwrap();
    assert_eq!(dom.assigned_slot(p.id), Some(named_slot.id));
    assert_eq!(dom.flat_children(named_slot.id), vec![p.id]);
    // Index order is pre-order with the shadow tree before the light children.
    assert!(h2.id < p.id);
    assert_eq!(dom.subtree_end(root), p.id.index());
    assert!(dom.is_in_flat_tree(p.id));
}

#[test]
fn second_declarative_shadow_root_stays_a_template_and_plain_templates_are_inert() {
    let dom = parse_dom(
        r#"<div id="h"><template shadowrootmode="closed"><b>one</b></template><template shadowrootmode="open"><i>two</i></template></div><template><input id="inert"></template>"#,
    );
    let host = dom.elements().find(|e| e.attr("id") == Some("h")).unwrap();
    let root = host.shadow_root().unwrap();
    assert_eq!(
        dom.node(root).data,
        NodeData::ShadowRoot {
            mode: ShadowMode::Closed
        }
    );
    assert!(dom.elements().any(|e| e.name() == "template"));
    assert!(dom.elements().all(|e| e.attr("id") != Some("inert")));
    assert!(
        dom.elements().all(|e| e.name() != "i"),
        "inert template content is dropped"
    );
}

#[test]
fn unslotted_light_children_are_not_in_the_flat_tree() {
    let dom = parse_dom(
        r#"<x-a><template shadowrootmode="open"><slot name="only"></slot></template><span>hidden</span></x-a>"#,
    );
    let span = dom.elements().find(|e| e.name() == "span").unwrap();
    assert!(!dom.is_in_flat_tree(span.id));
}

#[test]
fn broken_markup_parses_as_browsers_do() {
    let dom = parse_dom("<table><tr><td>a<p>b</table><b><i>c</b>d</i>");
    let names: Vec<_> = dom.elements().map(|e| e.name().to_string()).collect();
    assert_eq!(
        names,
        [
            "html", "head", "body", "table", "tbody", "tr", "td", "p", "b", "i", "i"
        ]
    );
}

#[test]
fn ids_are_scoped_to_their_tree() {
    let dom = parse_dom(
        r#"<label for="x">Outer</label><input id="x"><c-f><template shadowrootmode="open"><input id="x"></template></c-f>"#,
    );
    let inputs: Vec<_> = dom.elements().filter(|e| e.name() == "input").collect();
    assert_eq!(dom.element_by_id(inputs[0].id, "x"), Some(inputs[0].id));
    assert_eq!(dom.element_by_id(inputs[1].id, "x"), Some(inputs[1].id));
    assert_eq!(dom.duplicate_ids().count(), 0);
}

#[test]
fn deeply_nested_page_does_not_overflow_the_stack() {
    let depth = 100_000; // html5ever scans the open-element stack per tag: O(depth²), ~12 s here
    let html = format!("{}x{}", "<div>".repeat(depth), "</div>".repeat(depth));
    let dom = parse_dom(&html);
    assert!(dom.len() > depth);
    let last = dom.elements().last().unwrap();
    let snapshot = portalscan_core::Snapshot::new("file:///deep", "static-html", dom.clone());
    let json = serde_json::to_string(&snapshot).unwrap();
    let back: portalscan_core::Snapshot = serde_json::from_str(&json).unwrap();
    assert_eq!(back.dom.len(), dom.len());
    assert!(portalscan_core::selector::unique_selector(last).starts_with("html > body > div"));
}

#[test]
fn elements_remember_their_source_line() {
    let dom =
        parse_dom("<!doctype html>\n<html>\n<body>\n<p>a</p>\n\n<input id=x>\n</body></html>");
    let input = dom.elements().find(|e| e.name() == "input").unwrap();
    assert_eq!(input.node().line, Some(6));
    let p = dom.elements().find(|e| e.name() == "p").unwrap();
    assert_eq!(p.node().line, Some(4));
}

#[test]
fn selectors_index_only_elements_that_share_a_name_with_a_sibling() {
    let dom = parse_dom(
        "<ul><li>a</li><li>b</li><!-- c --><p>x</p>text<li id=dup>d</li><li id=dup>e</li></ul>",
    );
    let selector_of = |n: usize| {
        let el = dom.elements().filter(|e| e.name() == "li").nth(n).unwrap();
        portalscan_core::selector::unique_selector(el)
    };
    assert_eq!(selector_of(1), "html > body > ul > li:nth-child(2)");
    // Duplicate ids are not unique, so position decides; the <p> counts as a child.
    assert_eq!(selector_of(3), "html > body > ul > li:nth-child(5)");
    let p = dom.elements().find(|e| e.name() == "p").unwrap();
    assert_eq!(
        portalscan_core::selector::unique_selector(p),
        "html > body > ul > p"
    );
}
