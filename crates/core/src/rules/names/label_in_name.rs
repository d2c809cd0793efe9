//! WCAG 2.5.3 Label in Name: a control's visible label is part of its accessible name, so
//! speech-input users can say what they see ("click Book appointment").
//!
//! Applies to widgets that take their name from content but are given another name with
//! `aria-label` / `aria-labelledby`. The comparison is word-wise, the way the ACT rule's
//! label-in-name algorithm does it: lower case, characters that are not letters or digits
//! turned into spaces, and the label's words must appear in the name as one unbroken run.
//! Text in parentheses in the label is supplementary ("Search by date (YYYY-MM-DD)").
//! Where only an abbreviation ("Ave." for "Avenue"), a hyphenation difference or a lone
//! symbolic letter ("X" for close) stands between them, a person decides: `review`.

use crate::a11y::aria_data::{is_widget_role, name_from_contents};
use crate::css;
use crate::dom::{ElementRef, NodeData, NodeId};
use crate::engine::Context;
use crate::finding::Category;
use crate::rule::{Example, Interest, RuleMeta, Sink};

static META: RuleMeta = RuleMeta {
    id: "label-in-name",
    title: "A control's visible label is part of its accessible name",
    category: Category::Accessibility,
    wcag: &["2.5.3"],
    act: &["2ee8b8"],
    help: "Start the aria-label (or aria-labelledby text) with the words the control shows, \
           in the same order: a button showing \"Book\" may be named \"Book appointment\", \
           not \"Schedule visit\". Speech-input users say what they see; if those words \
           are not in the name, the command does nothing. Often the simplest fix is to \
           remove the aria-label and let the visible text be the name.",
    interest: Interest::AllElements,
    phi: None,
    examples: &[
        Example::pass(
            r#"<button aria-label="Book appointment with Dr. Lee">Book appointment</button>"#,
        ),
        Example::pass(r#"<a href="/msgs" aria-label="  Messages  ">messages</a>"#),
        Example::pass(
            r#"<button aria-label="Search by date">Search by date (YYYY-MM-DD)</button>"#,
        ),
        Example::pass(r#"<button aria-label="Next">Next…</button>"#),
        Example::pass(
            r#"<a href="/spec" aria-label="Download specification">Download <span style="display:none">the</span> specification</a>"#,
        ),
        Example::fail(r#"<button aria-label="Schedule visit">Book appointment</button>"#),
        Example::fail(
            r#"<button aria-label="how are you"><span>you</span> <span>how are</span></button>"#,
        ),
        // aria-hidden text is still visible text.
        Example::fail(
            r#"<a href="/spec" aria-label="Download specification">Download <span aria-hidden="true">gizmo</span> specification</a>"#,
        ),
        Example::fail(r#"<a href="tel:1235550123" aria-label="1 2 3 5 5 5">123.555</a>"#),
        Example::review(
            r#"<a href="/map" aria-label="University Avenue clinic">University Ave. clinic</a>"#,
        ),
        Example::review(r#"<a href="/spec" aria-label="non-standard hours">nonstandard hours</a>"#),
        Example::review(r#"<button aria-label="Dismiss alert">X</button>"#),
        Example::inapplicable(r#"<input type="email" aria-label="E-mail" value="Contact">"#),
        Example::inapplicable(r#"<nav aria-label="main">Portal navigation</nav>"#),
        Example::inapplicable(r#"<button>Book</button>"#),
    ],
};

crate::rule!(LabelInName = META, element: check_element);

fn check_element(cx: &Context, el: ElementRef, sink: &mut Sink) {
    if !el.has_attr("aria-label") && !el.has_attr("aria-labelledby") {
        return;
    }
    let Some(role) = cx.a11y.role(el) else {
        return;
    };
    if !is_widget_role(role) || !name_from_contents(role) || cx.a11y.is_hidden(el.id) {
        return;
    }
    let VisibleText {
        text: visible,
        font_unknown,
    } = visible_inner_text(cx, el);
    if !visible.chars().any(|c| !c.is_whitespace()) {
        return;
    }
    let name = cx.a11y.name(el).name;
    let verdict = match compare(&visible, &name) {
        // An icon font could draw the words as pictures: not a sure failure.
        Verdict::Missing if font_unknown => Verdict::Judgement(
            "words whose font is unknown (an icon font would make them a picture)",
        ),
        verdict => verdict,
    };
    match verdict {
        Verdict::Contained => sink.pass(el.id),
        Verdict::Judgement(why) => sink.review(
            el.id,
            format!(
                "The visible label and the accessible name differ only by {why}; check \
                 that a speech-input user saying the visible words reaches this control."
            ),
        ),
        // The message names no text: a label may carry a patient's name.
        Verdict::Missing => sink.fail(
            el.id,
            "The visible label's words do not appear, in order, in the accessible name \
             set by aria-label/aria-labelledby, so speech-input users cannot activate \
             this control by saying what they see.",
        ),
    }
}

#[derive(Debug, PartialEq)]
enum Verdict {
    Contained,
    Judgement(&'static str),
    Missing,
}

fn compare(visible: &str, name: &str) -> Verdict {
    let label_text = without_parentheses(visible);
    let label = words(&label_text);
    if label.is_empty() {
        // Only symbols and punctuation: non-text content, nothing to match.
        return Verdict::Contained;
    }
    let name_words = words(name);
    if contains_run(&name_words, &label, |l, n| l == n) {
        return Verdict::Contained;
    }
    let abbreviations = abbreviated_words(&label_text);
    let abbreviated = !abbreviations.is_empty()
        && contains_run(&name_words, &label, |l, n| {
            l == n || (abbreviations.iter().any(|a| a == l) && n.starts_with(l.as_str()))
        });
    if abbreviated {
        return Verdict::Judgement("an abbreviation");
    }
    let dehyphenated_name = words(&name.replace(['-', '\u{2010}', '\u{2011}'], ""));
    if name.contains(['-', '\u{2010}', '\u{2011}'])
        && contains_run(&dehyphenated_name, &label, |l, n| l == n)
    {
        return Verdict::Judgement("hyphenation");
    }
    if let [only] = label.as_slice()
        && only.chars().count() == 1
        && only.chars().all(char::is_alphabetic)
    {
        return Verdict::Judgement("a single letter that may be a symbol (such as X for close)");
    }
    Verdict::Missing
}

/// Lower-case words of letters and digits; everything else separates words.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `needle` appears in `haystack` as one unbroken run of words.
fn contains_run(
    haystack: &[String],
    needle: &[String],
    same: impl Fn(&String, &String) -> bool,
) -> bool {
    needle.len() <= haystack.len()
        && haystack
            .windows(needle.len())
            .any(|window| window.iter().zip(needle).all(|(n, l)| same(l, n)))
}

/// Removes parenthesised text: supplementary hints such as a date format.
fn without_parentheses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => {
                depth -= 1;
                out.push(' ');
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Lower-case alphabetic words written with a trailing full stop ("Ave.", "Dr.").
fn abbreviated_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter_map(|w| w.strip_suffix('.'))
        .filter(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect()
}

/// The text a sighted user sees inside the element (the ACT "visible inner text"): text of
/// rendered, visible nodes in flat-tree order, with block boxes and `<br>` as breaks.
/// `aria-hidden` text is included: it is hidden from screen readers, not from eyes.
fn visible_inner_text(cx: &Context, el: ElementRef) -> VisibleText {
    let dom = cx.dom;
    let mut out = String::new();
    let mut font_unknown = false;
    // Explicit stack of (node, closing) so deep content cannot overflow the stack.
    let mut stack: Vec<(NodeId, bool)> = vec![(el.id, false)];
    let mut visited = 0usize;
    while let Some((node, closing)) = stack.pop() {
        visited += 1;
        if visited > 50_000 {
            break;
        }
        if closing {
            out.push(' ');
            continue;
        }
        match &dom.node(node).data {
            NodeData::Text { text } => {
                let parent = dom.flat_parent_element(node);
                let parent = parent.and_then(|p| dom.element(p));
                let shown = parent.is_none_or(|p| is_visible_text_parent(cx, p));
                if shown && !text.trim().is_empty() {
                    out.push_str(text);
                    font_unknown |= parent.is_some_and(|p| {
                        p.style().is_none_or(|s| s.get(css::FONT_FAMILY).is_none())
                    });
                } else if shown {
                    out.push_str(text);
                }
            }
            NodeData::Element { .. } => {
                let child = dom.element(node).expect("element node");
                if node != el.id && !cx.a11y.is_rendered(node) {
                    continue;
                }
                if child.is("br") {
                    out.push(' ');
                    continue;
                }
                let block = is_block(child);
                if block {
                    out.push(' ');
                    stack.push((node, true));
                }
                for c in dom.flat_children(node).into_iter().rev() {
                    stack.push((c, false));
                }
            }
            _ => {}
        }
    }
    VisibleText {
        text: out,
        font_unknown,
    }
}

struct VisibleText {
    text: String,
    /// Some visible text has no known `font-family` (no styles, or an unloadable sheet).
    font_unknown: bool,
}

/// Whether text directly inside `parent` is drawn as text a person can read.
fn is_visible_text_parent(cx: &Context, parent: ElementRef) -> bool {
    if !cx.a11y.is_rendered(parent.id) || cx.a11y.is_invisible(parent.id) {
        return false;
    }
    let Some(style) = parent.style() else {
        return true;
    };
    // Icon fonts draw ligatures ("search") as pictures: that text is non-text content.
    let icon_font = style.get(css::FONT_FAMILY).is_some_and(|f| {
        let f = f.to_ascii_lowercase();
        f.contains("icon") || f.contains("awesome") || f.contains("glyph")
    });
    !icon_font
        && !parent
            .flat_ancestors()
            .chain([parent])
            .any(is_visually_hidden)
}

/// The "visually hidden" pattern: clipped to nothing but still read by screen readers.
fn is_visually_hidden(el: ElementRef) -> bool {
    let Some(style) = el.style() else {
        return false;
    };
    let clipped_path = style.get(css::CLIP_PATH).is_some_and(|c| {
        let c = c.replace(' ', "");
        c == "inset(50%)" || c == "inset(100%)" || c.starts_with("circle(0")
    });
    let clipped_rect = style
        .get(css::POSITION)
        .is_some_and(|p| p == "absolute" || p == "fixed")
        && style.get(css::CLIP).is_some_and(|c| {
            let c = c.replace([' ', ','], "");
            c == "rect(0000)" || c == "rect(0px0px0px0px)" || c == "rect(1px1px1px1px)"
        });
    clipped_path || clipped_rect
}

fn is_block(el: ElementRef) -> bool {
    if let Some(display) = el.style().and_then(|s| s.get(css::DISPLAY)) {
        return !display.starts_with("inline") && display != "contents" && display != "none";
    }
    el.is_html()
        && matches!(
            el.name(),
            "p" | "div"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "li"
                | "ul"
                | "ol"
                | "section"
                | "article"
                | "header"
                | "footer"
                | "nav"
                | "aside"
                | "main"
                | "table"
                | "tr"
                | "blockquote"
                | "pre"
                | "form"
                | "fieldset"
                | "figure"
                | "figcaption"
                | "dl"
                | "dt"
                | "dd"
                | "address"
                | "hr"
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_runs_follow_the_act_examples() {
        assert_eq!(compare("ACT rules", "act Rules"), Verdict::Contained);
        assert_eq!(
            compare("Next Page", "Next Page in the list"),
            Verdict::Contained
        );
        assert_eq!(
            compare(">>> ** Submit ** <<<", "💡 Submit 💡"),
            Verdict::Contained
        );
        assert_eq!(compare("Discover It", "Discover Italy"), Verdict::Missing);
        assert_eq!(compare("justice", "just ice"), Verdict::Missing);
        assert_eq!(compare("W C A G", "WCAG"), Verdict::Missing);
        assert_eq!(compare("11×3=33", "11 times 3 equals 33"), Verdict::Missing);
        assert_eq!(
            compare("Download specification", "Download the specification"),
            Verdict::Missing
        );
        assert_eq!(compare("1", "1a"), Verdict::Missing);
        assert_eq!(compare("2021", "20 21"), Verdict::Missing);
    }

    #[test]
    fn judgement_calls_become_review() {
        assert!(matches!(
            compare("University Ave.", "University Avenue"),
            Verdict::Judgement(_)
        ));
        assert!(matches!(
            compare("nonstandard", "non-standard"),
            Verdict::Judgement(_)
        ));
        assert!(matches!(
            compare("X", "Close dialog"),
            Verdict::Judgement(_)
        ));
        // A digit is never a symbol for something else.
        assert_eq!(compare("7", "Seven"), Verdict::Missing);
    }

    #[test]
    fn parenthesised_hints_are_supplementary() {
        assert_eq!(
            without_parentheses("Search by date (YYYY-MM-DD)").trim(),
            "Search by date"
        );
        assert_eq!(
            compare("Date of visit (required)", "Date of visit"),
            Verdict::Contained
        );
    }
}
