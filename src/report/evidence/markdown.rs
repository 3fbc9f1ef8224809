//! The Markdown format: counts, then the findings cell by cell, then what
//! stayed unknown, for a pull request comment or a job summary.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::View;
use crate::diagnostic::Diagnostic;
use crate::report::{repo_path, visible};

/// `|` and line breaks would break a table cell.
fn cell(s: &str) -> String {
    visible::one_line(s).replace('|', "\\|")
}

/// Renders the report.
#[must_use]
pub fn render(view: &View<'_>, base: &str) -> String {
    let mut out = String::from("# Evidence audit\n\n");
    let total = view.audit.entries.len();
    let unknown = view.unknown().count();
    let _ = writeln!(
        out,
        "{total} entries in {} files; {} with an identifier; {} findings; {unknown} entries not fully checked.\n",
        view.files,
        view.identified(),
        view.diagnostics.len()
    );
    let mut by_file: BTreeMap<&str, Vec<&Diagnostic>> = BTreeMap::new();
    for d in view.diagnostics {
        by_file.entry(d.file.name.as_str()).or_default().push(d);
    }
    if by_file.is_empty() {
        out.push_str("No retracted, superseded or otherwise changed evidence found.\n");
    }
    for (file, found) in by_file {
        let _ = writeln!(out, "## {}\n\n| Line | Severity | Rule | Finding |\n|---|---|---|---|", cell(file));
        for d in found {
            let line = d.start().line;
            let _ = writeln!(
                out,
                "| [{line}]({}#L{line}) | {} | `{}` | {} |",
                repo_path(base, file),
                d.severity.as_str(),
                d.rule.name,
                cell(&d.message)
            );
        }
        out.push('\n');
    }
    if unknown > 0 {
        out.push_str("## Not fully checked\n\n| Entry | Why |\n|---|---|\n");
        for c in view.unknown() {
            let _ = writeln!(out, "| {} | {} |", cell(&c.entry.place()), cell(&c.status.unknown.join("; ")));
        }
        out.push('\n');
    }
    for w in &view.audit.warnings {
        let _ = writeln!(out, "> {}", cell(w));
    }
    out
}
