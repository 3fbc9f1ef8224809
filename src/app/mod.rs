//! The shell: finding the corpus root and its configuration, walking the
//! corpus, reading and writing files, the working directory, the async
//! runtime, choosing the output format and the exit code. The linting itself
//! is the engine's (`lint`); the binary maps its command line onto the plain
//! options here and writes what the commands return.

pub mod check;
pub mod console;
pub mod corpus;
mod dispose;
pub mod evidence;
pub mod fix;
pub mod import;
pub mod info;
pub mod init;
pub mod links;
mod run;

pub use crate::lint::RuleFilter;
pub use matrixlint_workspace::{ConfigDiagnostic, Locator, Project, WorkspaceError};
pub use run::{CheckOptions, CorpusOptions, Output, check_command, import_command};

use std::path::PathBuf;

/// Why a run could not happen (exit code 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum AppError {
    /// What opening a corpus can meet: no configuration, a bad configuration
    /// or root, a named path outside the corpus, no cells (the workspace's
    /// words, unchanged).
    #[error(transparent)]
    #[diagnostic(transparent)]
    Workspace(#[from] WorkspaceError),
    /// Options that do not go together.
    #[error("{0}")]
    #[diagnostic(code(matrixlint::usage))]
    Usage(String),
    /// `explain` was given an unknown rule.
    #[error("no rule is called {0}")]
    #[diagnostic(code(matrixlint::unknown_rule), help("`matrixlint rules` lists every rule"))]
    UnknownRule(String),
    /// `init` would overwrite something.
    #[error("refusing to overwrite {0}")]
    #[diagnostic(
        code(matrixlint::would_overwrite),
        help("`matrixlint init` only adds what is missing: move those aside, or update them by hand")
    )]
    WouldOverwrite(String),
    /// Writing a file failed.
    #[error("a file was not written")]
    #[diagnostic(code(matrixlint::write))]
    Write {
        /// Why (the error names the file).
        #[from]
        source: crate::files::WriteError,
    },
    /// Reading or writing outside the corpus failed.
    #[error("cannot {what}")]
    #[diagnostic(code(matrixlint::io))]
    Io {
        /// What was being done.
        what: &'static str,
        /// Why it failed.
        source: std::io::Error,
    },
    /// The engine could not be set up.
    #[error(transparent)]
    #[diagnostic(code(matrixlint::lint))]
    Lint(#[from] crate::lint::LintError),
    /// A bug or an unexpected environment failure.
    #[error("internal error: {0}")]
    #[diagnostic(code(matrixlint::internal))]
    Internal(String),
}

/// How reports name files from the working directory `cwd`, for a corpus at
/// `root` (canonical): a person opens names from where the command ran; CI
/// tools take [`crate::report::Names::repo_base`].
#[must_use]
pub fn names(cwd: &std::path::Path, root: &std::path::Path) -> crate::report::Names {
    cwd.canonicalize().map(|cwd| crate::report::Names::new(&cwd, root)).unwrap_or_default()
}

/// The working directory.
///
/// # Errors
/// When it was removed or cannot be read.
pub fn working_dir() -> Result<PathBuf, AppError> {
    std::env::current_dir().map_err(|source| AppError::Io { what: "find the working directory", source })
}

impl AppError {
    /// The configuration problems, for a binary that shows each as a report
    /// of its own (miette's related errors come with empty `Error:` lines).
    #[must_use]
    pub fn config_problems(&self) -> &[ConfigDiagnostic] {
        match self {
            Self::Workspace(e) => e.config_problems(),
            _ => &[],
        }
    }
}
