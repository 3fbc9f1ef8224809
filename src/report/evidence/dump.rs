//! `evidence --dump`: every entry with its identifiers and where each came
//! from, before any request (a PMCID's DOI comes from the converter during
//! the audit).

use std::fmt::Write as _;

use serde_json::json;

use super::EvidenceFormat;
use crate::evidence::{EvidenceEntry, Ident};
use crate::report::{Names, visible};

/// Renders the list (human, concise, json or markdown).
#[must_use]
pub fn render(entries: &[EvidenceEntry], files: usize, format: EvidenceFormat, names: &Names) -> String {
    if format == EvidenceFormat::Markdown {
        return markdown(entries, files, names);
    }
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

/// `|` and line breaks would break a table cell.
fn cell(s: &str) -> String {
    visible::one_line(s).replace('|', "\\|")
}

/// The list as a Markdown table, for a job summary (the action's `--dump`).
fn markdown(entries: &[EvidenceEntry], files: usize, names: &Names) -> String {
    let without = entries.iter().filter(|e| !e.identified()).count();
    let mut out = format!(
        "# Evidence identifiers\n\n{} entries in {files} files: {} with an identifier, {without} without (not reported). No request was sent.\n\n",
        entries.len(),
        entries.len() - without
    );
    out.push_str("| Entry | Title | DOI | PMID | PMCID |\n|---|---|---|---|---|\n");
    let base = names.repo_base();
    for e in entries {
        let line = e.file.line_col(e.head.start).line;
        let id = |i: &Option<Ident>| {
            i.as_ref().map_or_else(String::new, |i| format!("{} ({})", cell(&i.value), i.source.as_str()))
        };
        let file = crate::report::repo_path(&base, &e.file.name);
        let _ = writeln!(
            out,
            "| [{}:{line}]({}#L{line}) | {} | {} | {} | {} |",
            cell(&file),
            crate::report::sarif::uri(&file),
            cell(&e.title),
            id(&e.doi),
            id(&e.pmid),
            id(&e.pmcid)
        );
    }
    out
}
