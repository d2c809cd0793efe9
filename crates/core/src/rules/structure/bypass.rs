//! WCAG 2.4.1 Bypass Blocks: a page with repeated navigation offers a way past it, a `main`
//! landmark or a skip link whose target exists. Experience Cloud's LWR templates render a
//! header and navigation menu on every page and no skip link.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "bypass",
    title: "Pages with repeated navigation have a main landmark or a working skip link",
    category: Category::Accessibility,
    wcag: &["2.4.1"],
    act: &[],
    help: "Keyboard and screen reader users must get past the header and menu that repeat \
           on every page. Wrap the page's own content in a <main> element (or role=main), \
           and add a \"Skip to main content\" link as the first focusable element whose \
           href points at an id that exists on the page.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass(
            "<html><body><nav><a href=/s/>Home</a></nav><main><h1>Visits</h1></main></body></html>",
        ),
        Example::pass(
            "<html><body><a href=#content>Skip to content</a><nav><a href=/s/>Home</a></nav>\
             <div id=content><h1>Visits</h1></div></body></html>",
        ),
        Example::fail(
            "<html><body><nav><a href=/s/>Home</a></nav><div><h1>Visits</h1></div></body></html>",
        ),
        // A skip link whose target is missing bypasses nothing.
        Example::fail(
            "<html><body><a href=#main-content>Skip to content</a><header><a href=/s/>Home</a>\
             </header><div id=content>Visits</div></body></html>",
        ),
        // No repeated navigation or header: nothing to bypass.
        Example::inapplicable("<html><body><h1>Signed out</h1><p>Bye</p></body></html>"),
    ],
};

crate::rule!(Bypass = META, page: check_page);

/// How many focusable elements from the top a skip link may sit behind (a logo link, a
/// cookie banner's button).
const SKIP_LINK_WINDOW: usize = 3;

fn check_page(cx: &Context, sink: &mut Sink) {
    let Some(root) = cx.page_root() else {
        return;
    };
    if !root.is("html") {
        return;
    }
    // The page's own blocks: a frame's document has its own (and is not what it repeats).
    let exposed = |e: &ElementRef| !cx.a11y.is_hidden(e.id) && cx.dom.in_top_document(e.id);
    let roles: Vec<(ElementRef, &str)> = cx
        .dom
        .elements()
        .filter(exposed)
        .filter_map(|e| cx.a11y.role(e).map(|r| (e, r)))
        .collect();
    // Applicable only where there is a repeated block to bypass.
    if !roles
        .iter()
        .any(|(_, r)| super::REPEATED_BLOCK_ROLES.contains(r))
    {
        return;
    }
    if let Some((main, _)) = roles.iter().find(|(_, r)| *r == "main") {
        sink.pass(main.id);
        return;
    }
    let first_focusable: Vec<ElementRef> = cx
        .dom
        .elements()
        .filter(|e| exposed(e) && cx.a11y.is_tabbable(*e))
        .take(SKIP_LINK_WINDOW)
        .collect();
    let mut broken = None;
    for link in first_focusable.iter().filter(|e| e.is("a")) {
        let Some(target) = link.attr("href").and_then(|h| h.trim().strip_prefix('#')) else {
            continue;
        };
        if target.is_empty() || target.eq_ignore_ascii_case("top") {
            continue;
        }
        if skip_target_exists(cx, *link, target) {
            sink.pass(link.id);
            return;
        }
        broken.get_or_insert(link.id);
    }
    match broken {
        Some(link) => sink.fail(
            link,
            "This skip link points at an id that is not on the page, and the page has no \
             main landmark: keyboard users cannot bypass the repeated navigation.",
        ),
        None => sink.fail(
            root.id,
            "The page repeats navigation but has neither a main landmark nor a skip link \
             near the top.",
        ),
    }
}

/// An element with this id, or an `<a name>`, in the link's tree (as the browser scrolls).
fn skip_target_exists(cx: &Context, link: ElementRef, target: &str) -> bool {
    cx.dom.element_by_id(link.id, target).is_some()
        || cx
            .dom
            .elements()
            .any(|e| e.is("a") && e.attr("name") == Some(target) && cx.dom.in_top_document(e.id))
}
