//! The files a content repository adopts: the pre-commit hook, the example CI
//! workflow, `init`; and the commands that document the tool (`rules`,
//! `explain`, `schema`). Each is exercised the way a user would run it.

use std::path::PathBuf;

use crate::common::copy_tree;
use assert_cmd::Command;
use matrixlint_engine::source::{Node, yaml};
use predicates::prelude::*;

use crate::common::repo;

fn load(rel: &str) -> Node {
    yaml::load(&std::fs::read_to_string(repo().join(rel)).unwrap()).unwrap()
}

fn matrixlint() -> Command {
    let mut cmd = Command::cargo_bin("matrixlint").unwrap();
    cmd.env("MATRIXLINT_TODAY", "2026-06-15");
    cmd
}

/// A content repository with its corpus in `content/`: one clean cell, one with an error.
fn content_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("content");
    for (from, to) in [
        ("fixtures/corpus", "content"),
        ("fixtures/rules/tier-order/bad/cells/drug/B2.yaml", "content/cells/drug/B3.yaml"),
    ] {
        copy_tree(&repo().join(from), &dir.path().join(to));
    }
    // B3.yaml declares B2; make it a B3 cell so only the tier-order error remains.
    let b3 = corpus.join("cells/drug/B3.yaml");
    let text = std::fs::read_to_string(&b3)
        .unwrap()
        .replace("cell: B2", "cell: B3")
        .replace("Practitioners; Generic and cross-cutting issues", "Practitioners; Medical treatment");
    std::fs::write(b3, text).unwrap();
    dir
}

#[test]
fn the_pre_commit_hook_checks_only_changed_cells_from_the_repository_root() {
    let hooks = load(".pre-commit-hooks.yaml");
    let hook = &hooks.as_seq().unwrap()[0];
    assert_eq!(hook.get("id").unwrap().as_str(), Some("matrixlint"));
    let entry: Vec<&str> = hook.get("entry").unwrap().as_str().unwrap().split_whitespace().collect();
    let files = regex::Regex::new(hook.get("files").unwrap().as_str().unwrap()).unwrap();
    assert_eq!(entry[0], "matrixlint");
    let repo = content_repo();
    // What pre-commit would pass: the staged files matching `files`, relative to the repository root.
    let staged = ["content/cells/drug/B2.yaml", "content/matrixlint.yaml", "README.md"];
    let passed: Vec<&str> = staged.iter().copied().filter(|f| files.is_match(f)).collect();
    assert_eq!(passed, ["content/cells/drug/B2.yaml"]);
    matrixlint()
        .current_dir(repo.path())
        .args(&entry[1..])
        .args(&passed)
        .assert()
        .code(0)
        .stdout("Checked 1 file: no problems found.\n");
    // The file with the error is reported when it is staged, with the corpus root found from it.
    matrixlint()
        .current_dir(repo.path())
        .args(&entry[1..])
        .arg("content/cells/drug/B3.yaml")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("tier-order"))
        // Named from where the hook ran, so an editor can open it.
        .stdout(predicate::str::contains("╭─[content/cells/drug/B3.yaml:"));
}

/// The guide's page on hooks and CI, where every snippet a content repository copies is.
const CI_PAGE: &str = "docs/pre-commit-and-ci.md";

/// The ```yaml block whose first line is `first_line` in the guide's CI page, and the
/// same block wherever else it is shown (README.md): every copy must be the same.
fn readme_block(first_line: &str) -> Node {
    let block = |file: &str| {
        let text = std::fs::read_to_string(repo().join(file)).unwrap();
        let start = text.find(&format!("```yaml\n{first_line}"))?;
        let block = &text[start + 8..];
        Some(block[..block.find("```").unwrap()].to_owned())
    };
    let shown = block(CI_PAGE).unwrap_or_else(|| panic!("{CI_PAGE} has no {first_line}"));
    if let Some(copy) = block("README.md") {
        assert_eq!(copy, shown, "README.md shows `{first_line}` otherwise than {CI_PAGE}");
    }
    yaml::load(&shown).unwrap()
}

/// The commit the README's from-source hook pins (a release tag once one exists).
fn pinned_commit() -> String {
    let config = readme_block("# .pre-commit-config.yaml: built from source");
    let repos = config.get("repos").unwrap().as_seq().unwrap();
    assert_eq!(repos[0].get("repo").unwrap().as_str(), Some(env!("CARGO_PKG_REPOSITORY")));
    assert_eq!(repos[0].pointer("/hooks/0/id").unwrap().as_str(), Some("matrixlint"));
    let rev = repos[0].get("rev").unwrap().as_str().unwrap().to_owned();
    assert!(rev.len() == 40 && rev.bytes().all(|b| b.is_ascii_hexdigit()), "rev {rev} is not a commit hash");
    rev
}

#[test]
fn the_readme_recommended_pre_commit_hook_installs_this_version_with_the_hook_settings() {
    let hooks = load(".pre-commit-hooks.yaml");
    let defined = &hooks.as_seq().unwrap()[0];
    let config = readme_block("# .pre-commit-config.yaml: the released wheel");
    let repos = config.get("repos").unwrap().as_seq().unwrap();
    assert_eq!(repos[0].get("repo").unwrap().as_str(), Some("local"));
    let hook = repos[0].pointer("/hooks/0").unwrap().to_json();
    assert_eq!(hook["language"], "python");
    assert_eq!(
        hook["additional_dependencies"],
        serde_json::json!([format!("matrixlint=={}", env!("CARGO_PKG_VERSION"))])
    );
    // The same command, files and serial run as the hook this repository defines.
    let defined = defined.to_json();
    for key in ["id", "entry", "files", "require_serial"] {
        assert_eq!(hook[key], defined[key], "{key}");
    }
}

#[test]
fn the_action_and_its_examples_install_this_version_from_the_pinned_commit() {
    let action = load("action.yml");
    assert_eq!(action.pointer("/inputs/version/default").unwrap().as_str(), Some(env!("CARGO_PKG_VERSION")));
    // Every script a step runs is in the repository.
    for step in action.pointer("/runs/steps").unwrap().as_seq().unwrap() {
        if let Some(run) = step.get("run").and_then(Node::as_str)
            && let Some(script) = run.split_whitespace().find_map(|w| w.trim_matches('"').strip_prefix("$ACTION_PATH/"))
        {
            assert!(repo().join(script).is_file(), "{script}");
        }
    }
    let uses = format!("matrixlint/matrixlint@{}", pinned_commit());
    for example in ["docs/examples/content-ci.yml", "docs/examples/link-audit.yml", "docs/examples/weekly-audit.yml"] {
        let text = std::fs::read_to_string(repo().join(example)).unwrap();
        assert!(text.contains(&format!("uses: {uses} ")), "{example} does not use {uses}");
    }
    let page = std::fs::read_to_string(repo().join(CI_PAGE)).unwrap();
    assert!(page.contains(&format!("- uses: {uses} ")), "{CI_PAGE}'s action snippet does not use {uses}");
    let audit = load("docs/examples/link-audit.yml");
    let steps = audit.pointer("/jobs/audit/steps").unwrap().as_seq().unwrap();
    assert!(steps.iter().any(|s| s.pointer("/with/command").and_then(Node::as_str) == Some("links")));
    // The weekly workflow runs both audits and keeps their HTML reports.
    let weekly = load("docs/examples/weekly-audit.yml");
    let steps = weekly.pointer("/jobs/audit/steps").unwrap().as_seq().unwrap();
    let commands: Vec<&str> = steps.iter().filter_map(|s| s.pointer("/with/command").and_then(Node::as_str)).collect();
    assert_eq!(commands, ["links", "evidence"]);
    assert!(
        steps
            .iter()
            .any(|s| s.get("uses").and_then(Node::as_str).is_some_and(|u| u.starts_with("actions/upload-artifact@")))
    );
}

/// The matrixlint commands of the example workflow: its `run:` lines, and its action
/// steps as the action runs them (`matrixlint COMMAND ARGS`).
fn workflow_commands() -> Vec<String> {
    let workflow = load("docs/examples/content-ci.yml");
    let steps = workflow.pointer("/jobs/matrixlint/steps").unwrap().as_seq().unwrap();
    steps
        .iter()
        .filter_map(|s| {
            if s.get("uses").and_then(Node::as_str).is_some_and(|u| u.starts_with("matrixlint/matrixlint@")) {
                let with = |key| s.pointer(&format!("/with/{key}")).and_then(Node::as_str).unwrap_or_default();
                return Some(format!("matrixlint {} {}", with("command"), with("args")));
            }
            s.get("run").and_then(Node::as_str).filter(|r| r.starts_with("matrixlint ")).map(str::to_owned)
        })
        .collect()
}

#[test]
fn the_example_ci_workflow_commands_annotate_and_write_sarif() {
    let commands = workflow_commands();
    assert_eq!(commands.len(), 2, "{commands:?}");
    let repo = content_repo();
    let corpus: PathBuf = repo.path().join("content");
    for command in commands {
        let (args, redirect) = match command.split_once(" > ") {
            Some((args, file)) => (args.to_owned(), Some(file.trim().to_owned())),
            None => (command.clone(), None),
        };
        let args: Vec<&str> = args.split_whitespace().skip(1).collect();
        let out = matrixlint().current_dir(&corpus).args(&args).output().unwrap();
        if args.contains(&"github") {
            assert_eq!(out.status.code(), Some(1), "a finding fails the job");
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(stdout.starts_with("::error file=cells/drug/B3.yaml,line="), "{stdout}");
        }
        if let Some(file) = redirect {
            assert_eq!(out.status.code(), Some(0), "--exit-zero lets the upload run");
            std::fs::write(corpus.join(&file), &out.stdout).unwrap();
            let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(sarif["version"], "2.1.0");
            assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
        }
    }
}

#[test]
fn init_starts_a_corpus_that_checks_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    matrixlint()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("matrixlint.yaml"));
    for made in [
        "matrixlint.yaml",
        ".gitignore",
        "cells/drug",
        "cells/alcohol",
        "schemas/cell.schema.json",
        "schemas/config.schema.json",
    ] {
        assert!(dir.path().join(made).exists(), "{made}");
    }
    copy_tree(&repo().join("fixtures/corpus/cells"), &dir.path().join("cells"));
    matrixlint().current_dir(dir.path()).arg("check").assert().code(0);
    let before = std::fs::read_to_string(dir.path().join("matrixlint.yaml")).unwrap();
    // A second `init` finds everything there and changes nothing.
    matrixlint()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Kept matrixlint.yaml (already there)\n"));
    assert_eq!(std::fs::read_to_string(dir.path().join("matrixlint.yaml")).unwrap(), before);
    // A schema with other content is not overwritten: nothing is written.
    std::fs::write(dir.path().join("schemas/cell.schema.json"), "{}").unwrap();
    std::fs::remove_dir(dir.path().join("cells/alcohol")).ok();
    matrixlint()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing to overwrite schemas/cell.schema.json (other content"));
    assert_eq!(std::fs::read_to_string(dir.path().join("schemas/cell.schema.json")).unwrap(), "{}");
}

#[test]
fn init_in_an_existing_repository_adds_only_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "target/").unwrap();
    std::fs::create_dir_all(dir.path().join("cells/drug")).unwrap();
    std::fs::write(dir.path().join("cells/drug/B2.yaml"), "mine\n").unwrap();
    let out = matrixlint().current_dir(dir.path()).arg("init").assert().code(0).get_output().stdout.clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..7],
        [
            "Created cells/alcohol/",
            "Created schemas/",
            "Created matrixlint.yaml",
            "Created schemas/cell.schema.json",
            "Created schemas/config.schema.json",
            "Added /.matrixlint/ to .gitignore",
            "Kept cells/drug/ (already there)",
        ]
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "target/\n# matrixlint's link-audit history and corpus cache\n/.matrixlint/\n"
    );
    assert_eq!(std::fs::read_to_string(dir.path().join("cells/drug/B2.yaml")).unwrap(), "mine\n");
    // Run again: the line is added once only.
    matrixlint()
        .current_dir(dir.path())
        .arg("init")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Kept .gitignore (already ignores /.matrixlint/)"));
    let ignore = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
    assert_eq!(ignore.matches("/.matrixlint/").count(), 1);
}

#[test]
fn rules_lists_every_rule_and_explain_prints_its_docs() {
    let out = matrixlint().args(["rules", "--json"]).output().unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list.as_array().unwrap().len(), matrixlint_engine::rules::RULES.len());
    matrixlint()
        .arg("rules")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("ML202  tier-order").and(predicate::str::contains("ML208  cell-title")));
    for key in ["tier-order", "ML202"] {
        matrixlint().args(["explain", key]).assert().code(0).stdout(predicate::str::starts_with(
            "# tier-order (ML202)\n\nDefault severity: error. Fixable: no.\n\n## What it does\n",
        ));
    }
    matrixlint()
        .args(["explain", "tier-ordr"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `tier-order`?"));
}

#[test]
fn schema_prints_the_committed_schemas() {
    let cell = matrixlint().args(["schema", "cell"]).output().unwrap();
    assert_eq!(
        String::from_utf8(cell.stdout).unwrap(),
        std::fs::read_to_string(repo().join("schemas/cell.schema.json")).unwrap()
    );
    let config = matrixlint().args(["schema", "config"]).output().unwrap();
    assert_eq!(
        String::from_utf8(config.stdout).unwrap(),
        std::fs::read_to_string(repo().join("schemas/config.schema.json")).unwrap()
    );
}

#[test]
fn config_shows_each_setting_with_where_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("base.yaml"), "years:\n  min: 1950\n").unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), "extend: base.yaml\nrules:\n  missing-cell: info\n").unwrap();
    matrixlint()
        .current_dir(dir.path())
        .arg("config")
        .assert()
        .code(0)
        .stdout(predicate::str::is_match(r"(?m)^years\.min = 1950 +# base\.yaml:2$").unwrap())
        .stdout(predicate::str::is_match(r#"(?m)^rules\.missing-cell = "info" +# matrixlint\.yaml:3$"#).unwrap())
        .stdout(predicate::str::is_match(r#"(?m)^cells = \["cells/\*\*/\*\.\{yaml,yml\}"\] +# default$"#).unwrap());
}
