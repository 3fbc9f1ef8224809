//! The SARIF format: a SARIF 2.1.0 log with one run, for code scanning
//! (GitHub's `upload-sarif`, Azure DevOps, IDE viewers).
//!
//! The driver lists every rule of [`RULES`] with its
//! documentation, so that a viewer can explain a result without matrixlint.
//! Columns count Unicode code points, as everywhere in matrixlint, and the run
//! says so (`columnKind`), since SARIF's default is UTF-16 code units.

use serde::Serialize;

use super::{repo_path, visible};
use crate::diagnostic::{Diagnostic, Label, RuleInfo, Severity};
use crate::rules::RULES;
use crate::source::SourceFile;

/// The schema the log declares (the OASIS errata01 schema).
pub const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base id of every artifact location: the directory matrixlint ran in.
pub const SRCROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    rules: Vec<Descriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Descriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
    properties: DescriptorProperties,
}

#[derive(Serialize)]
struct Text {
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    markdown: Option<String>,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct DescriptorProperties {
    fixable: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation<'a> {
    uri: String,
    uri_base_id: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

/// The SARIF log, pretty-printed, with a final newline. `base` is the corpus
/// root relative to the working directory (`%SRCROOT%`), prefixed to every
/// file name; empty when they are the same.
#[must_use]
pub fn render(diagnostics: &[Diagnostic], base: &str) -> String {
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: option_env!("CARGO_PKG_REPOSITORY").filter(|s| !s.is_empty()),
                    rules: RULES.iter().map(|r| descriptor(r.info)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results: diagnostics.iter().map(|d| result(d, base)).collect(),
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).unwrap_or_default();
    s.push('\n');
    s
}

fn descriptor(info: &'static RuleInfo) -> Descriptor {
    let docs = info.markdown();
    let what = first_section(&docs);
    Descriptor {
        id: info.code,
        name: info.name,
        short_description: Text { text: info.summary.to_owned(), markdown: None },
        full_description: Text { text: what.to_owned(), markdown: Some(what.to_owned()) },
        help: Text { text: docs.clone(), markdown: Some(docs) },
        default_configuration: Configuration { level: level(info.severity) },
        properties: DescriptorProperties { fixable: info.fixable },
    }
}

/// The text of the first section (`## What it does`), without its heading.
fn first_section(docs: &str) -> &str {
    let body = docs.strip_prefix("## What it does").unwrap_or(docs);
    body.split("\n## ").next().unwrap_or(body).trim()
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result<'a>(d: &'a Diagnostic, base: &'a str) -> SarifResult<'a> {
    let rule_index = RULES.iter().position(|r| r.info.code == d.rule.code).unwrap_or_default();
    let mut message = visible::one_line(&d.message).into_owned();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(&visible::one_line(help));
    }
    let uri = uri(&repo_path(base, &d.file.name));
    let primary = location(&d.file, &d.primary, &uri, None);
    let related = d.secondary.iter().enumerate().map(|(i, l)| location(&d.file, l, &uri, Some(i + 1))).collect();
    SarifResult {
        rule_id: d.rule.code,
        rule_index,
        level: level(d.severity),
        message: Text { text: message, markdown: None },
        locations: [primary],
        related_locations: related,
    }
}

fn location<'a>(file: &SourceFile, label: &Label, uri: &str, id: Option<usize>) -> Location<'a> {
    let (start, end) = (file.line_col(label.span.start), file.line_col(label.span.end));
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation { uri: uri.to_owned(), uri_base_id: SRCROOT },
            region: Region {
                start_line: start.line,
                start_column: start.column,
                end_line: end.line,
                end_column: end.column,
            },
        },
        message: label.text.as_ref().map(|t| Text { text: visible::one_line(t).into_owned(), markdown: None }),
    }
}

/// A relative path as a URI reference: every byte outside the unreserved set
/// and `/` percent-encoded (a file name may hold spaces or `#`).
#[must_use]
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_encode_reserved_and_non_ascii_bytes() {
        assert_eq!(uri("cells/drug/B2.yaml"), "cells/drug/B2.yaml");
        assert_eq!(uri("cells/a b#1.yaml"), "cells/a%20b%231.yaml");
        assert_eq!(uri("cells/é.yaml"), "cells/%C3%A9.yaml");
    }

    #[test]
    fn docs_lose_the_doc_comment_space_and_split_at_sections() {
        let info = RuleInfo {
            name: "example",
            code: "ML999",
            severity: Severity::Warning,
            summary: "An example.",
            docs: " ## What it does\n Reports a thing.\n\n ## Why is this bad?\n Because.\n",
            fixable: false,
        };
        let docs = info.markdown();
        assert_eq!(docs, "## What it does\nReports a thing.\n\n## Why is this bad?\nBecause.");
        assert_eq!(first_section(&docs), "Reports a thing.");
    }
}
