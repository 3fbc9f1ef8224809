//! `matrixlint.yaml`: the corpus configuration.
//!
//! Parsed with the same spanned YAML loader as cells, then deserialised with
//! `serde_path_to_error`, so that every problem is reported at its line and
//! column in the configuration file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::registry::{Matrix, Registry};
use crate::source::{SourceFile, Span};

/// The configuration file's name, looked for upwards from the working directory.
pub const FILE_NAME: &str = "matrixlint.yaml";

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as information.
    Info,
    /// Do not run the rule.
    Off,
}

impl Level {
    /// The severity, or `None` for `off`.
    #[must_use]
    pub fn severity(self) -> Option<Severity> {
        match self {
            Self::Error => Some(Severity::Error),
            Self::Warning => Some(Severity::Warning),
            Self::Info => Some(Severity::Info),
            Self::Off => None,
        }
    }
}

/// Year bounds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Years {
    /// The earliest year accepted (default 1900).
    #[serde(default = "default_min_year")]
    pub min: i64,
}

fn default_min_year() -> i64 {
    1900
}

impl Default for Years {
    fn default() -> Self {
        Self { min: default_min_year() }
    }
}

/// How configured matrices combine with the shipped registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegistryMode {
    /// Add to (or override by id) the shipped matrices.
    #[default]
    Extend,
    /// Use only the configured matrices.
    Replace,
}

/// The `registry` section.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RegistryConfig {
    /// Extend or replace.
    #[serde(default)]
    pub mode: RegistryMode,
    /// The matrices.
    #[serde(default)]
    pub matrices: Vec<Matrix>,
}

/// The whole configuration file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Globs (relative to the root) of the cell sources.
    #[serde(default = "default_cells")]
    pub cells: Vec<String>,
    /// Year bounds.
    #[serde(default)]
    pub years: Years,
    /// Extra or replacement matrices.
    #[serde(default)]
    pub registry: RegistryConfig,
    /// Per-rule levels, by rule name or code.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
}

fn default_cells() -> Vec<String> {
    vec!["cells/**/*.yaml".to_owned()]
}

impl Default for Config {
    fn default() -> Self {
        Self {
            cells: default_cells(),
            years: Years::default(),
            registry: RegistryConfig::default(),
            rules: BTreeMap::new(),
        }
    }
}

impl Config {
    /// The effective registry.
    #[must_use]
    pub fn registry(&self) -> Registry {
        match self.registry.mode {
            RegistryMode::Replace => Registry { matrices: self.registry.matrices.clone() },
            RegistryMode::Extend => {
                let mut r = Registry::default();
                r.extend(self.registry.matrices.iter().cloned());
                r
            }
        }
    }
}

/// A problem in the configuration file, at a place in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigProblem {
    /// Where.
    pub span: Span,
    /// What.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

/// The configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file has problems, each at a place.
    #[error("{} problem(s) in {}", problems.len(), file.name)]
    Invalid {
        /// The configuration file.
        file: Arc<SourceFile>,
        /// Every problem found.
        problems: Vec<ConfigProblem>,
    },
}

/// Loads and validates `path`, shown as `name`.
///
/// # Errors
/// When the file cannot be read or has problems (all of them are reported).
pub fn load(path: &Path, name: &str, known_rules: &[&str]) -> Result<(Config, Arc<SourceFile>), ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
    let file = Arc::new(SourceFile::new(path, name, text));
    let config =
        parse(&file, known_rules).map_err(|problems| ConfigError::Invalid { file: Arc::clone(&file), problems })?;
    Ok((config, file))
}

/// Parses configuration text; `known_rules` are the rule names and codes
/// that `rules` may name.
///
/// # Errors
/// Every problem found, each with its span.
pub fn parse(file: &SourceFile, known_rules: &[&str]) -> Result<Config, Vec<ConfigProblem>> {
    let root = crate::source::yaml::load(&file.text).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| ConfigProblem { span: e.span, message: e.kind.to_string(), help: None })
            .collect::<Vec<_>>()
    })?;
    if matches!(root.value, crate::source::Scalar::Null) {
        return Ok(Config::default());
    }
    let json = root.to_json();
    match serde_path_to_error::deserialize::<_, Config>(&json) {
        Ok(config) => validate(&config, &root, known_rules),
        Err(e) => {
            let pointer = to_pointer(e.path());
            let message = e.inner().to_string();
            // For an unknown key the path ends at the key itself; its mapping holds the span.
            let lookup = if message.starts_with("unknown field") { parent(&pointer) } else { &pointer };
            let node = root.pointer(lookup).or_else(|| root.pointer(parent(lookup))).unwrap_or(&root);
            let (span, help) = unknown_key_hint(&message, node);
            Err(vec![ConfigProblem { span: span.unwrap_or(node.span), message: tidy(&message), help }])
        }
    }
}

/// Checks that go beyond types; collects every problem.
fn validate(config: &Config, root: &crate::source::Node, known_rules: &[&str]) -> Result<Config, Vec<ConfigProblem>> {
    let mut problems = Vec::new();
    for key in config.rules.keys() {
        if !known_rules.contains(&key.as_str()) {
            let known: Vec<String> = known_rules.iter().map(|r| (*r).to_owned()).collect();
            let span = root.get("rules").and_then(|r| r.entry(key)).map_or(root.span, |(k, _)| k.span);
            let help = crate::suggest::closest(key, &known).map(|c| format!("did you mean `{c}`?"));
            problems.push(ConfigProblem { span, message: format!("unknown rule `{key}`"), help });
        }
    }
    for (i, glob) in config.cells.iter().enumerate() {
        if let Err(e) = globset::Glob::new(glob) {
            let span = root.pointer(&format!("/cells/{i}")).map_or(root.span, |n| n.span);
            problems.push(ConfigProblem { span, message: format!("invalid glob: {e}"), help: None });
        }
    }
    if problems.is_empty() { Ok(config.clone()) } else { Err(problems) }
}

fn to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(format!("/{index}")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                Some(format!("/{}", key.replace('~', "~0").replace('/', "~1")))
            }
            Segment::Unknown => None,
        })
        .collect()
}

fn parent(pointer: &str) -> &str {
    pointer.rsplit_once('/').map_or("", |(p, _)| p)
}

/// For "unknown field `x`, expected one of …", the key's span and a suggestion.
fn unknown_key_hint(message: &str, node: &crate::source::Node) -> (Option<Span>, Option<String>) {
    let Some(rest) = message.strip_prefix("unknown field `") else { return (None, None) };
    let Some((key, expected)) = rest.split_once('`') else { return (None, None) };
    let known: Vec<String> = expected.split('`').skip(1).step_by(2).map(str::to_owned).collect();
    let span = node.entry(key).map(|(k, _)| k.span);
    let help = crate::suggest::closest(key, &known).map_or_else(
        || format!("known keys: {}", known.join(", ")),
        |c| format!("did you mean `{c}`? Known keys: {}", known.join(", ")),
    );
    (span, Some(help))
}

/// serde's messages, without the "expected one of" list (it goes in the help).
fn tidy(message: &str) -> String {
    message.split(", expected").next().unwrap_or(message).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &[&str] = &["tier-order", "unknown-tier", "ML202"];

    fn problems(text: &str) -> Vec<ConfigProblem> {
        parse(&SourceFile::new("m.yaml", "m.yaml", text), RULES).unwrap_err()
    }

    #[test]
    fn empty_config_is_default() {
        assert_eq!(parse(&SourceFile::new("m", "m", "# nothing\n"), RULES).unwrap(), Config::default());
    }

    #[test]
    fn unknown_key_points_at_the_key_and_names_the_closest() {
        let text = "cells: [\"cells/**/*.yaml\"]\nyears:\n  mni: 1950\n";
        let p = problems(text);
        assert_eq!(p.len(), 1);
        assert_eq!(&text[p[0].span.start..p[0].span.end], "mni");
        assert_eq!(p[0].message, "unknown field `mni`");
        assert!(p[0].help.as_deref().unwrap().starts_with("did you mean `min`?"));
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let text = "years:\n  min: soon\n";
        let p = problems(text);
        assert_eq!(&text[p[0].span.start..p[0].span.end], "soon");
    }

    #[test]
    fn every_unknown_rule_is_reported() {
        let text = "rules:\n  tier-ordr: off\n  nope: error\n  tier-order: warning\n";
        let p = problems(text);
        assert_eq!(p.len(), 2);
        let typo = p.iter().find(|p| p.message == "unknown rule `tier-ordr`").unwrap();
        assert_eq!(typo.help.as_deref(), Some("did you mean `tier-order`?"));
        assert_eq!(&text[typo.span.start..typo.span.end], "tier-ordr");
    }

    #[test]
    fn registry_extends_by_default() {
        let text = "registry:\n  matrices:\n    - id: extra\n      name: Extra Treatment Matrix\n      short_name: Extra Matrix\n      columns: [A]\n      rows: [One]\n";
        let c = parse(&SourceFile::new("m", "m", text), RULES).unwrap();
        assert_eq!(c.registry().ids(), vec!["alcohol", "drug", "extra"]);
    }
}
