//! CSS custom properties: inheritance and `var()` substitution with fallbacks.

use std::collections::HashMap;
use std::sync::Arc;

/// The custom properties of an element. A value of `None` is *unknown* (it may come from
/// a stylesheet we could not load); a name that is absent is the guaranteed-invalid value.
#[derive(Clone, Debug, Default)]
pub struct CustomProps {
    pub map: HashMap<Arc<str>, Option<Arc<str>>>,
    /// Some stylesheet could not be loaded, so any name may have an unknown value.
    pub incomplete: bool,
}

#[derive(Debug, PartialEq)]
pub enum SubstError {
    /// A referenced property is invalid and there is no fallback.
    Invalid,
    /// A referenced property's value is unknown.
    Unknown,
}

impl CustomProps {
    fn lookup(&self, name: &str) -> Result<Option<&str>, SubstError> {
        match self.map.get(name) {
            Some(Some(v)) => Ok(Some(v)),
            Some(None) => Err(SubstError::Unknown),
            None if self.incomplete => Err(SubstError::Unknown),
            None => Ok(None),
        }
    }
}

const MAX_DEPTH: u8 = 16;

/// Replaces every `var(--name[, fallback])` in `text`.
pub fn substitute(text: &str, props: &CustomProps) -> Result<String, SubstError> {
    substitute_with(text, &|name| props.lookup(name), 0)
}

/// Substitution with a caller-supplied lookup (used while resolving custom properties
/// that refer to each other on the same element).
pub fn substitute_with<'v>(
    text: &str,
    lookup: &dyn Fn(&str) -> Result<Option<&'v str>, SubstError>,
    depth: u8,
) -> Result<String, SubstError> {
    if depth > MAX_DEPTH {
        return Err(SubstError::Invalid);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find_var(rest) {
        out.push_str(&rest[..start]);
        let after = &rest[start + 4..];
        let close = matching_paren(after).ok_or(SubstError::Invalid)?;
        let inner = &after[..close];
        let (name, fallback) = match split_top_level_comma(inner) {
            Some(i) => (inner[..i].trim(), Some(&inner[i + 1..])),
            None => (inner.trim(), None),
        };
        if !name.starts_with("--") {
            return Err(SubstError::Invalid);
        }
        match lookup(name)? {
            Some(value) => out.push_str(value),
            None => match fallback {
                Some(fb) => out.push_str(&substitute_with(fb.trim(), lookup, depth + 1)?),
                None => return Err(SubstError::Invalid),
            },
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Byte offset of the next `var(` outside strings (case-insensitive).
fn find_var(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut quote = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match quote {
            Some(_) if c == b'\\' => i += 1,
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if b.len() - i >= 4 && b[i..i + 4].eq_ignore_ascii_case(b"var(") => {
                let boundary = i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'-');
                if boundary {
                    return Some(i);
                }
            }
            None => {}
        }
        i += 1;
    }
    None
}

/// Index of the `)` closing a block whose `(` was just before `text`.
fn matching_paren(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in text.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match (quote, c) {
            (_, '\\') => escaped = true,
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') if depth == 0 => return Some(i),
            (None, ')') => depth -= 1,
            _ => {}
        }
    }
    None
}

fn split_top_level_comma(text: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote = None;
    for (i, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => depth = depth.saturating_sub(1),
            (None, ',') if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

/// Pins a closure's type so the values it returns may outlive the names it is given.
fn as_lookup<'v, F: Fn(&str) -> Result<Option<&'v str>, SubstError>>(f: F) -> F {
    f
}

/// Resolves the custom properties an element declares (`declared`: cascade winners)
/// on top of the inherited ones. Names declared here that refer to each other resolve in
/// passes; whatever is left when a pass makes no progress is a cycle, hence invalid.
pub fn resolve_declared(
    declared: &[(&Arc<str>, &Arc<str>)],
    parent: &CustomProps,
    incomplete: bool,
) -> CustomProps {
    let mut out = CustomProps {
        map: parent.map.clone(),
        incomplete: parent.incomplete || incomplete,
    };
    // name -> Ok(Some(value)) | Ok(None) (invalid) | Err(()) (unknown)
    let mut done: HashMap<&str, Result<Option<String>, ()>> = HashMap::new();
    let is_declared = |n: &str| declared.iter().any(|(d, _)| d.as_ref() == n);
    loop {
        let mut progress = Vec::new();
        for (name, raw) in declared {
            if done.contains_key(name.as_ref()) {
                continue;
            }
            let raw = raw.trim();
            let result = match raw.to_ascii_lowercase().as_str() {
                "initial" => Some(Ok(None)),
                "inherit" | "unset" => Some(
                    parent
                        .lookup(name)
                        .map(|v| v.map(str::to_string))
                        .map_err(|_| ()),
                ),
                _ if !super::values::has_var(raw) => Some(Ok(Some(raw.to_string()))),
                _ => {
                    let pending = std::cell::Cell::new(false);
                    let lookup = as_lookup(|n: &str| {
                        if is_declared(n) {
                            return match done.get(n) {
                                Some(Ok(v)) => Ok(v.as_deref()),
                                Some(Err(())) => Err(SubstError::Unknown),
                                None => {
                                    pending.set(true);
                                    Ok(Some(""))
                                }
                            };
                        }
                        parent.lookup(n)
                    });
                    let r = substitute_with(raw, &lookup, 0);
                    if pending.get() {
                        None
                    } else {
                        Some(match r {
                            Ok(v) => Ok(Some(v)),
                            Err(SubstError::Invalid) => Ok(None),
                            Err(SubstError::Unknown) => Err(()),
                        })
                    }
                }
            };
            if let Some(r) = result {
                progress.push((name.as_ref(), r));
            }
        }
        if progress.is_empty() {
            break;
        }
        done.extend(progress);
    }
    for (name, _) in declared {
        match done.get(name.as_ref()) {
            Some(Ok(Some(v))) => {
                out.map.insert((*name).clone(), Some(v.as_str().into()));
            }
            Some(Err(())) => {
                out.map.insert((*name).clone(), None);
            }
            // Invalid, or part of a cycle.
            Some(Ok(None)) | None => {
                out.map.remove(name.as_ref());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn props(pairs: &[(&str, &str)]) -> CustomProps {
        CustomProps {
            map: pairs
                .iter()
                .map(|(k, v)| (Arc::from(*k), Some(Arc::from(*v))))
                .collect(),
            incomplete: false,
        }
    }

    #[test]
    fn var_with_and_without_fallback() {
        let p = props(&[("--a", "#181818")]);
        assert_eq!(substitute("var(--a)", &p).unwrap(), "#181818");
        assert_eq!(
            substitute("var(--slds-g-color-neutral-base-10, #181818)", &p).unwrap(),
            "#181818"
        );
        assert_eq!(
            substitute("1px solid var(--b, var(--a))", &p).unwrap(),
            "1px solid #181818"
        );
        assert_eq!(substitute("var(--missing)", &p), Err(SubstError::Invalid));
        assert_eq!(
            substitute("rgb(var(--x, 1, 2, 3))", &p).unwrap(),
            "rgb(1, 2, 3)"
        );
        assert_eq!(substitute("'var(--a)'", &p).unwrap(), "'var(--a)'");
        let unknown = CustomProps {
            incomplete: true,
            ..p
        };
        assert_eq!(
            substitute("var(--missing, red)", &unknown),
            Err(SubstError::Unknown)
        );
    }

    #[test]
    fn declared_properties_refer_to_each_other_and_cycles_are_invalid() {
        let parent = props(&[("--base", "red")]);
        let (a, b, c, d) = (
            Arc::from("--a"),
            Arc::from("--b"),
            Arc::from("--c"),
            Arc::from("--d"),
        );
        let (va, vb, vc, vd) = (
            Arc::from("var(--b)"),
            Arc::from("var(--base)"),
            Arc::from("var(--d)"),
            Arc::from("var(--c)"),
        );
        let out = resolve_declared(
            &[(&a, &va), (&b, &vb), (&c, &vc), (&d, &vd)],
            &parent,
            false,
        );
        assert_eq!(
            out.map.get("--a").cloned().flatten().as_deref(),
            Some("red")
        );
        assert!(!out.map.contains_key("--c") && !out.map.contains_key("--d"));
        assert_eq!(
            out.map.get("--base").cloned().flatten().as_deref(),
            Some("red")
        );
    }
}
