//! What the binary's terminal is like and what the user asked of it: colour,
//! width, quiet and verbose output. Read from the environment here, in the
//! shell, and handed to the renderers as plain values.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

crate::choice::choice! {
    /// When to colour the output.
    pub enum ColorChoice {
        /// On a terminal, unless `NO_COLOR` is set; anywhere with `CLICOLOR_FORCE` or `FORCE_COLOR`.
        Auto = "auto",
        /// Always.
        Always = "always",
        /// Never.
        Never = "never",
    }
}

/// The streams the binary writes to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Streams {
    /// Standard output is a terminal.
    pub stdout_terminal: bool,
    /// Standard error is a terminal.
    pub stderr_terminal: bool,
}

/// Whether to colour a stream, given `--color` and whether the stream is a
/// terminal. `--color always|never` decides; otherwise `CLICOLOR_FORCE` or
/// `FORCE_COLOR` (set, not `0`) colour anywhere, `NO_COLOR` (set, not empty)
/// never, and a terminal does (as ruff, through the `colored` crate, decides).
#[must_use]
pub fn color(choice: ColorChoice, terminal: bool) -> bool {
    color_with(choice, terminal, |name| std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()))
}

fn color_with(choice: ColorChoice, terminal: bool, env: impl Fn(&str) -> Option<String>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let forced =
                ["CLICOLOR_FORCE", "FORCE_COLOR"].iter().any(|n| env(n).is_some_and(|v| !v.is_empty() && v != "0"));
            forced || (terminal && env("NO_COLOR").is_none_or(|v| v.is_empty()))
        }
    }
}

/// The width to fit human output to: `COLUMNS`, else the terminal's, else 100
/// (never under 40).
#[must_use]
pub fn width(terminal: bool) -> usize {
    let columns = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok());
    let measured = || terminal_size::terminal_size().map(|(w, _)| usize::from(w.0)).filter(|_| terminal);
    columns.or_else(measured).map_or(100, |w| w.max(40))
}

/// How a command should speak.
#[derive(Debug, Clone, Copy)]
pub struct Console {
    /// Colour standard output.
    pub color: bool,
    /// Standard output is a terminal.
    pub stdout_terminal: bool,
    /// Standard error is a terminal (progress bars go there).
    pub stderr_terminal: bool,
    /// Fit human output to this many columns.
    pub width: usize,
    /// `--quiet`: findings only.
    pub quiet: bool,
    /// `--verbose`: say what was loaded and how long it took.
    pub verbose: bool,
}

impl Console {
    /// The console for `--color`, `--quiet` and `--verbose` on `streams`.
    #[must_use]
    pub fn new(choice: ColorChoice, quiet: bool, verbose: bool, streams: Streams) -> Self {
        Self {
            color: color(choice, streams.stdout_terminal),
            stdout_terminal: streams.stdout_terminal,
            stderr_terminal: streams.stderr_terminal,
            width: width(streams.stdout_terminal),
            quiet,
            verbose,
        }
    }
}

/// `--verbose` notes, for standard error.
#[derive(Debug)]
pub struct Log {
    on: bool,
    text: String,
}

impl Log {
    /// A log that records only when `on`.
    #[must_use]
    pub fn new(on: bool) -> Self {
        Self { on, text: String::new() }
    }

    /// Records a note.
    pub fn note(&mut self, note: impl std::fmt::Display) {
        if self.on {
            let _ = writeln!(self.text, "matrixlint: {note}");
        }
    }

    /// Records a step and how long it took since `started`.
    pub fn step(&mut self, what: impl std::fmt::Display, started: Instant) {
        self.note(format_args!("{what} in {}", millis(started.elapsed())));
    }

    /// The notes recorded.
    #[must_use]
    pub fn into_text(self) -> String {
        self.text
    }
}

fn millis(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn colour_follows_the_flag_then_the_environment_then_the_terminal() {
        assert!(color_with(ColorChoice::Auto, true, env(&[])));
        assert!(!color_with(ColorChoice::Auto, false, env(&[])));
        assert!(!color_with(ColorChoice::Auto, true, env(&[("NO_COLOR", "1")])));
        assert!(color_with(ColorChoice::Auto, true, env(&[("NO_COLOR", "")])), "an empty NO_COLOR is unset");
        assert!(color_with(ColorChoice::Auto, false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(color_with(ColorChoice::Auto, false, env(&[("FORCE_COLOR", "true")])));
        assert!(!color_with(ColorChoice::Auto, false, env(&[("FORCE_COLOR", "0")])));
        assert!(color_with(ColorChoice::Auto, true, env(&[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")])));
        assert!(color_with(ColorChoice::Always, false, env(&[("NO_COLOR", "1")])));
        assert!(!color_with(ColorChoice::Never, true, env(&[("CLICOLOR_FORCE", "1")])));
    }

    #[test]
    fn a_quiet_log_records_nothing() {
        let mut log = Log::new(false);
        log.note("corpus root /x");
        assert_eq!(log.into_text(), "");
        let mut log = Log::new(true);
        log.note("corpus root /x");
        assert_eq!(log.into_text(), "matrixlint: corpus root /x\n");
    }
}
