//! The server's log: each line to standard error and to the client as
//! `window/logMessage` (shown in the editor's log or output panel).
//! Standard output carries the protocol and nothing else.

use std::io::Write;
use std::sync::{Arc, Mutex};

use crossbeam_channel::Sender;
use lsp_server::{Message, Notification};
use lsp_types::{LogMessageParams, MessageType};

/// How much to log, from `MATRIXLINT_LOG` (`error`, `warn`, `info`, `debug`; default `info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Level {
    Error,
    Warn,
    Info,
    Debug,
}

impl Level {
    fn from_env() -> Self {
        match std::env::var("MATRIXLINT_LOG").unwrap_or_default().to_ascii_lowercase().as_str() {
            "error" => Self::Error,
            "warn" | "warning" => Self::Warn,
            "debug" | "trace" => Self::Debug,
            _ => Self::Info,
        }
    }

    fn word(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warn => "warning",
            Self::Info => "info",
            Self::Debug => "debug",
        }
    }

    fn message_type(self) -> MessageType {
        match self {
            Self::Error => MessageType::ERROR,
            Self::Warn => MessageType::WARNING,
            Self::Info => MessageType::INFO,
            Self::Debug => MessageType::LOG,
        }
    }
}

/// Where log lines go besides the client: the binary passes its standard
/// error (a language server's log belongs there), so that only it writes to
/// a standard stream.
pub type LogSink = Arc<Mutex<dyn Write + Send>>;

/// Writes log lines; cheap to clone, usable from any thread.
#[derive(Clone)]
pub(crate) struct Logger {
    to_client: Sender<Message>,
    level: Level,
    sink: Option<LogSink>,
}

impl std::fmt::Debug for Logger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Logger").field("level", &self.level).field("sink", &self.sink.is_some()).finish()
    }
}

impl Logger {
    /// A logger at the level `MATRIXLINT_LOG` asks for.
    pub(super) fn new(to_client: Sender<Message>, sink: LogSink) -> Self {
        Self { to_client, level: Level::from_env(), sink: Some(sink) }
    }

    /// A logger that only sends to the client, at every level (for tests).
    #[cfg(test)]
    pub(super) fn quiet(to_client: Sender<Message>) -> Self {
        Self { to_client, level: Level::Debug, sink: None }
    }

    /// Logs `message` at `level`.
    pub(super) fn log(&self, level: Level, message: impl Into<String>) {
        if level > self.level {
            return;
        }
        let message = message.into();
        if let Some(sink) = &self.sink
            && let Ok(mut sink) = sink.lock()
        {
            let _ = writeln!(sink, "matrixlint server {}: {message}", level.word());
        }
        let params = LogMessageParams { typ: level.message_type(), message };
        // A client that is gone cannot be told; the log on stderr stays.
        let _ = self.to_client.send(Message::Notification(Notification::new("window/logMessage".to_owned(), params)));
    }

    pub(super) fn error(&self, message: impl Into<String>) {
        self.log(Level::Error, message);
    }

    pub(super) fn warn(&self, message: impl Into<String>) {
        self.log(Level::Warn, message);
    }

    pub(super) fn info(&self, message: impl Into<String>) {
        self.log(Level::Info, message);
    }

    pub(super) fn debug(&self, message: impl Into<String>) {
        self.log(Level::Debug, message);
    }
}
