//! The records of many files with their lookup by matrix and cell: what a
//! [`super::Corpus`] indexes in bulk and shares between its clones.

use std::collections::{BTreeMap, HashMap};

use super::CellRecord;

/// Records by file, and the files found under each matrix and cell.
#[derive(Debug, Default, Clone)]
pub(super) struct Layer {
    pub(super) records: BTreeMap<String, CellRecord>,
    /// The files found under each matrix and cell, sorted.
    pub(super) by_key: HashMap<(String, String), Vec<String>>,
}

impl Layer {
    /// Forgets `file`'s record and its keys.
    pub(super) fn remove(&mut self, file: &str) {
        let Some(old) = self.records.remove(file) else { return };
        for key in keys(&old) {
            if let Some(files) = self.by_key.get_mut(&key) {
                files.retain(|f| f != file);
                if files.is_empty() {
                    self.by_key.remove(&key);
                }
            }
        }
    }

    /// Adds `record` (its file not indexed yet).
    pub(super) fn insert(&mut self, record: CellRecord) {
        for key in keys(&record) {
            let files = self.by_key.entry(key).or_default();
            if let Err(at) = files.binary_search(&record.file) {
                files.insert(at, record.file.clone());
            }
        }
        self.records.insert(record.file.clone(), record);
    }

    /// The files found under `key`, sorted.
    pub(super) fn files(&self, key: &(String, String)) -> &[String] {
        self.by_key.get(key).map_or(&[][..], Vec::as_slice)
    }
}

/// The keys a record is found under: what it declares, and what its path names.
pub(super) fn keys(record: &CellRecord) -> Vec<(String, String)> {
    let declared = (record.matrix.clone(), record.cell.clone());
    match super::path_key(&record.file) {
        Some(by_path) if by_path != declared => vec![declared, by_path],
        _ => vec![declared],
    }
}

/// Whether `record` is found under `matrix`/`cell` (without allocating its keys).
pub(super) fn found_under(record: &CellRecord, matrix: &str, cell: &str) -> bool {
    (record.matrix == matrix && record.cell == cell)
        || super::path_key(&record.file).is_some_and(|(m, c)| m == matrix && c == cell)
}
