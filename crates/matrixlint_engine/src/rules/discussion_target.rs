//! `discussion-target`: a `discussion` item naming no existing heading or cell.

use crate::cell::BiteSection;
use crate::diagnostic::Diagnostic;
use crate::registry::CellId;
use crate::rules::Context;
use crate::source::Node;

declare_rule! {
    /// ## What it does
    /// Checks each item of an entry's `discussion` list. An item names a bite
    /// heading of the same cell (`about`, `start`, `highlighted`, or one of its
    /// `bite.issues` ids) or another cell's bite: `C2` (same matrix),
    /// `alcohol/C2`, optionally followed by `#issue-id`. The heading or cell
    /// must exist in the corpus.
    ///
    /// ## Why is this bad?
    /// The published "For discussion click here" link would point at nothing.
    ///
    /// ## Example
    /// ```yaml
    /// discussion: [best-to-busk-it]
    /// # …
    /// bite:
    ///   issues:
    ///     - id: is-it-best-to-busk-it
    /// ```
    /// Use instead:
    /// ```yaml
    /// discussion: [is-it-best-to-busk-it]
    /// ```
    name: "discussion-target", code: "ML306", severity: Error, fixable: false,
    summary: "A `discussion` item that names no existing heading or cell.",
    check: Some(check),
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut own: Vec<String> =
        BiteSection::ALL.into_iter().filter(|s| cx.cell.has_section(*s)).map(|s| s.key().to_owned()).collect();
    own.extend(cx.cell.issue_ids().into_iter().map(|(id, _)| id.to_owned()));
    for entry in cx.cell.entries() {
        let Some(items) = entry.get("discussion").and_then(Node::as_seq) else { continue };
        for item in items {
            let Some(target) = item.as_str() else { continue };
            if let Some(problem) = problem(cx, target, &own) {
                out.push(cx.report(&INFO, item.span, problem.0).with_label("no such heading").with_help(problem.1));
            }
        }
    }
}

/// What is wrong with `target`, and how to fix it; `None` when it resolves.
fn problem(cx: &Context<'_>, target: &str, own: &[String]) -> Option<(String, String)> {
    let (cell_part, heading) = match target.split_once('#') {
        Some((c, h)) => (c, Some(h)),
        None => (target, None),
    };
    let (matrix_id, cell_id) = match cell_part.split_once('/') {
        Some((m, c)) => (Some(m), c),
        None => (None, cell_part),
    };
    if matrix_id.is_none() && heading.is_none() && CellId::parse(cell_id).is_none() {
        // A heading of this cell.
        if own.iter().any(|h| h == target) {
            return None;
        }
        let hint = match crate::suggest::closest(target, own) {
            Some(best) => format!("did you mean `{best}`? Write one of this cell's headings: {}", own.join(", ")),
            None if own.is_empty() => {
                "this cell's bite has no headings; add the bite section or issue first".to_owned()
            }
            None => format!("write one of this cell's headings: {}", own.join(", ")),
        };
        return Some((format!("no bite heading `{target}` in this cell"), hint));
    }
    // This cell's own matrix unknown: `unknown-matrix` reports that, once.
    if matrix_id.is_none() && cx.matrix().is_none() {
        return None;
    }
    let matrix_id = matrix_id.or_else(|| cx.cell.matrix())?;
    let Some(matrix) = cx.settings.registry.get(matrix_id) else {
        let known = cx.settings.registry.ids().join(", ");
        return Some((format!("no matrix `{matrix_id}`"), format!("write a registered matrix id: {known}")));
    };
    let Some(id) = CellId::parse(cell_id).filter(|c| matrix.has_cell(*c)) else {
        return Some((
            format!("`{cell_id}` is not a cell of the {}", matrix.name),
            "write a cell id such as `C2`".to_owned(),
        ));
    };
    let Some(record) = cx.corpus.lookup(&matrix.id, &id.to_string()).next() else {
        // An index still being built knows what exists, not what is missing.
        if !cx.corpus.is_complete() {
            return None;
        }
        return Some((
            format!("{} cell {id} has no source in this corpus", matrix.name),
            format!(
                "create `{}`, or point at another cell",
                cx.corpus.path_for(&matrix.id, &id.to_string(), &cx.file.name)
            ),
        ));
    };
    match heading {
        Some(h) if !record.has_heading(h) => Some((
            format!("{} cell {id} has no bite heading `{h}`", matrix.name),
            format!(
                "write one of that cell's headings: {}",
                record
                    .sections
                    .iter()
                    .map(|s| s.key().to_owned())
                    .chain(record.issues.iter().cloned())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
        _ => None,
    }
}
