//! `check` in two passes (issue 19): the index from every file's record,
//! then the reported files linted one at a time, their findings keeping only
//! the lines reports show. Whatever pass 1 keeps loaded, and whether the
//! findings hold whole files or compact ones, every format prints the same
//! as the whole corpus loaded at once (`check_files`, the way it was).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use matrixlint::app::Project;
use matrixlint::app::check::check_files;
use matrixlint::app::corpus::{self, Reader};
use matrixlint::report::{self, Names, Summary};
use matrixlint_engine::diagnostic::Diagnostic;
use matrixlint_engine::lint::Loaded;

use super::common::{repo, sample_corpus};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 15)
}

fn open(root: &Path) -> Project {
    Project::open(root, Some(root), today()).expect("the corpus opens")
}

/// Every format of `check`, rendered from `found` over the `reported` files.
fn every_format(found: &[Diagnostic], reported: &[String]) -> Vec<(&'static str, String)> {
    let summary = Summary::new(reported.len(), found);
    let names = Names::default();
    let human =
        |width| report::human::render(found, summary, report::human::Style { color: false, width, names: &names });
    let junit = report::junit::Options { base: "corpus", deny_warnings: true };
    vec![
        ("human, 100 columns", human(100)),
        ("human, 40 columns", human(40)),
        ("concise", report::concise::render(found, summary, &names)),
        ("json", report::json::render(found, summary)),
        ("github", report::github::render(found, "corpus")),
        ("sarif", report::sarif::render(found, "corpus")),
        ("junit", report::junit::render(reported, found, junit)),
        ("statistics", report::statistics::render(found, summary)),
    ]
}

/// The two passes over the disk, pass 1 keeping reported files loaded up to `budget` bytes.
fn streamed(project: &Project, reader: &dyn Reader, budget: usize) -> Vec<Diagnostic> {
    let indexed = corpus::records(reader, &project.files, &project.files, budget);
    if budget == 0 {
        assert_eq!(indexed.kept(), 0, "nothing kept: every reported file is read again");
    }
    corpus::lint_selected(project, reader, indexed, &project.files, None)
}

/// Asserts that the streamed paths print what loading the whole corpus prints.
fn assert_same_reports(root: &Path) -> usize {
    let project = open(root);
    let whole = check_files(&project, &project.files).expect("check runs");
    let expected = every_format(&whole, &project.files);
    for budget in [0, usize::MAX] {
        let found = streamed(&project, &project, budget);
        assert!(found.iter().all(|d| d.file.is_compact()), "findings hold compact files");
        for ((format, want), (_, got)) in expected.iter().zip(every_format(&found, &project.files)) {
            assert_eq!(&got, want, "{format} of {} with a budget of {budget} bytes", root.display());
        }
    }
    whole.len()
}

#[test]
fn the_sample_corpus_reports_the_same_streamed_and_in_memory() {
    let dir = sample_corpus();
    // A finding in the otherwise clean sample: a cell title out of date, fixable.
    let b2 = dir.path().join("cells/drug/B2.yaml");
    let text = std::fs::read_to_string(&b2).unwrap();
    let title = text.lines().find(|l| l.starts_with("title:")).expect("B2 has a title").to_owned();
    std::fs::write(&b2, text.replacen(&title, "title: \"Practitioners, an older title\"", 1)).unwrap();
    assert!(assert_same_reports(dir.path()) > 0, "the changed title is reported");
}

#[test]
fn every_rule_fixture_reports_the_same_streamed_and_in_memory() {
    // The bad fixtures refer to each other's cells and headings, declare
    // cells twice, miss cells, break YAML and hold fixes far from their labels.
    let fixtures = repo().join("fixtures/rules");
    let mut rules: Vec<_> = std::fs::read_dir(&fixtures).unwrap().map(|e| e.unwrap().file_name()).collect();
    rules.sort();
    let mut findings = 0;
    for rule in rules {
        // Checked where they are (read-error's holds a dangling link): nothing is written.
        findings += assert_same_reports(&fixtures.join(&rule).join("bad"));
    }
    assert!(findings > 30, "the fixtures have findings to compare ({findings})");
}

/// Seed-sized cells under several matrices, as the benches generate them:
/// long paragraphs, references to cells of other matrices, many findings per file.
#[test]
fn seed_sized_cells_report_the_same_streamed_and_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(repo().join("fixtures/corpus/cells/drug/B2.yaml")).unwrap();
    let mut config = String::from("registry:\n  matrices:\n");
    for m in 0..2 {
        config.push_str(&format!(
            "    - {{ id: m{m}, name: Bench {m} Treatment Matrix, short_name: Bench {m} Matrix, columns: [\"A\", \"B\", \
             \"C\", \"D\", \"E\"], rows: [\"1\", \"2\", \"3\", \"4\", \"5\"] }}\n"
        ));
    }
    std::fs::write(dir.path().join("matrixlint.yaml"), config).unwrap();
    for (m, cell) in [(0, "B2"), (0, "B3"), (1, "B2"), (1, "C4")] {
        let text = seed.replacen("matrix: drug", &format!("matrix: m{m}"), 1).replacen(
            "cell: B2",
            &format!("cell: {cell}"),
            1,
        );
        std::fs::create_dir_all(dir.path().join(format!("cells/m{m}"))).unwrap();
        std::fs::write(dir.path().join(format!("cells/m{m}/{cell}.yaml")), text).unwrap();
    }
    assert!(assert_same_reports(dir.path()) >= 8, "each cell has findings");
}

/// The disk in pass 1; in pass 2, `changed` holds other texts for some files.
struct ChangesBetweenPasses<'a> {
    project: &'a Project,
    second_pass: AtomicBool,
    changed: Vec<(&'a str, Option<&'a str>)>,
}

impl Reader for ChangesBetweenPasses<'_> {
    fn load(&self, name: &str) -> Loaded {
        let change = self.changed.iter().find(|(n, _)| *n == name).filter(|_| self.second_pass.load(Ordering::SeqCst));
        match change {
            None => self.project.load(name),
            Some((_, Some(text))) => Loaded::from_text(&self.project.root.join(name), name, (*text).to_owned()),
            Some((_, None)) => Loaded::unreadable(&self.project.root.join(name), name, "the file is gone".into(), "x"),
        }
    }
}

#[test]
fn a_file_that_breaks_or_goes_between_the_passes_is_reported_as_it_is_now() {
    let dir = sample_corpus();
    let project = open(dir.path());
    let reader = ChangesBetweenPasses {
        project: &project,
        second_pass: AtomicBool::new(false),
        changed: vec![
            ("cells/drug/B2.yaml", Some("matrix: drug\ncell: B2\ntitle: \"unclosed\n")),
            ("cells/drug/A2.yaml", None),
        ],
    };
    let indexed = corpus::records(&reader, &project.files, &project.files, 0);
    assert!(indexed.corpus.record("cells/drug/B2.yaml").is_some_and(|r| r.read), "pass 1 read B2 whole");
    reader.second_pass.store(true, Ordering::SeqCst);
    let found = corpus::lint_selected(&project, &reader, indexed, &project.files, None);
    let said: Vec<String> = found
        .iter()
        .map(|d| format!("{}:{}:{} {}", d.file.name, d.start().line, d.start().column, d.rule.name))
        .collect();
    assert_eq!(said, ["cells/drug/A2.yaml:1:1 read-error", "cells/drug/B2.yaml:3:8 yaml-syntax"], "{found:#?}");
    // The other files were checked against the index as pass 1 read it: no
    // reference to A2 or B2 became a finding.
    let human = every_format(&found, &project.files).remove(0).1;
    assert!(human.contains("unclosed"), "the broken line is quoted from the text pass 2 read:\n{human}");
}
