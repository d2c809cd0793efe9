//! WCAG 1.2.2 Captions (Prerecorded): a `<video>` carries a captions track. Without one the
//! video may still be fine (captions burned into the picture, or no speech at all), which
//! only a person watching it can tell: review, never fail.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::media::has_track;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "video-caption",
    title: "Videos have captions",
    category: Category::Accessibility,
    wcag: &["1.2.2"],
    act: &[],
    help: "Add <track kind=\"captions\" src=\"visit.vtt\" srclang=\"en\"> to the video, or check \
           that captions are burned into the picture. Deaf and hard-of-hearing patients cannot \
           follow a telehealth recording or a care video without them.",
    interest: Interest::Tags(&["video"]),
    phi: None,
    examples: &[
        Example::pass(
            "<video controls src=v.mp4><track kind=captions src=v.vtt srclang=en></video>",
        ),
        Example::pass("<video controls src=v.mp4><track kind=CAPTIONS src=v.vtt></video>"),
        Example::review("<video controls src=v.mp4></video>"),
        // Look-alike: subtitles translate speech but leave out sounds, so they are no captions.
        Example::review("<video controls src=v.mp4><track kind=subtitles src=v.vtt></video>"),
        Example::inapplicable("<video hidden src=v.mp4></video>"),
        Example::inapplicable("<audio controls src=a.mp3></audio>"),
    ],
};

crate::rule!(VideoCaption = META, element: check_element);

fn check_element(cx: &Context, video: ElementRef, sink: &mut Sink) {
    if !video.is_html() || cx.a11y.is_hidden(video.id) {
        return;
    }
    if has_track(video, "captions") {
        sink.pass(video.id);
    } else {
        sink.review(
            video.id,
            "This video has no captions track. Check that it has no speech or that captions are \
             burned into the picture; otherwise add a captions track.",
        );
    }
}
