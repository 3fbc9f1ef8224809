//! `matrixlint server` over stdio when the client misbehaves: messages out
//! of order, malformed payloads, cancelled requests, half-typed text, many
//! edits. The server never panics and never exits except on `exit` (or the
//! end of its input); it logs to stderr and `window/logMessage`, never stdout.

use crate::server_support::{Server, capabilities, find, sample_corpus, uri};
use serde_json::{Value, json};

fn error_code(response: &Value) -> Option<i64> {
    response["error"]["code"].as_i64()
}

#[test]
fn the_life_cycle_is_kept_whatever_the_order() {
    let (_dir, root) = sample_corpus();
    let mut server = Server::spawn(&root);
    let early = server.send_request("textDocument/hover", json!({}));
    assert_eq!(error_code(&server.response(early)), Some(-32002), "not initialized yet");
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": "file:///x.yaml", "languageId": "yaml", "version": 1, "text": "" } }),
    );
    let init = server.initialize(&root, capabilities(&["utf-16"]));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    let logged = server.wait_for(|m| m["method"] == "window/logMessage");
    assert!(logged["params"]["message"].as_str().unwrap().contains("started"), "{logged}");
    let again = server.send_request("initialize", json!({ "capabilities": {} }));
    assert_eq!(error_code(&server.response(again)), Some(-32600));
    let unknown = server.send_request("textDocument/rename", json!({}));
    assert_eq!(error_code(&server.response(unknown)), Some(-32601));
    let invalid = server.send_request("textDocument/hover", json!({ "position": 3 }));
    assert_eq!(error_code(&server.response(invalid)), Some(-32602));
    // A payload that is not JSON is skipped; the next message is read.
    server.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    assert_eq!(server.request("shutdown", Value::Null), Value::Null);
    let late = server.send_request("textDocument/hover", json!({}));
    assert_eq!(error_code(&server.response(late)), Some(-32600), "shutting down");
    server.notify("exit", Value::Null);
    assert_eq!(server.wait().code(), Some(0));
    let stderr = server.stderr();
    assert!(stderr.contains("skipped a message that is not JSON-RPC"), "{stderr}");
    assert!(stderr.contains("matrixlint server info:"), "the log goes to stderr: {stderr}");
}

#[test]
fn exit_without_shutdown_and_a_closed_input_end_with_code_1() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    server.notify("exit", Value::Null);
    assert_eq!(server.wait().code(), Some(1));
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    server.close_input();
    assert_eq!(server.wait().code(), Some(1));
}

#[test]
fn a_cancelled_request_gets_exactly_one_answer() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let (uri, _) = server.open_file(&root.join("cells/drug/B2.yaml"));
    let params = json!({ "textDocument": { "uri": uri }, "position": { "line": 2, "character": 7 }, "context": { "includeDeclaration": true } });
    let id = server.send_request("textDocument/references", params);
    server.notify("$/cancelRequest", json!({ "id": id }));
    server.notify("$/cancelRequest", json!({ "id": 999 }));
    let answer = server.response(id);
    assert!(answer["result"].is_array() || error_code(&answer) == Some(-32800), "{answer}");
    // Any second answer would arrive before this one.
    assert_eq!(server.request("shutdown", Value::Null), Value::Null);
    assert!(!server.inbox.iter().any(|m| m["id"] == id), "a second answer to the cancelled request");
}

#[test]
fn half_typed_text_and_out_of_order_messages_get_answers() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    // A change and a close for documents never opened are ignored.
    let a4 = root.join("cells/drug/A4.yaml");
    server.change(&uri(&a4), 2, json!([{ "text": "x" }]));
    server.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri(&a4) } }));
    // A request about a file the client has not opened is answered from disk.
    let b4 = root.join("cells/drug/B4.yaml");
    let b4_text = std::fs::read_to_string(&b4).unwrap();
    let (line, column) = find(&b4_text, "cell B2]", 0);
    let found = server.at("textDocument/definition", &uri(&b4), line, column + 6);
    assert!(found["uri"].as_str().unwrap().ends_with("cells/drug/B2.yaml"), "{found}");
    // Text that is not YAML yet: a syntax finding, and every request answers.
    let text = "matrix: drug\ncell: A4\nentries:\n  - tier: \"K\n    text: see cell B2 and [cell F2](\n";
    let uri = server.open(&a4, text);
    let found = server.diagnostics_of(&uri, 1);
    assert_eq!(found[0]["code"], "ML101", "{found:#?}");
    let doc = json!({ "uri": uri });
    let at = json!({ "line": 4, "character": 20 });
    for (method, params) in [
        ("textDocument/hover", json!({ "textDocument": doc, "position": at })),
        ("textDocument/definition", json!({ "textDocument": doc, "position": at })),
        (
            "textDocument/references",
            json!({ "textDocument": doc, "position": at, "context": { "includeDeclaration": true } }),
        ),
        ("textDocument/completion", json!({ "textDocument": doc, "position": at })),
        ("textDocument/documentLink", json!({ "textDocument": doc })),
        ("textDocument/documentSymbol", json!({ "textDocument": doc })),
        (
            "textDocument/codeAction",
            json!({ "textDocument": doc, "range": { "start": at, "end": at }, "context": { "diagnostics": [] } }),
        ),
    ] {
        let id = server.send_request(method, params);
        let response = server.response(id);
        assert!(response.get("error").is_none(), "{method}: {response}");
    }
    // A range past the end of the text, a position past a line's end: clamped.
    let beyond = json!({ "start": { "line": 40, "character": 3 }, "end": { "line": 41, "character": 0 } });
    server.change(&uri, 2, json!([{ "range": beyond, "text": "bite: {}\n" }]));
    let wide = json!({ "start": { "line": 0, "character": 300 }, "end": { "line": 0, "character": 400 } });
    server.change(&uri, 3, json!([{ "range": wide, "text": " # end" }]));
    // Clamped, both land in the text: the quote is still open, so the finding is still the syntax error.
    let found = server.diagnostics_of(&uri, 3);
    assert_eq!(found.iter().map(|d| d["code"].as_str().unwrap()).collect::<Vec<_>>(), ["ML101"], "{found:#?}");
    // Workspace folders come and go.
    let folders = json!({ "event": { "added": [{ "uri": crate::server_support::uri(&root), "name": "again" }], "removed": [{ "uri": "file:///nowhere", "name": "gone" }] } });
    server.notify("workspace/didChangeWorkspaceFolders", folders);
    // A document that is not a file.
    let untitled = "untitled:Untitled-1";
    server.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": untitled, "languageId": "yaml", "version": 1, "text": "tier: Key" } }),
    );
    assert_eq!(server.at("textDocument/hover", untitled, 0, 7), Value::Null);
    assert!(server.stop().success());
}

/// A small deterministic generator (no dependency, same sequence every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

#[test]
fn many_incremental_edits_leave_the_same_text_as_the_client_has() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let a2 = root.join("cells/drug/A2.yaml");
    let mut text: Vec<u16> = std::fs::read_to_string(&a2).unwrap().encode_utf16().collect();
    let uri = server.open(&a2, &String::from_utf16(&text).unwrap());
    let mut rng = Lcg(12);
    let pieces = ["é", "😀", "“", "cell B2 ", "\n", "tier: ", "- ", "x", ""];
    for version in 2..=150 {
        // A range on character boundaries (never inside a surrogate pair).
        let boundary =
            |at: usize, text: &[u16]| if at < text.len() && (0xDC00..0xE000).contains(&text[at]) { at - 1 } else { at };
        let a = boundary(rng.next(text.len() + 1), &text);
        let b = boundary((a + rng.next(6)).min(text.len()), &text);
        let (start, end) = (position(&text, a), position(&text, b));
        let insert = pieces[rng.next(pieces.len())];
        text.splice(a..b, insert.encode_utf16());
        let range =
            json!({ "start": { "line": start.0, "character": start.1 }, "end": { "line": end.0, "character": end.1 } });
        server.change(&uri, version, json!([{ "range": range, "text": insert }]));
    }
    let incremental = server.diagnostics_of(&uri, 150);
    server.change(&uri, 151, json!([{ "text": String::from_utf16(&text).unwrap() }]));
    let full = server.diagnostics_of(&uri, 151);
    assert_eq!(incremental, full, "the server's text after the edits is the client's");
    assert!(server.stop().success());
}

/// The line and UTF-16 column of unit `at`.
fn position(text: &[u16], at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.iter().filter(|&&u| u == u16::from(b'\n')).count();
    let start = before.iter().rposition(|&u| u == u16::from(b'\n')).map_or(0, |i| i + 1);
    (line, at - start)
}
