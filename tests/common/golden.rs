//! Output compared with an expected file, a failure shown as a unified
//! diff; `UPDATE_GOLDEN=1` writes the files from the current output
//! instead (review them with `git diff`).

use std::path::Path;

use similar::TextDiff;

/// Whether expected files are being rewritten (`UPDATE_GOLDEN` is set).
pub fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some()
}

/// A unified diff from `expected` to `actual` (labelled with `name`), or
/// `None` when they are equal.
pub fn diff(name: &str, expected: &str, actual: &str) -> Option<String> {
    if expected == actual {
        return None;
    }
    Some(
        TextDiff::from_lines(expected, actual)
            .unified_diff()
            .context_radius(3)
            .header(&format!("{name} (expected)"), &format!("{name} (actual)"))
            .to_string(),
    )
}

/// Compares `actual` with the text of `path`; a missing file is empty
/// when `absent_is_empty`. With `UPDATE_GOLDEN` set, writes `actual` to
/// `path` instead (and removes an absent-is-empty file that would be
/// empty). `how` says how to update, for the message.
pub fn check(path: &Path, actual: &str, absent_is_empty: bool, how: &str) -> Result<(), String> {
    if updating() {
        if absent_is_empty && actual.is_empty() {
            let _ = std::fs::remove_file(path);
        } else {
            std::fs::write(path, actual).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        return Ok(());
    }
    let expected = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(_) if absent_is_empty => String::new(),
        Err(e) => return Err(format!("{}: {e} ({how} writes it)", path.display())),
    };
    let name = path
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string();
    match diff(&name, &expected, actual) {
        None => Ok(()),
        Some(d) => Err(format!(
            "{name} differs from the output ({how} rewrites it):\n{d}"
        )),
    }
}
