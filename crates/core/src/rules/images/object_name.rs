//! WCAG 1.1.1: `<object>` elements that show an image, audio or video have a name.

use crate::a11y::roles::explicit_role;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "object-name",
    title: "Objects showing images, audio or video have an accessible name",
    category: Category::Accessibility,
    wcag: &["1.1.1"],
    act: &["8fc3b6"],
    help: "Give an <object> that embeds an image, audio or video a title or aria-label \
           saying what it is (title=\"Exercise video: knee stretches\"). Its fallback content \
           is not shown when the object loads, so it does not name it; an alt attribute does \
           nothing on <object>.",
    interest: Interest::Tags(&["object"]),
    phi: None,
    examples: &[
        Example::pass(r#"<object title="Knee stretches video" data="stretch.mp4"></object>"#),
        Example::fail(r#"<object data="stretch.mp4"></object>"#),
        Example::fail(r#"<object data="chart.png"><img src="chart.png" alt="Chart"></object>"#),
        Example::review(r#"<object data="/viewer?id=7"></object>"#),
        Example::inapplicable(r#"<object data="/help/index.html" title="Help"></object>"#),
    ],
};

#[derive(PartialEq)]
enum Content {
    /// Image, audio or video.
    Media,
    /// A document or plug-in: not this rule's.
    Other,
    /// The type cannot be told from the markup.
    Unknown,
}

const MEDIA_EXTENSIONS: &[&str] = &[
    "apng", "avif", "bmp", "gif", "ico", "jpeg", "jpg", "png", "svg", "webp", "aac", "flac", "m4a",
    "mp3", "oga", "ogg", "opus", "wav", "weba", "m4v", "mov", "mp4", "mpeg", "ogv", "webm",
];
const OTHER_EXTENSIONS: &[&str] = &["htm", "html", "xhtml", "xml", "pdf", "txt", "swf"];

/// What the object renders, from its `type` or the extension of its `data` URL.
fn content_kind(el: ElementRef) -> Content {
    if let Some(t) = el.attr("type").map(|t| t.trim().to_ascii_lowercase())
        && !t.is_empty()
    {
        let media = ["image/", "audio/", "video/"]
            .iter()
            .any(|p| t.starts_with(p));
        return if media {
            Content::Media
        } else {
            Content::Other
        };
    }
    let Some(data) = el.attr("data") else {
        return Content::Other;
    };
    let path = data.split(['?', '#']).next().unwrap_or("");
    let file = path.rsplit('/').next().unwrap_or("");
    match file.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()) {
        Some(ext) if MEDIA_EXTENSIONS.contains(&ext.as_str()) => Content::Media,
        Some(ext) if OTHER_EXTENSIONS.contains(&ext.as_str()) => Content::Other,
        _ => Content::Unknown,
    }
}

crate::rule!(ObjectName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    // An explicit role hands it to that role's rule (role=img: image-name).
    if explicit_role(el).is_some() || cx.a11y.is_hidden(el.id) {
        return;
    }
    let kind = content_kind(el);
    if kind == Content::Other {
        return;
    }
    let named = !cx.a11y.name(el).is_empty();
    match (kind, named) {
        (_, true) => sink.pass(el.id),
        (Content::Media, false) => sink.fail(
            el.id,
            "This <object> embeds an image, audio or video but has no accessible name: \
             no title, aria-label or aria-labelledby (fallback content and alt do not \
             count).",
        ),
        _ => sink.review(
            el.id,
            "This <object> has no accessible name, and its content type cannot be told \
             from the markup. If it shows an image, audio or video, give it a title or \
             aria-label.",
        ),
    }
}
