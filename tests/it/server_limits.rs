//! `matrixlint server` against inputs that would cost it too much or block
//! it: a buffer over the size limit of a cell source gets the `read-error`
//! finding `check` gives the same file, without being parsed; a link history
//! that is not a regular file (a FIFO) is never opened, and one that hangs
//! all the same is given up in time, so hovers and every later request keep
//! being answered.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::server_support::{Server, check_report, find, sample_corpus};
use matrixlint_links::history::History;
use serde_json::{Value, json};

/// A cell source over the 4 MiB limit: `A2.yaml` with a long comment.
fn oversized(text: &str) -> String {
    format!("{text}# {}\n", "x".repeat(4 << 20))
}

/// `(code, line, column, message)` of `check`'s findings on `name`.
fn check_findings(root: &Path, name: &str) -> Vec<(String, u64, u64, String)> {
    check_report(root)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == name)
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_owned();
            (s("code"), d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap(), s("message"))
        })
        .collect()
}

/// The same as [`check_findings`], from published LSP diagnostics (1-based).
fn server_findings(diagnostics: &[Value]) -> Vec<(String, u64, u64, String)> {
    diagnostics
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            (
                d["code"].as_str().unwrap().to_owned(),
                start["line"].as_u64().unwrap() + 1,
                start["character"].as_u64().unwrap() + 1,
                // The server adds the help line to the message.
                d["message"].as_str().unwrap().split("\nhelp: ").next().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn a_buffer_over_the_limit_is_the_read_error_check_reports() {
    let (_dir, root) = sample_corpus();
    let a2 = root.join("cells/drug/A2.yaml");
    let small = std::fs::read_to_string(&a2).unwrap();
    let big = oversized(&small);
    std::fs::write(&a2, &big).unwrap();
    let expected = check_findings(&root, "cells/drug/A2.yaml");
    assert_eq!(expected.len(), 1, "{expected:?}");
    assert_eq!(expected[0].0, "ML100", "{expected:?}");
    assert!(expected[0].3.contains("larger than the 4 MiB limit for a cell source"), "{expected:?}");

    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let uri = server.open(&a2, &big);
    assert_eq!(server_findings(&server.diagnostics_of(&uri, 1)), expected, "didOpen");
    // Back under the limit: the cell's own findings (none); over it again
    // through an incremental change: the read error once more.
    server.change(&uri, 2, json!([{ "text": small }]));
    assert_eq!(server.diagnostics_of(&uri, 2), Vec::<Value>::new());
    let (line, _) = find(&small, "matrix: drug", 0);
    let at = json!({ "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 0 } });
    let padding = format!("# {}\n", "x".repeat(4 << 20));
    server.change(&uri, 3, json!([{ "range": at, "text": padding }]));
    let found = server_findings(&server.diagnostics_of(&uri, 3));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!((found[0].0.as_str(), found[0].1, found[0].2), ("ML100", 1, 1), "{found:?}");
    assert!(found[0].3.contains("larger than the 4 MiB limit for a cell source"), "{found:?}");
    // Requests on the oversized buffer are answered without parsing it.
    let (line, column) = find(&small, "NIDA_4", 0);
    let hover = hover_text(&server.at("textDocument/hover", &uri, line + 1, column));
    assert!(hover.starts_with("**ML100** `read-error` (error): file is"), "only the read error: {hover}");
    let symbols = server.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    assert_eq!(symbols, Value::Null, "no outline of a buffer that is not read");
    assert!(server.stop().success());
}

/// Makes a FIFO at `path` with the system's `mkfifo`.
fn mkfifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(status.success());
}

fn hover_text(hover: &Value) -> String {
    hover["contents"]["value"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn a_fifo_as_the_link_history_never_blocks_a_hover() {
    let (_dir, root) = sample_corpus();
    mkfifo(&root.join(".matrixlint/links.db"));
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let (uri, text) = server.open_file(&root.join("cells/drug/A2.yaml"));
    let (line, column) = find(&text, "https://findings.org.uk/PHP/dl.php?file=NIDA_4.txt", 0);
    // More hovers than there are workers: none of them may hold one.
    for _ in 0..8 {
        let shown = hover_text(&server.at("textDocument/hover", &uri, line, column + 10));
        assert!(shown.starts_with("**Link** <https://findings.org.uk/PHP/dl.php?file=NIDA_4.txt>"), "{shown}");
        assert!(shown.contains("links.db` is a named pipe (FIFO), not a regular file, so it was not read"), "{shown}");
    }
    let symbols = server.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    assert!(!symbols.as_array().unwrap().is_empty(), "{symbols}");
    assert!(server.stop().success());
}

#[test]
fn a_history_whose_journal_hangs_is_given_up_in_time() {
    let (_dir, root) = sample_corpus();
    let db = root.join(".matrixlint/links.db");
    drop(History::open(&db, Duration::ZERO).unwrap());
    // SQLite opens a journal it finds beside the database, even to read:
    // there, a FIFO passes the regular-file check and blocks the open.
    mkfifo(&root.join(".matrixlint/links.db-journal"));
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let (uri, text) = server.open_file(&root.join("cells/drug/A2.yaml"));
    let (line, column) = find(&text, "https://findings.org.uk/PHP/dl.php?file=NIDA_4.txt", 0);
    let shown = hover_text(&server.at("textDocument/hover", &uri, line, column + 10));
    assert!(shown.ends_with("The link history cannot be read: it did not answer within 2 s"), "{shown}");
    // The read still hangs: later hovers do not wait for another one.
    for _ in 0..4 {
        let shown = hover_text(&server.at("textDocument/hover", &uri, line, column + 10));
        assert!(shown.ends_with("The link history cannot be read: an earlier read of it has not finished"), "{shown}");
    }
    let symbols = server.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    assert!(!symbols.as_array().unwrap().is_empty(), "{symbols}");
    assert!(server.stop().success());
}
