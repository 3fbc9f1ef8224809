//! The guide's generated pages (one per rule, the settings and CLI references)
//! and the man pages are what `matrixlint generate` writes today: a change to
//! a rule's docs, a configuration key or an option that is not regenerated
//! fails here. `MATRIXLINT_BLESS=1 cargo test --test it docs_pages` rewrites them.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs")
}

/// Every file under `dir`, relative to it.
fn files_under(dir: &Path) -> BTreeSet<PathBuf> {
    let mut out = BTreeSet::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if let Ok(rel) = path.strip_prefix(dir) {
                out.insert(rel.to_path_buf());
            }
        }
    }
    out
}

/// Generates into `into` and returns the listing `generate` prints.
fn generate_into(into: &Path) -> BTreeSet<PathBuf> {
    let out = Command::cargo_bin("matrixlint").unwrap().args(["generate", "--out-dir"]).arg(into).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).lines().map(PathBuf::from).collect()
}

/// Generates into an empty folder: the listing names exactly the files written.
fn generate(into: &Path) -> BTreeSet<PathBuf> {
    let listed = generate_into(into);
    assert_eq!(listed, files_under(into), "the listing names exactly the files written");
    listed
}

#[test]
fn generated_pages_are_up_to_date() {
    let fresh = tempfile::tempdir().unwrap();
    let generated = generate(fresh.path());
    if std::env::var_os("MATRIXLINT_BLESS").is_some() {
        for dir in ["rules", "man"] {
            let _ = std::fs::remove_dir_all(docs().join(dir));
        }
        generate_into(&docs());
        return;
    }
    let mut stale = Vec::new();
    for page in &generated {
        let committed = std::fs::read_to_string(docs().join(page)).unwrap_or_default();
        let now = std::fs::read_to_string(fresh.path().join(page)).unwrap();
        if committed != now {
            stale.push(page.display().to_string());
        }
    }
    // A page for a rule or command that no longer exists is stale too.
    for dir in ["rules", "man"] {
        for page in files_under(&docs().join(dir)) {
            let page = Path::new(dir).join(page);
            if !generated.contains(&page) {
                stale.push(format!("{} (no longer generated)", page.display()));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated pages (run `MATRIXLINT_BLESS=1 cargo test --test it docs_pages`): {stale:?}"
    );
}

#[test]
fn every_rule_and_command_has_its_page() {
    let dir = tempfile::tempdir().unwrap();
    let pages = generate(dir.path());
    for rule in matrixlint_engine::rules::RULES {
        let page = std::fs::read_to_string(dir.path().join(format!("rules/{}.md", rule.info.name))).unwrap();
        assert!(page.contains(&format!("# `{}` ({})", rule.info.name, rule.info.code)), "{}", rule.info.name);
        assert!(page.contains("## What it does") && page.contains("## Example"), "{}", rule.info.name);
        let index = std::fs::read_to_string(dir.path().join("rules/index.md")).unwrap();
        assert!(index.contains(&format!("[`{0}`]({0}.md)", rule.info.name)), "index lists {}", rule.info.name);
    }
    let help = Command::cargo_bin("matrixlint").unwrap().arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&help.stdout).into_owned();
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .collect();
    assert!(commands.contains(&"check") && commands.contains(&"server"), "{commands:?}");
    let cli = std::fs::read_to_string(dir.path().join("reference/cli.md")).unwrap();
    for command in &commands {
        assert!(pages.contains(Path::new(&format!("man/matrixlint-{command}.1"))), "man page for {command}");
        assert!(cli.contains(&format!("## `matrixlint {command}`")), "CLI reference for {command}");
    }
    assert!(!cli.contains("## `matrixlint generate`"), "the hidden maintainer command stays out of the reference");
    let man = std::fs::read_to_string(dir.path().join("man/matrixlint-check.1")).unwrap();
    assert!(man.starts_with(".ie \\n(.g .ds Aq") || man.contains(".TH matrixlint-check 1"), "{}", &man[..200]);
    assert!(man.contains("\\-\\-fix"), "the check page documents --fix");
}

#[test]
fn settings_reference_covers_every_configuration_key() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let settings = std::fs::read_to_string(dir.path().join("reference/settings.md")).unwrap();
    let schema: serde_json::Value = serde_json::from_str(matrixlint::config::CONFIG_SCHEMA).unwrap();
    for key in schema["properties"].as_object().unwrap().keys() {
        assert!(settings.contains(&format!("## `{key}`")), "{key}");
    }
    for nested in ["links.timeout-ms", "links.hosts.<host>.headers", "registry.matrices[].id", "years.min"] {
        assert!(settings.contains(&format!("### `{nested}`")), "{nested}");
    }
    // Each example is YAML that says what its heading says.
    assert!(settings.contains("```yaml\nlinks:\n  timeout-ms: 30000\n```"), "an example with the default");
}
