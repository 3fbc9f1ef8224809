//! Politeness and deduplication, counted at the server: per-host and global
//! limits, the per-host interval, and one request per distinct URL. The
//! limit tests turn soft-404 probes off so that they count URL requests
//! alone; `tests/links_soft404.rs` checks that probes obey the same limits.

use std::sync::Arc;

use crate::links_support::{HoldPlan, Server, TestLookup, audit, corpus, sleeper};
use matrixlint::config::links::{LinksConfig, Soft404};
use matrixlint_links::classify::Class;
use matrixlint_links::client::{Checker, Env};

async fn check_all(config: &LinksConfig, urls: Vec<String>) -> Vec<Class> {
    let env = Env { lookup: Arc::new(TestLookup), sleeper: sleeper() };
    let (checker, _) = Checker::new(config, true, env).unwrap();
    let checker = Arc::new(checker);
    checker.check_all(urls, |_, _| {}).await.into_iter().map(|(_, o)| o.class).collect()
}

fn urls(s: &Server, hosts: &[&str], per_host: usize) -> Vec<String> {
    hosts.iter().flat_map(|h| (0..per_host).map(move |i| s.url_as(h, &format!("/hold/{i}")))).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_host_gets_more_than_its_limit_and_each_gets_it() {
    let s = Server::start().await;
    let hosts = ["a.test", "b.test", "c.test"];
    // A host's requests are held until two are in flight: a checker allowing
    // fewer would never finish, one allowing more is caught by the count.
    s.plan_holds(HoldPlan { host_release: 2, per_host: 6, all_release: usize::MAX, all: 18 });
    let config = LinksConfig {
        concurrency: 16,
        per_host_concurrency: 2,
        per_host_interval_ms: 0,
        soft_404: Soft404::Off,
        ..Default::default()
    };
    let classes = check_all(&config, urls(&s, &hosts, 6)).await;
    assert!(classes.iter().all(|c| *c == Class::Ok), "{classes:?}");
    let max = s.max_inflight();
    assert_eq!(max.len(), 3);
    assert!(max.values().all(|&m| m == 2), "{max:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_global_limit_holds_across_hosts() {
    let s = Server::start().await;
    s.plan_holds(HoldPlan { host_release: usize::MAX, per_host: usize::MAX, all_release: 3, all: 12 });
    let config = LinksConfig {
        concurrency: 3,
        per_host_concurrency: 4,
        per_host_interval_ms: 0,
        soft_404: Soft404::Off,
        ..Default::default()
    };
    let classes = check_all(&config, urls(&s, &["a.test", "b.test", "c.test"], 4)).await;
    assert!(classes.iter().all(|c| *c == Class::Ok), "{classes:?}");
    assert_eq!(s.max_inflight_all(), 3);
}

#[tokio::test]
async fn requests_to_one_host_wait_for_the_interval() {
    let s = Server::start().await;
    let waits = sleeper();
    let env = Env { lookup: Arc::new(TestLookup), sleeper: Arc::clone(&waits) as _ };
    let config = LinksConfig {
        per_host_concurrency: 1,
        per_host_interval_ms: 60_000,
        soft_404: Soft404::Off,
        ..Default::default()
    };
    let (checker, _) = Checker::new(&config, true, env).unwrap();
    let checker = Arc::new(checker);
    let urls = vec![s.url("/ok"), s.url("/also-ok"), s.url("/chain/3"), s.url_as("other.test", "/ok")];
    checker.check_all(urls, |_, _| {}).await;
    // The recording sleeper returns at once, so the waits asked for grow by
    // the interval: the 2nd request to 127.0.0.1 waits about a minute, the
    // 3rd about two; the other host's first request waits for nothing.
    let mut asked = waits.waits();
    asked.sort();
    assert_eq!(asked.len(), 2, "{asked:?}");
    assert!(asked[0] > std::time::Duration::from_secs(50) && asked[0] <= std::time::Duration::from_secs(60));
    assert!(asked[1] > std::time::Duration::from_secs(110) && asked[1] <= std::time::Duration::from_secs(120));
}

#[test]
fn each_distinct_url_is_fetched_once_however_often_it_is_used() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(Server::start());
    let dir = tempfile::tempdir().unwrap();
    let ok = s.url("/ok");
    corpus(
        dir.path(),
        "links:\n  per-host-interval-ms: 0\n",
        &[
            ("cells/drug/B2.yaml", vec![ok.clone(), ok.clone(), format!("{ok}#section"), s.url("/missing")]),
            ("cells/drug/B3.yaml", vec![ok.clone(), s.url("/missing")]),
        ],
    );
    let (audit, _) = audit(dir.path(), "2026-11-26T10:00:00Z", false);
    assert_eq!(audit.results.len(), 2);
    let ok_result = audit.results.iter().find(|r| r.target.url == ok).unwrap();
    assert_eq!(ok_result.target.places.len(), 4);
    assert_eq!(s.methods("/ok"), ["HEAD"]);
    assert_eq!(s.methods("/missing"), ["HEAD", "GET"]);
}

#[tokio::test]
async fn a_host_keeps_its_own_interval_and_method() {
    let s = Server::start().await;
    let waits = sleeper();
    let env = Env { lookup: Arc::new(TestLookup), sleeper: Arc::clone(&waits) as _ };
    let config: LinksConfig = serde_json::from_value(serde_json::json!({
        "per-host-interval-ms": 0,
        "soft-404": "off",
        "hosts": {"slow.test": {"interval-ms": 60_000, "concurrency": 1, "method": "get"}}
    }))
    .unwrap();
    let (checker, _) = Checker::new(&config, true, env).unwrap();
    let checker = Arc::new(checker);
    let urls = vec![s.url_as("slow.test", "/ok"), s.url_as("slow.test", "/also-ok"), s.url_as("fast.test", "/chain/3")];
    let classes: Vec<Class> = checker.check_all(urls, |_, _| {}).await.into_iter().map(|(_, o)| o.class).collect();
    assert!(classes.iter().all(|c| *c == Class::Ok), "{classes:?}");
    let asked = waits.waits();
    assert_eq!(asked.len(), 1, "only slow.test's second request waits: {asked:?}");
    assert!(asked[0] > std::time::Duration::from_secs(50), "{asked:?}");
    assert_eq!(s.methods("/ok"), ["GET"], "slow.test is asked with GET");
    assert_eq!(s.methods("/chain/3"), ["HEAD"], "other hosts with HEAD");
}
