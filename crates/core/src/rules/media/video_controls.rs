//! WCAG 2.1.1 Keyboard and 2.2.2 Pause, Stop, Hide: a `<video>` shows the browser's
//! controls (`controls`) or sits in a player with its own buttons. Without either, people
//! using a keyboard or a screen reader cannot play, pause or stop it. A script may still
//! offer controls elsewhere, which only a person can see: review, never fail.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::media::player_around;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "video-controls",
    title: "Videos have controls",
    category: Category::Accessibility,
    wcag: &["2.1.1", "2.2.2"],
    act: &[],
    help: "Add the controls attribute to the <video>, or build an accessible player around \
           it (real <button>s for play and pause, a labelled slider for the position). A \
           looping video without controls cannot be paused from the keyboard.",
    interest: Interest::Tags(&["video"]),
    phi: None,
    examples: &[
        Example::pass("<video controls src=v.mp4></video>"),
        Example::pass(
            "<div class=player><video src=v.mp4></video>\
             <button aria-label=Play>▶</button></div>",
        ),
        Example::review("<video autoplay muted loop src=v.mp4></video>"),
        // Look-alike: a control far from the video is not its player.
        Example::review(
            "<main><section><div><video src=v.mp4></video></div></section>\
             <button>Play all</button></main>",
        ),
        Example::inapplicable("<video hidden src=v.mp4></video>"),
        Example::inapplicable("<audio src=a.mp3></audio>"),
    ],
};

crate::rule!(VideoControls = META, element: check_element);

fn check_element(cx: &Context, video: ElementRef, sink: &mut Sink) {
    if !video.is_html() || cx.a11y.is_hidden(video.id) {
        return;
    }
    if video.has_attr("controls") || player_around(cx, video) {
        sink.pass(video.id);
    } else {
        sink.review(
            video.id,
            "This video has no controls attribute and no player buttons around it: check \
             that people can play, pause and stop it from the keyboard.",
        );
    }
}
