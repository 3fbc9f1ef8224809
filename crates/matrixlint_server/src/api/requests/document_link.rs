//! `textDocument/documentLink`: every URL (entries' `url` and `free_source`,
//! Markdown links in prose) and every cross-reference to a cell with a source.

use std::str::FromStr as _;

use lsp_types::{DocumentLink, DocumentLinkParams, Uri};

use crate::convert::Text;
use crate::inspect::{self, Found};
use crate::session::Snapshot;

pub(crate) fn links(snapshot: &Snapshot, _params: DocumentLinkParams) -> Option<Vec<DocumentLink>> {
    let view = snapshot.corpus.as_ref()?;
    let loaded = snapshot.load()?;
    let text = Text::of(&loaded.file, snapshot.encoding);
    let settings = view.engine.linter.settings();
    let mut out: Vec<(crate::source::Span, DocumentLink)> = Vec::new();
    for thing in inspect::everything(&loaded, &view.corpus, settings) {
        let (span, target, tooltip) = match thing {
            Found::Url { url, span } => (span, Uri::from_str(&url).ok(), None),
            Found::Reference(r) => {
                let Some(matrix) = &r.matrix else { continue };
                let Some(record) = inspect::resolve(&view.corpus, matrix, &r.target) else { continue };
                let tooltip = format!("{} cell {} ({})", matrix.name, record.cell, record.file);
                (r.span, view.uri(&record.file), Some(tooltip))
            }
            _ => continue,
        };
        let Some(target) = target else { continue };
        out.push((span, DocumentLink { range: text.range(span), target: Some(target), tooltip, data: None }));
    }
    out.sort_by_key(|(span, _)| (span.start, span.end));
    // The items a range implies share its dash (`A3–A5`): one link there, to
    // the first, its tooltip naming them all.
    out.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same && let (Some(more), Some(tip)) = (&later.1.tooltip, &mut kept.1.tooltip) {
            tip.push_str("; ");
            tip.push_str(more);
        }
        same
    });
    Some(out.into_iter().map(|(_, link)| link).collect())
}
