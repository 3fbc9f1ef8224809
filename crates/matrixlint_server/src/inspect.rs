//! What is written where in a cell: cross-references, tier labels,
//! `discussion` items, URLs, the `cell:` line and bite issue ids, each at its
//! span. Cross-references come from the rules' own scanner
//! ([`crate::rules::Context::xrefs`]), so the server and `check` read prose alike.

use crate::cell::Cell;
use crate::index::xref::Target;
use crate::index::{CellRecord, Corpus};
use crate::registry::{CellId, Matrix};
use crate::rules::{Context, Settings};
use crate::source::{Node, Span};
use matrixlint_engine::lint::Loaded;

/// A cross-reference, resolved as far as the registry allows.
#[derive(Debug, Clone)]
pub(crate) struct Reference {
    /// What it points at, as written.
    pub target: Target,
    /// The matrix it points into (named, or the cell's own); `None` when unknown.
    pub matrix: Option<Matrix>,
    /// The coordinate (`A2`).
    pub span: Span,
    /// The whole phrase (`cells A3 and A4 of the Alcohol Treatment Matrix`).
    pub phrase: Span,
    /// Named by a range without being written (`A4` of `A3–A5`, at the dash).
    pub implied: bool,
}

/// Something written in a cell that the server knows about.
#[derive(Debug, Clone)]
pub(crate) enum Found {
    Reference(Reference),
    /// A tier label.
    Tier {
        label: String,
        span: Span,
    },
    /// A `discussion` item.
    Discussion {
        item: String,
        span: Span,
    },
    /// A URL: as fetched (normalised), and where written.
    Url {
        url: String,
        span: Span,
    },
    /// The `cell:` value.
    CellId {
        matrix: String,
        cell: String,
        span: Span,
    },
    /// A bite issue's `id:` value.
    IssueId {
        id: String,
        span: Span,
    },
}

impl Found {
    pub(super) fn span(&self) -> Span {
        match self {
            Self::Reference(r) => r.phrase,
            Self::Tier { span, .. }
            | Self::Discussion { span, .. }
            | Self::Url { span, .. }
            | Self::CellId { span, .. }
            | Self::IssueId { span, .. } => *span,
        }
    }
}

/// Every cross-reference of a parsed cell.
pub(crate) fn references(loaded: &Loaded, corpus: &Corpus, settings: &Settings) -> Vec<Reference> {
    let Some(root) = &loaded.root else { return Vec::new() };
    let cx = Context::new(&loaded.file, Cell::new(root), corpus, settings);
    cx.xrefs()
        .iter()
        .map(|found| Reference {
            target: found.xref.target.clone(),
            matrix: cx.target_matrix(&found.xref).cloned(),
            span: cx.span_in(&found.prose, found.xref.range.clone()),
            phrase: cx.span_in(&found.prose, found.xref.phrase.clone()),
            implied: found.xref.implied,
        })
        .collect()
}

/// Everything of interest in a parsed cell, in no particular order.
pub(crate) fn everything(loaded: &Loaded, corpus: &Corpus, settings: &Settings) -> Vec<Found> {
    let Some(root) = &loaded.root else { return Vec::new() };
    let cell = Cell::new(root);
    let mut out: Vec<Found> = references(loaded, corpus, settings).into_iter().map(Found::Reference).collect();
    for entry in cell.entries() {
        for label in entry.tiers() {
            if let Some(text) = label.as_str() {
                out.push(Found::Tier { label: text.to_owned(), span: label.span });
            }
        }
        for item in entry.get("discussion").and_then(Node::as_seq).unwrap_or_default() {
            if let Some(text) = item.as_str() {
                out.push(Found::Discussion { item: text.to_owned(), span: item.span });
            }
        }
    }
    let urls = crate::links::collect([(&loaded.file, root)]);
    for target in urls {
        out.extend(target.places.iter().map(|p| Found::Url { url: target.url.clone(), span: p.span }));
    }
    if let (Some(matrix), Some(node)) = (cell.matrix(), cell.field("cell"))
        && let Some(id) = node.as_str()
    {
        out.push(Found::CellId { matrix: matrix.to_owned(), cell: id.to_owned(), span: node.span });
    }
    for (id, node) in cell.issue_ids() {
        out.push(Found::IssueId { id: id.to_owned(), span: node.span });
    }
    out
}

/// What is at byte `offset`, innermost first (a coordinate before its phrase).
pub(crate) fn at(loaded: &Loaded, corpus: &Corpus, settings: &Settings, offset: usize) -> Vec<Found> {
    let mut hits: Vec<Found> = everything(loaded, corpus, settings)
        .into_iter()
        .filter(|f| match f {
            // A coordinate counts from its start to just after its end (the cursor after `A2`).
            Found::Reference(r) => r.phrase.start <= offset && offset <= r.phrase.end,
            other => other.span().start <= offset && offset <= other.span().end,
        })
        .collect();
    // Within a phrase naming several cells, the coordinate under the cursor first.
    hits.sort_by_key(|f| match f {
        Found::Reference(r) if r.span.start <= offset && offset <= r.span.end => (0, r.span.len()),
        other => (1, other.span().len()),
    });
    hits
}

/// The cell a cross-reference leads to: a cell itself, a row's first cell
/// with a source, a column's first cell with a source.
pub(crate) fn resolve<'c>(corpus: &'c Corpus, matrix: &Matrix, target: &Target) -> Option<&'c CellRecord> {
    let lookup = |id: String| corpus.lookup(&matrix.id, &id).next();
    match target {
        Target::Cell(id) => lookup(id.clone()),
        Target::Row(n) => {
            let row: usize = n.parse().ok()?;
            (0..matrix.columns.len()).find_map(|c| lookup(format!("{}{row}", column_letter(c))))
        }
        Target::Column(c) => (1..=matrix.rows.len()).find_map(|row| lookup(format!("{c}{row}"))),
    }
}

/// The letter of 0-based column `index`.
pub(crate) fn column_letter(index: usize) -> char {
    char::from(b'A' + u8::try_from(index.min(25)).unwrap_or(25))
}

/// Where a `discussion` item points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Discussion {
    /// A heading of this cell: `about`, `start`, `highlighted` or an issue id.
    Own(String),
    /// Another cell (`C2`, `alcohol/C2`), optionally one of its headings (`#issue-id`).
    Other { matrix: String, cell: String, heading: Option<String> },
}

/// Reads a `discussion` item as the `discussion-target` rule does.
pub(crate) fn discussion(item: &str, own_matrix: Option<&str>) -> Option<Discussion> {
    let (cell_part, heading) = match item.split_once('#') {
        Some((c, h)) => (c, Some(h.to_owned())),
        None => (item, None),
    };
    let (matrix, cell) = match cell_part.split_once('/') {
        Some((m, c)) => (Some(m), c),
        None => (None, cell_part),
    };
    if matrix.is_none() && heading.is_none() && CellId::parse(cell).is_none() {
        return Some(Discussion::Own(item.to_owned()));
    }
    Some(Discussion::Other { matrix: matrix.or(own_matrix)?.to_owned(), cell: cell.to_owned(), heading })
}

/// Where bite heading `heading` is written in a cell: an issue's `id:`
/// value, or the key of a fixed section (`about:`).
pub(crate) fn heading_span(root: &Node, heading: &str) -> Option<Span> {
    let cell = Cell::new(root);
    if let Some((_, node)) = cell.issue_ids().into_iter().find(|(id, _)| *id == heading) {
        return Some(node.span);
    }
    let bite = root.get("bite")?;
    crate::cell::BiteSection::parse(heading)?;
    bite.entry(heading).map(|(key, _)| key.span)
}
