//! The linting engine: a cell source's text in, its findings and their fixes
//! out, with no file system. The shell (`app`) reads files, walks the corpus
//! and writes fixes; the language server lints editors' buffers; tests and
//! benches lint strings. Everything here is synchronous and prints nothing.
//!
//! ```
//! use matrixlint_engine::index::Corpus;
//! use matrixlint_engine::lint::{Linter, Loaded};
//!
//! let linter = Linter::new(&Default::default(), Default::default(), jiff::civil::date(2026, 6, 15)).unwrap();
//! let text = "matrix: drug\ncell: B2\nentries:\n  - tier: Key\n".to_owned();
//! let cell = Loaded::from_text("cells/drug/B2.yaml".as_ref(), "cells/drug/B2.yaml", text);
//! let corpus = Corpus::new(cell.record().into_iter().collect());
//! let findings = linter.lint(&cell, &corpus);
//! assert!(findings.iter().any(|d| d.rule.name == "unknown-tier"));
//! ```

mod check;
mod fix;
mod levels;
mod load;
mod suppress;

use std::sync::LazyLock;

pub use fix::{Fixed, apply};
pub use levels::{Levels, RuleFilter};
pub use load::Loaded;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::index::Corpus;
use crate::rules::Settings;
use crate::schema::Schema;

/// The cell schema, compiled once per process (compiling costs as much as
/// checking a few dozen cells).
static CELL_SCHEMA: LazyLock<Result<Schema, String>> = LazyLock::new(|| Schema::cell().map_err(|e| e.to_string()));

/// Why a linter could not be made.
#[derive(Debug, thiserror::Error)]
pub enum LintError {
    /// A glob of the configuration does not compile (configuration loading
    /// rejects these first, so this is a bug).
    #[error("invalid glob `{glob}`: {reason}")]
    Glob {
        /// The glob.
        glob: String,
        /// Why.
        reason: String,
    },
    /// The shipped cell schema does not compile (a bug).
    #[error("the cell schema does not compile: {0}")]
    Schema(String),
    /// A rule named on the command line does not exist.
    #[error("no rule is called {0}")]
    UnknownRule(String),
}

/// Lints cell sources under one configuration: the rules' settings, the
/// levels and suppressions, and the compiled schema.
#[derive(Clone)]
pub struct Linter {
    settings: Settings,
    levels: Levels,
    schema: &'static Schema,
}

impl std::fmt::Debug for Linter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Linter").field("settings", &self.settings).field("levels", &self.levels).finish_non_exhaustive()
    }
}

impl Linter {
    /// A linter for `config`, with the command line's `filter`, as of `today`.
    ///
    /// # Errors
    /// A glob that does not compile, or the shipped schema (both bugs).
    pub fn new(config: &Config, filter: RuleFilter, today: jiff::civil::Date) -> Result<Self, LintError> {
        let current_year = i64::from(today.year());
        let mut settings = Settings::new(config.registry(), current_year);
        settings.year_min = config.years.min;
        settings.year_max = config.years.max.unwrap_or(current_year);
        settings.missing_cell_ignore = glob_set(&config.missing_cell.ignore)?;
        let schema = CELL_SCHEMA.as_ref().map_err(|e| LintError::Schema(e.clone()))?;
        Ok(Self { settings, levels: Levels::new(config, filter)?, schema })
    }

    /// What the rules read.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The configured levels.
    #[must_use]
    pub fn levels(&self) -> &Levels {
        &self.levels
    }

    /// Every finding in `file`, with cross-references resolved against
    /// `corpus` (which should hold `file`'s own record), sorted by place.
    #[must_use]
    pub fn lint(&self, file: &Loaded, corpus: &Corpus) -> Vec<Diagnostic> {
        let mut found = check::check_one(file, self.schema, corpus, &self.settings, &self.levels);
        found.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        found
    }

    /// Levels and suppressions for findings made outside `lint` (a dead link
    /// from the link audit) in `file`: the same pass as `lint`'s own.
    pub fn finish(&self, file: &Loaded, findings: &mut Vec<Diagnostic>) {
        check::finish_outside(file, findings, &self.levels);
    }
}

/// Compiles globs.
///
/// # Errors
/// A glob that does not compile.
pub fn glob_set(globs: &[String]) -> Result<globset::GlobSet, LintError> {
    let mut builder = globset::GlobSetBuilder::new();
    for g in globs {
        let glob =
            globset::Glob::new(g).map_err(|e| LintError::Glob { glob: g.clone(), reason: e.kind().to_string() })?;
        builder.add(glob);
    }
    builder.build().map_err(|e| LintError::Glob { glob: globs.join(", "), reason: e.to_string() })
}
