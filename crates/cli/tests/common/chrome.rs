//! The Chromium the end-to-end tests run (shared by `crawl_portal.rs` and `lwc_parity.rs`).

use std::path::PathBuf;

/// `$CHROME`, else Debian's `/usr/bin/chromium`; a test that needs it fails (never skips)
/// when it is missing.
pub fn chrome() -> PathBuf {
    let path = std::env::var_os("CHROME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    assert!(
        path.is_file(),
        "{}: Chromium is required for this test (CI installs Debian's chromium in \
         .ci/run; set CHROME to use another)",
        path.display()
    );
    path
}
