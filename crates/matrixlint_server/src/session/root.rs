//! One corpus root: its configuration (with its `extend` chain), the engine
//! built from it, and the corpus index of its cells.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::GlobSet;

use matrixlint_workspace::{Locator, Project, WorkspaceError};

use crate::index::Corpus;
use crate::source::Span;
use matrixlint_engine::lint::Linter;

/// What linting a root's cells needs; shared with the workers.
#[derive(Debug)]
pub(crate) struct Engine {
    /// Rules, levels and suppressions under the root's configuration.
    pub linter: Linter,
    /// Which files are cell sources (`cells`).
    pub cells: GlobSet,
    /// The link audit's history database.
    pub history: PathBuf,
    /// `evidence.in-check`: the evidence cache's age limit in days and the
    /// moment ages count from (the server's today), when diagnostics include
    /// the last evidence audit's findings.
    pub evidence: Option<(u64, jiff::Timestamp)>,
}

impl Engine {
    /// Whether the file called `name` under the root is a cell source.
    pub(crate) fn is_cell(&self, name: &str) -> bool {
        self.cells.is_match(Path::new(name))
    }
}

/// A problem with a root's configuration, at its place.
#[derive(Debug, Clone)]
pub(crate) struct ConfigProblem {
    /// The configuration file (the root's `matrixlint.yaml` or one it extends).
    pub path: PathBuf,
    /// Its text (empty when it could not be read).
    pub text: Arc<str>,
    /// Where.
    pub span: Span,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// A loaded corpus root (cheap to clone: its engine and index are shared).
#[derive(Debug, Clone)]
pub(crate) struct Root {
    /// The directory holding `matrixlint.yaml` (canonical).
    pub path: PathBuf,
    /// The engine; `None` while the configuration is broken.
    pub engine: Option<Arc<Engine>>,
    /// Every cell's record: from disk, or from the editor's buffer when open.
    pub corpus: Arc<Corpus>,
    /// The configuration files read, base first (reloading follows changes to any).
    pub config_files: Vec<PathBuf>,
    /// What is wrong with the configuration.
    pub problems: Vec<ConfigProblem>,
}

impl Root {
    /// Reads the configuration at `path`: the root with its corpus not
    /// indexed yet ([`Corpus::partial`]), and the project to index it with
    /// ([`Root::index`]); no project when the configuration is broken.
    pub(crate) fn configure(path: &Path, today: jiff::civil::Date) -> (Self, Option<Project>) {
        let main = path.join(crate::config::FILE_NAME);
        match Project::locate(path, Locator { root: Some(path), ..Locator::default() }, today) {
            Ok(project) => {
                let config_files = match &project.config_files {
                    Some(l) => l.files.iter().map(|f| f.path.clone()).collect(),
                    None => vec![main.clone()],
                };
                let cells = matrixlint_engine::lint::glob_set(&project.config.cells);
                let history = project.root.join(&project.config.links.history);
                let settings = &project.config.evidence;
                let midnight = jiff::tz::TimeZone::UTC.to_timestamp(today.to_datetime(jiff::civil::Time::midnight()));
                let evidence = settings.in_check.then(|| (settings.cache_days, midnight.unwrap_or_default()));
                let (engine, problems) = match cells {
                    Ok(cells) => {
                        let linter = project.linter.clone();
                        (Some(Arc::new(Engine { linter, cells, history, evidence })), vec![])
                    }
                    Err(e) => (None, vec![problem_at_start(&main, e.to_string())]),
                };
                let corpus = Arc::new(Corpus::partial());
                let root = Self { path: project.root.clone(), engine, corpus, config_files, problems };
                (root, Some(project))
            }
            Err(e) => {
                let problems = problems_of(path, &e);
                let mut config_files: Vec<PathBuf> = problems.iter().map(|p| p.path.clone()).collect();
                config_files.push(main);
                config_files.sort();
                config_files.dedup();
                let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
                (Self { path, engine: None, corpus: Arc::default(), config_files, problems }, None)
            }
        }
    }

    /// Indexes every cell of `project` on disk as `check` does: each file's
    /// record, from the corpus cache when the file is unchanged, else read
    /// and parsed with its tree dropped at once (nothing is kept loaded), so
    /// memory stays near the largest file plus the index. The heap the
    /// trees took is then handed back to the operating system
    /// ([`crate::heap::trim`]). An unusable cache is ignored, never trusted
    /// (`check` reports it; the server has nobody to tell but its log).
    pub(crate) fn index(&mut self, project: &Project) {
        let indexed = matrixlint_workspace::load_indexed(project, &[], None, true, 0);
        crate::heap::trim();
        self.corpus = Arc::new(indexed.corpus);
    }

    /// Whether `path` is one of the configuration files this root read.
    pub(crate) fn is_config(&self, path: &Path) -> bool {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.config_files.iter().any(|f| *f == path || f.canonicalize().is_ok_and(|f| f == canonical))
    }
}

/// Each configuration problem at its place, or the whole failure at the
/// start of `matrixlint.yaml`.
fn problems_of(root: &Path, error: &WorkspaceError) -> Vec<ConfigProblem> {
    let listed = error.config_problems();
    if listed.is_empty() {
        return vec![problem_at_start(&root.join(crate::config::FILE_NAME), error.to_string())];
    }
    listed
        .iter()
        .map(|p| ConfigProblem {
            path: normalise(&root.join(p.file_name())),
            text: Arc::clone(p.text()),
            span: p.span(),
            message: p.message().to_owned(),
            help: p.help().map(str::to_owned),
        })
        .collect()
}

fn problem_at_start(path: &Path, message: String) -> ConfigProblem {
    ConfigProblem { path: path.to_owned(), text: Arc::from(""), span: Span::point(0), message, help: None }
}

/// `a/b/../c` as `a/c`: the real path when it exists, else the lexical one.
fn normalise(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
