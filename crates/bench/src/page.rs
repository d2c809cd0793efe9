//! Generates a deterministic portal page of a given number of elements: SLDS class names,
//! LWC custom elements with declarative shadow roots, cards, forms with labels, tables,
//! and a `<style>` block — the shape of a real Experience Cloud page.

use std::fmt::Write;

/// A small deterministic pseudo-random sequence (no dependency, same page everywhere).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % bound.max(1)
    }
}

const FIRST: [&str; 8] = [
    "Ana", "Ben", "Chloé", "Dev", "Emeka", "Fatima", "Grace", "Hiro",
];
const LAST: [&str; 8] = [
    "Lee", "Okafor", "Nguyen", "Silva", "Kowalski", "Haddad", "Moreau", "Sato",
];
const SPECIALTY: [&str; 6] = [
    "Cardiology",
    "Family Medicine",
    "Dermatology",
    "Orthopedics",
    "Pediatrics",
    "Endocrinology",
];
const STATUS: [&str; 4] = ["Scheduled", "Confirmed", "Completed", "Cancelled"];

const STYLE: &str = "
.slds-scope { font-family: 'Salesforce Sans', Arial, sans-serif; color: #181818; background: #ffffff; }
.slds-card { border: 1px solid #dddbda; border-radius: 0.25rem; background-color: #ffffff; margin: 0 0 0.75rem; }
.slds-card__header { display: flex; align-items: center; padding: 0.75rem 1rem 0; }
.slds-card__header-title { font-size: 1rem; font-weight: 700; line-height: 1.25; }
.slds-card__body { padding: 0 1rem; }
.slds-card__footer { padding: 0.75rem 1rem; border-top: 1px solid #dddbda; text-align: center; }
.slds-button { display: inline-flex; align-items: center; padding: 0 1rem; line-height: 1.875rem; border-radius: 0.25rem; border: 1px solid transparent; }
.slds-button_brand { background-color: #0176d3; border-color: #0176d3; color: #ffffff; }
.slds-button_neutral { background-color: #ffffff; border-color: #c9c9c9; color: #0176d3; }
.slds-button:focus { outline: 0; box-shadow: 0 0 3px #0176d3; }
.slds-form-element { margin-bottom: 0.5rem; }
.slds-form-element__label { display: inline-block; color: #3e3e3c; font-size: 0.75rem; padding-right: 0.5rem; }
.slds-input, .slds-select, .slds-textarea { width: 100%; border: 1px solid #c9c9c9; border-radius: 0.25rem; padding: 0 0.75rem; line-height: 1.875rem; }
.slds-table { width: 100%; border-collapse: separate; border-spacing: 0; }
.slds-table th, .slds-table td { padding: 0.25rem 0.5rem; white-space: nowrap; }
.slds-text-heading_large { font-size: 1.75rem; line-height: 1.25; }
.slds-text-color_weak { color: #706e6b; }
.slds-badge { display: inline-flex; padding: 0.125rem 0.5rem; border-radius: 15rem; background-color: #ecebea; font-size: 0.625rem; }
.slds-assistive-text { position: absolute; margin: -1px; border: 0; padding: 0; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.slds-grid { display: flex; } .slds-col { flex: 1 1 auto; }
.slds-p-around_medium { padding: 1rem; } .slds-m-bottom_small { margin-bottom: 0.5rem; }
.slds-global-header { position: fixed; top: 0; left: 0; right: 0; height: 3rem; background: #ffffff; z-index: 100; }
.comm-navigation__item a { color: #0b5cab; text-decoration: none; }
.comm-navigation__item a:hover, .comm-navigation__item a:focus { text-decoration: underline; }
@media (max-width: 48em) { .slds-grid { display: block; } .slds-card__header { padding: 0.5rem; } }
";

/// Writes HTML and counts the elements it opens.
struct Writer {
    html: String,
    elements: usize,
}

impl Writer {
    fn open(&mut self, tag: &str, attrs: &str) {
        self.elements += 1;
        if attrs.is_empty() {
            let _ = write!(self.html, "<{tag}>");
        } else {
            let _ = write!(self.html, "<{tag} {attrs}>");
        }
    }
    fn close(&mut self, tag: &str) {
        let _ = write!(self.html, "</{tag}>");
    }
    fn leaf(&mut self, tag: &str, attrs: &str, text: &str) {
        self.open(tag, attrs);
        self.html.push_str(text);
        self.close(tag);
    }
    fn void(&mut self, tag: &str, attrs: &str) {
        self.open(tag, attrs);
    }
    /// A declarative shadow root: the `<template>` is not an element of the page.
    fn shadow_start(&mut self) {
        self.html.push_str("<template shadowrootmode=\"open\">");
    }
    fn shadow_end(&mut self) {
        self.html.push_str("</template>");
    }
}

/// A portal page with at least `target` elements (and at most one block more).
pub fn portal_page(target: usize) -> String {
    let mut rng = Lcg(0x5eed_0f90_47a1);
    let mut w = Writer {
        html: String::with_capacity(target * 32),
        elements: 0,
    };
    w.html.push_str("<!DOCTYPE html>\n");
    w.open("html", "lang=\"en\"");
    w.open("head", "");
    w.void("meta", "charset=\"utf-8\"");
    w.void(
        "meta",
        "name=\"viewport\" content=\"width=device-width, initial-scale=1\"",
    );
    w.leaf("title", "", "Appointments – Riverside Patient Portal");
    w.leaf("style", "", STYLE);
    w.close("head");
    w.open("body", "class=\"slds-scope\"");
    header(&mut w);
    w.open("main", "id=\"main-content\" class=\"slds-p-around_medium\"");
    w.leaf("h1", "class=\"slds-text-heading_large\"", "Your care");
    let mut block = 0;
    while w.elements < target {
        match block % 4 {
            0 => appointment_card(&mut w, &mut rng, block),
            1 => intake_form(&mut w, &mut rng, block),
            2 => results_table(&mut w, &mut rng, block),
            _ => care_team(&mut w, &mut rng, block),
        }
        block += 1;
        w.html.push('\n');
    }
    w.close("main");
    w.close("body");
    w.close("html");
    w.html.push('\n');
    w.html
}

fn header(w: &mut Writer) {
    w.open("header", "class=\"slds-global-header\"");
    w.leaf(
        "a",
        "href=\"#main-content\" class=\"slds-assistive-text\"",
        "Skip to content",
    );
    w.open("nav", "aria-label=\"Portal\"");
    w.open("ul", "class=\"comm-navigation\"");
    for (href, label) in [
        ("/s/", "Home"),
        ("/s/appointments", "Appointments"),
        ("/s/messages", "Messages"),
        ("/s/results", "Test results"),
        ("/s/billing", "Billing"),
    ] {
        w.open("li", "class=\"comm-navigation__item\"");
        w.leaf("a", &format!("href=\"{href}\""), label);
        w.close("li");
    }
    w.close("ul");
    w.close("nav");
    w.close("header");
}

fn person(rng: &mut Lcg) -> String {
    format!(
        "{} {}",
        FIRST[rng.next(FIRST.len())],
        LAST[rng.next(LAST.len())]
    )
}

fn appointment_card(w: &mut Writer, rng: &mut Lcg, n: usize) {
    w.open("c-appointment-card", &format!("data-id=\"a{n}\""));
    w.shadow_start();
    w.open("article", "class=\"slds-card\"");
    w.open("div", "class=\"slds-card__header slds-grid\"");
    w.open("header", "class=\"slds-media slds-media_center\"");
    w.open("div", "class=\"slds-media__figure\"");
    w.open(
        "span",
        "class=\"slds-icon_container slds-icon-standard-event\"",
    );
    w.open(
        "svg",
        "class=\"slds-icon slds-icon_small\" aria-hidden=\"true\"",
    );
    w.void("use", "href=\"#event\"");
    w.close("svg");
    w.close("span");
    w.close("div");
    w.open("h2", "class=\"slds-card__header-title\"");
    w.leaf("slot", "name=\"title\"", "");
    w.close("h2");
    w.close("header");
    w.close("div");
    w.open("div", "class=\"slds-card__body slds-card__body_inner\"");
    w.leaf("slot", "", "");
    w.close("div");
    w.open("footer", "class=\"slds-card__footer\"");
    w.leaf(
        "button",
        "class=\"slds-button slds-button_brand\"",
        "Reschedule",
    );
    w.leaf(
        "button",
        "class=\"slds-button slds-button_neutral\"",
        "Cancel appointment",
    );
    w.close("footer");
    w.close("article");
    w.shadow_end();
    let specialty = SPECIALTY[rng.next(SPECIALTY.len())];
    w.leaf("span", "slot=\"title\"", &format!("{specialty} visit"));
    w.open("dl", "class=\"slds-list_horizontal slds-wrap\"");
    w.leaf("dt", "", "With");
    w.leaf("dd", "", &format!("Dr. {}", person(rng)));
    w.leaf("dt", "", "When");
    w.leaf(
        "dd",
        "",
        &format!(
            "{}/{}/2026, {}:{:02}",
            1 + rng.next(12),
            1 + rng.next(28),
            8 + rng.next(9),
            15 * rng.next(4)
        ),
    );
    w.leaf("dt", "", "Status");
    w.open("dd", "");
    w.leaf(
        "span",
        "class=\"slds-badge\"",
        STATUS[rng.next(STATUS.len())],
    );
    w.close("dd");
    w.close("dl");
    w.close("c-appointment-card");
}

fn intake_form(w: &mut Writer, rng: &mut Lcg, n: usize) {
    w.open("c-intake-form", "");
    w.shadow_start();
    w.open("form", "class=\"slds-form\" novalidate");
    w.leaf(
        "h2",
        "class=\"slds-text-heading_medium\"",
        "Before your visit",
    );
    let fields = [
        ("text", "Reason for visit", ""),
        ("tel", "Phone", " autocomplete=\"tel\""),
        ("email", "Email", " autocomplete=\"email\""),
        ("date", "Preferred date", ""),
    ];
    for (i, (kind, label, autocomplete)) in fields.iter().enumerate() {
        let id = format!("f{n}-{i}");
        w.open("div", "class=\"slds-form-element\"");
        w.leaf("label", &format!("for=\"{id}\""), label);
        w.open("div", "class=\"slds-form-element__control\"");
        w.void(
            "input",
            &format!("type=\"{kind}\" id=\"{id}\" class=\"slds-input\"{autocomplete}"),
        );
        w.close("div");
        w.close("div");
    }
    let id = format!("f{n}-clinic");
    w.open("div", "class=\"slds-form-element\"");
    w.leaf("label", &format!("for=\"{id}\""), "Clinic");
    w.open("div", "class=\"slds-form-element__control\"");
    w.open("div", "class=\"slds-select_container\"");
    w.open("select", &format!("id=\"{id}\" class=\"slds-select\""));
    for clinic in ["Riverside", "Northgate", "Harbor View"] {
        w.leaf("option", "", clinic);
    }
    w.close("select");
    w.close("div");
    w.close("div");
    w.close("div");
    let notes = format!("f{n}-notes");
    w.open("div", "class=\"slds-form-element\"");
    w.leaf(
        "label",
        &format!("for=\"{notes}\""),
        "Notes for your care team",
    );
    w.leaf(
        "textarea",
        &format!(
            "id=\"{notes}\" class=\"slds-textarea\" rows=\"{}\"",
            2 + rng.next(3)
        ),
        "",
    );
    w.close("div");
    w.leaf(
        "button",
        "type=\"submit\" class=\"slds-button slds-button_brand\"",
        "Send",
    );
    w.close("form");
    w.shadow_end();
    w.close("c-intake-form");
}

fn results_table(w: &mut Writer, rng: &mut Lcg, n: usize) {
    w.open(
        "section",
        &format!("class=\"slds-card\" aria-labelledby=\"r{n}\""),
    );
    w.leaf(
        "h2",
        &format!("id=\"r{n}\" class=\"slds-card__header-title\""),
        "Recent results",
    );
    w.open("table", "class=\"slds-table\"");
    w.open("thead", "");
    w.open("tr", "");
    for h in ["Test", "Value", "Range", "Date"] {
        w.leaf("th", "scope=\"col\"", h);
    }
    w.close("tr");
    w.close("thead");
    w.open("tbody", "");
    for _ in 0..10 {
        w.open("tr", "");
        let test = ["HbA1c", "LDL", "TSH", "Vitamin D"][rng.next(4)];
        w.leaf("th", "scope=\"row\"", test);
        w.leaf("td", "", &format!("{}.{}", 3 + rng.next(90), rng.next(10)));
        w.leaf("td", "", "in range");
        w.leaf(
            "td",
            "",
            &format!("{}/{}/2026", 1 + rng.next(12), 1 + rng.next(28)),
        );
        w.close("tr");
    }
    w.close("tbody");
    w.close("table");
    w.close("section");
}

fn care_team(w: &mut Writer, rng: &mut Lcg, n: usize) {
    w.open("c-care-team-list", "");
    w.shadow_start();
    w.open("ul", "class=\"slds-has-dividers_bottom-space\"");
    w.leaf("slot", "", "");
    w.close("ul");
    w.shadow_end();
    for i in 0..3 {
        w.open("li", "class=\"slds-item\"");
        w.open("div", "class=\"slds-media\"");
        w.open("div", "class=\"slds-media__figure\"");
        w.void(
            "img",
            &format!("src=\"/p/{n}-{i}.jpg\" alt=\"\" class=\"slds-avatar\""),
        );
        w.close("div");
        w.open("div", "class=\"slds-media__body\"");
        w.leaf(
            "a",
            &format!("href=\"/s/provider/{n}-{i}\""),
            &format!("Dr. {}", person(rng)),
        );
        w.leaf(
            "p",
            "class=\"slds-text-color_weak\"",
            SPECIALTY[rng.next(SPECIALTY.len())],
        );
        w.close("div");
        w.close("div");
        w.close("li");
    }
    w.close("c-care-team-list");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_has_the_size_and_shape_of_the_benchmark() {
        let html = portal_page(10_000);
        assert_eq!(html, portal_page(10_000), "deterministic");
        let dom = portalscan_html::parse_dom(&html);
        let elements = dom.elements().count();
        assert!((10_000..10_100).contains(&elements), "{elements} elements");
        assert!(
            (250_000..350_000).contains(&html.len()),
            "{} bytes",
            html.len()
        );
        let shadow_roots = dom
            .ids()
            .filter(|&id| {
                matches!(
                    dom.node(id).data,
                    portalscan_core::dom::NodeData::ShadowRoot { .. }
                )
            })
            .count();
        assert!(shadow_roots > 100, "{shadow_roots} shadow roots");
    }
}
