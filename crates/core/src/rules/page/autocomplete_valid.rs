//! WCAG 1.3.5 Identify Input Purpose: `autocomplete` values follow the HTML autofill grammar,
//! so browsers and assistive tools can recognise what a field asks for.

use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "autocomplete-valid",
    title: "autocomplete attributes have a valid value",
    category: Category::Accessibility,
    wcag: &["1.3.5"],
    act: &["73f2c2"],
    help: "Use the HTML autofill tokens, in this order: an optional section-name, optional \
           shipping or billing, optional home/work/mobile/fax/pager (only before email, impp, \
           tel or tel-*), then exactly one field name such as given-name, family-name, bday, \
           email, tel, street-address or postal-code, then optionally webauthn. Example: \
           autocomplete=\"section-patient billing postal-code\". Custom words are not \
           understood by browsers or assistive tools; use \"off\" if no token fits.",
    interest: Interest::Tags(&["input", "select", "textarea"]),
    phi: None,
    examples: &[
        Example::pass("<label>Date of birth <input autocomplete=\"bday\"></label>"),
        Example::pass(
            "<label>Email <input type=\"email\" autocomplete=\"section-patient home email\"></label>",
        ),
        Example::pass(
            "<label>Password <input type=\"password\" autocomplete=\"current-password webauthn\"></label>",
        ),
        Example::fail("<label>MRN <input autocomplete=\"medical-record\"></label>"),
        Example::fail("<label>Photo <input autocomplete=\"work photo\"></label>"),
        Example::fail("<label>Email <input autocomplete=\"work shipping email\"></label>"),
        Example::fail("<label>Address <input autocomplete=\"shipping\"></label>"),
        // The field name does not fit the control: browsers will not autofill it.
        Example::review("<label>Birthday <input type=\"email\" autocomplete=\"bday\"></label>"),
        Example::inapplicable("<label>Name <input autocomplete=\"off\"></label>"),
        Example::inapplicable("<input type=\"hidden\" autocomplete=\"transaction-amount\">"),
        Example::inapplicable("<label>Name <input autocomplete=\"badname\" disabled></label>"),
        Example::inapplicable(
            "<label>Name <input autocomplete=\"badname\" aria-disabled=\"true\"></label>",
        ),
    ],
};

crate::rule!(AutocompleteValid = META, element: check_element);

fn check_element(cx: &Context, element: ElementRef, sink: &mut Sink) {
    let Some(value) = element.attr("autocomplete") else {
        return;
    };
    let value = value.trim_matches(|c: char| c.is_ascii_whitespace());
    if value.is_empty()
        || value.eq_ignore_ascii_case("on")
        || value.eq_ignore_ascii_case("off")
        || !is_applicable(cx, element)
    {
        return;
    }
    let tokens: Vec<String> = value
        .split(|c: char| c.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| t.to_ascii_lowercase())
        .collect();
    let field = match parse_autofill(&tokens) {
        Ok(field) => field,
        Err(why) => {
            let shown = crate::selector::shorten(value, 60);
            sink.fail(element.id, format!("autocomplete=\"{shown}\": {why}."));
            return;
        }
    };
    let control = control_kind(element);
    if !field.group.fits(control) {
        sink.review(
            element.id,
            format!(
                "autocomplete field \"{}\" is not meant for a {} control; browsers may \
                 not autofill it. Check the field's type or the token.",
                field.name,
                control.describe()
            ),
        );
        return;
    }
    sink.pass(element.id);
}

/// ACT leaves out controls nobody fills in: hidden and button-like inputs, disabled
/// fields, and fields that are not rendered.
fn is_applicable(cx: &Context, element: ElementRef) -> bool {
    if element.is("input")
        && let Some(t) = element.attr("type")
    {
        let t = t.trim().to_ascii_lowercase();
        if matches!(
            t.as_str(),
            "hidden" | "button" | "submit" | "reset" | "image"
        ) {
            return false;
        }
    }
    if element.has_attr("disabled")
        || element
            .attr("aria-disabled")
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return false;
    }
    cx.a11y.is_rendered(element.id)
}

/// The HTML spec's control groups: which controls a field name is meant for.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Group {
    Text,
    Multiline,
    Password,
    Url,
    Email,
    Tel,
    Numeric,
    Month,
    Date,
    Username,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Control {
    /// text, search, textarea, select, tel and unknown types: free text takes anything.
    FreeText,
    Password,
    Url,
    Email,
    Number,
    Month,
    Date,
    /// Types with no text value (checkbox, radio, file, range, color, time, week...).
    Other,
}

impl Control {
    fn describe(self) -> &'static str {
        match self {
            Control::FreeText => "text",
            Control::Password => "password",
            Control::Url => "URL",
            Control::Email => "email",
            Control::Number => "number",
            Control::Month => "month",
            Control::Date => "date",
            Control::Other => "non-text",
        }
    }
}

impl Group {
    /// Strictly-typed inputs only take fields of their own kind. Free-text controls take
    /// any field: the HTML spec is stricter (no Numeric on tel, no Multiline on a one-line
    /// input) but ACT and browsers accept those, and the purpose stays identifiable.
    fn fits(self, control: Control) -> bool {
        match control {
            Control::FreeText => true,
            Control::Password => self == Group::Password,
            Control::Url => self == Group::Url,
            Control::Email => matches!(self, Group::Email | Group::Username),
            Control::Number => self == Group::Numeric,
            Control::Month => self == Group::Month,
            Control::Date => self == Group::Date,
            Control::Other => false,
        }
    }
}

fn control_kind(element: ElementRef) -> Control {
    if !element.is("input") {
        return Control::FreeText;
    }
    let t = element
        .attr("type")
        .map(|t| t.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match t.as_str() {
        "password" => Control::Password,
        "url" => Control::Url,
        "email" => Control::Email,
        "number" => Control::Number,
        "month" => Control::Month,
        "date" => Control::Date,
        "checkbox" | "radio" | "file" | "range" | "color" | "time" | "week" | "datetime-local" => {
            Control::Other
        }
        // text, search, tel, and invalid types (which behave as text).
        _ => Control::FreeText,
    }
}

struct Field {
    name: &'static str,
    group: Group,
}

/// Field names of the HTML autofill grammar and their control groups.
const FIELDS: &[(&str, Group)] = &[
    ("name", Group::Text),
    ("honorific-prefix", Group::Text),
    ("given-name", Group::Text),
    ("additional-name", Group::Text),
    ("family-name", Group::Text),
    ("honorific-suffix", Group::Text),
    ("nickname", Group::Text),
    ("username", Group::Username),
    ("new-password", Group::Password),
    ("current-password", Group::Password),
    ("one-time-code", Group::Password),
    ("organization-title", Group::Text),
    ("organization", Group::Text),
    ("street-address", Group::Multiline),
    ("address-line1", Group::Text),
    ("address-line2", Group::Text),
    ("address-line3", Group::Text),
    ("address-level4", Group::Text),
    ("address-level3", Group::Text),
    ("address-level2", Group::Text),
    ("address-level1", Group::Text),
    ("country", Group::Text),
    ("country-name", Group::Text),
    ("postal-code", Group::Text),
    ("cc-name", Group::Text),
    ("cc-given-name", Group::Text),
    ("cc-additional-name", Group::Text),
    ("cc-family-name", Group::Text),
    ("cc-number", Group::Text),
    ("cc-exp", Group::Month),
    ("cc-exp-month", Group::Numeric),
    ("cc-exp-year", Group::Numeric),
    ("cc-csc", Group::Text),
    ("cc-type", Group::Text),
    ("transaction-currency", Group::Text),
    ("transaction-amount", Group::Numeric),
    ("language", Group::Text),
    ("bday", Group::Date),
    ("bday-day", Group::Numeric),
    ("bday-month", Group::Numeric),
    ("bday-year", Group::Numeric),
    ("sex", Group::Text),
    ("url", Group::Url),
    ("photo", Group::Url),
];

/// Fields that may follow home/work/mobile/fax/pager.
const CONTACT_FIELDS: &[(&str, Group)] = &[
    ("tel", Group::Tel),
    ("tel-country-code", Group::Text),
    ("tel-national", Group::Text),
    ("tel-area-code", Group::Text),
    ("tel-local", Group::Text),
    ("tel-local-prefix", Group::Text),
    ("tel-local-suffix", Group::Text),
    ("tel-extension", Group::Text),
    ("email", Group::Email),
    ("impp", Group::Url),
];

const CONTACT_KINDS: &[&str] = &["home", "work", "mobile", "fax", "pager"];

fn lookup(table: &[(&'static str, Group)], token: &str) -> Option<Field> {
    table
        .iter()
        .find(|(name, _)| *name == token)
        .map(|&(name, group)| Field { name, group })
}

/// Parses lower-cased tokens against the autofill detail grammar:
/// `[section-*] [shipping|billing] [home|work|mobile|fax|pager] field [webauthn]`,
/// the contact kind only before a contact field.
fn parse_autofill(tokens: &[String]) -> Result<Field, String> {
    let mut rest = tokens;
    if rest.first().is_some_and(|t| t.starts_with("section-")) {
        rest = &rest[1..];
    }
    if rest
        .first()
        .is_some_and(|t| t == "shipping" || t == "billing")
    {
        rest = &rest[1..];
    }
    let contact_kind = rest
        .first()
        .filter(|t| CONTACT_KINDS.contains(&t.as_str()))
        .cloned();
    if contact_kind.is_some() {
        rest = &rest[1..];
    }
    let Some(token) = rest.first() else {
        return Err("there is no field name (such as email or postal-code)".into());
    };
    let field = match (&contact_kind, lookup(CONTACT_FIELDS, token)) {
        (_, Some(field)) => field,
        (Some(kind), None) => {
            return Err(match lookup(FIELDS, token) {
                Some(_) => format!(
                    "\"{kind}\" can only precede email, impp, tel or tel-*, not \"{token}\""
                ),
                None => format!("\"{token}\" is not an autofill field name"),
            });
        }
        (None, None) => lookup(FIELDS, token).ok_or_else(|| describe_unknown(token))?,
    };
    rest = &rest[1..];
    if rest.first().is_some_and(|t| t == "webauthn") {
        rest = &rest[1..];
    }
    match rest.first() {
        None => Ok(field),
        Some(extra) => Err(format!(
            "\"{extra}\" after the field name \"{}\" is not allowed",
            field.name
        )),
    }
}

fn describe_unknown(token: &str) -> String {
    let out_of_order = token.starts_with("section-")
        || token == "shipping"
        || token == "billing"
        || CONTACT_KINDS.contains(&token);
    if out_of_order {
        format!(
            "\"{token}\" is out of order (order: section-*, shipping/billing, home/work/..., field)"
        )
    } else {
        format!("\"{token}\" is not an autofill field name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(value: &str) -> Result<&'static str, String> {
        let tokens: Vec<String> = value
            .split_whitespace()
            .map(str::to_ascii_lowercase)
            .collect();
        parse_autofill(&tokens).map(|f| f.name)
    }

    #[test]
    fn grammar() {
        assert_eq!(parse("Street-Address"), Ok("street-address"));
        assert_eq!(parse("section-primary shipping work email"), Ok("email"));
        assert_eq!(parse("billing mobile tel-national"), Ok("tel-national"));
        assert_eq!(parse("username webauthn"), Ok("username"));
        for bad in [
            "badname",
            "work photo",
            "work shipping email",
            "work,email",
            "shipping",
            "address-line1 address-line2",
            "work",
            "current-password webauthn invalid",
            "email invalid",
            "webauthn",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
