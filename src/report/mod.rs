//! Rendering diagnostics. Every format renders from the same
//! [`Diagnostic`](crate::diagnostic::Diagnostic) list; nothing here prints,
//! the binary writes what these functions return.

pub mod human;
pub mod json;
pub mod links;

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
    /// One JSON document.
    Json,
}
