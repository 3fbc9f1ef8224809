//! The server and `check` give the same findings for the same text: every
//! rule fixture (good and bad) and the sample corpus, each cell opened in the
//! server with its text on disk, compared with `check --format json` on the
//! same corpus (rule, place and message; columns in characters).

use std::path::{Path, PathBuf};

use crate::server_support::{Server, check_report};
use matrixlint_engine::source::LineIndex;
use serde_json::Value;

/// `file:line:column-line:column code message` for each of `check`'s findings.
fn check(root: &Path) -> Vec<String> {
    check_report(root)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{}-{}:{} {} {}",
                d["file"].as_str().unwrap(),
                d["line"],
                d["column"],
                d["end_line"],
                d["end_column"],
                d["code"].as_str().unwrap(),
                d["message"].as_str().unwrap()
            )
        })
        .collect()
}

/// The cell sources an editor can open: regular files of UTF-8 text.
fn cells(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.join("cells")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yaml")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.push((name, text));
            }
        }
    }
    out.sort();
    out
}

/// A UTF-16 column of `line` in `text` as a 1-based character column, the
/// lines counted by the engine's one line index (`check`'s and the server's).
fn char_column(text: &str, line: u64, utf16: u64) -> usize {
    let index = LineIndex::new(text);
    let line = line as usize;
    let line_text = index.start(line).map_or("", |start| &text[start..index.content_end(text, line)]);
    let mut units = 0;
    for (i, c) in line_text.chars().enumerate() {
        if units >= utf16 as usize {
            return i + 1;
        }
        units += c.len_utf16();
    }
    line_text.chars().count() + 1
}

/// The server's findings for every cell of `root`, in `check`'s form.
fn served(root: &Path) -> (Vec<String>, Vec<String>) {
    let (mut server, _) = Server::start(root, &["utf-16"]);
    let mut out = Vec::new();
    let opened: Vec<(String, String)> = cells(root);
    let uris: Vec<String> = opened.iter().map(|(name, text)| server.open(&root.join(name), text)).collect();
    for ((name, text), uri) in opened.iter().zip(&uris) {
        for d in server.diagnostics_of(uri, 1) {
            let r = &d["range"];
            let n = |p: &Value, k: &str| p[k].as_u64().unwrap();
            let message = d["message"].as_str().unwrap().split("\nhelp: ").next().unwrap().to_owned();
            out.push(format!(
                "{name}:{}:{}-{}:{} {} {message}",
                n(&r["start"], "line") + 1,
                char_column(text, n(&r["start"], "line"), n(&r["start"], "character")),
                n(&r["end"], "line") + 1,
                char_column(text, n(&r["end"], "line"), n(&r["end"], "character")),
                d["code"].as_str().unwrap(),
            ));
        }
    }
    assert!(server.stop().success());
    (out, opened.into_iter().map(|(name, _)| name).collect())
}

fn corpora() -> Vec<PathBuf> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = vec![fixtures.join("corpus")];
    // Corpora made for this comparison: lines broken by a lone `\r`.
    out.extend(std::fs::read_dir(fixtures.join("parity")).unwrap().flatten().map(|corpus| corpus.path()));
    for rule in std::fs::read_dir(fixtures.join("rules")).unwrap().flatten() {
        out.extend(["good", "bad"].map(|kind| rule.path().join(kind)).into_iter().filter(|p| p.is_dir()));
    }
    out.sort();
    out
}

#[test]
fn the_server_and_check_find_the_same_problems_in_every_fixture() {
    let mut compared = 0;
    let mut findings = 0;
    for root in corpora() {
        let (mut from_server, opened) = served(&root);
        // A file no editor can open (not UTF-8, a dangling link) is `check`'s alone.
        let mut from_check: Vec<String> =
            check(&root).into_iter().filter(|f| opened.iter().any(|name| f.starts_with(&format!("{name}:")))).collect();
        from_check.sort();
        from_server.sort();
        assert_eq!(from_server, from_check, "{}", root.display());
        compared += opened.len();
        findings += from_check.len();
    }
    assert!(compared > 50 && findings > 80, "the fixtures were read: {compared} files, {findings} findings");
}
