//! The protocol's life cycle: what `initialize` answers, and the exit code
//! after `shutdown` and `exit` or after the editor leaves without them.

use serde_json::Value;

use crate::client::{Client, TempCorpus};

#[test]
fn initialize_names_the_server_and_the_encoding_agreed() {
    let corpus = TempCorpus::new("cells: [\"cells/**/*.yaml\"]\n");
    let mut client = Client::start();
    let result = client.initialize(&corpus.root);
    assert_eq!(result["serverInfo"]["name"], "matrixlint");
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8", "the one encoding the client offered");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn requests_before_initialize_are_refused() {
    let mut client = Client::start();
    let response = client.request("textDocument/hover", Value::Null);
    let error = response.response_result.expect_err("an error, not an answer");
    assert_eq!(error.code, lsp_server::ErrorCode::ServerNotInitialized as i32, "{}", error.message);
    assert_eq!(client.finish(), 1, "the input ended without `shutdown`");
}

#[test]
fn an_editor_that_leaves_without_shutdown_ends_the_server_with_code_1() {
    let corpus = TempCorpus::new("cells: [\"cells/**/*.yaml\"]\n");
    let mut client = Client::start();
    client.initialize(&corpus.root);
    assert_eq!(client.finish(), 1);
}
