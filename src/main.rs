//! The `matrixlint` binary: parse arguments, run, write, exit.
//! Exit codes: 0 clean, 1 findings that fail the run, 2 the run could not happen.

mod cli;

use std::io::{IsTerminal as _, Write as _};
use std::process::ExitCode;
use std::sync::Arc;

use clap::{CommandFactory as _, Parser as _};
use cli::{Cli, Command};
use matrixlint::app::console::{self, Console, Streams};
use matrixlint::app::links::LinksEnv;
use matrixlint::app::{self, AppError, Output, info};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let streams =
        Streams { stdout_terminal: std::io::stdout().is_terminal(), stderr_terminal: std::io::stderr().is_terminal() };
    let color = console::color(cli.global.color, streams.stderr_terminal);
    // Errors on a pipe or in a CI log are not wrapped to a guessed width.
    let handler = move || {
        miette::MietteHandlerOpts::new()
            .color(color)
            .wrap_lines(streams.stderr_terminal)
            .word_separator(matrixlint::report::wrap::separator())
            .word_splitter(matrixlint::report::wrap::splitter())
            .break_words(false)
            .build()
    };
    let _ = miette::set_hook(Box::new(move |_| Box::new(handler())));
    let verbose = cli.global.verbose;
    match run(cli, streams) {
        Ok(output) => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = stdout.write_all(output.stdout.as_bytes()).and_then(|()| stdout.flush());
            if !output.stderr.is_empty() {
                let mut stderr = std::io::stderr().lock();
                let _ = stderr.write_all(output.stderr.as_bytes()).and_then(|()| stderr.flush());
            }
            ExitCode::from(output.code)
        }
        Err(report) => {
            let problems = report.downcast_ref::<AppError>().map_or(&[][..], AppError::config_problems);
            let handler = handler();
            #[allow(clippy::print_stderr)]
            if problems.is_empty() {
                eprintln!("{}", cli::fatal::render(&handler, report.as_ref(), verbose));
            } else {
                // Each problem as a report of its own, then what it means for the run.
                for problem in problems {
                    eprintln!("{}", cli::fatal::render(&handler, problem, verbose));
                }
                eprintln!("matrixlint: {report}");
            }
            ExitCode::from(2)
        }
    }
}

/// Runs one command.
fn run(cli: Cli, streams: Streams) -> miette::Result<Output> {
    let g = cli.global;
    let console = Console::new(g.color, g.quiet, g.verbose, streams);
    match cli.command {
        Command::Check(args) => Ok(app::check_command(&args.into(), console)?),
        Command::Links(args) => {
            // The bar goes to standard error, whatever the format on standard output.
            let mut env = LinksEnv::default();
            if streams.stderr_terminal && !g.quiet {
                env.progress = Arc::new(cli::Bar::new());
            }
            Ok(app::links::run(&args.into(), console, env)?)
        }
        Command::Evidence(args) => {
            let mut env = LinksEnv::default();
            if let Some(today) = args.corpus.today {
                env.now = jiff::tz::TimeZone::UTC
                    .to_timestamp(today.to_datetime(jiff::civil::Time::midnight()))
                    .unwrap_or(env.now);
            }
            Ok(app::evidence::run(&args.into(), console, env)?)
        }
        Command::Rules(args) => Ok(Output::text(info::rules(args.json))),
        Command::Explain(args) => Ok(info::explain(&args.rule)?),
        Command::Schema(args) => Ok(Output::text(info::schema(args.kind))),
        Command::Config(args) => Ok(info::config(&args.corpus.into())?),
        // With --quiet, what `init` prints is notes only.
        Command::Init(args) => Ok(app::init::run(&args.dir)?.unless(g.quiet)),
        Command::Import(args) => Ok(app::import_command(&args.into(), g.quiet)?),
        Command::Completions(args) => {
            let mut script = Vec::new();
            clap_complete::generate(args.shell, &mut Cli::command(), "matrixlint", &mut script);
            Ok(Output::text(String::from_utf8_lossy(&script).into_owned()))
        }
        #[cfg(feature = "generate")]
        Command::Generate(args) => generate(&args.out_dir),
        // Standard output carries the protocol; the server writes nothing else there.
        Command::Server(args) => {
            let stdio = matrixlint_server::Stdio {
                input: Box::new(std::io::stdin()),
                output: Box::new(std::io::stdout()),
                log: std::sync::Arc::new(std::sync::Mutex::new(std::io::stderr())),
            };
            let code =
                matrixlint_server::run(matrixlint_server::Options { today: args.today, ..Default::default() }, stdio)?;
            Ok(Output { stdout: String::new(), stderr: String::new(), code })
        }
    }
}

/// Writes every generated page under `dir`, and lists them.
#[cfg(feature = "generate")]
fn generate(dir: &std::path::Path) -> miette::Result<Output> {
    let mut listing = String::new();
    for page in cli::generate::pages() {
        let path = dir.join(&page.path);
        let written =
            path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&path, &page.text));
        written.map_err(|e| miette::miette!("cannot write {}: {e}", path.display()))?;
        listing.push_str(&format!("{}\n", page.path.display()));
    }
    Ok(Output::text(listing))
}
