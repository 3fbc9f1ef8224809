//! An opened corpus: its root, configuration, settings and cell files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{AppError, discover, load};
use crate::config::{self, Config};
use crate::rules::{RULES, Settings};

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

/// Which rules the command line asked for (`--select`, `--ignore`), on top of
/// the configuration.
#[derive(Debug, Clone, Default)]
pub struct RuleFilter {
    /// Only these rule codes are reported (`None`: all).
    pub only: Option<Vec<&'static str>>,
    /// These rule codes are not reported.
    pub ignore: Vec<&'static str>,
}

impl RuleFilter {
    /// Resolves rule names or codes.
    ///
    /// # Errors
    /// [`AppError::UnknownRule`] for a name that is no rule's.
    pub fn new(select: &[String], ignore: &[String]) -> Result<Self, AppError> {
        let codes = |names: &[String]| -> Result<Vec<&'static str>, AppError> {
            names
                .iter()
                .filter(|n| !n.trim().is_empty())
                .map(|n| {
                    crate::rules::find(n.trim()).map(|r| r.info.code).ok_or_else(|| AppError::UnknownRule(n.clone()))
                })
                .collect()
        };
        let only = if select.is_empty() { None } else { Some(codes(select)?) };
        Ok(Self { only, ignore: codes(ignore)? })
    }

    /// Whether the command line turns off the rule with `code`. A file that
    /// cannot be read or parsed is reported whatever is selected.
    #[must_use]
    pub fn turns_off(&self, code: &str) -> bool {
        let always = [crate::rules::read_error::INFO.code, crate::rules::yaml_syntax::INFO.code];
        self.ignore.contains(&code)
            || self.only.as_ref().is_some_and(|only| !only.contains(&code) && !always.contains(&code))
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
    escaped: HashMap<String, PathBuf>,
    /// The `cells` globs that matched no file.
    pub unmatched: Vec<String>,
    /// Rules the command line selected or ignored.
    pub filter: RuleFilter,
}

impl Project {
    /// Finds the root, loads the configuration and lists the corpus.
    ///
    /// # Errors
    /// When there is no usable root or configuration.
    pub fn open(cwd: &Path, root: Option<&Path>, today: jiff::civil::Date) -> Result<Self, AppError> {
        Self::locate(cwd, Locator { root, ..Locator::default() }, today)
    }

    /// Finds the root as `at` says, loads the configuration and lists the corpus.
    ///
    /// # Errors
    /// When there is no usable root or configuration.
    pub fn locate(cwd: &Path, at: Locator<'_>, today: jiff::civil::Date) -> Result<Self, AppError> {
        let explicit = at.config.map(|c| cwd.join(c));
        let root = match (at.root, &explicit) {
            (Some(root), _) => discover::find_root(cwd, Some(root))?,
            (None, Some(config)) => discover::find_root(cwd, Some(config.parent().unwrap_or(cwd)))?,
            (None, None) => discover::find_root(cwd, Self::hint(cwd, at.paths).as_deref())?,
        };
        let (config_path, shown) = match &explicit {
            Some(path) => (path.clone(), path.display().to_string()),
            None => (root.join(config::FILE_NAME), config::FILE_NAME.to_owned()),
        };
        // Present in any form (a dangling link, a directory, a FIFO): loaded, so that
        // a configuration that cannot be used stops the run instead of being ignored.
        let loaded = if explicit.is_some() || config_path.symlink_metadata().is_ok() {
            let names: Vec<&str> = RULES.iter().flat_map(|r| [r.info.name, r.info.code]).collect();
            Some(config::load(&config_path, &shown, &names).map_err(AppError::from_config)?)
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
            filter: RuleFilter::default(),
        })
    }

    /// Without `--root`, the root is found upwards from the first named path
    /// (pre-commit runs from the repository root, which may hold the corpus in
    /// a subdirectory), else from `cwd`.
    fn hint(cwd: &Path, paths: &[PathBuf]) -> Option<PathBuf> {
        let first = cwd.join(paths.first()?);
        first.ancestors().skip(1).find(|dir| dir.join(config::FILE_NAME).symlink_metadata().is_ok()).map(Path::to_owned)
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

    /// The files the named `paths` select.
    ///
    /// # Errors
    /// A path that is missing, outside the corpus or not a cell source.
    pub fn select(&self, cwd: &Path, paths: &[PathBuf]) -> Result<Vec<String>, AppError> {
        discover::select(&self.root, cwd, &self.files, paths)
    }

    /// Like [`Project::select`], but with no path named, run from a folder
    /// inside the corpus, only that folder's files are reported (as ruff
    /// does); the whole corpus is still loaded for cross-references.
    ///
    /// # Errors
    /// As [`Project::select`].
    pub fn select_here(&self, cwd: &Path, paths: &[PathBuf]) -> Result<Vec<String>, AppError> {
        let inside = cwd.canonicalize().is_ok_and(|cwd| cwd != self.root && cwd.starts_with(&self.root));
        if paths.is_empty() && inside {
            return self.select(cwd, &[PathBuf::from(".")]);
        }
        self.select(cwd, paths)
    }
}
