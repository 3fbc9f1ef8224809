//! A dead network is not a dead link (issue 8, item 7): an audit in which
//! nothing resolves or answers exits 2 and records nothing; "name not
//! found" is `broken` only while other names resolve; a request that never
//! reaches its host waits for no per-host interval.

use std::sync::Arc;
use std::time::Duration;

use crate::links_support::{Offline, Server, TestLookup, corpus, sleeper, try_audit};
use matrixlint::app::links::LinksError;
use matrixlint::config::links::LinksConfig;
use matrixlint_links::audit::State;
use matrixlint_links::classify::{Class, Reason};
use matrixlint_links::client::{Checker, Env};

const CONFIG: &str = "links:\n  per-host-interval-ms: 500\n";

fn urls() -> Vec<String> {
    (0..5).map(|i| format!("https://findings.org.uk/docs/{i}.pdf")).chain(["https://doi.org/10.1/x".into()]).collect()
}

#[test]
fn with_no_network_the_audit_cannot_happen_and_nothing_counts_toward_dead() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), CONFIG, &[("cells/drug/B2.yaml", urls())]);
    for when in ["2026-11-01T06:00:00Z", "2026-11-08T06:00:00Z", "2026-11-15T06:00:00Z"] {
        let waits = sleeper();
        let e = try_audit(dir.path(), when, false, Arc::new(Offline), &waits).unwrap_err();
        assert!(matches!(e, LinksError::NoNetwork { urls: 6, .. }), "{e:?}");
        let message = e.to_string();
        assert!(message.starts_with("no network: 6 links to check, but no host could be resolved"), "{message}");
        assert!(message.contains("2 host names did not resolve"), "{message}");
        assert!(message.contains("nothing was recorded"), "{message}");
        assert!(waits.waits().is_empty(), "nothing waited for hosts it never reached: {:?}", waits.waits());
    }
    // Nothing was recorded: the first audit with a network starts afresh.
    let db = rusqlite::Connection::open(dir.path().join(".matrixlint/links.db")).unwrap();
    let runs: i64 = db.query_row("SELECT count(*) FROM runs", [], |r| r.get(0)).unwrap();
    assert_eq!(runs, 0);
}

#[test]
fn an_unknown_name_is_broken_only_while_other_names_resolve() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let s = rt.block_on(Server::start());
    let dir = tempfile::tempdir().unwrap();
    let (ok, nowhere) = (s.url_as("docs.test", "/ok"), "https://no-such-host.example/paper.pdf".to_owned());
    corpus(dir.path(), CONFIG, &[("cells/drug/B2.yaml", vec![ok.clone(), nowhere.clone()])]);
    let audit = try_audit(dir.path(), "2026-11-01T06:00:00Z", false, Arc::new(TestLookup), &sleeper()).unwrap();
    let find = |url: &str| audit.results.iter().find(|r| r.target.url == url).unwrap();
    assert_eq!(find(&ok).outcome.class, Class::Ok);
    let unknown = find(&nowhere);
    assert_eq!((unknown.outcome.class, unknown.outcome.reason), (Class::Broken, Some(Reason::UnknownHost)));
    assert_eq!(unknown.state, State::NewlyBroken { failures: 1, since: "2026-11-01T06:00:00Z".parse().unwrap() });

    // Only an address literal answers: no name resolved, so the unknown name says nothing.
    let dir = tempfile::tempdir().unwrap();
    let literal = s.url("/ok");
    corpus(dir.path(), CONFIG, &[("cells/drug/B2.yaml", vec![literal.clone(), nowhere.clone()])]);
    let audit = try_audit(dir.path(), "2026-11-01T06:00:00Z", false, Arc::new(Offline), &sleeper()).unwrap();
    let unknown = audit.results.iter().find(|r| r.target.url == nowhere).unwrap();
    assert_eq!(unknown.outcome.class, Class::Network, "{:?}", unknown.outcome);
    assert!(unknown.outcome.detail.contains("the resolver may be failing"), "{}", unknown.outcome.detail);
    assert_eq!(unknown.state, State::Current);
}

#[tokio::test]
async fn a_request_that_never_reaches_its_host_waits_for_no_interval() {
    let waits = sleeper();
    let env = Env { lookup: Arc::new(Offline), sleeper: Arc::clone(&waits) as _ };
    let config = LinksConfig { per_host_concurrency: 1, per_host_interval_ms: 60_000, ..Default::default() };
    let (checker, _) = Checker::new(&config, false, env).unwrap();
    let checker = Arc::new(checker);
    let outcomes = checker.check_all(urls(), |_, _| {}).await;
    assert!(outcomes.iter().all(|(_, o)| o.class == Class::Broken && o.requests == 0), "{outcomes:?}");
    assert_eq!(waits.waits(), Vec::<Duration>::new());
    let net = checker.net();
    assert_eq!((net.names_failed, net.names_resolved, net.connections, net.answers), (2, 0, 0, 0));
}
