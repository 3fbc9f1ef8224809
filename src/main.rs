//! The `matrixlint` binary: parse arguments, run, write, exit.
//! Exit codes: 0 clean, 1 findings that fail the run, 2 the run could not happen.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    let cli = matrixlint::cli::Cli::parse();
    let streams = matrixlint::app::console::Streams {
        stdout_terminal: std::io::IsTerminal::is_terminal(&std::io::stdout()),
        stderr_terminal: std::io::IsTerminal::is_terminal(&std::io::stderr()),
    };
    let color = matrixlint::app::console::color(cli.global.color, streams.stderr_terminal);
    let _ = miette::set_hook(Box::new(move |_| {
        // Errors on a pipe or in a CI log are not wrapped to a guessed width.
        Box::new(miette::MietteHandlerOpts::new().color(color).wrap_lines(streams.stderr_terminal).build())
    }));
    match matrixlint::app::run(cli, streams) {
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
            let problems = report.downcast_ref::<matrixlint::app::AppError>().map_or(&[][..], |e| e.config_problems());
            #[allow(clippy::print_stderr)]
            if problems.is_empty() {
                eprintln!("{report:?}");
            } else {
                // Each problem as a report of its own, then what it means for the run.
                for problem in problems {
                    eprintln!("{:?}", miette::Report::new(problem.clone()));
                }
                eprintln!("matrixlint: {report}");
            }
            ExitCode::from(2)
        }
    }
}
