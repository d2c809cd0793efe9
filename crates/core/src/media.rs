//! What the media rules (`video-caption`, `media-alternative`, `video-controls`) read
//! about an `<audio>` or `<video>` element: its text tracks, a transcript offered next to
//! it, and a player built around it.

use crate::dom::ElementRef;
use crate::engine::Context;

/// The element has a `<track>` child of this `kind` (`captions`, `descriptions`, ...).
pub fn has_track(media: ElementRef, kind: &str) -> bool {
    media.children().any(|child| {
        child.is("track")
            && child
                .attr("kind")
                .is_some_and(|k| k.trim().eq_ignore_ascii_case(kind))
    })
}

/// How far up from the media element a transcript link or a player's controls may be:
/// its parent and grandparent (a figure, a card body), not the whole page.
const NEARBY_LEVELS: usize = 2;

/// Containers that end the search: beyond them is the rest of the page, not the media's
/// surroundings.
const PAGE_PARTS: &[&str] = &["body", "main", "html"];

/// The media element's surroundings: its parent and grandparent, stopping below the page's
/// `body` or `main`.
fn surroundings(media: ElementRef) -> Vec<ElementRef> {
    media
        .flat_ancestors()
        .take_while(|a| !PAGE_PARTS.contains(&a.name()))
        .take(NEARBY_LEVELS)
        .collect()
}

/// A transcript is offered next to the media: a link or button near it whose text or
/// label says so (`transcript`, `transcripción`, `transcription`), or a description the
/// media points at (`aria-describedby`) that mentions one.
pub fn transcript_nearby(cx: &Context, media: ElementRef) -> bool {
    let mentions = |text: &str| text.to_lowercase().contains("transcri");
    let described = media
        .attr("aria-describedby")
        .into_iter()
        .flat_map(str::split_ascii_whitespace)
        .filter_map(|id| cx.dom.element_by_id(media.id, id))
        .any(|id| mentions(&cx.dom.text_content(id)));
    described
        || surroundings(media).into_iter().any(|around| {
            crate::a11y::flat::find_descendant(cx, around, |e| {
                (e.is("a") || e.is("button"))
                    && !cx.a11y.is_hidden(e.id)
                    && (mentions(&e.text_content()) || e.attr("aria-label").is_some_and(mentions))
            })
            .is_some()
        })
}

/// A player is built around the media: near it, some button or slider (play, pause,
/// volume, seek) that is not the media itself.
pub fn player_around(cx: &Context, media: ElementRef) -> bool {
    let control = |e: ElementRef| {
        e.id != media.id
            && !cx.a11y.is_hidden(e.id)
            && cx
                .a11y
                .role(e)
                .is_some_and(|r| matches!(r, "button" | "slider" | "switch"))
    };
    surroundings(media)
        .into_iter()
        .any(|around| crate::a11y::flat::find_descendant(cx, around, control).is_some())
}
