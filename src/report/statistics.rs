//! `--statistics`: how many findings each rule made, most frequent first,
//! instead of the findings themselves (as `ruff check --statistics`).
//!
//! ```text
//! 3   ML201   [*] unknown-tier
//! 1   ML403       prose-year
//! ```
//!
//! Columns are separated by tabs (for `cut`; spaces above) and padded (for
//! reading); `[*]` marks a rule some of whose findings here have a fix.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::Summary;
use super::human::summary_line;
use crate::diagnostic::Diagnostic;

/// One rule's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    /// The rule's code.
    pub code: &'static str,
    /// The rule's name.
    pub name: &'static str,
    /// Findings of the rule.
    pub count: usize,
    /// Whether any of them has a fix.
    pub fixable: bool,
}

/// Counts per rule: most findings first, then by code.
#[must_use]
pub fn count(diagnostics: &[Diagnostic]) -> Vec<RuleCount> {
    let mut by_code: BTreeMap<&str, RuleCount> = BTreeMap::new();
    for d in diagnostics {
        let entry = by_code.entry(d.rule.code).or_insert(RuleCount {
            code: d.rule.code,
            name: d.rule.name,
            count: 0,
            fixable: false,
        });
        entry.count += 1;
        entry.fixable |= d.fix.is_some();
    }
    let mut counts: Vec<RuleCount> = by_code.into_values().collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    counts
}

/// The table and the summary line.
#[must_use]
pub fn render(diagnostics: &[Diagnostic], summary: Summary) -> String {
    let counts = count(diagnostics);
    let count_width = counts.iter().map(|c| c.count.to_string().len()).max().unwrap_or(1);
    let code_width = counts.iter().map(|c| c.code.len()).max().unwrap_or(0);
    let any_fixable = counts.iter().any(|c| c.fixable);
    let mut out = String::new();
    for c in &counts {
        let marker = match (c.fixable, any_fixable) {
            (true, _) => "[*] ",
            (false, true) => "    ",
            (false, false) => "",
        };
        let _ = writeln!(out, "{:>count_width$}\t{:<code_width$}\t{marker}{}", c.count, c.code, c.name);
    }
    out.push_str(&summary_line(summary));
    out
}

/// The counts as a JSON array, with a final newline.
#[must_use]
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    let mut s = serde_json::to_string_pretty(&count(diagnostics)).unwrap_or_default();
    s.push('\n');
    s
}
