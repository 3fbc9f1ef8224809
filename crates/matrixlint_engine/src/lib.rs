//! matrixlint's engine: a cell source's text in, its findings and their fixes
//! out, with no file system, no network, no terminal.
//!
//! - [`lint`] holds [`lint::Linter`] (schema, rules, levels, suppressions,
//!   fixes) and [`lint::Loaded`] (bytes to a parsed file).
//! - [`index`] is the corpus index cross-references resolve against, updated
//!   one file at a time, and the recognition of cross-references in prose.
//! - What findings are made of: [`diagnostic`], [`source`] (files, spans, the
//!   YAML tree with a span on every node), [`cell`], [`registry`],
//!   [`markdown`], [`rules`] (the registry of rules and their documentation).
//! - [`config`] holds the configuration's types and the reading of one text
//!   (files and `extend:` chains are `matrixlint_workspace`'s).
//! - [`schema`] is JSON Schema validation with spans; [`visible`]: text made
//!   safe to show; [`rule_hint`]: "did you mean" for a rule name; [`suppression`]: the
//!   syntax of `# matrixlint: ignore[rule] reason`, read and written;
//!   [`identifiers`]: DOIs, PMIDs and PMCIDs, as written and in links.
//!
//! `docs/architecture.md` is the map.

#![warn(missing_docs)]

pub mod cell;
pub mod config;
pub mod diagnostic;
pub mod identifiers;
pub mod index;
pub mod lint;
pub mod markdown;
pub mod registry;
pub mod rules;
pub mod schema;
pub mod source;
pub mod suppression;
pub mod visible;

mod suggest;

pub use suggest::rule_hint;
