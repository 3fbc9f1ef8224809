//! What every `links` run does first: open the corpus, collect its URLs and
//! the files that could not be read or parsed, open the history (for
//! writing only when the audit will record in it) and read what it says
//! about the URLs; and, when the run will check or plan URLs, build the
//! checker meanwhile (its TLS roots are read from the system's store).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;

use super::super::{AppError, Project};
use super::{LinksEnv, LinksRequest};
use crate::config::links::LinksConfig;
use crate::diagnostic::Diagnostic;
use crate::links::Target;
use crate::links::audit::Settings;
use crate::links::client::{Checker, ClientError, Env};
use crate::links::history::{History, HistoryError, Prior};
use crate::lint::{Linter, Loaded};

/// A corpus with its URLs and their history.
pub(super) struct Prepared {
    pub root: PathBuf,
    pub config: LinksConfig,
    pub targets: Vec<Target>,
    pub files: usize,
    pub settings: Settings,
    /// The history database (also the evidence audit's cache).
    pub history_path: PathBuf,
    pub history: Option<History>,
    pub prior: HashMap<String, Prior>,
    /// Why the history could not be used, when it could not.
    pub history_error: Option<HistoryError>,
    pub warnings: Vec<String>,
    /// The `read-error` and `yaml-syntax` findings of the files that could
    /// not be read or parsed, after the configured levels and suppressions.
    pub problems: Vec<Diagnostic>,
    /// The audited files, for the levels and suppressions of `dead-link`.
    pub loaded: Vec<Loaded>,
    pub linter: Linter,
}

/// How a run uses the history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum HistoryUse {
    /// Not at all (`--dump`).
    None,
    /// Reads it, writing nothing: not even a new or upgraded file (`--offline`).
    Read,
    /// Reads it and will record the audit (creating or upgrading it).
    Write,
}

/// A checker for the audit, with the warnings its configuration gave.
pub(super) type Built = (Checker, Vec<String>);

/// Opens the corpus and collects its URLs; uses the history as `history` says.
pub(super) fn prepare(req: &LinksRequest, env: &LinksEnv, history: HistoryUse) -> Result<Prepared, AppError> {
    prepare_with(req, env, history, None).map(|(prepared, _)| prepared)
}

/// [`prepare`], building the checker on a thread of its own meanwhile.
pub(super) fn prepare_checking(
    req: &LinksRequest,
    env: &LinksEnv,
    history: HistoryUse,
) -> Result<(Prepared, Built), AppError> {
    let (prepared, built) = prepare_with(req, env, history, Some(env.checker.clone()))?;
    let built = built.ok_or_else(|| AppError::Internal("the checker was not built".to_owned()))?;
    Ok((prepared, built))
}

fn prepare_with(
    req: &LinksRequest,
    env: &LinksEnv,
    history: HistoryUse,
    client: Option<Env>,
) -> Result<(Prepared, Option<Built>), AppError> {
    let today = env.now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let at = super::super::Locator { root: req.root.as_deref(), config: req.config.as_deref(), paths: &req.paths };
    let project = Project::locate(&req.cwd, at, today)?;
    project.require_cells()?;
    let selected = project.select(&req.cwd, &req.paths)?;
    let config = project.config.links.clone();
    let history_path = req.history.as_ref().map_or_else(|| project.root.join(&config.history), |p| req.cwd.join(p));
    // The checker (TLS roots from the system's store) and the history (a
    // file opened, checked and perhaps created, with fsyncs) are got ready
    // on threads of their own while the corpus loads.
    std::thread::scope(|scope| {
        let building = client.map(|client| scope.spawn(|| checker(&config, req.allow_private, client)));
        let opening = scope.spawn(|| open_history(&history_path, history, env.history_busy));
        let opened = || opening.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let prepared = gather(project, &selected, req, history_path.clone(), opened);
        let built = building.map(|b| b.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).transpose();
        Ok((prepared?, built?))
    })
}

/// A checker for `config`.
fn checker(config: &LinksConfig, allow_private: bool, env: Env) -> Result<Built, AppError> {
    Checker::new(config, allow_private, env).map_err(|e| match e {
        // Header names are checked when the configuration loads, at their place;
        // one that gets here is a bug, as is a client that cannot be built.
        ClientError::HeaderName { .. } | ClientError::Build(_) => AppError::Internal(e.to_string()),
    })
}

/// The history as `history` says to use it; `None` when there is none to
/// use (not asked for, or not yet written when only reading).
fn open_history(path: &Path, history: HistoryUse, busy: Duration) -> Option<Result<History, HistoryError>> {
    match history {
        HistoryUse::None => None,
        HistoryUse::Read => match History::open_read_only(path) {
            // No history yet: what a first audit would do.
            Err(HistoryError::Missing { .. }) => None,
            opened => Some(opened),
        },
        HistoryUse::Write => Some(History::open(path, busy)),
    }
}

/// Loads the selected files, collects their URLs and reads what the
/// history (`opened`, once the URLs are known) says about them.
fn gather(
    project: Project,
    selected: &[String],
    req: &LinksRequest,
    history_path: PathBuf,
    opened: impl FnOnce() -> Option<Result<History, HistoryError>>,
) -> Result<Prepared, AppError> {
    // Each file's URLs are found as it loads, on the same thread.
    let (loaded, per_file): (Vec<Loaded>, Vec<_>) = selected
        .par_iter()
        .map(|name| {
            let loaded = project.load(name);
            let urls = loaded.root.as_ref().map(|root| crate::links::urls_in(&loaded.file, root)).unwrap_or_default();
            (loaded, urls)
        })
        .unzip();
    let targets = crate::links::targets(per_file);
    let mut problems = Vec::new();
    for l in loaded.iter().filter(|l| !l.problems.is_empty()) {
        let mut found = l.problems.clone();
        project.linter.finish(l, &mut found);
        problems.extend(found);
    }
    problems.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let config = project.config.links.clone();
    let settings = Settings::new(&config, req.no_cache);
    let mut prepared = Prepared {
        root: project.root,
        config,
        targets,
        files: selected.len(),
        settings,
        history_path,
        history: None,
        prior: HashMap::new(),
        history_error: None,
        warnings: Vec::new(),
        problems,
        loaded,
        linter: project.linter,
    };
    let Some(opened) = opened() else { return Ok(prepared) };
    let read = opened.and_then(|h| {
        let urls = prepared.targets.iter().map(|t| t.url.as_str());
        Ok((h.prior(urls, prepared.settings.failure_interval)?, h))
    });
    match read {
        Ok((prior, h)) => {
            prepared.prior = prior;
            prepared.history = Some(h);
        }
        Err(e) => {
            prepared.warnings.push(format!(
                "link history unavailable: {e}. Without it every link is checked as if for the first time, so none can be reported dead"
            ));
            prepared.history_error = Some(e);
        }
    }
    Ok(prepared)
}
