//! WAI-ARIA 1.2 roles, states and properties, plus the DPUB-ARIA 1.0 (`doc-*`) and
//! Graphics-ARIA 1.0 (`graphics-*`) roles, as data.
//!
//! Each role lists only what the spec lists for *it*; what it inherits comes from walking
//! `superclass` (see [`is_attr_supported`]). Global attributes apply to every role unless the
//! role prohibits them.

/// Where a role's accessible name may come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameFrom {
    /// From the author (aria-label, aria-labelledby, host language) *and* from content.
    Contents,
    /// From the author only.
    Author,
    /// Naming is prohibited.
    Prohibited,
}

#[derive(Debug)]
pub struct RoleInfo {
    pub name: &'static str,
    pub is_abstract: bool,
    pub superclass: &'static [&'static str],
    pub name_from: NameFrom,
    /// "Accessible Name Required: True".
    pub name_required: bool,
    /// Required context roles (any of them).
    pub required_context: &'static [&'static str],
    /// Required owned elements (any of them).
    pub required_owned: &'static [&'static str],
    pub required_attrs: &'static [&'static str],
    /// Attributes the role itself supports (inherited ones come from `superclass`).
    pub supported_attrs: &'static [&'static str],
    pub prohibited_attrs: &'static [&'static str],
    pub children_presentational: bool,
    /// Deprecated in the spec that defines it (e.g. `directory`, `doc-biblioentry`).
    pub deprecated: bool,
}

const R: RoleInfo = RoleInfo {
    name: "",
    is_abstract: false,
    superclass: &[],
    name_from: NameFrom::Author,
    name_required: false,
    required_context: &[],
    required_owned: &[],
    required_attrs: &[],
    supported_attrs: &[],
    prohibited_attrs: &[],
    children_presentational: false,
    deprecated: false,
};

/// Roles that cannot be named prohibit these (WAI-ARIA 1.3 adds the braille labels).
const NO_NAME: &[&str] = &[
    "aria-braillelabel",
    "aria-brailleroledescription",
    "aria-label",
    "aria-labelledby",
];
/// `generic` also prohibits a role description.
const GENERIC_PROHIBITED: &[&str] = &[
    "aria-braillelabel",
    "aria-brailleroledescription",
    "aria-label",
    "aria-labelledby",
    "aria-roledescription",
];
const MENU_ITEMS: &[&str] = &["group", "menuitem", "menuitemcheckbox", "menuitemradio"];
const MENU_CONTEXT: &[&str] = &["group", "menu", "menubar"];
const TABLE_CONTEXT: &[&str] = &["grid", "rowgroup", "table", "treegrid"];
const CELLS: &[&str] = &["cell", "columnheader", "gridcell", "rowheader"];

macro_rules! role {
    ($name:literal, $($field:ident : $value:expr),* $(,)?) => {
        RoleInfo { name: $name, $($field: $value,)* ..R }
    };
}

pub static ROLES: &[RoleInfo] = &[
    // Abstract roles.
    role!("command", is_abstract: true, superclass: &["widget"]),
    role!("composite", is_abstract: true, superclass: &["widget"],
        supported_attrs: &["aria-activedescendant"]),
    role!("input", is_abstract: true, superclass: &["widget"], supported_attrs: &["aria-disabled"]),
    role!("landmark", is_abstract: true, superclass: &["section"]),
    role!("range", is_abstract: true, superclass: &["structure"],
        supported_attrs: &["aria-valuemax", "aria-valuemin", "aria-valuenow", "aria-valuetext"]),
    role!("roletype", is_abstract: true),
    role!("section", is_abstract: true, superclass: &["structure"]),
    role!("sectionhead", is_abstract: true, superclass: &["structure"], name_from: NameFrom::Contents),
    role!("select", is_abstract: true, superclass: &["composite", "group"],
        supported_attrs: &["aria-orientation"]),
    role!("structure", is_abstract: true, superclass: &["roletype"]),
    role!("widget", is_abstract: true, superclass: &["roletype"]),
    role!("window", is_abstract: true, superclass: &["roletype"], supported_attrs: &["aria-modal"]),
    // Concrete WAI-ARIA 1.2 roles.
    role!("alert", superclass: &["section"]),
    role!("alertdialog", superclass: &["alert", "dialog"], name_required: true),
    role!("application", superclass: &["structure"], name_required: true,
        supported_attrs: &["aria-activedescendant", "aria-disabled", "aria-errormessage",
            "aria-expanded", "aria-haspopup", "aria-invalid"]),
    role!("article", superclass: &["document"], supported_attrs: &["aria-posinset", "aria-setsize"]),
    role!("banner", superclass: &["landmark"]),
    role!("blockquote", superclass: &["section"]),
    role!("button", superclass: &["command"], name_from: NameFrom::Contents, name_required: true,
        supported_attrs: &["aria-disabled", "aria-expanded", "aria-haspopup", "aria-pressed"],
        children_presentational: true),
    role!("caption", superclass: &["section"], name_from: NameFrom::Prohibited,
        required_context: &["figure", "grid", "table", "treegrid"], prohibited_attrs: NO_NAME),
    role!("cell", superclass: &["section"], name_from: NameFrom::Contents, required_context: &["row"],
        supported_attrs: &["aria-colindex", "aria-colindextext", "aria-colspan", "aria-rowindex",
            "aria-rowindextext", "aria-rowspan"]),
    role!("checkbox", superclass: &["input"], name_from: NameFrom::Contents, name_required: true,
        required_attrs: &["aria-checked"],
        supported_attrs: &["aria-errormessage", "aria-expanded", "aria-invalid", "aria-readonly",
            "aria-required"],
        children_presentational: true),
    role!("code", superclass: &["section"], name_from: NameFrom::Prohibited, prohibited_attrs: NO_NAME),
    role!("columnheader", superclass: &["cell", "gridcell", "sectionhead"],
        name_from: NameFrom::Contents, name_required: true, required_context: &["row"],
        supported_attrs: &["aria-sort"]),
    // ARIA 1.2 requires aria-controls too; it only matters while the popup is expanded.
    role!("combobox", superclass: &["input"], name_required: true,
        required_attrs: &["aria-controls", "aria-expanded"],
        supported_attrs: &["aria-activedescendant", "aria-autocomplete", "aria-errormessage",
            "aria-haspopup", "aria-invalid", "aria-readonly", "aria-required"]),
    role!("complementary", superclass: &["landmark"]),
    role!("contentinfo", superclass: &["landmark"]),
    role!("definition", superclass: &["section"]),
    role!("deletion", superclass: &["section"], name_from: NameFrom::Prohibited, prohibited_attrs: NO_NAME),
    role!("dialog", superclass: &["window"], name_required: true),
    role!("directory", superclass: &["list"], deprecated: true),
    role!("document", superclass: &["structure"], supported_attrs: &["aria-expanded"]),
    role!("emphasis", superclass: &["section"], name_from: NameFrom::Prohibited, prohibited_attrs: NO_NAME),
    role!("feed", superclass: &["list"], required_owned: &["article"]),
    role!("figure", superclass: &["section"]),
    role!("form", superclass: &["landmark"]),
    role!("generic", superclass: &["structure"], name_from: NameFrom::Prohibited,
        prohibited_attrs: GENERIC_PROHIBITED),
    role!("grid", superclass: &["composite", "table"], name_required: true,
        required_owned: &["row", "rowgroup"],
        supported_attrs: &["aria-multiselectable", "aria-readonly"]),
    role!("gridcell", superclass: &["cell", "widget"], name_from: NameFrom::Contents,
        required_context: &["row"],
        supported_attrs: &["aria-disabled", "aria-errormessage", "aria-expanded", "aria-haspopup",
            "aria-invalid", "aria-readonly", "aria-required", "aria-selected"]),
    role!("group", superclass: &["section"], supported_attrs: &["aria-activedescendant", "aria-disabled"]),
    role!("heading", superclass: &["sectionhead"], name_from: NameFrom::Contents, name_required: true,
        required_attrs: &["aria-level"]),
    role!("img", superclass: &["section"], name_required: true, children_presentational: true),
    role!("insertion", superclass: &["section"], name_from: NameFrom::Prohibited, prohibited_attrs: NO_NAME),
    role!("link", superclass: &["command"], name_from: NameFrom::Contents, name_required: true,
        supported_attrs: &["aria-disabled", "aria-expanded", "aria-haspopup"]),
    role!("list", superclass: &["section"], required_owned: &["listitem"]),
    role!("listbox", superclass: &["select"], name_required: true, required_owned: &["group", "option"],
        supported_attrs: &["aria-errormessage", "aria-expanded", "aria-invalid",
            "aria-multiselectable", "aria-readonly", "aria-required"]),
    role!("listitem", superclass: &["section"], required_context: &["directory", "list"],
        supported_attrs: &["aria-level", "aria-posinset", "aria-setsize"]),
    role!("log", superclass: &["section"]),
    role!("main", superclass: &["landmark"]),
    role!("marquee", superclass: &["section"], name_required: true),
    role!("math", superclass: &["section"], children_presentational: true),
    role!("menu", superclass: &["select"], required_owned: MENU_ITEMS),
    role!("menubar", superclass: &["menu"], required_owned: MENU_ITEMS),
    role!("menuitem", superclass: &["command"], name_from: NameFrom::Contents, name_required: true,
        required_context: MENU_CONTEXT,
        supported_attrs: &["aria-disabled", "aria-expanded", "aria-haspopup", "aria-posinset",
            "aria-setsize"]),
    role!("menuitemcheckbox", superclass: &["menuitem"], name_from: NameFrom::Contents,
        name_required: true, required_context: MENU_CONTEXT, required_attrs: &["aria-checked"],
        children_presentational: true),
    role!("menuitemradio", superclass: &["menuitemcheckbox"], name_from: NameFrom::Contents,
        name_required: true, required_context: MENU_CONTEXT, required_attrs: &["aria-checked"],
        children_presentational: true),
    role!("meter", superclass: &["range"], name_required: true, required_attrs: &["aria-valuenow"],
        children_presentational: true),
    role!("navigation", superclass: &["landmark"]),
    role!("none", superclass: &["structure"], name_from: NameFrom::Prohibited, prohibited_attrs: NO_NAME),
    role!("note", superclass: &["section"]),
    role!("option", superclass: &["input"], name_from: NameFrom::Contents, name_required: true,
        required_context: &["group", "listbox"],
        supported_attrs: &["aria-checked", "aria-posinset", "aria-selected", "aria-setsize"],
        children_presentational: true),
    role!("paragraph", superclass: &["section"], name_from: NameFrom::Prohibited, prohibited_attrs: NO_NAME),
    role!("presentation", superclass: &["structure"], name_from: NameFrom::Prohibited,
        prohibited_attrs: NO_NAME),
    role!("progressbar", superclass: &["range", "widget"], name_required: true,
        children_presentational: true),
    role!("radio", superclass: &["input"], name_from: NameFrom::Contents, name_required: true,
        required_attrs: &["aria-checked"], supported_attrs: &["aria-posinset", "aria-setsize"],
        children_presentational: true),
    role!("radiogroup", superclass: &["select"], name_required: true, required_owned: &["radio"],
        supported_attrs: &["aria-errormessage", "aria-invalid", "aria-readonly", "aria-required"]),
    role!("region", superclass: &["landmark"], name_required: true),
    role!("row", superclass: &["group", "widget"], name_from: NameFrom::Contents,
        required_context: TABLE_CONTEXT, required_owned: CELLS,
        supported_attrs: &["aria-colindex", "aria-colindextext", "aria-expanded", "aria-level",
            "aria-posinset", "aria-rowindex", "aria-rowindextext", "aria-selected", "aria-setsize"]),
    role!("rowgroup", superclass: &["structure"], name_from: NameFrom::Contents,
        required_context: &["grid", "table", "treegrid"], required_owned: &["row"]),
    role!("rowheader", superclass: &["cell", "gridcell", "sectionhead"], name_from: NameFrom::Contents,
        name_required: true, required_context: &["row"], supported_attrs: &["aria-sort"]),
    role!("scrollbar", superclass: &["range", "widget"],
        required_attrs: &["aria-controls", "aria-valuenow"],
        supported_attrs: &["aria-orientation", "aria-valuemax", "aria-valuemin"],
        children_presentational: true),
    role!("search", superclass: &["landmark"]),
    role!("searchbox", superclass: &["textbox"], name_required: true),
    // Focusable separators are widgets and then need aria-valuenow (see `required_attrs_for`).
    role!("separator", superclass: &["structure", "widget"],
        supported_attrs: &["aria-orientation", "aria-valuemax", "aria-valuemin", "aria-valuenow",
            "aria-valuetext"],
        children_presentational: true),
    role!("slider", superclass: &["input", "range"], name_required: true,
        required_attrs: &["aria-valuenow"],
        supported_attrs: &["aria-errormessage", "aria-haspopup", "aria-invalid", "aria-orientation",
            "aria-readonly", "aria-valuemax", "aria-valuemin", "aria-valuetext"],
        children_presentational: true),
    role!("spinbutton", superclass: &["composite", "input", "range"], name_required: true,
        supported_attrs: &["aria-errormessage", "aria-invalid", "aria-readonly", "aria-required",
            "aria-valuemax", "aria-valuemin", "aria-valuenow", "aria-valuetext"]),
    role!("status", superclass: &["section"]),
    role!("strong", superclass: &["section"], name_from: NameFrom::Prohibited, prohibited_attrs: NO_NAME),
    role!("subscript", superclass: &["section"], name_from: NameFrom::Prohibited, prohibited_attrs: NO_NAME),
    role!("superscript", superclass: &["section"], name_from: NameFrom::Prohibited, prohibited_attrs: NO_NAME),
    role!("switch", superclass: &["checkbox"], name_from: NameFrom::Contents, name_required: true,
        required_attrs: &["aria-checked"], children_presentational: true),
    role!("tab", superclass: &["widget"], name_from: NameFrom::Contents, required_context: &["tablist"],
        supported_attrs: &["aria-disabled", "aria-expanded", "aria-haspopup", "aria-posinset",
            "aria-selected", "aria-setsize"],
        children_presentational: true),
    role!("table", superclass: &["section"], name_required: true, required_owned: &["row", "rowgroup"],
        supported_attrs: &["aria-colcount", "aria-rowcount"]),
    role!("tablist", superclass: &["composite"], required_owned: &["tab"],
        supported_attrs: &["aria-multiselectable", "aria-orientation"]),
    role!("tabpanel", superclass: &["section"], name_required: true),
    role!("term", superclass: &["section"]),
    role!("textbox", superclass: &["input"], name_required: true,
        supported_attrs: &["aria-activedescendant", "aria-autocomplete", "aria-errormessage",
            "aria-haspopup", "aria-invalid", "aria-multiline", "aria-placeholder", "aria-readonly",
            "aria-required"]),
    role!("time", superclass: &["section"]),
    role!("timer", superclass: &["status"]),
    role!("toolbar", superclass: &["group"], supported_attrs: &["aria-orientation"]),
    role!("tooltip", superclass: &["section"], name_from: NameFrom::Contents, name_required: true),
    role!("tree", superclass: &["select"], name_required: true, required_owned: &["group", "treeitem"],
        supported_attrs: &["aria-errormessage", "aria-invalid", "aria-multiselectable",
            "aria-required"]),
    role!("treegrid", superclass: &["grid", "tree"], name_required: true,
        required_owned: &["row", "rowgroup"]),
    role!("treeitem", superclass: &["listitem", "option"], name_from: NameFrom::Contents,
        name_required: true, required_context: &["group", "tree"],
        supported_attrs: &["aria-expanded", "aria-haspopup"]),
    // DPUB-ARIA 1.0.
    role!("doc-abstract", superclass: &["section"]),
    role!("doc-acknowledgments", superclass: &["landmark"]),
    role!("doc-afterword", superclass: &["landmark"]),
    role!("doc-appendix", superclass: &["landmark"]),
    role!("doc-backlink", superclass: &["link"], name_from: NameFrom::Contents, name_required: true),
    role!("doc-biblioentry", superclass: &["listitem"], required_context: &["list"],
        deprecated: true),
    role!("doc-bibliography", superclass: &["landmark"]),
    role!("doc-biblioref", superclass: &["link"], name_from: NameFrom::Contents, name_required: true),
    role!("doc-chapter", superclass: &["landmark"]),
    role!("doc-colophon", superclass: &["section"]),
    role!("doc-conclusion", superclass: &["landmark"]),
    role!("doc-cover", superclass: &["img"], children_presentational: true),
    role!("doc-credit", superclass: &["section"]),
    role!("doc-credits", superclass: &["landmark"]),
    role!("doc-dedication", superclass: &["section"]),
    role!("doc-endnote", superclass: &["listitem"], required_context: &["list"], deprecated: true),
    role!("doc-endnotes", superclass: &["landmark"]),
    role!("doc-epigraph", superclass: &["section"]),
    role!("doc-epilogue", superclass: &["landmark"]),
    role!("doc-errata", superclass: &["landmark"]),
    role!("doc-example", superclass: &["section"]),
    role!("doc-footnote", superclass: &["section"]),
    role!("doc-foreword", superclass: &["landmark"]),
    role!("doc-glossary", superclass: &["landmark"]),
    role!("doc-glossref", superclass: &["link"], name_from: NameFrom::Contents, name_required: true),
    role!("doc-index", superclass: &["navigation"]),
    role!("doc-introduction", superclass: &["landmark"]),
    role!("doc-noteref", superclass: &["link"], name_from: NameFrom::Contents, name_required: true),
    role!("doc-notice", superclass: &["note"]),
    role!("doc-pagebreak", superclass: &["separator"], children_presentational: true),
    role!("doc-pagefooter", superclass: &["section"], name_from: NameFrom::Prohibited,
        prohibited_attrs: NO_NAME),
    role!("doc-pageheader", superclass: &["section"], name_from: NameFrom::Prohibited,
        prohibited_attrs: NO_NAME),
    role!("doc-pagelist", superclass: &["navigation"]),
    role!("doc-part", superclass: &["landmark"]),
    role!("doc-preface", superclass: &["landmark"]),
    role!("doc-prologue", superclass: &["landmark"]),
    role!("doc-pullquote", superclass: &["none"]),
    role!("doc-qna", superclass: &["section"]),
    role!("doc-subtitle", superclass: &["sectionhead"], name_from: NameFrom::Contents),
    role!("doc-tip", superclass: &["note"]),
    role!("doc-toc", superclass: &["navigation"]),
    // Graphics-ARIA 1.0.
    role!("graphics-document", superclass: &["document"], name_required: true),
    role!("graphics-object", superclass: &["group"]),
    role!("graphics-symbol", superclass: &["img"], name_required: true, children_presentational: true),
];

/// The value type of a state or property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValueType {
    /// `true` / `false`.
    TrueFalse,
    /// `true` / `false` / `undefined`.
    TrueFalseUndefined,
    /// `true` / `false` / `mixed`.
    Tristate,
    IdRef,
    IdRefList,
    Integer,
    Number,
    String,
    /// One of the listed tokens.
    Token(&'static [&'static str]),
    /// A space-separated list of the listed tokens.
    TokenList(&'static [&'static str]),
}

#[derive(Debug)]
pub struct AttrInfo {
    pub name: &'static str,
    pub value: ValueType,
    /// Applies to every role (unless the role prohibits it).
    pub global: bool,
    /// Deprecated outright (`aria-dropeffect`, `aria-grabbed`) or deprecated as a global
    /// (`aria-disabled`, `aria-errormessage`, `aria-haspopup`, `aria-invalid`: still
    /// allowed everywhere in ARIA 1.2, meant for the roles that list them).
    pub deprecated: bool,
}

macro_rules! attr {
    ($name:literal, $value:expr, global) => {
        AttrInfo {
            name: $name,
            value: $value,
            global: true,
            deprecated: false,
        }
    };
    ($name:literal, $value:expr, global, deprecated) => {
        AttrInfo {
            name: $name,
            value: $value,
            global: true,
            deprecated: true,
        }
    };
    ($name:literal, $value:expr) => {
        AttrInfo {
            name: $name,
            value: $value,
            global: false,
            deprecated: false,
        }
    };
}

use ValueType::*;

pub static ATTRS: &[AttrInfo] = &[
    attr!("aria-activedescendant", IdRef),
    attr!("aria-atomic", TrueFalse, global),
    attr!(
        "aria-autocomplete",
        Token(&["inline", "list", "both", "none"])
    ),
    // WAI-ARIA 1.3 (the ACT rules already use them).
    attr!("aria-braillelabel", String, global),
    attr!("aria-brailleroledescription", String, global),
    attr!("aria-busy", TrueFalse, global),
    attr!("aria-checked", Tristate),
    attr!("aria-colcount", Integer),
    attr!("aria-colindex", Integer),
    attr!("aria-colindextext", String),
    attr!("aria-colspan", Integer),
    attr!("aria-controls", IdRefList, global),
    attr!(
        "aria-current",
        Token(&["page", "step", "location", "date", "time", "true", "false"]),
        global
    ),
    attr!("aria-describedby", IdRefList, global),
    attr!("aria-description", String, global),
    attr!("aria-details", IdRef, global),
    attr!("aria-disabled", TrueFalse, global, deprecated),
    attr!(
        "aria-dropeffect",
        TokenList(&["copy", "execute", "link", "move", "none", "popup"]),
        global,
        deprecated
    ),
    attr!("aria-errormessage", IdRef, global, deprecated),
    attr!("aria-expanded", TrueFalseUndefined),
    attr!("aria-flowto", IdRefList, global),
    attr!("aria-grabbed", TrueFalseUndefined, global, deprecated),
    attr!(
        "aria-haspopup",
        Token(&["false", "true", "menu", "listbox", "tree", "grid", "dialog"]),
        global,
        deprecated
    ),
    attr!("aria-hidden", TrueFalseUndefined, global),
    attr!(
        "aria-invalid",
        Token(&["grammar", "false", "spelling", "true"]),
        global,
        deprecated
    ),
    attr!("aria-keyshortcuts", String, global),
    attr!("aria-label", String, global),
    attr!("aria-labelledby", IdRefList, global),
    attr!("aria-level", Integer),
    attr!("aria-live", Token(&["assertive", "off", "polite"]), global),
    attr!("aria-modal", TrueFalse),
    attr!("aria-multiline", TrueFalse),
    attr!("aria-multiselectable", TrueFalse),
    attr!(
        "aria-orientation",
        Token(&["horizontal", "undefined", "vertical"])
    ),
    attr!("aria-owns", IdRefList, global),
    attr!("aria-placeholder", String),
    attr!("aria-posinset", Integer),
    attr!("aria-pressed", Tristate),
    attr!("aria-readonly", TrueFalse),
    attr!(
        "aria-relevant",
        TokenList(&["additions", "all", "removals", "text"]),
        global
    ),
    attr!("aria-required", TrueFalse),
    attr!("aria-roledescription", String, global),
    attr!("aria-rowcount", Integer),
    attr!("aria-rowindex", Integer),
    attr!("aria-rowindextext", String),
    attr!("aria-rowspan", Integer),
    attr!("aria-selected", TrueFalseUndefined),
    attr!("aria-setsize", Integer),
    attr!(
        "aria-sort",
        Token(&["ascending", "descending", "none", "other"])
    ),
    attr!("aria-valuemax", Number),
    attr!("aria-valuemin", Number),
    attr!("aria-valuenow", Number),
    attr!("aria-valuetext", String),
];

/// The role with this name (lower case, as `role` tokens compare ASCII case-insensitively).
pub fn role_info(name: &str) -> Option<&'static RoleInfo> {
    // Rules ask for every element's role lineage: a map by name, built once per process,
    // instead of a scan of the table. Role names in the table are lower case; a name
    // with upper case falls back to the case-insensitive scan.
    static BY_NAME: std::sync::OnceLock<
        std::collections::HashMap<&'static str, &'static RoleInfo>,
    > = std::sync::OnceLock::new();
    let by_name = BY_NAME.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for r in ROLES.iter().rev() {
            // The first entry of a name wins, as with the scan.
            map.insert(r.name, r);
        }
        map
    });
    match by_name.get(name) {
        Some(r) => Some(r),
        None if name.bytes().any(|b| b.is_ascii_uppercase()) => {
            ROLES.iter().find(|r| r.name.eq_ignore_ascii_case(name))
        }
        None => None,
    }
}

/// A role token that names a concrete role (what `role` fallback accepts).
pub fn is_valid_role(name: &str) -> bool {
    role_info(name).is_some_and(|r| !r.is_abstract)
}

/// The state or property with this name.
pub fn attr_info(name: &str) -> Option<&'static AttrInfo> {
    // Asked for every `aria-*` attribute of every element: a map, built once per process.
    static BY_NAME: std::sync::OnceLock<
        std::collections::HashMap<&'static str, &'static AttrInfo>,
    > = std::sync::OnceLock::new();
    BY_NAME
        .get_or_init(|| {
            let mut map = std::collections::HashMap::new();
            for a in ATTRS.iter().rev() {
                map.insert(a.name, a);
            }
            map
        })
        .get(name)
        .copied()
}

/// Whether `role` is `ancestor` or inherits from it.
pub fn role_inherits(role: &str, ancestor: &str) -> bool {
    any_in_lineage(role, |r| r.name == ancestor)
}

/// Visits the role and its superclasses (bounded: the hierarchy is at most ~8 deep, and the
/// visit count is capped anyway so malformed data cannot loop).
fn any_in_lineage(role: &str, mut test: impl FnMut(&RoleInfo) -> bool) -> bool {
    let mut pending: Vec<&'static RoleInfo> = role_info(role).into_iter().collect();
    let mut visited = 0;
    while let Some(r) = pending.pop() {
        visited += 1;
        if visited > 64 {
            break;
        }
        if test(r) {
            return true;
        }
        pending.extend(r.superclass.iter().filter_map(|s| role_info(s)));
    }
    false
}

/// Whether `role` prohibits `attr` (e.g. `aria-label` on `generic`).
pub fn is_attr_prohibited(role: &str, attr: &str) -> bool {
    role_info(role).is_some_and(|r| r.prohibited_attrs.contains(&attr))
}

/// Whether `role` supports `attr` (its own, inherited, or global), ignoring prohibition.
pub fn is_attr_supported(role: &str, attr: &str) -> bool {
    if attr_info(attr).is_some_and(|a| a.global) {
        return true;
    }
    any_in_lineage(role, |r| {
        r.supported_attrs.contains(&attr) || r.required_attrs.contains(&attr)
    })
}

/// Whether `attr` may be used on an element with `role`: supported and not prohibited.
pub fn is_attr_allowed(role: &str, attr: &str) -> bool {
    is_attr_supported(role, attr) && !is_attr_prohibited(role, attr)
}

/// The attributes `role` requires. A separator needs `aria-valuenow` only when focusable,
/// so pass whether the element is focusable.
pub fn required_attrs_for(role: &str, focusable: bool) -> &'static [&'static str] {
    if role == "separator" {
        return if focusable { &["aria-valuenow"] } else { &[] };
    }
    role_info(role).map(|r| r.required_attrs).unwrap_or(&[])
}

/// Whether children of `role` are presentational (inherited: `doc-cover` from `img`).
pub fn children_presentational(role: &str) -> bool {
    role_info(role).is_some_and(|r| r.children_presentational)
}

/// Whether an element with this role may be named from its content.
pub fn name_from_contents(role: &str) -> bool {
    role_info(role).is_some_and(|r| r.name_from == NameFrom::Contents)
}

/// Whether the role prohibits naming.
pub fn name_prohibited(role: &str) -> bool {
    role_info(role).is_some_and(|r| r.name_from == NameFrom::Prohibited)
}

/// Whether the role requires an accessible name.
pub fn name_required(role: &str) -> bool {
    role_info(role).is_some_and(|r| r.name_required)
}

/// Roles that are widgets (inherit from `widget`), e.g. for "interactive" checks.
pub fn is_widget_role(role: &str) -> bool {
    role_inherits(role, "widget")
}

/// Landmark roles (inherit from `landmark`).
pub fn is_landmark_role(role: &str) -> bool {
    role_inherits(role, "landmark")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_superclass_and_related_role_exists() {
        for r in ROLES {
            for s in r
                .superclass
                .iter()
                .chain(r.required_context)
                .chain(r.required_owned)
            {
                assert!(role_info(s).is_some(), "{} names unknown role {s}", r.name);
            }
            for a in r
                .supported_attrs
                .iter()
                .chain(r.required_attrs)
                .chain(r.prohibited_attrs)
            {
                assert!(
                    attr_info(a).is_some(),
                    "{} names unknown attribute {a}",
                    r.name
                );
            }
        }
    }

    #[test]
    fn role_names_are_unique() {
        let mut seen = std::collections::HashSet::new();
        for r in ROLES {
            assert!(seen.insert(r.name), "duplicate role {}", r.name);
        }
    }

    #[test]
    fn inheritance_gives_supported_attributes() {
        assert!(is_attr_allowed("slider", "aria-valuemin"));
        assert!(is_attr_allowed("meter", "aria-valuetext")); // from range
        assert!(is_attr_allowed("menuitemradio", "aria-posinset")); // from menuitem
        assert!(is_attr_allowed("treeitem", "aria-selected")); // from option
        assert!(is_attr_allowed("listbox", "aria-orientation")); // from select
        assert!(is_attr_allowed("dialog", "aria-modal")); // from window
        assert!(is_attr_allowed("button", "aria-pressed"));
        assert!(!is_attr_allowed("link", "aria-pressed"));
        assert!(!is_attr_allowed("generic", "aria-label"));
        assert!(is_attr_allowed("generic", "aria-describedby"));
        assert!(!is_attr_allowed("heading", "aria-checked"));
        assert!(is_attr_allowed("heading", "aria-braillelabel"));
        assert!(!is_attr_allowed("paragraph", "aria-braillelabel"));
        assert!(!is_attr_allowed("generic", "aria-roledescription"));
        assert!(!is_attr_allowed("none", "aria-label"));
        assert!(attr_info("aria-labelled").is_none());
    }

    #[test]
    fn role_tokens_are_valid_when_concrete() {
        assert!(is_valid_role("searchbox"));
        assert!(is_valid_role("doc-biblioref"));
        assert!(is_valid_role("graphics-symbol"));
        assert!(is_valid_role("BUTTON"));
        assert!(!is_valid_role("lnik"));
        assert!(!is_valid_role("widget"));
        assert!(!is_valid_role("searchfield"));
    }

    #[test]
    fn required_attributes() {
        assert_eq!(required_attrs_for("heading", false), &["aria-level"]);
        assert_eq!(required_attrs_for("separator", false), &[] as &[&str]);
        assert_eq!(required_attrs_for("separator", true), &["aria-valuenow"]);
        assert!(required_attrs_for("checkbox", false).contains(&"aria-checked"));
    }

    #[test]
    fn naming_facts() {
        assert!(name_from_contents("button"));
        assert!(name_from_contents("doc-backlink"));
        assert!(!name_from_contents("img"));
        assert!(name_prohibited("generic"));
        assert!(name_required("img"));
        assert!(is_landmark_role("doc-toc"));
        assert!(is_widget_role("spinbutton"));
        assert!(children_presentational("img"));
    }
}
