//! Moving and timed content (WCAG 2.2.1, 2.2.2): page refreshes, session timers, scrolling
//! text and long CSS animations. No
//! `blink` rule: no current browser makes `<blink>` blink, so it is plain text.
mod animation_pause;
mod marquee;
mod meta_refresh;
mod session_timeout_warning;

use crate::rule::Rule;

pub fn rules() -> Vec<&'static dyn Rule> {
    vec![
        &meta_refresh::MetaRefresh,
        &session_timeout_warning::SessionTimeoutWarning,
        &marquee::Marquee,
        &animation_pause::AnimationPause,
    ]
}
