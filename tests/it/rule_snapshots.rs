//! Rule tests as deep as ruff's (issue 10, item 6): each rule's bad fixture
//! is checked with only that rule selected (its snapshot, every field of its
//! findings, is `rule_fixtures`' test named after the rule); a rule declared
//! fixable emits a fix there and one that is not never does; applying the
//! fixes converges (a second pass changes nothing).

use std::path::{Path, PathBuf};

use matrixlint::app::{Project, RuleFilter, check::check_files};
use matrixlint_engine::diagnostic::{Diagnostic, Label};
use matrixlint_engine::index::Corpus;
use matrixlint_engine::lint::Loaded;
use matrixlint_engine::rules::{RULES, Rule};

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 6, 15)
}

fn fixture(rule: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/rules").join(rule).join("bad")
}

/// The rules `check` reports (`dead-link` comes from `links`, the evidence
/// rules from `evidence`, each tested there; their fixture folders say so in
/// a README.md).
fn checked_rules() -> impl Iterator<Item = &'static Rule> {
    RULES.iter().copied().filter(|r| !fixture(r.info.name).parent().is_some_and(|d| d.join("README.md").is_file()))
}

/// `check` on the rule's bad fixture with only that rule selected.
fn findings(rule: &Rule) -> (Project, Vec<Diagnostic>) {
    let dir = fixture(rule.info.name);
    let mut project = Project::open(&dir, Some(&dir), today()).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    project.set_filter(RuleFilter::new(&[rule.info.name.to_owned()], &[]).unwrap()).unwrap();
    let found = check_files(&project, &project.files).unwrap();
    (project, found)
}

fn place(d: &Diagnostic, label: &Label) -> String {
    let (s, e) = (d.file.line_col(label.span.start), d.file.line_col(label.span.end));
    format!("{}:{}-{}:{}", s.line, s.column, e.line, e.column)
}

/// Every field of a finding, the fix as a diff of its file (what the rule
/// fixtures' snapshots hold).
pub(crate) fn describe(d: &Diagnostic) -> String {
    let mut out = format!(
        "{} {}[{}/{}] {}\n",
        d.file.name,
        d.severity,
        d.rule.code,
        d.rule.name,
        d.message.replace('\n', "\n  ")
    );
    out.push_str(&format!("  at {}", place(d, &d.primary)));
    if let Some(text) = &d.primary.text {
        out.push_str(&format!(": {text}"));
    }
    out.push('\n');
    for label in &d.secondary {
        out.push_str(&format!("  also {}: {}\n", place(d, label), label.text.as_deref().unwrap_or("")));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("  help: {help}\n"));
    }
    if let Some(fix) = &d.fix {
        let (fixed, _) = matrixlint_engine::lint::apply(&d.file.text, vec![fix]);
        let diff = similar::TextDiff::from_lines(&*d.file.text, &fixed);
        out.push_str(&format!("  fix: {}\n", fix.title));
        for line in diff.unified_diff().context_radius(0).to_string().lines().filter(|l| !l.starts_with("@@")) {
            out.push_str(&format!("    {line}\n"));
        }
    }
    out
}

#[test]
fn fixable_rules_fix_their_fixture_and_the_others_never_offer_a_fix() {
    for rule in checked_rules() {
        let (_, found) = findings(rule);
        let own: Vec<&Diagnostic> = found.iter().filter(|d| d.rule.code == rule.info.code).collect();
        let fixes = own.iter().filter(|d| d.fix.is_some()).count();
        if rule.info.fixable {
            assert!(fixes > 0, "{} is declared fixable but offers no fix on its fixture", rule.info.name);
        } else {
            assert_eq!(fixes, 0, "{} is not declared fixable but offers a fix", rule.info.name);
        }
    }
}

#[test]
fn fixes_converge_and_a_second_pass_changes_nothing() {
    for rule in checked_rules().filter(|r| r.info.fixable) {
        let (project, _) = findings(rule);
        let loaded: Vec<Loaded> = project.files.iter().map(|name| project.load(name)).collect();
        let corpus = Corpus::new(loaded.iter().filter_map(Loaded::record).collect());
        for file in loaded {
            let name = file.file.name.clone();
            let once = project.linter.fix(file, &corpus);
            assert!(
                once.diagnostics.iter().all(|d| d.fix.is_none()),
                "{}: {name} still offers a fix after fixing",
                rule.info.name
            );
            let text = once.loaded.file.text.to_string();
            let twice = project.linter.fix(once.loaded, &corpus);
            assert_eq!(twice.fixes, 0, "{}: {name} changes again on a second pass", rule.info.name);
            assert_eq!(*twice.loaded.file.text, *text);
        }
    }
}
