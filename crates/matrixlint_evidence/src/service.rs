//! The services asked, each behind its own rate gate, all through the link
//! checker (guard, retries with `Retry-After`, redirects). Crossref's
//! `X-Rate-Limit-Limit`/`-Interval` headers tighten its gate as they come;
//! NCBI (the ID converter and efetch share one gate) gets at most
//! `ncbi-per-second` requests a second.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::Url;
use reqwest::header::HeaderMap;
use tokio::sync::Semaphore;
use tokio::time::Instant;

use crate::links::BodyAnswer;
use crate::links::client::Checker;
use crate::links::retry::Sleeper;

/// Largest answer read from a service.
pub const BODY_LIMIT: usize = 4 << 20;

/// A service the audit asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    /// Crossref's works API.
    Crossref,
    /// The PMC ID converter.
    PmcIdconv,
    /// PubMed efetch.
    Pubmed,
    /// Unpaywall.
    Unpaywall,
    /// The DOI handle API (newer Cochrane versions).
    Handle,
    /// The entries' own free sources.
    FreeSource,
}

impl Service {
    /// Every service, in report order.
    pub const ALL: [Self; 6] =
        [Self::Crossref, Self::PmcIdconv, Self::Pubmed, Self::Unpaywall, Self::Handle, Self::FreeSource];

    /// The name in reports and in the cache.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Crossref => "crossref",
            Self::PmcIdconv => "pmc-idconv",
            Self::Pubmed => "pubmed",
            Self::Unpaywall => "unpaywall",
            Self::Handle => "doi-handle",
            Self::FreeSource => "free-source",
        }
    }

    /// The name people know.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Self::Crossref => "Crossref",
            Self::PmcIdconv => "the PMC ID converter",
            Self::Pubmed => "PubMed",
            Self::Unpaywall => "Unpaywall",
            Self::Handle => "the DOI handle API",
            Self::FreeSource => "the free source",
        }
    }

    fn index(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// Starts at most one request every `interval`, at most `slots` at once.
struct Gate {
    slots: Semaphore,
    interval: Mutex<Duration>,
    next: Mutex<Instant>,
}

impl Gate {
    fn new(slots: usize, interval: Duration) -> Self {
        Self { slots: Semaphore::new(slots.max(1)), interval: Mutex::new(interval), next: Mutex::new(Instant::now()) }
    }

    fn reserve(&self) -> Duration {
        let interval = *self.interval.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut next = self.next.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let now = Instant::now();
        let start = (*next).max(now);
        *next = start + interval;
        start - now
    }

    /// Crossref's `X-Rate-Limit-Limit: 50` with `X-Rate-Limit-Interval: 1s`:
    /// one start every 20 ms at most (never faster than configured).
    fn learn(&self, headers: &HeaderMap) -> Option<Duration> {
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::trim);
        let limit: u32 = text("x-rate-limit-limit")?.parse().ok().filter(|n| *n > 0)?;
        let interval = text("x-rate-limit-interval")?;
        let seconds: u64 = interval.strip_suffix('s').unwrap_or(interval).parse().ok()?;
        let wanted = Duration::from_secs(seconds) / limit;
        let mut current = self.interval.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if wanted > *current {
            *current = wanted;
        }
        Some(*current)
    }
}

/// What the audit learnt about the network.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Requests {
    /// Requests sent, per service (retries included).
    pub sent: BTreeMap<&'static str, usize>,
    /// Answers reused from the cache, per service.
    pub cached: BTreeMap<&'static str, usize>,
    /// The interval between Crossref requests its `X-Rate-Limit-*` headers asked for, in milliseconds.
    pub crossref_interval_ms: Option<u64>,
}

/// The services of one audit.
pub struct Services {
    checker: Arc<Checker>,
    sleeper: Arc<dyn Sleeper>,
    gates: [Arc<Gate>; 6],
    sent: [AtomicUsize; 6],
    crossref_interval: Mutex<Option<Duration>>,
}

impl Services {
    /// The services over `checker`; NCBI at most `ncbi_per_second` requests a second.
    #[must_use]
    pub fn new(checker: Arc<Checker>, sleeper: Arc<dyn Sleeper>, ncbi_per_second: u32) -> Self {
        let ncbi = Arc::new(Gate::new(1, Duration::from_secs(1) / ncbi_per_second.max(1)));
        let gates = [
            // Crossref's public pool: until its headers say otherwise, 10 a second, 3 at once.
            Arc::new(Gate::new(3, Duration::from_millis(100))),
            Arc::clone(&ncbi),
            ncbi,
            Arc::new(Gate::new(3, Duration::from_millis(100))),
            Arc::new(Gate::new(2, Duration::from_millis(100))),
            // Free sources go through the link checker's per-host politeness only.
            Arc::new(Gate::new(8, Duration::ZERO)),
        ];
        Self { checker, sleeper, gates, sent: Default::default(), crossref_interval: Mutex::new(None) }
    }

    /// GETs `url` from `service` within its gate.
    ///
    /// # Errors
    /// No answer, in words.
    pub async fn get(&self, service: Service, url: Url) -> Result<BodyAnswer, String> {
        let gate = &self.gates[service.index()];
        let _slot = gate.slots.acquire().await.map_err(|e| e.to_string())?;
        let wait = gate.reserve();
        if !wait.is_zero() {
            self.sleeper.sleep(wait).await;
        }
        let answer = self.checker.get_body(url, BODY_LIMIT).await;
        let requests = match &answer {
            Ok(a) => a.requests,
            Err(o) => o.requests,
        };
        self.sent[service.index()].fetch_add(requests as usize, Ordering::Relaxed);
        let answer = answer.map_err(|o| format!("{} did not answer: {}", service.title(), o.detail))?;
        if service == Service::Crossref
            && let Some(interval) = gate.learn(&answer.headers)
        {
            *self.crossref_interval.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(interval);
        }
        Ok(answer)
    }

    /// Requests sent so far (the audit adds what the cache gave).
    #[must_use]
    pub fn requests(&self) -> Requests {
        let mut r = Requests::default();
        for s in Service::ALL {
            r.sent.insert(s.as_str(), self.sent[s.index()].load(Ordering::Relaxed));
        }
        r.crossref_interval_ms = self.crossref_interval().map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX));
        r
    }

    /// The interval Crossref's headers asked for, once they did.
    #[must_use]
    pub fn crossref_interval(&self) -> Option<Duration> {
        *self.crossref_interval.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The checker (for what the network did).
    #[must_use]
    pub fn checker(&self) -> &Checker {
        &self.checker
    }
}
