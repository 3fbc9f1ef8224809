//! matrixlint: lints and validates the YAML sources of the Effectiveness Bank
//! treatment matrices (the Drug and Alcohol Treatment Matrices).
//!
//! # The public API
//! The shell the binary drives, and nothing of the libraries below it (use
//! them by their own names: `matrixlint_engine`, `matrixlint_links`,
//! `matrixlint_evidence`, `matrixlint_import`, `matrixlint_workspace`,
//! `matrixlint_server`, the language server):
//! - [`app`]: finding a corpus ([`app::Project`]), reading files, the
//!   commands and their exit codes.
//! - [`config`]: the configuration's types (the engine's) and the loading of
//!   files with their `extend:` chains (the workspace's), under one name.
//! - [`report`]: every output format; [`choice`]: the value sets options
//!   take.
//!
//! Dependencies point one way: `app` → `report`, the link, evidence and
//! import audits → the engine. The library never prints: it returns what
//! the binary writes. `docs/architecture.md` is the map.

#![warn(missing_docs)]

pub mod app;
pub mod choice;
pub mod config;
pub mod report;

// The libraries' modules under the short names this package's own files use
// (`crate::lint`, `crate::links`, …); not re-exported: users name the crates.
pub(crate) use matrixlint_engine::{diagnostic, lint, registry, rules, schema, source};
pub(crate) use matrixlint_evidence as evidence;
pub(crate) use matrixlint_import as import;
pub(crate) use matrixlint_links as links;
pub(crate) use matrixlint_workspace::files;
