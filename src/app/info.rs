//! `rules`, `explain`, `schema` and `config`: what the tool knows about itself.

use std::fmt::Write as _;

use serde_json::Value;

use super::run::CorpusOptions;
use super::run::{Output, today};
use super::{AppError, Project};
use crate::diagnostic::RuleInfo;
use crate::rules::{self, RULES};

/// The rule table (or JSON list).
#[must_use]
pub fn rules(json: bool) -> String {
    if json {
        let list: Vec<Value> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "code": r.info.code, "name": r.info.name, "severity": r.info.severity.as_str(),
                    "fixable": r.info.fixable, "summary": r.info.summary,
                })
            })
            .collect();
        return format!("{}\n", serde_json::to_string_pretty(&list).unwrap_or_default());
    }
    let width = RULES.iter().map(|r| r.info.name.len()).max().unwrap_or(0);
    let mut out = format!("{:<6} {:<width$} {:<8} {:<3} {}\n", "CODE", "NAME", "SEVERITY", "FIX", "SUMMARY");
    for r in RULES {
        let fix = if r.info.fixable { "yes" } else { "" };
        let _ = writeln!(
            out,
            "{:<6} {:<width$} {:<8} {:<3} {}",
            r.info.code,
            r.info.name,
            r.info.severity.as_str(),
            fix,
            r.info.summary
        );
    }
    out
}

/// A rule's documentation, from its doc comment.
///
/// # Errors
/// When no rule has that name or code (the help lists the closest).
pub fn explain(name: &str) -> Result<Output, AppError> {
    let Some(rule) = rules::find(name) else {
        return Err(AppError::UnknownRule(format!("{name}{}", matrixlint_engine::rule_hint(name))));
    };
    Ok(Output { stdout: documentation(rule.info), code: 0, stderr: String::new() })
}

/// The rendered documentation of one rule.
#[must_use]
pub fn documentation(info: &RuleInfo) -> String {
    let fixable = if info.fixable { "yes" } else { "no" };
    format!(
        "# {} ({})\n\nDefault severity: {}. Fixable: {fixable}.\n\n{}\n",
        info.name,
        info.code,
        info.severity,
        info.markdown()
    )
}

crate::choice::choice! {
    /// Which schema `matrixlint schema` prints.
    pub enum SchemaKind {
        /// `schemas/cell.schema.json`.
        Cell = "cell",
        /// `schemas/config.schema.json`.
        Config = "config",
    }
}

/// The schema text.
#[must_use]
pub fn schema(kind: SchemaKind) -> String {
    match kind {
        SchemaKind::Cell => crate::schema::CELL_SCHEMA.to_owned(),
        SchemaKind::Config => crate::config::CONFIG_SCHEMA.to_owned(),
    }
}

/// The effective configuration, one setting a line, with where it came from.
///
/// # Errors
/// When the corpus or its configuration cannot be opened.
pub fn config(args: &CorpusOptions) -> Result<Output, AppError> {
    let cwd = super::working_dir()?;
    let at = super::Locator { root: args.root.as_deref(), config: args.config.as_deref(), paths: &[] };
    let project = Project::locate(&cwd, at, today(args.today))?;
    let effective = serde_json::to_value(&project.config).map_err(|e| AppError::Internal(e.to_string()))?;
    let origins = project.config_files.as_ref().map(|l| &l.origins);
    let mut lines = Vec::new();
    flatten(&effective, "", &mut lines);
    let width = lines.iter().map(|(k, v)| k.len() + v.len()).max().unwrap_or(0) + 3;
    let mut out = format!("# corpus root: {}\n", project.root.display());
    for (pointer, value) in lines {
        let origin = origins
            .and_then(|o| o.iter().rfind(|(p, _)| pointer == **p || pointer.starts_with(&format!("{p}/"))))
            .map_or_else(|| "default".to_owned(), |(_, o)| format!("{}:{}", o.file, o.line));
        let key = pointer.trim_start_matches('/').replace('/', ".");
        let pad = width.saturating_sub(key.len() + value.len());
        let _ = writeln!(out, "{key} = {value}{:pad$}# {origin}", "");
    }
    Ok(Output { stdout: out, code: 0, stderr: String::new() })
}

/// Leaves (and whole lists) of a JSON value, by pointer.
fn flatten(value: &Value, pointer: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                flatten(v, &format!("{pointer}/{k}"), out);
            }
        }
        other => out.push((pointer.to_owned(), other.to_string())),
    }
}
