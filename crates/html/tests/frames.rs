//! Frames' documents in a static scan: a `srcdoc` is parsed as the frame's document, a
//! `src` is read through the caller's loader (never the network), each styled on its own.

use std::collections::HashMap;

use portalscan_core::NodeData;
use portalscan_html::{ResourceLoader, SRCDOC_URL, snapshot_from_html};

/// Serves the stylesheets and frame documents it was given, nothing else.
#[derive(Default)]
struct Served {
    sheets: HashMap<&'static str, &'static str>,
    frames: HashMap<&'static str, &'static str>,
}

impl ResourceLoader for Served {
    fn stylesheet(&self, url: &str) -> Option<String> {
        self.sheets.get(url).map(|s| s.to_string())
    }
    fn frame(&self, url: &str) -> Option<String> {
        self.frames.get(url).map(|s| s.to_string())
    }
}

#[test]
fn a_srcdoc_is_the_frames_document_styled_on_its_own() {
    let snapshot = snapshot_from_html(
        r#"<html lang="en"><style>p { color: rgb(255, 0, 0) }</style><body>
        <iframe id="f" srcdoc="<p id='x'>In the frame</p><link rel=stylesheet href='f.css'>"></iframe>
        <p id="x">On the page</p></body></html>"#,
        "https://portal.example/s/page",
        &Served {
            sheets: HashMap::from([(
                "https://portal.example/s/f.css",
                "p { color: rgb(0, 0, 255) }",
            )]),
            ..Served::default()
        },
    );
    let dom = &snapshot.dom;
    let iframe = dom.elements().find(|e| e.is("iframe")).unwrap();
    let document = dom.content_document(iframe.id).expect("srcdoc attached");
    assert_eq!(dom.document_url(document), Some(SRCDOC_URL));
    let paragraphs: Vec<_> = dom.elements().filter(|e| e.is("p")).collect();
    assert_eq!(paragraphs.len(), 2);
    let (inside, outside) = (paragraphs[0], paragraphs[1]);
    assert_eq!(dom.document_of(inside.id), document);
    assert!(dom.in_top_document(outside.id));
    // The page's stylesheet does not style the frame; the frame's own, resolved against
    // the page's URL as a srcdoc's references are, does.
    let color = |e: portalscan_core::ElementRef| {
        e.style()
            .and_then(|s| s.get(portalscan_core::css::COLOR))
            .map(str::to_string)
    };
    assert_eq!(color(outside).as_deref(), Some("rgb(255, 0, 0)"));
    assert_eq!(color(inside).as_deref(), Some("rgb(0, 0, 255)"));
    // Lines are the page file's: the frame's nodes have none.
    assert!(outside.node().line.is_some() && inside.node().line.is_none());
    assert_eq!(snapshot.stylesheets_not_loaded, None);
}

#[test]
fn a_src_is_read_through_the_loader_and_an_unreadable_one_stays_unattached() {
    let snapshot = snapshot_from_html(
        r#"<body><iframe src="pay.html"></iframe><iframe src="https://ads.example/a"></iframe>
        <iframe></iframe></body>"#,
        "file:///portal/page.html",
        &Served {
            frames: HashMap::from([(
                "file:///portal/pay.html",
                "<form><input id=card><iframe srcdoc='<b>nested</b>'></iframe></form>",
            )]),
            ..Served::default()
        },
    );
    let dom = &snapshot.dom;
    let frames: Vec<_> = dom.elements().filter(|e| e.is("iframe")).collect();
    assert_eq!(
        frames.len(),
        4,
        "the nested srcdoc frame is in the page's DOM"
    );
    let pay = dom
        .content_document(frames[0].id)
        .expect("local file attached");
    assert_eq!(dom.document_url(pay), Some("file:///portal/pay.html"));
    assert!(matches!(
        dom.node(pay).data,
        NodeData::ContentDocument { .. }
    ));
    // The frame inside the frame's document has its own document.
    let nested = frames
        .iter()
        .find(|f| dom.document_of(f.id) == pay)
        .unwrap();
    assert!(dom.content_document(nested.id).is_some());
    // The network is never asked for; an empty frame has nothing to attach.
    assert!(
        frames[1..]
            .iter()
            .filter(|f| dom.document_of(f.id) != pay)
            .all(|f| dom.content_document(f.id).is_none())
    );
}
