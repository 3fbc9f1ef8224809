//! `textDocument/completion`: tier labels, matrix ids, cell ids (in `cell:`
//! and in prose after "cell "), `discussion` items (this cell's bite headings
//! first, then other cells and their issues) and rule names inside
//! `# matrixlint: ignore[…]`, each with its documentation. The context is
//! read from the text before the cursor, so completion works while the YAML
//! is half-typed.

use std::sync::LazyLock;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};
use regex::Regex;

use crate::cell::Tier;
use crate::convert::Text;
use crate::registry::Matrix;
use crate::rules::RULES;
use crate::session::{CorpusView, Snapshot};
use crate::tiers;

/// What the cursor is completing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Rule,
    Tier,
    Matrix,
    CellField,
    ProseCell,
    Discussion,
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid completion pattern")
}

static CONTEXTS: LazyLock<Vec<(Want, Regex)>> = LazyLock::new(|| {
    vec![
        (Want::Rule, re(matrixlint_engine::suppression::COMPLETION_PATTERN)),
        (Want::Tier, re(r#"^\s*(?:-\s+)?tier:\s*(?:\[(?:[^\]]*,)?\s*)?["']?(\w*)$"#)),
        (Want::Matrix, re(r#"^\s*matrix:\s*["']?([\w-]*)$"#)),
        (Want::CellField, re(r#"^\s*cell:\s*["']?(\w*)$"#)),
        (Want::Discussion, re(r#"^\s*(?:-\s+)?discussion:\s*\[(?:[^\]]*,)?\s*["']?([\w/#-]*)$"#)),
        (
            Want::ProseCell,
            re(r"(?:^|\W)[Cc]ells?\s+(?:[A-Z]\d{1,2}\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*))*([A-Z]?\d?)$"),
        ),
    ]
});

/// An item of a block list (`- S`) under `tier:` or `discussion:`.
static BLOCK_ITEM: LazyLock<Regex> = LazyLock::new(|| re(r#"^(\s*)-\s+["']?([\w/#-]*)$"#));
static BLOCK_KEY: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(?:-\s+)?(tier|discussion):\s*$"));
static MATRIX_LINE: LazyLock<Regex> = LazyLock::new(|| re(r#"(?m)^matrix:\s*["']?([\w-]+)"#));
static SECTION_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"(?m)^\s+(about|start|highlighted):"));
static ISSUE_LINE: LazyLock<Regex> = LazyLock::new(|| re(r#"(?m)^\s*-\s+id:\s*["']?([\w-]+)"#));

pub(crate) fn complete(snapshot: &Snapshot, params: CompletionParams) -> Option<CompletionResponse> {
    let view = snapshot.corpus.as_ref()?;
    let own = match &snapshot.text {
        Some(text) => text.to_string(),
        None => view.load(&view.name).file.text.to_string(),
    };
    let text = Text::new(&own, snapshot.encoding);
    let offset = text.offset(params.text_document_position.position);
    let line = text.index.line_of(offset);
    let before = &own[text.index.start(line).unwrap_or(own.len())..offset];
    let (want, partial) = context(before, &own[..text.index.start(line).unwrap_or(own.len())])?;
    let range = text.range(crate::source::Span::new(offset - partial.len(), offset));
    let own_matrix = MATRIX_LINE.captures(&own).map(|c| c[1].to_owned());
    let items = match want {
        Want::Rule => rules(),
        Want::Tier => tier_items(),
        Want::Matrix => view.engine.linter.settings().registry.matrices.iter().map(matrix_item).collect(),
        Want::CellField | Want::ProseCell => cell_items(view, own_matrix.as_deref(), want == Want::CellField),
        Want::Discussion => discussion_items(view, &own, own_matrix.as_deref()),
    };
    let markdown = snapshot.flags.markdown;
    let items = items
        .into_iter()
        .map(|mut item| {
            item.text_edit = Some(CompletionTextEdit::Edit(TextEdit { range, new_text: item.label.clone() }));
            if !markdown && let Some(Documentation::MarkupContent(m)) = &mut item.documentation {
                m.kind = MarkupKind::PlainText;
            }
            item
        })
        .collect();
    Some(CompletionResponse::List(CompletionList { is_incomplete: false, items }))
}

/// What is being completed, and the part of it typed so far.
fn context<'a>(before: &'a str, earlier: &str) -> Option<(Want, &'a str)> {
    for (want, pattern) in CONTEXTS.iter() {
        if let Some(m) = pattern.captures(before).and_then(|c| c.get(1)) {
            return Some((*want, m.as_str()));
        }
    }
    let item = BLOCK_ITEM.captures(before)?;
    let indent = item.get(1).map_or(0, |m| m.len());
    // The key the list belongs to: the nearest line above that is not an item of it.
    let key = earlier.lines().rev().find(|l| {
        let trimmed = l.trim_start();
        let sibling = trimmed.starts_with("- ") && l.len() - trimmed.len() == indent;
        !trimmed.is_empty() && !sibling
    })?;
    let partial = item.get(2).map_or("", |m| m.as_str());
    match BLOCK_KEY.captures(key)?.get(1)?.as_str() {
        "tier" => Some((Want::Tier, partial)),
        _ => Some((Want::Discussion, partial)),
    }
}

fn item(label: String, kind: CompletionItemKind, detail: String, docs: String) -> CompletionItem {
    CompletionItem {
        label,
        kind: Some(kind),
        detail: Some(detail),
        documentation: Some(Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value: docs })),
        ..CompletionItem::default()
    }
}

fn rules() -> Vec<CompletionItem> {
    RULES
        .iter()
        .map(|r| {
            let detail = format!("{} · {}", r.info.code, r.info.summary);
            item(r.info.name.to_owned(), CompletionItemKind::REFERENCE, detail, r.info.markdown())
        })
        .collect()
}

fn tier_items() -> Vec<CompletionItem> {
    Tier::ALL
        .into_iter()
        .enumerate()
        .map(|(i, tier)| {
            let mut it = item(
                tier.label().to_owned(),
                CompletionItemKind::ENUM_MEMBER,
                tier.name().to_owned(),
                tiers::describe(tier.label()).unwrap_or_default(),
            );
            // In tier order, not alphabetical.
            it.sort_text = Some(format!("{i}"));
            it
        })
        .collect()
}

fn matrix_item(m: &Matrix) -> CompletionItem {
    let docs = format!(
        "**{}** ({})\n\nColumns: {}\n\nRows: {}",
        m.name,
        m.short_name,
        m.columns.join(", "),
        m.rows.join(", ")
    );
    item(m.id.clone(), CompletionItemKind::MODULE, m.name.clone(), docs)
}

/// The cells of this cell's matrix; for `cell:`, cells another file already
/// declares come last.
fn cell_items(view: &CorpusView, own_matrix: Option<&str>, field: bool) -> Vec<CompletionItem> {
    let registry = &view.engine.linter.settings().registry;
    let Some(matrix) = own_matrix.and_then(|m| registry.get(m)) else { return Vec::new() };
    let mut out = Vec::new();
    for c in 0..matrix.columns.len() {
        for row in 1..=matrix.rows.len() {
            let id = format!("{}{row}", crate::inspect::column_letter(c));
            let title = crate::registry::CellId::parse(&id).and_then(|i| matrix.cell_title(i)).unwrap_or_default();
            let other = view.corpus.lookup(&matrix.id, &id).find(|r| r.file != view.name);
            let (docs, rank) = match (other, field) {
                (Some(r), true) => {
                    (format!("**{} cell {id}**: {title}\n\nAlready declared by `{}`.", matrix.name, r.file), 1)
                }
                (Some(r), false) => (format!("**{} cell {id}**: {title}\n\n`{}`", matrix.name, r.file), 0),
                (None, _) => (format!("**{} cell {id}**: {title}\n\nNo source yet.", matrix.name), 0),
            };
            let mut it = item(id.clone(), CompletionItemKind::VALUE, title, docs);
            it.sort_text = Some(format!("{rank}{id}"));
            out.push(it);
        }
    }
    out
}

/// This cell's bite headings (read from the text, which may not parse
/// while it is typed), then other cells and their issues.
fn discussion_items(view: &CorpusView, own: &str, own_matrix: Option<&str>) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    for caps in SECTION_LINE.captures_iter(own) {
        let key = &caps[1];
        let title = crate::cell::BiteSection::parse(key).map_or(key.to_owned(), |s| s.heading().to_owned());
        let mut it =
            item(key.to_owned(), CompletionItemKind::ENUM_MEMBER, title.clone(), format!("**{title}** (this cell)"));
        it.sort_text = Some(format!("0{key}"));
        out.push(it);
    }
    for caps in ISSUE_LINE.captures_iter(own) {
        let id = &caps[1];
        let mut it = item(
            id.to_owned(),
            CompletionItemKind::ENUM_MEMBER,
            "issue of this cell".to_owned(),
            format!("Bite issue `{id}` of this cell"),
        );
        it.sort_text = Some(format!("1{id}"));
        out.push(it);
    }
    let registry = &view.engine.linter.settings().registry;
    for record in view.corpus.records().filter(|r| r.file != view.name) {
        let cell = if Some(record.matrix.as_str()) == own_matrix {
            record.cell.clone()
        } else {
            format!("{}/{}", record.matrix, record.cell)
        };
        let name = registry.get(&record.matrix).map_or(record.matrix.as_str(), |m| m.name.as_str());
        let mut it = item(
            cell.clone(),
            CompletionItemKind::FILE,
            format!("{name} cell {}", record.cell),
            format!("`{}`", record.file),
        );
        it.sort_text = Some(format!("2{cell}"));
        out.push(it);
        for id in &record.issues {
            let label = format!("{cell}#{id}");
            let mut it = item(
                label.clone(),
                CompletionItemKind::REFERENCE,
                format!("issue of {name} cell {}", record.cell),
                format!("`{}`", record.file),
            );
            it.sort_text = Some(format!("3{label}"));
            out.push(it);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_are_read_from_the_text_before_the_cursor() {
        assert_eq!(context("  - tier: ", ""), Some((Want::Tier, "")));
        assert_eq!(context("  - tier: [S, ", ""), Some((Want::Tier, "")));
        assert_eq!(context("matrix: dr", ""), Some((Want::Matrix, "dr")));
        assert_eq!(context("cell: B", ""), Some((Want::CellField, "B")));
        assert_eq!(context("    text: see cells A3 and ", ""), Some((Want::ProseCell, "")));
        assert_eq!(context("      as cell C", ""), Some((Want::ProseCell, "C")));
        assert_eq!(context("    discussion: [about, alcohol/", ""), Some((Want::Discussion, "alcohol/")));
        assert_eq!(context("title: x  # matrixlint: ignore[cell-t", ""), Some((Want::Rule, "cell-t")));
        assert_eq!(context("      - sta", "    discussion:\n      - about\n"), Some((Want::Discussion, "sta")));
        assert_eq!(context("      - ", "  - tier:\n      - S\n"), Some((Want::Tier, "")));
        assert_eq!(context("  - K", "entries:\n"), None);
        assert_eq!(context("    text: cellular", ""), None);
    }
}
