//! JSON Schemas (of cell sources and of the configuration), compiled once,
//! and their errors made readable.
//!
//! The validator reports JSON pointers; `app` turns them into spans. Here we
//! make each error say what is wrong in an editor's words, pick the most
//! relevant branch of an `anyOf`, and name the closest valid key for an
//! unknown one.

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use crate::diagnostic::{Edit, Fix};
use crate::source::{Node, Span};

mod help;

/// The cell schema as shipped (also printed by `matrixlint schema cell`).
pub const CELL_SCHEMA: &str = include_str!("../schemas/cell.schema.json");

/// The schema could not be compiled (a bug in the shipped schema).
#[derive(Debug, thiserror::Error)]
#[error("a shipped schema is invalid: {0}")]
pub struct SchemaBuildError(String);

/// Where a schema error should be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The value at the pointer.
    Value,
    /// The key `key` of the mapping at the pointer.
    Key(String),
    /// The mapping at the pointer, which lacks a key.
    Missing(String),
}

/// One schema violation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SchemaError {
    /// JSON pointer of the instance node.
    pub pointer: String,
    /// What to highlight.
    pub target: Target,
    /// One sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// For an unknown key: the known key it is a misspelling of, when renaming
    /// it is certain (that key is not set, and no other unknown key is as close).
    pub rename: Option<String>,
}

impl SchemaError {
    /// The span to highlight in the document `root` was loaded from, and a label.
    #[must_use]
    pub fn locate(&self, root: &Node) -> (Span, Option<String>) {
        let node = root.pointer(&self.pointer).unwrap_or(root);
        match &self.target {
            Target::Value => (node.span, None),
            Target::Key(key) => (node.entry(key).map_or(node.span, |(k, _)| k.span), Some("unknown field".to_owned())),
            Target::Missing(key) => (crate::cell::head_span(node), Some(format!("this mapping has no `{key}`"))),
        }
    }

    /// The certain repair: renaming a misspelt key.
    #[must_use]
    pub fn fix(&self, root: &Node) -> Option<Fix> {
        let (Target::Key(key), Some(name)) = (&self.target, &self.rename) else { return None };
        let (written, _) = root.pointer(&self.pointer)?.entry(key)?;
        Some(Fix {
            title: format!("rename `{key}` to `{name}`"),
            edits: vec![Edit { span: written.span, replacement: name.clone() }],
        })
    }
}

/// A compiled schema, with the schema document kept for descriptions and key names.
pub struct Schema {
    validator: Validator,
    schema: Value,
}

impl Schema {
    /// Compiles the shipped cell schema, offline.
    ///
    /// # Errors
    /// When the shipped schema is itself invalid.
    pub fn cell() -> Result<Self, SchemaBuildError> {
        let schema: Value = serde_json::from_str(CELL_SCHEMA).map_err(|e| SchemaBuildError(e.to_string()))?;
        Self::new(schema)
    }

    /// Compiles `schema` (draft 2020-12), offline.
    ///
    /// # Errors
    /// When `schema` is not a valid schema.
    pub fn new(schema: Value) -> Result<Self, SchemaBuildError> {
        let validator = jsonschema::draft202012::options()
            .offline()
            .should_validate_formats(true)
            .build(&schema)
            .map_err(|e| SchemaBuildError(e.to_string()))?;
        Ok(Self { validator, schema })
    }

    /// Every violation in `instance`, each once.
    #[must_use]
    pub fn validate(&self, instance: &Value) -> Vec<SchemaError> {
        let mut out = Vec::new();
        for error in self.validator.iter_errors(instance) {
            self.explain(&error, &mut out);
        }
        out.dedup();
        help::one_finding_per_misspelling(&mut out);
        out
    }

    fn explain(&self, error: &ValidationError<'_>, out: &mut Vec<SchemaError>) {
        let pointer = error.instance_path().as_str().to_owned();
        let schema_path = error.schema_path().as_str();
        let field = self.node_at(parent(schema_path));
        let key = help::key_of(&pointer);
        let invalid = help::custom(field, "x-help-invalid");
        let found: &Value = error.instance();
        let mut push = |message: String, help: String| {
            out.push(SchemaError {
                pointer: pointer.clone(),
                target: Target::Value,
                message,
                help: Some(help),
                rename: None,
            });
        };
        match error.kind() {
            ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
                if let Some(options) = constants(&pointer, context) {
                    push(
                        format!("{} is not one of {}", describe(found), options.join(", ")),
                        help::choice(found, &options),
                    );
                    return;
                }
                match best_branch(&pointer, context) {
                    Some(branch) => branch.iter().for_each(|e| self.explain(e, out)),
                    None => {
                        let wanted = branch_types(context);
                        let expected = branch_type_names(context);
                        let advice = help::wrong_type(key.as_deref(), &expected, &wanted, found);
                        push(format!("expected {wanted}, found {}", describe(found)), advice);
                    }
                }
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = self.known_keys(parent(schema_path));
                for name in unexpected {
                    out.push(help::unknown_key(&pointer, name, &known, found));
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default().to_owned();
                let location = format!("{}/properties/{name}", self.object_at(parent(schema_path)));
                let advice = help::missing(self.node_at(&location), &name);
                out.push(SchemaError {
                    message: format!("missing required field `{name}`"),
                    pointer,
                    target: Target::Missing(name),
                    help: Some(advice),
                    rename: None,
                });
            }
            ValidationErrorKind::Type { kind } => {
                let wanted = type_names(kind);
                let expected = type_list(kind);
                let advice = help::wrong_type(key.as_deref(), &expected, &wanted, found);
                push(format!("expected {wanted}, found {}", describe(found)), advice);
            }
            ValidationErrorKind::Enum { options } => {
                let options = list(options);
                push(
                    format!("{} is not one of {}", describe(found), options.join(", ")),
                    help::choice(found, &options),
                );
            }
            ValidationErrorKind::MinLength { limit: 1 } => {
                let shown = key.as_deref().unwrap_or("value");
                push(
                    "must not be empty".to_owned(),
                    invalid.unwrap_or_else(|| format!("write a value after `{shown}:`, or remove the line")),
                );
            }
            ValidationErrorKind::MinItems { limit } => {
                push(format!("needs at least {limit} items"), help::too_few(key.as_deref(), *limit, found, invalid));
            }
            ValidationErrorKind::UniqueItems => {
                let items = found.as_array().map(Vec::as_slice).unwrap_or_default();
                let twice = items.iter().enumerate().find(|(i, v)| items[..*i].contains(v)).map(|(_, v)| v);
                let message = twice.map_or_else(
                    || "a value is listed twice".to_owned(),
                    |v| format!("{} is listed twice", describe(v)),
                );
                push(message, "list each value once".to_owned());
            }
            ValidationErrorKind::Pattern { pattern } => push(
                format!("{} does not have the expected form (`{pattern}`)", describe(found)),
                invalid.unwrap_or_else(|| format!("write a value matching `{pattern}`")),
            ),
            _ => push(
                error.to_string(),
                invalid.unwrap_or_else(|| "see `matrixlint schema` for what this field takes".to_owned()),
            ),
        }
    }

    /// The schema node at a keyword location, following local `$ref`s.
    fn node_at(&self, location: &str) -> Option<&Value> {
        let mut node = &self.schema;
        for token in location.split('/').filter(|t| !t.is_empty()) {
            if token == "$ref" {
                let target = node.get("$ref")?.as_str()?.strip_prefix('#')?;
                node = self.schema.pointer(target)?;
            } else {
                let token = crate::source::pointer_key(token);
                node = match node {
                    Value::Object(map) => map.get(&token)?,
                    Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                    _ => return None,
                };
            }
        }
        // A node that is only a `$ref` describes what it points to.
        let only_ref = node.as_object().is_some_and(|o| o.keys().all(|k| k == "$ref"));
        match node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            Some(target) if only_ref => self.schema.pointer(target),
            _ => Some(node),
        }
    }

    /// The nearest enclosing schema location that declares `properties`
    /// (a `required` inside `allOf/…/then` belongs to the object around it).
    fn object_at<'l>(&self, mut location: &'l str) -> &'l str {
        while !location.is_empty() && self.node_at(location).and_then(|n| n.get("properties")).is_none() {
            location = parent(location);
        }
        location
    }

    fn known_keys(&self, location: &str) -> Vec<String> {
        self.node_at(location)
            .and_then(|n| n.get("properties"))
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }
}

/// The keyword location without its last keyword.
fn parent(location: &str) -> &str {
    location.rsplit_once('/').map_or("", |(p, _)| p)
}

/// The branch of an `anyOf`/`oneOf` the author most likely meant: one whose
/// type matched (its errors are not a type mismatch at the node itself), with
/// the fewest errors. `None` when every branch failed on the type.
fn best_branch<'e>(
    pointer: &str,
    branches: &'e [Vec<ValidationError<'static>>],
) -> Option<&'e [ValidationError<'static>]> {
    branches
        .iter()
        .filter(|errors| {
            !errors.iter().any(|e| {
                // A list or mapping failing a choice of scalars failed on its type too.
                let collection = e.instance().is_array() || e.instance().is_object();
                e.instance_path().as_str() == pointer
                    && match e.kind() {
                        ValidationErrorKind::Type { .. } => true,
                        ValidationErrorKind::Enum { .. } | ValidationErrorKind::Constant { .. } => collection,
                        _ => false,
                    }
            })
        })
        .min_by_key(|errors| errors.len())
        .map(Vec::as_slice)
}

/// For a choice among constants (an enum written as `oneOf` of `const`s, as
/// schemars does), the constants, when every branch failed only on its constant.
fn constants(pointer: &str, branches: &[Vec<ValidationError<'static>>]) -> Option<Vec<String>> {
    branches
        .iter()
        .map(|errors| match errors.as_slice() {
            [e] if e.instance_path().as_str() == pointer => match e.kind() {
                ValidationErrorKind::Constant { expected_value } => {
                    Some(expected_value.as_str().map_or_else(|| expected_value.to_string(), |s| format!("`{s}`")))
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn branch_types(branches: &[Vec<ValidationError<'static>>]) -> String {
    let mut names: Vec<String> = branches
        .iter()
        .flat_map(|errors| errors.iter())
        .filter_map(|e| match e.kind() {
            ValidationErrorKind::Type { kind } => Some(type_names(kind)),
            _ => None,
        })
        .collect();
    names.dedup();
    names.join(" or ")
}

/// The JSON type names every branch asked for.
fn branch_type_names(branches: &[Vec<ValidationError<'static>>]) -> Vec<String> {
    branches
        .iter()
        .flat_map(|errors| errors.iter())
        .flat_map(|e| match e.kind() {
            ValidationErrorKind::Type { kind } => type_list(kind),
            _ => Vec::new(),
        })
        .collect()
}

fn type_list(kind: &TypeKind) -> Vec<String> {
    match kind {
        TypeKind::Single(t) => vec![t.to_string()],
        TypeKind::Multiple(ts) => ts.iter().map(|t| t.to_string()).collect(),
    }
}

fn type_names(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Single(t) => article(&t.to_string()),
        TypeKind::Multiple(ts) => {
            let names: Vec<String> = ts.iter().map(|t| article(&t.to_string())).collect();
            names.join(" or ")
        }
    }
}

fn article(t: &str) -> String {
    match t {
        "array" => "a list".to_owned(),
        "object" => "a mapping".to_owned(),
        "integer" => "an integer".to_owned(),
        "null" => "nothing".to_owned(),
        other => format!("a {other}"),
    }
}

/// A short description of a JSON value for messages.
fn describe(v: &Value) -> String {
    match v {
        Value::Null => "nothing (null)".to_owned(),
        Value::Bool(b) => format!("a boolean `{b}`"),
        Value::Number(n) if n.is_i64() || n.is_u64() => format!("an integer `{n}`"),
        Value::Number(n) => format!("a number `{n}`"),
        Value::String(s) => {
            let short: String = s.chars().take(40).collect();
            if short.len() < s.len() { format!("a string `{short}…`") } else { format!("`{s}`") }
        }
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

fn list(options: &Value) -> Vec<String> {
    options
        .as_array()
        .map(|items| items.iter().map(|o| o.as_str().map_or_else(|| o.to_string(), |s| format!("`{s}`"))).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
