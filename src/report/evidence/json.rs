//! The JSON format: `check`'s findings document, plus every entry with its
//! identifiers (and where each came from), its status, when the answers
//! were fetched, the requests per service and the warnings.

use serde_json::{Value, json};

use super::View;
use crate::evidence::Ident;

fn ident(i: Option<&Ident>) -> Value {
    i.map_or(Value::Null, |i| json!({"value": i.value, "source": i.source}))
}

/// Renders the document.
#[must_use]
pub fn render(view: &View<'_>) -> String {
    let summary = crate::report::Summary::new(view.files, view.diagnostics);
    let findings: Value =
        serde_json::from_str(&crate::report::json::render(view.diagnostics, summary)).unwrap_or(Value::Null);
    let entries: Vec<Value> = view
        .audit
        .entries
        .iter()
        .map(|c| {
            let e = &c.entry;
            json!({
                "file": e.file.name,
                "line": e.file.line_col(e.head.start).line,
                "title": e.title,
                "doi": ident(e.doi.as_ref()),
                "pmid": ident(e.pmid.as_ref()),
                "pmcid": ident(e.pmcid.as_ref()),
                "status": c.status,
                "free_source_check": c.free,
                "answered_at": c.answered.map(|t| t.to_string()),
                "clean": c.entry.identified() && c.status.unknown.is_empty()
                    && c.status.notices.is_empty() && c.status.newer.is_none(),
            })
        })
        .collect();
    let doc = json!({
        "findings": findings,
        "entries": entries,
        "requests": view.audit.requests,
        "warnings": view.audit.warnings,
        "audited_at": view.audit.now.to_string(),
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}
