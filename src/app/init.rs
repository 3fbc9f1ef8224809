//! `matrixlint init`: start a corpus, or complete one. Only what is missing is
//! created; nothing the user has is overwritten (as `cargo init` does).

use std::fmt::Write as _;
use std::path::Path;

use super::AppError;
use super::run::Output;

/// The starter configuration (every key commented with its default).
pub const STARTER_CONFIG: &str = "\
# matrixlint configuration. Schema: `matrixlint schema config`.
# yaml-language-server: $schema=schemas/config.schema.json
cells: [\"cells/**/*.{yaml,yml}\"]
# years: { min: 1900 }            # year-range: earliest year; the latest is the current year
# rules:                           # levels: error, warning, info, off
#   missing-cell: info
# overrides:
#   - files: [\"cells/alcohol/**\"]
#     rules: { missing-cell: off }
# missing-cell: { ignore: [\"alcohol/*\"] }
# extend: ../shared/matrixlint.yaml
";

/// The line that keeps the link audit's history and the corpus cache out of version control.
const IGNORED: &str = "/.matrixlint/";

/// What `.gitignore` gets, new or appended to.
const GITIGNORE: &str = "# matrixlint's link-audit history and corpus cache\n/.matrixlint/\n";

/// The folders `init` creates, relative to the new root.
const FOLDERS: [&str; 3] = ["cells/drug", "cells/alcohol", "schemas"];

/// The schemas `init` writes, so that editors validate and complete offline.
const SCHEMAS: [(&str, &str); 2] = [
    ("schemas/cell.schema.json", crate::schema::CELL_SCHEMA),
    ("schemas/config.schema.json", crate::config::CONFIG_SCHEMA),
];

/// One thing `init` would do.
enum Step {
    Folder(&'static str),
    File(&'static str, &'static str),
    Ignore(String),
}

/// Creates what is missing of a corpus in `dir` and says what it did.
///
/// # Errors
/// When a file it would write exists with other content, or a folder it
/// needs is a file (nothing is written then), or writing fails.
pub fn run(dir: &Path) -> Result<Output, AppError> {
    let mut steps = Vec::new();
    let mut report = String::new();
    let mut refusals = Vec::new();
    for folder in FOLDERS {
        match std::fs::metadata(dir.join(folder)) {
            Ok(meta) if meta.is_dir() => {
                let _ = writeln!(report, "Kept {folder}/ (already there)");
            }
            Ok(_) => refusals.push(format!("{folder} (a file where a folder belongs)")),
            Err(_) => steps.push(Step::Folder(folder)),
        }
    }
    let config = crate::config::FILE_NAME;
    if dir.join(config).symlink_metadata().is_ok() {
        let _ = writeln!(report, "Kept {config} (already there)");
    } else {
        steps.push(Step::File(config, STARTER_CONFIG));
    }
    for (name, text) in SCHEMAS {
        match std::fs::read(dir.join(name)) {
            Ok(bytes) if bytes == text.as_bytes() => {
                let _ = writeln!(report, "Kept {name} (up to date)");
            }
            Ok(_) => refusals.push(format!("{name} (other content; `matrixlint schema` prints this version's)")),
            Err(_) => steps.push(Step::File(name, text)),
        }
    }
    match std::fs::read_to_string(dir.join(".gitignore")) {
        Ok(text) if text.lines().any(|l| matches!(l.trim(), IGNORED | ".matrixlint/" | ".matrixlint")) => {
            let _ = writeln!(report, "Kept .gitignore (already ignores /.matrixlint/)");
        }
        Ok(text) => steps.push(Step::Ignore(text)),
        Err(_) => steps.push(Step::File(".gitignore", GITIGNORE)),
    }
    if !refusals.is_empty() {
        return Err(AppError::WouldOverwrite(refusals.join(", ")));
    }
    let mut done = String::new();
    for step in steps {
        let line = match step {
            Step::Folder(folder) => {
                std::fs::create_dir_all(dir.join(folder)).map_err(|source| io(dir, folder, source))?;
                format!("Created {folder}/")
            }
            Step::File(name, text) => {
                write_new(dir, name, text)?;
                format!("Created {name}")
            }
            Step::Ignore(old) => {
                let separator = if old.is_empty() || old.ends_with('\n') { "" } else { "\n" };
                crate::files::write_atomically(
                    &dir.join(".gitignore"),
                    format!("{old}{separator}{GITIGNORE}").as_bytes(),
                )
                .map_err(|source| AppError::Write { source })?;
                "Added /.matrixlint/ to .gitignore".to_owned()
            }
        };
        done.push_str(&line);
        done.push('\n');
    }
    done.push_str(&report);
    done.push_str(&next_step(dir));
    Ok(Output { stdout: done, code: 0, stderr: String::new() })
}

/// What to do next, true of the corpus as it now is: a repository that
/// already has cells is told to check them, not to create one.
fn next_step(dir: &Path) -> String {
    // Only the list of files is read: the date does not matter.
    match super::Project::open(dir, Some(dir), super::run::today(None)).map(|p| p.files.len()) {
        Ok(0) => "Next, create a cell source such as cells/drug/B2.yaml (one file per cell: \
                  cells/<matrix>/<CELL>.yaml), then run `matrixlint check`; until a file matches `cells`, `check` \
                  stops with an error.\n"
            .to_owned(),
        Ok(1) => "Found 1 cell source; run `matrixlint check` to check it.\n".to_owned(),
        Ok(n) => format!("Found {n} cell sources; run `matrixlint check` to check them.\n"),
        // A kept configuration with problems: `check` names each of them.
        Err(_) => "Next, run `matrixlint check`: it names what to correct in the configuration first.\n".to_owned(),
    }
}

/// Writes a file that must not exist yet (one that appeared since the check is kept).
fn write_new(dir: &Path, name: &str, text: &str) -> Result<(), AppError> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(dir.join(name))
        .map_err(|source| io(dir, name, source))?;
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|source| io(dir, name, source))
}

fn io(dir: &Path, name: &str, source: std::io::Error) -> AppError {
    AppError::Write { source: crate::files::WriteError::Io { path: dir.join(name), source } }
}
