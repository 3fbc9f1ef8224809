//! The shell: finding the corpus root and its configuration, walking the
//! corpus, reading and writing files, the working directory, the async
//! runtime, choosing the output format and the exit code. The linting itself
//! is the engine's (`lint`); the binary maps its command line onto the plain
//! options here and writes what the commands return.

pub mod check;
pub mod console;
pub mod corpus;
pub(crate) mod discover;
pub mod evidence;
pub mod fix;
pub mod import;
pub mod info;
pub mod init;
pub mod links;
pub(crate) mod load;
mod project;
mod run;

pub use crate::lint::RuleFilter;
pub use project::{Locator, Project};
pub use run::{CheckOptions, CorpusOptions, Output, check_command, import_command};

use std::path::PathBuf;
use std::sync::Arc;

use crate::config::{self, ConfigError};

/// Why a run could not happen (exit code 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum AppError {
    /// No `matrixlint.yaml` upwards from the working directory.
    #[error("no {} found in {} or any parent directory", config::FILE_NAME, from.display())]
    #[diagnostic(
        code(matrixlint::no_config),
        help("run `matrixlint init` to start a corpus here, or pass `--root DIR`")
    )]
    NoConfig {
        /// Where the search started.
        from: PathBuf,
    },
    /// The root directory is unusable.
    #[error("cannot use {} as the corpus root", path.display())]
    #[diagnostic(code(matrixlint::root))]
    Root {
        /// The root.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A configuration file cannot be used at all (its bytes are never quoted).
    #[error("cannot use {} as the configuration: {reason}", path.display())]
    #[diagnostic(
        code(matrixlint::config),
        help("the configuration is a YAML text file under 1 MiB; `matrixlint init` writes a starter one")
    )]
    ConfigUnusable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: config::Unusable,
    },
    /// The configuration has problems.
    #[error(
        "the configuration has {} problem{}, so nothing was checked",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    )]
    #[diagnostic(code(matrixlint::config), help("fix the configuration; `matrixlint schema config` prints its schema"))]
    Config {
        /// Each problem with its place.
        #[related]
        problems: Vec<ConfigDiagnostic>,
    },
    /// A named path does not exist.
    #[error("cannot read {}", path.display())]
    #[diagnostic(code(matrixlint::path))]
    Path {
        /// The path as given.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A named path is outside the corpus.
    #[error("{} is outside the corpus at {}", path.display(), root.display())]
    #[diagnostic(
        code(matrixlint::outside_corpus),
        help("name files under the corpus root, or pass `--root` for the corpus they belong to")
    )]
    OutsideCorpus {
        /// The path as given.
        path: PathBuf,
        /// The corpus root.
        root: PathBuf,
    },
    /// A named file is not a cell source.
    #[error("{} is not a cell source of the corpus at {}", path.display(), root.display())]
    #[diagnostic(code(matrixlint::not_a_cell))]
    NotACell {
        /// The path as given.
        path: PathBuf,
        /// The corpus root.
        root: PathBuf,
        /// What to do (a `.yml` file: rename it, or match it in `cells`).
        #[help]
        help: String,
    },
    /// `cells` globs that match no file.
    #[error(
        "no cell sources match {} under {}",
        globs.iter().map(|g| format!("`{g}`")).collect::<Vec<_>>().join(", "),
        root.display()
    )]
    #[diagnostic(
        code(matrixlint::no_cells),
        help("create a cell source such as cells/drug/B2.yaml, or correct `cells` in matrixlint.yaml")
    )]
    NoCells {
        /// The globs that matched nothing.
        globs: Vec<String>,
        /// The corpus root.
        root: PathBuf,
    },
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

/// One configuration problem, rendered with its place in the file.
#[derive(Debug, Clone, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
#[diagnostic(code(matrixlint::config))]
pub struct ConfigDiagnostic {
    message: String,
    #[source_code]
    code: miette::NamedSource<Arc<str>>,
    #[label]
    span: miette::SourceSpan,
    #[help]
    help: Option<String>,
}

impl ConfigDiagnostic {
    /// What is wrong.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// How to fix it.
    #[must_use]
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// The file's name: relative to the corpus root (`matrixlint.yaml`, or a
    /// file it extends such as `../shared/base.yaml`), or the `--config` path as given.
    #[must_use]
    pub fn file_name(&self) -> &str {
        self.code.name()
    }

    /// The file's text.
    #[must_use]
    pub fn text(&self) -> &Arc<str> {
        self.code.inner()
    }

    /// Where in the text, in bytes.
    #[must_use]
    pub fn span(&self) -> crate::source::Span {
        crate::source::Span::new(self.span.offset(), self.span.offset() + self.span.len())
    }
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
            Self::Config { problems } => problems,
            _ => &[],
        }
    }

    fn from_config(e: ConfigError) -> Self {
        match e {
            ConfigError::Unusable { path, reason } => Self::ConfigUnusable { path, reason },
            ConfigError::Invalid { problems } => Self::Config {
                problems: problems
                    .into_iter()
                    .map(|p| ConfigDiagnostic {
                        message: p.message,
                        code: p.file.named_source().clone(),
                        span: p.span.into(),
                        help: p.help,
                    })
                    .collect(),
            },
        }
    }
}
