//! WCAG 1.1.1, 2.4.4, 4.1.2: image-map areas that are links have a text alternative.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "area-alt",
    title: "Image map areas have a text alternative",
    category: Category::Accessibility,
    wcag: &["1.1.1", "2.4.4", "4.1.2"],
    act: &["c487ae"],
    help: "Give every <area href> of an image map an alt attribute naming where it leads \
           (alt=\"Cardiology clinic\"), or an aria-label.",
    interest: Interest::Tags(&["area"]),
    phi: None,
    examples: &[
        Example::pass(
            r##"<img src="map.png" alt="Campus" usemap="#m"><map name="m"><area shape="rect" coords="0,0,9,9" href="/cardio" alt="Cardiology"></map>"##,
        ),
        Example::fail(
            r##"<img src="map.png" alt="Campus" usemap="#m"><map name="m"><area shape="rect" coords="0,0,9,9" href="/cardio"></map>"##,
        ),
        Example::inapplicable(r#"<area shape="rect" coords="0,0,9,9">"#),
    ],
};

crate::rule!(AreaAlt = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    if cx.a11y.role(el) != Some("link") || cx.a11y.is_hidden(el.id) {
        return;
    }
    let name = cx.a11y.name(el);
    crate::report::report_name(
        sink,
        el.id,
        &name,
        "This image-map area is a link with no text alternative: no alt, aria-label \
             or aria-labelledby.",
    );
}
