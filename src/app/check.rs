//! The `check` pipeline: load every cell, index the corpus, then validate and
//! run the rules on the selected files, in parallel.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::levels::Levels;
use super::load::{Loaded, load_bytes, load_file};
use super::{AppError, Project};
use crate::cell::Cell;
use crate::diagnostic::Diagnostic;
use crate::index::{CellRecord, Corpus};
use crate::rules::{self, Context, RULES, Settings};
use crate::schema::{Schema, SchemaError};
use crate::source::Scalar;

/// The cell schema, compiled once per process (compiling costs as much as
/// checking a few dozen cells).
static CELL_SCHEMA: std::sync::LazyLock<Result<Schema, String>> =
    std::sync::LazyLock::new(|| Schema::cell().map_err(|e| e.to_string()));

/// What `check` was asked to do.
#[derive(Debug, Clone)]
pub struct CheckRequest {
    /// The working directory (paths are relative to it).
    pub cwd: PathBuf,
    /// `--root`.
    pub root: Option<PathBuf>,
    /// Files or directories to report on (empty: all).
    pub paths: Vec<PathBuf>,
    /// The date the run treats as today.
    pub today: jiff::civil::Date,
}

/// What `check` found.
#[derive(Debug)]
pub struct CheckOutcome {
    /// Findings after configuration, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// How many files were reported on.
    pub files: usize,
    /// The files reported on (relative to the root, sorted), findings or not.
    pub reported: Vec<String>,
    /// The corpus root.
    pub root: PathBuf,
}

/// Runs `check`.
///
/// # Errors
/// When the run cannot happen: no configuration, a bad path, a bad configuration.
pub fn check(req: &CheckRequest) -> Result<CheckOutcome, AppError> {
    let project = Project::open_for(&req.cwd, req.root.as_deref(), &req.paths, req.today)?;
    let selected = project.select(&req.cwd, &req.paths)?;
    let diagnostics = check_files(&project, &selected)?;
    Ok(CheckOutcome { diagnostics, files: selected.len(), reported: selected, root: project.root.clone() })
}

/// Loads the whole corpus and checks the `selected` files.
///
/// # Errors
/// Only on an internal failure (the shipped schema).
pub fn check_files(project: &Project, selected: &[String]) -> Result<Vec<Diagnostic>, AppError> {
    check_with(project, selected, &HashMap::new())
}

/// Like [`check_files`], reading the files in `texts` from memory instead of
/// disk (`--fix` and `--diff` check their edits before anything is written).
///
/// # Errors
/// Only on an internal failure (the shipped schema).
pub fn check_with(
    project: &Project,
    selected: &[String],
    texts: &HashMap<String, String>,
) -> Result<Vec<Diagnostic>, AppError> {
    let levels = Levels::new(&project.config)?;
    let schema = CELL_SCHEMA.as_ref().map_err(|e| AppError::Internal(e.clone()))?;
    let loaded: Vec<Loaded> = project
        .files
        .par_iter()
        .map(|rel| match texts.get(rel) {
            Some(text) => load_bytes(&project.root.join(rel), rel, text.clone().into_bytes()),
            None => load_file(&project.root, rel),
        })
        .collect();
    let corpus =
        Corpus::new(loaded.iter().filter_map(|l| CellRecord::from_root(&l.file.name, l.root.as_ref()?)).collect());
    let wanted: std::collections::HashSet<&str> = selected.iter().map(String::as_str).collect();
    let mut diagnostics: Vec<Diagnostic> = loaded
        .par_iter()
        .filter(|l| wanted.contains(l.file.name.as_str()))
        .flat_map_iter(|l| check_one(l, schema, &corpus, &project.settings, &levels))
        .collect();
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(diagnostics)
}

/// Schema and rules for one loaded file, with overlaps removed.
fn check_one(
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
    super::suppress::apply(&loaded.file, loaded.root.as_ref(), out, levels);
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
    let mut d = Diagnostic::new(&rules::schema::INFO, &loaded.file, span, e.message);
    d.fix = fix;
    if let Some(label) = label {
        d = d.with_label(label);
    }
    if let Some(help) = e.help {
        d = d.with_help(help);
    }
    d
}
