//! The rules: one file per rule, each declaring its name, code, default
//! severity and documentation beside its check function, all listed in
//! [`RULES`].
//!
//! Rules are synchronous, never print, and never decide final severity
//! (configuration is applied once, by the engine in `lint`).

use std::ops::Range;
use std::sync::{Arc, OnceLock};

use crate::cell::{Cell, Prose};
use crate::diagnostic::{Diagnostic, RuleInfo};
use crate::index::Corpus;
use crate::index::xref::{self, XRef};
use crate::markdown;
use crate::registry::{CellId, Matrix, Registry};
use crate::source::prose::ValueMap;
use crate::source::{SourceFile, Span};

/// Declares a rule: its doc comment becomes the `explain` text.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// …
///     name: "unknown-tier", code: "ML201", severity: Error, fixable: false,
///     summary: "A tier label outside S, K, R, G and `more`.",
///     check: check,
/// }
/// ```
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        name: $name:literal, code: $code:literal, severity: $severity:ident, fixable: $fixable:literal,
        summary: $summary:literal,
        check: $check:expr $(,)?
    ) => {
        /// This rule's metadata.
        pub static INFO: $crate::diagnostic::RuleInfo = $crate::diagnostic::RuleInfo {
            name: $name,
            code: $code,
            severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
            fixable: $fixable,
        };
        /// This rule, for the registry.
        pub static RULE: $crate::rules::Rule = $crate::rules::Rule { info: &INFO, check: $check };
    };
}

pub mod cell_location;
pub mod cell_title;
pub mod corrected;
pub mod dead_link;
pub mod discussion_target;
pub mod doi_syntax;
pub mod duplicate_cell;
pub mod duplicate_entry;
pub mod expression_of_concern;
pub mod free_source;
pub mod free_source_available;
pub mod free_source_closed;
pub mod link_syntax;
pub mod matrix_name;
pub mod missing_cell;
pub mod missing_url;
pub mod missing_year;
pub mod more_entry;
pub mod placeholder_link;
pub mod prose_year;
pub mod read_error;
pub mod retracted;
pub mod schema;
pub mod self_reference;
pub mod superseded;
pub mod tier_order;
pub mod unknown_cell;
pub mod unknown_matrix;
pub mod unknown_tier;
pub mod unused_suppression;
pub mod yaml_syntax;
pub mod year_mismatch;
pub mod year_range;

/// A rule's check: reads the context, pushes findings.
pub type CheckFn = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// A registered rule.
#[derive(Debug)]
pub struct Rule {
    /// Name, code, severity, docs.
    pub info: &'static RuleInfo,
    /// `None` for rules reported by the pipeline itself (loading, schema, suppressions).
    pub check: Option<CheckFn>,
}

/// Every rule, in code order. Tests walk this list.
pub static RULES: &[&Rule] = &[
    &read_error::RULE,
    &yaml_syntax::RULE,
    &schema::RULE,
    &cell_location::RULE,
    &duplicate_cell::RULE,
    &unknown_tier::RULE,
    &tier_order::RULE,
    &more_entry::RULE,
    &missing_year::RULE,
    &year_range::RULE,
    &free_source::RULE,
    &duplicate_entry::RULE,
    &cell_title::RULE,
    &missing_url::RULE,
    &unknown_cell::RULE,
    &unknown_matrix::RULE,
    &missing_cell::RULE,
    &self_reference::RULE,
    &matrix_name::RULE,
    &discussion_target::RULE,
    &placeholder_link::RULE,
    &link_syntax::RULE,
    &doi_syntax::RULE,
    &prose_year::RULE,
    &dead_link::RULE,
    &retracted::RULE,
    &expression_of_concern::RULE,
    &corrected::RULE,
    &superseded::RULE,
    &year_mismatch::RULE,
    &free_source_closed::RULE,
    &free_source_available::RULE,
    &unused_suppression::RULE,
];

/// The rule with this name or code.
#[must_use]
pub fn find(name_or_code: &str) -> Option<&'static Rule> {
    RULES.iter().copied().find(|r| r.info.name == name_or_code || r.info.code.eq_ignore_ascii_case(name_or_code))
}

/// Settings the rules read (from configuration, with "today" injected).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Known matrices.
    pub registry: Registry,
    /// Earliest acceptable year.
    pub year_min: i64,
    /// Latest acceptable entry year (the current year unless configured).
    pub year_max: i64,
    /// The current year: later years in prose are in the future.
    pub current_year: i64,
    /// `matrix/CELL` patterns `missing-cell` does not report.
    pub missing_cell_ignore: globset::GlobSet,
    /// One pattern for every short matrix name, built on first use.
    short_names: OnceLock<Option<regex::Regex>>,
}

impl Settings {
    /// Settings for `registry` with the default year bounds, as of `current_year`.
    #[must_use]
    pub fn new(registry: Registry, current_year: i64) -> Self {
        Self {
            registry,
            year_min: crate::cell::MIN_YEAR,
            year_max: current_year,
            current_year,
            missing_cell_ignore: globset::GlobSet::empty(),
            short_names: OnceLock::new(),
        }
    }

    /// A pattern matching any registered matrix's short name (where it differs
    /// from the full name), so prose is scanned once however many matrices exist.
    #[must_use]
    pub(crate) fn short_names(&self) -> Option<&regex::Regex> {
        self.short_names
            .get_or_init(|| {
                let names: Vec<String> = self
                    .registry
                    .matrices
                    .iter()
                    .filter(|m| m.short_name != m.name)
                    .map(|m| regex::escape(&m.short_name))
                    .collect();
                (!names.is_empty()).then(|| regex::Regex::new(&names.join("|")).ok()).flatten()
            })
            .as_ref()
    }
}

/// A prose field's cross-reference.
pub struct FoundRef<'a> {
    /// The field.
    pub prose: Prose<'a>,
    /// The reference.
    pub xref: XRef,
}

/// A prose field's link scan.
pub struct FoundLinks<'a> {
    /// The field.
    pub prose: Prose<'a>,
    /// Its links and near misses.
    pub scan: markdown::Scan,
}

/// Everything a rule may read about one file.
pub struct Context<'a> {
    /// The file.
    pub file: &'a Arc<SourceFile>,
    /// Its parsed cell.
    pub cell: Cell<'a>,
    /// The whole corpus.
    pub corpus: &'a Corpus,
    /// Configuration.
    pub settings: &'a Settings,
    prose: Vec<Prose<'a>>,
    xrefs: OnceLock<Vec<FoundRef<'a>>>,
    links: OnceLock<Vec<FoundLinks<'a>>>,
    maps: std::cell::RefCell<std::collections::HashMap<usize, ValueMap>>,
}

impl<'a> Context<'a> {
    /// A context for one parsed file.
    #[must_use]
    pub fn new(file: &'a Arc<SourceFile>, cell: Cell<'a>, corpus: &'a Corpus, settings: &'a Settings) -> Self {
        Self {
            file,
            cell,
            corpus,
            settings,
            prose: cell.prose(),
            xrefs: OnceLock::new(),
            links: OnceLock::new(),
            maps: std::cell::RefCell::default(),
        }
    }

    /// Every prose field.
    #[must_use]
    pub fn prose(&self) -> &[Prose<'a>] {
        &self.prose
    }

    /// Every cross-reference in prose, scanned once per file, each field's
    /// paragraphs as its scalar style has them. A bare label starting a
    /// paragraph (`C4. Management: …`) counts only when the words after it
    /// begin with its column's name in this cell's matrix (or a word of the
    /// same stem: `D1. Organisations: …`).
    pub fn xrefs(&self) -> &[FoundRef<'a>] {
        self.xrefs.get_or_init(|| {
            self.prose
                .iter()
                .flat_map(|p| {
                    xref::scan_scalar_for(p.node, &self.settings.registry)
                        .into_iter()
                        .map(|xref| FoundRef { prose: *p, xref })
                })
                .filter(|found| self.label_names_its_column(found))
                .collect()
        })
    }

    /// Whether a bare label's words begin its column's name (other references: true).
    fn label_names_its_column(&self, found: &FoundRef<'_>) -> bool {
        let Some(words) = &found.xref.label else { return true };
        let xref::Target::Cell(id) = &found.xref.target else { return false };
        let column = self.matrix().zip(CellId::parse(id)).and_then(|(m, c)| m.columns.get(c.column_index()));
        let first_word = |text: &str| text.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
        column.is_some_and(|name| {
            let (written, named) = (first_word(&found.prose.text[words.clone()]), first_word(name));
            // The same word, or one stem (`Organisations` for `Organisational functioning`).
            let common = written.chars().zip(named.chars()).take_while(|(a, b)| a == b).count();
            !named.is_empty() && (written == named || common >= 6)
        })
    }

    /// Every field's Markdown links, scanned once per file.
    pub fn links(&self) -> &[FoundLinks<'a>] {
        self.links.get_or_init(|| {
            self.prose
                .iter()
                .filter(|p| p.text.contains('['))
                .map(|p| FoundLinks { prose: *p, scan: markdown::scan(p.text) })
                .collect()
        })
    }

    /// The source span of `range` of a prose field's value.
    #[must_use]
    pub fn span_in(&self, prose: &Prose<'_>, range: Range<usize>) -> Span {
        // Aligning a long bite section costs as much as scanning it: once per field.
        let mut maps = self.maps.borrow_mut();
        maps.entry(prose.node.span.start)
            .or_insert_with(|| ValueMap::new(&self.file.text, prose.node.span, prose.text))
            .span(range)
    }

    /// A diagnostic of `rule` at `span` in this file.
    #[must_use]
    pub fn report(&self, rule: &'static RuleInfo, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(rule, self.file, span, message)
    }

    /// This cell's matrix, when `matrix` names a registered one.
    #[must_use]
    pub fn matrix(&self) -> Option<&'a Matrix> {
        self.settings.registry.get(self.cell.matrix()?)
    }

    /// The matrix a reference points into: the one it names (`… of the Alcohol
    /// Treatment Matrix`), else this cell's. `None` when that is unknown.
    #[must_use]
    pub fn target_matrix(&self, xref: &XRef) -> Option<&'a Matrix> {
        match &xref.matrix {
            Some((name, _)) => self.matrix_named(name),
            None => self.matrix(),
        }
    }

    /// The registered matrix a name in prose stands for: the name itself, or
    /// the longest run of its last words that is a matrix's full or short
    /// name (`Effectiveness Bank Alcohol Treatment Matrix`, `See Drug Matrix`
    /// at a sentence's start).
    #[must_use]
    pub(crate) fn matrix_named(&self, name: &str) -> Option<&'a Matrix> {
        let registry = &self.settings.registry;
        let words: Vec<&str> = name.split_whitespace().collect();
        (0..words.len()).find_map(|skip| registry.by_name(&words[skip..].join(" ")))
    }

    /// This cell's id, when well formed.
    #[must_use]
    pub(crate) fn cell_id(&self) -> Option<CellId> {
        CellId::parse(self.cell.cell()?)
    }
}

/// The rules the evidence audit (`matrixlint evidence`) reports, never
/// `check`: `check` cannot tell whether their suppressions are used.
pub const EVIDENCE_RULES: [&str; 7] = [
    "retracted",
    "expression-of-concern",
    "corrected",
    "superseded",
    "year-mismatch",
    "free-source-closed",
    "free-source-available",
];

/// The fields of an entry, as the cell schema's `$defs/entry` lists them
/// (`tests/it/rules.rs` keeps the two in step).
pub const ENTRY_FIELDS: [&str; 12] = [
    "tier",
    "title",
    "year",
    "year_end",
    "edition",
    "issuer",
    "url",
    "free_source",
    "doi",
    "pmid",
    "text",
    "discussion",
];

/// Whether `entry` has an unknown key that stands for `field`: a misspelling
/// (`yaer:`) the schema reports as one finding, naming `field`. A rule that
/// would report `field` missing stays silent then: one mistake, one finding.
#[must_use]
pub fn misspelt(entry: &crate::cell::Entry<'_>, field: &str) -> bool {
    let Some(keys) = entry.node.as_map() else { return false };
    let mut known: Option<Vec<String>> = None;
    keys.iter().filter_map(|(k, _)| k.as_str()).filter(|k| !ENTRY_FIELDS.contains(k)).any(|k| {
        let known = known.get_or_insert_with(|| ENTRY_FIELDS.iter().map(|f| (*f).to_owned()).collect());
        crate::suggest::closest(k, known) == Some(field)
    })
}

/// The study entries (S, K, R, G) without `field`, each with its first label
/// and the span of `tier: …` (the label is what asks for the field). That
/// span is one no schema finding has: the schema reports a missing field at
/// the entry's first key and a bad label at the label, and a rule's finding
/// at the same place would stand for those. An entry with a misspelling of
/// `field` is left to the schema's one finding, an unknown label to
/// `unknown-tier`.
#[must_use]
pub(crate) fn studies_without<'a>(cx: &Context<'a>, field: &str) -> Vec<(&'a str, Span)> {
    cx.cell
        .entries()
        .into_iter()
        .filter(|entry| entry.get(field).is_none() && !misspelt(entry, field))
        .filter_map(|entry| {
            let label = entry.tier().filter(|t| t.is_document())?.label();
            let (key, value) = entry.node.entry("tier")?;
            Some((label, Span::new(key.span.start, value.span.end)))
        })
        .collect()
}
