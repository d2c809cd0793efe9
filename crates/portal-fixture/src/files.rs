//! Where the portal's files come from: a `fixtures/portal` directory on disk (tests, the
//! `portal-fixture` binary), or the copy built into the binary (`embed` feature: what
//! `portalscan demo` serves, so it runs from any directory and from an installed binary).

use std::borrow::Cow;
use std::io;
use std::path::{Component, Path, PathBuf};

/// Files as (path under `fixtures/portal`, bytes), `/`-separated.
pub type EmbeddedFiles = &'static [(&'static str, &'static [u8])];

#[derive(Clone, Debug)]
pub enum Files {
    /// A `fixtures/portal` directory (holds `pages/`, `data/` and the built `dist/`).
    Dir(PathBuf),
    /// `pages/`, `data/` and `dist/` as they were when the binary was built.
    Embedded(EmbeddedFiles),
}

impl Files {
    /// The copy of `fixtures/portal` built into this binary; `None` without the `embed`
    /// feature, or when the portal had not been built (`dist/`) when this binary was.
    pub fn embedded() -> Option<Files> {
        let files = embedded::FILES;
        (!files.is_empty()).then_some(Files::Embedded(files))
    }

    /// The file at `relative` (`/`-separated, under `fixtures/portal`). Paths that leave the
    /// directory (`..`, absolute) are not found.
    pub fn read(&self, relative: &str) -> io::Result<Cow<'static, [u8]>> {
        let inside = Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !inside {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                relative.to_string(),
            ));
        }
        match self {
            Files::Dir(root) => {
                let path = root.join(relative);
                std::fs::read(&path)
                    .map(Cow::Owned)
                    .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))
            }
            Files::Embedded(files) => files
                .iter()
                .find(|(name, _)| *name == relative)
                .map(|(_, bytes)| Cow::Borrowed(*bytes))
                .ok_or_else(|| {
                    io::Error::new(
                        io::ErrorKind::NotFound,
                        format!("{relative}: not in the built-in portal"),
                    )
                }),
        }
    }

    pub fn read_text(&self, relative: &str) -> io::Result<String> {
        String::from_utf8(self.read(relative)?.into_owned()).map_err(|_| {
            io::Error::new(io::ErrorKind::InvalidData, format!("{relative}: not UTF-8"))
        })
    }

    pub fn has(&self, relative: &str) -> bool {
        match self {
            Files::Dir(root) => root.join(relative).is_file(),
            Files::Embedded(files) => files.iter().any(|(name, _)| *name == relative),
        }
    }

    /// Where the files are, for error messages.
    pub fn describe(&self, relative: &str) -> String {
        match self {
            Files::Dir(root) => root.join(relative).display().to_string(),
            Files::Embedded(_) => format!("{relative} (built in)"),
        }
    }
}

mod embedded {
    // Written by build.rs: the files, or an empty list.
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}
