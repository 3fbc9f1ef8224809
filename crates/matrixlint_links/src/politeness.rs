//! Politeness: a global limit on requests in flight, and per host a limit
//! and a minimum interval between the starts of two requests.
//!
//! Soft-404 probes (one per host and path pattern) have a lane of their own
//! beside the global limit, a quarter of its size: a probe is a question
//! about the host, asked once, like its name lookup, and taking a global
//! slot it would delay a URL check by one request for every host. The
//! per-host limits and intervals, the politeness a site sees, count every
//! request, probes included.
//!
//! The host permit is taken before the global one: a request waiting for a
//! busy host must not hold a global slot that another host could use.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use super::retry::Sleeper;

/// Limits shared by every request of an audit.
pub(crate) struct Politeness {
    global: Arc<Semaphore>,
    /// The soft-404 probes' own slots.
    probes: Arc<Semaphore>,
    per_host: usize,
    interval: Duration,
    /// Per host name (`links.hosts`): its own limit and interval.
    overrides: HashMap<String, (usize, Duration)>,
    hosts: Mutex<HashMap<String, Arc<Host>>>,
    sleeper: Arc<dyn Sleeper>,
}

struct Host {
    slots: Arc<Semaphore>,
    interval: Duration,
    /// When the next request to this host may start.
    next: Mutex<Instant>,
}

/// Which slots a request takes besides its host's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Lane {
    /// A URL check (and the archive's and the DOI resolver's answers): the global limit.
    #[default]
    Check,
    /// A soft-404 probe: the probes' own lane.
    Probe,
}

/// The probes' lane beside a global limit of `global`: a quarter of it, at least one.
#[must_use]
pub(crate) fn probe_slots(global: usize) -> usize {
    global.max(1).div_ceil(4)
}

/// Held while a request is in flight.
pub(crate) struct Permit {
    _host: OwnedSemaphorePermit,
    _global: OwnedSemaphorePermit,
    gate: Arc<Host>,
    /// The start this request reserved, and the next start it set.
    reserved: (Instant, Instant),
}

impl Permit {
    /// The request never reached the host (the connection failed): give its
    /// interval back, so that the next request to the host need not wait
    /// for a request the host never saw. Only the latest reservation can be
    /// given back; later ones already count from it.
    pub(crate) fn refund(self) {
        let mut next = self.gate.next.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if *next == self.reserved.1 {
            *next = self.reserved.0;
        }
    }
}

impl Politeness {
    /// `global` requests in flight in all; per host `per_host` and one start every `interval`.
    #[must_use]
    pub(crate) fn new(global: usize, per_host: usize, interval: Duration, sleeper: Arc<dyn Sleeper>) -> Self {
        Self {
            global: Arc::new(Semaphore::new(global.max(1))),
            probes: Arc::new(Semaphore::new(probe_slots(global))),
            per_host: per_host.max(1),
            interval,
            overrides: HashMap::new(),
            hosts: Mutex::new(HashMap::new()),
            sleeper,
        }
    }

    /// The same limits, except for the hosts named (lowercase host names,
    /// without port), which get their own in-flight limit and interval.
    #[must_use]
    pub(crate) fn with_overrides(mut self, overrides: HashMap<String, (usize, Duration)>) -> Self {
        self.overrides = overrides.into_iter().map(|(h, (n, i))| (h, (n.max(1), i))).collect();
        self
    }

    /// The in-flight limit and interval for a `host:port` key.
    fn limits(&self, key: &str) -> (usize, Duration) {
        let host = key.rsplit_once(':').map_or(key, |(h, _)| h);
        self.overrides.get(host).copied().unwrap_or((self.per_host, self.interval))
    }

    /// Waits until a request to `host` (a `host:port` key) in `lane` may start.
    pub(crate) async fn acquire(&self, host: &str, lane: Lane) -> Permit {
        let gate = self.host(host);
        let interval = gate.interval;
        // The semaphores are never closed, so acquiring cannot fail.
        let host_permit = Arc::clone(&gate.slots).acquire_owned().await.expect("host semaphore is never closed");
        let (wait, reserved) = {
            let mut next = gate.next.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            let now = Instant::now();
            let start = (*next).max(now);
            *next = start + interval;
            (start - now, (start, *next))
        };
        if !wait.is_zero() {
            self.sleeper.sleep(wait).await;
        }
        let slots = match lane {
            Lane::Check => &self.global,
            Lane::Probe => &self.probes,
        };
        let global = Arc::clone(slots).acquire_owned().await.expect("global semaphore is never closed");
        Permit { _host: host_permit, _global: global, gate, reserved }
    }

    fn host(&self, key: &str) -> Arc<Host> {
        let mut hosts = self.hosts.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        Arc::clone(hosts.entry(key.to_owned()).or_insert_with(|| {
            let (slots, interval) = self.limits(key);
            Arc::new(Host { slots: Arc::new(Semaphore::new(slots)), interval, next: Mutex::new(Instant::now()) })
        }))
    }
}

/// The politeness key of a URL: `host:port`, the port made explicit.
#[must_use]
pub(crate) fn host_key(url: &reqwest::Url) -> String {
    format!("{}:{}", url.host_str().unwrap_or(""), url.port_or_known_default().unwrap_or(0))
}

/// The order in which to start `urls` (indices into it): one URL of each
/// host in turn, hosts in the order they first appear. A sorted list puts
/// every URL of a host together, and started in that order each host soon
/// has its whole limit in flight while other hosts wait; taken in turn, a
/// host has one request in flight for as long as there are more hosts than
/// global slots: less load on each site at any moment, and fewer connections
/// to open (the link bench, 100 hosts and 64 slots: 346 connections before,
/// 264 after, probes included).
pub(crate) fn in_turn(urls: &[impl AsRef<str>]) -> Vec<usize> {
    let mut of_host: HashMap<&str, usize> = HashMap::new();
    let mut queues: Vec<Vec<usize>> = Vec::new();
    for (i, url) in urls.iter().enumerate() {
        let q = *of_host.entry(authority(url.as_ref())).or_insert_with(|| {
            queues.push(Vec::new());
            queues.len() - 1
        });
        queues[q].push(i);
    }
    let longest = queues.iter().map(Vec::len).max().unwrap_or(0);
    (0..longest).flat_map(|turn| queues.iter().filter_map(move |q| q.get(turn).copied())).collect()
}

/// The authority of a URL as written (`host:port`, with any user info),
/// found without parsing: only the order of requests depends on it.
fn authority(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retry::TokioSleeper;

    /// Runs `n` requests per host through the gate (each holding its permit
    /// for `hold`) and returns, per host, the (virtual) start times, and the
    /// most requests that were in flight at once.
    async fn starts(
        p: Arc<Politeness>,
        hosts: &[&str],
        n: usize,
        hold: Duration,
    ) -> (HashMap<String, Vec<Duration>>, usize) {
        let origin = Instant::now();
        let log = Arc::new(Mutex::new(HashMap::<String, Vec<Duration>>::new()));
        let inflight = Arc::new(Mutex::new((0usize, 0usize)));
        let mut set = tokio::task::JoinSet::new();
        for h in hosts {
            for _ in 0..n {
                let (p, log, inflight, h) = (Arc::clone(&p), Arc::clone(&log), Arc::clone(&inflight), (*h).to_owned());
                set.spawn(async move {
                    let _permit = p.acquire(&h, Lane::Check).await;
                    {
                        let mut f = inflight.lock().unwrap();
                        f.0 += 1;
                        f.1 = f.1.max(f.0);
                    }
                    log.lock().unwrap().entry(h).or_default().push(origin.elapsed());
                    tokio::time::sleep(hold).await;
                    inflight.lock().unwrap().0 -= 1;
                });
            }
        }
        while set.join_next().await.is_some() {}
        let max = inflight.lock().unwrap().1;
        let log = log.lock().unwrap().clone();
        (log, max)
    }

    #[tokio::test(start_paused = true)]
    async fn requests_to_one_host_start_at_least_the_interval_apart() {
        let p = Arc::new(Politeness::new(8, 2, Duration::from_millis(500), Arc::new(TokioSleeper)));
        let (log, _) = starts(p, &["a:443", "b:443"], 5, Duration::from_millis(10)).await;
        for (host, times) in &log {
            let mut times = times.clone();
            times.sort();
            for pair in times.windows(2) {
                assert!(pair[1] - pair[0] >= Duration::from_millis(500), "{host}: {times:?}");
            }
        }
        // Hosts do not wait for each other: both start at once.
        assert_eq!(log["a:443"].iter().min(), Some(&Duration::ZERO));
        assert_eq!(log["b:443"].iter().min(), Some(&Duration::ZERO));
    }

    #[tokio::test(start_paused = true)]
    async fn per_host_and_global_limits_hold() {
        let p = Arc::new(Politeness::new(3, 2, Duration::ZERO, Arc::new(TokioSleeper)));
        let hold = Duration::from_secs(1);
        let (log, max) = starts(p, &["a:80", "b:80", "c:80"], 4, hold).await;
        assert_eq!(max, 3);
        // With each request holding its slot for a second, count how many
        // started in each one-second window: at most 2 per host, 3 in all.
        let mut per_second: HashMap<u64, usize> = HashMap::new();
        for (host, times) in &log {
            let mut by_second: HashMap<u64, usize> = HashMap::new();
            for t in times {
                *by_second.entry(t.as_secs()).or_default() += 1;
                *per_second.entry(t.as_secs()).or_default() += 1;
            }
            assert!(by_second.values().all(|&n| n <= 2), "{host}: {times:?}");
        }
        assert!(per_second.values().all(|&n| n <= 3), "{per_second:?}");
        // 12 requests, 3 at a time, a second each: four seconds, no idle slot.
        assert_eq!(per_second.len(), 4, "{per_second:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn a_host_with_its_own_settings_keeps_them() {
        let overrides = HashMap::from([("slow.org".to_owned(), (1, Duration::from_secs(5)))]);
        let p = Arc::new(
            Politeness::new(8, 2, Duration::from_millis(500), Arc::new(TokioSleeper)).with_overrides(overrides),
        );
        let (log, _) = starts(Arc::clone(&p), &["slow.org:443", "fast.org:443"], 3, Duration::from_millis(10)).await;
        let mut slow = log["slow.org:443"].clone();
        slow.sort();
        assert_eq!(slow, [Duration::ZERO, Duration::from_secs(5), Duration::from_secs(10)]);
        let mut fast = log["fast.org:443"].clone();
        fast.sort();
        assert_eq!(fast, [Duration::ZERO, Duration::from_millis(500), Duration::from_secs(1)]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_refunded_request_costs_the_next_one_no_wait() {
        let p = Politeness::new(4, 1, Duration::from_secs(60), Arc::new(TokioSleeper));
        let origin = Instant::now();
        p.acquire("a:443", Lane::Check).await.refund();
        drop(p.acquire("a:443", Lane::Check).await);
        assert_eq!(origin.elapsed(), Duration::ZERO, "the refunded interval is not waited for");
        drop(p.acquire("a:443", Lane::Check).await);
        assert_eq!(origin.elapsed(), Duration::from_secs(60), "a request that reached the host is");
    }

    /// Whether a request to `host` in `lane` can start within a (virtual) second.
    async fn starts_now(p: &Politeness, host: &str, lane: Lane) -> Option<Permit> {
        tokio::time::timeout(Duration::from_secs(1), p.acquire(host, lane)).await.ok()
    }

    #[tokio::test(start_paused = true)]
    async fn a_probe_waits_for_its_lane_not_for_the_global_limit() {
        // One global slot, so one probe slot.
        let p = Politeness::new(1, 4, Duration::ZERO, Arc::new(TokioSleeper));
        let _check = p.acquire("a:80", Lane::Check).await;
        let probe = starts_now(&p, "b:80", Lane::Probe).await;
        assert!(probe.is_some(), "a probe does not wait for the global slot");
        assert!(starts_now(&p, "c:80", Lane::Check).await.is_none(), "a check does");
        assert!(starts_now(&p, "d:80", Lane::Probe).await.is_none(), "a second probe waits for the first");
        drop(probe);
        assert!(starts_now(&p, "d:80", Lane::Probe).await.is_some(), "and starts once it ended");
    }

    #[tokio::test(start_paused = true)]
    async fn a_probe_counts_toward_its_hosts_limit() {
        let p = Politeness::new(4, 1, Duration::ZERO, Arc::new(TokioSleeper));
        let probe = p.acquire("a:80", Lane::Probe).await;
        assert!(starts_now(&p, "a:80", Lane::Check).await.is_none(), "host a's one slot is its probe's");
        assert!(starts_now(&p, "b:80", Lane::Check).await.is_some(), "other hosts do not wait");
        drop(probe);
        assert!(starts_now(&p, "a:80", Lane::Check).await.is_some());
    }

    #[test]
    fn the_probe_lane_is_a_quarter_of_the_global_limit() {
        assert_eq!([0, 1, 4, 5, 16, 64].map(probe_slots), [1, 1, 1, 2, 4, 16]);
    }

    #[test]
    fn urls_are_started_one_host_at_a_time_in_turn() {
        let urls = [
            "https://a.org/1",
            "https://a.org/2",
            "https://a.org/3",
            "https://b.org/1",
            "http://c.org:8080?q",
            "https://b.org/2",
        ];
        let order: Vec<&str> = in_turn(&urls).into_iter().map(|i| urls[i]).collect();
        assert_eq!(
            order,
            [
                "https://a.org/1",
                "https://b.org/1",
                "http://c.org:8080?q",
                "https://a.org/2",
                "https://b.org/2",
                "https://a.org/3"
            ]
        );
        assert!(in_turn(&[] as &[&str]).is_empty());
    }

    #[test]
    fn host_keys_make_the_port_explicit() {
        let key = |s: &str| host_key(&reqwest::Url::parse(s).unwrap());
        assert_eq!(key("https://findings.org.uk/x"), "findings.org.uk:443");
        assert_eq!(key("http://127.0.0.1:8080/"), "127.0.0.1:8080");
        assert_eq!(key("http://Example.ORG/"), "example.org:80");
    }
}
