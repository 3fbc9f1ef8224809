//! `matrixlint server` over stdio: quick fixes, suppressions with the cursor
//! placed for the reason, fix-all, completion and document symbols.

use crate::server_support::{Server, capabilities, find, range, sample_corpus};
use serde_json::{Value, json};

/// Applies text edits (UTF-16 positions) to `text`.
fn apply(text: &str, edits: &[Value]) -> String {
    let offset = |p: &Value| {
        let (line, character) = (p["line"].as_u64().unwrap() as usize, p["character"].as_u64().unwrap() as usize);
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let units: Vec<u16> = text[start..].encode_utf16().take(character).collect();
        start + String::from_utf16(&units).unwrap().len()
    };
    let mut spans: Vec<(usize, usize, &str)> = edits
        .iter()
        .map(|e| (offset(&e["range"]["start"]), offset(&e["range"]["end"]), e["newText"].as_str().unwrap()))
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_owned();
    for (a, b, new) in spans {
        out.replace_range(a..b, new);
    }
    out
}

fn actions(server: &mut Server, uri: &str, at: (u64, u64), only: Option<&[&str]>) -> Vec<Value> {
    let position = json!({ "line": at.0, "character": at.1 });
    let mut context = json!({ "diagnostics": [] });
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    let params =
        json!({ "textDocument": { "uri": uri }, "range": { "start": position, "end": position }, "context": context });
    server.request("textDocument/codeAction", params).as_array().unwrap().clone()
}

#[test]
fn quick_fixes_suppressions_and_fix_all() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let a2 = root.join("cells/drug/A2.yaml");
    let original = std::fs::read_to_string(&a2).unwrap();
    let text = original.replacen("tier: K", "tier: k", 1).replacen("tier: R", "tier: r", 1);
    let uri = server.open(&a2, &text);
    let at = find(&text, "tier: k", 0);
    let found = actions(&mut server, &uri, (at.0, at.1 + 6), None);
    let titles: Vec<&str> = found.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(titles, ["write `K`", "Suppress `unknown-tier` on this line", "Fix all matrixlint problems (2 fixes)"]);
    let fix = &found[0];
    assert_eq!((fix["kind"].as_str(), fix["isPreferred"].as_bool()), (Some("quickfix"), Some(true)));
    assert_eq!(fix["diagnostics"][0]["code"], "ML201");
    let fixed = apply(&text, fix["edit"]["changes"][&uri].as_array().unwrap());
    assert_eq!(fixed, original.replacen("tier: R", "tier: r", 1));
    // The suppression, then the cursor where the reason goes.
    let suppress = &found[1];
    let suppressed = apply(&text, suppress["edit"]["changes"][&uri].as_array().unwrap());
    let line = suppressed.lines().nth(at.0 as usize).unwrap();
    assert_eq!(line, "  - tier: k  # matrixlint: ignore[unknown-tier] ");
    assert_eq!(suppress["command"]["command"], "matrixlint.placeCursor");
    let cursor = &suppress["command"]["arguments"][1];
    assert_eq!(
        (cursor["line"].as_u64(), cursor["character"].as_u64()),
        (Some(at.0), Some(line.encode_utf16().count() as u64))
    );
    server.request("workspace/executeCommand", suppress["command"].clone());
    let shown = server.wait_for(|m| m["method"] == "window/showDocument");
    assert_eq!(
        (shown["params"]["uri"].as_str(), shown["params"]["takeFocus"].as_bool()),
        (Some(uri.as_str()), Some(true))
    );
    assert_eq!(
        range(&shown["params"]["selection"]),
        (at.0, cursor["character"].as_u64().unwrap(), at.0, cursor["character"].as_u64().unwrap())
    );
    // With a reason typed, `check` honours it: the server reports nothing there.
    server.change(
        &uri,
        2,
        json!([{ "text": suppressed.replacen("ignore[unknown-tier] ", "ignore[unknown-tier] kept as written", 1) }]),
    );
    let left = server.diagnostics_of(&uri, 2);
    assert!(left.iter().all(|d| range(&d["range"]).0 != at.0), "{left:#?}");
    // Fix all, as a source action (what `codeActionsOnSave` asks for).
    let all = actions(&mut server, &uri, (0, 0), Some(&["source.fixAll"]));
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["kind"], "source.fixAll.matrixlint");
    let current = suppressed.replacen("ignore[unknown-tier] ", "ignore[unknown-tier] kept as written", 1);
    let fixed = apply(&current, all[0]["edit"]["changes"][&uri].as_array().unwrap());
    assert_eq!(fixed, current.replacen("tier: r", "tier: R", 1));
    assert!(actions(&mut server, &uri, (0, 0), Some(&["refactor"])).is_empty());
    assert!(server.stop().success());
}

#[test]
fn a_finding_inside_a_paragraph_is_suppressed_for_the_file() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let a2 = root.join("cells/drug/A2.yaml");
    let text = std::fs::read_to_string(&a2).unwrap().replacen("explored in [cell B2]", "explored in [cell F2]", 1);
    let uri = server.open(&a2, &text);
    let at = find(&text, "F2]", 0);
    let found = actions(&mut server, &uri, at, Some(&["quickfix"]));
    assert_eq!(found[0]["title"], "Suppress `unknown-cell` in this file", "a `#` inside the paragraph would be text");
    let edited = apply(&text, found[0]["edit"]["changes"][&uri].as_array().unwrap());
    let lines: Vec<&str> = edited.lines().take(3).collect();
    assert_eq!(lines[2], "# matrixlint: ignore-file[unknown-cell] ", "after the leading comments");
    assert!(server.stop().success());
}

fn labels(server: &mut Server, uri: &str, at: (u64, u64)) -> (Vec<String>, Value) {
    let result = server.at("textDocument/completion", uri, at.0, at.1);
    let items = result["items"].as_array().unwrap().clone();
    let mut sorted = items.clone();
    sorted.sort_by_key(|i| i["sortText"].as_str().or(i["label"].as_str()).unwrap().to_owned());
    (sorted.iter().map(|i| i["label"].as_str().unwrap().to_owned()).collect(), json!(items))
}

#[test]
fn completion_offers_tiers_matrices_cells_headings_and_rules() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let text = "matrix: drug\ncell: \nentries:\n  - tier: \n    text: see cells A3 and \n    discussion: [\n  # matrixlint: ignore[unknown-t\nbite:\n  about: x\n  issues:\n    - id: my-issue\n";
    let uri = server.open(&root.join("cells/drug/A4.yaml"), text);
    let (line, column) = find(text, "tier: ", 0);
    let (tiers, items) = labels(&mut server, &uri, (line, column + 6));
    assert_eq!(tiers, ["S", "K", "R", "G", "more"]);
    assert!(items[0]["documentation"]["value"].as_str().unwrap().starts_with("**S** — Seminal studies"));
    let (cells, items) = labels(&mut server, &uri, (1, 6));
    assert_eq!(cells.len(), 25);
    assert_eq!(cells[22..], ["A2", "B2", "B4"], "cells another file declares come last");
    let a2 = items.as_array().unwrap().iter().find(|i| i["label"] == "A2").unwrap();
    assert!(a2["documentation"]["value"].as_str().unwrap().contains("Already declared by `cells/drug/A2.yaml`"));
    let (line, column) = find(text, "A3 and ", 0);
    let (prose, _) = labels(&mut server, &uri, (line, column + 7));
    assert_eq!(prose.len(), 25);
    let (line, column) = find(text, "discussion: [", 0);
    let (headings, _) = labels(&mut server, &uri, (line, column + 13));
    assert_eq!(headings[..3], ["about", "my-issue", "A2"], "this cell's headings first");
    assert!(headings.contains(&"alcohol/C2#recruitment-the-critical-missing-link".to_owned()), "{headings:?}");
    let (line, column) = find(text, "unknown-t", 0);
    let result = server.at("textDocument/completion", &uri, line, column + 9);
    let item = result["items"].as_array().unwrap().iter().find(|i| i["label"] == "unknown-tier").unwrap().clone();
    assert_eq!(item["detail"].as_str().unwrap().split(' ').next(), Some("ML201"));
    assert_eq!(range(&item["textEdit"]["range"]), (line, column, line, column + 9), "replaces what was typed");
    // `matrix:` on a new line.
    server.change(&uri, 2, json!([{ "text": "matrix: a" }]));
    let (matrices, _) = labels(&mut server, &uri, (0, 9));
    assert_eq!(matrices, ["alcohol", "drug"]);
    assert!(server.stop().success());
}

#[test]
fn document_symbols_outline_entries_by_tier_and_the_bite() {
    let (_dir, root) = sample_corpus();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let (uri, text) = server.open_file(&root.join("cells/drug/A2.yaml"));
    let symbols = server.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    let names = |v: &Value| {
        v["children"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>()
    };
    assert_eq!(symbols[0]["name"], "entries");
    assert_eq!(
        names(&symbols[0]),
        ["S — Seminal studies", "K — Key studies", "R — Reviews", "G — Guidance", "more — Search for more studies"]
    );
    let seminal = &symbols[0]["children"][0]["children"][0];
    assert_eq!(
        (seminal["name"].as_str(), seminal["detail"].as_str()),
        (Some("Principles of drug addiction treatment"), Some("S G 1999"))
    );
    let (line, column) = find(&text, "\"Principles of drug addiction treatment\"", 0);
    assert_eq!(range(&seminal["selectionRange"]), (line, column, line, column + 40));
    assert_eq!(symbols[1]["name"], "Matrix Bite");
    assert_eq!(
        names(&symbols[1]),
        ["What is this cell about?", "Where should I start?", "Issues to consider and discuss"]
    );
    assert_eq!(symbols[1]["children"][2]["children"][0]["detail"], "does-the-label-on-the-bottle-matter");
    assert!(server.stop().success());
    // A client without nested symbols gets a flat list with containers.
    let mut plain = Server::spawn(&root);
    let mut caps = capabilities(&["utf-16"]);
    caps["textDocument"]["documentSymbol"] = json!({});
    plain.initialize(&root, caps);
    let (uri, _) = plain.open_file(&root.join("cells/drug/A2.yaml"));
    let flat = plain.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri } }));
    let issue = flat.as_array().unwrap().iter().find(|s| s["name"] == "Does the label on the bottle matter?").unwrap();
    assert_eq!(issue["containerName"], "Issues to consider and discuss");
    assert!(plain.stop().success());
}
