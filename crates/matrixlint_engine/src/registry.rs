//! The registry of matrices: their ids, names, columns and rows.
//!
//! The default list ships with the tool (`crates/matrixlint_engine/data/matrices.yaml`); configuration can
//! extend or replace it. Columns are lettered from `A`, rows numbered from `1`.

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

/// The matrices known to a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Registry {
    /// In configuration order.
    pub matrices: Vec<Matrix>,
}

/// The list shipped with the tool.
pub(crate) const DEFAULT_MATRICES: &str = include_str!("../data/matrices.yaml");

impl Default for Registry {
    fn default() -> Self {
        let root = crate::source::yaml::load(DEFAULT_MATRICES).expect("shipped registry is valid YAML");
        serde_json::from_value(root.to_json()).expect("shipped registry matches its type")
    }
}

impl Registry {
    /// The matrix with id `id`.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Matrix> {
        self.matrices.iter().find(|m| m.id == id)
    }

    /// The matrix whose full or short name is `name` (case-insensitive).
    #[must_use]
    pub fn by_name(&self, name: &str) -> Option<&Matrix> {
        self.matrices.iter().find(|m| m.name.eq_ignore_ascii_case(name) || m.short_name.eq_ignore_ascii_case(name))
    }

    /// Adds `more`, replacing any matrix with the same id.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Matrix>) {
        for m in more {
            match self.matrices.iter_mut().find(|old| old.id == m.id) {
                Some(old) => *old = m,
                None => self.matrices.push(m),
            }
        }
    }

    /// Ids of all matrices, for messages.
    #[must_use]
    pub fn ids(&self) -> Vec<&str> {
        self.matrices.iter().map(|m| m.id.as_str()).collect()
    }
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

    #[test]
    fn cell_ids_parse_strictly() {
        assert!(CellId::parse("B2").is_some());
        assert!(CellId::parse("b2").is_none());
        assert!(CellId::parse("B0").is_none());
        assert!(CellId::parse("B").is_none());
        assert!(CellId::parse("").is_none());
    }
}
