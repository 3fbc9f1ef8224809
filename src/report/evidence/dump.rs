//! `evidence --dump`: every entry with its identifiers and where each came
//! from, before any request (a PMCID's DOI comes from the converter during
//! the audit).

use std::fmt::Write as _;

use serde_json::json;

use super::EvidenceFormat;
use crate::evidence::{EvidenceEntry, Ident};
use crate::report::{Names, visible};

/// Renders the list (human, concise or json).
#[must_use]
pub fn render(entries: &[EvidenceEntry], files: usize, format: EvidenceFormat, names: &Names) -> String {
    if format == EvidenceFormat::Json {
        let list: Vec<_> = entries
            .iter()
            .map(|e| {
                let id = |i: &Option<Ident>| i.as_ref().map(|i| json!({"value": i.value, "source": i.source}));
                json!({"file": e.file.name, "line": e.file.line_col(e.head.start).line, "title": e.title,
                       "doi": id(&e.doi), "pmid": id(&e.pmid), "pmcid": id(&e.pmcid)})
            })
            .collect();
        let without = entries.iter().filter(|e| !e.identified()).count();
        let doc = json!({"files": files, "entries": list, "without_identifier": without});
        return serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n";
    }
    let mut out = String::new();
    for e in entries {
        let at = e.file.line_col(e.head.start);
        let ids: Vec<String> = [("doi", &e.doi), ("pmid", &e.pmid), ("pmcid", &e.pmcid)]
            .iter()
            .filter_map(|(k, i)| {
                i.as_ref().map(|i| format!("{k} {} ({})", visible::one_line(&i.value), i.source.as_str()))
            })
            .collect();
        let ids = if ids.is_empty() { "no identifier".to_owned() } else { ids.join(", ") };
        let _ = writeln!(out, "{}:{}: {} — {ids}", names.show(&e.file.name), at.line, visible::one_line(&e.title));
    }
    let without = entries.iter().filter(|e| !e.identified()).count();
    let _ = writeln!(
        out,
        "{} entries in {files} files: {} with an identifier, {without} without",
        entries.len(),
        entries.len() - without
    );
    out
}
