//! Multimedia (WCAG 1.2.x, 1.4.2, 2.2.2): captions, text alternatives, controls, and sound
//! that starts by itself.
mod media_alternative;
mod no_autoplay_audio;
mod video_caption;
mod video_controls;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &video_caption::VideoCaption,
        &media_alternative::MediaAlternative,
        &video_controls::VideoControls,
        &no_autoplay_audio::NoAutoplayAudio,
    ]
}
