//! `matrixlint links` as a command: options in, a rendered report out.

use std::path::PathBuf;

use super::super::console::{Console, Log};
use super::super::run::CorpusOptions;
use super::super::{AppError, Output};
use super::{LinksEnv, LinksError, LinksRequest, dump, links_with, plan};
use crate::links::audit::failing;
use crate::report::links::{LinksFormat, html, plan as plan_report, render};

/// What `matrixlint links` was asked.
#[derive(Debug, Clone)]
pub struct LinksOptions {
    /// Files or folders whose links to audit (empty: all).
    pub paths: Vec<PathBuf>,
    /// The output format.
    pub format: LinksFormat,
    /// Fetch even what succeeded within `links.max-age-hours`.
    pub no_cache: bool,
    /// Allow requests to loopback, private and link-local addresses.
    pub allow_private: bool,
    /// The history database instead of the configured one.
    pub history: Option<PathBuf>,
    /// Send no request: report what the audit would do.
    pub offline: bool,
    /// Send no request: list every URL with its places.
    pub dump: bool,
    /// Look up archived copies of dead and newly broken links.
    pub suggest: bool,
    /// Also write the HTML report here.
    pub html: Option<PathBuf>,
    /// Exit 0 even when dead links or files that cannot be read or parsed
    /// fail the run (a run that cannot happen, or cannot use its history, still exits 2).
    pub exit_zero: bool,
    /// Where the corpus is.
    pub corpus: CorpusOptions,
}

/// `matrixlint links`: the audit rendered, and the exit code.
///
/// # Errors
/// When the audit cannot happen (exit code 2).
pub fn run(args: &LinksOptions, console: Console, env: LinksEnv) -> Result<Output, LinksError> {
    let cwd = super::super::working_dir()?;
    let request = LinksRequest {
        cwd: cwd.clone(),
        root: args.corpus.root.clone(),
        config: args.corpus.config.clone(),
        paths: args.paths.clone(),
        no_cache: args.no_cache,
        allow_private: args.allow_private,
        history: args.history.clone(),
        suggest: args.suggest,
    };
    let base_of = |root: &std::path::Path| super::super::names(&cwd, root).repo_base();
    if args.dump || args.offline {
        if !matches!(args.format, LinksFormat::Human | LinksFormat::Concise | LinksFormat::Json) {
            let option = if args.dump { "--dump" } else { "--offline" };
            return Err(AppError::Usage(format!("{option} prints the human, concise or json format")).into());
        }
        let (stdout, fails) = if args.dump {
            let (listed, root) = dump(&request, &env)?;
            let names = super::super::names(&cwd, &root);
            (plan_report::dump(&listed, args.format, &base_of(&root), &names), failing(&listed.problems))
        } else {
            let (plan, root) = plan(&request, &env)?;
            let names = super::super::names(&cwd, &root);
            (plan_report::offline(&plan, args.format, &base_of(&root), &names), failing(&plan.problems))
        };
        return Ok(Output { stdout, code: u8::from(fails && !args.exit_zero), stderr: String::new() });
    }
    let started = std::time::Instant::now();
    let wants_html = args.html.is_some() || matches!(args.format, LinksFormat::Html);
    // Rendered while the audit is recorded (see `record`): the HTML page for
    // `--html`, and what goes to standard output.
    let show = |audit: &crate::links::audit::Audit, root: &std::path::Path, evidence: Option<&_>| {
        let base = base_of(root);
        let page = args.html.as_ref().map(|_| html::render_with(audit, &base, evidence));
        let stdout = match args.format {
            LinksFormat::Html => html::render_with(audit, &base, evidence),
            format => render(audit, format, &base, &super::super::names(&cwd, root), console.color),
        };
        (page, stdout)
    };
    let (audit, root, (page, mut stdout)) = links_with(&request, env, wants_html, show)?;
    let log = verbose_notes(console.verbose, &audit, &root, started.elapsed());
    if let (Some(path), Some(page)) = (&args.html, page) {
        crate::files::write_atomically(&cwd.join(path), page.as_bytes())
            .map_err(|source| LinksError::Write { source })?;
    }
    if console.quiet && matches!(args.format, LinksFormat::Human | LinksFormat::Concise) {
        // --quiet: the findings only, as with `check`.
        let summary = crate::report::links::summary_line(&audit);
        stdout.truncate(stdout.strip_suffix(summary.as_str()).map_or(stdout.len(), str::len));
    }
    let (code, stderr) = match &audit.history_error {
        // Without the history every audit is a first audit and no link can
        // become dead: a scheduled audit must not pass like this forever.
        Some(why) => (
            2,
            format!(
                "{log}error: the link history could not be used: {why}\n  = every link was checked as if for the first time, so none can be reported dead; fix or move the history (--history, links.history) and run the audit again\n"
            ),
        ),
        None => (u8::from(audit.fails() && !args.exit_zero), log),
    };
    super::super::dispose::drop_later(audit);
    Ok(Output { stdout, code, stderr })
}

/// What `--verbose` says about an audit.
fn verbose_notes(
    on: bool,
    audit: &crate::links::audit::Audit,
    root: &std::path::Path,
    took: std::time::Duration,
) -> String {
    let mut log = Log::new(on);
    log.note(format_args!("corpus root {}", root.display()));
    let places: usize = audit.results.iter().map(|r| r.target.places.len()).sum();
    log.note(format_args!("{} links in {places} places in {} files", audit.results.len(), audit.files));
    let history = if audit.history { "the link history was read and this audit recorded" } else { "no link history" };
    log.note(history);
    log.note(format_args!("audited in {:.1} ms", took.as_secs_f64() * 1000.0));
    log.into_text()
}
