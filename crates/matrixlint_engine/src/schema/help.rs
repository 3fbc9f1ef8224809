//! Help lines for schema errors: each says what to write, in an editor's words.
//!
//! A schema may carry its own words for a field: `x-help-missing` (how to
//! add it) and `x-help-invalid` (how to write its value), as the shipped cell
//! schema does. Otherwise the help is built from the error itself: the value
//! found, the types or choices allowed, the key's name.

use serde_json::Value;

use super::{SchemaError, Target};

/// The schema's own help for a field, under `keyword`.
pub(super) fn custom(node: Option<&Value>, keyword: &str) -> Option<String> {
    node?.get(keyword)?.as_str().map(str::to_owned)
}

/// The key an instance pointer ends at (`/entries/0/year` → `year`), if it
/// ends at a key rather than a list position or the root.
pub(super) fn key_of(pointer: &str) -> Option<String> {
    let last = pointer.rsplit('/').next().filter(|t| !t.is_empty())?;
    (last.parse::<usize>().is_err()).then(|| last.replace("~1", "/").replace("~0", "~"))
}

/// How to add the missing field `key`: the schema's words, or its description.
pub(super) fn missing(node: Option<&Value>, key: &str) -> String {
    if let Some(help) = custom(node, "x-help-missing") {
        return help;
    }
    let description = node.and_then(|n| n.get("description")).and_then(Value::as_str);
    match description {
        Some(d) => {
            let d = d.trim_end_matches('.');
            let mut chars = d.chars();
            let lowered: String = chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default();
            format!("add `{key}:` with {lowered}")
        }
        None => format!("add `{key}:` with its value"),
    }
}

/// How to fix a value of the wrong type. `expected` are JSON type names
/// (`integer`, `string`, `array`, `object`, …); `wanted` says them in words.
pub(super) fn wrong_type(key: Option<&str>, expected: &[String], wanted: &str, found: &Value) -> String {
    let allows = |t: &str| expected.iter().any(|e| e == t);
    let noun = if key == Some("year") { "year" } else { "number" };
    let shown_key = key.unwrap_or("value");
    match found {
        Value::String(s) if (allows("integer") || allows("number")) && is_number(s) => {
            format!("write the {noun} without quotes: `{shown_key}: {}`", s.trim())
        }
        Value::String(_) if allows("integer") && key == Some("year") => {
            "write the year as four digits, such as `year: 2008`".to_owned()
        }
        Value::Number(_) | Value::Bool(_) if allows("string") => {
            format!("put the value in quotes: `{shown_key}: \"{found}\"`")
        }
        Value::Null => match key {
            Some(key) => format!("write {wanted} after `{key}:`, or remove the line"),
            None => format!("write {wanted}"),
        },
        _ if allows("object") && expected.len() == 1 => match key {
            Some(key) => format!("write the fields of `{key}` on the lines below it, indented, as `field: value`"),
            None => "write the fields as `field: value` lines, starting at the left margin".to_owned(),
        },
        Value::String(_) | Value::Number(_) | Value::Bool(_) if allows("array") && expected.len() == 1 => {
            let item = match found {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            format!("write a list: `{shown_key}: [{item}]`, or one `- item` per line below `{shown_key}:`")
        }
        _ => match key {
            Some(key) => format!("write {wanted} after `{key}:`"),
            None => format!("write {wanted}"),
        },
    }
}

fn is_number(s: &str) -> bool {
    let s = s.trim();
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// How to fix a value outside a fixed set of `options` (each already quoted
/// for display, e.g. `` `error` ``).
pub(super) fn choice(found: &Value, options: &[String]) -> String {
    let bare: Vec<String> = options.iter().map(|o| o.trim_matches('`').to_owned()).collect();
    let closest = found.as_str().and_then(|s| crate::suggest::closest(s, &bare));
    match closest {
        Some(best) => format!("did you mean `{best}`? Write one of {}", options.join(", ")),
        None => format!("write one of {}", options.join(", ")),
    }
}

/// How to fix a list with too few items.
pub(super) fn too_few(key: Option<&str>, limit: u64, found: &Value, custom: Option<String>) -> String {
    let shown_key = key.unwrap_or("value");
    match found.as_array().map(Vec::as_slice) {
        Some([only]) if limit == 2 => {
            format!("write a single value without brackets: `{shown_key}: {only}`")
        }
        _ if limit == 1 => custom.unwrap_or_else(|| format!("list at least one item under `{shown_key}:`")),
        _ => custom.unwrap_or_else(|| format!("list at least {limit} items under `{shown_key}:`")),
    }
}

/// "unknown field `tittle`; did you mean `title`?", renamed by `--fix` when certain.
pub(super) fn unknown_key(pointer: &str, name: &str, known: &[String], object: &Value) -> SchemaError {
    let target = Target::Key(name.to_owned());
    let pointer = pointer.to_owned();
    let Some(closest) = crate::suggest::closest(name, known) else {
        let help = format!("remove `{name}`, or rename it to one of the fields here: {}", known.join(", "));
        return SchemaError {
            pointer,
            target,
            message: format!("unknown field `{name}`"),
            help: Some(help),
            rename: None,
        };
    };
    let message = format!("unknown field `{name}`; did you mean `{closest}`?");
    if object.get(closest).is_some() {
        let help = format!("`{closest}` is set already: remove `{name}`, or merge the two");
        return SchemaError { pointer, target, message, help: Some(help), rename: None };
    }
    let help = format!("rename `{name}` to `{closest}`");
    SchemaError { pointer, target, message, help: Some(help), rename: Some(closest.to_owned()) }
}

/// A misspelt key is one finding: the field it stands for is not also
/// missing, and when two unknown keys stand for one field, neither is renamed.
pub(super) fn one_finding_per_misspelling(errors: &mut Vec<SchemaError>) {
    let renames: Vec<(String, String)> =
        errors.iter().filter_map(|e| Some((e.pointer.clone(), e.rename.clone()?))).collect();
    errors.retain(|e| !matches!(&e.target, Target::Missing(k) if renames.contains(&(e.pointer.clone(), k.clone()))));
    for e in errors.iter_mut() {
        if let Some(name) = &e.rename
            && renames.iter().filter(|(p, n)| *p == e.pointer && n == name).count() > 1
        {
            e.help = Some(format!("rename one of the keys to `{name}`, and remove the other"));
            e.rename = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_quoted_year_is_written_without_quotes() {
        let expected = ["integer".to_owned(), "array".to_owned()];
        let help = wrong_type(Some("year"), &expected, "an integer or a list", &json!("2008"));
        assert_eq!(help, "write the year without quotes: `year: 2008`");
        let help = wrong_type(Some("year"), &expected, "an integer or a list", &json!("c. 2008"));
        assert_eq!(help, "write the year as four digits, such as `year: 2008`");
        let help = wrong_type(Some("min"), &["integer".to_owned()], "an integer", &json!("1950"));
        assert_eq!(help, "write the number without quotes: `min: 1950`");
    }

    #[test]
    fn other_types() {
        let string = ["string".to_owned()];
        assert_eq!(
            wrong_type(Some("title"), &string, "a string", &json!(1985)),
            "put the value in quotes: `title: \"1985\"`"
        );
        assert_eq!(
            wrong_type(Some("title"), &string, "a string", &Value::Null),
            "write a string after `title:`, or remove the line"
        );
        let array = ["array".to_owned()];
        assert_eq!(
            wrong_type(Some("discussion"), &array, "a list", &json!("about")),
            "write a list: `discussion: [about]`, or one `- item` per line below `discussion:`"
        );
        let object = ["object".to_owned()];
        assert_eq!(
            wrong_type(None, &object, "a mapping", &json!(["a"])),
            "write the fields as `field: value` lines, starting at the left margin"
        );
    }

    #[test]
    fn choices_suggest_the_closest() {
        let options = ["`error`".to_owned(), "`warning`".to_owned(), "`info`".to_owned(), "`off`".to_owned()];
        assert_eq!(
            choice(&json!("eror"), &options),
            "did you mean `error`? Write one of `error`, `warning`, `info`, `off`"
        );
        assert_eq!(choice(&json!("loud"), &options), "write one of `error`, `warning`, `info`, `off`");
    }

    #[test]
    fn missing_fields_from_the_description() {
        let node = json!({"description": "Globs of files (relative to the root) this override applies to."});
        assert_eq!(
            missing(Some(&node), "files"),
            "add `files:` with globs of files (relative to the root) this override applies to"
        );
        let node = json!({"description": "x", "x-help-missing": "add `title:` with the document's headline"});
        assert_eq!(missing(Some(&node), "title"), "add `title:` with the document's headline");
    }

    #[test]
    fn a_one_year_list_becomes_a_year() {
        assert_eq!(
            too_few(Some("year"), 2, &json!([1997]), None),
            "write a single value without brackets: `year: 1997`"
        );
        assert_eq!(too_few(Some("entries"), 1, &json!([]), None), "list at least one item under `entries:`");
    }
}
