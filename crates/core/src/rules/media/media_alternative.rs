//! WCAG 1.2.1 Audio-only and Video-only (Prerecorded): audio and silent video come with a
//! text alternative. Whether a recording has speech, or a video any sound, cannot be known
//! from the page, so this rule never fails: it passes media that offers a transcript next
//! to it (or, for video, a descriptions track), and asks a person to check the rest.
//!
//! A video with a captions track has a sound track, so it is no video-only media: 1.2.1
//! does not apply to it (its captions are `video-caption`'s).

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::media::{has_track, transcript_nearby};
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "media-alternative",
    title: "Audio-only and video-only media have a text alternative",
    category: Category::Accessibility,
    wcag: &["1.2.1"],
    act: &[],
    help: "Link a transcript next to recorded audio (care instructions, a voicemail), e.g. \
           <a href=\"instructions-transcript.html\">Transcript</a>; for a video without \
           sound, describe what it shows in a transcript or a <track kind=\"descriptions\">. \
           Deaf patients cannot hear audio, blind patients cannot see a silent video.",
    interest: Interest::Tags(&["audio", "video"]),
    phi: None,
    examples: &[
        Example::pass(
            "<figure><audio controls src=a.mp3></audio>\
             <figcaption><a href=/s/a-transcript>Read the transcript</a></figcaption></figure>",
        ),
        Example::pass(
            "<div><video controls src=v.mp4></video><button>Show transcript</button></div>",
        ),
        Example::pass(
            "<video controls src=v.mp4><track kind=descriptions src=d.vtt srclang=en></video>",
        ),
        Example::pass(
            "<audio controls src=a.mp3 aria-describedby=t></audio>\
             <p id=t>A transcript follows the recording.</p>",
        ),
        Example::review("<audio controls src=a.mp3></audio>"),
        Example::review("<video controls muted src=v.mp4></video>"),
        // Look-alike: a transcript link elsewhere on the page is not next to this audio.
        Example::review(
            "<main><section><div><audio controls src=a.mp3></audio></div></section>\
             <footer><a href=/s/t>Transcripts of all recordings</a></footer></main>",
        ),
        // A video with captions has sound: it is no video-only media.
        Example::inapplicable(
            "<video controls src=v.mp4><track kind=captions src=c.vtt srclang=en></video>",
        ),
        Example::inapplicable("<audio hidden src=a.mp3></audio>"),
        // Audio without controls is not rendered, but it is heard when it plays by itself.
        Example::review("<audio autoplay loop src=a.mp3></audio>"),
    ],
};

crate::rule!(MediaAlternative = META, element: check_element);

fn check_element(cx: &Context, media: ElementRef, sink: &mut Sink) {
    // Hidden media is no content, unless it plays by itself (background sound is heard).
    if !media.is_html() || (cx.a11y.is_hidden(media.id) && !media.has_attr("autoplay")) {
        return;
    }
    let video = media.is("video");
    if video && has_track(media, "captions") {
        return;
    }
    if transcript_nearby(cx, media) || (video && has_track(media, "descriptions")) {
        sink.pass(media.id);
    } else if video {
        sink.review(
            media.id,
            "Whether this video has a sound track cannot be known from the page. If it has \
             none, describe what it shows in a transcript next to it or a descriptions track.",
        );
    } else {
        sink.review(
            media.id,
            "This audio has no transcript next to it. If it has speech or other information, \
             link a transcript beside it.",
        );
    }
}
