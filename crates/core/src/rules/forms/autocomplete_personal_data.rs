//! WCAG 1.3.5 Identify Input Purpose: a field that asks for the patient's own name, birth
//! date, phone, email or address says so with its `autocomplete` token, so browsers fill it
//! and assistive tools can show familiar icons. The purpose is read from the field's label,
//! `name` and `id`; a label about another person (an emergency contact, a guardian) may
//! legitimately have no token, so those answer review.

use crate::a11y::roles::input_type;
use crate::dom::ElementRef;
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "autocomplete-personal-data",
    title: "Personal-data fields carry the matching autocomplete token",
    category: Category::Accessibility,
    wcag: &["1.3.5"],
    act: &[],
    help: "Give the patient's own data fields the autocomplete token of their purpose: \
           given-name, family-name, name, bday, tel, email, street-address (or \
           address-line1), address-level2 (city), address-level1 (state), postal-code. \
           On lightning-input set the autocomplete attribute; it is passed to the input.",
    interest: Interest::Tags(&["input", "select"]),
    phi: None,
    examples: &[
        Example::pass("<label for=f>First name</label><input id=f autocomplete=given-name>"),
        Example::pass(
            "<input name=mobilePhone aria-label=Mobile autocomplete=\"section-a mobile tel\">",
        ),
        Example::fail("<label for=f>First name</label><input id=f>"),
        Example::fail("<label>Date of birth <input type=date autocomplete=off></label>"),
        Example::fail(
            "<input type=email name=email aria-label=\"Email address\" autocomplete=name>",
        ),
        // Another person's data may have no token: a person decides.
        Example::review("<label for=e>Emergency contact phone</label><input id=e type=tel>"),
        Example::inapplicable("<label for=m>Medication</label><input id=m>"),
        Example::inapplicable("<label for=m>Medication name</label><input id=m>"),
        Example::inapplicable("<label for=f>First name</label><input id=f disabled>"),
    ],
};

crate::rule!(AutocompletePersonalData = META, element: check_element);

/// A purpose: words that name it in a label, `name` or `id`, and the tokens that satisfy it.
struct Purpose {
    what: &'static str,
    words: &'static [&'static str],
    /// Words too common to find inside a longer label ("Medication name", "State your
    /// reason"): they name the purpose only when they are the whole label.
    whole: &'static [&'static str],
    tokens: &'static [&'static str],
}

/// In match order: "email address" is an email, not an address; "last name" not "name".
const PURPOSES: &[Purpose] = &[
    Purpose {
        what: "an email address",
        words: &["email", "e mail"],
        whole: &[],
        // A sign-in field that takes the email as the user name says its purpose with
        // "username" (the login fixture's field).
        tokens: &["email", "username"],
    },
    Purpose {
        what: "a birth date",
        words: &[
            "date of birth",
            "birth date",
            "birthdate",
            "dob",
            "birthday",
        ],
        whole: &[],
        tokens: &["bday", "bday-day", "bday-month", "bday-year"],
    },
    Purpose {
        what: "a phone number",
        words: &["phone", "telephone", "mobile", "cell"],
        whole: &[],
        tokens: &[
            "tel",
            "tel-national",
            "tel-local",
            "tel-country-code",
            "tel-area-code",
        ],
    },
    Purpose {
        what: "a first name",
        words: &["first name", "given name", "firstname", "fname"],
        whole: &[],
        tokens: &["given-name"],
    },
    Purpose {
        what: "a last name",
        words: &["last name", "family name", "surname", "lastname", "lname"],
        whole: &[],
        tokens: &["family-name"],
    },
    Purpose {
        what: "a middle name",
        words: &["middle name", "middlename"],
        whole: &[],
        tokens: &["additional-name"],
    },
    Purpose {
        what: "a postal code",
        words: &["zip", "zip code", "zipcode", "postal code", "postcode"],
        whole: &[],
        tokens: &["postal-code"],
    },
    Purpose {
        what: "a city",
        words: &["city", "town"],
        whole: &[],
        tokens: &["address-level2"],
    },
    Purpose {
        what: "a state",
        words: &["province", "state or province"],
        whole: &["state"],
        tokens: &["address-level1"],
    },
    Purpose {
        what: "a street address",
        words: &[
            "street",
            "address",
            "address line 1",
            "address1",
            "street address",
        ],
        whole: &[],
        tokens: &[
            "street-address",
            "address-line1",
            "address-line2",
            "address-line3",
        ],
    },
    Purpose {
        what: "a full name",
        words: &["full name", "fullname", "your name", "legal name"],
        whole: &["name"],
        tokens: &["name"],
    },
];

/// Words that say the field is about someone other than the person filling the form.
const OTHER_PERSON: &[&str] = &[
    "emergency",
    "contact",
    "guardian",
    "parent",
    "spouse",
    "caregiver",
    "relative",
    "physician",
    "doctor",
    "provider",
    "pharmacy",
    "insurance",
    "insured",
    "subscriber",
    "policyholder",
    "employer",
    "referring",
];

fn check_element(cx: &Context, field: ElementRef, sink: &mut Sink) {
    if field.is("input")
        && !matches!(
            input_type(field).as_str(),
            "text" | "email" | "tel" | "date"
        )
    {
        return;
    }
    if cx.a11y.is_hidden(field.id) || cx.a11y.is_disabled(field) || field.has_attr("readonly") {
        return;
    }
    let sources = [
        words(&cx.a11y.name(field).name),
        words(field.attr("name").unwrap_or("")),
        words(field.attr("id").unwrap_or("")),
    ];
    let Some((purpose, source)) = sources.iter().find_map(|s| purpose_of(s).map(|p| (p, s))) else {
        return;
    };
    let tokens: Vec<String> = field
        .attr("autocomplete")
        .unwrap_or("")
        .split_ascii_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    if tokens.iter().any(|t| purpose.tokens.contains(&t.as_str())) {
        sink.pass(field.id);
    } else if OTHER_PERSON.iter().any(|w| has_phrase(source, w)) {
        sink.review(
            field.id,
            format!(
                "This field asks for {} of someone who may not be the patient; if it is the \
                 patient's own, add autocomplete=\"{}\".",
                purpose.what, purpose.tokens[0]
            ),
        );
    } else {
        sink.fail(
            field.id,
            format!(
                "This field asks for {} but its autocomplete attribute does not say so; add \
                 autocomplete=\"{}\".",
                purpose.what, purpose.tokens[0]
            ),
        );
    }
}

fn purpose_of(words: &str) -> Option<&'static Purpose> {
    PURPOSES.iter().find(|p| {
        p.words.iter().any(|w| has_phrase(words, w)) || p.whole.iter().any(|w| words.trim() == *w)
    })
}

/// Lower-case words padded with spaces, split at non-letters and camelCase humps
/// (`mobilePhone__c` -> " mobile phone c ").
/// Whether `words` (from [`words`]) contains ` {phrase} `, without building that string
/// (this runs for every phrase of every purpose on every field).
fn has_phrase(words: &str, phrase: &str) -> bool {
    let mut from = 0;
    while let Some(at) = words[from..].find(phrase) {
        let start = from + at;
        let end = start + phrase.len();
        if words[..start].ends_with(' ') && words[end..].starts_with(' ') {
            return true;
        }
        // Try the next start (matches may overlap).
        from = start + words[start..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

fn words(text: &str) -> String {
    let mut out = String::from(" ");
    let mut prev_lower = false;
    for ch in text.chars() {
        if ch.is_alphanumeric() {
            if ch.is_uppercase() && prev_lower {
                out.push(' ');
            }
            out.extend(ch.to_lowercase());
            prev_lower = ch.is_lowercase();
        } else {
            if !out.ends_with(' ') {
                out.push(' ');
            }
            prev_lower = false;
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}
