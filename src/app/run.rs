//! The commands that check: from plain options (the binary maps its
//! command line onto them) to a rendered output and an exit code.

use std::path::PathBuf;

use crate::choice::Choice as _;
use crate::diagnostic::Severity;
use crate::report::visible;
use crate::report::{self, Format, Summary};

use super::check::{CheckOutcome, CheckRequest, Stdin, check};
use super::console::{Console, Log};
use super::{AppError, RuleFilter};

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

impl Output {
    /// Text for standard output, exit code 0.
    #[must_use]
    pub fn text(stdout: String) -> Self {
        Self { stdout, stderr: String::new(), code: 0 }
    }

    /// Without its standard output when `quiet` (it held notes only).
    #[must_use]
    pub fn unless(mut self, quiet: bool) -> Self {
        if quiet {
            self.stdout.clear();
        }
        self
    }
}

/// Where the corpus is, and the date it is checked on.
#[derive(Debug, Clone, Default)]
pub struct CorpusOptions {
    /// `--root`.
    pub root: Option<PathBuf>,
    /// `--today` (default: the system's date).
    pub today: Option<jiff::civil::Date>,
    /// `--config`.
    pub config: Option<PathBuf>,
}

/// What `matrixlint check` was asked.
#[derive(Debug, Clone)]
pub struct CheckOptions {
    /// Files or folders to report on (`-`: standard input).
    pub paths: Vec<PathBuf>,
    /// The output format.
    pub format: Format,
    /// Warnings fail the run too.
    pub deny_warnings: bool,
    /// Counts per rule instead of the findings.
    pub statistics: bool,
    /// Exit 0 whatever the findings.
    pub exit_zero: bool,
    /// Write the certain fixes.
    pub fix: bool,
    /// Show the fixes as a diff.
    pub diff: bool,
    /// `--select`: only these rules.
    pub select: Vec<String>,
    /// `--ignore`: not these rules.
    pub ignore: Vec<String>,
    /// The file standard input stands for.
    pub stdin_filename: Option<PathBuf>,
    /// `--no-cache`: neither read nor write the corpus cache.
    pub no_cache: bool,
    /// Where the corpus is.
    pub corpus: CorpusOptions,
}

/// `matrixlint import`: its output, or why it could not run.
///
/// # Errors
/// When nothing could be imported.
pub fn import_command(
    request: &super::import::ImportRequest,
    quiet: bool,
) -> Result<Output, super::import::ImportRunError> {
    let outcome = super::import::import(request)?;
    let output = Output { stdout: outcome.stdout, stderr: outcome.stderr, code: outcome.code };
    // With --out-dir, what import prints is notes only.
    Ok(output.unless(quiet && request.out_dir.is_some()))
}

pub(super) fn today(given: Option<jiff::civil::Date>) -> jiff::civil::Date {
    given.unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}

/// `matrixlint check`: the findings rendered, and the exit code.
///
/// # Errors
/// When the run cannot happen (exit code 2).
pub fn check_command(args: &CheckOptions, console: Console) -> Result<Output, AppError> {
    let cwd = super::working_dir()?;
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        return Err(AppError::Usage(format!(
            "--statistics works with --format human, concise or json, not {}",
            args.format.name()
        )));
    }
    let request = CheckRequest {
        root: args.corpus.root.clone(),
        config: args.corpus.config.clone(),
        paths: args.paths.iter().filter(|p| p.as_os_str() != "-").cloned().collect(),
        filter: RuleFilter::new(&args.select, &args.ignore)?,
        stdin: read_stdin(args)?,
        cache: !args.no_cache,
        ..CheckRequest::new(cwd, today(args.corpus.today))
    };
    let (outcome, note, fix_failed, fixed_stdin) = match (args.fix, args.diff) {
        (false, false) => (check(&request)?, String::new(), false, None),
        _ => {
            let mode = if args.diff { super::fix::Mode::Diff } else { super::fix::Mode::Write };
            let run = super::fix::run(&request, mode)?;
            (run.outcome, run.note, run.failed, run.fixed_stdin)
        }
    };
    // The cache's warning is shown even with --quiet: a cache that is never used slows every run.
    let warnings: String = outcome.warnings.iter().map(|w| format!("warning: {}\n", visible::one_line(w))).collect();
    let log = warnings + &verbose_notes(console.verbose, &outcome);
    if args.diff {
        // Like `ruff --diff`: the diff alone; exit 1 when there is something to fix.
        let code = u8::from(!note.is_empty() && !args.exit_zero);
        return Ok(Output { stdout: note, code, stderr: log });
    }
    let mut rendered = render_check(args, &outcome, &request.cwd, console);
    let note = if console.quiet { String::new() } else { note };
    let fails = outcome
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error || (args.deny_warnings && d.severity == Severity::Warning));
    // A file that could not be fixed fails the run even with --exit-zero: it is not a finding.
    let code = u8::from((fails && !args.exit_zero) || fix_failed);
    if let Some(fixed) = fixed_stdin {
        // As `ruff check --fix -`: the fixed text on stdout, what is left on stderr.
        return Ok(Output { stdout: fixed, code, stderr: log + &rendered });
    }
    if console.quiet && matches!(args.format, Format::Human | Format::Concise) {
        let summary = report::human::summary_line(Summary::new(outcome.files, &outcome.diagnostics));
        rendered.truncate(rendered.strip_suffix(summary.as_str()).map_or(rendered.len(), str::len));
    }
    // Machine-readable output stays parseable: the fix note goes to stderr.
    let (stdout, stderr) = if matches!(args.format, Format::Human | Format::Concise) {
        (note + &rendered, log)
    } else {
        (rendered, log + &note)
    };
    Ok(Output { stdout, code, stderr })
}

/// Standard input, when `check` was asked to read it (`-` or `--stdin-filename`).
fn read_stdin(args: &CheckOptions) -> Result<Option<Stdin>, AppError> {
    let dash = args.paths.iter().any(|p| p.as_os_str() == "-");
    let Some(path) = args.stdin_filename.clone() else {
        return if dash {
            Err(AppError::Usage(
                "checking standard input (`-`) needs `--stdin-filename PATH`: the file it stands for".into(),
            ))
        } else {
            Ok(None)
        };
    };
    if args.paths.iter().any(|p| p.as_os_str() != "-") {
        return Err(AppError::Usage("with `--stdin-filename`, name no other path (or only `-`)".into()));
    }
    let limit = matrixlint_workspace::MAX_FILE_BYTES;
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut std::io::Read::take(std::io::stdin().lock(), limit + 1), &mut bytes)
        .map_err(|source| AppError::Io { what: "read standard input", source })?;
    if bytes.len() as u64 > limit {
        return Err(AppError::Usage(format!(
            "standard input is larger than the {} MiB limit for a cell source",
            limit >> 20
        )));
    }
    Ok(Some(Stdin { path, bytes }))
}

/// What `--verbose` says about a check.
fn verbose_notes(on: bool, outcome: &CheckOutcome) -> String {
    let mut log = Log::new(on);
    let stats = &outcome.stats;
    log.note(format_args!("corpus root {}", outcome.root.display()));
    match stats.config_files.split_last() {
        None => log.note("no matrixlint.yaml: the default configuration"),
        Some((main, bases)) => {
            let bases: Vec<String> = bases.iter().rev().map(|b| b.display().to_string()).collect();
            let extends =
                if bases.is_empty() { String::new() } else { format!(", extending {}", bases.join(", then ")) };
            log.note(format_args!("configuration {}{extends}", main.display()));
        }
    }
    log.note(format_args!(
        "{} cell source{} match {}; reporting on {}",
        stats.corpus_files,
        if stats.corpus_files == 1 { "" } else { "s" },
        stats.globs.iter().map(|g| format!("`{g}`")).collect::<Vec<_>>().join(", "),
        outcome.files
    ));
    log.note(format_args!("read, parsed and indexed {} files in {:.1} ms", stats.corpus_files, ms(stats.load)));
    log.note(format_args!("checked {} files in {:.1} ms", outcome.files, ms(stats.check)));
    log.into_text()
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `check`'s output in the requested format.
fn render_check(args: &CheckOptions, outcome: &CheckOutcome, cwd: &std::path::Path, console: Console) -> String {
    let diagnostics = &outcome.diagnostics;
    let summary = Summary::new(outcome.files, diagnostics);
    let names = super::names(cwd, &outcome.root);
    let base = names.repo_base();
    match args.format {
        Format::Human | Format::Concise if args.statistics => report::statistics::render(diagnostics, summary),
        Format::Json if args.statistics => report::statistics::render_json(diagnostics),
        Format::Human => report::human::render(
            diagnostics,
            summary,
            report::human::Style { color: console.color, width: console.width, names: &names },
        ),
        Format::Concise => report::concise::render(diagnostics, summary, &names),
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
