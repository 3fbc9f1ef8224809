//! The server never waits for a corpus to load (issue 19, item 3): the file
//! opened is linted at once against what is known, without reporting cells
//! missing from an index still being built, and again when the index is
//! complete; a settings change reloads in the background while edits are
//! linted under the old settings, and of two changes in a row only the last
//! load is taken. Loads are held at a gate the test opens (no clock).

use std::path::{Path, PathBuf};

use matrixlint::app::Project;
use matrixlint_engine::index::Corpus;
use serde_json::{Value, json};

use crate::server_inprocess::{Gate, InProcess};

/// A cell referring to drug D4, which has no source.
const REFERRING: &str = "matrix: drug\ncell: B2\ntitle: \"Practitioners; Generic and cross-cutting issues\"\nentries:\n  - tier: K\n    title: \"A study of staff\"\n    year: 2001\n    url: \"https://example.org/study\"\n    text: \"More on this in cell D4.\"\n";

/// A corpus of `fillers` small cells in registered bench matrices besides
/// `cells/drug/B2.yaml` ([`REFERRING`]); its configuration ends with `rules`.
fn corpus(fillers: usize, rules: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().canonicalize().unwrap();
    write_config(&root, fillers, rules);
    for i in 0..fillers {
        let (m, k) = (i / 25, i % 25);
        let id = format!("{}{}", char::from(b'A' + u8::try_from(k / 5).unwrap()), k % 5 + 1);
        let path = root.join(format!("cells/m{m}/{id}.yaml"));
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, format!("matrix: m{m}\ncell: {id}\n")).unwrap();
    }
    std::fs::create_dir_all(root.join("cells/drug")).unwrap();
    std::fs::write(root.join("cells/drug/B2.yaml"), REFERRING).unwrap();
    (dir, root)
}

fn write_config(root: &Path, fillers: usize, rules: &str) {
    let mut config = String::new();
    if fillers > 0 {
        config.push_str("registry:\n  matrices:\n");
    }
    let axis = "[One, Two, Three, Four, Five]";
    for m in 0..fillers.div_ceil(25) {
        config.push_str(&format!(
            "    - {{ id: m{m}, name: Bench {m} Treatment Matrix, short_name: Bench {m} Matrix, columns: {axis}, rows: {axis} }}\n"
        ));
    }
    config.push_str(rules);
    std::fs::write(root.join("matrixlint.yaml"), config).unwrap();
}

/// The severity of the `missing-cell` finding (ML303), if any.
fn missing_cell(diagnostics: &[Value]) -> Option<i64> {
    diagnostics.iter().find(|d| d["code"] == "ML303").map(|d| d["severity"].as_i64().unwrap())
}

#[test]
fn the_open_file_is_linted_before_the_index_is_complete_and_again_after() {
    // Large enough for its files to be linted before the index is complete.
    let (_dir, root) = corpus(matrixlint_server::LINT_BEFORE_INDEX_FROM, "");
    let (gate, hook) = Gate::new();
    let mut server = InProcess::start(&root, hook);
    assert_eq!(gate.reached(), root, "the workspace's corpus starts loading");
    let uri = server.open(&root.join("cells/drug/B2.yaml"));
    // The load is held: these diagnostics came without it.
    let (version, first) = server.diagnostics(&uri);
    assert_eq!(version, json!(1));
    assert_eq!(missing_cell(&first), None, "no cell is missing from an index still being built: {first:?}");
    gate.release();
    let (version, complete) = server.diagnostics(&uri);
    assert_eq!(version, json!(1));
    assert_eq!(missing_cell(&complete), Some(2), "the whole index lacks drug D4: {complete:?}");
    assert_eq!(server.stop(), 0);
}

#[test]
fn a_settings_change_reloads_in_the_background_and_only_the_last_load_counts() {
    let (_dir, root) = corpus(0, "");
    let (gate, hook) = Gate::new();
    let mut server = InProcess::start(&root, hook);
    gate.reached();
    gate.release();
    let path = root.join("cells/drug/B2.yaml");
    let uri = server.open(&path);
    let (_, diagnostics) = server.diagnostics(&uri);
    assert_eq!(missing_cell(&diagnostics), Some(2), "a warning by default: {diagnostics:?}");

    // A first change of settings, its load held: an edit is linted at once, under the old ones.
    write_config(&root, 0, "rules: { missing-cell: off }\n");
    server.notify("workspace/didChangeConfiguration", json!({ "settings": {} }));
    gate.reached();
    server.change(&uri, 2, &format!("{REFERRING}# edited\n"));
    let (version, diagnostics) = server.diagnostics(&uri);
    assert_eq!((version, missing_cell(&diagnostics)), (json!(2), Some(2)), "{diagnostics:?}");

    // A second change before the first load ends: the first load's result is dropped,
    // and the second load starts only then (one load of a corpus at a time).
    write_config(&root, 0, "rules: { missing-cell: error }\n");
    server.notify("workspace/didChangeConfiguration", json!({ "settings": {} }));
    server.round_trip();
    gate.release();
    gate.reached();
    server.change(&uri, 3, &format!("{REFERRING}# edited again\n"));
    let (version, diagnostics) = server.diagnostics(&uri);
    assert_eq!(
        (version, missing_cell(&diagnostics)),
        (json!(3), Some(2)),
        "the stale load (missing-cell: off) was not taken: {diagnostics:?}"
    );

    // The last load done: everything open is linted again under it.
    gate.release();
    let (version, diagnostics) = server.diagnostics(&uri);
    assert_eq!((version, missing_cell(&diagnostics)), (json!(3), Some(1)), "{diagnostics:?}");
    assert_eq!(server.stop(), 0);
}

#[test]
fn a_request_about_a_file_waits_for_its_corpus() {
    let (_dir, root) = corpus(0, "");
    let (gate, hook) = Gate::new();
    let mut server = InProcess::start(&root, hook);
    gate.reached();
    let uri = server.open(&root.join("cells/drug/B2.yaml"));
    let (line, character) = crate::server_support::find(REFERRING, "D4", 0);
    let position = json!({ "textDocument": { "uri": uri }, "position": { "line": line, "character": character } });
    let id = server.send_request("textDocument/hover", position);
    gate.release();
    let hover = server.wait_for(|m| m["id"] == id);
    let text = hover["result"]["contents"].to_string();
    assert!(text.contains("No source yet"), "answered against the loaded corpus: {hover}");
    assert_eq!(server.stop(), 0);
}

#[test]
fn an_index_still_being_built_reports_no_cell_missing() {
    // The rules' fixtures that report missing cells, linted against an index
    // holding only the file itself: complete, it lacks the cells referred to;
    // partial, it cannot say.
    for (rule, code, message) in [
        ("missing-cell", "ML303", "has no source in this corpus"),
        ("discussion-target", "ML306", "has no source in this corpus"),
    ] {
        let dir = crate::rules::fixture(rule, "bad");
        let project = Project::open(&dir, Some(&dir), crate::rules::today()).unwrap();
        let mut reported = 0;
        for name in &project.files {
            let loaded = project.load(name);
            let own = loaded.record();
            let mut partial = Corpus::partial();
            if let Some(record) = own.clone() {
                partial.update(name, Some(record));
            }
            let complete = Corpus::new(own.into_iter().collect());
            let missing = |corpus: &Corpus| {
                project
                    .linter
                    .lint(&loaded, corpus)
                    .into_iter()
                    .filter(|d| d.rule.code == code && d.message.contains(message))
                    .count()
            };
            assert_eq!(missing(&partial), 0, "{rule}: {name} against a partial index");
            reported += missing(&complete);
        }
        assert!(reported > 0, "{rule}: the complete index lacks cells the fixture refers to");
    }
}

#[test]
fn a_sync_waits_for_a_load_and_the_lints_it_brings() {
    let (_dir, root) = corpus(0, "");
    let (gate, hook) = Gate::new();
    let mut server = InProcess::start(&root, hook);
    gate.reached();
    // Its corpus still loading, the file opened is not linted yet.
    let uri = server.open(&root.join("cells/drug/B2.yaml"));
    let sync = server.send_request("matrixlint/sync", Value::Null);
    server.round_trip();
    assert!(!server.answered(sync), "no answer while the load is held");
    gate.release();
    let answer = server.wait_for(|m| m["id"] == sync);
    assert_eq!(answer.get("result"), Some(&Value::Null), "{answer}");
    assert_eq!(server.published(&uri), [json!(1)], "the lint the load brought was published before the answer");
    server.barrier();
    assert_eq!(server.published(&uri), [json!(1)], "and nothing since");
    assert_eq!(server.stop(), 0);
}
