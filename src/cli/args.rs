//! Command-line arguments: the clap types, each mapped onto the library's
//! plain options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use matrixlint::app::console::ColorChoice;
use matrixlint::app::evidence::EvidenceOptions;
use matrixlint::app::info::SchemaKind;
use matrixlint::app::links::LinksOptions;
use matrixlint::app::{CheckOptions, CorpusOptions};
use matrixlint::report::Format;
use matrixlint::report::evidence::EvidenceFormat;
use matrixlint::report::links::LinksFormat;

use super::choice::choice;

/// Lint and validate the YAML sources of the Effectiveness Bank treatment matrices.
#[derive(Debug, Parser)]
#[command(name = "matrixlint", version, about, propagate_version = true)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub(crate) struct GlobalArgs {
    /// When to colour the output: `auto` on a terminal unless `NO_COLOR` is set
    /// (`CLICOLOR_FORCE` or `FORCE_COLOR` colour it anywhere), `always`, `never`.
    #[arg(long, global = true, value_name = "WHEN", value_parser = choice::<ColorChoice>(), default_value = "auto")]
    pub color: ColorChoice,
    /// Print the findings only: no summary, no notes.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Also say on standard error what was loaded, from where, and how long each step took.
    #[arg(short, long, global = true)]
    pub verbose: bool,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check cell sources against the schema and the rules.
    Check(CheckArgs),
    /// Audit external links: fetch every URL once, politely, and report dead ones.
    Links(LinksArgs),
    /// Audit the cited works: retracted, superseded, closed or opened, misdated.
    Evidence(EvidenceArgs),
    /// List every rule: code, name, default severity, whether it can fix, summary.
    Rules(RulesArgs),
    /// Print a rule's documentation.
    Explain(ExplainArgs),
    /// Print the JSON Schema of cell sources or of the configuration.
    Schema(SchemaArgs),
    /// Print the effective configuration and where each setting comes from.
    Config(ConfigArgs),
    /// Start a corpus: write a starter matrixlint.yaml and the cell folders.
    Init(InitArgs),
    /// Turn published cell pages (text layout) into YAML cell sources.
    Import(ImportArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Run the language server over standard input and output (for editors).
    Server(ServerArgs),
    /// Write the guide's generated pages and the man pages (for maintainers).
    #[cfg(feature = "generate")]
    #[command(hide = true)]
    Generate(GenerateArgs),
}

/// `matrixlint generate`.
#[cfg(feature = "generate")]
#[derive(Debug, Args)]
pub(crate) struct GenerateArgs {
    /// The folder to write into (the repository's `docs/`).
    #[arg(long, value_name = "DIR")]
    pub out_dir: PathBuf,
}

/// `matrixlint server`.
#[derive(Debug, Args)]
pub(crate) struct ServerArgs {
    /// Treat this date (YYYY-MM-DD) as today; years after it are in the future.
    #[arg(long, value_name = "DATE", env = "MATRIXLINT_TODAY")]
    pub(crate) today: Option<jiff::civil::Date>,
}

/// `matrixlint completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `matrixlint import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Cell pages in the site's text layout.
    #[arg(value_name = "PAGE", required = true)]
    pub pages: Vec<PathBuf>,
    /// Write `DIR/cells/<matrix>/<CELL>.yaml` for each page (default: print one page's YAML).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Overwrite cell sources that already exist.
    #[arg(long, requires = "out_dir")]
    pub force: bool,
    /// The `$schema` reference for the yaml-language-server comment
    /// (default: `../../schemas/cell.schema.json`, the corpus's `schemas/`).
    #[arg(long, value_name = "PATH_OR_URL")]
    pub schema: Option<String>,
}

/// `matrixlint rules`.
#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// `matrixlint explain`.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    /// A rule's name (`tier-order`) or code (`ML202`).
    #[arg(value_name = "RULE")]
    pub rule: String,
}

/// `matrixlint schema`.
#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// The schema to print.
    #[arg(value_parser = choice::<SchemaKind>(), default_value = "cell")]
    pub kind: SchemaKind,
}

/// `matrixlint config`.
#[derive(Debug, Args)]
pub(crate) struct ConfigArgs {
    /// Corpus options.
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

/// `matrixlint init`.
#[derive(Debug, Args)]
pub(crate) struct InitArgs {
    /// Where to start the corpus (default: the working directory).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

/// Options shared by commands that open a corpus.
#[derive(Debug, Args)]
pub struct CorpusArgs {
    /// The corpus root (default: the nearest directory upwards with a matrixlint.yaml).
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Treat this date (YYYY-MM-DD) as today; years after it are in the future.
    #[arg(long, value_name = "DATE", env = "MATRIXLINT_TODAY")]
    pub(crate) today: Option<jiff::civil::Date>,
    /// The configuration file (default: `matrixlint.yaml` at the corpus root).
    /// Without `--root`, the folder holding it is the corpus root.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `matrixlint check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to report on (default: the whole corpus).
    /// Cross-references always resolve against the whole corpus.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = choice::<Format>(), default_value = "human")]
    pub format: Format,
    /// Exit 1 on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Print how many findings each rule made instead of the findings
    /// (with `--format human`, `concise` or `json`).
    #[arg(long)]
    pub statistics: bool,
    /// Exit 0 even when findings fail the run (a run that cannot happen still exits 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Apply the fixes that are certain, writing each changed file atomically,
    /// then report what is left.
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,
    /// Show the fixes `--fix` would make, as a unified diff, without writing.
    #[arg(long)]
    pub diff: bool,
    /// Report only these rules (names or codes, comma-separated). Files that
    /// cannot be read or parsed are always reported.
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Do not report these rules (names or codes, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// Check standard input as this file (name `-` as the path, or no path).
    /// With `--fix`, the fixed text goes to standard output and the findings
    /// left to standard error.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Neither read nor write the corpus cache (`.matrixlint/cache/`, which
    /// keeps each file's index record so that checking a few files reads
    /// only them, the files that changed and the cache).
    /// `MATRIXLINT_NO_CACHE` set to anything but empty, `0`, `false`, `no` or `off` does the same.
    #[arg(long, env = "MATRIXLINT_NO_CACHE", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_cache: bool,
    /// Corpus options.
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

/// `matrixlint links`.
#[derive(Debug, Args)]
pub struct LinksArgs {
    /// Files or directories whose links to audit (default: the whole corpus).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = choice::<LinksFormat>(), default_value = "human")]
    pub format: LinksFormat,
    /// Fetch every URL, even those that succeeded within `links.max-age-hours`.
    #[arg(long)]
    pub no_cache: bool,
    /// Allow requests to loopback, private and link-local addresses (for a local test server).
    #[arg(long)]
    pub allow_private: bool,
    /// The history database (default: `links.history` in matrixlint.yaml, under the corpus root).
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
    /// Send no request: report what the audit would fetch, reuse and skip.
    #[arg(long, conflicts_with_all = ["dump", "suggest", "html"])]
    pub offline: bool,
    /// Send no request: list every URL with the places it is used.
    #[arg(long, conflicts_with_all = ["suggest", "html"])]
    pub dump: bool,
    /// Look up an archived copy of each dead or newly broken link in the web archive.
    #[arg(long)]
    pub suggest: bool,
    /// Also write the HTML report to FILE (whatever `--format` prints).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Exit 0 even when dead links or files that cannot be read or parsed fail
    /// the run (a run that cannot happen, or cannot use its link history, still exits 2).
    #[arg(long)]
    pub exit_zero: bool,
    /// Corpus options.
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

/// `matrixlint evidence`.
#[derive(Debug, Args)]
pub struct EvidenceArgs {
    /// Files or directories whose entries to audit (default: the whole corpus).
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_parser = choice::<EvidenceFormat>(), default_value = "human")]
    pub format: EvidenceFormat,
    /// Ask the services again, even for answers younger than `evidence.cache-days`.
    #[arg(long)]
    pub refresh: bool,
    /// Allow requests to loopback, private and link-local addresses (for a local test server).
    #[arg(long)]
    pub allow_private: bool,
    /// The history database (default: `links.history` in matrixlint.yaml, under the corpus root).
    #[arg(long, value_name = "FILE")]
    pub history: Option<PathBuf>,
    /// Send no request: list every entry with its identifiers and where each came from.
    #[arg(long, conflicts_with_all = ["fix", "html", "refresh"])]
    pub dump: bool,
    /// Update superseded entries to the newest version's DOI and year.
    #[arg(long)]
    pub fix: bool,
    /// Also write the HTML report to FILE (whatever `--format` prints).
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Corpus options.
    #[command(flatten)]
    pub corpus: CorpusArgs,
}

impl From<EvidenceArgs> for EvidenceOptions {
    fn from(a: EvidenceArgs) -> Self {
        Self {
            paths: a.paths,
            format: a.format,
            refresh: a.refresh,
            allow_private: a.allow_private,
            history: a.history,
            dump: a.dump,
            fix: a.fix,
            html: a.html,
            corpus: a.corpus.into(),
        }
    }
}

impl From<CorpusArgs> for CorpusOptions {
    fn from(a: CorpusArgs) -> Self {
        Self { root: a.root, today: a.today, config: a.config }
    }
}

impl From<CheckArgs> for CheckOptions {
    fn from(a: CheckArgs) -> Self {
        Self {
            paths: a.paths,
            format: a.format,
            deny_warnings: a.deny_warnings,
            statistics: a.statistics,
            exit_zero: a.exit_zero,
            fix: a.fix,
            diff: a.diff,
            select: a.select,
            ignore: a.ignore,
            stdin_filename: a.stdin_filename,
            no_cache: a.no_cache,
            corpus: a.corpus.into(),
        }
    }
}

impl From<LinksArgs> for LinksOptions {
    fn from(a: LinksArgs) -> Self {
        Self {
            paths: a.paths,
            format: a.format,
            no_cache: a.no_cache,
            allow_private: a.allow_private,
            history: a.history,
            offline: a.offline,
            dump: a.dump,
            suggest: a.suggest,
            html: a.html,
            exit_zero: a.exit_zero,
            corpus: a.corpus.into(),
        }
    }
}

impl From<ImportArgs> for matrixlint::app::import::ImportRequest {
    fn from(a: ImportArgs) -> Self {
        Self { pages: a.pages, out_dir: a.out_dir, force: a.force, schema: a.schema }
    }
}
