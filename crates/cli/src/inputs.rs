//! Turns the paths on the command line into the list of pages to scan: directories are
//! walked (sorted, so reports are deterministic), `-` is standard input.

use std::path::{Path, PathBuf};

/// What a file holds, decided by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum InputKind {
    Html,
    /// A saved `portalscan_core::Snapshot` as JSON.
    Snapshot,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File { path: PathBuf, kind: InputKind },
}

impl Input {
    /// How messages and reports name the input: the path as given, `-` for stdin.
    pub fn label(&self) -> String {
        match self {
            Input::Stdin => "-".to_string(),
            Input::File { path, .. } => path.display().to_string(),
        }
    }
}

pub use portalscan_report::InputError;

/// The kind of an explicitly named file: `*.json` is a snapshot, everything else HTML.
fn kind_of_named_file(path: &Path) -> InputKind {
    if has_extension(path, "json") {
        InputKind::Snapshot
    } else {
        InputKind::Html
    }
}

/// The kind of a file found while walking a directory, or `None` to skip it.
fn kind_of_walked_file(path: &Path) -> Option<InputKind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    if name.ends_with(".snapshot.json") {
        Some(InputKind::Snapshot)
    } else if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".cmp") {
        Some(InputKind::Html)
    } else {
        None
    }
}

fn has_extension(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
}

/// Expands the command line's paths, in the order given; each directory's files sorted.
pub fn expand(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk_dir(path, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File {
                path: path.clone(),
                kind: kind_of_named_file(path),
            }),
            Err(e) => errors.push(InputError::io(
                path.display().to_string(),
                "cannot read",
                &e,
            )),
        }
    }
    (inputs, errors)
}

/// Walks a directory without recursion (a loop over a stack) and without following
/// symbolic links to directories (which could loop). Files come out sorted by path.
fn walk_dir(root: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<InputError>) {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                errors.push(InputError::io(dir.display().to_string(), "cannot read", &e));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    errors.push(InputError::io(dir.display().to_string(), "cannot read", &e));
                    continue;
                }
            };
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                pending.push(path);
                continue;
            }
            // Regular files, or symbolic links to them; never FIFOs or devices, which
            // could block or never end.
            let is_file = file_type.is_file()
                || (file_type.is_symlink() && std::fs::metadata(&path).is_ok_and(|m| m.is_file()));
            if let Some(kind) = kind_of_walked_file(&path).filter(|_| is_file) {
                found.push((path, kind));
            }
        }
    }
    found.sort();
    inputs.extend(
        found
            .into_iter()
            .map(|(path, kind)| Input::File { path, kind }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name() {
        assert_eq!(kind_of_named_file(Path::new("a.json")), InputKind::Snapshot);
        assert_eq!(kind_of_named_file(Path::new("a.txt")), InputKind::Html);
        assert_eq!(
            kind_of_walked_file(Path::new("d/p.snapshot.json")),
            Some(InputKind::Snapshot)
        );
        assert_eq!(
            kind_of_walked_file(Path::new("d/p.HTM")),
            Some(InputKind::Html)
        );
        assert_eq!(kind_of_walked_file(Path::new("d/data.json")), None);
        assert_eq!(kind_of_walked_file(Path::new("d/style.css")), None);
    }
}
