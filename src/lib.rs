//! matrixlint: lints and validates the YAML sources of the Effectiveness Bank
//! treatment matrices (the Drug and Alcohol Treatment Matrices).
//!
//! Layers, each depending only on those below it:
//! `cli` → `app` (pipelines) → `report`, `rules`, `schema`, `links`, `import` →
//! `index`, `config` → `cell`, `registry`, `markdown`, `diagnostic` → `source`.
//! The library never prints; the binary writes what [`app::run`] returns.

#![warn(missing_docs)]

pub mod app;
pub mod cell;
pub mod choice;
pub mod config;
pub mod diagnostic;
pub mod files;
pub mod import;
pub mod index;
pub mod links;
pub mod lint;
pub mod markdown;
pub mod registry;
pub mod report;
pub mod rules;
pub mod schema;
pub mod server;
pub mod source;
pub mod suggest;
