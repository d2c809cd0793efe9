//! Forms that send PHI where it leaks: in the URL (GET), in clear text (`http://`), or to
//! another site, including Salesforce Web-to-Case and Web-to-Lead endpoints (whose
//! `debug=1` mode echoes the submitted values on a Salesforce page).

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::{Category, Outcome};
use crate::phi::{self, Kind, KindSet, context};
use crate::report::phi::{self as evidence, Leak};
use crate::rule::{Example, Interest, PhiMeta, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "phi-form-transmission",
    title: "Forms with PHI fields submit it by POST, over HTTPS, to the portal's own site",
    category: Category::Phi,
    wcag: &[],
    act: &[],
    help: "Submit forms that ask for identifiers or health details with method=\"post\" to an \
           https:// URL of the portal itself. A GET form puts every field in the URL (history, \
           logs, Referer); http:// sends it in clear text; another site receives PHI without a \
           business associate agreement. For Web-to-Case/Web-to-Lead, route intake through an \
           authenticated portal flow, and remove the debug and debugEmail fields.",
    interest: Interest::Tags(&["form"]),
    phi: Some(PhiMeta {
        location: "form",
        kinds: KindSet::ALL
            .without(Kind::Npi)
            .without(Kind::Dea)
            .without(Kind::RecordId),
        hipaa: &["164.312(e)(1)", "164.312(e)(2)(ii)", "164.308(b)(1)"],
    }),
    examples: &[
        Example::fail(
            r#"<form action="/s/lookup"><input name="dateOfBirth" type="date"><input name="mrn"></form>"#,
        ),
        Example::fail(
            r#"<form method="post" action="http://intake.portal.example/submit"><input name="ssn"></form>"#,
        ),
        Example::fail(
            r#"<form method="post" action="https://webto.salesforce.com/servlet/servlet.WebToCase?encoding=UTF-8">
                 <input type="hidden" name="orgid" value="00D5g000004abcd">
                 <input type="hidden" name="debug" value="1">
                 <input name="name" autocomplete="name"><input name="email" type="email">
                 <textarea name="description"></textarea></form>"#,
        ),
        Example::fail(
            r#"<form method="post" action="https://forms.example-vendor.com/f/123"><input name="memberId"></form>"#,
        ),
        Example::pass(
            r#"<form method="post" action="/s/sfsites/aura"><input name="dob" autocomplete="bday"></form>"#,
        ),
        Example::inapplicable(r#"<form action="/s/search"><input name="q" type="search"></form>"#),
    ],
};

crate::rule!(PhiFormTransmission = META, element: check_element);

fn check_element(cx: &Context, form: ElementRef, sink: &mut Sink) {
    let dom = cx.dom;
    let mut kinds = KindSet::EMPTY;
    let mut leak = Leak::default();
    let mut debug = false;
    for i in form.id.index() + 1..dom.subtree_end(form.id) {
        let Some(field) = dom.element(crate::dom::NodeId(i as u32)) else {
            continue;
        };
        if !(field.is("input") || field.is("select") || field.is("textarea")) {
            continue;
        }
        let name = field.attr("name").unwrap_or("");
        let value = field.attr("value").unwrap_or("").trim();
        match name {
            "debug" => debug |= value == "1",
            "debugEmail" => debug |= !value.is_empty(),
            _ => {}
        }
        kinds = kinds.union(field_kinds(&field));
        if let Some(value) = field.attr("value") {
            leak.add(sink, value, &phi::detect_in_value(name, value), None);
        }
    }
    let kinds = kinds.union(leak.kinds());
    if kinds.is_empty() {
        return;
    }
    let method = form
        .attr("method")
        .unwrap_or("get")
        .trim()
        .to_ascii_lowercase();
    if method == "dialog" {
        return;
    }
    let page = &cx.snapshot.url;
    let action = crate::url::resolve_on_web(page, form.attr("action").unwrap_or(""));
    let action = if action.is_empty() {
        page.clone()
    } else {
        action
    };
    let mut problems: Vec<String> = Vec::new();
    if method != "post" {
        problems.push("submits with GET, which puts every field in the URL".into());
    }
    if crate::url::origin(&action).is_some_and(|o| o.scheme == "http") {
        problems.push("submits over http:// in clear text".into());
    }
    let web_to = action.contains("servlet.WebToCase") || action.contains("servlet.WebToLead");
    if web_to {
        problems.push(
            "posts to a Salesforce Web-to-Case/Web-to-Lead endpoint, outside the portal's \
             authenticated session"
                .into(),
        );
        if debug {
            problems.push(
                "has debug mode on (debug=1 / debugEmail), which echoes the submitted \
                 values on a Salesforce page or by email"
                    .into(),
            );
        }
    } else if crate::url::is_third_party(page, &action) {
        problems.push("posts to another site".into());
    }
    let source = Some(format!("form action {}", phi::redact_url(&action)));
    if problems.is_empty() {
        evidence::pass_with(sink, Some(form.id), kinds, source);
        return;
    }
    let message = format!(
        "A form with PHI fields ({}) {}.",
        evidence::describe(kinds),
        problems.join("; ")
    );
    evidence::report(
        sink,
        Outcome::Fail,
        Some(form.id),
        kinds,
        source,
        Vec::new(),
        message,
    );
}

/// What a field asks for, from its name, id, `autocomplete` and type.
fn field_kinds(field: &ElementRef) -> KindSet {
    let mut kinds = KindSet::EMPTY;
    for key in [field.attr("name"), field.attr("id")].into_iter().flatten() {
        let hint = context::classify_key(key.as_bytes());
        if !hint.negative {
            kinds = kinds.union(hint.kinds);
        }
    }
    for token in field.attr("autocomplete").unwrap_or("").split_whitespace() {
        let token = token.to_ascii_lowercase();
        let kind = match token.as_str() {
            t if t.starts_with("bday") => Some(Kind::Dob),
            "name" | "given-name" | "family-name" | "additional-name" => Some(Kind::Name),
            "street-address" | "address-line1" | "address-line2" | "address-line3" => {
                Some(Kind::Address)
            }
            "email" => Some(Kind::Email),
            t if t.starts_with("tel") => Some(Kind::Phone),
            _ => None,
        };
        if let Some(kind) = kind {
            kinds = kinds.with(kind);
        }
    }
    match field
        .attr("type")
        .map(|t| t.trim().to_ascii_lowercase())
        .as_deref()
    {
        Some("email") => kinds = kinds.with(Kind::Email),
        Some("tel") => kinds = kinds.with(Kind::Phone),
        _ => {}
    }
    kinds
}
