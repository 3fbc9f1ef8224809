//! The corpus index: records, keys, updates and cheap clones.

use super::*;
use crate::source::yaml::load;

#[test]
fn records_index_cells_and_headings() {
    let root =
        load("matrix: drug\ncell: B2\nbite:\n  about: x\n  issues:\n    - id: busk\n      title: t\n      text: x\n")
            .unwrap();
    let rec = CellRecord::from_root("cells/drug/B2.yaml", &root).unwrap();
    assert!(rec.has_heading("about"));
    assert!(rec.has_heading("busk"));
    assert!(!rec.has_heading("start"));
    let other = CellRecord { file: "b.yaml".into(), ..rec.clone() };
    let corpus = Corpus::new(vec![other, rec]);
    assert_eq!(corpus.lookup("drug", "B2").len(), 2);
    assert_eq!(corpus.lookup("drug", "B2").next().unwrap().file, "b.yaml");
    assert!(!corpus.contains("alcohol", "B2"));
    // Where a missing cell's file belongs.
    assert_eq!(corpus.path_for("drug", "C4", "x"), "cells/drug/C4.yaml");
    assert_eq!(corpus.path_for("alcohol", "C2", "content/cells/drug/B2.yaml"), "content/cells/alcohol/C2.yaml");
    assert_eq!(Corpus::default().path_for("alcohol", "C2", "B2.yaml"), "cells/alcohol/C2.yaml");
}

#[test]
fn a_path_names_a_cell_and_a_file_is_found_under_both_keys() {
    assert_eq!(path_key("cells/drug/B4.yaml"), Some(("drug".into(), "B4".into())));
    assert_eq!(path_key("x/alcohol/C2.yml"), Some(("alcohol".into(), "C2".into())));
    assert_eq!(path_key("B4.yaml"), None);
    assert_eq!(path_key("cells/drug/notes.yaml"), None);
    let broken = CellRecord::from_path("cells/drug/B4.yaml").unwrap();
    assert!(broken.has_heading("any-issue"), "nothing is known against an unreadable file");
    let root = load("matrix: drugs\ncell: A2\n").unwrap();
    let typo = CellRecord::from_root("cells/drug/A2.yaml", &root).unwrap();
    let mut corpus = Corpus::new(vec![broken, typo]);
    assert!(corpus.contains("drug", "B4") && corpus.contains("drug", "A2") && corpus.contains("drugs", "A2"));
    assert_eq!(corpus.declaring("drug", "A2").count(), 0, "found by its path, not declared");
    corpus.update("cells/drug/A2.yaml", None);
    assert!(!corpus.contains("drug", "A2") && !corpus.contains("drugs", "A2"), "both keys go");
}

#[test]
fn an_update_replaces_one_files_record() {
    let record = |file: &str, cell: &str| CellRecord {
        file: file.into(),
        matrix: "drug".into(),
        cell: cell.into(),
        cell_span: crate::source::Span::point(0),
        issues: Vec::new(),
        sections: Vec::new(),
        read: true,
    };
    let mut corpus = Corpus::new(vec![record("a.yaml", "A1"), record("b.yaml", "A1")]);
    corpus.update("a.yaml", Some(record("a.yaml", "A4")));
    assert_eq!(corpus.lookup("drug", "A1").map(|r| r.file.as_str()).collect::<Vec<_>>(), ["b.yaml"]);
    assert!(corpus.contains("drug", "A4"));
    corpus.update("b.yaml", None);
    assert!(!corpus.contains("drug", "A1"), "the last declaration gone, the key goes");
    corpus.update("c.yaml", Some(record("c.yaml", "A1")));
    assert_eq!(corpus.len(), 2);
    assert_eq!(corpus.record("c.yaml").map(|r| r.cell.as_str()), Some("A1"));
}

fn record_of(file: &str, matrix: &str, cell: &str) -> CellRecord {
    CellRecord {
        file: file.into(),
        matrix: matrix.into(),
        cell: cell.into(),
        cell_span: Span::point(0),
        issues: Vec::new(),
        sections: Vec::new(),
        read: true,
    }
}

/// A key's files, and whether the corpus says it contains the key.
type KeyAnswer = (String, String, Vec<String>, bool);

/// Everything a corpus answers, for comparing two built differently.
fn answers(corpus: &Corpus) -> (usize, Vec<String>, Vec<KeyAnswer>) {
    let mut by_key = Vec::new();
    for matrix in ["drug", "alcohol", "drugs"] {
        for cell in ["A1", "A2", "B1", "B2", "C3"] {
            let files = corpus.lookup(matrix, cell).map(|r| r.file.clone()).collect();
            by_key.push((matrix.to_owned(), cell.to_owned(), files, corpus.contains(matrix, cell)));
        }
    }
    (corpus.len(), corpus.records().map(|r| r.file.clone()).collect(), by_key)
}

#[test]
fn updates_answer_as_a_corpus_indexed_at_once() {
    // A fixed pseudo-random walk of updates over more files than are kept
    // beside the shared records, so that changes are folded in on the way.
    let mut state: u64 = 7;
    let mut next = |n: u64| {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((state >> 33) % n).unwrap()
    };
    let matrices = ["drug", "alcohol", "drugs"];
    let cells = ["A1", "A2", "B1", "B2", "C3"];
    let file_of = |i: usize| format!("cells/{}/{}{}.yaml", matrices[i % 2], cells[i % 5], i / 5);
    let mut model: BTreeMap<String, CellRecord> = BTreeMap::new();
    for i in 0..40 {
        let file = file_of(i);
        model.insert(file.clone(), record_of(&file, matrices[i % 3], cells[i % 5]));
    }
    let mut corpus = Corpus::new(model.values().cloned().collect());
    let mut folded = false;
    for step in 0..400 {
        let file = file_of(next(3 * FOLD_AFTER as u64) % 120);
        let record = (next(4) != 0).then(|| record_of(&file, matrices[next(3)], cells[next(5)]));
        match &record {
            Some(r) => model.insert(file.clone(), r.clone()),
            None => model.remove(&file),
        };
        let before = corpus.changes.len();
        corpus.update(&file, record);
        folded |= before == FOLD_AFTER && corpus.changes.is_empty();
        let fresh = Corpus::new(model.values().cloned().collect());
        assert_eq!(answers(&corpus), answers(&fresh), "after step {step}, {file}");
        assert_eq!(corpus.record(&file), fresh.record(&file));
    }
    assert!(folded, "the walk folds changes into the shared records");
}

#[test]
fn a_clone_changes_alone() {
    let records: Vec<CellRecord> =
        (1..=5).map(|row| record_of(&format!("cells/drug/A{row}.yaml"), "drug", &format!("A{row}"))).collect();
    let original = Corpus::new(records);
    let mut clone = original.clone();
    clone.update("cells/drug/A1.yaml", Some(record_of("cells/drug/A1.yaml", "drug", "B1")));
    clone.update("cells/drug/A2.yaml", None);
    assert!(original.contains("drug", "A2") && !clone.contains("drug", "A2"));
    assert_eq!(original.declaring("drug", "A1").count(), 1);
    assert_eq!(clone.declaring("drug", "A1").count(), 0, "found by its path only");
    assert_eq!((original.len(), clone.len()), (5, 4));
    // Folding a clone's changes copies the shared records; the original keeps its own.
    for i in 0..=FOLD_AFTER {
        let file = format!("cells/alcohol/B{i}.yaml");
        clone.update(&file, Some(record_of(&file, "alcohol", "B1")));
    }
    assert!(clone.changes.len() < FOLD_AFTER, "folded");
    assert_eq!(clone.lookup("alcohol", "B1").len(), FOLD_AFTER + 1);
    assert_eq!(original.lookup("alcohol", "B1").len(), 0);
    assert_eq!(original.records().count(), 5);
}

#[test]
fn a_partial_corpus_says_so_through_its_updates() {
    assert!(Corpus::default().is_complete() && Corpus::new(Vec::new()).is_complete());
    let mut partial = Corpus::partial();
    assert!(!partial.is_complete() && partial.is_empty());
    partial.update("cells/drug/A1.yaml", Some(record_of("cells/drug/A1.yaml", "drug", "A1")));
    let clone = partial.clone();
    assert!(!clone.is_complete() && clone.contains("drug", "A1") && clone.len() == 1);
}
