//! The corpus cache (`.matrixlint/cache/`) through the binary: a check of one
//! file takes the other files' index records from it, every change is seen,
//! an unusable cache is ignored with one warning, and `--no-cache` bypasses it.

use std::path::Path;
use std::time::{Duration, SystemTime};

use assert_cmd::Command;

use crate::common::sample_corpus;

const A2: &str = "cells/drug/A2.yaml";
const B2: &str = "cells/drug/B2.yaml";
const CACHE: &str = ".matrixlint/cache/index-v2.json";
/// What checking B2 says when A2 declares drug B2 too.
const DUPLICATE: &str = "drug B2 is already declared by cells/drug/A2.yaml";

fn matrixlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("matrixlint").unwrap();
    cmd.current_dir(dir).env("MATRIXLINT_TODAY", "2026-06-15").env_remove("MATRIXLINT_NO_CACHE");
    cmd
}

/// Runs `check ARGS --format concise`: (stdout, stderr).
fn check(dir: &Path, args: &[&str]) -> (String, String) {
    let out = matrixlint(dir).arg("check").args(args).args(["--format", "concise"]).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    (String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn set_mtime(path: &Path, when: SystemTime) {
    std::fs::File::options().write(true).open(path).unwrap().set_modified(when).unwrap();
}

/// The sample corpus with every cell last modified an hour ago (so that the
/// cache trusts their stamps), and a warm cache.
fn warm() -> tempfile::TempDir {
    let dir = sample_corpus();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for name in ["cells/drug/A2.yaml", "cells/drug/B2.yaml", "cells/drug/B4.yaml", "cells/alcohol/B2.yaml"] {
        set_mtime(&dir.path().join(name), hour_ago);
    }
    let (_, stderr) = check(dir.path(), &[]);
    assert_eq!(stderr, "", "a cold cache says nothing");
    assert!(dir.path().join(CACHE).is_file());
    dir
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from));
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_one_file_check_takes_the_other_files_records_from_the_cache() {
    let dir = warm();
    // A2's record, changed in the cache alone: only a record read from the cache says this.
    edit(&dir.path().join(CACHE), "\"matrix\":\"drug\",\"cell\":\"A2\"", "\"matrix\":\"drug\",\"cell\":\"B2\"");
    assert!(check(dir.path(), &[B2]).0.contains(DUPLICATE), "A2 was not read");
    assert!(!check(dir.path(), &[B2, "--no-cache"]).0.contains(DUPLICATE), "--no-cache reads every file");
}

#[test]
fn an_edit_keeping_size_and_modification_time_is_seen() {
    let dir = warm();
    let a2 = dir.path().join(A2);
    let mtime = std::fs::metadata(&a2).unwrap().modified().unwrap();
    edit(&a2, "cell: A2", "cell: B2");
    set_mtime(&a2, mtime);
    assert_eq!(std::fs::metadata(&a2).unwrap().modified().unwrap(), mtime);
    assert!(check(dir.path(), &[B2]).0.contains(DUPLICATE));
}

#[test]
fn a_changed_file_refreshes_its_record_and_a_deleted_or_renamed_one_is_forgotten() {
    let dir = warm();
    edit(&dir.path().join(A2), "cell: A2", "cell: B2");
    assert!(check(dir.path(), &[B2]).0.contains(DUPLICATE));
    assert!(std::fs::read_to_string(dir.path().join(CACHE)).unwrap().contains("\"cell\":\"B2\",\"cell_span\""));
    // Renamed: the new name is read, the old one forgotten.
    std::fs::rename(dir.path().join(A2), dir.path().join("cells/drug/A1.yaml")).unwrap();
    assert!(check(dir.path(), &[B2]).0.contains("drug B2 is already declared by cells/drug/A1.yaml"));
    let cache = std::fs::read_to_string(dir.path().join(CACHE)).unwrap();
    // By name as an entry's key (B2's stored findings may quote A2's name in their text).
    assert!(cache.contains("\"cells/drug/A1.yaml\":{") && !cache.contains("\"cells/drug/A2.yaml\":{"), "{cache}");
    std::fs::remove_file(dir.path().join("cells/drug/A1.yaml")).unwrap();
    assert!(!check(dir.path(), &[B2]).0.contains("already declared"));
    assert!(!std::fs::read_to_string(dir.path().join(CACHE)).unwrap().contains("A1.yaml"));
}

#[test]
fn a_configuration_change_recomputes_the_findings() {
    let dir = warm();
    edit(&dir.path().join(A2), "cell: A2", "cell: B2");
    assert!(check(dir.path(), &[B2]).0.contains(DUPLICATE));
    let config = dir.path().join("matrixlint.yaml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{text}rules:\n  duplicate-cell: off\n")).unwrap();
    assert!(!check(dir.path(), &[B2]).0.contains(DUPLICATE));
}

#[test]
fn findings_are_the_same_with_a_cold_a_warm_and_no_cache() {
    let dir = sample_corpus();
    edit(&dir.path().join(A2), "cell: A2", "cell: B2");
    let json = |extra: &[&str]| {
        let out = matrixlint(dir.path()).args(["check", "--format", "json"]).args(extra).output().unwrap();
        assert!(out.stderr.is_empty(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let uncached = json(&["--no-cache"]);
    assert!(!dir.path().join(".matrixlint").exists(), "--no-cache writes nothing");
    assert!(uncached.contains("duplicate-cell"));
    assert_eq!(json(&[]), uncached, "cold");
    assert_eq!(json(&[]), uncached, "warm");
    assert_eq!(json(&[B2]), json(&[B2, "--no-cache"]), "one file");
}

#[test]
fn the_environment_turns_the_cache_off_too() {
    let dir = sample_corpus();
    let out = matrixlint(dir.path()).env("MATRIXLINT_NO_CACHE", "1").arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(!dir.path().join(".matrixlint").exists());
}

#[test]
fn a_corrupt_cache_is_ignored_with_one_warning_and_rewritten() {
    let dir = warm();
    let cache = dir.path().join(CACHE);
    let good = std::fs::read(&cache).unwrap();
    // A2's record changed, then the file cut short: nothing of it may be trusted.
    let text = String::from_utf8(good).unwrap().replacen("\"cell\":\"A2\"", "\"cell\":\"B2\"", 1);
    std::fs::write(&cache, &text.as_bytes()[..text.len() - 10]).unwrap();
    let (stdout, stderr) = check(dir.path(), &[B2, "--quiet"]);
    assert!(!stdout.contains(DUPLICATE), "{stdout}");
    assert_eq!(
        stderr,
        "warning: the corpus cache .matrixlint/cache/index-v2.json is truncated; it was ignored and is rebuilt\n"
    );
    assert_eq!(check(dir.path(), &[B2]).1, "", "rewritten: one warning, once");
    assert!(std::fs::read_to_string(&cache).unwrap().ends_with("}}"));
}

#[test]
fn the_language_server_indexes_through_the_cache_too() {
    use crate::server_support::Server;
    let dir = warm();
    edit(&dir.path().join(CACHE), "\"matrix\":\"drug\",\"cell\":\"A2\"", "\"matrix\":\"drug\",\"cell\":\"B2\"");
    let root = dir.path().canonicalize().unwrap();
    let (mut server, _) = Server::start(&root, &["utf-16"]);
    let (uri, _) = server.open_file(&root.join(B2));
    let found = server.next_diagnostics(&uri);
    let messages: Vec<&str> = found.iter().filter_map(|d| d["message"].as_str()).collect();
    assert!(messages.iter().any(|m| m.contains(DUPLICATE)), "A2's record came from the cache: {messages:?}");
    assert!(server.stop().success());
}

// Each file's findings in the cache: reused only for the same bytes,
// version, configuration, rule filter, today and index; every format the same.

const B4: &str = "cells/drug/B4.yaml";
/// A finding of B4 (an unknown tier) whose message the cache alone can change.
const TIER: &str = "unknown tier label `Q`";

/// The sample corpus with findings of every kind: cross-references (a cell
/// declared twice, an unknown discussion target), today (a future year), a
/// fix (a misspelt key), lines far apart; a warm cache, files an hour old.
fn warm_with_findings() -> tempfile::TempDir {
    let dir = sample_corpus();
    let b4 = dir.path().join(B4);
    edit(&b4, "alcohol/C2#recruitment-the-critical-missing-link", "alcohol/C9#nowhere");
    edit(&b4, "year: 1967", "year: 2030");
    edit(&b4, "tier: S\n", "tier: Q\n");
    edit(&b4, "    title: \"Is the", "    titel: \"Is the");
    edit(&dir.path().join(A2), "cell: A2", "cell: B2");
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for name in [A2, B2, B4, "cells/alcohol/B2.yaml", "cells/alcohol/C2.yaml"] {
        set_mtime(&dir.path().join(name), hour_ago);
    }
    check(dir.path(), &[]);
    assert!(std::fs::read_to_string(dir.path().join(CACHE)).unwrap().contains(TIER), "findings stored");
    dir
}

/// Runs `check ARGS` (stdout), with no warning.
fn output(dir: &Path, args: &[&str]) -> String {
    let out = matrixlint(dir).arg("check").args(args).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "no warning");
    String::from_utf8(out.stdout).unwrap()
}

/// Changes what the cache holds of B4's unknown tier: a warm run that shows
/// the change took B4's findings from the cache.
fn tamper(dir: &Path) {
    edit(&dir.join(CACHE), TIER, "TAMPERED tier");
}

#[test]
fn every_format_is_the_same_warm_as_without_the_cache() {
    let dir = warm_with_findings();
    let before = std::fs::read(dir.path().join(CACHE)).unwrap();
    for format in ["human", "json", "sarif", "github", "junit", "concise"] {
        let args = ["--format", format, "--color", "never"];
        let uncached = output(dir.path(), &[&args[..], &["--no-cache"]].concat());
        assert!(uncached.contains("unknown tier label") || format == "junit", "{format}: {uncached}");
        assert_eq!(output(dir.path(), &args), uncached, "{format}, warm");
        assert_eq!(
            output(dir.path(), &[&args[..], &[B4]].concat()),
            output(dir.path(), &[&args[..], &[B4, "--no-cache"]].concat()),
            "{format}, one file"
        );
    }
    assert_eq!(std::fs::read(dir.path().join(CACHE)).unwrap(), before, "warm runs found nothing new to write");
    // Nothing was linted: what the cache says is what was shown.
    tamper(dir.path());
    assert!(check(dir.path(), &[]).0.contains("TAMPERED tier"), "the stored findings were reused");
}

#[test]
fn findings_are_reused_only_for_the_same_bytes() {
    let dir = warm_with_findings();
    tamper(dir.path());
    assert!(check(dir.path(), &[B4]).0.contains("TAMPERED tier"));
    // B4 changed (another year): its findings are found again.
    edit(&dir.path().join(B4), "year: 2004", "year: 2005");
    let (stdout, _) = check(dir.path(), &[B4]);
    assert!(stdout.contains(TIER) && !stdout.contains("TAMPERED"), "{stdout}");
}

#[test]
fn another_build_of_the_same_version_finds_the_findings_again() {
    let dir = warm_with_findings();
    // A copy of the binary stands for a rebuild: same version, another executable.
    let bin = tempfile::tempdir().unwrap();
    let copy = bin.path().join("matrixlint");
    std::fs::copy(assert_cmd::cargo::cargo_bin("matrixlint"), &copy).unwrap();
    let run = |dir: &Path| {
        let out = std::process::Command::new(&copy)
            .current_dir(dir)
            .env("MATRIXLINT_TODAY", "2026-06-15")
            .env_remove("MATRIXLINT_NO_CACHE")
            .args(["check", B4, "--format", "concise"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // Once the copy has stored its findings, it reuses them (the tampered message shows)...
    run(dir.path());
    tamper(dir.path());
    assert!(run(dir.path()).contains("TAMPERED tier"), "the same build reuses its findings");
    // ...until the executable changes (a rebuild): found again.
    set_mtime(&copy, SystemTime::now() - Duration::from_secs(60));
    let stdout = run(dir.path());
    assert!(stdout.contains(TIER) && !stdout.contains("TAMPERED"), "{stdout}");
}

#[test]
fn the_configuration_the_rule_filter_today_and_another_files_record_each_invalidate() {
    /// A change to the run: the arguments it adds.
    type Change<'a> = &'a dyn Fn(&Path) -> Vec<&'static str>;
    let cases: [(&str, Change); 4] = [
        ("configuration", &|dir| {
            let config = dir.join("matrixlint.yaml");
            let text = std::fs::read_to_string(&config).unwrap();
            std::fs::write(&config, format!("{text}rules:\n  self-reference: off\n")).unwrap();
            vec![]
        }),
        ("--select", &|_| vec!["--ignore", "ML205"]),
        ("today", &|_| vec!["--today", "2027-01-10"]),
        ("index", &|dir| {
            // A2 declares another cell: B2's duplicate goes, and B4's findings are found again too.
            edit(&dir.join(A2), "cell: B2", "cell: A2");
            vec![]
        }),
    ];
    for (what, change) in cases {
        let dir = warm_with_findings();
        tamper(dir.path());
        let (stdout, _) = check(dir.path(), &[&[B4][..], &change(dir.path())].concat());
        assert!(stdout.contains(TIER) && !stdout.contains("TAMPERED"), "{what}: {stdout}");
    }
}

#[test]
fn damaged_stored_findings_are_found_again_with_one_warning() {
    let dir = warm_with_findings();
    let cache = dir.path().join(CACHE);
    let text = std::fs::read_to_string(&cache).unwrap();
    // B4's first finding moved past the end of the file.
    let at = text.find(TIER).unwrap();
    let span = at + text[at..].find("\"span\":[").unwrap() + "\"span\":[".len();
    let end = span + text[span..].find(']').unwrap();
    std::fs::write(&cache, format!("{}99999999,99999999{}", &text[..span], &text[end..])).unwrap();
    let (stdout, stderr) = check(dir.path(), &[]);
    assert!(stdout.contains(TIER), "{stdout}");
    assert_eq!(
        stderr,
        "warning: the corpus cache .matrixlint/cache/index-v2.json holds findings that cannot be used; \
         it was ignored and is rebuilt\n"
    );
    assert_eq!(check(dir.path(), &[]), (stdout, String::new()), "stored again: no warning");
}
