//! WCAG 1.4.2 Audio Control: media that starts playing by itself with sound can be paused or
//! muted. How long the sound lasts (3 s is allowed) is unknown before it plays, so media
//! without a visible way to stop it is a review, not a failure.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "no-autoplay-audio",
    title: "Media that plays automatically can be paused or muted",
    category: Category::Accessibility,
    wcag: &["1.4.2"],
    act: &["80f0bf", "4c31df"],
    help: "Remove autoplay, add muted, or give the player controls. Sound that starts by itself \
           drowns out a screen reader, so a blind patient cannot find the button to stop it.",
    interest: Interest::Tags(&["video", "audio"]),
    phi: None,
    examples: &[
        Example::pass("<video autoplay muted src=v.mp4></video>"),
        Example::pass("<video autoplay controls src=v.mp4></video>"),
        Example::review("<video autoplay src=v.mp4></video>"),
        // Look-alike: hidden audio still plays, so hiding the element does not help.
        Example::review("<audio autoplay hidden src=a.mp3></audio>"),
        Example::review("<audio autoplay controls hidden src=a.mp3></audio>"),
        Example::inapplicable("<video controls src=v.mp4></video>"),
    ],
};

crate::rule!(NoAutoplayAudio = META, element: check_element);

fn check_element(cx: &Context, media: ElementRef, sink: &mut Sink) {
    if !media.is_html() || !media.has_attr("autoplay") {
        return;
    }
    // `muted` starts without sound; native `controls` are a pause and mute button (ACT 4c31df).
    let visible_controls = media.has_attr("controls") && !cx.a11y.is_hidden(media.id);
    if media.has_attr("muted") || visible_controls {
        sink.pass(media.id);
        return;
    }
    sink.review(
        media.id,
        "This media plays automatically and has no controls. Unless its sound lasts 3 seconds \
         or less, add a way to pause or mute it.",
    );
}
