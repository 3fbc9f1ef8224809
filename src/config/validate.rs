//! What the configuration schema cannot check: rule names, globs, the registry.

use std::collections::HashSet;
use std::sync::Arc;

use super::{Config, ConfigProblem};
use crate::source::{SourceFile, Span};

/// Finds the file and span of a setting (`key`: the key rather than the value).
pub(super) type Locate<'a> = dyn Fn(&str, bool) -> (Arc<SourceFile>, Span) + 'a;

/// Pushes every problem of `config`.
pub(super) fn check(config: &Config, known_rules: &[&str], locate: &Locate<'_>, problems: &mut Vec<ConfigProblem>) {
    let mut push = |pointer: &str, key: bool, message: String, help: Option<String>| {
        let (file, span) = locate(pointer, key);
        problems.push(ConfigProblem { file, span, message, help });
    };
    let known: Vec<String> = known_rules.iter().map(|r| (*r).to_owned()).collect();
    let mut rule_tables = vec![("/rules".to_owned(), &config.rules)];
    rule_tables.extend(config.overrides.iter().enumerate().map(|(i, o)| (format!("/overrides/{i}/rules"), &o.rules)));
    for (base, table) in rule_tables {
        for name in table.keys() {
            if !known_rules.contains(&name.as_str()) {
                let help = crate::suggest::closest(name, &known).map_or_else(
                    || "name a rule by its name or code; `matrixlint rules` lists them".to_owned(),
                    |c| format!("did you mean `{c}`?"),
                );
                push(&format!("{base}/{}", escape(name)), true, format!("unknown rule `{name}`"), Some(help));
            }
        }
    }
    let mut globs: Vec<(String, &String)> =
        config.cells.iter().enumerate().map(|(i, g)| (format!("/cells/{i}"), g)).collect();
    for (i, o) in config.overrides.iter().enumerate() {
        globs.extend(o.files.iter().enumerate().map(|(j, g)| (format!("/overrides/{i}/files/{j}"), g)));
    }
    globs.extend(config.missing_cell.ignore.iter().enumerate().map(|(i, g)| (format!("/missing-cell/ignore/{i}"), g)));
    for (pointer, glob) in globs {
        if let Err(e) = globset::Glob::new(glob) {
            push(
                &pointer,
                false,
                format!("invalid glob `{glob}`: {}", e.kind()),
                Some("write the glob with `*`, `**`, `?`, `[…]` and `{a,b}`, closing every `[` and `{`".to_owned()),
            );
        }
    }
    let mut ids = HashSet::new();
    for (i, m) in config.registry.matrices.iter().enumerate() {
        if !ids.insert(m.id.as_str()) {
            push(
                &format!("/registry/matrices/{i}/id"),
                false,
                format!("matrix `{}` is listed twice", m.id),
                Some("remove one of the two, or give it another `id`".to_owned()),
            );
        }
        if m.columns.is_empty() || m.columns.len() > 26 {
            push(
                &format!("/registry/matrices/{i}/columns"),
                false,
                "a matrix has 1 to 26 columns (A–Z)".to_owned(),
                Some("list between 1 and 26 column names under `columns:`".to_owned()),
            );
        }
        if m.rows.is_empty() || m.rows.len() > 9 {
            push(
                &format!("/registry/matrices/{i}/rows"),
                false,
                "a matrix has 1 to 9 rows".to_owned(),
                Some("list between 1 and 9 row names under `rows:`".to_owned()),
            );
        }
    }
    if let Some(max) = config.years.max
        && max < config.years.min
    {
        push(
            "/years/max",
            false,
            format!("`max` ({max}) is before `min` ({})", config.years.min),
            Some("raise `max` or lower `min`".to_owned()),
        );
    }
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}
