//! Configured rule levels: global `rules`, then `overrides` by path (later
//! ones win). Applied once, after the rules ran (rules never pick severity).

use std::collections::{BTreeMap, HashMap};

use globset::GlobSet;

use super::{AppError, RuleFilter};
use crate::config::{Config, Level};
use crate::diagnostic::{Diagnostic, RuleInfo};
use crate::rules;

/// Levels by rule code, globally and per path.
#[derive(Debug, Default)]
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
    pub fn new(config: &Config, filter: &RuleFilter) -> Result<Self, AppError> {
        let overrides = config
            .overrides
            .iter()
            .map(|o| Ok((super::discover::glob_set(&o.files)?, by_code(&o.rules))))
            .collect::<Result<_, AppError>>()?;
        Ok(Self { global: by_code(&config.rules), overrides, filter: filter.clone() })
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
    pub fn is_off(&self, rule: &RuleInfo, file: &str) -> bool {
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
