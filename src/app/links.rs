//! The `links` pipeline: collect the corpus's URLs, consult the history,
//! fetch what is not reused (the only place a tokio runtime is started),
//! judge the results, record them and render. `--dump` and `--offline` stop
//! before the first request.

mod command;
mod evidence;
mod prepare;
mod record;

pub use command::{LinksOptions, run};

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;

use super::AppError;
use crate::config::links::Action;
use crate::diagnostic::{Diagnostic, Severity};
use crate::links::NetCounts;
use crate::links::audit::{self, Audit, LinkResult, Snapshot, State};
use crate::links::classify::Outcome;
use crate::links::client::{Checker, Env};
use crate::links::plan::{Dump, Plan, PlanItem, Planned};
use crate::links::soft404;
use crate::report::links::evidence::EvidenceSection;
use crate::report::links::severity;
use crate::rules::dead_link;
use prepare::{HistoryUse, Prepared, prepare, prepare_checking};

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
    /// The HTML report could not be written.
    #[error("the HTML report was not written")]
    #[diagnostic(code(matrixlint::write))]
    Write {
        /// Why.
        #[from]
        source: crate::files::WriteError,
    },
}

/// What `links` was asked to do.
#[derive(Debug, Clone)]
pub struct LinksRequest {
    /// The working directory (paths are relative to it).
    pub cwd: PathBuf,
    /// `--root`.
    pub root: Option<PathBuf>,
    /// `--config`.
    pub config: Option<PathBuf>,
    /// Files or directories whose links to audit (empty: all).
    pub paths: Vec<PathBuf>,
    /// `--no-cache`.
    pub no_cache: bool,
    /// `--allow-private`.
    pub allow_private: bool,
    /// `--history`: the database, instead of the configured one.
    pub history: Option<PathBuf>,
    /// `--suggest`: look up archived copies (also `links.suggest`).
    pub suggest: bool,
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
    /// Told of each URL as it is checked (the binary draws a progress bar).
    pub progress: Arc<dyn Progress>,
}

impl Default for LinksEnv {
    fn default() -> Self {
        Self {
            checker: Env::default(),
            now: Timestamp::now(),
            history_busy: Duration::from_secs(5),
            progress: Arc::new(NoProgress),
        }
    }
}

/// What an audit says as it goes. The library draws nothing: the binary
/// implements this with a progress bar.
pub trait Progress: Send + Sync {
    /// The audit will check `total` URLs.
    fn start(&self, total: u64);
    /// `url` was checked.
    fn checked(&self, url: &str);
    /// The audit is done checking.
    fn finish(&self);
}

/// Progress nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _: u64) {}
    fn checked(&self, _: &str) {}
    fn finish(&self) {}
}

/// Every URL of the selected files, with its places (`--dump`), and the
/// corpus root; the history is not opened.
///
/// # Errors
/// No usable corpus or configuration, a bad path.
pub fn dump(req: &LinksRequest, env: &LinksEnv) -> Result<(Dump, PathBuf), LinksError> {
    let p = prepare(req, env, HistoryUse::None)?;
    Ok((Dump { targets: p.targets, files: p.files, problems: p.problems }, p.root))
}

/// What an audit would do, without a request (`--offline`); the history is
/// read, never written.
///
/// # Errors
/// No usable corpus or configuration, a bad path, a client that cannot be built.
pub fn plan(req: &LinksRequest, env: &LinksEnv) -> Result<(Plan, PathBuf), LinksError> {
    let (p, (checker, _)) = prepare_checking(req, env, HistoryUse::Read)?;
    let reused = audit::reusable(&p.targets, &p.prior, env.now, &p.settings);
    let mut items = Vec::with_capacity(p.targets.len());
    for target in p.targets {
        let planned = if let Some((at, _)) = reused.get(&target.url) {
            Planned::Reuse { checked_at: *at }
        } else {
            checker.plan(&target.url)
        };
        items.push(PlanItem { target, planned });
    }
    let fetched = items.iter().filter(|i| matches!(i.planned, Planned::Fetch { .. })).map(|i| i.target.url.as_str());
    let probes = soft404::patterns(fetched, &p.config).len();
    Ok((Plan { items, files: p.files, probes, warnings: p.warnings, problems: p.problems }, p.root))
}

/// Runs the audit; returns it, with the trend of recent audits the HTML
/// report shows, and the corpus root.
///
/// # Errors
/// No usable corpus or configuration, a bad path, a client that cannot be
/// built, or no network at all.
pub fn links(req: &LinksRequest, env: LinksEnv) -> Result<(Audit, PathBuf), LinksError> {
    links_with(req, env, true, |_, _, _| ()).map(|(audit, root, ())| (audit, root))
}

/// [`links`], shown by `show` (given the audit, the corpus root and, with
/// `html`, the "Evidence" section when the history holds the evidence
/// audit's answers, read and never asked for) while the audit is recorded;
/// with `html` the audit also carries the trend of recent audits, this one
/// included.
///
/// # Errors
/// As [`links`].
pub fn links_with<R>(
    req: &LinksRequest,
    env: LinksEnv,
    html: bool,
    show: impl Fn(&Audit, &Path, Option<&EvidenceSection>) -> R,
) -> Result<(Audit, PathBuf, R), LinksError> {
    let (mut p, (checker, header_warnings)) = prepare_checking(req, &env, HistoryUse::Write)?;
    let reused = audit::reusable(&p.targets, &p.prior, env.now, &p.settings);
    let to_check: Vec<String> =
        p.targets.iter().filter(|t| !reused.contains_key(&t.url)).map(|t| t.url.clone()).collect();
    p.warnings.extend(header_warnings);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|source| AppError::Io { what: "start the async runtime", source })?;
    let checker = Arc::new(checker);
    let wanted = to_check.len();
    let mut checked = fetch(&runtime, &checker, to_check, env.progress.as_ref());
    let net = checker.net();
    if net.no_network() {
        return Err(no_network(wanted, &net, &checked));
    }
    if !net.resolver_works() {
        audit::unresolved_is_not_broken(checked.values_mut());
    }
    let targets = std::mem::take(&mut p.targets);
    let mut results = audit::assemble(targets, checked, reused, &p.prior, env.now, &p.settings);
    if req.suggest || p.config.suggest {
        suggest(&runtime, &checker, &mut p, &mut results, env.now);
    }
    judge(&mut results, &p);
    let section = if html { evidence::section(&p, env.now) } else { None };
    let mut audit = Audit {
        results,
        warnings: std::mem::take(&mut p.warnings),
        now: env.now,
        history: p.history.is_some(),
        files: p.files,
        failures_before_dead: p.settings.failures_before_dead,
        trend: Vec::new(),
        history_error: p.history_error.take().map(|e| e.to_string()),
        problems: std::mem::take(&mut p.problems),
    };
    let shown = record::record_and_show(p.history.as_mut(), &mut audit, html, section.as_ref(), &p.root, show);
    // Nothing is asked any more. Closing the idle connections (a few
    // milliseconds for a few hundred, on both ends) waits until the report
    // is rendered, so as not to compete with it; then it, the runtime and
    // the corpus are freed off the way to the output (see `dispose`).
    let root = std::mem::take(&mut p.root);
    super::dispose::drop_later((p, checker, runtime));
    Ok((audit, root, shown))
}

/// The one pass every finding goes through: each place of a reported link
/// becomes a `dead-link` finding with the severity its policy gives, then
/// the configured levels (`rules`, `overrides`) and the inline suppressions
/// apply exactly as in `check`. Places whose finding is gone are dropped; a
/// result takes the highest severity left (none left: it is not reported).
/// The history keeps what the audit saw.
fn judge(results: &mut [LinkResult], p: &Prepared) {
    let mut by_file: HashMap<&str, Vec<Diagnostic>> = HashMap::new();
    for r in results.iter().filter(|r| r.action != Action::Ignore) {
        for place in &r.target.places {
            let mut d = Diagnostic::new(&dead_link::INFO, &place.file, place.span, r.target.url.clone());
            d.severity = severity(r.action);
            by_file.entry(place.file.name.as_str()).or_default().push(d);
        }
    }
    let mut kept: HashMap<(String, usize, usize), Severity> = HashMap::new();
    for loaded in &p.loaded {
        let Some(mut findings) = by_file.remove(loaded.file.name.as_str()) else { continue };
        p.linter.finish(loaded, &mut findings);
        kept.extend(
            findings.into_iter().map(|d| ((d.file.name.clone(), d.primary.span.start, d.primary.span.end), d.severity)),
        );
    }
    for r in results.iter_mut().filter(|r| r.action != Action::Ignore) {
        let key = |place: &crate::links::Place| (place.file.name.clone(), place.span.start, place.span.end);
        r.target.places.retain(|place| kept.contains_key(&key(place)));
        r.action =
            r.target.places.iter().filter_map(|place| kept.get(&key(place))).max().map_or(
                Action::Ignore,
                |s| match s {
                    Severity::Error => Action::Fail,
                    Severity::Warning => Action::Warn,
                    Severity::Info => Action::Ignore,
                },
            );
    }
}

/// Archived copies for the dead and newly broken links: the snapshot
/// closest to when each last worked (or was first seen), from the history's
/// cache or the archive.
fn suggest(
    runtime: &tokio::runtime::Runtime,
    checker: &Arc<Checker>,
    p: &mut Prepared,
    results: &mut [LinkResult],
    now: Timestamp,
) {
    let wanted: Vec<(usize, String, Timestamp)> = results
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r.state, State::Dead { .. } | State::NewlyBroken { .. }))
        .map(|(i, r)| {
            let prior = p.prior.get(&r.target.url);
            let worked = prior.and_then(|p| p.last_success.as_ref().map(|(at, _)| *at));
            let asked = worked.or(prior.and_then(|p| p.first_seen)).unwrap_or(now);
            (i, r.target.url.clone(), asked)
        })
        .collect();
    let pairs: Vec<(String, Timestamp)> = wanted.iter().map(|(_, u, a)| (u.clone(), *a)).collect();
    let mut cached = p.history.as_ref().map(|h| h.archived(&pairs, now)).transpose().unwrap_or_else(|e| {
        p.warnings.push(format!("cached archive answers unavailable: {e}"));
        None
    });
    let cache = cached.get_or_insert_with(HashMap::new);
    let missing: Vec<(String, Timestamp)> = pairs.iter().filter(|k| !cache.contains_key(*k)).cloned().collect();
    let api = p.config.archive_api.clone();
    let fetched = runtime.block_on(checker.archived_all(&api, missing));
    let mut fresh = Vec::new();
    for (key, answer) in fetched {
        match answer {
            Ok(snapshot) => {
                fresh.push((key.clone(), snapshot.clone()));
                cache.insert(key, snapshot);
            }
            Err(e) => p.warnings.push(format!("no archive answer for {}: {e}", key.0)),
        }
    }
    if let Some(h) = p.history.as_mut()
        && let Err(e) = h.store_archived(&fresh, now)
    {
        p.warnings.push(format!("archive answers were not cached in the link history: {e}"));
    }
    for (i, url, asked) in wanted {
        // Cached answers pass the same check as fresh ones (an older version kept any address).
        let usable = |s: &Snapshot| crate::links::usable_snapshot(&s.url, &checker.guard).is_ok();
        results[i].archived = cache.get(&(url, asked)).cloned().flatten().filter(usable);
    }
}

/// The error for an audit in which nothing answered.
fn no_network(urls: usize, net: &NetCounts, checked: &HashMap<String, Outcome>) -> LinksError {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let mut parts = Vec::new();
    if net.names_failed > 0 {
        parts.push(format!("{} host name{} did not resolve", net.names_failed, plural(net.names_failed)));
    }
    if net.connections > 0 {
        parts.push(format!("{} connection{} failed", net.connections, plural(net.connections)));
    }
    let example = checked.values().map(|o| o.detail.as_str()).filter(|d| !d.is_empty()).min();
    let mut detail = parts.join(", ");
    if let Some(example) = example {
        detail.push_str("; for example: ");
        detail.push_str(example);
    }
    LinksError::NoNetwork { urls, detail }
}

/// Fetches `urls`, telling `progress` of each.
fn fetch(
    runtime: &tokio::runtime::Runtime,
    checker: &Arc<Checker>,
    urls: Vec<String>,
    progress: &dyn Progress,
) -> HashMap<String, Outcome> {
    if urls.is_empty() {
        return HashMap::new();
    }
    progress.start(urls.len() as u64);
    let checked = runtime.block_on(checker.check_all(urls, |url, _| progress.checked(url)));
    progress.finish();
    checked.into_iter().collect()
}
