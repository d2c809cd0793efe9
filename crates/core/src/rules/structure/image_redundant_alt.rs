//! WCAG 1.1.1: an image inside a link or button whose `alt` repeats the text next to it
//! makes screen readers say the same words twice ("Download visit summary Download visit
//! summary"). The fix is `alt=""`, since the text already names the control.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "image-redundant-alt",
    title: "Image alt text does not repeat the text of its link or button",
    category: Category::Accessibility,
    wcag: &["1.1.1"],
    act: &[],
    help: "When a link or button already has text, give its icon or image alt=\"\" so the \
           name is read once. Keep an alt only when it adds information the text lacks.",
    interest: Interest::Tags(&["img"]),
    phi: None,
    examples: &[
        Example::pass("<a href=/s/summary><img src=pdf.svg alt=PDF> Visit summary</a>"),
        Example::fail(
            "<a href=/s/summary><img src=pdf.svg alt=\"Visit summary\"> Visit summary</a>",
        ),
        Example::fail("<button><img src=x.svg alt=\"Refill\"> refill</button>"),
        Example::inapplicable("<a href=/s/summary><img src=pdf.svg alt=\"\"> Visit summary</a>"),
        Example::inapplicable("<p><img src=pdf.svg alt=\"Visit summary\"> Visit summary</p>"),
    ],
};

crate::rule!(ImageRedundantAlt = META, element: check_element);

fn check_element(cx: &Context, img: ElementRef, sink: &mut Sink) {
    let alt = collapse(img.attr("alt").unwrap_or(""));
    if alt.is_empty() || cx.a11y.is_hidden(img.id) {
        return;
    }
    let Some(control) = img
        .flat_ancestors()
        .find(|a| matches!(cx.a11y.role(*a), Some("link" | "button")))
    else {
        return;
    };
    // Text nodes only: the image's alt is not part of it.
    let text = collapse(&cx.dom.text_content(control.id));
    if text.is_empty() {
        return;
    }
    if text == alt {
        sink.fail(
            img.id,
            "This image's alt text repeats the text of its link or button, so screen \
             readers read it twice.",
        );
    } else {
        sink.pass(img.id);
    }
}

/// Lower case with whitespace collapsed: how a listener hears the words.
fn collapse(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
