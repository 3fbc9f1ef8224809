//! The end of an audit: recording it in the link history and showing it.
//!
//! Writing a few thousand results to SQLite takes as long as rendering
//! them (milliseconds each), and neither needs the other, except that a
//! failed recording is itself reported. So, for every report but the HTML
//! one (which shows the trend, read back once this audit is in), the
//! history is written on a thread of its own while the report is rendered,
//! and the report is rendered again, with the failure in it, in the rare
//! run whose recording failed.

use std::path::Path;

use crate::links::audit::{self, Audit, RunSummary};
use crate::links::history::{History, HistoryError};
use crate::report::links::evidence::EvidenceSection;

/// Recent audits the HTML chart shows.
const TREND_RUNS: usize = 12;

/// Records `audit` in `history`, then renders it with `show`; with `html`
/// the trend (this audit included) is read into it first.
pub(super) fn record_and_show<R>(
    history: Option<&mut History>,
    audit: &mut Audit,
    html: bool,
    section: Option<&EvidenceSection>,
    root: &Path,
    show: impl Fn(&Audit, &Path, Option<&EvidenceSection>) -> R,
) -> R {
    let Some(history) = history else { return show(audit, root, section) };
    if html {
        match history.record(audit.now, &audit::records(&audit.results)) {
            Ok(()) => audit.trend = trend(history),
            Err(e) => not_recorded(audit, &e),
        }
        return show(audit, root, section);
    }
    let (shown, recorded) = std::thread::scope(|scope| {
        let (now, results) = (audit.now, &audit.results);
        let recording = scope.spawn(move || history.record(now, &audit::records(results)));
        let shown = show(audit, root, section);
        (shown, recording.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    match recorded {
        Ok(()) => shown,
        Err(e) => {
            not_recorded(audit, &e);
            show(audit, root, section)
        }
    }
}

fn trend(history: &History) -> Vec<RunSummary> {
    history.trend(TREND_RUNS).unwrap_or_default()
}

/// What a run whose recording failed says, and why.
fn not_recorded(audit: &mut Audit, e: &HistoryError) {
    audit.warnings.push(format!(
        "this audit was not recorded in the link history: {e}. The next audit cannot count this one's failures"
    ));
    audit.history_error = Some(e.to_string());
}
