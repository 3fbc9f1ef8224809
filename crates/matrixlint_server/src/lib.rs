//! `matrixlint server`: the language server, over standard input and output.
//!
//! The engine (`matrixlint_engine::lint`) lints editors' buffers against the
//! corpus index (`matrixlint_engine::index`), in which open buffers stand for
//! their files; `matrixlint_workspace` finds the roots and reads the cells on
//! disk.
//! The layout follows ruff's server: a synchronous main loop owns the
//! session (`session/`: open documents, and the corpus roots with their
//! configuration), worker threads (`schedule.rs`) lint and answer requests
//! on snapshots of it, one file per request or notification kind under
//! `api/`, and `position.rs` converts between byte offsets and the
//! negotiated position encoding ([`Positions`]).
//!
//! Logging goes to standard error and to the client's `window/logMessage`;
//! standard output carries the protocol and nothing else.
//!
//! # The public API
//! What the binary needs to serve an editor, and nothing internal:
//! [`run`] with its [`Options`] over the [`Stdio`] streams it is given (the
//! log a [`LogSink`]), stopping with a [`ServerError`] only when the editor's
//! connection fails (tests hold corpus loads with a [`LoadHook`]; from
//! [`LINT_BEFORE_INDEX_FROM`] cell sources, open files are linted before the
//! index is complete); and [`Encoding`] with [`Positions`], the conversion
//! between byte offsets and the protocol's positions, for tools that check
//! the server's positions against `check`'s.

#![warn(missing_docs)]

mod api;
mod capabilities;
mod cells;
mod client;
mod convert;
mod framing;
mod heap;
mod history;
mod inspect;
mod lint;
mod log;
mod main_loop;
mod position;
mod schedule;
mod session;
mod suppress;
mod sync;
mod tiers;
mod transport;

// The engine's and the other crates' modules under the names this crate's files use.
use matrixlint_engine::{cell, config, diagnostic, index, markdown, registry, rules, source};
use matrixlint_evidence as evidence;
use matrixlint_links as links;
use matrixlint_workspace::files;

pub use log::LogSink;
pub use position::{Encoding, Positions};

/// From how many cell sources a corpus's open files are linted before its
/// index is complete (against what is known: no cell is reported missing
/// meanwhile), and again when it is. A smaller corpus is indexed in about the
/// time one lint takes: its files are linted once, against the whole index.
pub const LINT_BEFORE_INDEX_FROM: usize = 200;

/// What the binary passes to the server.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The date years are compared with (`--today`); the system's date when unset.
    pub today: Option<jiff::civil::Date>,
    /// Called by each corpus load between reading the configuration and
    /// indexing the cells (none for the binary).
    pub before_index: Option<LoadHook>,
}

/// A function a corpus load calls, on its own thread, with the corpus root,
/// once its configuration is read and before its cells are indexed: tests
/// hold a load there, with a barrier they release, to see what the server
/// does meanwhile.
#[derive(Clone)]
pub struct LoadHook(pub std::sync::Arc<dyn Fn(&std::path::Path) + Send + Sync>);

impl std::fmt::Debug for LoadHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LoadHook")
    }
}

/// Why the server stopped abnormally.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum ServerError {
    /// Standard input or output failed.
    #[error("the connection to the editor failed: {0}")]
    #[diagnostic(code(matrixlint::server))]
    Io(#[from] std::io::Error),
}

/// The streams the server talks over. The binary passes its standard input
/// and output (the protocol) and its standard error (the log): the library
/// never opens a standard stream itself.
pub struct Stdio {
    /// The client's messages.
    pub input: Box<dyn std::io::Read + Send>,
    /// Messages to the client, and nothing else.
    pub output: Box<dyn std::io::Write + Send>,
    /// The log, besides the client's `window/logMessage`.
    pub log: LogSink,
}

/// Runs the server over `stdio` until the client says
/// `exit` or closes the connection. Returns the exit code: 0 after
/// `shutdown` then `exit`, 1 when the client left without `shutdown` or its
/// input broke off inside a message.
///
/// # Errors
/// When standard output cannot be written.
pub fn run(options: Options, stdio: Stdio) -> Result<u8, ServerError> {
    let today = options.today.unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let (connection, threads) = transport::stdio(stdio);
    let code = main_loop::Server::new(connection, today, options.before_index).run();
    threads.join()?;
    Ok(code)
}
