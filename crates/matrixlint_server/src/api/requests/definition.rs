//! `textDocument/definition`: from a cross-reference to the target cell's
//! `cell:` line ("row 2 of the matrix" to the row's first cell with a
//! source, "column D" to the column's), and from a `discussion` item to the
//! bite heading it names, in this cell or another.

use lsp_types::{GotoDefinitionParams, GotoDefinitionResponse};

use crate::cells;
use crate::convert::Text;
use crate::inspect::{self, Found};
use crate::session::Snapshot;

pub(crate) fn definition(snapshot: &Snapshot, params: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let view = snapshot.corpus.as_ref()?;
    let loaded = snapshot.load()?;
    let offset = Text::of(&loaded.file, snapshot.encoding).offset(params.text_document_position_params.position);
    let settings = view.engine.linter.settings();
    let own_matrix = loaded.record().map(|r| r.matrix);
    let hits = inspect::at(&loaded, &view.corpus, settings, offset);
    // On a range's dash: every item it implies (`A4` of `A3–A5`).
    if let Some(Found::Reference(first)) = hits.first().filter(|_| hits.len() > 1)
        && first.implied
    {
        let all: Vec<_> = hits
            .iter()
            .filter_map(|f| match f {
                Found::Reference(r) if r.implied && r.span == first.span => {
                    let record = inspect::resolve(&view.corpus, r.matrix.as_ref()?, &r.target)?;
                    cells::cell_location(view, record, snapshot.encoding)
                }
                _ => None,
            })
            .collect();
        if all.len() > 1 {
            return Some(GotoDefinitionResponse::Array(all));
        }
    }
    hits.into_iter().find_map(|thing| match thing {
        Found::Reference(r) => {
            let record = inspect::resolve(&view.corpus, r.matrix.as_ref()?, &r.target)?;
            cells::cell_location(view, record, snapshot.encoding).map(GotoDefinitionResponse::Scalar)
        }
        Found::Discussion { item, .. } => {
            cells::discussion_location(view, own_matrix.as_deref(), &item, snapshot.encoding)
                .map(GotoDefinitionResponse::Scalar)
        }
        _ => None,
    })
}
