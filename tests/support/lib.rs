//! Shared helpers for the cross-crate tests in `tests/`.

pub mod act;
pub mod act_chromium;
pub mod act_report;

use std::path::{Path, PathBuf};

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// The W3C ACT suite beside the project (`../shared/act`), or `PORTALSCAN_ACT_DIR`.
pub fn act_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PORTALSCAN_ACT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/act"));
    dir.join("content-assets/wcag-act-rules/testcases.json")
        .is_file()
        .then_some(dir)
}
