//! Checking URLs: redirects followed by hand so that each hop passes the
//! guard and each status is seen; one name lookup per host per audit.
//!
//! Bodies are not downloaded: a response is dropped after its headers,
//! except that an answer which may be a bot wall has its first bytes read.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{HeaderName, HeaderValue, LOCATION};
use reqwest::{Method, Url};

pub use super::batch::Probe;
use super::classify::{Class, Outcome, Reason, Redirect, classify_status, status_text};
use super::guard::{Guard, GuardedResolver, Lookup, SystemLookup};
use super::politeness::Politeness;
use super::resolve::{CachingLookup, NetCounts, NetStats, Shared};
use super::retry::{RetryPolicy, Sleeper, TokioSleeper};
use super::transport::{Answer, Ask, Jar};
use super::{doi, soft404};
use crate::config::links::{LinksConfig, Method as HostMethod};

/// What the checker may not decide for itself: name resolution and waiting.
#[derive(Clone)]
pub struct Env {
    /// DNS.
    pub lookup: Arc<dyn Lookup>,
    /// Backoff, `Retry-After` and per-host intervals wait through this.
    pub sleeper: Arc<dyn Sleeper>,
}

impl Default for Env {
    fn default() -> Self {
        Self { lookup: Arc::new(SystemLookup), sleeper: Arc::new(TokioSleeper) }
    }
}

/// The checker could not be built.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// reqwest refused the configuration (for example no TLS roots).
    #[error("cannot build the HTTP client: {0}")]
    Build(#[source] reqwest::Error),
    /// A configured header name is not a valid HTTP header name.
    #[error("links.headers.{host}: `{name}` is not a valid header name")]
    HeaderName {
        /// The host it is configured for.
        host: String,
        /// The name.
        name: String,
    },
}

/// What differs for one host.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct HostSettings {
    /// Always GET.
    pub get: bool,
}

/// Checks URLs; shared by every task of an audit.
pub struct Checker {
    pub(crate) client: reqwest::Client,
    /// What addresses may be fetched (an archive's snapshot is checked against it too).
    pub guard: Guard,
    pub(crate) lookup: Arc<CachingLookup>,
    pub(crate) stats: Arc<NetStats>,
    pub(crate) politeness: Politeness,
    pub(crate) retry: RetryPolicy,
    pub(crate) sleeper: Arc<dyn Sleeper>,
    pub(crate) timeout: Duration,
    pub(crate) headers: HashMap<String, Vec<(HeaderName, HeaderValue)>>,
    pub(crate) config: LinksConfig,
    max_redirects: usize,
    excludes: Vec<regex::Regex>,
    hosts: HashMap<String, HostSettings>,
}

/// Where a check ended: the last address asked and its answer.
pub(crate) struct Landing {
    /// The final address (after every redirect).
    pub url: Url,
    /// Its answer, when one came.
    pub answer: Option<Answer>,
}

impl Checker {
    /// A checker for `config`; returns warnings (for example a header whose
    /// environment variable is not set) beside it.
    ///
    /// # Errors
    /// An invalid header name, or a client reqwest cannot build.
    pub fn new(config: &LinksConfig, allow_private: bool, env: Env) -> Result<(Self, Vec<String>), ClientError> {
        Self::with_guard(config, Guard::new(allow_private), env)
    }

    /// [`Checker::new`] with a given guard (unit tests exempt their local server).
    pub(crate) fn with_guard(config: &LinksConfig, guard: Guard, env: Env) -> Result<(Self, Vec<String>), ClientError> {
        // reqwest is built without a default crypto provider; ring is ours.
        // An `Err` only means a provider is already installed.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let timeout = Duration::from_millis(config.timeout_ms);
        let stats = Arc::new(NetStats::default());
        let lookup = Arc::new(CachingLookup::new(Arc::clone(&env.lookup), Arc::clone(&stats)));
        let most_per_host = config.hosts.values().filter_map(|h| h.concurrency).chain([config.per_host_concurrency]);
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .no_proxy()
            .connect_timeout(Duration::from_millis(config.connect_timeout_ms))
            .timeout(timeout)
            .pool_max_idle_per_host(most_per_host.max().unwrap_or(1).max(1))
            .user_agent(config.user_agent.clone())
            .dns_resolver(GuardedResolver::new(guard.clone(), Arc::new(Shared(Arc::clone(&lookup)))))
            .build()
            .map_err(ClientError::Build)?;
        let (headers, warnings) = headers_from_env(config)?;
        let overrides = config
            .hosts
            .iter()
            .map(|(host, h)| {
                let concurrency = h.concurrency.unwrap_or(config.per_host_concurrency);
                let interval = Duration::from_millis(h.interval_ms.unwrap_or(config.per_host_interval_ms));
                (host.to_ascii_lowercase(), (concurrency, interval))
            })
            .collect();
        let hosts = config
            .hosts
            .iter()
            .map(|(host, h)| (host.to_ascii_lowercase(), HostSettings { get: h.method == Some(HostMethod::Get) }))
            .collect();
        let checker = Self {
            client,
            guard,
            lookup,
            stats,
            politeness: Politeness::new(
                config.concurrency,
                config.per_host_concurrency,
                Duration::from_millis(config.per_host_interval_ms),
                Arc::clone(&env.sleeper),
            )
            .with_overrides(overrides),
            retry: RetryPolicy {
                retries: config.retries,
                base: Duration::from_millis(config.retry_base_ms),
                retry_after_cap: Duration::from_secs(config.retry_after_cap_s),
            },
            sleeper: env.sleeper,
            max_redirects: config.max_redirects,
            timeout,
            excludes: config.exclude.iter().map(|p| p.0.clone()).collect(),
            headers,
            hosts,
            config: config.clone(),
        };
        Ok((checker, warnings))
    }

    /// What the network did so far: lookups, connections, answers.
    #[must_use]
    pub fn net(&self) -> NetCounts {
        self.stats.counts()
    }

    /// The settings of `url`'s host.
    pub(crate) fn host_settings(&self, url: &Url) -> HostSettings {
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        self.hosts.get(&host).copied().unwrap_or_default()
    }

    /// Checks one URL, following redirects: a DOI at the resolver, anything
    /// else at its host (without soft-404 probes, which [`Checker::check_all`] sends).
    pub async fn check(&self, url: &str) -> Outcome {
        self.check_with(url, None).await
    }

    /// Why `url` is not fetched at all (a pattern), if it is not.
    pub(crate) fn excluded_by(&self, url: &str) -> Option<String> {
        let p = self.excludes.iter().find(|p| p.is_match(url))?;
        Some(format!("excluded by pattern `{}`", p.as_str()))
    }

    /// [`Checker::check`], comparing the answer with `probe` when the URL's
    /// pattern soft-404s.
    pub(crate) async fn check_with(&self, url: &str, probe: Option<(&Probe, &[String])>) -> Outcome {
        if let Some(why) = self.excluded_by(url) {
            return Outcome::new(Class::Excluded, None, why);
        }
        let Ok(start) = Url::parse(url) else {
            return Outcome::new(Class::Broken, None, "not a valid URL");
        };
        if let Some(doi) = doi::doi_of(&start) {
            return self.check_doi(&doi).await;
        }
        let soft = probe.filter(|(p, _)| p.soft);
        let ask =
            if soft.is_some() { Ask { get: true, body: soft404::BODY, ..Ask::default() } } else { Ask::default() };
        let (mut outcome, landing) = self.follow(start.clone(), ask).await;
        if !outcome.class.is_success() {
            return outcome;
        }
        if !outcome.redirects.is_empty() && soft404::is_home(&landing.url) && !soft404::is_home(&start) {
            outcome.set(Class::Broken, outcome.status, format!("redirected to the home page, {}", landing.url));
            outcome.reason = Some(Reason::HomePageRedirect);
        } else if let Some((probe, names)) = soft
            && probe.matches(&landing, names)
        {
            outcome.set(Class::Broken, outcome.status, "looks like the site's not-found page");
            outcome.reason = Some(Reason::Soft404);
        }
        outcome
    }

    /// A DOI, at the resolver's handle API.
    async fn check_doi(&self, doi: &str) -> Outcome {
        let Some(api) = doi::api_url(&self.config.doi_resolver, doi) else {
            return Outcome::new(Class::Broken, None, "not a valid DOI");
        };
        let (mut outcome, landing) = self.follow(api, Ask { get: true, body: soft404::BODY, ..Ask::default() }).await;
        outcome.redirects.clear();
        match landing.answer.as_ref().and_then(|a| doi::judge(a.status, &a.body)) {
            Some((class, detail, reason)) => {
                outcome.set(class, outcome.status, detail);
                outcome.reason = Some(reason);
            }
            None => outcome.detail = format!("DOI resolver: {}", outcome.detail),
        }
        outcome
    }

    /// Follows `start` through its redirects, each hop guarded.
    pub(crate) async fn follow(&self, start: Url, ask: Ask) -> (Outcome, Landing) {
        let start_origin = start.origin();
        let mut current = start;
        let mut outcome = Outcome::new(Class::Ok, None, "");
        let mut jar = Jar::default();
        // A revisit is a loop only if no cookie changed meanwhile: a session
        // cookie set on the way makes the same URL answer differently.
        let mut seen = HashSet::from([(current.to_string(), None)]);
        loop {
            if let Err(refusal) = self.guard.check_url(&current) {
                outcome.set(Class::Excluded, None, refusal.to_string());
                return (outcome, Landing { url: current, answer: None });
            }
            let trusted = carries_headers(&start_origin, &current);
            let answer = match self.fetch(&current, &mut jar, &mut outcome.requests, ask, trusted).await {
                Ok(answer) => answer,
                Err((class, status, detail, reason)) => {
                    outcome.set(class, status, detail);
                    outcome.reason = reason;
                    return (outcome, Landing { url: current, answer: None });
                }
            };
            if !matches!(answer.status, 301 | 302 | 303 | 307 | 308) {
                let mut class = classify_status(answer.status, &answer.headers, &answer.body);
                let mut detail = status_text(answer.status);
                if class == Class::Blocked && !matches!(answer.status, 401 | 403 | 407 | 451) {
                    detail.push_str(" (bot protection)");
                }
                if class == Class::Ok && outcome.redirects.first().is_some_and(Redirect::is_permanent) {
                    class = Class::Redirected;
                }
                outcome.set(class, Some(answer.status), detail);
                return (outcome, Landing { url: current, answer: Some(answer) });
            }
            let status = answer.status;
            let location = answer.headers.get(LOCATION).and_then(|l| l.to_str().ok());
            let Some(next) = location.and_then(|l| current.join(l).ok()) else {
                outcome.set(Class::Broken, Some(status), format!("{} without a valid Location", status_text(status)));
                return (outcome, Landing { url: current, answer: Some(answer) });
            };
            outcome.redirects.push(Redirect { status, to: next.to_string() });
            let cookies = jar.header(next.host_str().unwrap_or("")).map(|v| v.as_bytes().to_vec());
            if !seen.insert((next.to_string(), cookies)) {
                outcome.set(Class::Broken, Some(status), format!("redirect loop back to {next}"));
                return (outcome, Landing { url: next, answer: None });
            }
            if outcome.redirects.len() > self.max_redirects {
                outcome.set(Class::Broken, Some(status), format!("more than {} redirects", self.max_redirects));
                return (outcome, Landing { url: next, answer: None });
            }
            current = next;
        }
    }

    /// The method a check of `url` starts with.
    pub(crate) fn first_method(&self, url: &Url, ask: Ask) -> Method {
        if ask.get || self.host_settings(url).get { Method::GET } else { Method::HEAD }
    }
}

/// Whether a hop to `hop` may carry the configured headers of its host: only
/// while it stays at the origin (scheme, host and port) the check started at,
/// as curl does with `Authorization` and custom headers. A redirect to
/// another port may reach a server the secret was never meant for, and one
/// from https to http would send it in clear text.
pub(crate) fn carries_headers(start: &url::Origin, hop: &Url) -> bool {
    start.is_tuple() && *start == hop.origin()
}

type HostHeaders = HashMap<String, Vec<(HeaderName, HeaderValue)>>;

/// Per-host headers (`headers` and each `hosts.*.headers`), their values read from the environment.
fn headers_from_env(config: &LinksConfig) -> Result<(HostHeaders, Vec<String>), ClientError> {
    let mut out: HostHeaders = HashMap::new();
    let mut warnings = Vec::new();
    let listed = config.headers.iter().chain(config.hosts.iter().map(|(host, h)| (host, &h.headers)));
    for (host, headers) in listed {
        for (name, var) in headers {
            let header = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| ClientError::HeaderName { host: host.clone(), name: name.clone() })?;
            match std::env::var(var).ok().and_then(|v| HeaderValue::from_str(&v).ok()) {
                Some(mut value) => {
                    value.set_sensitive(true);
                    out.entry(host.to_ascii_lowercase()).or_default().push((header, value));
                }
                None => warnings.push(format!(
                    "header `{name}` for {host} is not sent: environment variable {var} is unset or not a valid header value"
                )),
            }
        }
    }
    Ok((out, warnings))
}

#[cfg(test)]
mod tests;
