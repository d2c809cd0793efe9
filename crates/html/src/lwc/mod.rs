//! Lightning component source (an LWC template, an Aura `.cmp`) in, [`Snapshot`] out.
//!
//! The template is scanned as the component renders: its markup becomes the shadow tree
//! of a host element `<c-name>` (or the host's light DOM for `renderMode = 'light'` and
//! for Aura), its `<name>.css` that tree's stylesheet (`:host` styles the host), and the
//! SLDS stylesheet, when the caller has it, styles `slds-*` classes and base components.
//! The snapshot's `component_source` says it is a component, not a page, and lists what
//! only run time knows (see `portalscan_core::template`).

mod base;
mod directives;
mod positions;

use html5ever::tendril::TendrilSink;
use portalscan_core::dom::{Dom, NodeData};
use portalscan_core::template::ComponentSource;
use portalscan_core::{Node, Snapshot};

use crate::sink::DomSink;
use crate::{ResourceLoader, cascade};

/// Where the SLDS stylesheet is linked from inside the component: a name only
/// [`ComponentFiles`]' loader answers.
const SLDS_HREF: &str = "portalscan-slds:salesforce-lightning-design-system.css";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Framework {
    Lwc,
    Aura,
}

/// One component's files, as the caller read them.
pub struct ComponentFiles<'a> {
    /// The host tag (`c-patient-card`).
    pub name: String,
    pub framework: Framework,
    /// The template (`patientCard.html`) or Aura markup (`patientCard.cmp`).
    pub template: &'a str,
    /// The component's own stylesheet (`patientCard.css`), if it has one.
    pub css: Option<&'a str>,
    /// The SLDS stylesheet's text; `None` when not available (styles that depend on it
    /// are then unknown, never guessed).
    pub slds: Option<&'a str>,
    /// `static renderMode = 'light'` in the component's JavaScript.
    pub light_dom: bool,
}

/// Whether page text is a component template: its root element is `<template>` (after
/// comments and white space) and it has no `<html>`.
pub fn is_component_template(text: &str) -> bool {
    let rest = skip_trivia(text);
    starts_with_tag(rest, "template") && !text.to_ascii_lowercase().contains("<html")
}

fn skip_trivia(mut text: &str) -> &str {
    loop {
        text = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
        match text.strip_prefix("<!--") {
            Some(rest) => text = rest.find("-->").map_or("", |e| &rest[e + 3..]),
            None => return text,
        }
    }
}

fn starts_with_tag(text: &str, tag: &str) -> bool {
    text.get(..tag.len() + 1)
        .is_some_and(|head| head.eq_ignore_ascii_case(&format!("<{tag}")))
        && text[tag.len() + 1..].starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/')
}

/// The host tag of a component folder name: `patientCard` → `c-patient-card`.
pub fn host_tag(folder: &str) -> String {
    let mut tag = String::from("c-");
    for c in folder.chars() {
        if c.is_ascii_uppercase() {
            tag.push('-');
            tag.push(c.to_ascii_lowercase());
        } else {
            tag.push(c);
        }
    }
    tag
}

/// Whether a component's JavaScript declares light DOM rendering.
pub fn declares_light_dom(js: &str) -> bool {
    js.lines().any(|l| {
        let l: String = l.split_whitespace().collect();
        l.starts_with("staticrenderMode=") && (l.contains("'light'") || l.contains("\"light\""))
    })
}

/// Why a file given as the SLDS stylesheet is not one, or `None` when it is: binary,
/// markup, or text in which the CSS parser finds no style rule (a wrong path given to
/// `--slds` must fail loudly, not silently style nothing).
pub fn not_a_stylesheet(text: &str) -> Option<&'static str> {
    if text.contains('\0') {
        Some("contains NUL bytes (a binary file?)")
    } else if skip_trivia(text).starts_with('<') {
        Some("looks like markup (HTML or XML), not CSS")
    } else if cascade::style_rule_count(text) == 0 {
        Some("holds no CSS style rules")
    } else {
        None
    }
}

impl ResourceLoader for ComponentFiles<'_> {
    fn stylesheet(&self, url: &str) -> Option<String> {
        (url == SLDS_HREF)
            .then(|| self.slds.map(str::to_string))
            .flatten()
    }
}

/// The static snapshot of one component. `url` names the template file.
pub fn snapshot_from_component(files: &ComponentFiles, url: &str) -> Snapshot {
    let wrapped = wrap(files);
    let sink = html5ever::parse_document(DomSink::keeping_templates(), Default::default())
        .one(wrapped.as_str());
    let mut nodes = sink.into_nodes();
    let host = nodes
        .iter()
        .position(|n| matches!(&n.data, NodeData::Element { name, .. } if *name == files.name))
        .expect("the wrapper starts with the host element");
    // The template's own root tag is the host's tree, not an element in it.
    let tags = positions::start_tags(files.template);
    let injected = |n: &Node| attr_of(n, "data-portalscan").is_some();
    positions::assign(&mut nodes, host + 1, tags.get(1..).unwrap_or(&[]), injected);
    base::map_base_components(&mut nodes[host + 1..]);
    let nodes = base::insert_parts(nodes, host);
    let (nodes, conditional) = directives::splice(nodes, host);
    let mut source = ComponentSource {
        name: files.name.clone(),
        framework: match files.framework {
            Framework::Lwc => "lwc".into(),
            Framework::Aura => "aura".into(),
        },
        light_dom: files.light_dom || files.framework == Framework::Aura,
        ..ComponentSource::default()
    };
    directives::facts(&nodes, &conditional, host, &mut source);
    let mut dom = Dom::from_nodes(nodes).expect("splicing keeps a valid arena");
    cascade::compute_styles(&mut dom, url, files);
    let mut snapshot = Snapshot::new(url, "static-html", dom);
    snapshot.scripts_ran = Some(false);
    snapshot.laid_out = Some(false);
    snapshot.component_source = Some(source);
    snapshot
}

fn attr_of<'n>(node: &'n Node, attr: &str) -> Option<&'n str> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .iter()
            .find(|(k, _)| k == attr)
            .map(|(_, v)| v.as_str()),
        _ => None,
    }
}

/// The template as a page the HTML parser reads: `<c-name>` hosting the template's
/// content (in a declarative shadow root, or as light children), with the stylesheets
/// first. Lines are kept: the root tag's own line breaks are kept and the stylesheets'
/// are made spaces, so the parser's line numbers are the template's.
fn wrap(files: &ComponentFiles) -> String {
    let (root, close) = match files.framework {
        Framework::Lwc => ("template", "</template>"),
        Framework::Aura => ("aura:component", "</aura:component>"),
    };
    let text = files.template;
    let trivia = text.len() - skip_trivia(text).len();
    let start = if starts_with_tag(&text[trivia..], root) {
        trivia
    } else {
        text.to_ascii_lowercase()
            .find(&format!("<{root}"))
            .unwrap_or(0)
    };
    let open_end = text[start..]
        .find('>')
        .map_or(text.len(), |e| start + e + 1);
    let body_end = text
        .to_ascii_lowercase()
        .rfind(close)
        .filter(|&e| e >= open_end)
        .unwrap_or(text.len());
    let root_breaks = "\n".repeat(text[start..open_end].matches('\n').count());
    let shadow = !(files.light_dom || files.framework == Framework::Aura);
    let mut out = String::with_capacity(text.len() + 256);
    out.push_str(&text[..start]);
    out.push_str(&format!("<{}>", files.name));
    if shadow {
        out.push_str("<template shadowrootmode=\"open\">");
    }
    if uses_slds(text) {
        out.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{SLDS_HREF}\" data-portalscan>"
        ));
    }
    if let Some(css) = files.css {
        let css = css.replace(['\n', '\r'], " ").replace("</", "<\\/");
        out.push_str(&format!("<style data-portalscan>{css}</style>"));
    }
    out.push_str(&root_breaks);
    match files.framework {
        Framework::Lwc => out.push_str(&text[open_end..body_end]),
        Framework::Aura => out.push_str(&close_empty_tags(&text[open_end..body_end])),
    }
    if shadow {
        out.push_str("</template>");
    }
    out.push_str(&format!("</{}>", files.name));
    out
}

/// Aura markup is XML: `<lightning:input/>` is empty, where HTML would read it as open.
/// Each `<name …/>` becomes `<name …></name>` (on the same line, so lines are kept).
fn close_empty_tags(markup: &str) -> String {
    let mut out = String::with_capacity(markup.len() + 64);
    let mut rest = markup;
    while let Some(end) = rest.find("/>") {
        let head = &rest[..end];
        out.push_str(head);
        let name = head.rfind('<').map(|lt| {
            head[lt + 1..]
                .split(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("")
        });
        match name.filter(|n| !n.is_empty() && !n.starts_with(['/', '!'])) {
            Some(name) => out.push_str(&format!("></{name}>")),
            None => out.push_str("/>"),
        }
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// Whether the template is styled by SLDS: it uses `slds-*` classes or base components.
pub fn uses_slds(template: &str) -> bool {
    template.contains("slds-") || template.contains("<lightning")
}

#[cfg(test)]
mod tests;
