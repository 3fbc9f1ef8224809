//! Diagnostics as an editor sees them: a buffer's findings with their rule,
//! place and words; a fixed buffer's findings cleared; a configuration's
//! problems on the configuration file.

use serde_json::{Value, json};

use crate::client::{Client, TempCorpus, open_cell, uri};

/// A cell (written for these tests) whose second entry has no year
/// (`missing-year`, code ML204).
const NO_YEAR: &str = "matrix: drug\ncell: B2\ntitle: \"Practitioners; Generic and cross-cutting issues\"\nentries:\n  - tier: K\n    title: \"A dated study\"\n    year: 2001\n    url: \"https://example.org/study-1\"\n  - tier: R\n    title: \"An undated review\"\n    url: \"https://example.org/review-2\"\n";

/// A corpus holding [`NO_YEAR`] as `cells/drug/B2.yaml`, a server on it
/// with that file open at version 1, the file's URI and its first
/// published diagnostics.
fn opened_no_year() -> (TempCorpus, Client, String, Value) {
    let (corpus, mut client, uri) = open_cell(NO_YEAR);
    let published = client.diagnostics_where(&uri, |p| p["version"] == 1);
    (corpus, client, uri, published)
}

fn codes(published: &Value) -> Vec<&str> {
    published["diagnostics"].as_array().unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect()
}

#[test]
fn an_opened_buffer_gets_its_findings_at_their_place() {
    let (_corpus, client, _, published) = opened_no_year();
    assert_eq!(codes(&published), ["ML204"], "{published:#}");
    let d = &published["diagnostics"][0];
    assert_eq!(d["source"], "matrixlint");
    let href = d["codeDescription"]["href"].as_str().unwrap();
    assert!(href.ends_with("/rules/missing_year.rs"), "the rule's documentation: {href}");
    assert_eq!(d["severity"], 1, "an error");
    let message = d["message"].as_str().unwrap();
    assert!(message.starts_with("`R` entry has no year"), "{message}");
    assert_eq!(d["range"]["start"]["line"], 8, "the undated entry (0-based lines): {d:#}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_buffer_edited_clean_has_its_findings_cleared() {
    let (_corpus, mut client, uri, first) = opened_no_year();
    assert_eq!(codes(&first), ["ML204"]);
    let fixed =
        NO_YEAR.replace("    title: \"An undated review\"\n", "    title: \"An undated review\"\n    year: 2010\n");
    let change = json!({
        "textDocument": { "uri": uri, "version": 2 },
        "contentChanges": [{ "text": fixed }],
    });
    client.notify("textDocument/didChange", change);
    let second = client.diagnostics_where(&uri, |p| p["version"] == 2);
    assert_eq!(codes(&second), Vec::<&str>::new(), "{second:#}");
    assert_eq!(client.shutdown(), 0);
}

#[test]
fn a_configuration_problem_is_shown_on_the_configuration_file() {
    let corpus = TempCorpus::new("cells: [\"cells/**/*.yaml\"]\nno-such-setting: 1\n");
    corpus.write("cells/drug/B2.yaml", NO_YEAR);
    let mut client = Client::start();
    client.initialize(&corpus.root);
    let config = uri(&corpus.root.join("matrixlint.yaml"));
    let published = client.diagnostics_where(&config, |_| true);
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{published:#}");
    let range = &diagnostics[0]["range"];
    assert_eq!((&range["start"]["line"], &range["start"]["character"]), (&json!(1), &json!(0)), "{published:#}");
    assert_eq!(range["end"]["character"], "no-such-setting".len(), "{published:#}");
    assert!(diagnostics[0]["message"].as_str().unwrap().contains("no-such-setting"), "{published:#}");
    assert_eq!(client.shutdown(), 0);
}
