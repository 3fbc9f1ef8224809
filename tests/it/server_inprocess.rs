//! The language server run inside the test process, over pipes, with its
//! corpus loads held at a gate the test opens: what the server does while a
//! corpus loads is then seen without any wait on the clock.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};

use matrixlint_server::{LoadHook, LogSink, Options, Stdio};
use serde_json::{Value, json};

use crate::server_support::{DEADLINE, TODAY, read_frame, uri};

/// Where the server's corpus loads stop until the test lets each go on.
pub(crate) struct Gate {
    started: Receiver<PathBuf>,
    release: Sender<()>,
}

impl Gate {
    /// The gate, and the hook that holds loads at it.
    pub(crate) fn new() -> (Self, LoadHook) {
        let (started_tx, started) = std::sync::mpsc::channel();
        let (release, release_rx) = std::sync::mpsc::channel::<()>();
        let (started_tx, release_rx) = (Mutex::new(started_tx), Mutex::new(release_rx));
        let hook = LoadHook(Arc::new(move |dir: &Path| {
            let _ = started_tx.lock().unwrap().send(dir.to_owned());
            // Held until the test releases this load (or goes away).
            let _ = release_rx.lock().unwrap().recv();
        }));
        (Self { started, release }, hook)
    }

    /// Waits until a load reaches the gate; its root.
    pub(crate) fn reached(&self) -> PathBuf {
        self.started.recv_timeout(DEADLINE).expect("a corpus load reaches the gate")
    }

    /// Lets the load at the gate go on.
    pub(crate) fn release(&self) {
        self.release.send(()).unwrap();
    }
}

/// A server running on a thread of the test.
pub(crate) struct InProcess {
    input: Option<std::io::PipeWriter>,
    incoming: Receiver<Value>,
    inbox: Vec<Value>,
    next_id: i64,
    thread: Option<std::thread::JoinHandle<u8>>,
}

impl InProcess {
    /// Starts a server whose corpus loads call `hook`, and initializes it with `root` as the workspace folder.
    pub(crate) fn start(root: &Path, hook: LoadHook) -> Self {
        let (input_read, input) = std::io::pipe().unwrap();
        let (output_read, output) = std::io::pipe().unwrap();
        let log: LogSink = Arc::new(Mutex::new(std::io::sink()));
        let today = Some(TODAY.parse().unwrap());
        let options = Options { today, before_index: Some(hook) };
        let stdio = Stdio { input: Box::new(input_read), output: Box::new(output), log };
        let thread = std::thread::spawn(move || matrixlint_server::run(options, stdio).unwrap());
        let (send, incoming) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut out = BufReader::new(output_read);
            while let Some(message) = read_frame(&mut out) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        let mut server = Self { input: Some(input), incoming, inbox: Vec::new(), next_id: 0, thread: Some(thread) };
        let folder = json!([{ "uri": uri(root), "name": "corpus" }]);
        server.send(&json!({ "jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": { "processId": null, "capabilities": {}, "workspaceFolders": folder } }));
        server.wait_for(|m| m["id"] == 0);
        server.notify("initialized", json!({}));
        server
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let input = self.input.as_mut().expect("the input is open");
        input.write_all(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).unwrap();
        input.flush().unwrap();
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request; its id.
    pub(crate) fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params }));
        self.next_id
    }

    /// A round trip: once the server answers, it has handled everything sent before.
    pub(crate) fn round_trip(&mut self) {
        let id = self.send_request("matrixlint/roundTrip", Value::Null);
        self.wait_for(|m| m["id"] == id);
    }

    /// A barrier: `matrixlint/sync` is answered once every lint and corpus
    /// load scheduled before it is done (so never while a load is held at the gate).
    pub(crate) fn barrier(&mut self) {
        let id = self.send_request("matrixlint/sync", Value::Null);
        let answer = self.wait_for(|m| m["id"] == id);
        assert_eq!(answer.get("result"), Some(&Value::Null), "sync answers null: {answer}");
    }

    /// The next message matching `wanted` (others are kept; the server's requests answered).
    pub(crate) fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.inbox.iter().position(&wanted) {
            return self.inbox.remove(at);
        }
        loop {
            let message = self.incoming.recv_timeout(DEADLINE).expect("the wanted message comes");
            if message.get("method").is_some() && message.get("id").is_some() {
                self.send(&json!({ "jsonrpc": "2.0", "id": message["id"], "result": null }));
            }
            if wanted(&message) {
                return message;
            }
            self.inbox.push(message);
        }
    }

    /// Whether the answer to request `id` came already (and is not taken yet).
    pub(crate) fn answered(&self, id: i64) -> bool {
        self.inbox.iter().any(|m| m["id"] == id && m.get("method").is_none())
    }

    /// The versions of the publications for `uri` received and not taken yet.
    pub(crate) fn published(&self, uri: &str) -> Vec<Value> {
        let of_uri = |m: &&Value| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri;
        self.inbox.iter().filter(of_uri).map(|m| m["params"]["version"].clone()).collect()
    }

    /// The next diagnostics published for `uri`, with their version.
    pub(crate) fn diagnostics(&mut self, uri: &str) -> (Value, Vec<Value>) {
        let m = self.wait_for(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri);
        (m["params"]["version"].clone(), m["params"]["diagnostics"].as_array().cloned().unwrap_or_default())
    }

    pub(crate) fn open(&mut self, path: &Path) -> String {
        let uri = uri(path);
        let text = std::fs::read_to_string(path).unwrap();
        let doc = json!({ "uri": uri, "languageId": "yaml", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": doc }));
        uri
    }

    /// Replaces the whole text of `uri`.
    pub(crate) fn change(&mut self, uri: &str, version: i64, text: &str) {
        let doc = json!({ "uri": uri, "version": version });
        self.notify("textDocument/didChange", json!({ "textDocument": doc, "contentChanges": [{ "text": text }] }));
    }

    /// `shutdown`, `exit`; the server's exit code.
    pub(crate) fn stop(mut self) -> u8 {
        let id = self.send_request("shutdown", Value::Null);
        self.wait_for(|m| m["id"] == id);
        self.notify("exit", Value::Null);
        self.input = None;
        self.thread.take().unwrap().join().unwrap()
    }
}
