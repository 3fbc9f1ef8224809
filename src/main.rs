//! The `matrixlint` binary: parse arguments, run, write, exit.
//! Exit codes: 0 clean, 1 findings that fail the run, 2 the run could not happen.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

fn main() -> ExitCode {
    // Errors on a pipe or in a CI log are not wrapped to a guessed width.
    if !std::io::IsTerminal::is_terminal(&std::io::stderr()) {
        let _ = miette::set_hook(Box::new(|_| Box::new(miette::MietteHandlerOpts::new().wrap_lines(false).build())));
    }
    let cli = matrixlint::cli::Cli::parse();
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    match matrixlint::app::run(cli, terminal) {
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
            #[allow(clippy::print_stderr)]
            {
                eprintln!("{report:?}");
            }
            ExitCode::from(2)
        }
    }
}
