//! The application: the pipelines behind each subcommand. Only this layer
//! reads configuration, walks the corpus and (for links) starts a runtime.

pub mod check;
pub mod discover;
pub mod fix;
pub mod import;
pub mod info;
pub mod init;
pub mod levels;
pub mod links;
pub mod load;
mod run;
pub mod suppress;

pub use run::{Output, run};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, Config, ConfigError};
use crate::rules::{RULES, Settings};

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
    #[error("cannot use {} as the corpus root: {source}", path.display())]
    #[diagnostic(code(matrixlint::root))]
    Root {
        /// The root.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The configuration file could not be read.
    #[error("cannot read the configuration: {0}")]
    #[diagnostic(code(matrixlint::config))]
    ConfigRead(String),
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
    #[error("the configuration has {} problem(s)", problems.len())]
    #[diagnostic(code(matrixlint::config), help("fix the configuration; `matrixlint schema config` prints its schema"))]
    Config {
        /// Each problem with its place.
        #[related]
        problems: Vec<ConfigDiagnostic>,
    },
    /// A named path does not exist.
    #[error("cannot read {}: {source}", path.display())]
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
    #[diagnostic(code(matrixlint::not_a_cell), help("cell sources are the files matching `cells` in matrixlint.yaml"))]
    NotACell {
        /// The path as given.
        path: PathBuf,
        /// The corpus root.
        root: PathBuf,
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
    #[diagnostic(code(matrixlint::would_overwrite), help("run `matrixlint init` in an empty directory"))]
    WouldOverwrite(String),
    /// A bug or an unexpected environment failure.
    #[error("internal error: {0}")]
    #[diagnostic(code(matrixlint::internal))]
    Internal(String),
}

/// One configuration problem, rendered with its place in the file.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{message}")]
pub struct ConfigDiagnostic {
    message: String,
    #[source_code]
    code: miette::NamedSource<Arc<str>>,
    #[label("here")]
    span: miette::SourceSpan,
    #[help]
    help: Option<String>,
}

impl AppError {
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

/// An opened corpus: root, configuration, settings and the list of cell files.
#[derive(Debug)]
pub struct Project {
    /// The corpus root (canonical).
    pub root: PathBuf,
    /// The configuration.
    pub config: Config,
    /// The configuration files read (base first), with where each setting came from.
    pub config_files: Option<config::Loaded>,
    /// What the rules read.
    pub settings: Settings,
    /// Every cell source, relative to the root, sorted.
    pub files: Vec<String>,
    /// Files whose name is an escaped form of their path.
    escaped: std::collections::HashMap<String, PathBuf>,
    /// The `cells` globs that matched no file.
    pub unmatched: Vec<String>,
}

impl Project {
    /// Finds the root, loads the configuration and lists the corpus.
    ///
    /// # Errors
    /// When there is no usable root or configuration.
    pub fn open(cwd: &Path, root: Option<&Path>, today: jiff::civil::Date) -> Result<Self, AppError> {
        let root = discover::find_root(cwd, root)?;
        let config_path = root.join(config::FILE_NAME);
        // Present in any form (a dangling link, a directory, a FIFO): loaded, so that
        // a configuration that cannot be used stops the run instead of being ignored.
        let loaded = if config_path.symlink_metadata().is_ok() {
            let names: Vec<&str> = RULES.iter().flat_map(|r| [r.info.name, r.info.code]).collect();
            Some(config::load(&config_path, config::FILE_NAME, &names).map_err(AppError::from_config)?)
        } else {
            None
        };
        let config = loaded.as_ref().map(|l| l.config.clone()).unwrap_or_default();
        let current_year = i64::from(today.year());
        let mut settings = Settings::new(config.registry(), current_year);
        settings.year_min = config.years.min;
        settings.year_max = config.years.max.unwrap_or(current_year);
        settings.missing_cell_ignore = discover::glob_set(&config.missing_cell.ignore)?;
        let globs = discover::glob_set(&config.cells)?;
        let listing = discover::corpus_files(&root, &config.cells, &globs);
        Ok(Self {
            root,
            config,
            config_files: loaded,
            settings,
            files: listing.files,
            escaped: listing.escaped,
            unmatched: listing.unmatched,
        })
    }

    /// The path of the corpus file called `name`.
    #[must_use]
    pub fn path(&self, name: &str) -> PathBuf {
        self.escaped.get(name).cloned().unwrap_or_else(|| self.root.join(name))
    }

    /// Reads and loads the corpus file called `name`.
    #[must_use]
    pub fn load(&self, name: &str) -> load::Loaded {
        load::load_path(&self.root, &self.path(name), name)
    }

    /// Fails when a `cells` glob matches no file: a typo in a glob must not
    /// turn every run green by checking nothing.
    ///
    /// # Errors
    /// [`AppError::NoCells`] naming the globs and the root.
    pub fn require_cells(&self) -> Result<(), AppError> {
        if self.unmatched.is_empty() {
            return Ok(());
        }
        Err(AppError::NoCells { globs: self.unmatched.clone(), root: self.root.clone() })
    }

    /// Like [`Project::open`], but without `--root` the root is found upwards
    /// from the first named path (pre-commit runs from the repository root,
    /// which may hold the corpus in a subdirectory), else from `cwd`.
    ///
    /// # Errors
    /// As [`Project::open`].
    pub fn open_for(
        cwd: &Path,
        root: Option<&Path>,
        paths: &[PathBuf],
        today: jiff::civil::Date,
    ) -> Result<Self, AppError> {
        let hint = root.map(Path::to_owned).or_else(|| {
            let first = cwd.join(paths.first()?);
            first.ancestors().skip(1).find(|dir| dir.join(config::FILE_NAME).is_file()).map(Path::to_owned)
        });
        Self::open(cwd, hint.as_deref(), today)
    }

    /// The files the named `paths` select.
    ///
    /// # Errors
    /// A path that is missing, outside the corpus or not a cell source.
    pub fn select(&self, cwd: &Path, paths: &[PathBuf]) -> Result<Vec<String>, AppError> {
        discover::select(&self.root, cwd, &self.files, paths)
    }
}
