//! Rendering diagnostics. Every format renders from the same
//! [`Diagnostic`](crate::diagnostic::Diagnostic) list; nothing here prints,
//! the binary writes what these functions return.

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod links;
pub mod sarif;
pub mod statistics;
pub mod visible;

use crate::diagnostic::{Diagnostic, Severity};

/// Counts for the closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Files reported on.
    pub files: usize,
    /// Diagnostics of severity error.
    pub errors: usize,
    /// Diagnostics of severity warning.
    pub warnings: usize,
    /// Diagnostics of severity info.
    #[serde(skip)]
    pub infos: usize,
}

impl Summary {
    /// Counts `diagnostics` over `files` files.
    #[must_use]
    pub fn new(files: usize, diagnostics: &[Diagnostic]) -> Self {
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        Self { files, errors: count(Severity::Error), warnings: count(Severity::Warning), infos: count(Severity::Info) }
    }
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// miette's graphical report, colour on a terminal.
    Human,
    /// One line per finding: `file:line:col: severity[code/rule] message`.
    Concise,
    /// One JSON document.
    Json,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// A SARIF 2.1.0 log (code scanning).
    Sarif,
    /// JUnit XML, one test case per checked file.
    Junit,
}

/// `name` as a path from the working directory, given `base`, the corpus root
/// relative to it (empty when it is the root or not beneath it).
#[must_use]
pub fn repo_path(base: &str, name: &str) -> String {
    if base.is_empty() { name.to_owned() } else { format!("{}/{name}", base.trim_end_matches('/')) }
}
