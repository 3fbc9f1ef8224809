//! An editor in the test's process: it runs `matrixlint_server::run` on a
//! thread over two pipes, writes the protocol's messages to it and reads
//! its answers with a deadline (never a blind sleep).

use std::io::{BufReader, PipeReader, Write as _};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use lsp_server::{Message, Notification, Request, RequestId, Response};
use matrixlint_server::{Options, ServerError, Stdio};
use serde_json::{Value, json};

/// How long any single wait may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(30);

/// A corpus in a temporary folder (canonical paths: the server reports real paths).
pub(crate) struct TempCorpus {
    _dir: tempfile::TempDir,
    /// The corpus root.
    pub root: PathBuf,
}

impl TempCorpus {
    /// A corpus whose `matrixlint.yaml` is `config`.
    pub(crate) fn new(config: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap().join("corpus");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("matrixlint.yaml"), config).unwrap();
        Self { _dir: dir, root }
    }

    /// Writes `text` at `rel` under the root; returns the path.
    pub(crate) fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }
}

/// A corpus holding `text` as `cells/drug/B2.yaml`, and a server on it with
/// that file open at version 1 (its diagnostics not waited for); the file's URI.
pub(crate) fn open_cell(text: &str) -> (TempCorpus, Client, String) {
    let corpus = TempCorpus::new("cells: [\"cells/**/*.yaml\"]\n");
    let uri = uri(&corpus.write("cells/drug/B2.yaml", text));
    let mut client = Client::start();
    client.initialize(&corpus.root);
    let document = json!({ "uri": uri, "languageId": "yaml", "version": 1, "text": text });
    client.notify("textDocument/didOpen", json!({ "textDocument": document }));
    (corpus, client, uri)
}

/// The `file:` URI of a path.
pub(crate) fn uri(path: &Path) -> String {
    url::Url::from_file_path(path).unwrap().to_string()
}

/// A running server and the editor's ends of its pipes.
pub(crate) struct Client {
    /// What the editor writes; `None` once closed.
    to_server: Option<std::io::PipeWriter>,
    from_server: Receiver<Message>,
    /// What `run` returned, once it has.
    stopped: Receiver<Result<u8, ServerError>>,
    /// The server's log (its standard error in the binary).
    pub log: Arc<Mutex<Vec<u8>>>,
    next_id: i32,
    /// Notifications read while waiting for something else.
    pub inbox: Vec<Notification>,
}

impl Client {
    /// Starts a server that treats 2026-06-15 as today.
    pub(crate) fn start() -> Self {
        let (server_in, to_server) = std::io::pipe().unwrap();
        let (from_server, server_out) = std::io::pipe().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let stdio = Stdio { input: Box::new(server_in), output: Box::new(server_out), log: log.clone() };
        let options = Options { today: Some(jiff::civil::date(2026, 6, 15)), ..Options::default() };
        let (returned, stopped) = std::sync::mpsc::channel();
        std::thread::spawn(move || returned.send(matrixlint_server::run(options, stdio)));
        Self {
            to_server: Some(to_server),
            from_server: read_messages(from_server),
            stopped,
            log,
            next_id: 0,
            inbox: Vec::new(),
        }
    }

    fn send(&mut self, message: Message) {
        let writer = self.to_server.as_mut().expect("the input is open");
        message.write(writer).unwrap();
        writer.flush().unwrap();
    }

    /// Sends a notification.
    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(Message::Notification(Notification::new(method.to_owned(), params)));
    }

    /// Sends a request and waits for its answer (answering the server's own
    /// requests and keeping its notifications meanwhile).
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Response {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Message::Request(Request::new(id.clone(), method.to_owned(), params)));
        loop {
            match self.next_message() {
                Message::Response(r) if r.id == id => return r,
                Message::Response(r) => panic!("an answer to a request not sent: {r:?}"),
                Message::Notification(n) => self.inbox.push(n),
                Message::Request(r) => self.answer(r),
            }
        }
    }

    /// `matrixlint/sync`: answered once every lint and corpus load scheduled
    /// before it is done, so every publication they make is in the inbox
    /// then (a barrier before a "nothing else was published" check).
    pub(crate) fn sync(&mut self) {
        let response = self.request("matrixlint/sync", Value::Null);
        assert_eq!(response.response_result.map_err(|e| e.message), Ok(Value::Null), "sync answers null");
    }

    /// The publications for `uri` in the inbox (received, not taken yet).
    pub(crate) fn published(&self, uri: &str) -> Vec<&Value> {
        self.inbox.iter().filter(|n| is_published(n, uri)).map(|n| &n.params).collect()
    }

    /// `initialize` (UTF-8 positions, `folder` the one workspace folder) then `initialized`.
    pub(crate) fn initialize(&mut self, folder: &Path) -> Value {
        let params = json!({
            "processId": null,
            "capabilities": { "general": { "positionEncodings": ["utf-8"] } },
            "workspaceFolders": [{ "uri": uri(folder), "name": "corpus" }],
        });
        let result = self.request("initialize", params).response_result.expect("initialize succeeds");
        self.notify("initialized", json!({}));
        result
    }

    /// The next `textDocument/publishDiagnostics` for `uri` that `wanted`
    /// accepts (earlier ones for it are passed over; others are kept).
    pub(crate) fn diagnostics_where(&mut self, uri: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let kept = self.inbox.iter().position(|n| is_published(n, uri) && wanted(&n.params));
            if let Some(i) = kept {
                return self.inbox.remove(i).params;
            }
            self.inbox.retain(|n| !is_published(n, uri));
            match self.next_message() {
                Message::Notification(n) => self.inbox.push(n),
                Message::Request(r) => self.answer(r),
                Message::Response(r) => panic!("an answer to a request not sent: {r:?}"),
            }
        }
    }

    /// Sends `shutdown` (its answer must be null) and `exit`; returns the server's exit code.
    pub(crate) fn shutdown(mut self) -> u8 {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response.response_result.map_err(|e| e.message), Ok(Value::Null));
        self.notify("exit", Value::Null);
        self.finish()
    }

    /// Closes the editor's end of the input and waits for the server to stop.
    pub(crate) fn finish(mut self) -> u8 {
        // The server's output is read on a thread of its own, so the server
        // never blocks writing while it winds down.
        self.to_server = None;
        match self.stopped.recv_timeout(DEADLINE) {
            Ok(returned) => returned.expect("the connection did not fail"),
            Err(e) => panic!("the server did not stop ({e}); log:\n{}", self.log()),
        }
    }

    fn answer(&mut self, request: Request) {
        self.send(Message::Response(Response::new_ok(request.id, Value::Null)));
    }

    fn next_message(&mut self) -> Message {
        match self.from_server.recv_timeout(DEADLINE) {
            Ok(message) => message,
            Err(RecvTimeoutError::Timeout) => panic!("nothing from the server in {DEADLINE:?}; log:\n{}", self.log()),
            Err(RecvTimeoutError::Disconnected) => panic!("the server closed its output; log:\n{}", self.log()),
        }
    }

    /// The server's log so far.
    pub(crate) fn log(&self) -> String {
        String::from_utf8_lossy(&self.log.lock().unwrap()).into_owned()
    }
}

fn is_published(n: &Notification, uri: &str) -> bool {
    n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri
}

/// The server's messages, read on a thread of their own so that waits can have a deadline.
fn read_messages(output: PipeReader) -> Receiver<Message> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut output = BufReader::new(output);
        while let Ok(Some(message)) = Message::read(&mut output) {
            if sender.send(message).is_err() {
                break;
            }
        }
    });
    receiver
}
