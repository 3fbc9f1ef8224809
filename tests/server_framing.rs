//! `matrixlint server` when the framing of the client's messages is wrong:
//! malformed headers, lengths that lie, lengths far over the cap. A bad
//! header never makes the server deaf: it finds the next message and answers
//! it, and it never allocates what a header claims before the bytes arrive.
//! When the input ends inside a message, it exits with an error so that the
//! editor restarts it.

mod server_support;

use serde_json::{Value, json};
use server_support::{Server, sample_corpus};

/// A notification nobody answers, as the body after a bad header.
const BODY: &str = r#"{"jsonrpc":"2.0","method":"$/unknown","params":{}}"#;

/// Starts an initialized server, sends `bad`, then checks that `shutdown`
/// and `exit` are still obeyed and that the problem was logged.
fn answers_after(bad: &[u8], logged: &str) -> Server {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    server.send_raw(bad);
    assert_eq!(server.request("shutdown", Value::Null), Value::Null, "answered after {bad:?}");
    server.notify("exit", Value::Null);
    assert_eq!(server.wait().code(), Some(0), "after {:?}:\n{}", String::from_utf8_lossy(bad), server.stderr());
    let stderr = server.stderr();
    assert!(stderr.contains(logged), "after {:?}, no {logged:?} in:\n{stderr}", String::from_utf8_lossy(bad));
    server
}

#[test]
fn a_malformed_header_is_skipped_and_the_next_message_answered() {
    for (bad, logged) in [
        (format!("Content-Length: -1\r\n\r\n{BODY}"), "Content-Length is not a length: `-1`"),
        ("Content-Length: -1\r\n\r\n".to_owned(), "Content-Length is not a length: `-1`"),
        (format!("Content-Length: twelve\r\n\r\n{BODY}"), "Content-Length is not a length: `twelve`"),
        (format!("Content-Length: 1e3\r\n\r\n{BODY}"), "Content-Length is not a length: `1e3`"),
        (
            format!("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{BODY}"),
            "a header block without Content-Length",
        ),
        (format!("\r\n{BODY}"), "an empty header block"),
        ("\r\n".to_owned(), "an empty header block"),
        (format!("Content-Length 12\r\n\r\n{BODY}"), "a malformed header line"),
        (format!("Content-Length: 5\r\nContent-Length: 6\r\n\r\n{BODY}"), "two different Content-Length headers"),
        // A length shorter than the body: the rest of the body is not a header.
        (format!("Content-Length: 5\r\n\r\n{BODY}"), "a malformed header line"),
        // Bare line feeds are not the protocol's line ends.
        (format!("Content-Length: {}\n\n{BODY}", BODY.len()), "Content-Length is not a length"),
    ] {
        answers_after(bad.as_bytes(), logged);
    }
}

#[test]
fn garbage_before_a_message_is_skipped_up_to_its_header() {
    let mut bad = b"\x00\xff\x1b[2J not the protocol at all \r\n\r\n\r\n{}".repeat(1000);
    bad.extend_from_slice(b"Content-Len");
    let server = answers_after(&bad, "looking for the next message");
    assert!(server.stderr().contains("found the next message after skipping"), "{}", server.stderr());
}

/// The server's peak resident memory in bytes (`VmHWM`), while it runs.
fn peak_memory(server: &Server) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{}/status", server.pid())).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).unwrap();
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

#[test]
fn a_length_over_the_cap_is_never_allocated_nor_waited_for() {
    let over = [
        "67108865".to_owned(), // the cap (64 MiB) plus one byte
        (1_u64 << 31).to_string(),
        (1_u64 << 62).to_string(),
        u64::MAX.to_string(),
        "18446744073709551616".to_owned(), // 2^64: no integer type of the reader holds it
        "9".repeat(400),
    ];
    for length in over {
        let (_dir, root) = sample_corpus();
        let (mut server, _) = Server::start(&root, &["utf-16"]);
        let before = peak_memory(&server);
        server.send_raw(format!("Content-Length: {length}\r\n\r\n{BODY}").as_bytes());
        assert_eq!(server.request("shutdown", Value::Null), Value::Null, "answered after a length of {length}");
        let after = peak_memory(&server);
        assert!(after < before + (16 << 20), "a length of {length}: peak memory {before} -> {after} bytes");
        server.notify("exit", Value::Null);
        assert_eq!(server.wait().code(), Some(0), "{}", server.stderr());
        let stderr = server.stderr();
        assert!(stderr.contains("is over the 64 MiB limit for a message"), "{length}: {stderr}");
    }
}

#[test]
fn a_message_over_the_cap_that_really_comes_is_skipped_whole_without_holding_it() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let before = peak_memory(&server);
    // An editor opening a 65 MiB file: the whole body is sent. Its text holds
    // the start of a header, which the search for the next message meets and
    // passes over (JSON escapes the line breaks a real header needs).
    let text = format!("Content-Length: 12\r\n\r\n{}", "y".repeat(65 << 20));
    let open = json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": { "textDocument": {
        "uri": server_support::uri(&root.join("cells/drug/A4.yaml")), "languageId": "yaml", "version": 1, "text": text } } });
    server.send(&open);
    assert_eq!(server.request("shutdown", Value::Null), Value::Null);
    let after = peak_memory(&server);
    assert!(after < before + (16 << 20), "peak memory {before} -> {after} bytes");
    server.notify("exit", Value::Null);
    assert_eq!(server.wait().code(), Some(0), "{}", server.stderr());
    let stderr = server.stderr();
    assert!(stderr.contains("is over the 64 MiB limit for a message"), "{stderr}");
    assert!(stderr.contains("found the next message after skipping"), "{stderr}");
}

#[test]
fn a_large_message_under_the_cap_is_read_whole() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    // 20 MB of padding in the parameters of a request the server answers.
    let padding = "x".repeat(20 << 20);
    let id = server.send_request("shutdown", json!({ "padding": padding }));
    assert_eq!(server.response(id)["result"], Value::Null);
    server.notify("exit", Value::Null);
    assert_eq!(server.wait().code(), Some(0), "{}", server.stderr());
}

#[test]
fn an_input_that_ends_inside_a_message_is_an_error_exit() {
    for broken in [
        "Content-Length: 100\r\n\r\n{\"jsonrpc\":".to_owned(),
        "Content-Length: 10".to_owned(),
        format!("Content-Length: -1\r\n\r\n{BODY}"),
    ] {
        let (_dir, root) = sample_corpus();
        let (mut server, _) = Server::start(&root, &["utf-16"]);
        assert_eq!(server.request("shutdown", Value::Null), Value::Null);
        server.send_raw(broken.as_bytes());
        server.close_input();
        assert_eq!(server.wait().code(), Some(1), "after {broken:?}: {}", server.stderr());
        let stderr = server.stderr();
        assert!(stderr.contains("the input ended inside a message"), "after {broken:?}: {stderr}");
    }
}
