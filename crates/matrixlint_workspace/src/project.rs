//! An opened corpus: its root, configuration, settings and cell files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use matrixlint_engine::config::{Config, FILE_NAME};
use matrixlint_engine::lint::{Linter, RuleFilter};
use matrixlint_engine::rules::RULES;

use crate::{WorkspaceError, config, discover, load};

/// Where a corpus is: what `--root`, `--config` and the named paths say.
#[derive(Debug, Clone, Copy, Default)]
pub struct Locator<'a> {
    /// `--root`.
    pub root: Option<&'a Path>,
    /// `--config`: the configuration file (its folder is the root without `--root`).
    pub config: Option<&'a Path>,
    /// The named paths: without `--root`, the root is found upwards from the first.
    pub paths: &'a [PathBuf],
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
    /// The engine, under this configuration.
    pub linter: Linter,
    /// Every cell source, relative to the root, sorted.
    pub files: Vec<String>,
    /// Files whose name is an escaped form of their path.
    escaped: HashMap<String, PathBuf>,
    /// The `cells` globs that matched no file.
    pub unmatched: Vec<String>,
    /// The date the corpus is checked on.
    today: jiff::civil::Date,
}

impl Project {
    /// Finds the root, loads the configuration and lists the corpus.
    ///
    /// # Errors
    /// When there is no usable root or configuration.
    pub fn open(cwd: &Path, root: Option<&Path>, today: jiff::civil::Date) -> Result<Self, WorkspaceError> {
        Self::locate(cwd, Locator { root, ..Locator::default() }, today)
    }

    /// Finds the root as `at` says, loads the configuration and lists the corpus.
    ///
    /// # Errors
    /// When there is no usable root or configuration.
    pub fn locate(cwd: &Path, at: Locator<'_>, today: jiff::civil::Date) -> Result<Self, WorkspaceError> {
        let explicit = at.config.map(|c| cwd.join(c));
        let root = match (at.root, &explicit) {
            (Some(root), _) => discover::find_root(cwd, Some(root))?,
            (None, Some(config)) => discover::find_root(cwd, Some(config.parent().unwrap_or(cwd)))?,
            (None, None) => match Self::hint(cwd, at.paths) {
                Some(root) => discover::find_root(cwd, Some(&root))?,
                // Nothing upwards from the named path: the working directory's
                // corpus, else an error naming the folder given.
                None => discover::find_root(cwd, None).map_err(|e| match (e, at.paths.first()) {
                    (WorkspaceError::NoConfig { .. }, Some(named)) => {
                        WorkspaceError::NoConfig { from: Self::folder(cwd, named) }
                    }
                    (e, _) => e,
                })?,
            },
        };
        let (config_path, shown) = match &explicit {
            Some(path) => (path.clone(), path.display().to_string()),
            None => (root.join(FILE_NAME), FILE_NAME.to_owned()),
        };
        // Present in any form (a dangling link, a directory, a FIFO): loaded, so that
        // a configuration that cannot be used stops the run instead of being ignored.
        let loaded = if explicit.is_some() || config_path.symlink_metadata().is_ok() {
            let names: Vec<&str> = RULES.iter().flat_map(|r| [r.info.name, r.info.code]).collect();
            Some(config::load(&config_path, &shown, &names, &root).map_err(WorkspaceError::from_config)?)
        } else {
            None
        };
        let config = loaded.as_ref().map(|l| l.config.clone()).unwrap_or_default();
        let linter = Linter::new(&config, RuleFilter::default(), today).map_err(WorkspaceError::from)?;
        let globs = matrixlint_engine::lint::glob_set(&config.cells)?;
        let listing = discover::corpus_files(&root, &config.cells, &globs);
        Ok(Self {
            root,
            config,
            config_files: loaded,
            linter,
            files: listing.files,
            escaped: listing.escaped,
            unmatched: listing.unmatched,
            today,
        })
    }

    /// Applies the command line's `--select` and `--ignore`.
    ///
    /// # Errors
    /// Only on a bug (globs are checked when the configuration loads).
    pub fn set_filter(&mut self, filter: RuleFilter) -> Result<(), WorkspaceError> {
        self.linter = Linter::new(&self.config, filter, self.today)?;
        Ok(())
    }

    /// Without `--root`, the root is found upwards from the first named path,
    /// starting at the path itself when it is a folder (`check fixtures/corpus`
    /// from the repository root; pre-commit runs from the repository root,
    /// which may hold the corpus in a subdirectory), else from `cwd`.
    fn hint(cwd: &Path, paths: &[PathBuf]) -> Option<PathBuf> {
        let first = cwd.join(paths.first()?);
        first.ancestors().find(|dir| dir.join(FILE_NAME).symlink_metadata().is_ok()).map(Path::to_owned)
    }

    /// The folder a named path stands for: itself when a folder, else its parent.
    fn folder(cwd: &Path, named: &Path) -> PathBuf {
        let path = cwd.join(named);
        if path.is_dir() { path } else { path.parent().map_or(path.clone(), Path::to_owned) }
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
    /// [`WorkspaceError::NoCells`] naming the globs and the root.
    pub fn require_cells(&self) -> Result<(), WorkspaceError> {
        if self.unmatched.is_empty() {
            return Ok(());
        }
        Err(WorkspaceError::NoCells { globs: self.unmatched.clone(), root: self.root.clone() })
    }

    /// The files the named `paths` select.
    ///
    /// # Errors
    /// A path that is missing, outside the corpus or not a cell source.
    pub fn select(&self, cwd: &Path, paths: &[PathBuf]) -> Result<Vec<String>, WorkspaceError> {
        discover::select(&self.root, cwd, &self.files, paths)
    }

    /// Like [`Project::select`], but with no path named, run from a folder
    /// inside the corpus, only that folder's files are reported (as ruff
    /// does); the whole corpus is still loaded for cross-references.
    ///
    /// # Errors
    /// As [`Project::select`].
    pub fn select_here(&self, cwd: &Path, paths: &[PathBuf]) -> Result<Vec<String>, WorkspaceError> {
        let inside = cwd.canonicalize().is_ok_and(|cwd| cwd != self.root && cwd.starts_with(&self.root));
        if paths.is_empty() && inside {
            return self.select(cwd, &[PathBuf::from(".")]);
        }
        self.select(cwd, paths)
    }
}
