//! The cell source format as types: `schemas/cell.schema.json` is generated
//! from them (with every description, example and help), and a test fails
//! when the committed file is stale. Nothing deserialises into these types:
//! the rules read the lenient tree of [`super::Cell`], so that a file of the
//! wrong shape still gets every finding it deserves.

#![allow(dead_code, reason = "the fields describe the format; the schema is their only reader")]

use schemars::JsonSchema;
use serde_json::Value;

use super::Tier;

/// One cell of a treatment matrix (Drug or Alcohol Treatment Matrix): its
/// research entries under tier labels, then the Matrix Bite commentary.
/// Stored as cells/<matrix>/<CELL>.yaml under the corpus root.
#[derive(JsonSchema)]
#[schemars(title = "Effectiveness Bank matrix cell", deny_unknown_fields)]
struct CellSource {
    /// Id of the matrix this cell belongs to, from the registry (by default
    /// `drug` or `alcohol`).
    #[schemars(
        pattern("^[a-z][a-z0-9-]*$"),
        example = &"drug",
        example = &"alcohol",
        extend(
            "x-help-missing" = "add `matrix:` with the id of the matrix the cell belongs to, such as `matrix: drug`",
            "x-help-invalid" = "write the matrix id in lower case, such as `matrix: drug` or `matrix: alcohol`"
        )
    )]
    matrix: String,
    /// Cell id: a column letter (A Interventions, B Practitioners, C
    /// Management/supervision, D Organisational functioning, E Treatment
    /// systems) and a row number (1–5).
    #[schemars(
        pattern("^[A-Z][1-9]$"),
        example = &"B2",
        extend(
            "x-help-missing" = "add `cell:` with the cell's column letter and row number, such as `cell: B2`",
            "x-help-invalid" = "write a capital column letter and a row number, such as `cell: B2`"
        )
    )]
    cell: String,
    /// The cell's subtitle, canonically `<column>; <row>`, e.g.
    /// `Practitioners; Generic and cross-cutting issues`.
    title: Option<String>,
    /// Optional introductory blurb shown above the entries.
    summary: Option<String>,
    /// The research documents of the cell, in tier order S, K, R, G, then at
    /// most one `more` entry.
    #[schemars(
        length(min = 1),
        extend(
            "x-help-missing" = "add `entries:` with the cell's documents, each an item starting `- tier:`",
            "x-help-invalid" = "list at least one document under `entries:`, each an item starting `- tier:`"
        )
    )]
    entries: Vec<Entry>,
    /// The Matrix Bite: commentary after the entries.
    bite: Option<Bite>,
}

/// Publication year.
#[derive(JsonSchema)]
#[schemars(rename = "year")]
struct Year(i64);

/// Text in a Markdown subset: **bold**, *italic*, [link text](https://…).
/// Cross-references are written as prose: `cell A2`, `cells A3 and A4`,
/// `cell C2 of the Alcohol Treatment Matrix`, `row 2 of the matrix`.
#[derive(JsonSchema)]
#[schemars(rename = "prose")]
struct Prose(String);

/// Tier label, or two labels for a document that is both (e.g. `[S, G]`).
#[derive(JsonSchema)]
#[schemars(untagged, inline)]
enum Tiers {
    One(Tier),
    Several(#[schemars(length(min = 1), extend("uniqueItems" = true))] Vec<Tier>),
}

/// A PubMed id: up to nine digits, as a number or a string.
#[derive(JsonSchema)]
#[schemars(untagged, inline)]
enum Pmid {
    Number(#[schemars(range(min = 1, max = 999_999_999))] i64),
    Text(#[schemars(pattern("^[0-9]{1,9}$"))] String),
}

/// Year of publication, or several years (`[1997, 2000]`) for a document
/// published in parts.
#[derive(JsonSchema)]
#[schemars(untagged, inline)]
enum Years {
    One(Year),
    Several(#[schemars(length(min = 2))] Vec<Year>),
}

/// One document listed in the cell.
#[derive(JsonSchema)]
#[schemars(
    rename = "entry",
    deny_unknown_fields,
    extend("allOf" = [
        {
            "if": { "properties": { "tier": { "const": "more" } }, "required": ["tier"] },
            "then": { "required": ["text"] }
        },
        {
            "if": {
                "properties": { "tier": { "anyOf": [{ "enum": ["S", "K", "R", "G"] }, { "type": "array" }] } },
                "required": ["tier"]
            },
            "then": { "required": ["title"] }
        }
    ])
)]
struct Entry {
    #[schemars(extend("x-help-missing" = "add `tier:` with the entry's label: S, K, R, G or `more`"))]
    tier: Tiers,
    /// The headline, without the year group.
    #[schemars(
        length(min = 1),
        extend(
            "x-help-missing" = "add `title:` with the document's headline",
            "x-help-invalid" = "write the document's headline after `title:`"
        )
    )]
    title: Option<String>,
    year: Option<Years>,
    /// The last year of a span printed `(1985–1990)`; `year` holds the first.
    year_end: Option<Year>,
    /// The edition printed in the year group: `(2nd ed., 2011)`.
    #[schemars(length(min = 1))]
    edition: Option<String>,
    /// Issuing body shown before the year: `([UK] Ministry of Justice, 2009)`.
    #[schemars(length(min = 1), extend("x-help-invalid" = "write the issuing body after `issuer:`, or remove the line"))]
    issuer: Option<String>,
    /// Absolute http(s) URL of the document or of its Effectiveness Bank
    /// analysis. Not used on `more` entries.
    url: Option<String>,
    /// Absolute http(s) URL of a free full text, available when the entry was
    /// written ("free source at time of writing").
    free_source: Option<String>,
    /// The work's DOI, bare (`10.1002/14651858.CD008540.pub2`), when the
    /// `url` is not a DOI link: `matrixlint evidence` asks the registries
    /// about it. A written DOI wins over one read from a link.
    #[schemars(
        length(min = 1),
        example = &"10.1002/14651858.CD008540.pub2",
        extend("x-help-invalid" = "write the bare DOI, such as `doi: 10.1111/add.12345`")
    )]
    doi: Option<String>,
    /// The work's PubMed id (digits), for `matrixlint evidence`.
    pmid: Option<Pmid>,
    /// The annotation.
    #[schemars(extend(
        "x-help-missing" = "add `text:` with the search link: `[This search](https://…) retrieves all relevant analyses.`"
    ))]
    text: Option<Prose>,
    /// Bite headings that discuss this entry: `about`, `start`,
    /// `highlighted`, an issue id of this cell, or another cell's bite (`C2`,
    /// `alcohol/C2`, optionally with `#issue-id`).
    #[schemars(
        inner(length(min = 1)),
        extend("x-help-invalid" = "list heading ids, such as `discussion: [is-it-best-to-busk-it]`")
    )]
    discussion: Option<Vec<String>>,
}

/// The Matrix Bite: commentary after the entries.
#[derive(JsonSchema)]
#[schemars(rename = "bite", deny_unknown_fields)]
struct Bite {
    /// What is this cell about?
    about: Option<Prose>,
    /// Where should I start?
    start: Option<Prose>,
    /// Highlighted study.
    highlighted: Option<Prose>,
    /// Issues to consider and discuss, each a ► heading with its text.
    issues: Option<Vec<Issue>>,
}

/// One issue to consider and discuss.
#[derive(JsonSchema)]
#[schemars(rename = "issue", deny_unknown_fields)]
struct Issue {
    /// Stable kebab-case id, derived from the title; `discussion` items refer to it.
    #[schemars(
        pattern("^[a-z0-9]+(-[a-z0-9]+)*$"),
        extend(
            "x-help-missing" = "add `id:` with the title in lower-case words joined by hyphens, such as `id: is-it-best-to-busk-it`",
            "x-help-invalid" = "write the id in lower-case words joined by hyphens, such as `id: is-it-best-to-busk-it`"
        )
    )]
    id: String,
    /// The heading, without ►.
    #[schemars(
        length(min = 1),
        extend(
            "x-help-missing" = "add `title:` with the issue's heading, without ►",
            "x-help-invalid" = "write the issue's heading after `title:`"
        )
    )]
    title: String,
    /// The discussion of the issue.
    #[schemars(extend("x-help-missing" = "add `text:` with the discussion of the issue"))]
    text: Prose,
}

/// The cell format's JSON Schema (draft 2020-12), generated from the types
/// above: what `schemas/cell.schema.json` must hold.
#[must_use]
pub fn json_schema() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut schema = serde_json::to_value(generator.into_root_schema_for::<CellSource>()).unwrap_or_default();
    forbid_null(&mut schema);
    unwrap_descriptions(&mut schema);
    if let Some(map) = schema.as_object_mut() {
        map.insert("$id".to_owned(), "urn:matrixlint:schema:cell".into());
    }
    schema
}

/// Doc comments wrap; descriptions are read unwrapped (an editor's hover
/// wraps them itself). A blank line stays a paragraph break.
fn unwrap_descriptions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(text)) = map.get_mut("description") {
                *text = text.split("\n\n").map(|p| p.replace('\n', " ")).collect::<Vec<_>>().join("\n\n");
            }
            map.values_mut().for_each(unwrap_descriptions);
        }
        Value::Array(items) => items.iter_mut().for_each(unwrap_descriptions),
        _ => {}
    }
}

/// schemars lets an `Option` field be `null`; a cell source leaves an
/// optional field out instead (`title:` with nothing after it is a mistake).
fn forbid_null(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if let [only] = types.as_slice() {
                    let only = only.clone();
                    map.insert("type".to_owned(), only);
                }
            }
            for key in ["anyOf", "oneOf"] {
                if let Some(Value::Array(branches)) = map.get_mut(key) {
                    branches.retain(|b| {
                        b.get("type").is_none_or(|t| t != "null") || b.as_object().is_some_and(|o| o.len() > 1)
                    });
                    if let [only] = branches.as_slice() {
                        let only = only.clone();
                        map.remove(key);
                        if let Value::Object(inner) = only {
                            map.extend(inner);
                        }
                    }
                }
            }
            map.values_mut().for_each(forbid_null);
        }
        Value::Array(items) => items.iter_mut().for_each(forbid_null),
        _ => {}
    }
}
