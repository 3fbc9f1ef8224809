//! The sample evidence report (`docs/evidence-report.png` is its
//! screenshot): cells of both matrices whose entries have what the
//! registries could say (a retraction, a newer Cochrane version, a closed
//! free source, an expression of concern, a year off by two, an open copy,
//! an answer that failed), made without a network: the statuses are written
//! here as the audit would have merged them. Writes the HTML report to PATH,
//! and with LINKS_PATH the link audit's report with these answers as its
//! Evidence section (drug D4's link dead). Run by `.ci/evidence-report.sh`.
//!
//! Usage: evidence_report_sample PATH [LINKS_PATH]

// A tool, not the library: it reports its one failure on stderr.
#![allow(clippy::print_stderr)]

use std::sync::Arc;

use matrixlint::config::links::Action;
use matrixlint::report::evidence::{View, html};
use matrixlint::report::links::evidence::EvidenceSection;
use matrixlint_engine::source::{SourceFile, Span};
use matrixlint_evidence::audit::{Checked, EvidenceAudit, FreeCheck};
use matrixlint_evidence::status::{Notice, NoticeKind, OpenAccess, RegistryDate, Status, Version};
use matrixlint_evidence::{collect, findings};
use matrixlint_links::audit::{Audit, LinkResult, State};
use matrixlint_links::classify::{Class, Outcome};
use matrixlint_links::{Field, Place, Target};

fn cell(matrix: &str, id: &str, entries: &[(&str, i64, &str)]) -> String {
    let mut text = format!("matrix: {matrix}\ncell: {id}\nentries:\n");
    for (title, year, doi) in entries {
        text.push_str(&format!("  - tier: R\n    title: \"{title}\"\n    year: {year}\n    doi: \"{doi}\"\n"));
    }
    text
}

fn notice(kind: NoticeKind, label: &str, doi: &str, date: &str, source: &str) -> Notice {
    Notice {
        kind,
        label: label.into(),
        doi: Some(doi.into()),
        pmid: None,
        date: Some(date.into()),
        source: source.into(),
        is_the_notice: false,
    }
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: evidence_report_sample PATH");
        std::process::exit(2);
    };
    let files = [
        (
            "cells/drug/A1.yaml",
            cell(
                "drug",
                "A1",
                &[("A trial later retracted", 2015, "10.5555/a1-trial"), ("A sound trial", 2012, "10.5555/a1-sound")],
            ),
        ),
        ("cells/drug/B2.yaml", cell("drug", "B2", &[("A Cochrane review", 2012, "10.1002/14651858.CD000001.pub2")])),
        (
            "cells/drug/C3.yaml",
            cell("drug", "C3", &[("Free once", 2010, "10.5555/c3-closed")])
                + "    free_source: \"https://publisher.example/c3\"\n",
        ),
        (
            "cells/drug/D4.yaml",
            cell("drug", "D4", &[("Under a cloud", 2016, "10.5555/d4-concern")])
                + "    url: \"https://publisher.example/d4-gone\"\n",
        ),
        ("cells/drug/E5.yaml", cell("drug", "E5", &[("Two years off", 2014, "10.5555/e5-year")])),
        ("cells/alcohol/A2.yaml", cell("alcohol", "A2", &[("Has an open copy", 2011, "10.5555/a2-open")])),
        ("cells/alcohol/B1.yaml", cell("alcohol", "B1", &[("All well", 2018, "10.5555/b1-fine")])),
        ("cells/alcohol/C4.yaml", cell("alcohol", "C4", &[("Crossref failed", 2013, "10.5555/c4-fails")])),
    ];
    let loaded: Vec<(Arc<SourceFile>, matrixlint_engine::source::Node)> = files
        .iter()
        .map(|(name, text)| {
            (
                Arc::new(SourceFile::new(*name, *name, text.as_str())),
                matrixlint_engine::source::yaml::load(text).expect("valid YAML"),
            )
        })
        .collect();
    let entries = collect(loaded.iter().map(|(f, n)| (f, n)));
    let now: jiff::Timestamp = "2026-11-29T06:00:00Z".parse().expect("a time");
    let checked: Vec<Checked> = entries
        .into_iter()
        .map(|entry| {
            let doi = entry.doi.as_ref().map(|d| d.value.clone()).unwrap_or_default();
            let mut status = Status::default();
            let mut free = None;
            match doi.as_str() {
                "10.5555/a1-trial" => status.add_notice(notice(
                    NoticeKind::Retraction,
                    "Retraction",
                    "10.5555/a1-notice",
                    "2021-03-04",
                    "retraction-watch",
                )),
                "10.1002/14651858.CD000001.pub2" => status.add_version(Version {
                    doi: Some("10.1002/14651858.CD000001.pub3".into()),
                    pmid: None,
                    year: Some(2021),
                    via: "cochrane".into(),
                }),
                "10.5555/c3-closed" => {
                    status.open = Some(OpenAccess { status: "closed".into(), best: None });
                    free =
                        Some(FreeCheck { document: false, detail: "it answers with a login or paywall page".into() });
                }
                "10.5555/d4-concern" => status.add_notice(notice(
                    NoticeKind::ExpressionOfConcern,
                    "Expression of concern",
                    "10.5555/d4-eoc",
                    "2022-01-10",
                    "publisher",
                )),
                "10.5555/e5-year" => {
                    status.dates.push(RegistryDate { what: "issued".into(), year: 2012, date: "2012-11".into() })
                }
                "10.5555/a2-open" => {
                    status.open = Some(OpenAccess {
                        status: "green".into(),
                        best: Some(("https://repository.example/a2.pdf".into(), "repository".into())),
                    });
                }
                "10.5555/c4-fails" => status.unknown.push("Crossref answered 500".into()),
                _ => {}
            }
            Checked { entry, status, free, answered: Some(now) }
        })
        .collect();
    let diagnostics: Vec<_> = checked.iter().flat_map(findings::of).collect();
    let audit = EvidenceAudit { entries: checked, requests: Default::default(), warnings: Vec::new(), now };
    let view = View { audit: &audit, diagnostics: &diagnostics, files: files.len() };
    write(&path, &html::render(&view, ""));
    if let Some(links_path) = std::env::args().nth(2) {
        let d4 = loaded.iter().find(|(f, _)| f.name.ends_with("D4.yaml")).map(|(f, _)| Arc::clone(f));
        let links = links_audit(d4.expect("the D4 cell"), now);
        let section = EvidenceSection { audit, diagnostics };
        write(&links_path, &matrixlint::report::links::html::render_with(&links, "", Some(&section)));
    }
}

fn write(path: &str, page: &str) {
    if let Err(e) = std::fs::write(path, page) {
        eprintln!("evidence_report_sample: cannot write {path}: {e}");
        std::process::exit(1);
    }
}

/// A link audit whose one link, drug D4's `url`, failed twice.
fn links_audit(file: Arc<SourceFile>, now: jiff::Timestamp) -> Audit {
    let url = "https://publisher.example/d4-gone";
    let start = file.text.find(url).expect("the link");
    let place = Place { file: Arc::clone(&file), span: Span { start, end: start + url.len() }, field: Field::Url };
    let since = now - jiff::SignedDuration::from_hours(24 * 7);
    let result = LinkResult {
        target: Target { url: url.into(), places: vec![place] },
        outcome: Outcome::new(Class::Broken, Some(404), "404 Not Found"),
        checked_at: now,
        cached: false,
        state: State::Dead { failures: 2, since },
        action: Action::Fail,
        archived: None,
    };
    Audit {
        results: vec![result],
        warnings: Vec::new(),
        now,
        history: true,
        files: 8,
        failures_before_dead: 2,
        trend: Vec::new(),
        history_error: None,
        problems: Vec::new(),
    }
}
