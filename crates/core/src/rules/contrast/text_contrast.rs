//! WCAG 1.4.3 Contrast (Minimum): visible text has at least 4.5:1 contrast with what is
//! painted behind it (3:1 for large text). ACT rule afw4f7.
//!
//! The measurement is [`crate::paint::text`]'s, shared with `text-contrast-enhanced`: a
//! flat backdrop gives one ratio; a CSS gradient of fixed colours gives one per colour it
//! paints (fail if all fail, pass if all pass, else review); a text shadow that surrounds
//! the letters is measured as their backdrop; over an image or a gradient, the pixels a
//! browser painted behind the text decide where it measured them; an image without them, any other text
//! shadow or an unknown value gives `review`. Ratios are compared unrounded: 4.478:1 fails 4.5:1.

use crate::engine::Context;
use crate::finding::Category;
use crate::paint::text::{self, MINIMUM};
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "text-contrast",
    title: "Text has enough contrast with its background",
    category: Category::Accessibility,
    wcag: &["1.4.3"],
    act: &["afw4f7"],
    help: "Make text at least 4.5:1 against its background (3:1 for large text: 24px, or \
           18.66px bold). In SLDS use the text tokens meant for the background, e.g. \
           --slds-g-color-neutral-base-10 (#181818) on white; grey placeholder-like text \
           such as #999 on white (2.84:1) fails. Check the colour with the contrast page \
           before changing a token.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<p style='color:#333; background:#fff'>Your next appointment</p>"),
        Example::pass("<p style='color:#767676'>Lightest grey that passes on white</p>"),
        // 14pt bold is large text: 3:1 is enough.
        Example::pass(
            "<p style='color:#949494; font-size:14pt; font-weight:700'>Large bold text</p>",
        ),
        // Styles from <style>, var() with fallback and inheritance.
        Example::pass(
            "<style>:root{--ink:#181818} .card{color:var(--ink, red); background:#fff}</style>\
             <div class=card><span>Lab results</span></div>",
        ),
        // #777 on white is 4.478:1: not rounded up.
        Example::fail("<p style='color:#777'>Appointment details</p>"),
        Example::fail("<p style='color:#aaa; background:white'>Some text in English</p>"),
        Example::fail(
            "<div style='background:#fff'><p style='color:#000; opacity:.3'>Faded</p></div>",
        ),
        Example::fail("<p style='color:rgba(0,0,0,.3)'>Translucent text</p>"),
        // Shadow DOM: text inherits the host's colour.
        Example::fail(
            "<p style='color:#aaa; background:#fff'><template shadowrootmode=open>\
             Shadow text</template></p>",
        ),
        // Over a gradient: measured against every colour it paints (ACT afw4f7 failed
        // example 2). Failing against all of them fails, passing against all passes.
        Example::fail(
            "<p style='color:#777; background-image:linear-gradient(#fff,#eee)'>Over a gradient</p>",
        ),
        Example::fail(
            "<p style='color:#aaa; background:linear-gradient(to right, #fff, #00f)'>Visit notes</p>",
        ),
        Example::pass(
            "<p style='color:#181818; background:linear-gradient(90deg, #fff, #e5e5e5 60%, #fafafa)'>Visit notes</p>",
        ),
        // Enough over the light end, not over the dark end.
        Example::review(
            "<p style='color:#595959; background-image:linear-gradient(#fff,#333)'>Over a gradient</p>",
        ),
        // An image: what it paints is unknown.
        Example::review(
            "<p style='color:#000; background:#fff url(/s/banner.png)'>Over an image</p>",
        ),
        // A shadow that surrounds the letters is what they are seen against (ACT afw4f7
        // passed example 4, failed example 11); a hard drop shadow is for a person.
        Example::pass(
            "<p style='color:#000; background:#737373; text-shadow:white 0 0 3px'>Shadowed</p>",
        ),
        Example::fail(
            "<p style='color:#666; background:#fff; text-shadow:#aaa 2px 2px 4px,              #aaa -2px 2px 4px, #aaa 2px -2px 4px, #aaa -2px -2px 4px'>Haloed</p>",
        ),
        // An opaque halo hides the image under it.
        Example::pass(
            "<p style='color:#ccc; background:#000 url(/s/stars.jpeg); text-shadow:0 0 2px black'>Stars</p>",
        ),
        Example::review(
            "<p style='color:#000; background:#737373; text-shadow:1px 1px 0 white'>Drop shadow</p>",
        ),
        // Over an image, from the pixels the browser painted behind the text (ACT afw4f7
        // failed example 3): too dark everywhere; light text on it; text whose colour is
        // inside the image's range.
        Example::fail(
            "<p id=t style='color:#555; background:#000 url(/s/black-hole.jpeg)'>Black hole sun</p>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#t":{"text_backdrop":{"strips":[
                [[0,0,0],[40,38,36]],[[0,0,0],[62,60,58]],[[2,2,2],[30,30,30]]]}}}}"##,
        ),
        Example::pass(
            "<p id=t style='color:#fff; background:#000 url(/s/black-hole.jpeg)'>Black hole sun</p>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#t":{"text_backdrop":{"strips":[
                [[0,0,0],[40,38,36]],[[0,0,0],[62,60,58]],[[2,2,2],[30,30,30]]]}}}}"##,
        ),
        Example::review(
            "<p id=t style='color:#777; background:#000 url(/s/clouds.jpeg)'>Clouds</p>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#t":{"text_backdrop":{"strips":[
                [[0,0,0],[255,255,255]],[[0,0,0],[240,240,240]]]}}}}"##,
        ),
        Example::review(
            "<div style='position:absolute; top:10px'><p style='color:#888'>Floating</p></div>",
        ),
        Example::review("<p style='color:GrayText'>System colour text</p>"),
        // A filter or blend mode repaints in colours no computed value tells.
        Example::review(
            "<div style='filter:invert(1)'><p style='color:#333; background:#fff'>Dark</p></div>",
        ),
        Example::review("<p style='color:#333; mix-blend-mode:difference'>Blended</p>"),
        // Disabled controls and their labels are exempt; hidden text is not checked.
        Example::inapplicable("<button disabled style='color:#bbb'>Submit</button>"),
        Example::inapplicable(
            "<label style='color:#bbb'>Name <input disabled></label>\
             <p style='display:none;color:#eee'>Hidden</p>\
             <p style='position:absolute; left:-9999px; color:#eee'>Off-screen</p>",
        ),
        Example::inapplicable(
            "<p style='color:#fff; background:#fff'>Same colour as background</p>",
        ),
        // Script output is not in a static snapshot: say so once per page.
        Example::review(
            "<p id=p style='color:#aaa'></p><script>p.textContent = 'Added later'</script>",
        ),
        // Browser layout: a positioned band (not an ancestor) is painted under the text.
        Example::fail(
            "<div id=wrap style='position:relative; background:#fff'>\
             <div id=band style='position:absolute; top:0; left:0; width:400px; height:60px; background:#1b5297'></div>\
             <p id=t style='position:relative; color:#0b2a4a'>Appointments</p></div>",
        )
        .with_facts(LAYERED),
        Example::pass(
            "<div id=wrap style='position:relative; background:#fff'>\
             <div id=band style='position:absolute; top:0; left:0; width:400px; height:60px; background:#1b5297'></div>\
             <p id=t style='position:relative; color:#fff'>Appointments</p></div>",
        )
        .with_facts(LAYERED),
        // The band covers only part of the text, or paints a gradient.
        Example::review(
            "<div id=wrap style='position:relative; background:#fff'>\
             <div id=band style='position:absolute; top:0; left:0; width:400px; height:15px; background:#1b5297'></div>\
             <p id=t style='position:relative; color:#0b2a4a'>Appointments</p></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#wrap":{"rect":{"x":0,"y":0,"width":400,"height":100},"paint_order":1},
                "#band":{"rect":{"x":0,"y":0,"width":400,"height":15},"paint_order":2},
                "#t":{"rect":{"x":10,"y":10,"width":200,"height":20},"paint_order":3}}}"##,
        ),
        Example::review(
            "<div id=wrap style='position:relative; background:#fff'>\
             <div id=band style='position:absolute; top:0; left:0; width:400px; height:60px; \
             background-image:linear-gradient(#1b5297,#fff)'></div>\
             <p id=t style='position:relative; color:#0b2a4a'>Appointments</p></div>",
        )
        .with_facts(LAYERED),
        // Boxes without paint order (the Wasm package): the band may paint over or under
        // the text, and which is not guessed.
        Example::review(
            "<div id=wrap style='position:relative; background:#fff'>\
             <div id=band style='position:absolute; top:0; left:0; width:400px; height:60px; background:#1b5297'></div>\
             <p id=t style='position:relative; color:#fff'>Appointments</p></div>",
        )
        .with_facts(
            r##"{"source":"wasm","scripts_ran":true,"laid_out":true,"nodes":{
                "#wrap":{"rect":{"x":0,"y":0,"width":400,"height":100}},
                "#band":{"rect":{"x":0,"y":0,"width":400,"height":60}},
                "#t":{"rect":{"x":10,"y":10,"width":200,"height":20}}}}"##,
        ),
        // With layout, a positioned box over its container's white background is known.
        Example::fail(
            "<div id=wrap style='position:relative; background:#fff'>\
             <p id=t style='position:absolute; top:10px; color:#999'>Tooltip</p></div>",
        )
        .with_facts(
            r##"{"source":"chromium","nodes":{"#wrap":{"rect":{"x":0,"y":0,"width":400,"height":100},"paint_order":1},
                "#t":{"rect":{"x":10,"y":10,"width":200,"height":20},"paint_order":2}}}"##,
        ),
        // A browser snapshot was taken after the scripts ran: no such review.
        Example::pass(
            "<p id=p style='color:#333'>Added later</p><script>p.textContent = 'Added later'</script>",
        )
        .with_facts(r#"{"source":"chromium"}"#),
    ],
};

/// Layout for the layered examples: the band (painted second) covers the text's box.
const LAYERED: &str = r##"{"source":"chromium","nodes":{
    "#wrap":{"rect":{"x":0,"y":0,"width":400,"height":100},"paint_order":1},
    "#band":{"rect":{"x":0,"y":0,"width":400,"height":60},"paint_order":2},
    "#t":{"rect":{"x":10,"y":10,"width":200,"height":20},"paint_order":3}}}"##;

crate::rule!(TextContrast = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    text::check_page(cx, sink, &MINIMUM);
}
