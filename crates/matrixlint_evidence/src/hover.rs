//! What an editor's hover shows on an entry's identifier (its `doi`,
//! `pmid`, or the link one was read from): the identifiers, where each came
//! from, and what the last evidence audits learnt, with the date of the
//! answer. Read from the cache only: a hover never sends a request.

use std::path::Path;
use std::sync::Arc;

use jiff::Timestamp;

use super::audit::{self, Settings};
use super::cache::Cache;
use super::{EvidenceEntry, collect, findings};
use crate::source::{Node, SourceFile};

/// Any cached answer is shown, however old: its date says how old.
const ANY_AGE_DAYS: u64 = 36_500;

fn covers(entry: &EvidenceEntry, offset: usize) -> bool {
    let spans = [entry.doi.as_ref(), entry.pmid.as_ref(), entry.pmcid.as_ref()];
    spans.into_iter().flatten().any(|i| i.span.start <= offset && offset <= i.span.end)
}

/// The hover text for the identifier at `offset`, if there is one there.
#[must_use]
pub fn describe(file: &Arc<SourceFile>, root: &Node, offset: usize, history: &Path, now: Timestamp) -> Option<String> {
    let entry = collect([(file, root)]).into_iter().find(|e| covers(e, offset))?;
    let ids: Vec<String> = [("DOI", &entry.doi), ("PMID", &entry.pmid), ("PMCID", &entry.pmcid)]
        .iter()
        .filter_map(|(k, i)| i.as_ref().map(|i| format!("{k} `{}` ({})", i.value, i.source.as_str())))
        .collect();
    let head = format!("**Evidence**: {}", ids.join(", "));
    let Ok(cache) = Cache::open_read_only(history, ANY_AGE_DAYS) else {
        return Some(format!(
            "{head}\n\nNot audited yet: `matrixlint evidence` keeps its answers in `{}`.",
            history.display()
        ));
    };
    let (audit, _) = audit::run(vec![entry], None, Some(&cache), &Settings::default(), now);
    let checked = audit.entries.first()?;
    let Some(at) = checked.answered else {
        return Some(format!("{head}\n\nNo evidence audit has asked about this work yet."));
    };
    let mut out = format!("{head}\n\nAnswers of {}:", at.strftime("%Y-%m-%d"));
    let found = findings::of(checked);
    for d in &found {
        out.push_str(&format!("\n- `{}`: {}", d.rule.name, d.message));
    }
    for u in &checked.status.unknown {
        out.push_str(&format!("\n- unknown: {u}"));
    }
    if found.is_empty() && checked.status.unknown.is_empty() {
        out.push_str(" no retraction, concern, correction or newer version recorded.");
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::Service;
    use crate::status::{Notice, NoticeKind, Status};

    #[test]
    fn an_identifier_shows_the_cached_status_with_its_date() {
        let dir = tempfile::tempdir().unwrap();
        let history = dir.path().join("links.db");
        let text =
            "matrix: drug\ncell: B2\nentries:\n  - tier: R\n    title: A\n    year: 2015\n    doi: \"10.5555/x\"\n";
        let file = Arc::new(SourceFile::new("c.yaml", "c.yaml", text));
        let root = crate::source::yaml::load(text).unwrap();
        let at = text.find("10.5555").unwrap();
        let now: Timestamp = "2026-11-02T00:00:00Z".parse().unwrap();
        let before = describe(&file, &root, at, &history, now).unwrap();
        assert!(before.contains("Not audited yet"), "{before}");
        assert_eq!(describe(&file, &root, text.find("title").unwrap(), &history, now), None, "not on an identifier");
        let mut cache = Cache::open(&history, std::time::Duration::ZERO, 7, false).unwrap();
        let mut s = Status::default();
        s.add_notice(Notice {
            kind: NoticeKind::Retraction,
            label: "Retraction".into(),
            doi: Some("10.5555/n".into()),
            pmid: None,
            date: Some("2021-03-04".into()),
            source: "retraction-watch".into(),
            is_the_notice: false,
        });
        cache
            .put(Service::Crossref, &[("10.5555/x".to_owned(), Some(s))], "2026-11-01T06:00:00Z".parse().unwrap())
            .unwrap();
        let after = describe(&file, &root, at, &history, now).unwrap();
        assert_eq!(
            after,
            "**Evidence**: DOI `10.5555/x` (written on the entry)\n\nAnswers of 2026-11-01:\n- `retracted`: the work was retracted: Retraction, DOI 10.5555/n, 2021-03-04 (reported by Retraction Watch)"
        );
    }
}
