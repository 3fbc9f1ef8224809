//! Reading one configuration text: YAML with a span on every node, the
//! schema's problems at their places, the deep merge of layers, and
//! [`parse_text`]. No file system: loading files and following `extend:` is
//! `matrixlint_workspace`'s job.

use std::sync::{Arc, LazyLock};

use serde_json::Value;

use super::{Config, json_schema};
use crate::schema::Schema;
use crate::source::{Node, Scalar, SourceFile, Span};

/// A problem in a configuration file, at a place in it.
#[derive(Debug, Clone)]
pub struct ConfigProblem {
    /// The file (the main one or one it extends).
    pub file: Arc<SourceFile>,
    /// Where.
    pub span: Span,
    /// What.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

static SCHEMA: LazyLock<Result<Schema, String>> =
    LazyLock::new(|| Schema::new(json_schema()).map_err(|e| e.to_string()));

/// One configuration file, parsed: one layer of an `extend:` chain.
#[derive(Debug)]
pub struct Layer {
    /// The file.
    pub file: Arc<SourceFile>,
    /// Its tree (an empty file is an empty mapping).
    pub root: Node,
}

/// Parses one configuration text without `extend` (for tests and `init`).
///
/// # Errors
/// Every problem found.
pub fn parse_text(text: &str, known_rules: &[&str]) -> Result<Config, Vec<ConfigProblem>> {
    let file = Arc::new(SourceFile::new(super::FILE_NAME, super::FILE_NAME, text));
    let mut problems = Vec::new();
    let Some(layer) = layer_from(file, &mut problems) else { return Err(super::shown(problems, &[])) };
    validate_schema(&layer, &mut problems);
    let mut named = Vec::new();
    super::validate::written(&layer.root, &layer.file, known_rules, &mut named);
    if !problems.is_empty() {
        problems.extend(named);
        return Err(super::shown(problems, &[]));
    }
    problems = named;
    let config: Config = serde_json::from_value(layer.root.to_json()).map_err(|e| {
        let help = Some("write the value as `matrixlint schema config` describes it".to_owned());
        vec![ConfigProblem { file: Arc::clone(&layer.file), span: layer.root.span, message: e.to_string(), help }]
    })?;
    let locate = |pointer: &str, key: bool| (Arc::clone(&layer.file), span_at(&layer.root, pointer, key));
    super::validate::check(&config, &locate, &mut problems);
    if problems.is_empty() { Ok(config) } else { Err(super::shown(problems, &[])) }
}

/// The span of the value at `pointer`, or of its key.
pub fn span_at(root: &Node, pointer: &str, key: bool) -> Span {
    if key && let Some((parent, last)) = pointer.rsplit_once('/') {
        let name = crate::source::pointer_key(last);
        if let Some((k, _)) = root.pointer(parent).and_then(|p| p.entry(&name)) {
            return k.span;
        }
    }
    root.pointer(pointer).map_or(root.span, |n| n.span)
}

/// Parses `file`, or adds its YAML errors to `problems`.
pub fn layer_from(file: Arc<SourceFile>, problems: &mut Vec<ConfigProblem>) -> Option<Layer> {
    match crate::source::yaml::load(&file.text) {
        Ok(root) => {
            // An empty file is an empty mapping.
            let root = if matches!(root.value, Scalar::Null) {
                Node { value: Scalar::Map(Vec::new()), span: root.span }
            } else {
                root
            };
            Some(Layer { file, root })
        }
        Err(errors) => {
            problems.extend(errors.into_iter().map(|e| ConfigProblem {
                file: Arc::clone(&file),
                span: e.span,
                message: e.kind.to_string(),
                help: Some(e.kind.help()),
            }));
            None
        }
    }
}

/// A problem at `span` of `layer`, with its help.
pub fn problem(layer: &Layer, span: Span, message: String, help: &str) -> ConfigProblem {
    ConfigProblem { file: Arc::clone(&layer.file), span, message, help: Some(help.to_owned()) }
}

/// Adds the schema's problems with `layer` to `problems`.
pub fn validate_schema(layer: &Layer, problems: &mut Vec<ConfigProblem>) {
    let schema = match &*SCHEMA {
        Ok(schema) => schema,
        Err(e) => {
            problems.push(problem(layer, layer.root.span, format!("internal error: {e}"), "report this bug"));
            return;
        }
    };
    for e in schema.validate(&layer.root.to_json()) {
        let (span, _) = e.locate(&layer.root);
        problems.push(ConfigProblem { file: Arc::clone(&layer.file), span, message: e.message, help: e.help });
    }
}

/// Deep-merges `from` into `into` (mappings merge key by key; everything else
/// is replaced), calling `set` with the pointer of every value written.
pub fn merge(into: &mut Value, from: &Value, pointer: &str, set: &mut dyn FnMut(&str)) {
    let (Value::Object(into), Value::Object(from)) = (into, from) else { return };
    for (key, value) in from {
        if pointer.is_empty() && key == "extend" {
            continue;
        }
        let child = format!("{pointer}/{}", crate::source::pointer_token(key));
        match (into.get_mut(key), value) {
            (Some(existing @ Value::Object(_)), Value::Object(_)) => merge(existing, value, &child, set),
            (None, Value::Object(_)) if !value.as_object().is_some_and(serde_json::Map::is_empty) => {
                into.insert(key.clone(), Value::Object(serde_json::Map::new()));
                merge(into.get_mut(key).expect("just inserted"), value, &child, set);
            }
            _ => {
                into.insert(key.clone(), value.clone());
                set(&child);
            }
        }
    }
}
