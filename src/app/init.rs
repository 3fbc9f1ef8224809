//! `matrixlint init`: a starter corpus, never overwriting anything.

use std::path::Path;

use super::AppError;
use super::run::Output;

/// The starter configuration (every key commented with its default).
pub const STARTER_CONFIG: &str = "\
# matrixlint configuration. Schema: `matrixlint schema config`.
# yaml-language-server: $schema=schemas/config.schema.json
cells: [\"cells/**/*.yaml\"]
# years: { min: 1900 }            # year-range: earliest year; the latest is the current year
# rules:                           # levels: error, warning, info, off
#   missing-cell: info
# overrides:
#   - files: [\"cells/alcohol/**\"]
#     rules: { missing-cell: off }
# missing-cell: { ignore: [\"alcohol/*\"] }
# extend: ../shared/matrixlint.yaml
";

/// Keeps the link audit's history out of version control.
const GITIGNORE: &str = "# matrixlint's link-audit history (see `matrixlint links`)\n/.matrixlint/\n";

/// The folders `init` creates, relative to the new root.
const FOLDERS: [&str; 3] = ["cells/drug", "cells/alcohol", "schemas"];

/// The schemas `init` writes, so that editors validate and complete offline.
const SCHEMAS: [(&str, &str); 2] = [
    ("schemas/cell.schema.json", crate::schema::CELL_SCHEMA),
    ("schemas/config.schema.json", crate::config::CONFIG_SCHEMA),
];

/// Creates the starter corpus in `dir`.
///
/// # Errors
/// When anything it would write already exists, or cannot be written.
pub fn run(dir: &Path) -> Result<Output, AppError> {
    let config = dir.join(crate::config::FILE_NAME);
    let existing: Vec<String> = [config.clone(), dir.join(".gitignore")]
        .into_iter()
        .chain(FOLDERS.iter().map(|f| dir.join(f)))
        .chain(SCHEMAS.iter().map(|(f, _)| dir.join(f)))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    if !existing.is_empty() {
        return Err(AppError::WouldOverwrite(existing.join(", ")));
    }
    let io = |e: std::io::Error| AppError::Internal(format!("cannot write in {}: {e}", dir.display()));
    for folder in FOLDERS {
        std::fs::create_dir_all(dir.join(folder)).map_err(io)?;
    }
    let mut stdout = String::new();
    for folder in FOLDERS {
        stdout.push_str(&format!("Created {}/\n", dir.join(folder).display()));
    }
    let files = [(crate::config::FILE_NAME, STARTER_CONFIG), (".gitignore", GITIGNORE)];
    for (path, text) in files.into_iter().chain(SCHEMAS) {
        // create_new: never replace a file that appeared since the check above.
        let path = dir.join(path);
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path).map_err(io)?;
        std::io::Write::write_all(&mut file, text.as_bytes()).map_err(io)?;
        stdout.push_str(&format!("Created {}\n", path.display()));
    }
    stdout.push_str(
        "Next, create a cell source such as cells/drug/B2.yaml (one file per cell: cells/<matrix>/<CELL>.yaml), \
         then run `matrixlint check`; until a file matches `cells`, `check` stops with an error.\n",
    );
    Ok(Output { stdout, code: 0, stderr: String::new() })
}
