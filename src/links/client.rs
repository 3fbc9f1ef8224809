//! Checking one URL: HEAD (GET when HEAD is refused), retries, redirects
//! followed by hand so that each hop passes the guard and each status is seen.
//!
//! Bodies are not downloaded: a response is dropped after its headers,
//! except that an answer which may be a bot wall has its first bytes read.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::{COOKIE, HeaderMap, HeaderName, HeaderValue, LOCATION, RETRY_AFTER, SET_COOKIE};
use reqwest::{Method, Url};

use super::classify::{
    BODY_PREFIX, Class, Outcome, Redirect, classify_error, classify_status, status_text, wants_body,
};
use super::guard::{Guard, GuardedResolver, Lookup, SystemLookup};
use super::politeness::{Politeness, host_key};
use super::retry::{Next, RetryPolicy, Sleeper, TokioSleeper, jitter_unit, parse_retry_after};
use crate::config::links::LinksConfig;

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

/// Checks URLs; shared by every task of an audit.
pub struct Checker {
    client: reqwest::Client,
    guard: Guard,
    politeness: Politeness,
    retry: RetryPolicy,
    sleeper: Arc<dyn Sleeper>,
    max_redirects: usize,
    timeout: Duration,
    excludes: Vec<regex::Regex>,
    headers: HashMap<String, Vec<(HeaderName, HeaderValue)>>,
}

/// An answer with the little of it that a check reads.
struct Answer {
    status: u16,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// Cookies set during one check, sent back only to the host that set them:
/// some publishers redirect to themselves until a session cookie comes back,
/// and nothing may carry a cookie to another host.
#[derive(Default)]
struct Jar(Vec<(String, String)>);

impl Jar {
    fn store(&mut self, host: &str, headers: &HeaderMap) {
        for value in headers.get_all(SET_COOKIE).iter().filter_map(|v| v.to_str().ok()) {
            let pair = value.split(';').next().unwrap_or("").trim();
            if let Some((name, _)) = pair.split_once('=') {
                self.0.retain(|(h, p)| !(h == host && p.split_once('=').is_some_and(|(n, _)| n == name)));
                self.0.push((host.to_owned(), pair.to_owned()));
            }
        }
    }

    fn header(&self, host: &str) -> Option<HeaderValue> {
        let pairs: Vec<&str> = self.0.iter().filter(|(h, _)| h == host).map(|(_, p)| p.as_str()).collect();
        if pairs.is_empty() { None } else { HeaderValue::from_str(&pairs.join("; ")).ok() }
    }
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
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .referer(false)
            .no_proxy()
            .connect_timeout(Duration::from_millis(config.connect_timeout_ms))
            .timeout(timeout)
            .pool_max_idle_per_host(config.per_host_concurrency.max(1))
            .user_agent(config.user_agent.clone())
            .dns_resolver(GuardedResolver::new(guard.clone(), Arc::clone(&env.lookup)))
            .build()
            .map_err(ClientError::Build)?;
        let (headers, warnings) = headers_from_env(config)?;
        let checker = Self {
            client,
            guard,
            politeness: Politeness::new(
                config.concurrency,
                config.per_host_concurrency,
                Duration::from_millis(config.per_host_interval_ms),
                Arc::clone(&env.sleeper),
            ),
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
        };
        Ok((checker, warnings))
    }

    /// Checks every URL, at most once each, calling `done` as each finishes.
    pub async fn check_all(
        self: &Arc<Self>,
        urls: Vec<String>,
        mut done: impl FnMut(&str, &Outcome),
    ) -> Vec<(String, Outcome)> {
        let mut set = tokio::task::JoinSet::new();
        let mut by_task = HashMap::new();
        for url in urls {
            let me = Arc::clone(self);
            let u = url.clone();
            let handle = set.spawn(async move { me.check(&u).await });
            by_task.insert(handle.id(), url);
        }
        let mut out = Vec::with_capacity(by_task.len());
        while let Some(joined) = set.join_next_with_id().await {
            let (id, outcome) = match joined {
                Ok((id, outcome)) => (id, outcome),
                Err(e) => (e.id(), Outcome::new(Class::Network, None, format!("internal error: {e}"))),
            };
            let url = by_task.remove(&id).unwrap_or_default();
            done(&url, &outcome);
            out.push((url, outcome));
        }
        out
    }

    /// Checks one URL, following redirects.
    pub async fn check(&self, url: &str) -> Outcome {
        if let Some(p) = self.excludes.iter().find(|p| p.is_match(url)) {
            return Outcome::new(Class::Excluded, None, format!("excluded by pattern `{}`", p.as_str()));
        }
        let Ok(mut current) = Url::parse(url) else {
            return Outcome::new(Class::Broken, None, "not a valid URL");
        };
        let mut outcome = Outcome::new(Class::Ok, None, "");
        let mut jar = Jar::default();
        // A revisit is a loop only if no cookie changed meanwhile: a session
        // cookie set on the way makes the same URL answer differently.
        let mut seen = HashSet::from([(current.to_string(), None)]);
        loop {
            if let Err(refusal) = self.guard.check_url(&current) {
                return finish(outcome, Class::Excluded, None, refusal.to_string());
            }
            let answer = match self.fetch(&current, &mut jar, &mut outcome.requests).await {
                Ok(answer) => answer,
                Err((class, status, detail)) => return finish(outcome, class, status, detail),
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
                return finish(outcome, class, Some(answer.status), detail);
            }
            let status = answer.status;
            let location = answer.headers.get(LOCATION).and_then(|l| l.to_str().ok());
            let Some(next) = location.and_then(|l| current.join(l).ok()) else {
                return finish(
                    outcome,
                    Class::Broken,
                    Some(status),
                    format!("{} without a valid Location", status_text(status)),
                );
            };
            outcome.redirects.push(Redirect { status, to: next.to_string() });
            let cookies = jar.header(next.host_str().unwrap_or("")).map(|v| v.as_bytes().to_vec());
            if !seen.insert((next.to_string(), cookies)) {
                return finish(outcome, Class::Broken, Some(status), format!("redirect loop back to {next}"));
            }
            if outcome.redirects.len() > self.max_redirects {
                return finish(
                    outcome,
                    Class::Broken,
                    Some(status),
                    format!("more than {} redirects", self.max_redirects),
                );
            }
            current = next;
        }
    }

    /// One hop: HEAD, GET when HEAD is refused, retried while the failure is transient.
    async fn fetch(
        &self,
        url: &Url,
        jar: &mut Jar,
        requests: &mut u32,
    ) -> Result<Answer, (Class, Option<u16>, String)> {
        let mut method = Method::HEAD;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let mut result = self.send(&method, url, jar, requests).await;
            // 405/501 are the honest refusals; 403, 404 and 5xx are what some
            // servers answer to HEAD while GET works.
            if method == Method::HEAD && result.as_ref().is_ok_and(|a| a.status >= 400 && a.status != 429) {
                method = Method::GET;
                result = self.send(&method, url, jar, requests).await;
            }
            let (retryable, retry_after) = match &result {
                Ok(a) => (retryable_status(a), a.headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok())),
                Err(e) => (matches!(classify_error(e, self.timeout).0, Class::Timeout | Class::Network), None),
            };
            let retry_after = retry_after.and_then(|v| parse_retry_after(v, jiff::Timestamp::now()));
            let next = if retryable { self.retry.next(attempt, retry_after, jitter_unit()) } else { Next::Stop };
            match next {
                Next::Retry(wait) => self.sleeper.sleep(wait).await,
                Next::Stop => {
                    return result.map_err(|e| {
                        let (class, detail) = classify_error(&e, self.timeout);
                        (class, None, detail)
                    });
                }
                Next::TooLong(wait) => {
                    let status = result.as_ref().ok().map(|a| a.status);
                    let detail = format!(
                        "{}, asked to wait {} s, longer than the {} s cap",
                        status.map_or_else(String::new, status_text),
                        wait.as_secs(),
                        self.retry.retry_after_cap.as_secs()
                    );
                    return Err((Class::RateLimited, status, detail));
                }
            }
        }
    }

    /// One request, within the politeness limits.
    async fn send(
        &self,
        method: &Method,
        url: &Url,
        jar: &mut Jar,
        requests: &mut u32,
    ) -> Result<Answer, reqwest::Error> {
        let host = url.host_str().unwrap_or("").to_ascii_lowercase();
        let _permit = self.politeness.acquire(&host_key(url)).await;
        *requests += 1;
        let mut request = self.client.request(method.clone(), url.clone());
        for (name, value) in self.headers.get(&host).into_iter().flatten() {
            request = request.header(name, value);
        }
        if let Some(cookie) = jar.header(&host) {
            request = request.header(COOKIE, cookie);
        }
        let mut response = request.send().await?;
        jar.store(&host, response.headers());
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let mut body = Vec::new();
        if *method == Method::GET && wants_body(status) {
            // A read error or timeout mid-body keeps what arrived: enough to look for a challenge page.
            while body.len() < BODY_PREFIX {
                match response.chunk().await {
                    Ok(Some(chunk)) => body.extend_from_slice(&chunk),
                    Ok(None) | Err(_) => break,
                }
            }
        }
        Ok(Answer { status, headers, body })
    }
}

/// Worth asking again: throttling and server trouble, unless it is a bot wall.
fn retryable_status(a: &Answer) -> bool {
    let transient = a.status == 429 || (500..=599).contains(&a.status) && !matches!(a.status, 501 | 505);
    transient && classify_status(a.status, &a.headers, &a.body) != Class::Blocked
}

fn finish(mut outcome: Outcome, class: Class, status: Option<u16>, detail: String) -> Outcome {
    outcome.class = class;
    outcome.status = status;
    outcome.detail = detail;
    outcome
}

type HostHeaders = HashMap<String, Vec<(HeaderName, HeaderValue)>>;

/// Per-host headers, their values read from the environment.
fn headers_from_env(config: &LinksConfig) -> Result<(HostHeaders, Vec<String>), ClientError> {
    let mut out: HostHeaders = HashMap::new();
    let mut warnings = Vec::new();
    for (host, headers) in &config.headers {
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
#[path = "client_tests.rs"]
mod tests;
