//! `matrixlint evidence` as a command: options in, a rendered report out.

use std::path::PathBuf;

use super::super::console::{Console, Log};
use super::super::links::LinksEnv;
use super::super::run::CorpusOptions;
use super::super::{AppError, Output};
use super::{EvidenceError, EvidenceRequest, dump, evidence};
use crate::report::evidence::{EvidenceFormat, View, dump as dump_report, html, render};

/// What `matrixlint evidence` was asked.
#[derive(Debug, Clone)]
pub struct EvidenceOptions {
    /// Files or folders whose entries to audit (empty: all).
    pub paths: Vec<PathBuf>,
    /// The output format.
    pub format: EvidenceFormat,
    /// Ask again even what is cached.
    pub refresh: bool,
    /// Allow requests to loopback, private and link-local addresses.
    pub allow_private: bool,
    /// The history database instead of the configured one.
    pub history: Option<PathBuf>,
    /// Send no request: list every entry's identifiers.
    pub dump: bool,
    /// Apply the `superseded` fixes.
    pub fix: bool,
    /// Also write the HTML report here.
    pub html: Option<PathBuf>,
    /// Where the corpus is.
    pub corpus: CorpusOptions,
}

/// `matrixlint evidence`: the audit rendered, and the exit code.
///
/// # Errors
/// When the audit cannot happen (exit code 2).
pub fn run(args: &EvidenceOptions, console: Console, env: LinksEnv) -> Result<Output, EvidenceError> {
    let cwd = super::super::working_dir()?;
    let request = EvidenceRequest {
        cwd: cwd.clone(),
        root: args.corpus.root.clone(),
        config: args.corpus.config.clone(),
        paths: args.paths.clone(),
        refresh: args.refresh,
        allow_private: args.allow_private,
        history: args.history.clone(),
        fix: args.fix,
    };
    if args.dump {
        let listed = [EvidenceFormat::Human, EvidenceFormat::Concise, EvidenceFormat::Json, EvidenceFormat::Markdown];
        if !listed.contains(&args.format) {
            return Err(AppError::Usage("--dump prints the human, concise, json or markdown format".into()).into());
        }
        let (entries, files, root) = dump(&request, &env)?;
        let names = super::super::names(&cwd, &root);
        return Ok(Output {
            stdout: dump_report::render(&entries, files, args.format, &names),
            code: 0,
            stderr: String::new(),
        });
    }
    let started = std::time::Instant::now();
    let report = evidence(&request, env)?;
    let names = super::super::names(&cwd, &report.root);
    let base = names.repo_base();
    let view = View { audit: &report.audit, diagnostics: &report.diagnostics, files: report.files };
    if let Some(path) = &args.html {
        crate::files::write_atomically(&cwd.join(path), html::render(&view, &base).as_bytes())
            .map_err(|source| EvidenceError::Write { what: "the HTML report".into(), source })?;
    }
    let mut stdout = render(&view, args.format, &base, &names, console.color, console.width);
    if !report.fixed.is_empty() && matches!(args.format, EvidenceFormat::Human | EvidenceFormat::Concise) {
        stdout = format!("fixed {}\n{stdout}", report.fixed.join("\nfixed "));
    }
    let mut log = Log::new(console.verbose);
    log.note(format_args!("corpus root {}", report.root.display()));
    log.note(format_args!("audited in {:.1} ms", started.elapsed().as_secs_f64() * 1000.0));
    Ok(Output { stdout, code: u8::from(view.fails()), stderr: log.into_text() })
}
