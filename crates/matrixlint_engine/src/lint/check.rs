//! One file through the schema and the rules: a problem a specific rule
//! reports is not reported again by the schema; then the configured levels
//! and the inline suppressions.

use super::Loaded;
use super::levels::Levels;
use super::suppress::Directives;
use crate::cell::Cell;
use crate::diagnostic::Diagnostic;
use crate::index::Corpus;
use crate::rules::{self, Context, RULES, Settings};
use crate::schema::{Schema, SchemaError};
use crate::source::Scalar;

/// Schema and rules for one loaded file, with overlaps removed.
pub(super) fn check_one(
    loaded: &Loaded,
    schema: &Schema,
    corpus: &Corpus,
    settings: &Settings,
    levels: &Levels,
) -> Vec<Diagnostic> {
    let mut out = loaded.problems.clone();
    let Some(root) = &loaded.root else {
        finish(loaded, &mut out, levels);
        return out;
    };
    let schema_diags: Vec<Diagnostic> =
        schema.validate(&root.to_json()).into_iter().map(|e| schema_diagnostic(loaded, root, e)).collect();
    let cx = Context::new(&loaded.file, Cell::new(root), corpus, settings);
    let mut rule_diags = Vec::new();
    if root.as_map().is_some() {
        for rule in RULES.iter().filter(|r| !levels.is_off(r.info, &loaded.file.name)) {
            if let Some(check) = rule.check {
                check(&cx, &mut rule_diags);
            }
        }
    }
    // A problem a specific rule reports (an unknown tier) is not reported again by the schema.
    out.extend(schema_diags.into_iter().filter(|s| !covered(s, root, &rule_diags)));
    out.extend(rule_diags);
    finish(loaded, &mut out, levels);
    out
}

/// Configured levels, then inline suppressions.
fn finish(loaded: &Loaded, out: &mut Vec<Diagnostic>, levels: &Levels) {
    levels.apply(out);
    super::suppress::apply(&loaded.file, loaded.root.as_ref(), out, levels, Directives::Report);
}

/// The same pass for findings made outside `check` (a dead link): levels and
/// suppressions, without judging the suppressions themselves.
pub(super) fn finish_outside(loaded: &Loaded, out: &mut Vec<Diagnostic>, levels: &Levels) {
    levels.apply(out);
    super::suppress::apply(&loaded.file, loaded.root.as_ref(), out, levels, Directives::Apply);
}

fn covered(schema_diag: &Diagnostic, root: &crate::source::Node, rule_diags: &[Diagnostic]) -> bool {
    let span = schema_diag.primary.span;
    let scalar_list = root_node_at(root, span).is_some_and(|n| {
        n.as_seq().is_some_and(|items| items.iter().all(|i| i.as_seq().is_none() && i.as_map().is_none()))
    });
    rule_diags.iter().any(|r| r.primary.span == span || (scalar_list && span.contains(r.primary.span)))
}

/// The node written exactly at `span`, if any.
fn root_node_at(node: &crate::source::Node, span: crate::source::Span) -> Option<&crate::source::Node> {
    if node.span == span {
        return Some(node);
    }
    match &node.value {
        Scalar::Seq(items) => items.iter().find(|i| i.span.contains(span)).and_then(|i| root_node_at(i, span)),
        Scalar::Map(entries) => {
            entries.iter().find(|(_, v)| v.span.contains(span)).and_then(|(_, v)| root_node_at(v, span))
        }
        _ => None,
    }
}

fn schema_diagnostic(loaded: &Loaded, root: &crate::source::Node, e: SchemaError) -> Diagnostic {
    let (span, label) = e.locate(root);
    let fix = e.fix(root);
    let (message, help) = if e.pointer.is_empty() && matches!(root.value, Scalar::Null) {
        empty_file(&loaded.file.name)
    } else {
        (e.message, e.help)
    };
    let mut d = Diagnostic::new(&rules::schema::INFO, &loaded.file, span, message);
    d.fix = fix;
    if let Some(label) = label {
        d = d.with_label(label);
    }
    if let Some(help) = help {
        d = d.with_help(help);
    }
    d
}

/// What an empty file (or one of comments only) is told: what a cell source
/// starts with, its first lines guessed from its path (`cells/drug/B3.yaml`).
fn empty_file(name: &str) -> (String, Option<String>) {
    let path = std::path::Path::new(name);
    let matrix = path.parent().and_then(std::path::Path::file_name).and_then(|s| s.to_str()).unwrap_or("drug");
    let cell = path.file_stem().and_then(|s| s.to_str()).unwrap_or("B2");
    let message = "an empty file: a cell source is a mapping that starts with `matrix:` and `cell:`".to_owned();
    let help = format!(
        "start the file with the lines `matrix: {matrix}`, `cell: {cell}` and `entries:`, then one `- tier: …` item \
         per source below `entries:`"
    );
    (message, Some(help))
}
