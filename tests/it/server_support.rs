//! A scripted client for `matrixlint server`: it starts the real binary,
//! speaks JSON-RPC to it over standard input and output, answers the
//! server's own requests, and waits for answers and diagnostics with a
//! deadline (never a blind sleep).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub(crate) use crate::common::copy_tree;

/// How long any single wait may take before the test fails.
pub(crate) const DEADLINE: Duration = Duration::from_secs(30);

/// The date the tests treat as today.
pub(crate) const TODAY: &str = "2026-06-15";

/// A running server.
pub(crate) struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications and server requests read while waiting for something else.
    pub inbox: Vec<Value>,
    /// Every request the server sent (registerCapability, showDocument).
    pub server_requests: Vec<Value>,
    stderr: Arc<Mutex<String>>,
    /// The thread reading standard error, until it has read all of it.
    stderr_reader: Option<std::thread::JoinHandle<()>>,
}

/// The `file:` URI of a path.
pub(crate) fn uri(path: &Path) -> String {
    let mut out = String::from("file://");
    for c in path.to_str().expect("UTF-8 test paths").chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '/' | '-' | '_' | '.' | '~' => out.push(c),
            c => {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

/// A copy of the bundled sample corpus in a temporary folder (canonical path).
pub(crate) fn sample_corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap().join("corpus");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/corpus"), &root);
    (dir, root)
}

/// Capabilities of a capable client, offering `encodings`.
pub(crate) fn capabilities(encodings: &[&str]) -> Value {
    json!({
        "general": { "positionEncodings": encodings },
        "window": { "showDocument": { "support": true } },
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true }, "workspaceFolders": true },
        "textDocument": {
            "hover": { "contentFormat": ["markdown", "plaintext"] },
            "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
            "publishDiagnostics": { "relatedInformation": true, "codeDescriptionSupport": true }
        }
    })
}

impl Server {
    /// Starts `matrixlint server` in `cwd`, not yet initialized, logging everything.
    pub(crate) fn spawn(cwd: &Path) -> Self {
        Self::spawn_logging(cwd, "debug")
    }

    /// Starts `matrixlint server` in `cwd` with the log level `log`.
    pub(crate) fn spawn_logging(cwd: &Path, log: &str) -> Self {
        // `MATRIXLINT_BIN`: another build to drive (the benches compare two).
        let binary = std::env::var_os("MATRIXLINT_BIN").unwrap_or_else(|| env!("CARGO_BIN_EXE_matrixlint").into());
        let mut child = Command::new(binary)
            .arg("server")
            .current_dir(cwd)
            .env("MATRIXLINT_TODAY", TODAY)
            .env("MATRIXLINT_LOG", log)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().unwrap();
        let mut err = child.stderr.take().unwrap();
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = Arc::clone(&stderr);
        let stderr_reader = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = err.read_to_string(&mut text);
            sink.lock().unwrap().push_str(&text);
        });
        let (send, incoming) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut out = BufReader::new(stdout);
            while let Some(message) = read_frame(&mut out) {
                if send.send(message).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            stdin,
            incoming,
            next_id: 0,
            inbox: Vec::new(),
            server_requests: Vec::new(),
            stderr,
            stderr_reader: Some(stderr_reader),
        }
    }

    /// Starts a server in `root` and initializes it with `root` as the workspace folder.
    pub(crate) fn start(root: &Path, encodings: &[&str]) -> (Self, Value) {
        let mut server = Self::spawn(root);
        let result = server.initialize(root, capabilities(encodings));
        (server, result)
    }

    /// `initialize` then `initialized`; returns the initialize result.
    pub(crate) fn initialize(&mut self, root: &Path, capabilities: Value) -> Value {
        let result = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": uri(root),
                "capabilities": capabilities,
                "workspaceFolders": [{ "uri": uri(root), "name": "corpus" }]
            }),
        );
        self.notify("initialized", json!({}));
        result
    }

    /// Sends raw bytes (for malformed input).
    pub(crate) fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("the input is open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Closes the server's standard input (the client went away).
    pub(crate) fn close_input(&mut self) {
        self.stdin = None;
    }

    /// Sends one message.
    pub(crate) fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    pub(crate) fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns its id without waiting.
    pub(crate) fn send_request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// The whole response to request `id`.
    pub(crate) fn response(&mut self, id: i64) -> Value {
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// Sends a request and returns its result; fails the test on an error.
    pub(crate) fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.send_request(method, params);
        let response = self.response(id);
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    /// The next message matching `wanted`: first from the inbox, then from
    /// the server (others are kept in the inbox; server requests answered).
    pub(crate) fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(at) = self.inbox.iter().position(&wanted) {
            return self.inbox.remove(at);
        }
        let deadline = Instant::now() + DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.incoming.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => {
                    panic!("nothing wanted came in {DEADLINE:?}; stderr:\n{}", self.stderr())
                }
                Err(RecvTimeoutError::Disconnected) => panic!("the server stopped; stderr:\n{}", self.stderr()),
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                // A request from the server: answer it, keep it for the test.
                let answer = json!({ "jsonrpc": "2.0", "id": message["id"], "result": null });
                self.send(&answer);
                self.server_requests.push(message.clone());
            }
            if wanted(&message) {
                return message;
            }
            self.inbox.push(message);
        }
    }

    /// The next diagnostics published for `uri` that satisfy `accept`.
    pub(crate) fn diagnostics(&mut self, uri: &str, accept: impl Fn(&[Value]) -> bool) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && accept(m["params"]["diagnostics"].as_array().map_or(&[][..], Vec::as_slice))
        });
        message["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// The next diagnostics published for `uri`, whatever they are: the
    /// caller asserts on them, so a publication that should not have come
    /// first fails the test instead of being skipped.
    pub(crate) fn next_diagnostics(&mut self, uri: &str) -> Vec<Value> {
        self.diagnostics(uri, |_| true)
    }

    /// A request/response barrier before a "nothing else was published"
    /// check: `matrixlint/sync` is answered only once every lint (even one
    /// waiting out its debounce) and corpus load scheduled before it is
    /// done, so all they published is in the inbox once its answer is.
    pub(crate) fn barrier(&mut self) {
        assert_eq!(self.request("matrixlint/sync", Value::Null), Value::Null, "sync answers null");
    }

    /// Diagnostics published for `uri` at `version`.
    pub(crate) fn diagnostics_of(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        message["params"]["diagnostics"].as_array().cloned().unwrap_or_default()
    }

    /// Publications for `uri` already received and not yet taken.
    pub(crate) fn published(&self, uri: &str) -> usize {
        self.inbox
            .iter()
            .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
            .count()
    }

    pub(crate) fn open(&mut self, path: &Path, text: &str) -> String {
        let uri = uri(path);
        let doc = json!({ "uri": uri, "languageId": "yaml", "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": doc }));
        uri
    }

    /// Opens the file at `path` with its text on disk.
    pub(crate) fn open_file(&mut self, path: &Path) -> (String, String) {
        let text = std::fs::read_to_string(path).unwrap();
        (self.open(path, &text), text)
    }

    pub(crate) fn change(&mut self, uri: &str, version: i64, changes: Value) {
        let doc = json!({ "uri": uri, "version": version });
        self.notify("textDocument/didChange", json!({ "textDocument": doc, "contentChanges": changes }));
    }

    /// A request about a position in a document.
    pub(crate) fn at(&mut self, method: &str, uri: &str, line: u64, character: u64) -> Value {
        let params = json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } });
        self.request(method, params)
    }

    /// `shutdown` then `exit`; the exit status.
    pub(crate) fn stop(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Waits for the process to end (with the deadline), and for all it
    /// wrote on standard error.
    pub(crate) fn wait(&mut self) -> ExitStatus {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                if let Some(reader) = self.stderr_reader.take() {
                    let _ = reader.join();
                }
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The operating system's id of the server process.
    pub(crate) fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server wrote on standard error so far (complete once it exited).
    pub(crate) fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads one `Content-Length` frame; `None` at the end. Anything else on
/// standard output (a stray print) fails the test.
pub(crate) fn read_frame(out: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if out.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        let (name, value) =
            line.split_once(": ").unwrap_or_else(|| panic!("not a protocol header on stdout: {line:?}"));
        if name.eq_ignore_ascii_case("content-length") {
            length = Some(value.parse::<usize>().unwrap());
        }
    }
    let mut body = vec![0; length.expect("a Content-Length header")];
    out.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("a JSON body on stdout"))
}

/// `matrixlint check --format json` on the corpus at `root` (today injected).
pub(crate) fn check_report(root: &Path) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_matrixlint"))
        .args(["check", "--format", "json", "--exit-zero", "--today", TODAY, "--root"])
        .arg(root)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}: {}", root.display(), String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The 0-based line and UTF-16 column of the first `needle` in `text`
/// (after `skip` earlier ones).
pub(crate) fn find(text: &str, needle: &str, skip: usize) -> (u64, u64) {
    let at = text.match_indices(needle).nth(skip).unwrap_or_else(|| panic!("{needle:?} not in the text")).0;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = text[..at].matches('\n').count();
    (line as u64, text[line_start..at].encode_utf16().count() as u64)
}

/// A range as `(start line, start character, end line, end character)`.
pub(crate) fn range(value: &Value) -> (u64, u64, u64, u64) {
    let n = |v: &Value| v.as_u64().unwrap();
    (
        n(&value["start"]["line"]),
        n(&value["start"]["character"]),
        n(&value["end"]["line"]),
        n(&value["end"]["character"]),
    )
}
