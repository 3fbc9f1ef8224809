//! The evidence audit's cached answers for the link report's "Evidence"
//! section: read from the history database the link audit uses, never a
//! request; nothing when the evidence audit has not answered for any
//! audited entry.

use jiff::Timestamp;

use super::prepare::Prepared;
use crate::evidence::audit::{self, Settings};
use crate::evidence::cache::Cache;
use crate::report::links::evidence::EvidenceSection;

/// Any cached answer is used, however old: the section shows its date.
const ANY_AGE_DAYS: u64 = 36_500;

/// The section's data, when the history holds answers for the audited entries.
pub(super) fn section(p: &Prepared, now: Timestamp) -> Option<EvidenceSection> {
    let cache = Cache::open_read_only(&p.history_path, ANY_AGE_DAYS).ok()?;
    let entries = crate::app::evidence::entries(&p.loaded);
    let (audit, _) = audit::run(entries, None, Some(&cache), &Settings::default(), now);
    if audit.entries.iter().all(|c| c.answered.is_none()) {
        return None;
    }
    let diagnostics = crate::evidence::findings::judged(&audit, &p.loaded, &p.linter);
    Some(EvidenceSection { audit, diagnostics })
}
