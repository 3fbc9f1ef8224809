//! `matrixlint/sync`: its answer comes only after the publications of every
//! lint scheduled before it, even one still waiting out its debounce.

use serde_json::{Value, json};

use crate::client::{Client, TempCorpus, open_cell};

/// A cell (written for these tests) with one finding: its review has no year (ML204).
const CELL: &str = "matrix: drug\ncell: B2\ntitle: \"Practitioners; Generic and cross-cutting issues\"\nentries:\n  - tier: R\n    title: \"A review without a year\"\n    url: \"https://example.org/review\"\n";

/// The versions of the publications for `uri` in the inbox, in order.
fn versions(client: &Client, uri: &str) -> Vec<Value> {
    client.published(uri).iter().map(|p| p["version"].clone()).collect()
}

/// Replaces the buffer's text with [`CELL`] and `edit` after it, as `version`.
fn change(client: &mut Client, uri: &str, version: i32, edit: &str) {
    let change = json!({
        "textDocument": { "uri": uri, "version": version },
        "contentChanges": [{ "text": format!("{CELL}{edit}") }],
    });
    client.notify("textDocument/didChange", change);
}

#[test]
fn a_sync_is_answered_after_the_lints_of_the_changes_sent_before_it() {
    let (_corpus, mut client, uri) = open_cell(CELL);
    client.sync();
    assert_eq!(versions(&client, &uri), [json!(1)], "the opened buffer was linted before the answer");
    client.inbox.clear();
    // One change: its lint starts at once, on a worker, and takes longer
    // than a round trip through the main loop.
    change(&mut client, &uri, 2, "# first edit\n");
    client.sync();
    assert_eq!(versions(&client, &uri), [json!(2)], "version 2 published before the answer");
    client.inbox.clear();
    // Two changes in a row: the second waits out the debounce (or the first
    // lint), then is linted; its publication still comes before the answer.
    change(&mut client, &uri, 3, "# second edit\n");
    change(&mut client, &uri, 4, "# third edit\n");
    client.sync();
    let published = versions(&client, &uri);
    assert_eq!(published.last(), Some(&json!(4)), "the last change was published before the answer: {published:?}");
    client.inbox.clear();
    client.sync();
    assert_eq!(versions(&client, &uri), Vec::<Value>::new(), "nothing pending: nothing more published");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_sync_before_initialize_is_refused_and_after_it_answered_at_once() {
    let corpus = TempCorpus::new("cells: [\"cells/**/*.yaml\"]\n");
    let mut client = Client::start();
    let refused = client.request("matrixlint/sync", Value::Null).response_result.expect_err("refused");
    assert_eq!(refused.code, lsp_server::ErrorCode::ServerNotInitialized as i32, "{}", refused.message);
    client.initialize(&corpus.root);
    client.sync();
    assert_eq!(client.shutdown(), 0);
}
