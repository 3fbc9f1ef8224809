//! Other cells, as hovers and navigation show them: read from the editor's
//! buffer when open, else from disk.

use lsp_types::Location;

use super::convert::Text;
use super::inspect::{self, Discussion};
use super::position::Encoding;
use super::session::CorpusView;
use crate::cell::Cell;
use crate::index::CellRecord;
use crate::registry::{CellId, Matrix};
use crate::source::Span;

/// The longest summary a hover quotes, in characters.
const SUMMARY_CHARS: usize = 400;

/// A cell as a hover describes it: its title, summary and file.
pub(crate) fn describe(view: &CorpusView, matrix: &Matrix, id: &str, record: Option<&CellRecord>) -> String {
    let registry_title = CellId::parse(id).and_then(|c| matrix.cell_title(c));
    let Some(record) = record else {
        let title = registry_title.map(|t| format!(": {t}")).unwrap_or_default();
        let file = view.corpus.path_for(&matrix.id, id, &view.name);
        return format!("**{} cell {id}**{title}\n\nNo source yet: `{file}` would hold it.", matrix.name);
    };
    let loaded = view.load(&record.file);
    let cell = loaded.root.as_ref().map(Cell::new);
    let field = |key: &str| cell.and_then(|c| c.field(key)).and_then(|n| n.as_str()).map(str::to_owned);
    let title = field("title").or(registry_title).map(|t| format!(": {t}")).unwrap_or_default();
    let mut out = format!("**{} cell {id}**{title}", matrix.name);
    if let Some(summary) = field("summary") {
        out.push_str("\n\n");
        out.push_str(&shorten(&summary));
    }
    out.push_str(&format!("\n\n`{}`", record.file));
    out
}

/// At most [`SUMMARY_CHARS`] characters of `text`, cut at a word.
fn shorten(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(SUMMARY_CHARS) {
        None => text.to_owned(),
        Some((at, _)) => {
            let cut = text[..at].rfind(char::is_whitespace).unwrap_or(at);
            format!("{}…", text[..cut].trim_end())
        }
    }
}

/// Where a location in another cell (`span` of the file called `name`) is.
pub(crate) fn location(view: &CorpusView, name: &str, span: Span, encoding: Encoding) -> Option<Location> {
    let loaded = view.load(name);
    let range = Text::of(&loaded.file, encoding).range(span);
    Some(Location { uri: view.uri(name)?, range })
}

/// The `cell:` line of the cell `record` describes.
pub(crate) fn cell_location(view: &CorpusView, record: &CellRecord, encoding: Encoding) -> Option<Location> {
    location(view, &record.file, record.cell_span, encoding)
}

/// Where a `discussion` item leads: the heading in this cell or another
/// (its `id:` or section key), or the other cell's `cell:` line.
pub(crate) fn discussion_location(
    view: &CorpusView,
    own_matrix: Option<&str>,
    item: &str,
    encoding: Encoding,
) -> Option<Location> {
    let (name, heading) = match inspect::discussion(item, own_matrix)? {
        Discussion::Own(heading) => (view.name.clone(), Some(heading)),
        Discussion::Other { matrix, cell, heading } => {
            (view.corpus.lookup(&matrix, &cell).next()?.file.clone(), heading)
        }
    };
    let loaded = view.load(&name);
    let root = loaded.root.as_ref()?;
    let span = match &heading {
        Some(h) => inspect::heading_span(root, h)?,
        None => view.corpus.record(&name)?.cell_span,
    };
    Some(Location { uri: view.uri(&name)?, range: Text::of(&loaded.file, encoding).range(span) })
}

/// The title and opening of a bite heading, for a `discussion` hover.
pub(crate) fn describe_heading(view: &CorpusView, own_matrix: Option<&str>, item: &str) -> Option<String> {
    let (name, heading) = match inspect::discussion(item, own_matrix)? {
        Discussion::Own(heading) => (view.name.clone(), heading),
        Discussion::Other { matrix, cell, heading } => {
            let record = view.corpus.lookup(&matrix, &cell).next();
            let Some(heading) = heading else {
                let m = view.engine.linter.settings().registry.get(&matrix)?.clone();
                return Some(describe(view, &m, &cell, record));
            };
            (record?.file.clone(), heading)
        }
    };
    let loaded = view.load(&name);
    let root = loaded.root.as_ref()?;
    let cell = Cell::new(root);
    if let Some(title) = crate::cell::BiteSection::parse(&heading).map(crate::cell::BiteSection::heading) {
        let text = root.get("bite")?.get(&heading)?.as_str().map(shorten).unwrap_or_default();
        return Some(format!("**{title}** (`{name}`)\n\n{text}"));
    }
    let issue = cell.bite_issues().into_iter().find(|i| i.get("id").and_then(|n| n.as_str()) == Some(&heading))?;
    let title = issue.get("title").and_then(|n| n.as_str()).unwrap_or(&heading);
    let text = issue.get("text").and_then(|n| n.as_str()).map(shorten).unwrap_or_default();
    Some(format!("**{title}** (`{name}`, issue `{heading}`)\n\n{text}"))
}
