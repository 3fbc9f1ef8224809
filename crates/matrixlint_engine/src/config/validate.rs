//! What the configuration schema cannot check: rule names, globs, the registry, link-audit hosts.

use std::collections::HashSet;
use std::sync::Arc;

use super::{Config, ConfigProblem};
use crate::source::{Node, SourceFile, Span};

/// Finds the file and span of a setting (`key`: the key rather than the value).
pub type Locate<'a> = dyn Fn(&str, bool) -> (Arc<SourceFile>, Span) + 'a;

/// Rule names and globs as written in one file of the chain, checked on its
/// tree: they are found in the same run as the file's schema problems, so that
/// every problem is reported at once.
pub fn written(root: &Node, file: &Arc<SourceFile>, known_rules: &[&str], problems: &mut Vec<ConfigProblem>) {
    let mut push = |span: Span, message: String, help: String| {
        problems.push(ConfigProblem { file: Arc::clone(file), span, message, help: Some(help) });
    };
    let overrides = root.get("overrides").and_then(Node::as_seq).unwrap_or_default();
    let tables = std::iter::once(root.get("rules")).chain(overrides.iter().map(|o| o.get("rules")));
    let known: Vec<String> = known_rules.iter().map(|r| (*r).to_owned()).collect();
    for (key, _) in tables.flatten().filter_map(Node::as_map).flatten() {
        let Some(name) = key.as_str().filter(|n| !known_rules.contains(n)) else { continue };
        let help = crate::suggest::closest(name, &known).map_or_else(
            || "name a rule by its name or code; `matrixlint rules` lists them".to_owned(),
            |c| format!("did you mean `{c}`?"),
        );
        push(key.span, format!("unknown rule `{name}`"), help);
    }
    let lists = [root.get("cells"), root.get("missing-cell").and_then(|m| m.get("ignore"))];
    let globs = lists.into_iter().chain(overrides.iter().map(|o| o.get("files"))).flatten();
    for glob in globs.filter_map(Node::as_seq).flatten() {
        let Some(text) = glob.as_str() else { continue };
        if let Err(e) = globset::Glob::new(text) {
            push(
                glob.span,
                format!("invalid glob `{text}`: {}", e.kind()),
                "write the glob with `*`, `**`, `?`, `[…]` and `{a,b}`, closing every `[` and `{`".to_owned(),
            );
        }
    }
}

/// Whether `id` is a matrix id: `^[a-z][a-z0-9-]{0,31}$`, safe as a folder name.
pub fn is_matrix_id(id: &str) -> bool {
    let mut chars = id.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && id.len() <= 32
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Pushes every problem of the merged `config` that needs the whole chain.
pub fn check(config: &Config, locate: &Locate<'_>, problems: &mut Vec<ConfigProblem>) {
    let mut push = |pointer: &str, key: bool, message: String, help: Option<String>| {
        let (file, span) = locate(pointer, key);
        problems.push(ConfigProblem { file, span, message, help });
    };
    let mut ids = HashSet::new();
    for (i, m) in config.registry.matrices.iter().enumerate() {
        if !is_matrix_id(&m.id) {
            // The id names a folder (`cells/<id>/`) that `import` writes into:
            // `../x` or `/x` would send files outside the corpus.
            push(
                &format!("/registry/matrices/{i}/id"),
                false,
                format!("`{}` is not a matrix id", m.id.escape_debug()),
                Some(
                    "a matrix id is a short lowercase slug: a letter, then up to 31 letters, digits or `-`".to_owned(),
                ),
            );
        }
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
    config.links.problems(&mut push);
    config.evidence.problems(&mut push);
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
