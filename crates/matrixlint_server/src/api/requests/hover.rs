//! `textDocument/hover`: a finding's rule documentation (the `explain`
//! text); a cross-reference's target cell (title, summary, file, or "no
//! source yet"); a tier label's meaning; a `discussion` item's heading; a
//! URL's last audit result, read from the link history without any request;
//! an identifier's evidence status, read from the evidence cache the same way.

use lsp_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::cells;
use crate::convert::Text;
use crate::diagnostic::Diagnostic;
use crate::history::{self as server_history, Audited, Lookup};
use crate::index::xref::Target;
use crate::inspect::{self, Found, Reference};
use crate::lint;
use crate::registry::CellId;
use crate::session::{CorpusView, Snapshot};
use crate::source::Span;
use crate::tiers;

pub(crate) fn hover(snapshot: &Snapshot, params: HoverParams) -> Option<Hover> {
    let view = snapshot.corpus.as_ref()?;
    let loaded = snapshot.load()?;
    let text = Text::of(&loaded.file, snapshot.encoding);
    let offset = text.offset(params.text_document_position_params.position);
    let mut parts = Vec::new();
    let mut range: Option<Span> = None;
    let (found, _) = lint::lint(&view.engine, &view.corpus, &loaded);
    for d in found.iter().filter(|d| d.primary.span.start <= offset && offset <= d.primary.span.end) {
        parts.push(finding(d));
        range.get_or_insert(d.primary.span);
    }
    let settings = view.engine.linter.settings();
    if let Some(thing) = inspect::at(&loaded, &view.corpus, settings, offset).into_iter().next() {
        let own_matrix = loaded.record().map(|r| r.matrix);
        if let Some(words) = describe(view, own_matrix.as_deref(), &thing) {
            parts.push(words);
            range.get_or_insert(match &thing {
                Found::Reference(r) => r.span,
                other => other.span(),
            });
        }
    }
    // An identifier's evidence, from the cache of the last evidence audits (no request).
    if let Some(root) = loaded.root.as_ref()
        && let Some(words) =
            crate::evidence::hover::describe(&loaded.file, root, offset, &view.engine.history, jiff::Timestamp::now())
    {
        parts.push(words);
    }
    if parts.is_empty() {
        return None;
    }
    let kind = if snapshot.flags.markdown { MarkupKind::Markdown } else { MarkupKind::PlainText };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind, value: parts.join("\n\n---\n\n") }),
        range: range.map(|span| text.range(span)),
    })
}

/// A finding with its rule's documentation.
fn finding(d: &Diagnostic) -> String {
    let help = d.help.as_ref().map(|h| format!("\n\nhelp: {h}")).unwrap_or_default();
    format!("**{}** `{}` ({}): {}{help}\n\n{}", d.rule.code, d.rule.name, d.severity, d.message, d.rule.markdown())
}

fn describe(view: &CorpusView, own_matrix: Option<&str>, thing: &Found) -> Option<String> {
    match thing {
        Found::Reference(r) => Some(reference(view, r)),
        Found::Tier { label, .. } => Some(
            tiers::describe(label)
                .unwrap_or_else(|| format!("`{label}` is not a tier label: write S, K, R, G or `more`.")),
        ),
        Found::Discussion { item, .. } => cells::describe_heading(view, own_matrix, item),
        Found::Url { url, .. } => Some(audit(&view.engine.history, url)),
        Found::CellId { matrix, cell, .. } => {
            let matrix = view.engine.linter.settings().registry.get(matrix)?;
            let title = matrix.cell_title(CellId::parse(cell)?)?;
            Some(format!("**{} cell {cell}**: {title}", matrix.name))
        }
        Found::IssueId { .. } => None,
    }
}

/// Where a cross-reference leads.
fn reference(view: &CorpusView, r: &Reference) -> String {
    let Some(matrix) = &r.matrix else {
        return "The matrix named here is not in the registry: no cell can be looked up.".to_owned();
    };
    let grid = format!("columns A–{}, rows 1–{}", matrix.last_column(), matrix.rows.len());
    match &r.target {
        Target::Cell(id) => match CellId::parse(id).filter(|c| matrix.has_cell(*c)) {
            Some(_) => cells::describe(view, matrix, id, inspect::resolve(&view.corpus, matrix, &r.target)),
            None => format!("`{id}` is not a cell of the {} ({grid}).", matrix.name),
        },
        Target::Row(n) => match n.parse::<usize>().ok().and_then(|i| Some((i, matrix.rows.get(i.checked_sub(1)?)?))) {
            Some((i, name)) => {
                let ids = (0..matrix.columns.len()).map(|c| format!("{}{i}", inspect::column_letter(c)));
                format!("**Row {i} of the {}**: {name}\n\n{}", matrix.name, with_sources(view, &matrix.id, ids))
            }
            None => format!("Row {n} is not a row of the {} ({grid}).", matrix.name),
        },
        Target::Column(c) => {
            let index = c.chars().next().map_or(usize::MAX, |c| (c as usize).wrapping_sub('A' as usize));
            match matrix.columns.get(index) {
                Some(name) => {
                    let ids = (1..=matrix.rows.len()).map(|row| format!("{c}{row}"));
                    format!("**Column {c} of the {}**: {name}\n\n{}", matrix.name, with_sources(view, &matrix.id, ids))
                }
                None => format!("Column {c} is not a column of the {} ({grid}).", matrix.name),
            }
        }
    }
}

/// Which of the cells `ids` have a source.
fn with_sources(view: &CorpusView, matrix: &str, ids: impl Iterator<Item = String>) -> String {
    let written: Vec<String> = ids.filter(|id| view.corpus.contains(matrix, id)).collect();
    if written.is_empty() {
        "No cell of it has a source yet.".to_owned()
    } else {
        format!("Cells with a source: {}.", written.join(", "))
    }
}

/// A URL's last audit result from the history database (read only, and
/// never waiting on a file that can hang).
fn audit(history: &std::path::Path, url: &str) -> String {
    let head = format!("**Link** <{url}>");
    let (latest, prior) = match server_history::lookup(history, url) {
        Lookup::Missing => {
            return format!(
                "{head}\n\nNot audited yet: `matrixlint links` records its results in `{}`.",
                history.display()
            );
        }
        Lookup::Unreadable(why) => return format!("{head}\n\nThe link history cannot be read: {why}"),
        Lookup::Found(audited) => match *audited {
            Audited { latest: None, .. } => return format!("{head}\n\nNo audit has checked this link yet."),
            Audited { latest: Some(latest), prior } => (latest, prior),
        },
    };
    let (at, outcome) = latest;
    let day = |t: jiff::Timestamp| t.strftime("%Y-%m-%d").to_string();
    let reason = outcome.reason.map(|r| format!(", {}", r.words())).unwrap_or_default();
    let mut out =
        format!("{head}\n\nLast audit ({}): **{}** — {}{reason}", day(at), outcome.class.as_str(), outcome.detail);
    if let Some(since) = prior.failing_since.filter(|_| !outcome.class.is_success()) {
        out.push_str(&format!("\n\nFailing since {} ({} audit(s) in a row).", day(since), prior.streak));
    } else if let Some(first) = prior.first_seen {
        out.push_str(&format!("\n\nIn the history since {}.", day(first)));
    }
    if !outcome.redirects.is_empty() {
        let hops: Vec<String> = outcome.redirects.iter().map(|r| format!("{} → <{}>", r.status, r.to)).collect();
        out.push_str(&format!("\n\nRedirects: {}", hops.join(", ")));
    }
    if let Some(to) = outcome.update_to() {
        out.push_str(&format!("\n\nMoved permanently: update the link to <{to}>."));
    }
    out
}
