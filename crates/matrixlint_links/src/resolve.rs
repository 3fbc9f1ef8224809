//! Name resolution for one audit: each host name is looked up once, before
//! any politeness wait, and the audit keeps count of what the network did.
//!
//! Looking a name up before queueing for its host means a request that can
//! never reach the host (no resolver, an unknown name, an address the guard
//! refuses) costs no `per-host-interval-ms` wait. The counts tell an audit
//! that ran from one that could not happen: when no name resolved and no
//! server answered, every failure says something about the machine running
//! the audit, nothing about the links.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use super::guard::{Lookup, LookupError, LookupFuture};

/// What the network did during an audit.
#[derive(Debug, Default)]
pub(crate) struct NetStats {
    names_resolved: AtomicUsize,
    names_failed: AtomicUsize,
    connections: AtomicUsize,
    answers: AtomicUsize,
}

/// What the network did during an audit, counted at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NetCounts {
    /// Host names that resolved to at least one address.
    pub names_resolved: usize,
    /// Host names whose lookup failed (not found, or no answer).
    pub names_failed: usize,
    /// Requests that went as far as opening (or reusing) a connection.
    pub connections: usize,
    /// HTTP answers received, of any status.
    pub answers: usize,
}

impl NetCounts {
    /// The network was needed and no server answered at all: connections
    /// were tried and every one failed, or no name resolved. (Names that
    /// resolved only to addresses the guard refuses tried no connection:
    /// the resolver works, the network may too.)
    #[must_use]
    pub fn no_network(&self) -> bool {
        self.answers == 0 && (self.connections > 0 || self.names_failed > 0 && self.names_resolved == 0)
    }

    /// Whether the resolver is known to work: some name resolved. Only then
    /// does "name not found" say something about the link.
    #[must_use]
    pub fn resolver_works(&self) -> bool {
        self.names_resolved > 0
    }
}

impl NetStats {
    /// The counts so far.
    #[must_use]
    pub(crate) fn counts(&self) -> NetCounts {
        NetCounts {
            names_resolved: self.names_resolved.load(Ordering::Relaxed),
            names_failed: self.names_failed.load(Ordering::Relaxed),
            connections: self.connections.load(Ordering::Relaxed),
            answers: self.answers.load(Ordering::Relaxed),
        }
    }

    /// A request is about to use a connection.
    pub(crate) fn connecting(&self) {
        self.connections.fetch_add(1, Ordering::Relaxed);
    }

    /// An HTTP answer arrived.
    pub(crate) fn answered(&self) {
        self.answers.fetch_add(1, Ordering::Relaxed);
    }
}

type Answer = Result<Vec<IpAddr>, LookupError>;

/// A [`Lookup`] that asks its inner lookup once per host name per audit and
/// counts the results.
pub(crate) struct CachingLookup {
    inner: Arc<dyn Lookup>,
    cache: Mutex<HashMap<String, Arc<OnceCell<Answer>>>>,
    stats: Arc<NetStats>,
}

impl CachingLookup {
    /// Caches `inner`'s answers, counting them in `stats`.
    #[must_use]
    pub(crate) fn new(inner: Arc<dyn Lookup>, stats: Arc<NetStats>) -> Self {
        Self { inner, cache: Mutex::new(HashMap::new()), stats }
    }

    /// The addresses of `host`, looked up at most once.
    pub(crate) async fn resolve(&self, host: &str) -> Answer {
        let key = host.to_ascii_lowercase();
        let cell = {
            let mut cache = self.cache.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            Arc::clone(cache.entry(key.clone()).or_default())
        };
        cell.get_or_init(|| async {
            let answer = self.inner.lookup(key).await;
            let counter = match &answer {
                Ok(ips) if !ips.is_empty() => &self.stats.names_resolved,
                _ => &self.stats.names_failed,
            };
            counter.fetch_add(1, Ordering::Relaxed);
            answer
        })
        .await
        .clone()
    }
}

/// reqwest's resolver asks through the same cache (the name is already in it).
pub(crate) struct Shared(pub Arc<CachingLookup>);

impl Lookup for Shared {
    fn lookup(&self, host: String) -> LookupFuture {
        let cache = Arc::clone(&self.0);
        Box::pin(async move { cache.resolve(&host).await })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Counting(Mutex<Vec<String>>);

    impl Lookup for Counting {
        fn lookup(&self, host: String) -> LookupFuture {
            self.0.lock().unwrap().push(host.clone());
            Box::pin(async move {
                if host == "up.test" {
                    Ok(vec![IpAddr::from([192, 0, 2, 1])])
                } else {
                    Err(LookupError::NotFound { host })
                }
            })
        }
    }

    #[tokio::test]
    async fn each_name_is_looked_up_once_and_counted() {
        let inner = Arc::new(Counting(Mutex::new(Vec::new())));
        let stats = Arc::new(NetStats::default());
        let cache = CachingLookup::new(Arc::clone(&inner) as _, Arc::clone(&stats));
        for host in ["up.test", "UP.test", "down.test", "up.test", "down.test"] {
            let _ = cache.resolve(host).await;
        }
        assert_eq!(*inner.0.lock().unwrap(), ["up.test", "down.test"]);
        let counts = stats.counts();
        assert_eq!((counts.names_resolved, counts.names_failed), (1, 1));
        assert!(counts.resolver_works());
        assert!(!counts.no_network(), "a name resolved and no connection was tried yet");
        stats.connecting();
        assert!(stats.counts().no_network(), "a connection was tried and nothing answered");
        stats.answered();
        assert!(!stats.counts().no_network());
    }

    #[test]
    fn no_network_means_tried_and_nothing_came_back() {
        let c = |names_resolved, names_failed, connections, answers| NetCounts {
            names_resolved,
            names_failed,
            connections,
            answers,
        };
        assert!(!c(0, 0, 0, 0).no_network(), "nothing was tried (all reused or excluded)");
        assert!(c(0, 71, 0, 0).no_network(), "no name resolved");
        assert!(c(0, 0, 3, 0).no_network(), "address literals, no answer");
        assert!(!c(0, 2, 3, 1).no_network(), "a server answered");
        assert!(c(5, 0, 5, 0).no_network(), "names resolve, but no connection anywhere succeeds");
        assert!(!c(3, 2, 0, 0).no_network(), "names resolved to refused addresses: the resolver works");
    }
}
