//! Checking the URLs of a whole audit: each once, soft-404 probes sent
//! once per host and path pattern alongside the URLs they stand for (never
//! in front of them), and the archive asked about the links that failed.

use std::collections::HashMap;
use std::sync::Arc;

use jiff::Timestamp;
use reqwest::Url;
use tokio::sync::OnceCell;

use super::audit::Snapshot;
use super::classify::{Class, Outcome};
use super::client::{Checker, Landing};
use super::plan::Planned;
use super::politeness::{Lane, host_key, in_turn};
use super::soft404::{self, Pattern};
use super::transport::Ask;
use super::{archive, doi};

/// What a probe of a pattern found.
#[derive(Debug, Clone, Default)]
pub struct Probe {
    /// The probe was answered with a success: the pattern soft-404s.
    pub soft: bool,
    /// Where the probe ended after redirects.
    pub landing: Option<Url>,
    /// Whether the probe was redirected on its way.
    pub redirected: bool,
    /// The first bytes of the answer's body.
    pub body: Vec<u8>,
    /// The answer's media type.
    pub media: Option<String>,
    /// The names to take out of the probe's body (its own name).
    pub names: Vec<String>,
}

impl Probe {
    /// Whether a URL's answer (`landing`, asked for `names`) is this probe's answer.
    pub(crate) fn matches(&self, landing: &Landing, names: &[String]) -> bool {
        if self.redirected && self.landing.as_ref() == Some(&landing.url) {
            return true;
        }
        let Some(answer) = &landing.answer else { return false };
        let media = answer.media_type();
        if media.is_some() && self.media.is_some() && media != self.media {
            return false;
        }
        soft404::near_identical(&self.body, &self.names, &answer.body, names)
    }
}

/// A URL's pattern and the probe shared by every URL on it.
struct OnPattern {
    pattern: Arc<Pattern>,
    probe: Arc<OnceCell<Probe>>,
}

impl Checker {
    /// Checks every URL, at most once each, calling `done` as each finishes.
    /// On hosts where soft-404 detection is on, one probe per pattern is
    /// sent alongside the pattern's first URLs, each in its own task: a URL
    /// waits for its pattern's probe only when its answer is a success the
    /// probe must judge.
    pub async fn check_all(
        self: &Arc<Self>,
        mut urls: Vec<String>,
        mut done: impl FnMut(&str, &Outcome),
    ) -> Vec<(String, Outcome)> {
        let grouped =
            soft404::group(urls.iter().map(|u| self.excluded_by(u).is_none().then_some(u.as_str())), &self.config);
        let patterns: Vec<OnPattern> = grouped
            .patterns
            .into_iter()
            .map(|pattern| OnPattern { pattern: Arc::new(pattern), probe: Arc::default() })
            .collect();
        // Spawned before the URLs, so that a probe usually reaches its host
        // first; whichever task asks first sends it, the cell sees to one.
        let mut probes = tokio::task::JoinSet::new();
        for on in &patterns {
            let (me, pattern, cell) = (Arc::clone(self), Arc::clone(&on.pattern), Arc::clone(&on.probe));
            probes.spawn(async move {
                cell.get_or_init(|| me.probe(&pattern)).await;
            });
        }
        let mut set = tokio::task::JoinSet::new();
        let mut by_task = HashMap::with_capacity(urls.len());
        // Hosts in turn (see `in_turn`). The first wave (as many checks as
        // may be in flight) is spawned, and each of its tasks has begun,
        // before the rest are: spawning thousands of tasks at once kept the
        // workers from the first connections (3,000 URLs: the first request
        // reached the server 2-3 ms later).
        let wave = self.config.concurrency.max(1).min(urls.len());
        let begun = Arc::new(tokio::sync::Semaphore::new(0));
        for (n, i) in in_turn(&urls).into_iter().enumerate() {
            if n == wave {
                // Never closed: acquiring fails only if it were.
                if let Ok(all) = begun.acquire_many(u32::try_from(wave).unwrap_or(u32::MAX)).await {
                    all.forget();
                }
            }
            let me = Arc::clone(self);
            let on = grouped.of[i].map(|p| (Arc::clone(&patterns[p].pattern), Arc::clone(&patterns[p].probe)));
            let url = std::mem::take(&mut urls[i]);
            let u = url.clone();
            let first = (n < wave).then(|| Arc::clone(&begun));
            let handle = set.spawn(async move {
                if let Some(begun) = first {
                    begun.add_permits(1);
                }
                match on {
                    Some((pattern, cell)) => me.check_on_pattern(&u, &pattern, &cell).await,
                    None => me.check(&u).await,
                }
            });
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
        // A probe no URL needed (every URL on its pattern failed) still ends
        // here rather than being cut off mid-request: one probe per pattern.
        while probes.join_next().await.is_some() {}
        out
    }

    /// Checks a URL on a soft-404 `pattern`. With the probe's answer already
    /// in, as before: GET and compare when the pattern soft-404s, HEAD when
    /// not. Without it, the URL is checked at once as on a host with real
    /// 404s, and only a success waits for the probe; when the probe says the
    /// pattern soft-404s, the URL is read again with GET to compare it (its
    /// requests counting both checks).
    async fn check_on_pattern(&self, url: &str, pattern: &Pattern, cell: &OnceCell<Probe>) -> Outcome {
        let names = Url::parse(url)
            .map(|parsed| soft404::requested_names(&parsed, pattern.varying.as_deref()))
            .unwrap_or_default();
        if let Some(probe) = cell.get() {
            return self.check_with(url, Some((probe, &names))).await;
        }
        let first = self.check_with(url, None).await;
        if !first.class.is_success() {
            return first;
        }
        let probe = cell.get_or_init(|| self.probe(pattern)).await;
        if !probe.soft {
            return first;
        }
        let mut again = self.check_with(url, Some((probe, &names))).await;
        again.requests += first.requests;
        again
    }

    /// Asks the pattern's certainly-missing address, as a URL check would
    /// (the guard, politeness and retries apply), reading its body.
    async fn probe(&self, pattern: &Pattern) -> Probe {
        let name = soft404::random_name();
        let url = soft404::probe_url(pattern, &name);
        let ask = Ask { get: true, body: soft404::BODY, lane: Lane::Probe };
        let (outcome, landing) = self.follow(url.clone(), ask).await;
        let names = soft404::requested_names(&url, pattern.varying.as_deref());
        let answer = landing.answer;
        Probe {
            soft: outcome.class.is_success(),
            redirected: !outcome.redirects.is_empty(),
            landing: Some(landing.url),
            media: answer.as_ref().and_then(super::transport::Answer::media_type),
            body: answer.map(|a| a.body).unwrap_or_default(),
            names,
        }
    }

    /// What an audit would do with `url` (for `--offline`).
    #[must_use]
    pub fn plan(&self, url: &str) -> Planned {
        if let Some(why) = self.excluded_by(url) {
            return Planned::Excluded { why };
        }
        let Ok(parsed) = Url::parse(url) else { return Planned::Excluded { why: "not a valid URL".to_owned() } };
        if let Err(refusal) = self.guard.check_url(&parsed) {
            return Planned::Excluded { why: refusal.to_string() };
        }
        if doi::doi_of(&parsed).is_some() {
            let resolver = Url::parse(&self.config.doi_resolver).map(|u| host_key(&u)).unwrap_or_default();
            return Planned::Doi { resolver };
        }
        Planned::Fetch { host: host_key(&parsed) }
    }

    /// Asks the archive's availability API about each (URL, moment).
    pub async fn archived_all(
        self: &Arc<Self>,
        api: &str,
        wanted: Vec<(String, Timestamp)>,
    ) -> Vec<((String, Timestamp), Result<Option<Snapshot>, String>)> {
        let mut set = tokio::task::JoinSet::new();
        for (url, at) in wanted {
            let me = Arc::clone(self);
            let query = archive::query(api, &url, at);
            set.spawn(async move {
                let answer = match query {
                    None => Err(format!("`{}` is not a usable archive API address", me.config.archive_api)),
                    Some(q) => {
                        let (outcome, landing) =
                            me.follow(q, Ask { get: true, body: soft404::BODY, ..Ask::default() }).await;
                        match landing.answer {
                            Some(a) if outcome.class.is_success() => archive::parse(&a.body, &me.guard),
                            _ => Err(format!("the archive answered {}", outcome.detail)),
                        }
                    }
                };
                ((url, at), answer)
            });
        }
        let mut out = Vec::new();
        while let Some(joined) = set.join_next().await {
            if let Ok(answer) = joined {
                out.push(answer);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
