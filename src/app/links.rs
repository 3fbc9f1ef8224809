//! The `links` pipeline: collect the corpus's URLs, consult the history,
//! fetch what is not reused (the only place a tokio runtime is started),
//! judge the results, record them and render.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use jiff::Timestamp;
use rayon::prelude::*;

use super::load::load_file;
use super::{AppError, Output, Project};
use crate::cli::LinksArgs;
use crate::links::audit::{self, Audit, Settings};
use crate::links::classify::Outcome;
use crate::links::client::{Checker, ClientError, Env};
use crate::links::history::{History, Prior};
use crate::links::resolve::NetCounts;
use crate::report::links::{LinksFormat, render};

/// Why `links` could not run (exit code 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LinksError {
    /// What every command can meet: no corpus, a bad configuration or path.
    #[error(transparent)]
    #[diagnostic(transparent)]
    App(#[from] AppError),
    /// Nothing answered: the machine has no network, so nothing was learnt about the links.
    #[error(
        "no network: {urls} link{} to check, but no host could be resolved or reached ({detail}); nothing was recorded in the link history",
        if *urls == 1 { "" } else { "s" }
    )]
    #[diagnostic(
        code(matrixlint::no_network),
        help("check the network connection (DNS, proxy, firewall) and run the audit again")
    )]
    NoNetwork {
        /// URLs that needed a request.
        urls: usize,
        /// What failed, counted, with an example.
        detail: String,
    },
}

/// What `links` was asked to do.
#[derive(Debug, Clone)]
pub struct LinksRequest {
    /// The working directory (paths are relative to it).
    pub cwd: PathBuf,
    /// `--root`.
    pub root: Option<PathBuf>,
    /// Files or directories whose links to audit (empty: all).
    pub paths: Vec<PathBuf>,
    /// `--no-cache`.
    pub no_cache: bool,
    /// `--allow-private`.
    pub allow_private: bool,
    /// `--history`: the database, instead of the configured one.
    pub history: Option<PathBuf>,
    /// Show a progress bar on standard error.
    pub progress: bool,
}

/// What the audit takes from its surroundings; tests replace all of it.
#[derive(Clone)]
pub struct LinksEnv {
    /// DNS and waiting.
    pub checker: Env,
    /// The time the audit runs at (for history and reuse).
    pub now: Timestamp,
    /// How long to wait for another process's lock on the history.
    pub history_busy: Duration,
}

impl Default for LinksEnv {
    fn default() -> Self {
        Self { checker: Env::default(), now: Timestamp::now(), history_busy: Duration::from_secs(5) }
    }
}

/// `matrixlint links` from parsed arguments.
///
/// # Errors
/// When the audit cannot happen (exit code 2).
pub fn run(args: &LinksArgs, terminal: bool) -> Result<Output, LinksError> {
    let cwd = std::env::current_dir().map_err(|e| AppError::Internal(format!("no working directory: {e}")))?;
    let request = LinksRequest {
        cwd: cwd.clone(),
        root: args.corpus.root.clone(),
        paths: args.paths.clone(),
        no_cache: args.no_cache,
        allow_private: args.allow_private,
        history: args.history.clone(),
        progress: terminal && args.format == LinksFormat::Human,
    };
    let (audit, root) = links(&request, LinksEnv::default())?;
    // CI tools resolve paths against the repository (the working directory), not the corpus root.
    let base = cwd.canonicalize().ok().and_then(|cwd| super::discover::relative(&cwd, &root)).unwrap_or_default();
    let stdout = render(&audit, args.format, &base, terminal);
    Ok(Output { stdout, code: u8::from(audit.fails()), stderr: String::new() })
}

/// Runs the audit; returns it with the corpus root.
///
/// # Errors
/// No usable corpus or configuration, a bad path, a client that cannot be built.
pub fn links(req: &LinksRequest, env: LinksEnv) -> Result<(Audit, PathBuf), LinksError> {
    let today = env.now.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    let project = Project::open_for(&req.cwd, req.root.as_deref(), &req.paths, today)?;
    let selected = project.select(&req.cwd, &req.paths)?;
    let loaded: Vec<_> = selected.par_iter().map(|rel| load_file(&project.root, rel)).collect();
    let targets = crate::links::collect(loaded.iter().filter_map(|l| Some((&l.file, l.root.as_ref()?))));
    let config = &project.config.links;
    let settings = Settings::new(config, req.no_cache);
    let mut warnings = Vec::new();

    let history_path = req.history.as_ref().map_or_else(|| project.root.join(&config.history), |p| req.cwd.join(p));
    let mut history = match History::open(&history_path, env.history_busy) {
        Ok(h) => Some(h),
        Err(e) => {
            warnings.push(format!("link history unavailable: {e}; this audit runs without it"));
            None
        }
    };
    let urls = targets.iter().map(|t| t.url.as_str());
    let prior: HashMap<String, Prior> = match history.as_ref().map(|h| h.prior(urls, settings.failure_interval)) {
        Some(Ok(prior)) => prior,
        Some(Err(e)) => {
            warnings.push(format!("link history unavailable: {e}; this audit runs without it"));
            history = None;
            HashMap::new()
        }
        None => HashMap::new(),
    };
    let reused = audit::reusable(&targets, &prior, env.now, &settings);
    let to_check: Vec<String> =
        targets.iter().filter(|t| !reused.contains_key(&t.url)).map(|t| t.url.clone()).collect();

    let (checker, header_warnings) = Checker::new(config, req.allow_private, env.checker).map_err(|e| match e {
        ClientError::HeaderName { .. } => AppError::ConfigRead(e.to_string()),
        ClientError::Build(_) => AppError::Internal(e.to_string()),
    })?;
    warnings.extend(header_warnings);
    let wanted = to_check.len();
    let (mut checked, net) = fetch(checker, to_check, req.progress)?;
    if net.no_network() {
        return Err(no_network(wanted, &net, &checked));
    }
    if !net.resolver_works() {
        audit::unresolved_is_not_broken(checked.values_mut());
    }

    let results = audit::assemble(targets, checked, reused, &prior, env.now, &settings);
    if let Some(h) = history.as_mut()
        && let Err(e) = h.record(env.now, &audit::records(&results))
    {
        warnings.push(format!("this audit was not recorded in the link history: {e}"));
    }
    let audit = Audit {
        results,
        warnings,
        now: env.now,
        history: history.is_some(),
        files: selected.len(),
        failures_before_dead: settings.failures_before_dead,
    };
    Ok((audit, project.root))
}

/// The error for an audit in which nothing answered.
fn no_network(urls: usize, net: &NetCounts, checked: &HashMap<String, Outcome>) -> LinksError {
    let mut parts = Vec::new();
    if net.names_failed > 0 {
        parts.push(format!(
            "{} host name{} did not resolve",
            net.names_failed,
            if net.names_failed == 1 { "" } else { "s" }
        ));
    }
    if net.connections > 0 {
        parts.push(format!("{} connection{} failed", net.connections, if net.connections == 1 { "" } else { "s" }));
    }
    let example = checked.values().map(|o| o.detail.as_str()).filter(|d| !d.is_empty()).min();
    let mut detail = parts.join(", ");
    if let Some(example) = example {
        detail.push_str(&format!("; for example: {example}"));
    }
    LinksError::NoNetwork { urls, detail }
}

/// Fetches `urls` on a multi-threaded runtime, with a progress bar if asked;
/// returns the outcomes and what the network did.
fn fetch(
    checker: Checker,
    urls: Vec<String>,
    progress: bool,
) -> Result<(HashMap<String, Outcome>, NetCounts), AppError> {
    if urls.is_empty() {
        return Ok((HashMap::new(), NetCounts::default()));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| AppError::Internal(format!("cannot start the async runtime: {e}")))?;
    let bar = if progress {
        let bar = indicatif::ProgressBar::new(urls.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} links {elapsed} {wide_msg}") {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let checker = std::sync::Arc::new(checker);
    let checked = runtime.block_on(checker.check_all(urls, |url, _| {
        bar.set_message(url.to_owned());
        bar.inc(1);
    }));
    bar.finish_and_clear();
    Ok((checked.into_iter().collect(), checker.net()))
}
