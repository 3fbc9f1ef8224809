//! Command-line arguments (clap derive types only).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::report::Format;

/// Lint and validate the YAML sources of the Effectiveness Bank treatment matrices.
#[derive(Debug, Parser)]
#[command(name = "matrixlint", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check cell sources against the schema and the rules.
    Check(CheckArgs),
}

/// Options shared by commands that open a corpus.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// The corpus root (default: the nearest directory upwards with a matrixlint.yaml).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Treat this date (YYYY-MM-DD) as today; years after it are in the future.
    #[arg(long, value_name = "DATE", env = "MATRIXLINT_TODAY")]
    pub today: Option<jiff::civil::Date>,
}

/// `matrixlint check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to report on (default: the whole corpus).
    /// Cross-references always resolve against the whole corpus.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Corpus options.
    #[command(flatten)]
    pub corpus: CorpusArgs,
}
