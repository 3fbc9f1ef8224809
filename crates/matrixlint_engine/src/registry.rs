//! The registry of matrices: their ids, names, columns and rows.
//!
//! The default list ships with the tool (`crates/matrixlint_engine/data/matrices.yaml`); configuration can
//! extend or replace it. Columns are lettered from `A`, rows numbered from `1`.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// One matrix: a grid of cells.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Matrix {
    /// The id used in cell sources and paths (`drug`).
    pub id: String,
    /// The full name house style wants in prose (`Drug Treatment Matrix`).
    pub name: String,
    /// The short name seen in navigation (`Drug Matrix`).
    pub short_name: String,
    /// Where the published pages live (`Matrix/Drugs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_path: Option<String>,
    /// Column names, column `A` first.
    pub columns: Vec<String>,
    /// Row names, row `1` first.
    pub rows: Vec<String>,
}

/// A cell id split into its column letter and row number, checked against nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellId {
    /// `A`…
    pub column: char,
    /// 1…
    pub row: u8,
}

impl CellId {
    /// Parses `B2`; anything else is `None`.
    #[must_use]
    pub fn parse(text: &str) -> Option<Self> {
        let mut chars = text.chars();
        let column = chars.next().filter(char::is_ascii_uppercase)?;
        let row = chars.as_str().parse::<u8>().ok().filter(|r| *r >= 1)?;
        Some(Self { column, row })
    }

    /// Zero-based column index.
    #[must_use]
    pub(crate) fn column_index(self) -> usize {
        (self.column as u8 - b'A') as usize
    }
}

impl std::fmt::Display for CellId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.column, self.row)
    }
}

impl Matrix {
    /// Whether `id` names a cell of this grid.
    #[must_use]
    pub fn has_cell(&self, id: CellId) -> bool {
        id.column_index() < self.columns.len() && usize::from(id.row) <= self.rows.len()
    }

    /// Whether column letter `c` exists.
    #[must_use]
    pub(crate) fn has_column(&self, c: char) -> bool {
        c.is_ascii_uppercase() && ((c as u8 - b'A') as usize) < self.columns.len()
    }

    /// Whether row `n` exists.
    #[must_use]
    pub(crate) fn has_row(&self, n: usize) -> bool {
        (1..=self.rows.len()).contains(&n)
    }

    /// The canonical cell title, `<column>; <row>`.
    #[must_use]
    pub fn cell_title(&self, id: CellId) -> Option<String> {
        let column = self.columns.get(id.column_index())?;
        let row = self.rows.get(usize::from(id.row) - 1)?;
        Some(format!("{column}; {row}"))
    }

    /// The last column letter (`E` for a 5-column grid).
    #[must_use]
    pub fn last_column(&self) -> char {
        char::from(b'A' + u8::try_from(self.columns.len().saturating_sub(1)).unwrap_or(25))
    }
}

/// The matrices known to a run, with lookups by id and by name built once
/// (checking asks for a matrix by id or name for every file and reference, so
/// a registry of hundreds of matrices must cost no more per lookup than two).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "Vec<Matrix>", into = "Vec<Matrix>")]
pub struct Registry {
    /// In configuration order (read-only: the lookups are built from it).
    pub matrices: Matrices,
    lookup: Lookup,
}

/// The registered matrices in configuration order, as a read-only slice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Matrices(Vec<Matrix>);

impl std::ops::Deref for Matrices {
    type Target = [Matrix];

    fn deref(&self) -> &[Matrix] {
        &self.0
    }
}

impl<'a> IntoIterator for &'a Matrices {
    type Item = &'a Matrix;
    type IntoIter = std::slice::Iter<'a, Matrix>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Positions in [`Registry::matrices`], by what prose and sources call a matrix.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Lookup {
    by_id: HashMap<String, usize>,
    /// Full and short names, [`name_key`]ed; the first matrix with the name wins.
    by_name: HashMap<String, usize>,
    /// Short names as written (house style is case-sensitive).
    by_short_name: HashMap<String, usize>,
    /// The most words in any name: how far a name in prose can reach.
    most_words: usize,
}

impl Lookup {
    fn new(matrices: &[Matrix]) -> Self {
        let mut lookup = Self::default();
        for (at, m) in matrices.iter().enumerate() {
            lookup.by_id.entry(m.id.clone()).or_insert(at);
            for name in [&m.name, &m.short_name] {
                lookup.by_name.entry(name_key(name.split_whitespace())).or_insert(at);
                lookup.most_words = lookup.most_words.max(name.split_whitespace().count());
            }
            lookup.by_short_name.entry(m.short_name.clone()).or_insert(at);
        }
        lookup
    }
}

/// How names compare: words in ASCII lower case, one space apart, either
/// apostrophe (`People's`, `People’s`).
fn name_key<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for word in words {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().map(|c| if c == '’' { '\'' } else { c.to_ascii_lowercase() }));
    }
    key
}

/// The list shipped with the tool.
pub(crate) const DEFAULT_MATRICES: &str = include_str!("../data/matrices.yaml");

impl Default for Registry {
    fn default() -> Self {
        let root = crate::source::yaml::load(DEFAULT_MATRICES).expect("shipped registry is valid YAML");
        Self::new(serde_json::from_value(root.to_json()).expect("shipped registry matches its type"))
    }
}

impl From<Vec<Matrix>> for Registry {
    fn from(matrices: Vec<Matrix>) -> Self {
        Self::new(matrices)
    }
}

impl From<Registry> for Vec<Matrix> {
    fn from(registry: Registry) -> Self {
        registry.matrices.0
    }
}

impl Registry {
    /// A registry of `matrices`, in this order.
    #[must_use]
    pub fn new(matrices: Vec<Matrix>) -> Self {
        let lookup = Lookup::new(&matrices);
        Self { matrices: Matrices(matrices), lookup }
    }

    /// The matrix with id `id`.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Matrix> {
        self.lookup.by_id.get(id).map(|at| &self.matrices[*at])
    }

    /// The matrix whose full or short name is `name` (case-insensitive, any
    /// run of white space between words).
    #[must_use]
    pub fn by_name(&self, name: &str) -> Option<&Matrix> {
        self.named(name.split_whitespace())
    }

    /// The matrix whose full or short name is these words (case-insensitive).
    fn named<'a>(&self, words: impl Iterator<Item = &'a str>) -> Option<&Matrix> {
        self.lookup.by_name.get(&name_key(words)).map(|at| &self.matrices[*at])
    }

    /// The matrix whose short name is exactly `short_name`.
    #[must_use]
    pub fn by_short_name(&self, short_name: &str) -> Option<&Matrix> {
        self.lookup.by_short_name.get(short_name).map(|at| &self.matrices[*at])
    }

    /// The longest registered name (full or short) that `text` starts with,
    /// whole words only, and its length in bytes: `Bench 17 Treatment
    /// Matrix` in `Bench 17 Treatment Matrix, which …`. Punctuation after
    /// the name's last word (a full stop, a possessive `’s`) is not the name's.
    #[must_use]
    pub fn name_at_start(&self, text: &str) -> Option<(&Matrix, usize)> {
        let words: Vec<&str> = text.split_whitespace().take(self.lookup.most_words).collect();
        (1..=words.len()).rev().find_map(|n| {
            let mut name = words[..n].to_vec();
            let last = name[n - 1];
            let start = offset(text, last);
            // The word as written, without closing punctuation, without a possessive too.
            let bare = last.trim_end_matches(CLOSING);
            let stem = bare.strip_suffix("’s").or_else(|| bare.strip_suffix("'s")).unwrap_or(bare);
            let mut tried = "";
            [last, bare, stem].into_iter().find_map(|word| {
                if word.is_empty() || word == std::mem::replace(&mut tried, word) {
                    return None;
                }
                name[n - 1] = word;
                self.named(name.iter().copied()).map(|m| (m, start + word.len()))
            })
        })
    }

    /// The longest registered name (full or short) that `text` ends with,
    /// whole words only, and the byte where it starts: `Bench 17 Treatment
    /// Matrix` in `(see the Bench 17 Treatment Matrix`. An opening bracket or
    /// quotation mark before the name's first word is not the name's; white
    /// space after its last word is skipped.
    #[must_use]
    pub fn name_at_end(&self, text: &str) -> Option<(&Matrix, usize)> {
        let mut words: Vec<&str> = text.split_whitespace().collect();
        words.drain(..words.len().saturating_sub(self.lookup.most_words));
        (0..words.len()).find_map(|first| {
            let mut name = words[first..].to_vec();
            let head = name[0];
            let start = offset(text, head);
            if let Some(m) = self.named(name.iter().copied()) {
                return Some((m, start));
            }
            name[0] = head.trim_start_matches(OPENING);
            let cut = head.len() - name[0].len();
            (cut > 0 && cut < head.len()).then(|| self.named(name.iter().copied()))?.map(|m| (m, start + cut))
        })
    }

    /// Adds `more`, replacing any matrix with the same id.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Matrix>) {
        let mut matrices = std::mem::take(&mut self.matrices.0);
        let mut at: HashMap<String, usize> = matrices.iter().enumerate().map(|(i, m)| (m.id.clone(), i)).collect();
        for m in more {
            match at.get(&m.id) {
                Some(old) => matrices[*old] = m,
                None => {
                    at.insert(m.id.clone(), matrices.len());
                    matrices.push(m);
                }
            }
        }
        *self = Self::new(matrices);
    }

    /// Ids of all matrices, for messages.
    #[must_use]
    pub fn ids(&self) -> Vec<&str> {
        self.matrices.iter().map(|m| m.id.as_str()).collect()
    }
}

/// What may open a phrase before a name: brackets and quotation marks.
const OPENING: &[char] = &['(', '[', '{', '"', '\'', '“', '‘'];

/// What may close a phrase after a name: punctuation, brackets and quotation marks.
const CLOSING: &[char] = &['.', ',', ';', ':', '!', '?', ')', ']', '}', '"', '”', '\'', '’'];

/// Where `part`, a slice of `text`, starts in it.
fn offset(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_registry_has_both_matrices_with_five_by_five_grids() {
        let r = Registry::default();
        assert_eq!(r.ids(), vec!["alcohol", "drug"]);
        let drug = r.get("drug").unwrap();
        assert_eq!(
            drug.cell_title(CellId::parse("B2").unwrap()).unwrap(),
            "Practitioners; Generic and cross-cutting issues"
        );
        assert_eq!(r.get("alcohol").unwrap().rows[0], "Screening and brief intervention");
        assert!(drug.has_cell(CellId::parse("E5").unwrap()));
        assert!(!drug.has_cell(CellId::parse("F2").unwrap()));
        assert!(!drug.has_cell(CellId::parse("A6").unwrap()));
        assert_eq!(drug.last_column(), 'E');
        assert_eq!(r.by_name("alcohol matrix").unwrap().id, "alcohol");
    }

    fn grid(id: &str, name: &str, short_name: &str) -> Matrix {
        Matrix {
            id: id.into(),
            name: name.into(),
            short_name: short_name.into(),
            ..Registry::default().matrices[0].clone()
        }
    }

    #[test]
    fn lookups_follow_extension_and_the_first_of_a_name_wins() {
        let mut r = Registry::default();
        r.extend([grid("drug", "Drugs Grid", "Drugs"), grid("m7", "Bench 7 Treatment Matrix", "Drugs")]);
        assert_eq!(r.ids(), ["alcohol", "drug", "m7"], "replaced in place, added at the end");
        assert_eq!(r.get("drug").unwrap().name, "Drugs Grid");
        assert!(r.by_name("Drug Treatment Matrix").is_none(), "the replaced matrix's names are gone");
        assert_eq!(r.by_name("drugs").unwrap().id, "drug", "the first matrix with a name wins");
        assert_eq!(r.by_name("bench  7\ntreatment MATRIX").unwrap().id, "m7");
        assert_eq!(r.by_short_name("Drugs").unwrap().id, "drug");
        assert!(r.by_short_name("drugs").is_none(), "short names as written");
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!(serde_json::from_value::<Registry>(json).unwrap(), r, "serialised as the list");
    }

    #[test]
    fn names_at_the_start_and_end_of_prose() {
        let mut r = Registry::default();
        r.extend([grid("m7", "Bench 7 Treatment Matrix", "Bench 7 Matrix")]);
        let text = "Bench 7 Treatment Matrix’s bite";
        assert_eq!(
            r.name_at_start(text).map(|(m, end)| (m.id.as_str(), &text[..end])),
            Some(("m7", "Bench 7 Treatment Matrix"))
        );
        assert_eq!(r.name_at_start("Alcohol Matrix.").map(|(m, end)| (m.id.as_str(), end)), Some(("alcohol", 14)));
        assert!(r.name_at_start("Bench 8 Treatment Matrix").is_none());
        // A name ending in a possessive keeps it; a full stop after it is not the name's.
        r.extend([grid("young", "Young People's", "Young People's Matrix")]);
        assert_eq!(r.name_at_start("Young People's.").map(|(m, end)| (m.id.as_str(), end)), Some(("young", 14)));
        assert!(r.name_at_start("Bench 7 Treatment Matrixes").is_none(), "whole words only");
        let text = "as the (Bench 7 Matrix";
        assert_eq!(
            r.name_at_end(text).map(|(m, start)| (m.id.as_str(), &text[start..])),
            Some(("m7", "Bench 7 Matrix"))
        );
        assert!(r.name_at_end("the Bench 7 Matrix today").is_none(), "the name ends the text");
        assert!(r.name_at_end("").is_none() && r.name_at_start("").is_none());
    }

    #[test]
    fn cell_ids_parse_strictly() {
        assert!(CellId::parse("B2").is_some());
        assert!(CellId::parse("b2").is_none());
        assert!(CellId::parse("B0").is_none());
        assert!(CellId::parse("B").is_none());
        assert!(CellId::parse("").is_none());
    }
}
