//! Multimedia (WCAG 1.2.x, 1.4.2): captions, and sound that starts by itself.
mod no_autoplay_audio;
mod video_caption;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &video_caption::VideoCaption,
        &no_autoplay_audio::NoAutoplayAudio,
    ]
}
