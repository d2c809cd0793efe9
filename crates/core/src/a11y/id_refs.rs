//! The attributes that point at other elements by id, shared by `id-references` and
//! `duplicate-id-referenced`.

use crate::dom::ElementRef;

/// How strongly a broken reference hurts: a lost label or name is a failure; a lost
/// description, relationship or header link needs a person to judge.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Weight {
    Name,
    Other,
}

pub struct RefAttr {
    pub name: &'static str,
    /// IDREFS (space-separated list) rather than a single id.
    pub list: bool,
    pub weight: Weight,
}

const fn attr(name: &'static str, list: bool, weight: Weight) -> RefAttr {
    RefAttr { name, list, weight }
}

/// `label[for]` and `input[list]` are handled by [`references`] since they depend on the tag.
pub const ARIA_REF_ATTRS: &[RefAttr] = &[
    attr("aria-labelledby", true, Weight::Name),
    attr("aria-describedby", true, Weight::Other),
    attr("aria-controls", true, Weight::Other),
    attr("aria-owns", true, Weight::Other),
    attr("aria-flowto", true, Weight::Other),
    attr("aria-details", true, Weight::Other),
    attr("aria-errormessage", true, Weight::Other),
    attr("aria-activedescendant", false, Weight::Other),
];

const LABEL_FOR: RefAttr = attr("for", false, Weight::Name);
const INPUT_LIST: RefAttr = attr("list", false, Weight::Other);
const CELL_HEADERS: RefAttr = attr("headers", true, Weight::Other);

/// One attribute of `element` that refers to ids, with the ids it names.
pub struct Reference<'a> {
    pub attr: &'static RefAttr,
    pub ids: Vec<&'a str>,
}

/// Every id reference on the element, in attribute order of [`ARIA_REF_ATTRS`].
pub fn references<'a>(element: ElementRef<'a>) -> Vec<Reference<'a>> {
    let mut out = Vec::new();
    let mut add = |attr: &'static RefAttr| {
        if let Some(value) = element.attr(attr.name) {
            let ids: Vec<&str> = if attr.list {
                value.split_ascii_whitespace().collect()
            } else {
                // A single IDREF: `for` is matched exactly (as getElementById does), ARIA
                // single references are trimmed by browsers.
                let v = if attr.name == "for" {
                    value
                } else {
                    value.trim_ascii()
                };
                if v.is_empty() { vec![] } else { vec![v] }
            };
            if !ids.is_empty() {
                out.push(Reference { attr, ids });
            }
        }
    };
    if element.is("label") {
        add(&LABEL_FOR);
    }
    if element.is("input") {
        add(&INPUT_LIST);
    }
    if element.is("td") || element.is("th") {
        add(&CELL_HEADERS);
    }
    for a in ARIA_REF_ATTRS {
        add(a);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::a11y::tree::tests::build;
    use crate::dom::NodeId;

    #[test]
    fn references_by_attribute_and_tag() {
        let dom = build(&[
            (Some(0), "label|for= a "), // 1
            (
                Some(0),
                "div|aria-labelledby=x  y|aria-activedescendant= z ",
            ), // 2
            (Some(0), "div|for=a|aria-describedby="), // 3
        ]);
        let refs = |i| references(dom.element(NodeId(i)).unwrap());
        let label = refs(1);
        // `for` is matched exactly, as getElementById does.
        assert_eq!(label[0].ids, vec![" a "]);
        assert_eq!(label[0].attr.weight, Weight::Name);
        let div = refs(2);
        assert_eq!(div[0].attr.name, "aria-labelledby");
        assert_eq!(div[0].ids, vec!["x", "y"]);
        assert_eq!(div[1].attr.name, "aria-activedescendant");
        assert_eq!(div[1].ids, vec!["z"]);
        assert!(
            refs(3).is_empty(),
            "for only on label; empty lists name nothing"
        );
    }
}
