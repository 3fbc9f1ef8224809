//! The root package's integration tests, one binary (as ruff's
//! `crates/ruff/tests/cli/main.rs`): one link instead of one per file, and
//! one run of `cargo test --test it` for all of them. `cargo test --test it
//! NAME` runs the tests whose path holds NAME (`rules::`, `server_parity`).

mod common;
mod evidence_support;
mod import_support;
mod links_support;
mod server_inprocess;
mod server_support;

mod architecture;
mod bad_input;
mod cache;
mod cell_schema;
mod cli;
mod cli_conventions;
mod config;
mod docs_pages;
mod evidence_audit;
mod evidence_cli;
mod evidence_politeness;
mod evidence_server;
mod fix;
mod formats;
mod frictions;
mod hostile_files;
mod hostile_output;
mod human;
mod human_lines;
mod import_cli;
mod import_layout;
mod import_roundtrip;
mod import_safety;
mod import_seed;
mod import_variants;
mod integration_files;
mod links_classes;
mod links_cli;
mod links_evidence;
mod links_history;
mod links_history_files;
mod links_levels;
mod links_network;
mod links_output;
mod links_politeness;
mod links_recording;
mod links_reports;
mod links_soft404;
mod links_unreadable;
mod matrix_names;
mod props;
mod references;
mod rule_fixtures;
mod rule_snapshots;
mod rules;
mod server_background;
mod server_diagnostics;
mod server_editing;
mod server_framing;
mod server_limits;
mod server_navigation;
mod server_parity;
mod server_robustness;
mod streamed_check;
