//! Configuration: schema in step with the types, every problem at once with
//! its place, `extend:` chains with provenance.

use std::path::Path;

use matrixlint::config::{self, ConfigError, json_schema, load, parse_text};
use matrixlint_engine::rules::RULES;

fn rule_names() -> Vec<&'static str> {
    RULES.iter().flat_map(|r| [r.info.name, r.info.code]).collect()
}

#[test]
fn the_committed_config_schema_matches_the_types() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/config.schema.json");
    let generated = format!("{}\n", serde_json::to_string_pretty(&json_schema()).unwrap());
    if std::env::var_os("MATRIXLINT_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(committed == generated, "schemas/config.schema.json is stale: run the tests with MATRIXLINT_BLESS=1");
    assert_eq!(config::CONFIG_SCHEMA, committed);
}

#[test]
fn every_problem_is_reported_at_once_each_at_its_place() {
    let text = "cells: [\"cells/[.yaml\"]\nyears:\n  mni: 1950\nrules:\n  tier-ordr: off\n  unknown-tier: loud\n";
    let problems = parse_text(text, &rule_names()).unwrap_err();
    let found: Vec<(String, &str)> =
        problems.iter().map(|p| (p.message.clone(), &text[p.span.start..p.span.end])).collect();
    assert!(found.contains(&("unknown field `mni`; did you mean `min`?".to_owned(), "mni")), "{found:?}");
    assert!(found.iter().any(|(m, at)| m.contains("`loud`") && *at == "loud"), "{found:?}");
    // Type problems stop the semantic checks (the rule table is not read), so the
    // unknown rule and the bad glob are reported once the types are right.
    let text = "cells: [\"cells/[.yaml\"]\nrules:\n  tier-ordr: off\n";
    let problems = parse_text(text, &rule_names()).unwrap_err();
    let found: Vec<(String, &str)> =
        problems.iter().map(|p| (p.message.clone(), &text[p.span.start..p.span.end])).collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.contains(&("unknown rule `tier-ordr`".to_owned(), "tier-ordr")), "{found:?}");
    assert!(found.iter().any(|(m, at)| m.starts_with("invalid glob") && *at == "\"cells/[.yaml\""), "{found:?}");
    let typo = problems.iter().find(|p| p.message.contains("tier-ordr")).unwrap();
    assert_eq!(typo.help.as_deref(), Some("did you mean `tier-order`?"));
}

#[test]
fn unknown_keys_name_the_closest_valid_one() {
    let problems = parse_text("yeras:\n  min: 1950\n", &rule_names()).unwrap_err();
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].message, "unknown field `yeras`; did you mean `years`?");
    assert_eq!(problems[0].help.as_deref(), Some("rename `yeras` to `years`"));
}

#[test]
fn an_empty_file_is_the_default_configuration() {
    assert_eq!(parse_text("# nothing\n", &rule_names()).unwrap(), config::Config::default());
}

#[test]
fn extend_inherits_and_the_extending_file_wins_with_provenance() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("shared")).unwrap();
    std::fs::write(
        dir.path().join("shared/base.yaml"),
        "years:\n  min: 1950\nrules:\n  missing-cell: off\n  tier-order: warning\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), "extend: shared/base.yaml\nrules:\n  tier-order: error\n")
        .unwrap();
    let loaded = load(&dir.path().join("matrixlint.yaml"), "matrixlint.yaml", &rule_names(), dir.path()).unwrap();
    assert_eq!(loaded.config.years.min, 1950);
    assert_eq!(loaded.config.rules["missing-cell"], config::Level::Off);
    assert_eq!(loaded.config.rules["tier-order"], config::Level::Error);
    assert_eq!(loaded.origins["/years/min"], config::Origin { file: "shared/base.yaml".into(), line: 2 });
    assert_eq!(loaded.origins["/rules/tier-order"], config::Origin { file: "matrixlint.yaml".into(), line: 3 });
    assert!(!loaded.origins.contains_key("/cells"));
    assert_eq!(loaded.files.len(), 2);
}

#[test]
fn problems_in_an_extended_file_name_that_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("base.yaml"), "years:\n  min: soon\n").unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), "extend: base.yaml\n").unwrap();
    let Err(ConfigError::Invalid { problems }) =
        load(&dir.path().join("matrixlint.yaml"), "matrixlint.yaml", &rule_names(), dir.path())
    else {
        panic!("expected problems")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].file.name, "base.yaml");
    assert_eq!(problems[0].file.line_col(problems[0].span.start).line, 2);
}

#[test]
fn extend_cycles_and_missing_bases_are_problems() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), "extend: matrixlint.yaml\n").unwrap();
    std::fs::write(dir.path().join("matrixlint.yaml"), "extend: a.yaml\n").unwrap();
    let err = load(&dir.path().join("matrixlint.yaml"), "matrixlint.yaml", &rule_names(), dir.path()).unwrap_err();
    assert!(matches!(&err, ConfigError::Invalid { problems } if problems[0].message.contains("cycle")), "{err:?}");
    std::fs::write(dir.path().join("matrixlint.yaml"), "extend: nowhere.yaml\n").unwrap();
    let err = load(&dir.path().join("matrixlint.yaml"), "matrixlint.yaml", &rule_names(), dir.path()).unwrap_err();
    assert!(
        matches!(&err, ConfigError::Invalid { problems } if problems[0].message.contains("cannot find")),
        "{err:?}"
    );
}

#[test]
fn the_guide_configuration_example_is_valid() {
    let page = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/configuration.md")).unwrap();
    let section = &page[page.find("# Configuration").expect("the guide has a Configuration page")..];
    let start = section.find("```yaml\n").unwrap() + 8;
    let block = &section[start..start + section[start..].find("```").unwrap()];
    let config = parse_text(block, &rule_names())
        .unwrap_or_else(|p| panic!("{:?}", p.iter().map(|p| &p.message).collect::<Vec<_>>()));
    assert_eq!(config.registry().ids(), vec!["alcohol", "drug", "cannabis"]);
    assert_eq!(config.rules["missing-cell"], config::Level::Info);
}

/// Runs `matrixlint check` in `dir`, returning its exit code and everything it printed.
fn check_in(dir: &Path) -> (Option<i32>, String) {
    let out = assert_cmd::Command::cargo_bin("matrixlint")
        .unwrap()
        .current_dir(dir)
        .args(["--color", "never", "check", "--today", "2026-06-01"])
        .output()
        .unwrap();
    (out.status.code(), format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr)))
}

#[test]
fn extend_outside_the_corpus_and_its_repository_is_read_but_never_quoted() {
    let (corpus, elsewhere) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let hosts = elsewhere.path().join("hosts.yml");
    let absolute = hosts.display().to_string();
    let relative = format!("../{}/hosts.yml", elsewhere.path().file_name().unwrap().to_string_lossy());
    let secrets = [
        // An unknown key, a value of the wrong type, a YAML syntax error.
        "github.com:\n  oauth_token: gho_SECRETVALUE\n",
        "years:\n  min: \"gho_SECRETVALUE\"\n",
        "oauth_token: \"gho_SECRETVALUE\n  user: x\n",
        "years:\n  min: 1950\n  oauth_token: gho_SECRETVALUE: x\n",
    ];
    for text in secrets {
        std::fs::write(&hosts, text).unwrap();
        for target in [&absolute, &relative] {
            std::fs::write(corpus.path().join("matrixlint.yaml"), format!("extend: {target}\n")).unwrap();
            let (code, out) = check_in(corpus.path());
            assert_eq!(code, Some(2), "{out}");
            assert!(!out.contains("SECRETVALUE") && !out.contains("oauth"), "{text:?} through {target}:\n{out}");
            assert!(out.contains("hosts.yml"), "the file is named:\n{out}");
            assert!(out.contains("not quoted"), "{out}");
        }
    }
    // The line and column are still given.
    std::fs::write(&hosts, secrets[0]).unwrap();
    let err =
        load(&corpus.path().join("matrixlint.yaml"), "matrixlint.yaml", &rule_names(), corpus.path()).unwrap_err();
    let ConfigError::Invalid { problems } = err else { panic!("{err:?}") };
    assert_eq!(problems.len(), 1, "{problems:?}");
    let at = problems[0].file.line_col(problems[0].span.start);
    assert_eq!((at.line, at.column), (1, 1), "{problems:?}");
    assert_eq!(
        problems[0].message,
        "unknown field `…` (not quoted: the file is outside the corpus and its repository)"
    );
}

#[cfg(unix)]
#[test]
fn a_configuration_linked_from_outside_the_repository_is_not_quoted_either() {
    let (corpus, elsewhere) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    std::fs::write(elsewhere.path().join("hosts.yml"), "github.com:\n  oauth_token: gho_SECRETVALUE\n").unwrap();
    std::os::unix::fs::symlink(elsewhere.path().join("hosts.yml"), corpus.path().join("matrixlint.yaml")).unwrap();
    let (code, out) = check_in(corpus.path());
    assert_eq!(code, Some(2), "{out}");
    assert!(!out.contains("SECRETVALUE") && !out.contains("oauth") && !out.contains("github.com"), "{out}");
    assert!(out.contains("matrixlint.yaml:1:1") && out.contains("not quoted"), "{out}");
}

#[test]
fn extend_inside_the_repository_is_quoted_and_messages_stay_on_one_line() {
    let repo = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(repo.path().join(".git")).unwrap();
    std::fs::create_dir_all(repo.path().join("content")).unwrap();
    std::fs::create_dir_all(repo.path().join("shared")).unwrap();
    std::fs::write(repo.path().join("shared/base.yaml"), "years:\n  mni: 1950\n\"rul\\nes\\n::error::forged\": 1\n")
        .unwrap();
    std::fs::write(repo.path().join("content/matrixlint.yaml"), "extend: ../shared/base.yaml\n").unwrap();
    let (code, out) = check_in(&repo.path().join("content"));
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("unknown field `mni`; did you mean `min`?"), "quoted: inside the repository\n{out}");
    assert!(out.contains("2 │   mni: 1950"), "the line is shown\n{out}");
    assert!(out.contains("rul␊es␊::error::forged"), "{out}");
    assert!(out.lines().all(|l| !l.trim_start().starts_with("::")), "{out}");
}
