//! The end of an audit: the history is written while the report is
//! rendered, and a recording that fails is in the report all the same.
//! A local server answers every URL; the test holds the history's lock
//! from the moment the checks end, so the recording fails at a point the
//! test decides, not a clock.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use matrixlint::app::links::{LinksEnv, LinksRequest, Progress, links, links_with};
use matrixlint_links::history::History;

/// Takes the history's exclusive lock when the checks are done, if asked to.
struct LockWhenDone {
    history: PathBuf,
    lock: bool,
    held: Mutex<Option<rusqlite::Connection>>,
}

impl Progress for LockWhenDone {
    fn start(&self, _: u64) {}
    fn checked(&self, _: &str) {}
    fn finish(&self) {
        if self.lock {
            let conn = rusqlite::Connection::open(&self.history).unwrap();
            conn.execute_batch("BEGIN EXCLUSIVE").unwrap();
            *self.held.lock().unwrap() = Some(conn);
        }
    }
}

fn corpus(dir: &Path, addr: std::net::SocketAddr) {
    std::fs::write(dir.join("matrixlint.yaml"), "links:\n  per-host-interval-ms: 0\n  soft-404: off\n").unwrap();
    std::fs::create_dir_all(dir.join("cells/drug")).unwrap();
    let entry =
        |n: u32| format!("  - tier: K\n    title: \"Study {n}\"\n    year: 2001\n    url: \"http://{addr}/doc/{n}\"\n");
    let text = format!("matrix: drug\ncell: B2\ntitle: \"Bench\"\nentries:\n{}{}", entry(1), entry(2));
    std::fs::write(dir.join("cells/drug/B2.yaml"), text).unwrap();
}

fn request(dir: &Path) -> LinksRequest {
    LinksRequest {
        cwd: dir.to_owned(),
        root: Some(dir.to_owned()),
        paths: Vec::new(),
        no_cache: true,
        allow_private: true,
        history: None,
        config: None,
        suggest: false,
    }
}

fn env(progress: Arc<dyn Progress>) -> LinksEnv {
    LinksEnv { history_busy: std::time::Duration::ZERO, progress, ..LinksEnv::default() }
}

/// Runs the audit, rendering its warnings as the report; returns the report
/// and the audit's history error.
fn audit(dir: &Path, lock: bool) -> (String, Option<String>, Arc<LockWhenDone>) {
    let progress = Arc::new(LockWhenDone { history: dir.join(".matrixlint/links.db"), lock, held: Mutex::default() });
    let shown = |audit: &matrixlint_links::audit::Audit, _: &Path, _: Option<&_>| audit.warnings.join("\n");
    let (audit, _, report) = links_with(&request(dir), env(Arc::clone(&progress) as Arc<dyn Progress>), false, shown)
        .expect("the audit runs");
    (report, audit.history_error, progress)
}

#[test]
fn a_recording_that_fails_while_the_report_renders_is_in_the_report() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let addr = rt.block_on(crate::links_support::serve_local(axum::Router::new().fallback(|| async { "ok" })));
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path(), addr);

    let (report, error, _held) = audit(dir.path(), true);
    assert!(report.contains("this audit was not recorded in the link history"), "{report}");
    assert!(error.as_deref().is_some_and(|e| e.contains("locked")), "{error:?}");
    drop(_held);

    let (report, error, _) = audit(dir.path(), false);
    assert!(!report.contains("not recorded"), "{report}");
    assert_eq!(error, None);
    // Only the second audit is in the history.
    assert_eq!(History::open_read_only(&dir.path().join(".matrixlint/links.db")).unwrap().runs().unwrap(), 1);
    // The library's audit carries the trend the HTML report draws, this audit included.
    let (audit, _) = links(&request(dir.path()), env(Arc::new(matrixlint::app::links::NoProgress))).unwrap();
    assert_eq!(audit.trend.len(), 2, "{:?}", audit.trend);
}
