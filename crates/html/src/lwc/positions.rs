//! Source positions of start tags. html5ever reports only a line, and only as it goes; a
//! template's findings need `path:line:column`. A light tokenizer pass lists every start
//! tag's name, line and column in document order, and [`assign`] hands them to the parsed
//! elements by that order (the parser keeps source order; an element it implied, such as
//! `<tbody>`, matches no tag and keeps the parser's line).

use portalscan_core::dom::{Namespace, Node, NodeData};

#[derive(Debug, PartialEq)]
pub struct TagPos {
    pub name: String,
    pub line: u32,
    pub column: u32,
}

/// Every start tag in `source`, in order, skipping comments and the raw text of
/// `<style>`/`<script>`. Columns count characters, from 1.
pub fn start_tags(source: &str) -> Vec<TagPos> {
    let mut out = Vec::new();
    let chars: Vec<char> = source.chars().collect();
    let (mut line, mut column) = (1u32, 1u32);
    let mut i = 0;
    // Advances over `n` characters, keeping line and column.
    let step = |i: &mut usize, n: usize, line: &mut u32, column: &mut u32| {
        for _ in 0..n {
            if *i >= chars.len() {
                return;
            }
            if chars[*i] == '\n' {
                *line += 1;
                *column = 1;
            } else {
                *column += 1;
            }
            *i += 1;
        }
    };
    let find = |from: usize, needle: &str| -> Option<usize> {
        let needle: Vec<char> = needle.chars().collect();
        (from..chars.len().saturating_sub(needle.len() - 1)).find(|&k| {
            chars[k..k + needle.len()]
                .iter()
                .zip(&needle)
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
        })
    };
    while i < chars.len() {
        if chars[i] != '<' {
            step(&mut i, 1, &mut line, &mut column);
            continue;
        }
        if chars[i..].starts_with(&['<', '!', '-', '-']) {
            let n = find(i + 4, "-->").map_or(chars.len(), |e| e + 3) - i;
            step(&mut i, n, &mut line, &mut column);
            continue;
        }
        let name: String = chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | ':' | '_'))
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            step(&mut i, 1, &mut line, &mut column);
            continue;
        }
        out.push(TagPos {
            name: name.clone(),
            line,
            column,
        });
        step(&mut i, 1 + name.len(), &mut line, &mut column);
        if name == "style" || name == "script" {
            let n = find(i, &format!("</{name}")).unwrap_or(chars.len()) - i;
            step(&mut i, n, &mut line, &mut column);
        }
    }
    out
}

/// Gives each element of `nodes[from..]` the position of its start tag, matching names in
/// order. `skip` says which elements are not in the source (the host the front-end added).
pub fn assign(nodes: &mut [Node], from: usize, tags: &[TagPos], skip: impl Fn(&Node) -> bool) {
    let mut next = 0;
    for node in nodes[from..].iter_mut() {
        let NodeData::Element { name, ns, .. } = &node.data else {
            continue;
        };
        if skip(node) || next >= tags.len() {
            continue;
        }
        // SVG keeps camelCase names; the tag list is lower case.
        let name = match ns {
            Namespace::Html => name.clone(),
            _ => name.to_ascii_lowercase(),
        };
        // A tag the parser dropped (a stray second `<form>`) would shift every later
        // match: allow skipping one.
        let at = if tags[next].name == name {
            Some(next)
        } else if tags.get(next + 1).is_some_and(|t| t.name == name) {
            Some(next + 1)
        } else {
            None
        };
        if let Some(at) = at {
            node.line = Some(tags[at].line);
            node.column = Some(tags[at].column);
            next = at + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_tags_with_lines_and_columns() {
        let src = "<template>\n  <!-- <img> -->\n  <p class=\"x\">a <b>b</b></p>\n<style>p > a {}</style>\n\t<img\n alt={x}></template>";
        let tags: Vec<(String, u32, u32)> = start_tags(src)
            .into_iter()
            .map(|t| (t.name, t.line, t.column))
            .collect();
        assert_eq!(
            tags,
            vec![
                ("template".into(), 1, 1),
                ("p".into(), 3, 3),
                ("b".into(), 3, 18),
                ("style".into(), 4, 1),
                ("img".into(), 5, 2),
            ]
        );
    }
}
