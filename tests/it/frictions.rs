//! The last newcomer frictions (issue 21, item 3), through the binary: what
//! a new user sees when something goes wrong.

use std::path::Path;

use assert_cmd::Command;

use crate::common::repo;

use crate::common::sample_corpus as corpus;

fn matrixlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("matrixlint").unwrap();
    cmd.current_dir(dir).env("MATRIXLINT_TODAY", "2026-06-15").env("NO_COLOR", "1").env_remove("COLUMNS");
    cmd
}

/// Standard error of a run that must exit with `code`.
fn stderr(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stderr.clone()).unwrap()
}

/// Standard output of a run that must exit with `code`.
fn stdout(cmd: &mut Command, code: i32) -> String {
    String::from_utf8(cmd.assert().code(code).get_output().stdout.clone()).unwrap()
}

#[test]
fn fatal_errors_show_their_internal_code_only_with_verbose() {
    let empty = tempfile::tempdir().unwrap();
    let plain = stderr(matrixlint(empty.path()).arg("check"), 2);
    assert!(!plain.contains("matrixlint::"), "{plain}");
    assert!(plain.trim_start().starts_with("× no matrixlint.yaml found in"), "{plain}");
    assert!(plain.contains("help: run `matrixlint init`"), "{plain}");
    let verbose = stderr(matrixlint(empty.path()).args(["-v", "check"]), 2);
    assert!(verbose.contains("matrixlint::no_config"), "{verbose}");
    // Configuration problems, each shown as a report of its own, too.
    let dir = corpus();
    std::fs::write(dir.path().join("matrixlint.yaml"), "colour: red\n").unwrap();
    let plain = stderr(matrixlint(dir.path()).arg("check"), 2);
    assert!(plain.contains("unknown field `colour`") && !plain.contains("matrixlint::"), "{plain}");
    let verbose = stderr(matrixlint(dir.path()).args(["check", "--verbose"]), 2);
    assert!(verbose.contains("matrixlint::config"), "{verbose}");
    // Related errors (one per page `import` refused) are shown, without their codes.
    let bad = dir.path().join("not-a-cell.txt");
    std::fs::write(&bad, "Just some text.\n").unwrap();
    let import = |verbose: bool| {
        let mut cmd = matrixlint(dir.path());
        cmd.args(["import", "--out-dir", "out"]).arg(&bad).args(verbose.then_some("-v"));
        stderr(&mut cmd, 2)
    };
    let plain = import(false);
    assert!(plain.contains("no heading line") && !plain.contains("matrixlint::"), "{plain}");
    assert!(import(true).contains("matrixlint::import"), "{}", import(true));
}

#[test]
fn every_place_that_names_a_rule_suggests_the_closest_one() {
    let dir = corpus();
    for flag in ["--select", "--ignore"] {
        let err = stderr(matrixlint(dir.path()).args(["check", flag, "tier-order,prose-yaer"]), 2);
        assert!(err.contains("no rule is called prose-yaer; did you mean `prose-year`?"), "{err}");
    }
    // A suppression naming a misspelt rule.
    let b2 = dir.path().join("cells/drug/B2.yaml");
    let text = std::fs::read_to_string(&b2).unwrap().replacen(
        "- tier: K\n",
        "- tier: K  # matrixlint: ignore[unknown-teir] checked with the author\n",
        1,
    );
    std::fs::write(&b2, text).unwrap();
    let json = stdout(matrixlint(dir.path()).args(["check", "--format", "json", "cells/drug/B2.yaml"]), 0);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let finding = &json["diagnostics"][0];
    assert_eq!(finding["message"], "unknown rule `unknown-teir` in suppression", "{json}");
    assert_eq!(finding["help"], "did you mean `unknown-tier`? `matrixlint rules` lists every rule", "{json}");
    // Rule names in the configuration, at the top and in overrides.
    std::fs::write(
        dir.path().join("matrixlint.yaml"),
        "rules:\n  prose-yaer: off\noverrides:\n  - files: ['cells/drug/**']\n    rules:\n      cell-titel: off\n",
    )
    .unwrap();
    let err = stderr(matrixlint(dir.path()).arg("check"), 2);
    assert!(err.contains("did you mean `prose-year`?") && err.contains("did you mean `cell-title`?"), "{err}");
}

/// The byte offset of a 1-based line and character column in `text`.
fn offset(text: &str, place: &serde_json::Value) -> usize {
    let (line, column) = (place["line"].as_u64().unwrap() as usize, place["column"].as_u64().unwrap() as usize);
    let start: usize = text.split_inclusive('\n').take(line - 1).map(str::len).sum();
    start + text[start..].chars().take(column - 1).map(char::len_utf8).sum::<usize>()
}

#[test]
fn json_findings_carry_their_fix_and_its_edits_do_what_fix_does() {
    let dir = corpus();
    let b2 = dir.path().join("cells/drug/B2.yaml");
    let original = std::fs::read_to_string(&b2).unwrap().replacen("- tier: K\n", "- tier: k\n", 1);
    std::fs::write(&b2, &original).unwrap();
    let out = stdout(matrixlint(dir.path()).args(["check", "--format", "json", "cells/drug/B2.yaml"]), 1);
    insta::assert_snapshot!(out);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["version"], 1);
    let finding = &json["diagnostics"][0];
    assert_eq!(finding["fixable"], true, "{json}");
    // Applying the edits, last first, gives what `--fix` writes.
    let mut edits = finding["fix"]["edits"].as_array().unwrap().clone();
    edits.sort_by_key(|e| std::cmp::Reverse(offset(&original, &e["location"])));
    let mut fixed = original.clone();
    for e in &edits {
        let range = offset(&original, &e["location"])..offset(&original, &e["end_location"]);
        fixed.replace_range(range, e["content"].as_str().unwrap());
    }
    matrixlint(dir.path()).args(["check", "--fix", "cells/drug/B2.yaml"]).assert().code(0);
    assert_eq!(fixed, std::fs::read_to_string(&b2).unwrap());
    assert_ne!(fixed, original);
    // A finding without a fix says so.
    std::fs::write(&b2, original.replacen("- tier: k\n", "- tier: Q\n", 1)).unwrap();
    let out = stdout(matrixlint(dir.path()).args(["check", "--format", "json", "cells/drug/B2.yaml"]), 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (&json["diagnostics"][0]["fixable"], &json["diagnostics"][0]["fix"]),
        (&false.into(), &serde_json::Value::Null)
    );
}

#[test]
fn a_missing_space_after_a_colon_and_an_empty_file_say_what_to_write() {
    let dir = corpus();
    let b2 = dir.path().join("cells/drug/B2.yaml");
    let text = std::fs::read_to_string(&b2).unwrap().replacen("\ncell: B2\n", "\ncell:B2\n", 1);
    std::fs::write(&b2, text).unwrap();
    std::fs::write(dir.path().join("cells/drug/B3.yaml"), "# to do\n").unwrap();
    let out = stdout(
        matrixlint(dir.path()).args(["check", "--format", "json", "cells/drug/B2.yaml", "cells/drug/B3.yaml"]),
        1,
    );
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let said: Vec<(&str, &str)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["message"].as_str().unwrap(), d["help"].as_str().unwrap()))
        .collect();
    assert_eq!(
        said,
        [
            (
                "a space is missing after the colon of `cell:`, so YAML reads the line as one word",
                "write a space after the colon: `cell: B2`"
            ),
            (
                "an empty file: a cell source is a mapping that starts with `matrix:` and `cell:`",
                "start the file with the lines `matrix: drug`, `cell: B3` and `entries:`, then one `- tier: …` item \
                 per source below `entries:`"
            ),
        ]
    );
}

#[test]
fn init_in_a_repository_with_cells_says_to_check_them() {
    let empty = tempfile::tempdir().unwrap();
    let out = stdout(matrixlint(empty.path()).arg("init"), 0);
    assert!(out.ends_with("then run `matrixlint check`; until a file matches `cells`, `check` stops with an error.\n"));
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_tree(&repo().join("fixtures/corpus/cells"), &dir.path().join("cells"));
    let mut cells = Vec::new();
    collect_yaml(&dir.path().join("cells"), &mut cells);
    let cells = cells.len();
    let out = stdout(matrixlint(dir.path()).arg("init"), 0);
    assert!(!out.contains("create a cell source"), "{out}");
    assert!(out.ends_with(&format!("Found {cells} cell sources; run `matrixlint check` to check them.\n")), "{out}");
    // …which is true: `check` then checks that many.
    let checked = stdout(matrixlint(dir.path()).args(["check", "--format", "concise", "--exit-zero"]), 0);
    assert!(checked.contains(&format!("Checked {cells} files")), "{checked}");
}

/// The sample corpus is offered as an example to copy: its `$schema`
/// comments point into its own `schemas/`, as in a corpus `init` made, and
/// those schemas are this version's (`MATRIXLINT_BLESS=1` refreshes them).
#[test]
fn the_sample_corpus_is_self_contained_like_one_init_made() {
    let corpus = repo().join("fixtures/corpus");
    for name in ["schemas/cell.schema.json", "schemas/config.schema.json"] {
        let shipped = std::fs::read_to_string(repo().join(name)).unwrap();
        let copy = corpus.join(name);
        if std::env::var_os("MATRIXLINT_BLESS").is_some() {
            std::fs::write(&copy, &shipped).unwrap();
        }
        let copied = std::fs::read_to_string(&copy).unwrap_or_default();
        assert!(
            copied == shipped,
            "fixtures/corpus/{name} is stale: run `MATRIXLINT_BLESS=1 cargo test --test it frictions`"
        );
    }
    let mut cells = Vec::new();
    collect_yaml(&corpus.join("cells"), &mut cells);
    assert!(cells.len() >= 5, "{cells:?}");
    let config = std::fs::read_to_string(corpus.join("matrixlint.yaml")).unwrap();
    for (file, text) in cells
        .iter()
        .map(|c| (c.clone(), std::fs::read_to_string(c).unwrap()))
        .chain([(corpus.join("matrixlint.yaml"), config)])
    {
        let reference = text.lines().find_map(|l| l.strip_prefix("# yaml-language-server: $schema=")).unwrap();
        let expected = if file.ends_with("matrixlint.yaml") {
            "schemas/config.schema.json"
        } else {
            "../../schemas/cell.schema.json"
        };
        assert_eq!(reference, expected, "{}", file.display());
        let target = file.parent().unwrap().join(reference).canonicalize().unwrap();
        assert!(target.starts_with(corpus.canonicalize().unwrap()), "{} leaves the corpus", file.display());
    }
}

fn collect_yaml(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_yaml(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

#[test]
fn help_lines_never_break_inside_a_url_or_a_code_span_at_narrow_widths() {
    let bad = repo().join("fixtures/rules/missing-url/bad");
    for columns in ["30", "40", "50", "60"] {
        let out = stdout(matrixlint(&bad).env("COLUMNS", columns).arg("check"), 1);
        let helps: Vec<String> = out
            .split("  help: ")
            .skip(1)
            .map(|h| h.split("\n\n").next().unwrap().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert!(!helps.is_empty(), "{out}");
        for line in out.lines().filter(|l| l.starts_with("  help: ") || l.starts_with("        ")) {
            assert_eq!(line.matches('`').count() % 2, 0, "a code span broken at {columns} columns:\n{out}");
        }
        assert!(out.contains("`url: \"https://findings.org.uk/PHP/dl.php?file=…\"`"), "{columns}:\n{out}");
        assert!(out.contains("(`matrixlint check --fix`"), "{columns}:\n{out}");
    }
}

/// The findings of `check --format json` on the one cell `text` (in a copy of the sample corpus).
fn findings_on(text: &str) -> Vec<(String, String)> {
    let dir = corpus();
    std::fs::write(dir.path().join("cells/drug/B2.yaml"), text).unwrap();
    let args = ["check", "--format", "json", "--exit-zero", "cells/drug/B2.yaml"];
    let json: serde_json::Value = serde_json::from_str(&stdout(matrixlint(dir.path()).args(args), 0)).unwrap();
    let found = json["diagnostics"].as_array().unwrap().iter();
    found.map(|d| (d["rule"].as_str().unwrap().to_owned(), d["help"].as_str().unwrap_or("").to_owned())).collect()
}

#[test]
fn a_placeholder_url_is_not_told_to_remove_what_missing_url_then_asks_for() {
    let clean = std::fs::read_to_string(repo().join("fixtures/corpus/cells/drug/B2.yaml")).unwrap();
    let (url_line, empty_url) =
        ("    url: \"https://findings.org.uk/PHP/dl.php?file=Luborsky_L_2.txt\"\n", "    url: \"\"\n");
    assert!(clean.contains(url_line));
    let placeholder = clean.replacen(url_line, empty_url, 1);
    let found = findings_on(&placeholder);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "placeholder-link");
    assert!(!found[0].1.contains("remove"), "{found:?}");
    // Removing it would only trade the finding for another; the advice given names the address instead.
    assert_eq!(findings_on(&clean.replacen(url_line, "", 1))[0].0, "missing-url");
    assert!(found[0].1.starts_with("give `url` the address of the document"), "{found:?}");
    // An optional field may go: removing it leaves nothing to report.
    let free = clean.replacen(url_line, &format!("{url_line}    free_source: \"#\"\n"), 1);
    let found = findings_on(&free);
    assert_eq!(
        found,
        [(
            "placeholder-link".to_owned(),
            "give `free_source` the document's absolute https:// address, or remove the field".to_owned()
        )]
    );
    assert_eq!(findings_on(&clean), []);
}

/// Every fix note, of every fixable rule (walking the registry), has one
/// form: `fix: <what> (`matrixlint check --fix`)`, `<what>` an instruction
/// in lower case without a full stop, said once even when the help says the same.
#[test]
fn every_fixable_rule_words_its_fix_note_one_way() {
    // Rules without a check (`dead-link`, the evidence rules) find nothing in `check`: their
    // findings come from an audit, whose tests cover the fix.
    let fixable: Vec<&str> = matrixlint_engine::rules::RULES
        .iter()
        .filter(|r| r.info.fixable && r.check.is_some())
        .map(|r| r.info.name)
        .collect();
    assert!(fixable.len() >= 5, "{fixable:?}");
    for name in fixable {
        let bad = repo().join("fixtures/rules").join(name).join("bad");
        let out = stdout(matrixlint(&bad).env("COLUMNS", "1000").args(["check", "--exit-zero", "--select", name]), 0);
        // Each finding from its header line (`ML102(schema) [*]`) to the next.
        let mut blocks: Vec<String> = Vec::new();
        for line in out.lines() {
            if line.starts_with("ML") || blocks.is_empty() {
                blocks.push(String::new());
            }
            let block = blocks.last_mut().unwrap();
            block.push_str(line);
            block.push('\n');
        }
        let findings: Vec<&str> =
            blocks.iter().map(String::as_str).filter(|b| b.contains(&format!("({name})"))).collect();
        let marked = findings.iter().filter(|b| b.contains(&format!("({name}) [*]"))).count();
        assert!(marked > 0, "{name}: no fixable finding in its bad fixture\n{out}");
        let mut notes = 0;
        for block in findings.iter().filter(|b| b.contains(&format!("({name}) [*]"))) {
            let lines: Vec<&str> =
                block.lines().filter(|l| l.trim_start().starts_with("help: ") || l.starts_with("        ")).collect();
            let notes_here: Vec<&str> = lines
                .iter()
                .filter_map(|l| l.trim_start().trim_start_matches("help: ").strip_prefix("fix: "))
                .collect();
            assert_eq!(notes_here.len(), 1, "{name}: one fix note per fixable finding\n{block}");
            let what =
                notes_here[0].strip_suffix(" (`matrixlint check --fix`)").unwrap_or_else(|| panic!("{name}: {block}"));
            assert!(what.starts_with(|c: char| c.is_ascii_lowercase()) && !what.ends_with('.'), "{name}: {what}");
            assert!(!block.contains("does this"), "{name}: {block}");
            // Said once: the help line above it (if any) is not the same instruction.
            assert!(lines.iter().all(|l| l.trim_start().trim_start_matches("help: ") != what), "{name}: {block}");
            notes += 1;
        }
        assert_eq!(notes, marked);
    }
}

/// The least major version a `>=22`-style Node range allows.
fn least_major(range: &str) -> u64 {
    let digits: String =
        range.trim_start_matches(|c: char| !c.is_ascii_digit()).chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or_else(|_| panic!("no version in {range:?}"))
}

/// The VS Code extension says which Node builds it: at least what every
/// locked build tool declares (vsce 4 wants 22), in `engines.node` and in both
/// places that tell people how to build it.
#[test]
fn the_vscode_extension_declares_the_node_its_build_needs() {
    let dir = repo().join("editors/vscode");
    let read_json = |name: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
    };
    let manifest = read_json("package.json");
    let declared = least_major(manifest["engines"]["node"].as_str().expect("engines.node"));
    let lock = read_json("package-lock.json");
    let dev: Vec<&String> = manifest["devDependencies"].as_object().unwrap().keys().collect();
    for name in dev {
        let locked = &lock["packages"][format!("node_modules/{name}")];
        if let Some(range) = locked["engines"]["node"].as_str() {
            assert!(least_major(range) <= declared, "{name} needs Node {range}, engines.node says {declared}");
        }
    }
    assert!(declared >= 22, "vsce 4 needs Node 22");
    for doc in [repo().join("docs/editors.md"), dir.join("README.md")] {
        let text = std::fs::read_to_string(&doc).unwrap();
        assert!(text.contains(&format!("Node {declared} or later")), "{} does not say Node {declared}", doc.display());
    }
}
