//! The heading line: `Drug Treatment Matrix cell B2: Practitioners: Generic and
//! cross-cutting issues` and its published variants (short matrix name, colon
//! or semicolon, an "Effectiveness Bank" prefix, an empty subtitle), and the
//! current layout's `Alcohol Treatment Matrix cell A4 Matrix cell logo` with
//! the subtitle on the next line.

use std::sync::LazyLock;

use regex::Regex;

use super::ImportError;
use crate::markdown;
use crate::registry::{CellId, Registry};

/// What the heading says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Heading {
    /// The matrix id from the registry (`drug`).
    pub matrix: String,
    /// The cell id (`B2`).
    pub cell: String,
    /// The subtitle as printed; `None` when the page gives none.
    pub title: Option<String>,
    /// The "Matrix cell logo" form: the subtitle is the next line.
    pub logo: bool,
    /// No subtitle and no separator (`Alcohol Treatment Matrix cell E5`): an
    /// older layout that prints the subtitle on the next line.
    pub bare: bool,
}

/// `<name> cell <id>[: <title>]`, after an optional "Effectiveness Bank" prefix.
/// The name is matched lazily so that "cell" inside the title is not taken.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:Effectiveness Bank\s*[:–—-]?\s*)?(?P<name>[^:;]{1,80}?)\s+cell\s+(?P<cell>[a-z][0-9]{1,2})\b(?P<logo>\s+Matrix\s+cell\s+logo)?\s*(?:(?P<sep>[:;–—-])\s*(?P<title>.*))?$",
    )
    .expect("valid heading regex")
});

/// Reads `text` (one paragraph) as a heading. `None` when it is not shaped
/// like one or names something that is not a matrix; an error when it is
/// clearly a heading (the name ends in "Matrix") that cannot be used.
pub(crate) fn parse(text: &str, line: usize, registry: &Registry) -> Option<Result<Heading, ImportError>> {
    let plain = markdown::plain(text).0;
    let caps = HEADING.captures(plain.trim())?;
    let name = caps.name("name").map_or("", |m| m.as_str()).trim();
    let cell = caps.name("cell").map_or("", |m| m.as_str()).to_ascii_uppercase();
    let Some(matrix) = registry.by_name(name) else {
        let looks_like_matrix = name.to_ascii_lowercase().ends_with("matrix");
        return looks_like_matrix.then(|| Err(ImportError::UnknownMatrix { name: name.to_owned(), line }));
    };
    if !CellId::parse(&cell).is_some_and(|id| matrix.has_cell(id)) {
        return Some(Err(ImportError::CellOutsideGrid { matrix: matrix.name.clone(), cell, line }));
    }
    let title = caps.name("title").map(|m| m.as_str().trim().to_owned()).filter(|t| !t.is_empty());
    let logo = caps.name("logo").is_some();
    let bare = !logo && caps.name("sep").is_none();
    Some(Ok(Heading { matrix: matrix.id.clone(), cell, title, logo, bare }))
}

/// How many lines from `line` stand alone (see [`super::page::paragraphs`]):
/// 2 for a "Matrix cell logo" heading and the subtitle on the line after it,
/// else 0. A heading with its subtitle after a colon may be hard-wrapped onto
/// the next line, so it does not stand alone.
pub(crate) fn lines_alone(line: &str) -> usize {
    let plain = markdown::plain(line).0;
    HEADING.captures(plain.trim()).filter(|caps| caps.name("logo").is_some()).map_or(0, |_| 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(text: &str) -> Option<Result<Heading, ImportError>> {
        parse(text, 7, &Registry::default())
    }

    fn ok(matrix: &str, cell: &str, title: Option<&str>) -> Option<Result<Heading, ImportError>> {
        Some(Ok(Heading {
            matrix: matrix.into(),
            cell: cell.into(),
            title: title.map(Into::into),
            logo: false,
            bare: false,
        }))
    }

    #[test]
    fn the_logo_form_has_its_subtitle_on_the_next_line() {
        let logo = Heading { matrix: "alcohol".into(), cell: "A4".into(), title: None, logo: true, bare: false };
        assert_eq!(heading("Alcohol Treatment Matrix cell A4 Matrix cell logo"), Some(Ok(logo)));
        assert_eq!(lines_alone("Alcohol Treatment Matrix cell A4 Matrix cell logo"), 2);
        assert_eq!(lines_alone("Drug Treatment Matrix cell B2: Practitioners"), 0);
        assert_eq!(lines_alone("For subtopics see cell A2 of the matrix."), 0);
    }

    #[test]
    fn published_variants() {
        let colon = "Practitioners: Generic and cross-cutting issues";
        assert_eq!(
            heading("Drug Treatment Matrix cell B2: Practitioners: Generic and cross-cutting issues"),
            ok("drug", "B2", Some(colon))
        );
        assert_eq!(
            heading("Alcohol Matrix cell C2: Management/supervision; Generic and cross-cutting issues"),
            ok("alcohol", "C2", Some("Management/supervision; Generic and cross-cutting issues"))
        );
        assert_eq!(
            heading("Effectiveness Bank Drug Treatment Matrix cell E1: Treatment systems; Reducing harm"),
            ok("drug", "E1", Some("Treatment systems; Reducing harm"))
        );
        assert_eq!(heading("Effectiveness Bank: Drug Matrix cell A4:"), ok("drug", "A4", None));
        // No separator: an older layout whose subtitle is on the next line.
        let bare = Heading { matrix: "drug".into(), cell: "A4".into(), title: None, logo: false, bare: true };
        assert_eq!(heading("**Drug Treatment Matrix cell A4**"), Some(Ok(bare)));
    }

    #[test]
    fn non_headings_and_bad_headings() {
        assert_eq!(heading("For subtopics see cell A2 of the matrix."), None);
        assert_eq!(heading("Cell phones are everywhere"), None);
        assert!(matches!(heading("Cannabis Matrix cell B2: x"), Some(Err(ImportError::UnknownMatrix { line: 7, .. }))));
        assert!(matches!(heading("Drug Matrix cell F2: x"), Some(Err(ImportError::CellOutsideGrid { .. }))));
        assert!(matches!(heading("Drug Matrix cell B9"), Some(Err(ImportError::CellOutsideGrid { .. }))));
    }
}
