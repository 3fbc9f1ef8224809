//! Loading `matrixlint.yaml`: the `extend:` chain, schema validation of each
//! file (every problem at once, at its line and column), merging with
//! provenance, then the checks a schema cannot make.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
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

/// The configuration could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file cannot be used as configuration.
    #[error("cannot use {} as configuration: {reason}", path.display())]
    Unusable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: Unusable,
    },
    /// The files have problems, each at a place.
    #[error("{} problem(s) in the configuration", problems.len())]
    Invalid {
        /// Every problem found.
        problems: Vec<ConfigProblem>,
    },
}

impl ConfigError {
    /// The problems, in the order of the files and of the places in them, as
    /// they may be shown: never quoting the files at `sealed` (see `quote`).
    fn invalid(problems: Vec<ConfigProblem>, sealed: &[PathBuf]) -> Self {
        let mut problems = super::quote::shown(problems, sealed);
        problems.sort_by(|a, b| (&a.file.name, a.span.start).cmp(&(&b.file.name, b.span.start)));
        Self::Invalid { problems }
    }
}

/// Where an effective setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file's name.
    pub file: String,
    /// The line of the value.
    pub line: usize,
}

/// A loaded configuration.
#[derive(Debug)]
pub struct Loaded {
    /// The effective settings.
    pub config: Config,
    /// The files read, base first, the main file last.
    pub files: Vec<Arc<SourceFile>>,
    /// For each setting written in a file (JSON pointer), where; the rest are defaults.
    pub origins: BTreeMap<String, Origin>,
}

static SCHEMA: LazyLock<Result<Schema, String>> =
    LazyLock::new(|| Schema::new(json_schema()).map_err(|e| e.to_string()));

/// One file of the chain.
struct Layer {
    file: Arc<SourceFile>,
    root: Node,
}

/// Loads `path` (shown as `name`) and the files it extends, for the corpus
/// at `root`. `known_rules` are the rule names and codes the configuration
/// may name. An `extend` is relative to the file that holds it, and may
/// lead anywhere; but problems quote only files in the corpus or its
/// repository (see `quote`).
///
/// # Errors
/// When a file cannot be read, or any file has problems (all are reported).
pub fn load(path: &Path, name: &str, known_rules: &[&str], root: &Path) -> Result<Loaded, ConfigError> {
    let mut problems = Vec::new();
    let (layers, sealed) = chain(path, name, &super::quote::area(root), &mut problems)?;
    // Names are checked on each file's tree, so they are reported whether or
    // not the schema or the checks of the merged settings find problems too.
    let mut named = Vec::new();
    for layer in &layers {
        validate_schema(layer, &mut problems);
        super::validate::written(&layer.root, &layer.file, known_rules, &mut named);
    }
    if !problems.is_empty() {
        problems.extend(named);
        return Err(ConfigError::invalid(problems, &sealed));
    }
    problems = named;
    let mut merged = Value::Object(serde_json::Map::new());
    let mut origins = BTreeMap::new();
    let mut owners: BTreeMap<String, usize> = BTreeMap::new();
    for (i, layer) in layers.iter().enumerate() {
        merge(&mut merged, &layer.root.to_json(), "", &mut |pointer| {
            owners.insert(pointer.to_owned(), i);
        });
    }
    for (pointer, &i) in &owners {
        let layer = &layers[i];
        let line = layer.root.pointer(pointer).map_or(1, |n| layer.file.line_col(n.span.start).line);
        origins.insert(pointer.clone(), Origin { file: layer.file.name.clone(), line });
    }
    let main = layers.last().expect("the chain holds the main file");
    let config = match serde_path_to_error::deserialize::<_, Config>(&merged) {
        Ok(config) => config,
        Err(e) => {
            // The value may come from any file of the chain: a sealed one is not quoted.
            let message = if sealed.is_empty() { e.to_string() } else { super::quote::redact(&e.to_string()) };
            let problem = ConfigProblem {
                file: Arc::clone(&main.file),
                span: main.root.span,
                message,
                help: Some("write the value as `matrixlint schema config` describes it".to_owned()),
            };
            problems.push(problem);
            return Err(ConfigError::invalid(problems, &sealed));
        }
    };
    let locate = |pointer: &str, key: bool| {
        let layer = owners
            .iter()
            .rfind(|(p, _)| pointer.starts_with(p.as_str()) || p.starts_with(pointer))
            .map_or(main, |(_, &i)| &layers[i]);
        (Arc::clone(&layer.file), span_at(&layer.root, pointer, key))
    };
    super::validate::check(&config, &locate, &mut problems);
    if !problems.is_empty() {
        return Err(ConfigError::invalid(problems, &sealed));
    }
    Ok(Loaded { config, files: layers.into_iter().map(|l| l.file).collect(), origins })
}

/// Parses one configuration text without `extend` (for tests and `init`).
///
/// # Errors
/// Every problem found.
pub fn parse_text(text: &str, known_rules: &[&str]) -> Result<Config, Vec<ConfigProblem>> {
    let file = Arc::new(SourceFile::new(super::FILE_NAME, super::FILE_NAME, text));
    let mut problems = Vec::new();
    let Some(layer) = layer_from(file, &mut problems) else { return Err(super::quote::shown(problems, &[])) };
    validate_schema(&layer, &mut problems);
    let mut named = Vec::new();
    super::validate::written(&layer.root, &layer.file, known_rules, &mut named);
    if !problems.is_empty() {
        problems.extend(named);
        return Err(super::quote::shown(problems, &[]));
    }
    problems = named;
    let config: Config = serde_json::from_value(layer.root.to_json()).map_err(|e| {
        let help = Some("write the value as `matrixlint schema config` describes it".to_owned());
        vec![ConfigProblem { file: Arc::clone(&layer.file), span: layer.root.span, message: e.to_string(), help }]
    })?;
    let locate = |pointer: &str, key: bool| (Arc::clone(&layer.file), span_at(&layer.root, pointer, key));
    super::validate::check(&config, &locate, &mut problems);
    if problems.is_empty() { Ok(config) } else { Err(super::quote::shown(problems, &[])) }
}

/// Configuration files are small; anything larger is not one.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Reads the chain of files from `path` through its `extend:`s, base first,
/// with the paths of the files it extends outside `area` (never quoted).
fn chain(
    path: &Path,
    name: &str,
    area: &Path,
    problems: &mut Vec<ConfigProblem>,
) -> Result<(Vec<Layer>, Vec<PathBuf>), ConfigError> {
    let mut layers: Vec<Layer> = Vec::new();
    // The main file too: a `matrixlint.yaml` can be a symbolic link to anywhere.
    let mut sealed = if super::quote::quotable(path, area) { Vec::new() } else { vec![path.to_owned()] };
    let mut seen = HashSet::new();
    let text = read_config(path).map_err(|reason| ConfigError::Unusable { path: path.to_owned(), reason })?;
    let mut next = Some((path.to_owned(), name.to_owned(), text));
    while let Some((path, name, text)) = next.take() {
        seen.insert(path.canonicalize().unwrap_or_else(|_| path.clone()));
        let Some(layer) = layer_from(Arc::new(SourceFile::new(&path, &name, text)), problems) else { break };
        if let Some(extend) = layer.root.get("extend")
            && let Some(target) = extend.as_str()
        {
            let base = path.parent().unwrap_or(Path::new(".")).join(target);
            let canonical = base.canonicalize().unwrap_or_else(|_| base.clone());
            if seen.contains(&canonical) {
                problems.push(problem(
                    &layer,
                    extend.span,
                    format!("`{target}` extends this file again: a cycle"),
                    "remove one `extend`",
                ));
            } else {
                match read_config(&base) {
                    Ok(text) => {
                        let shown = Path::new(&name).parent().unwrap_or(Path::new("")).join(target);
                        if !super::quote::quotable(&base, area) {
                            sealed.push(base.clone());
                        }
                        next = Some((base, shown.to_string_lossy().replace('\\', "/"), text));
                    }
                    Err(Unusable::Missing) => problems.push(problem(
                        &layer,
                        extend.span,
                        format!("cannot find `{target}` to extend"),
                        "give a path relative to this file",
                    )),
                    Err(reason) => problems.push(problem(
                        &layer,
                        extend.span,
                        format!("cannot extend `{target}`: {reason}"),
                        "extend a matrixlint configuration: a YAML file (`*.yaml`, `*.yml`) of text, under 1 MiB",
                    )),
                }
            }
        }
        layers.push(layer);
    }
    layers.reverse();
    Ok((layers, sealed))
}

/// Why a file cannot be used as configuration. Its bytes are never quoted:
/// a hostile `extend:` must not copy a secret into a CI log.
#[derive(Debug, thiserror::Error)]
pub enum Unusable {
    /// Nothing is there.
    #[error("no such file")]
    Missing,
    /// A symbolic link to nothing.
    #[error("it is a symbolic link to a file that does not exist")]
    DanglingLink,
    /// The name does not end in `.yaml` or `.yml`.
    #[error("it is not named `*.yaml` or `*.yml`")]
    NotYaml,
    /// Not a regular file, too large, unreadable.
    #[error("{0}")]
    Read(#[from] crate::files::ReadError),
    /// Not UTF-8.
    #[error("it is not UTF-8 text (at byte {0})")]
    NotUtf8(usize),
    /// A control character other than tab and line breaks.
    #[error("it holds a control character (U+{code:04X}) at line {line}, which text configuration never does")]
    Control {
        /// The character's code point.
        code: u32,
        /// Its line, from 1.
        line: usize,
    },
}

/// Reads a configuration file: a regular file named `*.yaml`/`*.yml`, at most
/// [`MAX_CONFIG_BYTES`], UTF-8 without control characters.
fn read_config(path: &Path) -> Result<String, Unusable> {
    if path.symlink_metadata().is_err() {
        return Err(Unusable::Missing);
    }
    if path.is_symlink() && !path.exists() {
        return Err(Unusable::DanglingLink);
    }
    if !path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
        return Err(Unusable::NotYaml);
    }
    let bytes = crate::files::read_regular(path, MAX_CONFIG_BYTES)?;
    let text = String::from_utf8(bytes).map_err(|e| Unusable::NotUtf8(e.utf8_error().valid_up_to()))?;
    if let Some((at, c)) = text.char_indices().find(|(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r')) {
        let line = text[..at].matches('\n').count() + 1;
        return Err(Unusable::Control { code: u32::from(c), line });
    }
    Ok(text)
}

/// The span of the value at `pointer`, or of its key.
fn span_at(root: &Node, pointer: &str, key: bool) -> Span {
    if key && let Some((parent, last)) = pointer.rsplit_once('/') {
        let name = crate::source::pointer_key(last);
        if let Some((k, _)) = root.pointer(parent).and_then(|p| p.entry(&name)) {
            return k.span;
        }
    }
    root.pointer(pointer).map_or(root.span, |n| n.span)
}

fn layer_from(file: Arc<SourceFile>, problems: &mut Vec<ConfigProblem>) -> Option<Layer> {
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

fn problem(layer: &Layer, span: Span, message: String, help: &str) -> ConfigProblem {
    ConfigProblem { file: Arc::clone(&layer.file), span, message, help: Some(help.to_owned()) }
}

fn validate_schema(layer: &Layer, problems: &mut Vec<ConfigProblem>) {
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
fn merge(into: &mut Value, from: &Value, pointer: &str, set: &mut dyn FnMut(&str)) {
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
