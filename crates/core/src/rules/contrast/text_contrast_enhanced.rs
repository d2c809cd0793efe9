//! WCAG 1.4.6 Contrast (Enhanced), level AAA: visible text has at least 7:1 contrast with
//! what is painted behind it (4.5:1 for large text). ACT rule 09o5cg.
//!
//! The same measurement as `text-contrast` ([`crate::paint::text`]) with the AAA
//! thresholds. Its findings carry `level: "AAA"` and never count against the gate (an AA
//! audit does not fail on them; see `RuleMeta::level`).

use crate::engine::Context;
use crate::finding::Category;
use crate::paint::text::{self, ENHANCED};
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "text-contrast-enhanced",
    title: "Text has enhanced contrast with its background (AAA)",
    category: Category::Accessibility,
    wcag: &["1.4.6"],
    act: &["09o5cg"],
    help: "For patients with low vision, make text at least 7:1 against its background \
           (4.5:1 for large text: 24px, or 18.66px bold). SLDS body text #181818 on white \
           is 17.4:1; #595959 on white (7.0:1) is the lightest grey that reaches it. This is \
           a level AAA finding: reported, never counted against the AA gate.",
    interest: Interest::PageOnly,
    phi: None,
    examples: &[
        Example::pass("<p style='color:#181818; background:#fff'>Your next appointment</p>"),
        Example::pass("<p style='color:#595959'>Lightest grey that reaches 7:1 on white</p>"),
        // Large text needs 4.5:1.
        Example::pass("<p style='color:#767676; font-size:24px'>Large heading text</p>"),
        // Passes AA (4.54:1) but not AAA.
        Example::fail("<p style='color:#767676'>Appointment details</p>"),
        Example::fail("<p style='color:#777; font-size:24px'>Large but too light</p>"),
        // Against every colour of the gradient it is below 7:1.
        Example::fail(
            "<p style='color:#666; background:linear-gradient(#fff, #f3f3f3)'>Visit notes</p>",
        ),
        Example::review(
            "<p style='color:#000; background:#fff url(/s/banner.png)'>Over an image</p>",
        ),
        Example::inapplicable("<button disabled style='color:#bbb'>Submit</button>"),
        Example::inapplicable("<p style='display:none;color:#eee'>Hidden</p>"),
    ],
};

crate::rule!(TextContrastEnhanced = META, page: check_page);

fn check_page(cx: &Context, sink: &mut Sink) {
    text::check_page(cx, sink, &ENHANCED);
}
