//! What every `links` run does first: open the corpus, collect its URLs,
//! open the history and read what it says about them.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::super::{AppError, Project};
use super::{LinksEnv, LinksRequest};
use crate::config::links::LinksConfig;
use crate::links::Target;
use crate::links::audit::Settings;
use crate::links::history::{History, Prior};
use crate::lint::{Linter, Loaded};

/// A corpus with its URLs and their history.
pub(super) struct Prepared {
    pub root: PathBuf,
    pub config: LinksConfig,
    pub targets: Vec<Target>,
    pub files: usize,
    pub settings: Settings,
    pub history: Option<History>,
    pub prior: HashMap<String, Prior>,
    pub warnings: Vec<String>,
    /// The audited files, for the levels and suppressions of `dead-link`.
    pub loaded: Vec<Loaded>,
    pub linter: Linter,
}

/// Opens the corpus and collects its URLs; reads the history unless `with_history` is false.
pub(super) fn prepare(req: &LinksRequest, env: &LinksEnv, with_history: bool) -> Result<Prepared, AppError> {
    let today = env.now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let at = super::super::Locator { root: req.root.as_deref(), config: req.config.as_deref(), paths: &req.paths };
    let project = Project::locate(&req.cwd, at, today)?;
    project.require_cells()?;
    let selected = project.select(&req.cwd, &req.paths)?;
    let loaded: Vec<_> = selected.par_iter().map(|name| project.load(name)).collect();
    let targets = crate::links::collect(loaded.iter().filter_map(|l| Some((&l.file, l.root.as_ref()?))));
    let config = project.config.links.clone();
    let settings = Settings::new(&config, req.no_cache);
    let mut prepared = Prepared {
        root: project.root,
        config,
        targets,
        files: selected.len(),
        settings,
        history: None,
        prior: HashMap::new(),
        warnings: Vec::new(),
        loaded,
        linter: project.linter,
    };
    if !with_history {
        return Ok(prepared);
    }
    let history_path =
        req.history.as_ref().map_or_else(|| prepared.root.join(&prepared.config.history), |p| req.cwd.join(p));
    let unavailable = |e: &dyn std::fmt::Display| format!("link history unavailable: {e}; this audit runs without it");
    match History::open(&history_path, env.history_busy) {
        Ok(h) => {
            let urls = prepared.targets.iter().map(|t| t.url.as_str());
            match h.prior(urls, prepared.settings.failure_interval) {
                Ok(prior) => {
                    prepared.prior = prior;
                    prepared.history = Some(h);
                }
                Err(e) => prepared.warnings.push(unavailable(&e)),
            }
        }
        Err(e) => prepared.warnings.push(unavailable(&e)),
    }
    Ok(prepared)
}
