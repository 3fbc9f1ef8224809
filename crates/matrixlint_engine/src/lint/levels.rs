//! Configured rule levels: global `rules`, then `overrides` by path (later
//! ones win). Applied once, after the rules ran (rules never pick severity).

use std::collections::{BTreeMap, HashMap};

use globset::GlobSet;

use super::LintError;
use crate::config::{Config, Level};
use crate::diagnostic::{Diagnostic, RuleInfo};
use crate::rules;

/// Levels by rule code, globally and per path.
#[derive(Debug, Default, Clone)]
pub struct Levels {
    global: HashMap<&'static str, Level>,
    overrides: Vec<(GlobSet, HashMap<&'static str, Level>)>,
    filter: RuleFilter,
}

fn by_code(table: &BTreeMap<String, Level>) -> HashMap<&'static str, Level> {
    table.iter().filter_map(|(key, level)| rules::find(key).map(|r| (r.info.code, *level))).collect()
}

impl Levels {
    /// Compiles the configuration's levels.
    ///
    /// # Errors
    /// Only on an invalid glob, which configuration loading already rejects.
    pub fn new(config: &Config, filter: RuleFilter) -> Result<Self, LintError> {
        let overrides = config
            .overrides
            .iter()
            .map(|o| Ok((super::glob_set(&o.files)?, by_code(&o.rules))))
            .collect::<Result<_, LintError>>()?;
        Ok(Self { global: by_code(&config.rules), overrides, filter })
    }

    /// The configured level of `rule` in `file`, if any.
    #[must_use]
    pub fn level(&self, rule: &RuleInfo, file: &str) -> Option<Level> {
        // The command line (`--select`, `--ignore`) has the last word.
        if self.filter.turns_off(rule.code) {
            return Some(Level::Off);
        }
        self.overrides
            .iter()
            .rev()
            .find_map(|(globs, table)| table.get(rule.code).filter(|_| globs.is_match(file)))
            .or_else(|| self.global.get(rule.code))
            .copied()
    }

    /// Whether `rule` is off for `file` (then it need not run).
    #[must_use]
    pub(crate) fn is_off(&self, rule: &RuleInfo, file: &str) -> bool {
        self.level(rule, file) == Some(Level::Off)
    }

    /// Drops findings of rules that are off and sets the configured severities.
    pub fn apply(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain_mut(|d| match self.level(d.rule, &d.file.name) {
            None => true,
            Some(level) => level.severity().inspect(|s| d.severity = *s).is_some(),
        });
    }
}

/// Which rules the command line asked for (`--select`, `--ignore`), on top of
/// the configuration.
#[derive(Debug, Clone, Default)]
pub struct RuleFilter {
    /// Only these rule codes are reported (`None`: all).
    pub only: Option<Vec<&'static str>>,
    /// These rule codes are not reported.
    pub ignore: Vec<&'static str>,
}

impl RuleFilter {
    /// Resolves rule names or codes.
    ///
    /// # Errors
    /// [`LintError::UnknownRule`] for a name that is no rule's.
    pub fn new(select: &[String], ignore: &[String]) -> Result<Self, LintError> {
        let codes = |names: &[String]| -> Result<Vec<&'static str>, LintError> {
            names
                .iter()
                .filter(|n| !n.trim().is_empty())
                .map(|n| {
                    crate::rules::find(n.trim()).map(|r| r.info.code).ok_or_else(|| {
                        LintError::UnknownRule(format!("{}{}", n.trim(), crate::suggest::rule_hint(n.trim())))
                    })
                })
                .collect()
        };
        let only = if select.is_empty() { None } else { Some(codes(select)?) };
        Ok(Self { only, ignore: codes(ignore)? })
    }

    /// Whether the command line turns off the rule with `code`. A file that
    /// cannot be read or parsed is reported whatever is selected.
    #[must_use]
    pub(crate) fn turns_off(&self, code: &str) -> bool {
        let always = [crate::rules::read_error::INFO.code, crate::rules::yaml_syntax::INFO.code];
        self.ignore.contains(&code)
            || self.only.as_ref().is_some_and(|only| !only.contains(&code) && !always.contains(&code))
    }
}
