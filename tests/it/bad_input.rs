//! Bad input of every kind gets a clear diagnostic naming file, line and
//! column; nothing panics; the other files are still checked.

use std::path::Path;

use matrixlint::app::{Project, check::check_files};

const GOOD_WITH_A_WARNING: &str = "matrix: drug\ncell: A2\ntitle: \"Interventions: Generic and cross-cutting issues\"\nentries:\n  - tier: K\n    title: \"T\"\n    year: 2001\n";

fn write(dir: &Path, rel: &str, bytes: &[u8]) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

fn billion_laughs() -> String {
    let mut text = String::from(
        "matrix: drug\ncell: A6\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for w in names.windows(2) {
        let (prev, name) = (w[0], w[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    text
}

#[test]
fn every_kind_of_bad_input_is_one_clear_diagnostic_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "matrixlint.yaml", b"# test corpus\n");
    write(root, "cells/drug/A1.yaml", b"matrix: drug\ncell: A1\nentries: [\n");
    write(root, "cells/drug/A2.yaml", GOOD_WITH_A_WARNING.as_bytes());
    write(root, "cells/drug/A3.yaml", b"matrix: drug\ncell: A3\nentries: 5\n");
    write(
        root,
        "cells/drug/A4.yaml",
        b"matrix: drug\ncell: A4\ncolour: red\nentries:\n  - tier: K\n    title: T\n    year: 2001\n",
    );
    write(root, "cells/drug/A5.yaml", b"matrix: drug\ncell: A5\n# caf\xe9\n");
    write(root, "cells/drug/A6.yaml", billion_laughs().as_bytes());
    let huge = format!("matrix: drug\ncell: B1\nsummary: \"{}\"\n", "x".repeat(5 * 1024 * 1024));
    write(root, "cells/drug/B1.yaml", huge.as_bytes());
    std::os::unix::fs::symlink(root.join("nowhere.yaml"), root.join("cells/drug/B3.yaml")).unwrap();
    std::fs::create_dir_all(root.join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(root.join("elsewhere"), root.join("cells/drug/B4.yaml")).unwrap();

    let project = Project::open(root, Some(root), jiff::civil::date(2026, 6, 15)).unwrap();
    let diagnostics = check_files(&project, &project.files).unwrap();
    let found: Vec<String> = diagnostics
        .iter()
        .map(|d| format!("{}:{}:{} {}: {}", d.file.name, d.start().line, d.start().column, d.rule.name, d.message))
        .collect();
    let expected = [
        "cells/drug/A1.yaml:3:10 yaml-syntax: the `[` opened here is never closed",
        "cells/drug/A2.yaml:3:8 cell-title: title uses a colon where house style has a semicolon",
        "cells/drug/A3.yaml:3:10 schema: expected a list, found an integer `5`",
        "cells/drug/A4.yaml:3:1 schema: unknown field `colour`",
        "cells/drug/A5.yaml:3:6 yaml-syntax: file is not valid UTF-8: byte 0xe9",
        "cells/drug/A6.yaml:3:4 yaml-syntax: anchors are not allowed in cell sources",
    ];
    for line in expected {
        assert!(found.iter().any(|f| f == line), "missing `{line}` in:\n{}", found.join("\n"));
    }
    let huge_found = found.iter().find(|f| f.starts_with("cells/drug/B1.yaml")).unwrap();
    let size = huge.len();
    assert_eq!(
        huge_found,
        &format!(
            "cells/drug/B1.yaml:1:1 read-error: file is {size} bytes, larger than the 4 MiB limit for a cell source"
        )
    );
    let missing = found.iter().find(|f| f.starts_with("cells/drug/B3.yaml")).unwrap();
    assert!(missing.starts_with("cells/drug/B3.yaml:1:1 read-error: cannot read file"), "{missing}");
    let directory = found.iter().find(|f| f.starts_with("cells/drug/B4.yaml")).unwrap();
    assert_eq!(directory, "cells/drug/B4.yaml:1:1 read-error: expected a file, found a directory");
    // The alias bomb is rejected, never expanded, in one finding per kind.
    let bomb: Vec<&String> = found.iter().filter(|f| f.contains("A6.yaml")).collect();
    assert_eq!(
        bomb,
        [
            "cells/drug/A6.yaml:3:4 yaml-syntax: anchors are not allowed in cell sources",
            "cells/drug/A6.yaml:4:8 yaml-syntax: aliases are not allowed in cell sources"
        ]
    );
}

#[test]
fn a_file_of_only_a_comment_or_nothing_is_one_schema_error() {
    const EMPTY: &str = "an empty file: a cell source is a mapping that starts with `matrix:` and `cell:`";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "matrixlint.yaml", b"");
    write(dir.path(), "cells/drug/A1.yaml", b"");
    write(dir.path(), "cells/drug/A2.yaml", b"# nothing yet\n");
    let project = Project::open(dir.path(), Some(dir.path()), jiff::civil::date(2026, 6, 15)).unwrap();
    let diagnostics = check_files(&project, &project.files).unwrap();
    let found: Vec<(String, &str, String)> =
        diagnostics.iter().map(|d| (d.file.name.clone(), d.rule.name, d.message.clone())).collect();
    assert_eq!(
        found,
        vec![
            ("cells/drug/A1.yaml".into(), "schema", EMPTY.into()),
            ("cells/drug/A2.yaml".into(), "schema", EMPTY.into()),
        ]
    );
    // The help gives the first lines, from the file's own path.
    assert_eq!(
        diagnostics[0].help.as_deref(),
        Some(
            "start the file with the lines `matrix: drug`, `cell: A1` and `entries:`, then one `- tier: …` item per \
             source below `entries:`"
        )
    );
}

fn check_one(text: &str) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "matrixlint.yaml", b"");
    write(dir.path(), "cells/drug/B2.yaml", text.as_bytes());
    let project = Project::open(dir.path(), Some(dir.path()), jiff::civil::date(2026, 6, 15)).unwrap();
    check_files(&project, &project.files)
        .unwrap()
        .iter()
        .map(|d| format!("{}:{} {}: {}", d.start().line, d.start().column, d.rule.name, d.message))
        .collect()
}

const CELL_HEAD: &str = "matrix: drug\ncell: B2\ntitle: \"Practitioners; Generic and cross-cutting issues\"\n";

#[test]
fn control_characters_and_tab_indentation_are_yaml_syntax_findings_at_their_place() {
    // Issue 8, item 9: both were accepted without a word.
    let entry =
        "  - tier: K\n    title: \"Client-receptive treatment\"\n    year: 1999\n    url: \"https://x.org/a\"\n";
    let escape = format!("{CELL_HEAD}entries:\n{}", entry.replace("Client", "\u{1b}]0;pwned\u{7}Client"));
    assert_eq!(
        check_one(&escape),
        [
            "6:13 yaml-syntax: control character U+001B (ESC) is not allowed in YAML",
            "6:22 yaml-syntax: control character U+0007 (BEL) is not allowed in YAML",
        ]
    );
    let tab = format!("{CELL_HEAD}entries:\n{}", entry.replacen("  - tier", " \t- tier", 1));
    assert_eq!(check_one(&tab), ["5:2 yaml-syntax: a tab in the indentation"]);
}

#[test]
fn a_reference_after_escaped_line_breaks_is_found_where_it_is_written() {
    // Issue 8, item 8: the finding was placed at the closing quote.
    let text = format!(
        "{CELL_HEAD}entries:\n  - tier: K\n    title: T\n    year: 1999\n    url: \"https://x.org/a\"\nbite:\n  about: \"First para.\\n\\nDrawn from cell F9 of the matrix.\"\n"
    );
    let found = check_one(&text);
    assert_eq!(found, ["10:42 unknown-cell: cell F9 is not in the Drug Treatment Matrix (columns A–E, rows 1–5)"]);
}
