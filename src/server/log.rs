//! The server's log: each line to standard error and to the client as
//! `window/logMessage` (shown in the editor's log or output panel).
//! Standard output carries the protocol and nothing else.

use std::io::Write as _;

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

/// Writes log lines; cheap to clone, usable from any thread.
#[derive(Debug, Clone)]
pub(crate) struct Logger {
    to_client: Sender<Message>,
    level: Level,
    stderr: bool,
}

impl Logger {
    /// A logger at the level `MATRIXLINT_LOG` asks for.
    pub(super) fn new(to_client: Sender<Message>) -> Self {
        Self { to_client, level: Level::from_env(), stderr: true }
    }

    /// A logger that only sends to the client, at every level (for tests).
    #[cfg(test)]
    pub(super) fn quiet(to_client: Sender<Message>) -> Self {
        Self { to_client, level: Level::Debug, stderr: false }
    }

    /// Logs `message` at `level`.
    pub(super) fn log(&self, level: Level, message: impl Into<String>) {
        if level > self.level {
            return;
        }
        let message = message.into();
        if self.stderr {
            // The one place the library writes to a standard stream: a
            // language server's log belongs on standard error.
            let _ = writeln!(std::io::stderr().lock(), "matrixlint server {}: {message}", level.word());
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
