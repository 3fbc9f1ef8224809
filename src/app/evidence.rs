//! The `evidence` pipeline: collect every entry's identifiers, ask the
//! registries through the link checker (a tokio runtime is started here),
//! cache the answers in the link history, and make registry findings that
//! go through the engine's levels and suppressions. `--dump` stops before
//! the first request; `check` with `evidence.in-check` reads the cache only.

mod command;
mod fixes;

pub use command::{EvidenceOptions, run};

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use super::links::LinksEnv;
use super::{AppError, Project};
use crate::config::Config;
use crate::config::links::{LinksConfig, Method};
use crate::diagnostic::Diagnostic;
use crate::evidence::audit::{self, EvidenceAudit, Settings};
use crate::evidence::cache::Cache;
use crate::evidence::service::Services;
use crate::evidence::{EvidenceEntry, collect, findings};
use crate::links::client::{Checker, ClientError};
use crate::links::history::History;
use crate::lint::Loaded;

/// Why `evidence` could not run (exit code 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum EvidenceError {
    /// What every command can meet: no corpus, a bad configuration or path.
    #[error(transparent)]
    #[diagnostic(transparent)]
    App(#[from] AppError),
    /// Nothing answered: no conclusions, nothing recorded.
    #[error(
        "no network: {entries} entr{} to check, and no service could be reached (for example: {detail}); nothing was recorded",
        if *entries == 1 { "y" } else { "ies" }
    )]
    #[diagnostic(
        code(matrixlint::no_network),
        help("check the network connection (DNS, proxy, firewall) and run the audit again")
    )]
    NoNetwork {
        /// Entries that needed an answer.
        entries: usize,
        /// What failed.
        detail: String,
    },
    /// A report or a fixed file could not be written.
    #[error("{what} was not written")]
    #[diagnostic(code(matrixlint::write))]
    Write {
        /// What.
        what: String,
        /// Why.
        #[source]
        source: crate::files::WriteError,
    },
}

/// What `evidence` was asked to do.
#[derive(Debug, Clone)]
pub struct EvidenceRequest {
    /// The working directory.
    pub cwd: PathBuf,
    /// `--root`.
    pub root: Option<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// Files or directories (empty: all).
    pub paths: Vec<PathBuf>,
    /// `--refresh`: ask again even what is cached.
    pub refresh: bool,
    /// `--allow-private`.
    pub allow_private: bool,
    /// `--history`: the database instead of the configured one.
    pub history: Option<PathBuf>,
    /// `--fix`: apply the fixes of `superseded` findings.
    pub fix: bool,
}

/// An audit with its findings.
#[derive(Debug)]
pub struct EvidenceReport {
    /// What was learnt.
    pub audit: EvidenceAudit,
    /// The findings left after levels and suppressions.
    pub diagnostics: Vec<Diagnostic>,
    /// Files audited.
    pub files: usize,
    /// The corpus root.
    pub root: PathBuf,
    /// What `--fix` changed, in words.
    pub fixed: Vec<String>,
}

struct Opened {
    project: Project,
    loaded: Vec<Loaded>,
    files: usize,
}

fn open(req: &EvidenceRequest, env: &LinksEnv) -> Result<Opened, AppError> {
    let today = env.now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let at = super::Locator { root: req.root.as_deref(), config: req.config.as_deref(), paths: &req.paths };
    let project = Project::locate(&req.cwd, at, today)?;
    project.require_cells()?;
    let selected = project.select(&req.cwd, &req.paths)?;
    let loaded: Vec<Loaded> = selected.par_iter().map(|name| project.load(name)).collect();
    Ok(Opened { project, loaded, files: selected.len() })
}

pub(crate) fn entries(loaded: &[Loaded]) -> Vec<EvidenceEntry> {
    collect(loaded.iter().filter_map(|l| Some((&l.file, l.root.as_ref()?))))
}

/// Every entry of the selected files with its identifiers (`--dump`).
///
/// # Errors
/// No usable corpus or configuration, a bad path.
pub fn dump(req: &EvidenceRequest, env: &LinksEnv) -> Result<(Vec<EvidenceEntry>, usize, PathBuf), EvidenceError> {
    let o = open(req, env)?;
    Ok((entries(&o.loaded), o.files, o.project.root))
}

/// The settings the audit takes from the configuration.
#[must_use]
pub fn settings(config: &Config) -> Settings {
    let e = &config.evidence;
    Settings {
        email: e.email.clone(),
        crossref: e.crossref.clone(),
        pmc_idconv: e.pmc_idconv.clone(),
        pubmed: e.pubmed.clone(),
        unpaywall: e.unpaywall.clone(),
        resolver: config.links.doi_resolver.clone(),
    }
}

/// The link checker's configuration with the services' hosts left to the
/// services' own gates (no per-host interval on top; always GET).
fn checker_config(config: &Config) -> LinksConfig {
    let mut links = config.links.clone();
    let s = settings(config);
    for base in [&s.crossref, &s.pmc_idconv, &s.pubmed, &s.unpaywall, &s.resolver] {
        if let Some(host) = reqwest::Url::parse(base).ok().and_then(|u| u.host_str().map(str::to_ascii_lowercase)) {
            let entry = links.hosts.entry(host).or_default();
            entry.concurrency = Some(8);
            entry.interval_ms = Some(0);
            entry.method = Some(Method::Get);
        }
    }
    links
}

/// The history database's path.
fn history_path(req: &EvidenceRequest, project: &Project) -> PathBuf {
    req.history.as_ref().map_or_else(|| project.root.join(&project.config.links.history), |p| req.cwd.join(p))
}

/// Runs the audit.
///
/// # Errors
/// No usable corpus or configuration, a bad path, no network at all, a fix not written.
pub fn evidence(req: &EvidenceRequest, env: LinksEnv) -> Result<EvidenceReport, EvidenceError> {
    let o = open(req, &env)?;
    let config = &o.project.config;
    let mut warnings = Vec::new();
    let path = history_path(req, &o.project);
    let cache = open_cache(&path, &env, config.evidence.cache_days, req.refresh, &mut warnings);
    let (checker, header_warnings) = Checker::new(&checker_config(config), req.allow_private, env.checker.clone())
        .map_err(|e| match e {
            ClientError::HeaderName { .. } | ClientError::Build(_) => AppError::Internal(e.to_string()),
        })?;
    warnings.extend(header_warnings);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| AppError::Io { what: "start the async runtime", source })?;
    let services =
        Arc::new(Services::new(Arc::new(checker), Arc::clone(&env.checker.sleeper), config.evidence.ncbi_per_second));
    let s = settings(config);
    let (mut audit, fetched) = audit::run(entries(&o.loaded), Some((&runtime, &services)), cache.as_ref(), &s, env.now);
    if services.checker().net().no_network() {
        let unknown: Vec<&String> = audit.entries.iter().flat_map(|c| c.status.unknown.iter()).collect();
        let detail = unknown.iter().min().map_or_else(String::new, |d| (*d).clone());
        return Err(EvidenceError::NoNetwork {
            entries: audit.entries.iter().filter(|c| !c.status.unknown.is_empty()).count(),
            detail,
        });
    }
    if let Some(mut cache) = cache
        && let Err(e) = fetched.store(&mut cache, env.now)
    {
        warnings.push(format!("the answers were not cached: {e}"));
    }
    warnings.append(&mut audit.warnings);
    audit.warnings = warnings;
    let diagnostics = judge(&audit, &o);
    let fixed = if req.fix { fixes::apply(&diagnostics)? } else { Vec::new() };
    Ok(EvidenceReport { audit, diagnostics, files: o.files, root: o.project.root, fixed })
}

fn open_cache(path: &Path, env: &LinksEnv, days: u64, refresh: bool, warnings: &mut Vec<String>) -> Option<Cache> {
    // The link history's own checks first: the file must be matrixlint's.
    let opened = History::open(path, env.history_busy)
        .map_err(|e| e.to_string())
        .and_then(|_| Cache::open(path, env.history_busy, days, refresh).map_err(|e| e.to_string()));
    opened
        .map_err(|e| warnings.push(format!("evidence cache unavailable: {e}; every answer is asked for and none kept")))
        .ok()
}

/// The findings of every audited entry, through the engine's levels and suppressions.
fn judge(audit: &EvidenceAudit, o: &Opened) -> Vec<Diagnostic> {
    findings::judged(audit, o.loaded.iter(), &o.project.linter)
}

/// The findings of the last audits' cached answers, without a request
/// (`check` with `evidence.in-check`). Nothing when there is no cache yet.
pub(crate) fn cached_findings(project: &Project, loaded: &[Loaded], now: jiff::Timestamp) -> Vec<Diagnostic> {
    let history = project.root.join(&project.config.links.history);
    findings::cached(&project.linter, &history, project.config.evidence.cache_days, loaded, now)
}
