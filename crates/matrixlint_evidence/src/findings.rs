//! What an audited entry's status means, as registry findings: each at the
//! place its identifier (or year, or free source) is written, so that
//! levels, suppressions and every output format apply as for `check`.

use std::collections::HashMap;
use std::path::Path;

use matrixlint_engine::lint::{Linter, Loaded};

use super::EvidenceEntry;
use super::audit::{self, Checked, EvidenceAudit, Settings};
use super::cache::Cache;
use super::status::{Notice, NoticeKind, Status, Version};
use crate::diagnostic::{Diagnostic, Edit, RuleInfo};
use crate::rules;

/// The rules this audit reports (never by `check`'s own rules): the
/// engine's list, which `check` needs to leave their suppressions alone.
pub const RULES: [&str; 7] = rules::EVIDENCE_RULES;

/// Every finding for one audited entry.
#[must_use]
pub fn of(c: &Checked) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let e = &c.entry;
    let s = &c.status;
    for (kind, rule) in [
        (NoticeKind::Retraction, &rules::retracted::INFO),
        (NoticeKind::ExpressionOfConcern, &rules::expression_of_concern::INFO),
        (NoticeKind::Correction, &rules::corrected::INFO),
    ] {
        let notices: Vec<&Notice> = s.notices.iter().filter(|n| n.kind == kind).collect();
        if !notices.is_empty() {
            out.push(notice_finding(e, rule, kind, &notices));
        }
    }
    if let Some(v) = &s.newer {
        out.push(superseded(e, v));
    }
    if let Some(d) = year_mismatch(e, s) {
        out.push(d);
    }
    if let (Some(free), Some(open), Some(check)) = (&e.free_source, &s.open, &c.free)
        && open.status == "closed"
        && !check.document
    {
        out.push(
            Diagnostic::new(
                &rules::free_source_closed::INFO,
                &e.file,
                free.span,
                format!(
                    "the free source no longer gives the document: Unpaywall calls the work closed and {}",
                    check.detail
                ),
            )
            .with_help("remove `free_source`, or point it at a copy that is still free"),
        );
    }
    if e.free_source.is_none()
        && let Some(open) = &s.open
        && let Some((url, host)) = &open.best
        && open.status != "closed"
    {
        out.push(
            Diagnostic::new(
                &rules::free_source_available::INFO,
                &e.file,
                e.anchor(),
                format!("an open copy exists: {url} ({host}, Unpaywall: {})", open.status),
            )
            .with_help(format!("check the copy, then add `free_source: \"{url}\"`")),
        );
    }
    out
}

fn describe(n: &Notice) -> String {
    let id = n.doi.as_ref().map(|d| format!("DOI {d}")).or_else(|| n.pmid.as_ref().map(|p| format!("PMID {p}")));
    let mut parts = vec![n.label.clone()];
    parts.extend(id);
    if let Some(date) = &n.date {
        parts.push(date.clone());
    }
    let by = match n.source.as_str() {
        "retraction-watch" => "Retraction Watch".to_owned(),
        "pubmed" => "PubMed".to_owned(),
        other => format!("the {other} via Crossref"),
    };
    format!("{} (reported by {by})", parts.join(", "))
}

fn notice_finding(e: &EvidenceEntry, rule: &'static RuleInfo, kind: NoticeKind, notices: &[&Notice]) -> Diagnostic {
    let (about, of_work): (Vec<&Notice>, Vec<&Notice>) = notices.iter().partition(|n| !n.is_the_notice);
    let mut said = Vec::new();
    if !about.is_empty() {
        said.push(format!(
            "the work was {}: {}",
            kind.words(),
            about.iter().map(|n| describe(n)).collect::<Vec<_>>().join("; ")
        ));
    }
    if !of_work.is_empty() {
        said.push(format!(
            "the identifier is itself a notice ({})",
            of_work.iter().map(|n| describe(n)).collect::<Vec<_>>().join("; ")
        ));
    }
    let help = match kind {
        NoticeKind::Retraction => "remove the entry, or say in its annotation that it was retracted",
        NoticeKind::ExpressionOfConcern => "read the notice, then revise the annotation or remove the entry",
        NoticeKind::Correction => "check the figures the annotation quotes against the correction",
    };
    Diagnostic::new(rule, &e.file, e.anchor(), said.join("; ")).with_help(help)
}

fn superseded(e: &EvidenceEntry, v: &Version) -> Diagnostic {
    let via = match v.via.as_str() {
        "cochrane" => "the DOI handle API has a later Cochrane version",
        "pubmed" => "PubMed lists an update",
        _ => "Crossref lists a new version",
    };
    let id = v
        .doi
        .as_ref()
        .map(|d| format!("DOI {d}"))
        .or_else(|| v.pmid.as_ref().map(|p| format!("PMID {p}")))
        .unwrap_or_default();
    let year = v.year.map(|y| format!(" ({y})")).unwrap_or_default();
    let mut d = Diagnostic::new(
        &rules::superseded::INFO,
        &e.file,
        e.anchor(),
        format!("a newer version exists: {id}{year}; {via}"),
    )
    .with_help("read the newer version, then cite it (and its year) instead");
    let mut edits = Vec::new();
    if let (Some(new), Some(doi)) = (&v.doi, &e.doi) {
        let text = &e.file.text[doi.span.start..doi.span.end];
        let replacement = match doi.source {
            super::Source::Field => Some(new.clone()),
            super::Source::Url | super::Source::FreeSource if text.contains("doi.org/") => {
                Some(format!("https://doi.org/{new}"))
            }
            _ => None,
        };
        if let Some(r) = replacement.and_then(|r| serde_json::to_string(&r).ok()) {
            edits.push(Edit { span: doi.span, replacement: r });
        }
    }
    if !edits.is_empty() {
        if let (Some(y), Some((_, span)), false) = (v.year, e.year, e.year_list) {
            edits.push(Edit { span, replacement: y.to_string() });
        }
        let title = format!("cite {}", v.doi.as_deref().unwrap_or("the newer version"));
        d = d.with_fix(title, edits);
    }
    d
}

fn year_mismatch(e: &EvidenceEntry, s: &Status) -> Option<Diagnostic> {
    let (year, span) = e.year?;
    if s.dates.is_empty() || s.dates.iter().any(|d| (d.year - year).abs() <= 1) {
        return None;
    }
    let compared: Vec<String> = s.dates.iter().map(|d| format!("{} {}", d.what, d.date)).collect();
    let nearest = s.dates.iter().map(|d| (d.year - year).abs()).min().unwrap_or(0);
    Some(
        Diagnostic::new(
            &rules::year_mismatch::INFO,
            &e.file,
            span,
            format!("year {year} is {nearest} years from the registry's dates ({})", compared.join(", ")),
        )
        .with_help("check the year of publication, and that the identifier is this work's"),
    )
}

/// The findings of every audited entry of the `loaded` files, through the
/// engine's levels and suppressions (`linter`), sorted.
#[must_use]
pub fn judged<'a>(
    audit: &EvidenceAudit,
    loaded: impl IntoIterator<Item = &'a Loaded>,
    linter: &Linter,
) -> Vec<Diagnostic> {
    let mut by_file: HashMap<&str, Vec<Diagnostic>> = HashMap::new();
    for c in &audit.entries {
        by_file.entry(c.entry.file.name.as_str()).or_default().extend(of(c));
    }
    let mut out = Vec::new();
    for l in loaded {
        let Some(mut found) = by_file.remove(l.file.name.as_str()) else { continue };
        linter.finish(l, &mut found);
        out.extend(found);
    }
    out.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    out
}

/// The findings of the last audits' answers cached in the link history at
/// `history` (no older than `days` at `now`), without a request: `check`
/// with `evidence.in-check`, and the language server on a buffer. Nothing
/// when there is no cache yet.
#[must_use]
pub fn cached(linter: &Linter, history: &Path, days: u64, loaded: &[Loaded], now: jiff::Timestamp) -> Vec<Diagnostic> {
    let Ok(cache) = Cache::open_read_only(history, days) else { return Vec::new() };
    let entries = super::collect(loaded.iter().filter_map(|l| Some((&l.file, l.root.as_ref()?))));
    let (audit, _) = audit::run(entries, None, Some(&cache), &Settings::default(), now);
    judged(&audit, loaded, linter)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::source::SourceFile;

    fn superseded_fix(year: &str, link: &str) -> Vec<String> {
        let text =
            format!("matrix: drug\ncell: B2\nentries:\n  - tier: R\n    title: A\n    year: {year}\n    {link}\n");
        let file = Arc::new(SourceFile::new("c.yaml", "c.yaml", text.as_str()));
        let root = crate::source::yaml::load(&text).unwrap();
        let entry = super::super::collect([(&file, &root)]).remove(0);
        let mut status = Status::default();
        status.add_version(Version {
            doi: Some("10.5555/v2".into()),
            pmid: None,
            year: Some(2021),
            via: "crossref".into(),
        });
        let c = Checked { entry, status, free: None, answered: None };
        let found = of(&c);
        found[0].fix.as_ref().map(|f| f.edits.iter().map(|e| e.replacement.clone()).collect()).unwrap_or_default()
    }

    #[test]
    fn the_superseded_fix_rewrites_what_is_safe_to_rewrite() {
        assert_eq!(superseded_fix("2012", "doi: \"10.5555/v1\""), ["\"10.5555/v2\"", "2021"]);
        assert_eq!(
            superseded_fix("2012", "url: \"https://doi.org/10.5555/v1\""),
            ["\"https://doi.org/10.5555/v2\"", "2021"]
        );
        assert_eq!(
            superseded_fix("[2011, 2012]", "doi: \"10.5555/v1\""),
            ["\"10.5555/v2\""],
            "a list of years is left alone"
        );
        assert!(
            superseded_fix("2012", "url: \"https://publisher.example/doi/10.5555/v1/full\"").is_empty(),
            "a publisher's address is not guessed"
        );
    }
}
