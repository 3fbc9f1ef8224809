//! Why a corpus could not be opened: what finding the root, loading the
//! configuration and naming files raise. The shell wraps it (its `AppError`)
//! without changing a word of what users see.

use std::path::PathBuf;
use std::sync::Arc;

use matrixlint_engine::config::FILE_NAME;
use matrixlint_engine::lint::LintError;
use matrixlint_engine::source::Span;

use crate::config::{ConfigError, Unusable};

/// Why a corpus could not be opened or a named path used (exit code 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum WorkspaceError {
    /// No `matrixlint.yaml` upwards from the working directory.
    #[error("no {} found in {} or any parent directory", FILE_NAME, from.display())]
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
        reason: Unusable,
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
    /// The engine could not be set up under the configuration.
    #[error(transparent)]
    #[diagnostic(code(matrixlint::lint))]
    Lint(#[from] LintError),
}

impl WorkspaceError {
    /// The configuration problems, for a binary that shows each as a report
    /// of its own (miette's related errors come with empty `Error:` lines),
    /// and for the server, which shows each at its place.
    #[must_use]
    pub fn config_problems(&self) -> &[ConfigDiagnostic] {
        match self {
            Self::Config { problems } => problems,
            _ => &[],
        }
    }

    pub(crate) fn from_config(e: ConfigError) -> Self {
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
    pub fn span(&self) -> Span {
        Span::new(self.span.offset(), self.span.offset() + self.span.len())
    }
}
