//! Cascade behaviour, end to end from HTML text.

use portalscan_core::css;
use std::collections::HashMap;

use portalscan_core::Snapshot;
use portalscan_core::style::Style;

use crate::{NoResources, ResourceLoader, snapshot_from_html};

fn snap(html: &str) -> Snapshot {
    snapshot_from_html(html, "https://portal.example/s/home", &NoResources)
}

/// The style of the element whose `id` is `id` (in any tree).
fn style(s: &Snapshot, id: &str) -> Style {
    let el = s
        .dom
        .elements()
        .find(|e| e.attr("id") == Some(id))
        .unwrap_or_else(|| panic!("no element #{id}"));
    el.style().cloned().expect("every element has a style")
}

/// A computed value by CSS name; the name must be in the core's property table.
fn get<'a>(st: &'a Style, prop: &str) -> Option<&'a str> {
    let prop = css::Property::from_name(prop).unwrap_or_else(|| panic!("{prop} not in css table"));
    st.get(prop)
}

#[test]
fn every_element_gets_a_style_and_defaults_are_chrome_values() {
    let s = snap("<p id=p>Hi <span id=s>there</span></p><i id=o style='outline: thin dotted red'>");
    assert!(s.has_styles());
    let o = style(&s, "o");
    assert_eq!(get(&o, "outline-width"), Some("1px"));
    assert_eq!(get(&o, "outline-color"), Some("rgb(255, 0, 0)"));
    let p = style(&s, "p");
    assert_eq!(get(&p, "color"), Some("rgb(0, 0, 0)"));
    assert_eq!(get(&p, "background-color"), Some("rgba(0, 0, 0, 0)"));
    assert_eq!(get(&p, "display"), Some("block"));
    assert_eq!(get(&p, "font-size"), Some("16px"));
    assert_eq!(get(&p, "font-weight"), Some("400"));
    assert_eq!(get(&p, "border-top-width"), Some("0px"));
    assert_eq!(get(&p, "outline-style"), Some("none"));
    assert_eq!(
        get(&p, "outline-width"),
        None,
        "an outline not drawn has no width to carry"
    );
    assert_eq!(
        get(&p, "width"),
        None,
        "a box that neither clips nor scrolls carries no width"
    );
    assert_eq!(get(&style(&s, "s"), "display"), Some("inline"));
    let head = s.dom.elements().find(|e| e.is("head")).unwrap();
    assert_eq!(head.style().unwrap().get(css::DISPLAY), Some("none"));
}

#[test]
fn specificity_order_and_important() {
    let s = snap(
        "<style>
           #a { color: red }
           p.x { color: green }
           p { color: blue !important }
           .y { color: #123 }
           .y { color: #456 }
           .z { color: #111 !important }
         </style>
         <p id=a class=x>1</p>
         <div id=b class='x y'>2</div>
         <div id=c class=z style='color: #fff !important'>3</div>
         <div id=d class=z style='color: #fff'>4</div>",
    );
    assert_eq!(get(&style(&s, "a"), "color"), Some("rgb(0, 0, 255)"));
    assert_eq!(get(&style(&s, "b"), "color"), Some("rgb(68, 85, 102)"));
    assert_eq!(get(&style(&s, "c"), "color"), Some("rgb(255, 255, 255)"));
    assert_eq!(get(&style(&s, "d"), "color"), Some("rgb(17, 17, 17)"));
}

#[test]
fn inheritance_and_inline_style() {
    let s = snap(
        "<div id=d style='color: rgba(0,0,0,.5); background: #eee; font-weight: bold'>
           <span id=s>x</span></div>",
    );
    let span = style(&s, "s");
    assert_eq!(get(&span, "color"), Some("rgba(0, 0, 0, 0.5)"));
    assert_eq!(get(&span, "font-weight"), Some("700"));
    assert_eq!(get(&span, "background-color"), Some("rgba(0, 0, 0, 0)"));
    assert_eq!(
        get(&style(&s, "d"), "background-color"),
        Some("rgb(238, 238, 238)")
    );
}

#[test]
fn font_sizes_em_rem_percent_keywords() {
    let s = snap(
        "<style>html { font-size: 10px } .big { font-size: 2em } .r { font-size: 1.5rem }
                .p { font-size: 150% } .k { font-size: x-large } .pt { font-size: 14pt }
                .c { font-size: calc(1rem + 2px) } .v { font-size: calc(1vw + 2px) }</style>
         <div class=big id=a><span class=big id=b>x</span><span class=r id=c>x</span>
           <span class=p id=d>x</span><span class=k id=e>x</span><span class=pt id=f>x</span>
           <span class=c id=g>x</span><span class=v id=h>x</span></div>
         <h1 id=h1>t</h1><b id=bold>b</b><button id=btn>b</button>",
    );
    assert_eq!(get(&style(&s, "a"), "font-size"), Some("20px"));
    assert_eq!(get(&style(&s, "b"), "font-size"), Some("40px"));
    assert_eq!(get(&style(&s, "c"), "font-size"), Some("15px"));
    assert_eq!(get(&style(&s, "d"), "font-size"), Some("30px"));
    assert_eq!(get(&style(&s, "e"), "font-size"), Some("24px"));
    assert_eq!(get(&style(&s, "f"), "font-size"), Some("18.6667px"));
    assert_eq!(get(&style(&s, "g"), "font-size"), Some("12px"));
    assert_eq!(
        get(&style(&s, "h"), "font-size"),
        None,
        "vw cannot be computed statically"
    );
    assert_eq!(get(&style(&s, "h1"), "font-size"), Some("20px"));
    assert_eq!(get(&style(&s, "h1"), "font-weight"), Some("700"));
    assert_eq!(get(&style(&s, "bold"), "font-weight"), Some("700"));
    assert_eq!(get(&style(&s, "btn"), "font-size"), Some("13.3333px"));
}

#[test]
fn custom_properties_and_var_fallbacks() {
    let s = snap(
        "<style>
           :root { --brand: #0176d3; --text: var(--brand) }
           .a { color: var(--slds-g-color-neutral-base-10, #181818) }
           .b { color: var(--text) }
           .c { --brand: #000; color: var(--text) }
           .d { color: red; color: var(--missing) }
           .e { border: 1px solid var(--brand) }
           .f { color: var(--missing, var(--brand)) }
         </style>
         <p class=a id=a>x</p><p class=b id=b>x</p><p class=c id=c>x</p>
         <div style='color: green'><p class=d id=d>x</p></div><p class=e id=e>x</p>
         <p class=f id=f>x</p>",
    );
    assert_eq!(get(&style(&s, "a"), "color"), Some("rgb(24, 24, 24)"));
    assert_eq!(get(&style(&s, "b"), "color"), Some("rgb(1, 118, 211)"));
    // --text was resolved on :root and inherited as a value, so the local --brand does
    // not change it.
    assert_eq!(get(&style(&s, "c"), "color"), Some("rgb(1, 118, 211)"));
    // Invalid at computed-value time: `color` behaves as unset, i.e. inherits.
    assert_eq!(get(&style(&s, "d"), "color"), Some("rgb(0, 128, 0)"));
    let e = style(&s, "e");
    assert_eq!(get(&e, "border-left-color"), Some("rgb(1, 118, 211)"));
    assert_eq!(get(&e, "border-left-width"), Some("1px"));
    assert_eq!(get(&e, "border-left-style"), Some("solid"));
    assert_eq!(get(&style(&s, "f"), "color"), Some("rgb(1, 118, 211)"));
}

#[test]
fn media_queries_use_the_default_viewport() {
    let s = snap(
        "<style>
           p { color: black }
           @media (max-width: 600px) { p { color: red } }
           @media screen and (min-width: 1024px) { p { background-color: #eee } }
           @media print { p { display: none } }
         </style><p id=p>x</p>",
    );
    let p = style(&s, "p");
    assert_eq!(get(&p, "color"), Some("rgb(0, 0, 0)"));
    assert_eq!(get(&p, "background-color"), Some("rgb(238, 238, 238)"));
    assert_eq!(get(&p, "display"), Some("block"));
}

#[test]
fn shadow_styles_are_scoped_and_inheritance_follows_the_flat_tree() {
    let s = snap(
        "<style>span { color: red } .host { color: rgb(0, 0, 200) }</style>
         <div class=host id=host>
           <template shadowrootmode=open>
             <style>
               p { background-color: #eee }
               :host { background-color: rgb(1, 2, 3); color: green }
               ::slotted(em) { font-weight: 700 }
             </style>
             <p id=inner>in <span id=shadowspan>shadow</span></p>
             <slot></slot>
           </template>
           <em id=slotted>light</em>
         </div>
         <p id=outer>outside</p>",
    );
    // Document styles do not enter the shadow tree: the span inherits, not red.
    assert_eq!(
        get(&style(&s, "shadowspan"), "color"),
        Some("rgb(0, 0, 200)")
    );
    // Shadow styles do not leak out.
    assert_eq!(
        get(&style(&s, "outer"), "background-color"),
        Some("rgba(0, 0, 0, 0)")
    );
    assert_eq!(
        get(&style(&s, "inner"), "background-color"),
        Some("rgb(238, 238, 238)")
    );
    // :host styles the host, but loses to the document's normal declarations.
    let host = style(&s, "host");
    assert_eq!(get(&host, "background-color"), Some("rgb(1, 2, 3)"));
    assert_eq!(get(&host, "color"), Some("rgb(0, 0, 200)"));
    // ::slotted styles the slotted light child, which inherits through its slot.
    let slotted = style(&s, "slotted");
    assert_eq!(get(&slotted, "font-weight"), Some("700"));
    assert_eq!(get(&slotted, "color"), Some("rgb(0, 0, 200)"));
}

#[test]
fn important_inner_context_wins() {
    let s = snap(
        "<style>.host { color: red !important }</style>
         <div class=host id=host><template shadowrootmode=open>
           <style>:host { color: blue !important }</style>x</template></div>",
    );
    assert_eq!(get(&style(&s, "host"), "color"), Some("rgb(0, 0, 255)"));
}

#[test]
fn malformed_css_is_skipped_like_browsers_do() {
    let s = snap(
        "<style>
           p { color: green; color: notacolor; background: }
           p { color: ; }}} div { color: blue }
           @media screen { p { font-weight: 700 } 
         </style><p id=p>x</p>",
    );
    let p = style(&s, "p");
    assert_eq!(get(&p, "color"), Some("rgb(0, 128, 0)"));
    assert_eq!(get(&p, "font-weight"), Some("700"));
}

#[test]
fn display_visibility_and_blockification() {
    let s = snap(
        "<span id=a style='position:absolute'>x</span>
         <div hidden id=b>x</div>
         <div style='visibility:hidden'><span id=c>x</span></div>
         <div style='overflow-x: hidden'><span id=d>x</span></div>
         <div id=e style='overflow-x: hidden'>x</div>",
    );
    assert_eq!(get(&style(&s, "a"), "display"), Some("block"));
    assert_eq!(get(&style(&s, "b"), "display"), Some("none"));
    assert_eq!(get(&style(&s, "c"), "visibility"), Some("hidden"));
    let e = style(&s, "e");
    assert_eq!(get(&e, "overflow-x"), Some("hidden"));
    assert_eq!(get(&e, "overflow-y"), Some("auto"));
}

#[test]
fn focus_style_is_computed_for_focusable_elements() {
    let s = snap(
        "<style>.no:focus { outline: none } .ring:focus-visible { box-shadow: 0 0 0 2px blue }</style>
         <a href=/x id=plain>x</a><a href=/y class=no id=no>y</a>
         <button class='no ring' id=ring>b</button><span id=span>s</span>",
    );
    let el = |id: &str| s.dom.elements().find(|e| e.attr("id") == Some(id)).unwrap();
    let plain = el("plain").node().focus_style.clone().unwrap();
    assert_eq!(plain.get(css::OUTLINE_STYLE), Some("auto"));
    assert_eq!(plain.get(css::OUTLINE_COLOR), Some("rgb(16, 16, 16)"));
    assert_eq!(
        el("plain").style().unwrap().get(css::OUTLINE_STYLE),
        Some("none")
    );
    let no = el("no").node().focus_style.clone().unwrap();
    assert_eq!(no.get(css::OUTLINE_STYLE), Some("none"));
    assert_eq!(
        no.get(css::OUTLINE_WIDTH),
        None,
        "not drawn: no width carried"
    );
    let ring = el("ring").node().focus_style.clone().unwrap();
    assert_eq!(ring.get(css::BOX_SHADOW), Some("0 0 0 2px blue"));
    assert!(el("span").node().focus_style.is_none());
}

struct Files(HashMap<String, String>);
impl ResourceLoader for Files {
    fn stylesheet(&self, url: &str) -> Option<String> {
        self.0.get(url).cloned()
    }
}

#[test]
fn linked_and_imported_stylesheets_load_through_the_loader() {
    let files = Files(HashMap::from([
        (
            "https://portal.example/css/site.css".to_string(),
            "@import 'base.css'; p { color: rgb(0, 0, 1) }".to_string(),
        ),
        (
            "https://portal.example/css/base.css".to_string(),
            "p { color: red; background-color: #fff }".to_string(),
        ),
    ]));
    let s = snapshot_from_html(
        "<link rel=stylesheet href='../css/site.css'><p id=p>x</p>",
        "https://portal.example/s/home",
        &files,
    );
    let p = style(&s, "p");
    assert_eq!(get(&p, "color"), Some("rgb(0, 0, 1)"));
    assert_eq!(get(&p, "background-color"), Some("rgb(255, 255, 255)"));

    // A stylesheet that cannot be loaded makes the tree's values unknown.
    let s = snapshot_from_html(
        "<link rel=stylesheet href='/missing.css'><p id=p style='color: red'>x</p>",
        "https://portal.example/s/home",
        &files,
    );
    assert!(s.has_styles());
    assert_eq!(get(&style(&s, "p"), "color"), None);
}

#[test]
fn identical_styles_share_one_map() {
    let s = snap("<ul><li id=a>1</li><li id=b>2</li></ul>");
    assert!(style(&s, "a").ptr_eq(&style(&s, "b")));
}

#[test]
fn deep_nesting_does_not_overflow() {
    let depth = 20_000;
    let html = format!("{}x{}", "<div>".repeat(depth), "</div>".repeat(depth));
    let s = snap(&html);
    assert!(s.has_styles());
}

#[test]
fn focus_style_is_unknown_when_focus_restyles_other_elements() {
    let s = snap(
        "<style>a:focus { outline: none } a:focus + .hint { color: red }</style>
         <a href=/x id=a>x</a><span class=hint>h</span>",
    );
    let a = s
        .dom
        .elements()
        .find(|e| e.attr("id") == Some("a"))
        .unwrap();
    assert!(a.node().focus_style.is_none());
}

#[test]
fn host_functional_selector_and_layers() {
    let s = snap(
        "<style>
           @layer base, theme;
           @layer theme { p { color: rgb(0, 0, 2) } }
           @layer base { p { color: rgb(0, 0, 1) } }
           .un { color: rgb(0, 0, 3) }
           @layer theme { .un { color: rgb(0, 0, 4) } }
         </style>
         <p id=layered>x</p><p class=un id=unlayered>x</p>
         <div class='card active' id=host><template shadowrootmode=open>
           <style>:host(.active) { border-top: 2px solid rgb(9, 9, 9) } :host(.other) { color: red }</style>
           x</template></div>",
    );
    // Later layers win; unlayered beats layered.
    assert_eq!(get(&style(&s, "layered"), "color"), Some("rgb(0, 0, 2)"));
    assert_eq!(get(&style(&s, "unlayered"), "color"), Some("rgb(0, 0, 3)"));
    let host = style(&s, "host");
    assert_eq!(get(&host, "border-top-width"), Some("2px"));
    assert_eq!(get(&host, "border-top-color"), Some("rgb(9, 9, 9)"));
    assert_eq!(get(&host, "color"), Some("rgb(0, 0, 0)"));
}

#[test]
fn clip_position_offsets_and_unknown_values_stay_absent() {
    let s = snap(
        "<style>.sr { position: absolute; width: 1px; height: 1px; overflow: hidden;
                      clip: rect(0 0 0 0); left: -999em }
                .pct { width: 50%; top: 10%; position: fixed; overflow: clip } .min { font-size: max(1em, 12px) }</style>
         <span class=sr id=sr>x</span><div class=pct id=pct>x</div><p class=min id=min>x</p>",
    );
    let sr = style(&s, "sr");
    assert_eq!(get(&sr, "clip"), Some("rect(0 0 0 0)"));
    assert_eq!(get(&sr, "width"), Some("1px"));
    assert_eq!(get(&sr, "left"), Some("-15984px"));
    let pct = style(&s, "pct");
    assert_eq!(get(&pct, "width"), None, "percent widths need layout");
    assert_eq!(get(&pct, "top"), Some("10%"));
    assert_eq!(get(&style(&s, "min"), "font-size"), None);
}
