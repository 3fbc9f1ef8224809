//! Dispatch from parsed arguments to a pipeline and a rendered output.

use crate::cli::{CheckArgs, Cli, Command};
use crate::diagnostic::Severity;
use crate::report::{self, Format, Summary};

use super::AppError;
use super::check::{CheckRequest, check};

/// What the binary writes and the code it exits with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Text for standard output.
    pub stdout: String,
    /// 0 clean, 1 findings that fail the run.
    pub code: u8,
}

/// Runs a parsed command line. `terminal` says whether standard output is a
/// terminal (colour and progress only then).
///
/// # Errors
/// When the run cannot happen (exit code 2).
pub fn run(cli: Cli, terminal: bool) -> miette::Result<Output> {
    match cli.command {
        Command::Check(args) => run_check(&args, terminal).map_err(miette::Report::new),
    }
}

fn today(given: Option<jiff::civil::Date>) -> jiff::civil::Date {
    given.unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}

fn run_check(args: &CheckArgs, terminal: bool) -> Result<Output, AppError> {
    let cwd = std::env::current_dir().map_err(|e| AppError::Internal(format!("no working directory: {e}")))?;
    let request = CheckRequest {
        cwd,
        root: args.corpus.root.clone(),
        paths: args.paths.clone(),
        today: today(args.corpus.today),
    };
    let outcome = check(&request)?;
    let summary = Summary::new(outcome.files, &outcome.diagnostics);
    let stdout = match args.format {
        Format::Human => {
            report::human::render(&outcome.diagnostics, summary, report::human::Style { color: terminal, width: 100 })
        }
        Format::Json => report::json::render(&outcome.diagnostics, summary),
    };
    let fails = outcome
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || (args.deny_warnings && d.severity == Severity::Warning));
    Ok(Output { stdout, code: u8::from(fails) })
}
