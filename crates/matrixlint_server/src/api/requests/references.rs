//! `textDocument/references`: from a cell (its `cell:` line, or a
//! cross-reference to it) to every cross-reference and `discussion` item in
//! the corpus that names it; from a bite issue's `id:` to every
//! `discussion` item naming that issue.

use lsp_types::{Location, ReferenceParams};
use rayon::prelude::*;

use crate::convert::Text;
use crate::index::xref::Target;
use crate::inspect::{self, Discussion, Found};
use crate::session::{CorpusView, Snapshot};

/// What references are looked for.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Wanted {
    matrix: String,
    cell: String,
    /// A bite issue of that cell, or the cell itself.
    issue: Option<String>,
}

pub(crate) fn references(snapshot: &Snapshot, params: ReferenceParams) -> Option<Vec<Location>> {
    let view = snapshot.corpus.as_ref()?;
    let loaded = snapshot.load()?;
    let text = Text::of(&loaded.file, snapshot.encoding);
    let position = params.text_document_position.position;
    let offset = text.offset(position);
    let own = loaded.record()?;
    let settings = view.engine.linter.settings();
    let mut declaration = None;
    let wanted = inspect::at(&loaded, &view.corpus, settings, offset).into_iter().find_map(|thing| match thing {
        Found::CellId { matrix, cell, span } => {
            declaration = Some(span);
            Some(Wanted { matrix, cell, issue: None })
        }
        Found::IssueId { id, span } => {
            declaration = Some(span);
            Some(Wanted { matrix: own.matrix.clone(), cell: own.cell.clone(), issue: Some(id) })
        }
        Found::Reference(r) => match (&r.matrix, &r.target) {
            (Some(m), Target::Cell(id)) => Some(Wanted { matrix: m.id.clone(), cell: id.clone(), issue: None }),
            _ => None,
        },
        _ => None,
    });
    // Anywhere on the `cell:` line counts as the cell itself.
    let wanted = wanted.or_else(|| {
        (text.position(own.cell_span.start).line == position.line).then(|| {
            declaration = Some(own.cell_span);
            Wanted { matrix: own.matrix.clone(), cell: own.cell.clone(), issue: None }
        })
    })?;
    let names: Vec<String> = view.corpus.records().map(|r| r.file.clone()).collect();
    let mut found: Vec<Location> =
        names.par_iter().flat_map_iter(|name| in_cell(view, name, &wanted, snapshot.encoding)).collect();
    if params.context.include_declaration
        && let (Some(span), Some(uri)) = (declaration, view.uri(&view.name))
    {
        found.insert(0, Location { uri, range: text.range(span) });
    }
    Some(found)
}

/// Every place in the cell called `name` that refers to `wanted`.
fn in_cell(view: &CorpusView, name: &str, wanted: &Wanted, encoding: crate::Encoding) -> Vec<Location> {
    let loaded = view.load(name);
    let Some(root) = &loaded.root else { return Vec::new() };
    let Some(record) = view.corpus.record(name) else { return Vec::new() };
    let mut spans = Vec::new();
    if wanted.issue.is_none() {
        for r in inspect::references(&loaded, &view.corpus, view.engine.linter.settings()) {
            if r.matrix.as_ref().is_some_and(|m| m.id == wanted.matrix) && r.target == Target::Cell(wanted.cell.clone())
            {
                spans.push(r.span);
            }
        }
    }
    for entry in crate::cell::Cell::new(root).entries() {
        for item in entry.get("discussion").and_then(crate::source::Node::as_seq).unwrap_or_default() {
            let Some(target) = item.as_str().and_then(|i| inspect::discussion(i, Some(&record.matrix))) else {
                continue;
            };
            let hit = match target {
                Discussion::Own(heading) => {
                    wanted.issue.as_deref() == Some(&heading)
                        && record.matrix == wanted.matrix
                        && record.cell == wanted.cell
                }
                Discussion::Other { matrix, cell, heading } => {
                    matrix == wanted.matrix
                        && cell == wanted.cell
                        && (wanted.issue.is_none() || heading == wanted.issue)
                }
            };
            if hit {
                spans.push(item.span);
            }
        }
    }
    spans.sort();
    let text = Text::of(&loaded.file, encoding);
    let Some(uri) = view.uri(name) else { return Vec::new() };
    spans.into_iter().map(|span| Location { uri: uri.clone(), range: text.range(span) }).collect()
}
