//! The settings reference: every key of `matrixlint.yaml`, walked from the
//! configuration schema (itself generated from the configuration types, whose
//! doc comments are the descriptions), with its type, default and an example.

use std::fmt::Write as _;

use serde_json::Value;

use super::GENERATED;

pub(super) fn page() -> String {
    let schema: Value = serde_json::from_str(matrixlint::config::CONFIG_SCHEMA).unwrap_or(Value::Null);
    let mut out = format!(
        "{GENERATED}\n# Settings\n\nEvery key `matrixlint.yaml` accepts, with its type and default. \
         Every key is optional; a file may `extend` another (see [Configuration](../configuration.md)). \
         `<name>` stands for a key you choose (a host, a rule, a matrix). `matrixlint config` prints the \
         effective value of each and where it came from; `matrixlint schema config` prints the JSON \
         Schema this page is made from.\n"
    );
    let walker = Walker { defs: schema.get("$defs").unwrap_or(&Value::Null) };
    let mut keys = Vec::new();
    walker.object(&schema, &mut Vec::new(), &mut keys);
    for key in keys {
        key.render(&mut out);
    }
    out
}

/// One documented key.
struct Key {
    path: Vec<String>,
    kind: String,
    default: Option<Value>,
    description: String,
    values: Vec<(String, String)>,
}

impl Key {
    fn render(&self, out: &mut String) {
        let dotted = self.path.join(".");
        // A top-level key is a section of its own; the keys inside it are its subsections.
        let level = if self.path.len() == 1 { "##" } else { "###" };
        let _ = write!(out, "\n{level} `{dotted}`\n\n{}\n\n- Type: {}\n", self.description, self.kind);
        if self.kind == SECTION {
            return;
        }
        if let Some(default) = &self.default {
            let _ = writeln!(out, "- Default: `{}`", inline(default));
        }
        if !self.values.is_empty() {
            out.push_str("- Values:\n");
            for (value, description) in &self.values {
                let _ = writeln!(out, "  - `{value}`: {description}");
            }
        }
        out.push_str("\n```yaml\n");
        let mut indent = String::new();
        for (depth, segment) in self.path.iter().enumerate() {
            let list = segment.ends_with("[]");
            let segment = segment.trim_end_matches("[]");
            let name = if segment.starts_with('<') { placeholder_example(segment) } else { segment.to_owned() };
            if depth + 1 == self.path.len() {
                let _ = writeln!(out, "{indent}{name}: {}", self.example());
            } else if list {
                // The keys below belong to one item of the list.
                let _ = writeln!(out, "{indent}{name}:\n{indent}  -");
                indent.push_str("    ");
            } else {
                let _ = writeln!(out, "{indent}{name}:");
                indent.push_str("  ");
            }
        }
        out.push_str("```\n");
    }

    /// The example value: the default where it says something, else the first
    /// allowed value, else a value of the type.
    fn example(&self) -> String {
        match &self.default {
            Some(v) if !is_empty(v) => inline(v),
            _ => match self.values.first() {
                Some((value, _)) => value.clone(),
                None => match self.kind.as_str() {
                    "integer" => "1".to_owned(),
                    "boolean" => "true".to_owned(),
                    "list of strings" => "[\"…\"]".to_owned(),
                    _ => "\"…\"".to_owned(),
                },
            },
        }
    }
}

/// The type of a key whose value is a mapping of documented keys.
const SECTION: &str = "mapping (keys below)";

struct Walker<'a> {
    defs: &'a Value,
}

impl Walker<'_> {
    /// `node` with a `$ref` replaced by its definition.
    fn resolve<'b>(&'b self, node: &'b Value) -> &'b Value {
        match node.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix("#/$defs/")) {
            Some(name) => self.defs.get(name).unwrap_or(node),
            None => node,
        }
    }

    /// The keys of an object schema, each with its nested keys after it.
    fn object(&self, node: &Value, path: &mut Vec<String>, keys: &mut Vec<Key>) {
        let node = self.resolve(node);
        let Some(properties) = node.get("properties").and_then(Value::as_object) else { return };
        for (name, property) in properties {
            path.push(name.clone());
            self.key(property, path, keys);
            path.pop();
        }
    }

    fn key(&self, property: &Value, path: &mut Vec<String>, keys: &mut Vec<Key>) {
        let target = self.resolve(property);
        let description = text(property).or_else(|| text(target)).unwrap_or_default();
        keys.push(Key {
            path: path.clone(),
            kind: self.kind(property),
            default: property.get("default").cloned(),
            description,
            values: self.values(target),
        });
        if target.get("properties").is_some() {
            self.object(target, path, keys);
        } else if let Some(item) =
            target.get("items").map(|i| self.resolve(i)).filter(|i| i.get("properties").is_some())
        {
            let last = path.len() - 1;
            path[last].push_str("[]");
            self.object(item, path, keys);
            let len = path[last].len() - 2;
            path[last].truncate(len);
        } else if let Some(value) =
            target.get("additionalProperties").map(|v| self.resolve(v)).filter(|v| v.get("properties").is_some())
        {
            path.push(placeholder(path.last().map_or("name", String::as_str)));
            self.object(value, path, keys);
            path.pop();
        }
    }

    /// A type in words.
    fn kind(&self, node: &Value) -> String {
        let node = self.resolve(node);
        if node.get("oneOf").is_some() || node.get("enum").is_some() {
            return "one of the values below".to_owned();
        }
        if node.get("properties").is_some() {
            return SECTION.to_owned();
        }
        let types: Vec<&str> = match node.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect(),
            _ => Vec::new(),
        };
        match types.as_slice() {
            ["array"] => match node.get("items").map(|i| self.kind(i)) {
                Some(item) if item == "string" => "list of strings".to_owned(),
                Some(item) => format!("list of {item}"),
                None => "list".to_owned(),
            },
            ["object"] => match node.get("additionalProperties").map(|v| self.kind(v)) {
                Some(value) => format!("mapping of names to {value}"),
                None => "mapping".to_owned(),
            },
            [one] => (*one).to_owned(),
            [] => "any".to_owned(),
            many => many.join(" or "),
        }
    }

    /// The allowed values of an enumeration, each with its description.
    fn values(&self, node: &Value) -> Vec<(String, String)> {
        let node = self.resolve(node);
        if let Some(variants) = node.get("oneOf").and_then(Value::as_array) {
            return variants
                .iter()
                .filter_map(|v| {
                    let v = self.resolve(v);
                    let value = v.get("const").or_else(|| v.get("enum").and_then(|e| e.get(0)))?;
                    Some((inline(value), text(v).unwrap_or_default()))
                })
                .collect();
        }
        node.get("enum")
            .and_then(Value::as_array)
            .map(|values| values.iter().map(|v| (inline(v), String::new())).collect())
            .unwrap_or_default()
    }
}

/// A description on one line (the schema keeps the doc comments' line breaks).
fn text(node: &Value) -> Option<String> {
    node.get("description").and_then(Value::as_str).map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A value as it would be written inline in YAML (flow style).
fn inline(value: &Value) -> String {
    match value {
        Value::String(s) if !s.is_empty() && !s.contains([':', '#', '*', '{', '[', '"', '\'']) => s.clone(),
        other => other.to_string(),
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::Null => true,
        _ => false,
    }
}

/// `<host>` for the keys of `hosts`, `<matrix>` for `matrices`, and so on.
fn placeholder(collection: &str) -> String {
    let name = collection.trim_end_matches("[]");
    let singular =
        name.strip_suffix("ies").map(|s| format!("{s}y")).or_else(|| name.strip_suffix('s').map(str::to_owned));
    format!("<{}>", singular.unwrap_or_else(|| name.to_owned()))
}

/// What an example writes for a placeholder key.
fn placeholder_example(segment: &str) -> String {
    match segment {
        "<host>" => "www.example.org".to_owned(),
        other => other.trim_matches(['<', '>']).to_owned(),
    }
}
