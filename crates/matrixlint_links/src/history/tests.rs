use super::*;
use std::path::Path;

const DAY: SignedDuration = SignedDuration::from_hours(20);

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn outcome(class: Class) -> Outcome {
    Outcome::new(class, Some(if class == Class::Broken { 404 } else { 200 }), "x")
}

fn run(h: &mut History, when: &str, rows: &[(&str, Class)]) {
    let outcomes: Vec<Outcome> = rows.iter().map(|(_, c)| outcome(*c)).collect();
    let records: Vec<Record<'_>> = rows
        .iter()
        .zip(&outcomes)
        .map(|((url, _), o)| Record { url, outcome: o, checked_at: at(when), cached: false })
        .collect();
    h.record(at(when), &records).unwrap();
}

#[test]
fn streaks_skip_transient_results_and_stop_at_a_success() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(&dir.path().join("sub/links.db"), Duration::ZERO).unwrap();
    let u = "https://x.org/a";
    run(&mut h, "2026-01-01T00:00:00Z", &[(u, Class::Ok)]);
    run(&mut h, "2026-01-08T00:00:00Z", &[(u, Class::Broken)]);
    run(&mut h, "2026-01-15T00:00:00Z", &[(u, Class::Timeout)]);
    run(&mut h, "2026-01-22T00:00:00Z", &[(u, Class::Broken)]);
    let p = &h.prior([u], DAY).unwrap()[u];
    assert_eq!(p.streak, 2);
    assert_eq!(p.failing_since, Some(at("2026-01-08T00:00:00Z")));
    assert_eq!(p.last_definite, Some(Class::Broken));
    assert_eq!(p.last_success.as_ref().map(|(t, o)| (*t, o.class)), Some((at("2026-01-01T00:00:00Z"), Class::Ok)));
    assert_eq!(h.runs().unwrap(), 4);
    assert_eq!(p.first_seen, Some(at("2026-01-01T00:00:00Z")));
}

#[test]
fn failing_audits_closer_than_the_interval_count_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(&dir.path().join("links.db"), Duration::ZERO).unwrap();
    let u = "https://x.org/a";
    run(&mut h, "2026-01-01T00:00:00Z", &[(u, Class::Ok)]);
    for when in ["2026-01-08T00:00:00Z", "2026-01-08T00:01:00Z", "2026-01-08T19:59:00Z", "2026-01-08T20:00:00Z"] {
        run(&mut h, when, &[(u, Class::Broken)]);
    }
    let p = &h.prior([u], DAY).unwrap()[u];
    // 00:00 counts; 00:01 and 19:59 are the same audit; 20:00 is 20 hours after the last that counted.
    assert_eq!(p.streak, 2);
    assert_eq!(p.last_counted, Some(at("2026-01-08T20:00:00Z")));
    assert_eq!(p.failing_since, Some(at("2026-01-08T00:00:00Z")));
    let every = &h.prior([u], SignedDuration::ZERO).unwrap()[u];
    assert_eq!(every.streak, 4, "with no interval every audit counts");
}

#[test]
fn unknown_urls_have_no_prior_and_history_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.db");
    let mut h = History::open(&path, Duration::ZERO).unwrap();
    run(&mut h, "2026-01-01T00:00:00Z", &[("https://x.org/a", Class::Redirected)]);
    drop(h);
    let h = History::open(&path, Duration::ZERO).unwrap();
    let prior = h.prior(["https://x.org/a", "https://x.org/b"], DAY).unwrap();
    assert_eq!(prior.len(), 1);
    assert_eq!(prior["https://x.org/a"].streak, 0);
    assert_eq!(prior["https://x.org/a"].last_definite, Some(Class::Redirected));
}

#[test]
fn a_corrupt_file_is_reported_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.db");
    std::fs::write(&path, b"this is not a database, it is a text file that someone saved here\n".repeat(100)).unwrap();
    let e = History::open(&path, Duration::ZERO).unwrap_err();
    assert!(matches!(e, HistoryError::Corrupt { .. }), "{e:?}");
    assert!(e.to_string().contains("move it away"), "{e}");
}

#[test]
fn a_locked_database_is_reported_as_locked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.db");
    drop(History::open(&path, Duration::ZERO).unwrap());
    let other = Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    let e = History::open(&path, Duration::ZERO).unwrap_err();
    assert!(matches!(e, HistoryError::Locked { .. }), "{e:?}");
}

#[test]
fn a_newer_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.db");
    let marked = format!("PRAGMA application_id = {}; PRAGMA user_version = 99;", open::APPLICATION_ID);
    Connection::open(&path).unwrap().execute_batch(&marked).unwrap();
    assert!(matches!(History::open(&path, Duration::ZERO), Err(HistoryError::Newer { found: 99, .. })));
}

#[test]
fn old_runs_are_pruned() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(&dir.path().join("links.db"), Duration::ZERO).unwrap();
    let start = at("2026-01-01T00:00:00Z");
    for i in 0..(KEEP_RUNS + 5) {
        let when = start + jiff::SignedDuration::from_hours(i);
        run(&mut h, &when.to_string(), &[("https://x.org/a", Class::Ok)]);
    }
    assert_eq!(h.runs().unwrap(), KEEP_RUNS);
    let left: i64 = h.conn.query_row("SELECT count(*) FROM results", [], |r| r.get(0)).unwrap();
    assert_eq!(left, KEEP_RUNS);
}

#[test]
fn the_trend_counts_classes_per_run_for_the_latest_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(&dir.path().join("links.db"), Duration::ZERO).unwrap();
    let (a, b) = ("https://x.org/a", "https://x.org/b");
    run(&mut h, "2026-01-01T00:00:00Z", &[(a, Class::Ok), (b, Class::Ok)]);
    run(&mut h, "2026-01-08T00:00:00Z", &[(a, Class::Ok), (b, Class::Broken)]);
    run(&mut h, "2026-01-15T00:00:00Z", &[(a, Class::Timeout), (b, Class::Broken)]);
    let trend = h.trend(2).unwrap();
    let shown: Vec<(String, Vec<(Class, usize)>)> =
        trend.iter().map(|r| (r.at.to_string(), r.classes.clone())).collect();
    assert_eq!(
        shown,
        [
            ("2026-01-08T00:00:00Z".to_owned(), vec![(Class::Broken, 1), (Class::Ok, 1)]),
            ("2026-01-15T00:00:00Z".to_owned(), vec![(Class::Broken, 1), (Class::Timeout, 1)]),
        ]
    );
}

#[test]
fn archive_answers_are_cached_and_misses_expire() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(&dir.path().join("links.db"), Duration::ZERO).unwrap();
    let asked = at("2026-01-01T00:00:00Z");
    let found = Snapshot { url: "https://web.archive.org/web/2026/x".into(), timestamp: at("2025-12-30T00:00:00Z") };
    let answers = vec![
        (("https://x.org/a".to_owned(), asked), Some(found.clone())),
        (("https://x.org/b".to_owned(), asked), None),
    ];
    h.store_archived(&answers, at("2026-02-01T00:00:00Z")).unwrap();
    let keys: Vec<(String, Timestamp)> = answers.iter().map(|(k, _)| k.clone()).collect();
    let soon = h.archived(&keys, at("2026-02-10T00:00:00Z")).unwrap();
    assert_eq!(soon.len(), 2);
    assert_eq!(soon[&keys[0]], Some(found.clone()));
    assert_eq!(soon[&keys[1]], None, "a cached \"no snapshot\"");
    let later = h.archived(&keys, at("2026-04-01T00:00:00Z")).unwrap();
    assert_eq!(later.len(), 1, "a miss is asked again after 30 days; a snapshot is kept");
    assert_eq!(later[&keys[0]], Some(found));
}

#[test]
fn read_only_opening_reads_the_latest_result_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.db");
    assert!(History::open_read_only(&path).is_err(), "a missing database is not created");
    assert!(!path.exists());
    let mut h = History::open(&path, Duration::ZERO).unwrap();
    let u = "https://x.org/a";
    run(&mut h, "2026-01-01T00:00:00Z", &[(u, Class::Ok)]);
    run(&mut h, "2026-01-08T00:00:00Z", &[(u, Class::Broken)]);
    let reader = History::open_read_only(&path).unwrap();
    let (at_, outcome) = reader.latest(u).unwrap().unwrap();
    assert_eq!((at_, outcome.class), (at("2026-01-08T00:00:00Z"), Class::Broken));
    assert_eq!(reader.latest("https://never.seen/").unwrap(), None);
    assert!(reader.prior([u], DAY).unwrap()[u].failing_since.is_some());
}

/// Another program's SQLite database, as it would be on disk.
fn foreign_database(path: &Path, user_version: i64) -> (Vec<u8>, std::time::SystemTime) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(&format!(
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('keep me');
         PRAGMA user_version = {user_version};"
    ))
    .unwrap();
    drop(conn);
    (std::fs::read(path).unwrap(), std::fs::metadata(path).unwrap().modified().unwrap())
}

#[test]
fn another_programs_database_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    for user_version in [0, 2] {
        let path = dir.path().join(format!("other-{user_version}.db"));
        let (bytes, mtime) = foreign_database(&path, user_version);
        let e = History::open(&path, Duration::ZERO).unwrap_err();
        assert!(matches!(e, HistoryError::Foreign { .. }), "{e:?}");
        assert!(e.to_string().contains("not a matrixlint link history"), "{e}");
        assert!(matches!(History::open_read_only(&path), Err(HistoryError::Foreign { .. })));
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "byte for byte unchanged");
        assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), mtime);
        let beside: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert!(
            beside.iter().all(|n| !n.to_string_lossy().contains("-journal") && !n.to_string_lossy().contains("-wal"))
        );
    }
    // Through a symbolic link named links.db, too.
    let link = dir.path().join("links.db");
    std::os::unix::fs::symlink(dir.path().join("other-0.db"), &link).unwrap();
    assert!(matches!(History::open(&link, Duration::ZERO), Err(HistoryError::Foreign { .. })));
}

#[test]
fn a_new_history_carries_matrixlints_application_id() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.db");
    drop(History::open(&path, Duration::ZERO).unwrap());
    let header = std::fs::read(&path).unwrap();
    assert_eq!(&header[68..72], b"MLnk");
    assert_eq!(open::identify(&path).unwrap(), Found::History { legacy: false });
}

#[test]
fn a_history_written_before_the_application_id_is_kept_and_marked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.db");
    // Format 2 as the previous release wrote it: the tables and user_version, no application id.
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(&format!("{SCHEMA} PRAGMA user_version = 2;")).unwrap();
    conn.execute("INSERT INTO runs (started_at, urls) VALUES ('2026-01-01T00:00:00Z', 0)", []).unwrap();
    drop(conn);
    assert_eq!(open::identify(&path).unwrap(), Found::History { legacy: true });
    let bytes = std::fs::read(&path).unwrap();
    let reader = History::open_read_only(&path).unwrap();
    assert_eq!(reader.runs().unwrap(), 1);
    drop(reader);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "reading marks nothing");
    let h = History::open(&path, Duration::ZERO).unwrap();
    assert_eq!(h.runs().unwrap(), 1, "its runs are kept");
    assert_eq!(&std::fs::read(&path).unwrap()[68..72], b"MLnk");
}

#[test]
fn what_is_not_a_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let null = dir.path().join("null.db");
    std::os::unix::fs::symlink("/dev/null", &null).unwrap();
    let e = History::open(&null, Duration::ZERO).unwrap_err();
    assert!(e.to_string().contains("is a character device, not a file"), "{e}");
    let dangling = dir.path().join("dangling.db");
    std::os::unix::fs::symlink(dir.path().join("nowhere/links.db"), &dangling).unwrap();
    assert!(matches!(History::open(&dangling, Duration::ZERO), Err(HistoryError::NotAFile { .. })));
    assert!(!dir.path().join("nowhere").exists(), "nothing is created through a dangling link");
    assert!(matches!(History::open(dir.path(), Duration::ZERO), Err(HistoryError::NotAFile { .. })));
    // A FIFO with no writer: refused at once, never opened in a way that blocks (reading or writing).
    let fifo = dir.path().join("fifo.db");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let e = History::open_read_only(&fifo).unwrap_err();
    assert!(e.to_string().contains("is a named pipe (FIFO), not a file"), "{e}");
    assert!(matches!(History::open(&fifo, Duration::ZERO), Err(HistoryError::NotAFile { .. })));
}

#[test]
fn a_read_only_history_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("links.db");
    drop(History::open(&path, Duration::ZERO).unwrap());
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms).unwrap();
    let writable = std::fs::OpenOptions::new().append(true).open(&path).is_ok();
    let opened = History::open(&path, Duration::ZERO);
    if writable {
        // Running as root: permissions do not stop writes, so the history opens.
        assert!(opened.is_ok(), "{opened:?}");
    } else {
        assert!(matches!(opened, Err(HistoryError::ReadOnly { .. })), "{opened:?}");
    }
    assert!(History::open_read_only(&path).is_ok(), "reading needs no write permission");
}

#[test]
fn a_url_recorded_twice_in_one_run_keeps_its_last_result() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = History::open(&dir.path().join("links.db"), Duration::ZERO).unwrap();
    let u = "https://x.org/twice";
    run(&mut h, "2026-01-01T00:00:00Z", &[(u, Class::Ok), (u, Class::Broken)]);
    let p = &h.prior([u], DAY).unwrap()[u];
    assert_eq!(p.last_definite, Some(Class::Broken));
    assert_eq!(p.streak, 1);
    assert!(p.last_success.is_none());
    assert_eq!(h.runs().unwrap(), 1);
}
