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

use crate::source::{Node, Span};

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
    /// How to fix it, from the schema's own descriptions where possible.
    pub help: Option<String>,
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
        out
    }

    fn explain(&self, error: &ValidationError<'_>, out: &mut Vec<SchemaError>) {
        let pointer = error.instance_path().as_str().to_owned();
        let schema_path = error.schema_path().as_str();
        let help = self.description_at(parent(schema_path));
        match error.kind() {
            ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
                if let Some(options) = constants(&pointer, context) {
                    out.push(SchemaError {
                        message: format!("{} is not one of {}", describe(error.instance()), options.join(", ")),
                        pointer,
                        target: Target::Value,
                        help,
                    });
                    return;
                }
                match best_branch(&pointer, context) {
                    Some(branch) => branch.iter().for_each(|e| self.explain(e, out)),
                    None => out.push(SchemaError {
                        message: format!("expected {}, found {}", branch_types(context), describe(error.instance())),
                        pointer,
                        target: Target::Value,
                        help,
                    }),
                }
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let known = self.known_keys(parent(schema_path));
                for key in unexpected {
                    let closest = crate::suggest::closest(key, &known);
                    let help = match closest {
                        Some(c) => format!("did you mean `{c}`? Known fields here: {}", known.join(", ")),
                        None => format!("known fields here: {}", known.join(", ")),
                    };
                    out.push(SchemaError {
                        pointer: pointer.clone(),
                        target: Target::Key(key.clone()),
                        message: format!("unknown field `{key}`"),
                        help: Some(help),
                    });
                }
            }
            ValidationErrorKind::Required { property } => {
                let name = property.as_str().unwrap_or_default().to_owned();
                let help = self.description_at(&format!("{}/properties/{name}", self.object_at(parent(schema_path))));
                out.push(SchemaError {
                    message: format!("missing required field `{name}`"),
                    pointer,
                    target: Target::Missing(name),
                    help,
                });
            }
            ValidationErrorKind::Type { kind } => out.push(SchemaError {
                message: format!("expected {}, found {}", type_names(kind), describe(error.instance())),
                pointer,
                target: Target::Value,
                help,
            }),
            ValidationErrorKind::Enum { options } => out.push(SchemaError {
                message: format!("{} is not one of {}", describe(error.instance()), list(options)),
                pointer,
                target: Target::Value,
                help,
            }),
            ValidationErrorKind::MinLength { limit: 1 } => {
                out.push(SchemaError { message: "must not be empty".to_owned(), pointer, target: Target::Value, help });
            }
            ValidationErrorKind::MinItems { limit } => out.push(SchemaError {
                message: format!("needs at least {limit} items"),
                pointer,
                target: Target::Value,
                help,
            }),
            ValidationErrorKind::Pattern { pattern } => out.push(SchemaError {
                message: format!("{} does not have the expected form (`{pattern}`)", describe(error.instance())),
                pointer,
                target: Target::Value,
                help,
            }),
            _ => out.push(SchemaError { message: error.to_string(), pointer, target: Target::Value, help }),
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
                let token = token.replace("~1", "/").replace("~0", "~");
                node = match node {
                    Value::Object(map) => map.get(&token)?,
                    Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
                    _ => return None,
                };
            }
        }
        // A node that is only a `$ref` describes what it points to.
        match node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            Some(target) if node.get("description").is_none() => self.schema.pointer(target),
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

    fn description_at(&self, location: &str) -> Option<String> {
        self.node_at(location)?.get("description")?.as_str().map(str::to_owned)
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
            !errors
                .iter()
                .any(|e| e.instance_path().as_str() == pointer && matches!(e.kind(), ValidationErrorKind::Type { .. }))
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

fn list(options: &Value) -> String {
    options
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|o| o.as_str().map_or_else(|| o.to_string(), |s| format!("`{s}`")))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
