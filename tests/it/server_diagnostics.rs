//! `matrixlint server` over stdio: diagnostics as the text changes, in both
//! position encodings, re-published when a cell they depend on changes, and
//! when the configuration (or a file it extends) changes.

use crate::server_support::{Server, find, range, sample_corpus, uri};
use serde_json::{Value, json};

/// A cell whose text has a non-BMP character and curly quotes before a
/// reference on the same line.
fn cell(reference: &str) -> String {
    format!(
        "matrix: drug\ncell: A4\ntitle: \"Interventions; Psychosocial therapies\"\nentries:\n  - tier: S\n    title: \"Emoji\"\n    year: 2001\n    url: \"https://example.org/a\"\n    text: \"Emoji 😀 and “quotes” — see {reference} here\"\n"
    )
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().map(|d| d["code"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn columns_count_utf16_units_or_bytes_as_negotiated() {
    let (_dir, root) = sample_corpus();
    let text = cell("cell F2");
    let (line, utf16) = find(&text, "F2", 0);
    let line_start = text[..text.find("F2").unwrap()].rfind('\n').unwrap() + 1;
    let utf8 = (text.find("F2").unwrap() - line_start) as u64;
    assert!(utf8 > utf16 + 4, "the line has multi-byte characters before the reference");
    for (offered, column) in [(vec!["utf-16"], utf16), (vec!["utf-8", "utf-16"], utf8)] {
        let (mut server, init) = Server::start(&root, &offered);
        assert_eq!(init["capabilities"]["positionEncoding"], offered[0]);
        let uri = server.open(&root.join("cells/drug/A4.yaml"), &text);
        let found = server.diagnostics_of(&uri, 1);
        assert_eq!(codes(&found), ["ML301"], "{found:#?}");
        assert_eq!(range(&found[0]["range"]), (line, column, line, column + 2), "offered {offered:?}");
        assert!(server.stop().success());
    }
}

#[test]
fn incremental_and_full_changes_are_linted_in_order() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let text = cell("cell F2");
    let uri = server.open(&root.join("cells/drug/A4.yaml"), &text);
    assert_eq!(codes(&server.diagnostics_of(&uri, 1)), ["ML301"]);
    let (line, column) = find(&text, "F2", 0);
    let at =
        json!({ "start": { "line": line, "character": column }, "end": { "line": line, "character": column + 1 } });
    server.change(&uri, 2, json!([{ "range": at, "text": "E" }]));
    let found = server.diagnostics_of(&uri, 2);
    assert_eq!(codes(&found), ["ML303"], "E2 is in the grid but has no source");
    assert_eq!(range(&found[0]["range"]), (line, column, line, column + 2));
    // A burst of changes: the last one is linted.
    for version in 3..=7 {
        server.change(&uri, version, json!([{ "text": cell(&format!("cell A{}", version % 2 + 1)) }]));
    }
    server.change(&uri, 8, json!([{ "text": cell("cell B2") }]));
    assert_eq!(server.diagnostics_of(&uri, 8), Vec::<Value>::new());
    assert!(server.stop().success());
}

#[test]
fn findings_carry_code_rule_description_and_related_places() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let text = "matrix: drug\ncell: A4\ntitle: one\ntitle: two\nentries: []\n";
    let uri = server.open(&root.join("cells/drug/A4.yaml"), text);
    let found = server.diagnostics_of(&uri, 1);
    let d = &found[0];
    assert_eq!(
        (d["code"].as_str(), d["source"].as_str(), d["severity"].as_u64()),
        (Some("ML101"), Some("matrixlint"), Some(1))
    );
    assert_eq!(d["data"]["rule"], "yaml-syntax");
    assert!(
        d["codeDescription"]["href"].as_str().unwrap().ends_with("/crates/matrixlint_engine/src/rules/yaml_syntax.rs")
    );
    assert!(d["message"].as_str().unwrap().contains("\nhelp: "), "the help is part of the message");
    assert_eq!(range(&d["range"]).0, 3, "the second `title`");
    let related = &d["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri.as_str());
    assert_eq!(range(&related["location"]["range"]).0, 2, "the first `title`");
    assert!(related["message"].as_str().unwrap().contains("first set here"));
    // Every rule has the source file its codeDescription names.
    for rule in matrixlint_engine::rules::RULES {
        let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("crates/matrixlint_engine/src/rules/{}.rs", rule.info.name.replace('-', "_")));
        assert!(file.is_file(), "{} has no {}", rule.info.name, file.display());
    }
}

#[test]
fn a_cell_appearing_or_going_republishes_the_cells_that_name_it() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let watched = server.wait_for(|m| m["method"] == "client/registerCapability");
    assert_eq!(watched["params"]["registrations"][0]["method"], "workspace/didChangeWatchedFiles");
    let uri = server.open(&root.join("cells/drug/A4.yaml"), &cell("cell A5"));
    assert_eq!(codes(&server.diagnostics_of(&uri, 1)), ["ML303"]);
    let (b2, _) = server.open_file(&root.join("cells/drug/B2.yaml"));
    let b2_first = server.diagnostics_of(&b2, 1);
    // A buffer declaring A5 clears the finding in the cell that names it.
    let a5 = root.join("cells/drug/A5.yaml");
    let a5_text = "matrix: drug\ncell: A5\ntitle: \"Interventions; Safeguarding the community\"\nentries: []\n";
    let a5_uri = server.open(&a5, a5_text);
    assert_eq!(codes(&server.next_diagnostics(&uri)), Vec::<String>::new());
    // Closing it (it was never saved) brings the finding back.
    server.notify("textDocument/didClose", json!({ "textDocument": { "uri": a5_uri } }));
    assert_eq!(codes(&server.next_diagnostics(&uri)), ["ML303"]);
    // Written to disk by another program: the watched-file event clears it again.
    std::fs::write(&a5, a5_text).unwrap();
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri_of(&a5), "type": 1 }] }));
    assert_eq!(codes(&server.next_diagnostics(&uri)), Vec::<String>::new());
    // Renamed away (a deletion and a creation elsewhere): the finding is back.
    let moved = root.join("cells/drug/moved/A5.txt");
    std::fs::create_dir_all(moved.parent().unwrap()).unwrap();
    std::fs::rename(&a5, &moved).unwrap();
    let changes = json!([{ "uri": uri_of(&a5), "type": 3 }, { "uri": uri_of(&moved), "type": 1 }]);
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": changes }));
    assert_eq!(codes(&server.next_diagnostics(&uri)), ["ML303"]);
    // B2 names neither cell: its findings did not change, so it was not re-published.
    server.change(&b2, 2, json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "# edited\n" }]));
    assert_eq!(server.diagnostics_of(&b2, 2), b2_first);
    server.barrier();
    assert_eq!(server.published(&b2), 0, "no other publication of B2 came");
    assert_eq!(server.published(&uri), 0, "nor of A4, whose findings did not change");
    assert!(server.stop().success());
}

fn uri_of(path: &std::path::Path) -> String {
    uri(path)
}

#[test]
fn configuration_changes_reload_the_settings_and_republish() {
    let (_dir, root) = sample_corpus();
    std::fs::write(root.join("matrixlint.yaml"), "extend: shared/base.yaml\n").unwrap();
    std::fs::create_dir_all(root.join("shared")).unwrap();
    std::fs::write(root.join("shared/base.yaml"), "cells: [\"cells/**/*.yaml\"]\n").unwrap();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let uri = server.open(&root.join("cells/drug/A4.yaml"), &cell("cell A5"));
    assert_eq!(server.diagnostics_of(&uri, 1)[0]["severity"], 2);
    // The file the configuration extends turns the rule into an error.
    let base = root.join("shared/base.yaml");
    std::fs::write(&base, "cells: [\"cells/**/*.yaml\"]\nrules: {missing-cell: error}\n").unwrap();
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri_of(&base), "type": 2 }] }));
    let found = server.next_diagnostics(&uri);
    assert_eq!(codes(&found), ["ML303"]);
    assert_eq!(found[0]["severity"], 1, "an error now");
    // Saved in the editor (a client that does not watch files): the main file turns it off.
    let main = root.join("matrixlint.yaml");
    std::fs::write(&main, "extend: shared/base.yaml\nrules: {missing-cell: off}\n").unwrap();
    server.notify("textDocument/didSave", json!({ "textDocument": { "uri": uri_of(&main) } }));
    assert_eq!(codes(&server.next_diagnostics(&uri)), Vec::<String>::new());
    // Changed behind the editor's back: a change of the editor's settings reads it again.
    std::fs::write(&main, "extend: shared/base.yaml\n").unwrap();
    server.notify("workspace/didChangeConfiguration", json!({ "settings": {} }));
    let found = server.next_diagnostics(&uri);
    assert_eq!(codes(&found), ["ML303"]);
    assert_eq!(found[0]["severity"], 1, "an error again, as the extended file says");
    server.barrier();
    assert_eq!(server.published(&uri), 0, "one publication per change of the settings");
    assert!(server.stop().success());
}

#[test]
fn a_broken_configuration_is_shown_on_its_file_and_fixing_it_resumes_checking() {
    let (_dir, root) = sample_corpus();
    let config = root.join("matrixlint.yaml");
    let broken = "cells: [\"cells/**/*.yaml\"]\nrules:\n  no-such-rule: off\n";
    std::fs::write(&config, broken).unwrap();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let config_uri = uri_of(&config);
    let shown = server.next_diagnostics(&config_uri);
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert_eq!(range(&shown[0]["range"]), (2, 2, 2, 14), "at `no-such-rule`");
    assert!(shown[0]["message"].as_str().unwrap().contains("no-such-rule"));
    // Its cells are not checked meanwhile, and requests still get answers.
    let uri = server.open(&root.join("cells/drug/A4.yaml"), &cell("cell F2"));
    assert_eq!(server.at("textDocument/hover", &uri, 8, 40), Value::Null);
    std::fs::write(&config, "cells: [\"cells/**/*.yaml\"]\n").unwrap();
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": config_uri, "type": 2 }] }));
    assert_eq!(server.next_diagnostics(&config_uri), Vec::<Value>::new(), "the problem is cleared");
    assert_eq!(codes(&server.next_diagnostics(&uri)), ["ML301"]);
    server.barrier();
    assert_eq!(server.published(&config_uri), 0, "the problem was reported once and cleared once");
    assert_eq!(server.published(&uri), 0, "the cell was published once");
    assert!(server.stop().success());
}

#[test]
fn each_corpus_root_in_a_workspace_uses_its_own_configuration() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().canonicalize().unwrap();
    for (name, level) in [("strict", "error"), ("lenient", "info")] {
        let root = workspace.join(name);
        std::fs::create_dir_all(root.join("cells/drug")).unwrap();
        std::fs::write(root.join("matrixlint.yaml"), format!("rules: {{missing-cell: {level}}}\n")).unwrap();
    }
    let (mut server, _) = Server::start(&workspace, &["utf-16"]);
    let strict = server.open(&workspace.join("strict/cells/drug/A4.yaml"), &cell("cell A5"));
    let lenient = server.open(&workspace.join("lenient/cells/drug/A4.yaml"), &cell("cell A5"));
    assert_eq!(server.diagnostics_of(&strict, 1)[0]["severity"], 1);
    assert_eq!(server.diagnostics_of(&lenient, 1)[0]["severity"], 3);
    // A file outside every corpus root gets no diagnostics and no answers, and breaks nothing.
    let outside = server.open(&workspace.join("notes.yaml"), "tier: Key\n");
    assert_eq!(server.at("textDocument/hover", &outside, 0, 7), Value::Null);
    assert_eq!(server.at("textDocument/definition", &outside, 0, 7), Value::Null);
    server.change(&strict, 2, json!([{ "text": cell("cell B2") }]));
    let found = server.diagnostics_of(&strict, 2);
    assert_eq!((codes(&found), &found[0]["severity"]), (vec!["ML303".to_owned()], &json!(1)), "B2 has no source there");
    server.barrier();
    assert_eq!(server.published(&outside), 0);
    // A corpus started around an open file takes it in; removed, lets it go.
    let new_root = workspace.join("new");
    std::fs::create_dir_all(new_root.join("cells/drug")).unwrap();
    let adopted = server.open(&new_root.join("cells/drug/A4.yaml"), &cell("cell F2"));
    let config = new_root.join("matrixlint.yaml");
    std::fs::write(&config, "cells: [\"cells/**/*.yaml\"]\n").unwrap();
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri_of(&config), "type": 1 }] }));
    assert_eq!(codes(&server.next_diagnostics(&adopted)), ["ML301"]);
    std::fs::remove_file(&config).unwrap();
    server.notify("workspace/didChangeWatchedFiles", json!({ "changes": [{ "uri": uri_of(&config), "type": 3 }] }));
    assert_eq!(server.next_diagnostics(&adopted), Vec::<Value>::new(), "cleared: outside every corpus again");
    server.barrier();
    assert_eq!(server.published(&adopted), 0);
    assert!(server.stop().success());
}
