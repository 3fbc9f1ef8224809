//! Dispatch from parsed arguments to a pipeline and a rendered output.

use crate::cli::{CheckArgs, Cli, Command};
use crate::diagnostic::Severity;
use crate::report::{self, Format, Summary};

use super::AppError;
use super::check::{CheckOutcome, CheckRequest, check};

/// What the binary writes and the code it exits with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Text for standard output.
    pub stdout: String,
    /// Text for standard error: notes that must not mix with the output
    /// (what `import` could not place while its YAML goes to stdout).
    pub stderr: String,
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
        Command::Links(args) => super::links::run(&args, terminal).map_err(miette::Report::new),
        Command::Rules(args) => Ok(Output { stdout: super::info::rules(args.json), code: 0, stderr: String::new() }),
        Command::Explain(args) => super::info::explain(&args.rule).map_err(miette::Report::new),
        Command::Schema(args) => Ok(Output { stdout: super::info::schema(args.kind), code: 0, stderr: String::new() }),
        Command::Config(args) => super::info::config(&args.corpus).map_err(miette::Report::new),
        Command::Init(args) => super::init::run(&args.dir).map_err(miette::Report::new),
        Command::Import(args) => run_import(args).map_err(miette::Report::new),
    }
}

fn run_import(args: crate::cli::ImportArgs) -> Result<Output, super::import::ImportRunError> {
    let request = super::import::ImportRequest {
        pages: args.pages,
        out_dir: args.out_dir,
        force: args.force,
        schema: args.schema,
    };
    let outcome = super::import::import(&request)?;
    Ok(Output { stdout: outcome.stdout, stderr: outcome.stderr, code: outcome.code })
}

pub(super) fn today(given: Option<jiff::civil::Date>) -> jiff::civil::Date {
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
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        return Err(AppError::Usage(format!(
            "--statistics works with --format human, concise or json, not {}",
            clap::ValueEnum::to_possible_value(&args.format).map_or_else(String::new, |v| v.get_name().to_owned())
        )));
    }
    let (outcome, note, fix_failed) = match (args.fix, args.diff) {
        (false, false) => (check(&request)?, String::new(), false),
        _ => {
            let mode = if args.diff { super::fix::Mode::Diff } else { super::fix::Mode::Write };
            let run = super::fix::run(&request, mode)?;
            (run.outcome, run.note, run.failed)
        }
    };
    if args.diff {
        // Like `ruff --diff`: the diff alone; exit 1 when there is something to fix.
        let code = u8::from(!note.is_empty() && !args.exit_zero);
        return Ok(Output { stdout: note, code, stderr: String::new() });
    }
    let rendered = render_check(args, &outcome, &request.cwd, terminal);
    // Machine-readable output stays parseable: the fix note goes to stderr.
    let (stdout, stderr) = if matches!(args.format, Format::Human | Format::Concise) {
        (note + &rendered, String::new())
    } else {
        (rendered, note)
    };
    let fails = outcome
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || (args.deny_warnings && d.severity == Severity::Warning));
    // A file that could not be fixed fails the run even with --exit-zero: it is not a finding.
    Ok(Output { stdout, code: u8::from((fails && !args.exit_zero) || fix_failed), stderr })
}

/// The width to fit the human output to: `COLUMNS`, else the terminal's, else 100.
fn width(terminal: bool) -> usize {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok());
    let measured = || terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)).filter(|_| terminal);
    columns.or_else(measured).map_or(100, |w| w.max(40))
}

/// `check`'s output in the requested format.
fn render_check(args: &CheckArgs, outcome: &CheckOutcome, cwd: &std::path::Path, terminal: bool) -> String {
    let diagnostics = &outcome.diagnostics;
    let summary = Summary::new(outcome.files, diagnostics);
    // CI tools resolve paths against the repository (the working directory), not the corpus root.
    let base =
        cwd.canonicalize().ok().and_then(|cwd| super::discover::relative(&cwd, &outcome.root)).unwrap_or_default();
    match args.format {
        Format::Human | Format::Concise if args.statistics => report::statistics::render(diagnostics, summary),
        Format::Json if args.statistics => report::statistics::render_json(diagnostics),
        Format::Human => report::human::render(
            diagnostics,
            summary,
            report::human::Style { color: terminal, width: width(terminal), base: &base },
        ),
        Format::Concise => report::concise::render(diagnostics, summary, &base),
        Format::Json => report::json::render(diagnostics, summary),
        Format::Github => report::github::render(diagnostics, &base),
        Format::Sarif => report::sarif::render(diagnostics, &base),
        Format::Junit => report::junit::render(
            &outcome.reported,
            diagnostics,
            report::junit::Options { base: &base, deny_warnings: args.deny_warnings },
        ),
    }
}
