//! The `check` pipeline: read every cell once, index the corpus, then lint
//! the selected files with the engine, in parallel.

use std::path::PathBuf;
use std::time::Instant;

use rayon::prelude::*;

pub use matrixlint_workspace::{index, load_corpus};

use super::{AppError, Locator, Project, WorkspaceError, corpus};
use crate::diagnostic::Diagnostic;
use crate::lint::{Loaded, RuleFilter};
use matrixlint_engine::index::Corpus;

/// What `check` was asked to do.
#[derive(Debug, Clone)]
pub struct CheckRequest {
    /// The working directory (paths are relative to it).
    pub cwd: PathBuf,
    /// `--root`.
    pub root: Option<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// Files or directories to report on (empty: all, or the working
    /// directory's part of the corpus when it lies inside).
    pub paths: Vec<PathBuf>,
    /// The date the run treats as today.
    pub today: jiff::civil::Date,
    /// `--select` and `--ignore`.
    pub filter: RuleFilter,
    /// Text from standard input, checked in place of one file.
    pub stdin: Option<Stdin>,
    /// Index through the corpus cache in `.matrixlint/cache/` (off: nothing
    /// is read from or written to it).
    pub cache: bool,
}

impl CheckRequest {
    /// A request for the whole corpus found from `cwd`.
    #[must_use]
    pub fn new(cwd: PathBuf, today: jiff::civil::Date) -> Self {
        Self {
            cwd,
            root: None,
            config: None,
            paths: Vec::new(),
            today,
            filter: RuleFilter::default(),
            stdin: None,
            cache: false,
        }
    }
}

/// Text read from standard input, and the file it stands for.
#[derive(Debug, Clone)]
pub struct Stdin {
    /// `--stdin-filename`, as given.
    pub path: PathBuf,
    /// The bytes read.
    pub bytes: Vec<u8>,
}

/// What `check` found.
#[derive(Debug)]
pub struct CheckOutcome {
    /// Findings after configuration, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were reported on.
    pub files: usize,
    /// The files reported on (relative to the root, sorted), findings or not.
    pub reported: Vec<String>,
    /// The corpus root.
    pub root: PathBuf,
    /// What was loaded and how long it took (for `--verbose`).
    pub stats: RunStats,
    /// Why the corpus cache was not used or not written, for standard error.
    pub warnings: Vec<String>,
}

/// What a run loaded and how long it took.
#[derive(Debug, Clone, Default)]
pub struct RunStats {
    /// The configuration files read, the main one last.
    pub config_files: Vec<PathBuf>,
    /// The `cells` globs.
    pub globs: Vec<String>,
    /// Files in the corpus.
    pub corpus_files: usize,
    /// Finding the root, reading the configuration and every file, parsing and indexing.
    pub load: std::time::Duration,
    /// Schema and rules on the reported files (every round of `--fix`).
    pub check: std::time::Duration,
}

impl RunStats {
    /// The configuration and corpus of `project`, loaded in `load`.
    #[must_use]
    pub fn of(project: &Project, load: std::time::Duration) -> Self {
        Self {
            config_files: project.config_files.iter().flat_map(|l| l.files.iter().map(|f| f.path.clone())).collect(),
            globs: project.config.cells.clone(),
            corpus_files: project.files.len(),
            load,
            check: std::time::Duration::ZERO,
        }
    }
}

/// Runs `check`: the corpus is indexed, then the reported files are linted
/// one at a time against the index (`corpus`), so memory does not grow with
/// the corpus's texts.
///
/// # Errors
/// When the run cannot happen: no configuration, no cells, a bad path, a bad configuration.
pub fn check(req: &CheckRequest) -> Result<CheckOutcome, AppError> {
    let started = Instant::now();
    let (project, selected, stdin) = open(req)?;
    let reader =
        req.stdin.as_ref().map(|s| corpus::WithStdin { project: &project, name: &selected[0], bytes: &s.bytes });
    let reader: &dyn corpus::Reader = match &reader {
        Some(stdin) => stdin,
        None => &project,
    };
    // Pass 1: every file's record, through the cache; reported files kept loaded under the budget.
    let (indexed, mut cache) =
        matrixlint_workspace::load_indexed_keeping_cache(&project, &selected, stdin, req.cache, corpus::KEEP_BUDGET);
    let mut warnings: Vec<String> = indexed.warning.iter().map(ToString::to_string).collect();
    let mut stats = RunStats::of(&project, started.elapsed());
    let started = Instant::now();
    // The last evidence audit's answers, from the cache: no request.
    let evidence = project.config.evidence.in_check.then(|| {
        let now = jiff::tz::TimeZone::UTC.to_timestamp(req.today.to_datetime(jiff::civil::Time::midnight()));
        now.unwrap_or_default()
    });
    // Pass 2: the reported files linted against the complete index, read again unless kept,
    // or their findings taken from the cache when nothing they depend on changed.
    let key = findings_key(req, &project, indexed.index_digest.to_hex().as_bytes());
    let key: Vec<&[u8]> = key.iter().map(Vec::as_slice).collect();
    let pass1 = corpus::Indexed::new(indexed.corpus, indexed.loaded);
    let reuse = corpus::Reuse::new(&mut cache, &key);
    let (diagnostics, damaged) = corpus::lint_reusing(&project, reader, pass1, &selected, evidence, reuse);
    let saved = cache.save();
    warnings.extend(damaged.or(saved).iter().map(ToString::to_string));
    stats.check = started.elapsed();
    let root = project.root.clone();
    Ok(CheckOutcome { diagnostics, files: selected.len(), reported: selected, root, stats, warnings })
}

/// What every finding depends on besides its file's bytes, each part in a
/// stable form: the build of matrixlint (its version, and the size and
/// modification time of the running executable), the effective configuration
/// (the merged `Config` as JSON: its maps are sorted), `--select`/`--ignore`
/// (rule codes, in the order given), today (year rules) and the index's digest.
fn findings_key(req: &CheckRequest, project: &Project, index_digest: &[u8]) -> Vec<Vec<u8>> {
    // A configuration that cannot be encoded (it always can) only never matches a stored one.
    let config = serde_json::to_vec(&project.config).unwrap_or_default();
    let filter = format!("{:?}", req.filter);
    vec![build().into_bytes(), config, filter.into_bytes(), req.today.to_string().into_bytes(), index_digest.to_vec()]
}

/// Which build of matrixlint is running. The version alone would let a
/// rebuilt binary of the same version (a rule changed while developing it,
/// the test suite checking `fixtures/corpus` in place) reuse findings the
/// old code made; the executable's size and modification time tell builds
/// apart at the cost of one `stat`. Unknown (no executable to look at): the
/// version alone.
fn build() -> String {
    let version = env!("CARGO_PKG_VERSION");
    let stamp = std::env::current_exe().and_then(std::fs::metadata).and_then(|m| Ok((m.len(), m.modified()?)));
    match stamp {
        Ok((len, modified)) => {
            let since = modified.duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            format!("{version} {len} {}", since.as_nanos())
        }
        Err(_) => version.to_owned(),
    }
}

/// Opens the corpus and selects the files to report on; standard input's
/// text is loaded, to stand for the file it names.
///
/// # Errors
/// When the run cannot happen.
fn open(req: &CheckRequest) -> Result<(Project, Vec<String>, Option<Loaded>), AppError> {
    let stdin_path = req.stdin.as_ref().map(|s| vec![s.path.clone()]);
    let paths = stdin_path.as_deref().unwrap_or(&req.paths);
    let at = Locator { root: req.root.as_deref(), config: req.config.as_deref(), paths };
    let mut project = Project::locate(&req.cwd, at, req.today)?;
    project.set_filter(req.filter.clone())?;
    let Some(stdin) = &req.stdin else {
        project.require_cells()?;
        let selected = project.select_here(&req.cwd, &req.paths)?;
        return Ok((project, selected, None));
    };
    let name = matrixlint_workspace::name_within(&project.root, &req.cwd, &stdin.path)
        .ok_or_else(|| WorkspaceError::OutsideCorpus { path: stdin.path.clone(), root: project.root.clone() })?;
    let from_stdin = Loaded::from_bytes(&project.root.join(&name), &name, stdin.bytes.clone());
    Ok((project, vec![name], Some(from_stdin)))
}

/// Opens the corpus, loads every file once (standard input's text in place
/// of the file it names) and selects the files to report on.
///
/// # Errors
/// When the run cannot happen.
pub fn prepare(req: &CheckRequest) -> Result<(Project, Vec<Loaded>, Vec<String>), AppError> {
    let (project, selected, stdin) = open(req)?;
    let mut loaded = load_corpus(&project);
    if let Some(from_stdin) = stdin {
        match loaded.iter_mut().find(|l| l.file.name == from_stdin.file.name) {
            Some(slot) => *slot = from_stdin,
            None => loaded.push(from_stdin),
        }
    }
    Ok((project, loaded, selected))
}

/// Loads the whole corpus and checks the `selected` files.
///
/// # Errors
/// Only on an internal failure (the shipped schema).
pub fn check_files(project: &Project, selected: &[String]) -> Result<Vec<Diagnostic>, AppError> {
    check_loaded(project, &load_corpus(project), selected)
}

/// Checks the `selected` files of an already loaded corpus (`--fix` checks
/// its edits in memory, against the very texts the findings came from).
///
/// # Errors
/// None today: the engine cannot fail once built.
pub fn check_loaded(project: &Project, loaded: &[Loaded], selected: &[String]) -> Result<Vec<Diagnostic>, AppError> {
    Ok(lint_against(project, loaded, &index(loaded), selected))
}

/// Lints the `selected` files among `loaded` against the index `corpus`.
fn lint_against(project: &Project, loaded: &[Loaded], corpus: &Corpus, selected: &[String]) -> Vec<Diagnostic> {
    let wanted: std::collections::HashSet<&str> = selected.iter().map(String::as_str).collect();
    let mut diagnostics: Vec<Diagnostic> = loaded
        .par_iter()
        .filter(|l| wanted.contains(l.file.name.as_str()))
        .flat_map_iter(|l| project.linter.lint(l, corpus))
        .collect();
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    diagnostics
}
