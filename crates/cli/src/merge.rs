//! `portalscan merge`: joins the JSON reports of `--shard` runs (or any runs) into one
//! report (see [`portalscan_report::read`]); the gate runs again over the whole.

use std::path::Path;

use crate::inputs::InputError;
use crate::pages::artifact_for;
use crate::report::Report;

/// Reads one report; the error names the file and says what is wrong with it.
fn read(path: &Path) -> Result<portalscan_report::read::JsonReport, InputError> {
    let label = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| InputError::io(&label, "cannot read", &e))?;
    portalscan_report::read::parse(&label, &bytes)
}

/// Merges the reports. Files that cannot be read or are not reports become errors in the
/// merged report (named, exit status 2); the others are still merged.
pub fn merge(paths: &[std::path::PathBuf], include_passes: bool) -> Report {
    portalscan_report::read::merge(
        paths.iter().map(|p| read(p)),
        include_passes,
        |url, input| artifact_for(url, Path::new(input)),
    )
}
