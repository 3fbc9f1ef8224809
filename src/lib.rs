//! matrixlint: lints and validates the YAML sources of the Effectiveness Bank
//! treatment matrices (the Drug and Alcohol Treatment Matrices).
//!
//! # The public API
//! What a downstream tool (the binary, the language server, a test, a bench)
//! needs, and nothing internal:
//! - [`lint`]: the engine. A cell source's text in, its findings and their
//!   fixes out, with no file system: [`lint::Linter`], [`lint::Loaded`].
//! - [`index`]: the corpus index that cross-references resolve against,
//!   updated one file at a time ([`index::Corpus::update`]), and the
//!   recognition of cross-references in prose ([`index::xref`]).
//! - What findings are made of: [`diagnostic`] (the one model every format
//!   renders), [`source`] (files, spans, the YAML tree with a span on every
//!   node), [`cell`] (the cell view, the vocabulary, the format),
//!   [`registry`], [`markdown`], [`rules`] (the registry of rules and their
//!   documentation).
//! - [`config`]: configuration types and loading, every problem at its place.
//! - [`app`]: the shell the binary drives: finding a corpus
//!   ([`app::Project`]), reading files, the commands and their exit codes.
//! - [`report`]: every output format; [`links`]: the link audit; [`import`]:
//!   published pages to cell sources; [`schema`]: JSON Schema validation with
//!   spans; [`choice`]: the value sets options take.
//!
//! Dependencies point one way: `app` → `report`, `links`, `import` → `lint` →
//! `rules`, `schema` → `index`, `config`, `cell`, `registry`, `markdown`,
//! `diagnostic` → `source`. Rules, the schema and the link audit never import
//! one another or the reporters. The library never prints: it returns what
//! the binary writes. `docs/architecture.md` is the map.

#![warn(missing_docs)]

pub mod app;
pub mod choice;
pub mod config;
pub mod report;

// The engine's modules, under the names the shell and the tests have always used.
pub(crate) use matrixlint_engine::suggest;
pub use matrixlint_engine::{cell, diagnostic, index, lint, markdown, registry, rules, schema, source};
pub use matrixlint_evidence as evidence;
pub use matrixlint_import as import;
pub use matrixlint_links as links;
pub(crate) use matrixlint_workspace::files;
