//! `matrixlint.yaml`: the corpus configuration.
//!
//! The types here are the configuration's single source of truth: serde reads
//! them, and `schemars` generates `schemas/config.schema.json` from them (a
//! test keeps the committed file in step). Loading (`load.rs`) follows
//! `extend:` chains, validates each file against the schema so that every
//! problem is reported at once at its line and column, then checks what a
//! schema cannot (rule names, globs). Reading files and following `extend:`
//! chains is `matrixlint_workspace`'s (`config::load`): what is here reads text.

pub mod evidence;
pub mod links;
mod parse;
mod quote;
mod validate;

pub use parse::{ConfigProblem, Layer, layer_from, merge, parse_text, problem, span_at, validate_schema};
pub use quote::{redact, shown};
pub use validate::{Locate, check as check_settings, is_matrix_id, written as check_written};

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Severity;
use crate::registry::{Matrix, Registry};

/// The configuration file's name, looked for upwards from the working directory.
pub const FILE_NAME: &str = "matrixlint.yaml";

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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

/// Year bounds for `year-range`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Years {
    /// The earliest year accepted.
    #[serde(default = "default_min_year")]
    pub min: i64,
    /// The latest year accepted; by default the current year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

fn default_min_year() -> i64 {
    crate::cell::MIN_YEAR
}

impl Default for Years {
    fn default() -> Self {
        Self { min: default_min_year(), max: None }
    }
}

/// How configured matrices combine with the shipped registry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RegistryMode {
    /// Add to (or override by id) the shipped matrices.
    #[default]
    Extend,
    /// Use only the configured matrices.
    Replace,
}

/// The `registry` section: the matrices and their grids.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RegistryConfig {
    /// Extend or replace.
    #[serde(default)]
    pub mode: RegistryMode,
    /// The matrices.
    #[serde(default)]
    pub matrices: Vec<Matrix>,
}

/// The `missing-cell` policy: references that may point at cells not yet written.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct MissingCell {
    /// `matrix/CELL` globs never reported as missing (`alcohol/*` while that matrix is migrated).
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// Rule levels for some files only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Override {
    /// Globs of files (relative to the root) this override applies to.
    pub files: Vec<String>,
    /// Levels by rule name or code; later overrides win.
    pub rules: BTreeMap<String, Level>,
}

/// The whole configuration file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
#[schemars(title = "matrixlint configuration")]
pub struct Config {
    /// Another configuration file to inherit, relative to this one; keys set here win.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extend: Option<String>,
    /// Globs (relative to the root) of the cell sources.
    #[serde(default = "default_cells")]
    pub cells: Vec<String>,
    /// Year bounds.
    #[serde(default)]
    pub years: Years,
    /// Extra or replacement matrices.
    #[serde(default)]
    pub registry: RegistryConfig,
    /// Per-rule levels (`error`, `warning`, `info`, `off`), by rule name or code.
    #[serde(default)]
    pub rules: BTreeMap<String, Level>,
    /// Per-path rule levels.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Which missing cells `missing-cell` does not report.
    #[serde(default)]
    pub missing_cell: MissingCell,
    /// The link audit (`matrixlint links`).
    #[serde(default)]
    pub links: links::LinksConfig,
    /// The evidence audit (`matrixlint evidence`).
    #[serde(default)]
    pub evidence: evidence::EvidenceConfig,
}

fn default_cells() -> Vec<String> {
    // Both extensions, as the pre-commit hook matches (`.pre-commit-hooks.yaml`).
    vec!["cells/**/*.{yaml,yml}".to_owned()]
}

impl Default for Config {
    fn default() -> Self {
        Self {
            extend: None,
            overrides: Vec::new(),
            missing_cell: MissingCell::default(),
            cells: default_cells(),
            years: Years::default(),
            registry: RegistryConfig::default(),
            rules: BTreeMap::new(),
            links: links::LinksConfig::default(),
            evidence: evidence::EvidenceConfig::default(),
        }
    }
}

impl Config {
    /// The effective registry.
    #[must_use]
    pub fn registry(&self) -> Registry {
        match self.registry.mode {
            RegistryMode::Replace => Registry::new(self.registry.matrices.clone()),
            RegistryMode::Extend => {
                let mut r = Registry::default();
                r.extend(self.registry.matrices.iter().cloned());
                r
            }
        }
    }
}

/// The configuration's JSON Schema, generated from the types above.
#[must_use]
pub fn json_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Config)).unwrap_or_default();
    if let Some(map) = schema.as_object_mut() {
        map.insert("$id".to_owned(), "urn:matrixlint:schema:config".into());
    }
    schema
}

/// The committed `schemas/config.schema.json` (printed by `matrixlint schema config`).
pub const CONFIG_SCHEMA: &str = include_str!("../../schemas/config.schema.json");
