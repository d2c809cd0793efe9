//! With the `embed` feature: writes `$OUT_DIR/embedded.rs`, the files of
//! `fixtures/portal` the server serves (`pages/`, `data/`, the built `dist/`) as
//! `include_bytes!`, so a binary can serve the portal with no repository around. Without
//! the feature, or when `dist/` has not been built (`npm ci && npm run build:portal`), the
//! list is empty and `Files::embedded()` says so.

use std::path::{Path, PathBuf};

/// Files the portal needs whatever else `dist/` holds (as `portal::BUILT` lists them).
const REQUIRED: &[&str] = &[
    "dist/synthetic/portal.js",
    "dist/native/portal.js",
    "pages/shell.html",
];

fn main() {
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("OUT_DIR")).join("embedded.rs");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/portal");
    let mut files = Vec::new();
    if std::env::var_os("CARGO_FEATURE_EMBED").is_some() {
        for dir in ["pages", "data", "dist"] {
            println!("cargo:rerun-if-changed={}", root.join(dir).display());
            collect(&root, &root.join(dir), &mut files);
        }
        if REQUIRED
            .iter()
            .any(|r| !files.iter().any(|(name, _)| name == r))
        {
            println!(
                "cargo:warning=fixtures/portal/dist is not built: `portalscan demo` will ask for it (npm ci && npm run build:portal, then rebuild)"
            );
            files.clear();
        }
    }
    files.sort();
    let mut code = String::from("pub static FILES: &[(&str, &[u8])] = &[\n");
    for (name, path) in &files {
        code.push_str(&format!("    ({name:?}, include_bytes!({path:?})),\n"));
    }
    code.push_str("];\n");
    std::fs::write(&out, code).expect("write embedded.rs");
}

/// Every file under `dir`, as (path relative to `root` with `/`, absolute path).
fn collect(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(root, &path, files);
        } else if let Ok(relative) = path.strip_prefix(root) {
            let name = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let absolute = path.canonicalize().unwrap_or(path);
            files.push((name, absolute.display().to_string()));
        }
    }
}
