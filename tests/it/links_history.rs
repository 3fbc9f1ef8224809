//! History across audits, with an injected clock: newly broken, then dead,
//! then recovered; successes reused until they are too old; a corrupt or
//! locked database is reported and the audit still runs (the binary then exits 2).

use crate::links_support::{Server, audit, corpus};
use matrixlint::config::links::Action;
use matrixlint_links::audit::{Audit, LinkResult, State};
use matrixlint_links::classify::Class;

const CONFIG: &str = "links:\n  per-host-interval-ms: 0\n";

fn result<'a>(audit: &'a Audit, url: &str) -> &'a LinkResult {
    audit.results.iter().find(|r| r.target.url == url).unwrap_or_else(|| panic!("no result for {url}"))
}

fn at(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

fn start() -> (tokio::runtime::Runtime, Server, tempfile::TempDir) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt.block_on(Server::start());
    (rt, server, tempfile::tempdir().unwrap())
}

#[test]
fn broken_links_become_dead_after_two_audits_and_recover() {
    let (_rt, s, dir) = start();
    let (missing, switch) = (s.url("/missing"), s.url("/switch"));
    corpus(dir.path(), CONFIG, &[("cells/drug/B2.yaml", vec![missing.clone(), switch.clone()])]);
    *s.seen.switch.lock().unwrap() = Some(404);

    let (first, _) = audit(dir.path(), "2026-11-01T06:00:00Z", false);
    assert!(first.history);
    assert_eq!(result(&first, &missing).state, State::NewlyBroken { failures: 1, since: at("2026-11-01T06:00:00Z") });
    assert_eq!(result(&first, &missing).action, Action::Warn);
    assert!(!first.fails(), "a first failure is a warning");

    let (second, _) = audit(dir.path(), "2026-11-08T06:00:00Z", false);
    assert_eq!(result(&second, &missing).state, State::Dead { failures: 2, since: at("2026-11-01T06:00:00Z") });
    assert_eq!(result(&second, &missing).action, Action::Fail);
    assert!(second.fails());

    *s.seen.switch.lock().unwrap() = Some(200);
    let (third, _) = audit(dir.path(), "2026-11-15T06:00:00Z", false);
    assert_eq!(result(&third, &switch).state, State::Recovered { since: Some(at("2026-11-01T06:00:00Z")) });
    assert_eq!(result(&third, &missing).state, State::Dead { failures: 3, since: at("2026-11-01T06:00:00Z") });
    // Failures are never reused: every audit asked again.
    assert_eq!(s.methods("/missing").len(), 6);
}

#[test]
fn audits_closer_together_than_the_interval_count_once() {
    let (_rt, s, dir) = start();
    let missing = s.url("/missing");
    corpus(dir.path(), CONFIG, &[("cells/drug/B2.yaml", vec![missing.clone()])]);
    let since = at("2026-11-01T06:00:00Z");
    for (when, state) in [
        ("2026-11-01T06:00:00Z", State::NewlyBroken { failures: 1, since }),
        // A re-run a minute later, and one the same evening: the same audit, as far as "dead" goes.
        ("2026-11-01T06:01:00Z", State::NewlyBroken { failures: 1, since }),
        ("2026-11-01T21:00:00Z", State::NewlyBroken { failures: 1, since }),
        // 20 hours after the first: a second failing audit.
        ("2026-11-02T02:00:00Z", State::Dead { failures: 2, since }),
    ] {
        let (a, _) = audit(dir.path(), when, false);
        assert_eq!(result(&a, &missing).state, state, "{when}");
    }
}

#[test]
fn transient_failures_neither_count_nor_reset_the_streak() {
    let (_rt, s, dir) = start();
    let switch = s.url("/switch");
    corpus(dir.path(), &format!("{CONFIG}  retries: 0\n"), &[("cells/drug/B2.yaml", vec![switch.clone()])]);
    for (when, status, state) in [
        ("2026-11-01T00:00:00Z", 410, State::NewlyBroken { failures: 1, since: at("2026-11-01T00:00:00Z") }),
        ("2026-11-08T00:00:00Z", 503, State::Current),
        ("2026-11-15T00:00:00Z", 410, State::Dead { failures: 2, since: at("2026-11-01T00:00:00Z") }),
    ] {
        *s.seen.switch.lock().unwrap() = Some(status);
        let (a, _) = audit(dir.path(), when, false);
        assert_eq!(result(&a, &switch).state, state, "{when}");
    }
}

#[test]
fn successes_are_reused_for_a_day_unless_no_cache() {
    let (_rt, s, dir) = start();
    let ok = s.url("/ok");
    corpus(dir.path(), CONFIG, &[("cells/drug/B2.yaml", vec![ok.clone()])]);
    let (a, _) = audit(dir.path(), "2026-11-01T00:00:00Z", false);
    assert!(!result(&a, &ok).cached);
    let (b, _) = audit(dir.path(), "2026-11-01T23:00:00Z", false);
    assert!(result(&b, &ok).cached);
    assert_eq!(result(&b, &ok).checked_at, at("2026-11-01T00:00:00Z"), "a reused result keeps its check time");
    assert_eq!(s.hits("/ok"), 1);
    // Reuse does not renew itself: 25 hours after the real check it has expired.
    let (c, _) = audit(dir.path(), "2026-11-02T01:00:00Z", false);
    assert!(!result(&c, &ok).cached);
    assert_eq!(s.hits("/ok"), 2);
    let (d, _) = audit(dir.path(), "2026-11-02T02:00:00Z", true);
    assert!(!result(&d, &ok).cached);
    assert_eq!(s.hits("/ok"), 3, "--no-cache fetches again");
}

#[test]
fn a_corrupt_database_is_reported_and_the_audit_runs_without_history() {
    let (_rt, s, dir) = start();
    let missing = s.url("/missing");
    corpus(dir.path(), CONFIG, &[("cells/drug/B2.yaml", vec![missing.clone()])]);
    std::fs::create_dir_all(dir.path().join(".matrixlint")).unwrap();
    std::fs::write(dir.path().join(".matrixlint/links.db"), "not a database\n".repeat(500)).unwrap();
    let (a, _) = audit(dir.path(), "2026-11-01T00:00:00Z", false);
    assert!(!a.history);
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert!(a.warnings[0].contains("is not a usable link history"), "{}", a.warnings[0]);
    // Reported, and (the binary) exits 2: without history no link can ever become dead.
    assert!(a.history_error.as_deref().is_some_and(|e| e.contains("is not a usable link history")));
    assert_eq!(result(&a, &missing).outcome.class, Class::Broken);
    // The file is left as it was, for a person to look at.
    assert!(std::fs::read_to_string(dir.path().join(".matrixlint/links.db")).unwrap().starts_with("not a database"));
}

#[test]
fn a_locked_database_is_reported_and_the_audit_runs_without_history() {
    let (_rt, s, dir) = start();
    let ok = s.url("/ok");
    corpus(dir.path(), CONFIG, &[("cells/drug/B2.yaml", vec![ok.clone()])]);
    let (first, _) = audit(dir.path(), "2026-11-01T00:00:00Z", false);
    assert!(first.history);
    let other = rusqlite::Connection::open(dir.path().join(".matrixlint/links.db")).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let (a, _) = audit(dir.path(), "2026-11-01T01:00:00Z", false);
    assert!(!a.history);
    assert!(a.warnings[0].contains("is locked by another process"), "{:?}", a.warnings);
    assert!(a.history_error.is_some());
    assert_eq!(result(&a, &ok).outcome.class, Class::Ok);
    assert!(!result(&a, &ok).cached, "without history nothing is reused");
}
